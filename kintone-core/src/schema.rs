//! Typed Kintone metadata: apps, form fields, number precision and process
//! management, parsed from the JSON bodies of `apps.json`, `app.json`,
//! `app/form/fields.json`, `app/settings.json` and `app/status.json`.
//!
//! Pure data + serde, no HTTP. Kintone sends ids, revisions and limits as
//! strings (`"5"`); they are parsed into numbers here, and blank settings
//! (`""`, `null`) become `None`. The helper methods answer what the SQL layer
//! asks of a field: may it be written ([`FieldType::writability`]), which
//! query operators it takes ([`FieldDef::queryable_operators`]), can it be
//! sorted, is it in a table.

mod app;
mod field;
mod field_type;
mod lenient;
mod settings;
mod status;
#[cfg(test)]
mod tests;

pub use app::{AppInfo, AppsPage, Entity};
pub use field::{
    CalcFormat, DefaultValue, FieldDef, FieldMapping, FieldOption, FormFields, Lookup, RelatedApp,
};
pub use field_type::{FieldType, QueryOperator, Writability};
pub use settings::{AppSettings, NumberPrecision, RoundingMode};
pub use status::{ProcessAction, ProcessManagement, ProcessState};
