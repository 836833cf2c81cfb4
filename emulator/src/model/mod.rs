//! The emulator's data model: what a Kintone domain holds.

mod app;
mod field;
mod store;
mod value;

pub use app::{ApiToken, App, Comment, FieldSlot, NumberPrecision, Record};
pub use field::{FieldDef, FieldType};
pub use store::{OAuthClient, Space, Store, StoredFile, User};
pub use value::{
    write_field_json, write_json_str, write_value_json, Entity, FileRef, TableRow, Value,
};
