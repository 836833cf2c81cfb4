//! `kintone-core`: the Kintone side of the kintone-odbc driver.
//!
//! So far: the ODBC connection-string syntax ([`connection_string`]) and the
//! typed, validated connection properties ([`properties`]), with CData's
//! property names.

pub mod client;
pub mod connection_string;
pub mod error;
pub mod logging;
pub mod metadata;
pub mod properties;
pub mod read;
pub mod schema;
mod secret;
pub mod write;

pub use client::Client;
pub use connection_string::ConnectionString;
pub use error::{Error, ErrorCategory, Result};
pub use properties::Properties;
pub use read::{Page, Paging, ReadRequest, RecordStream};
pub use secret::Secret;
