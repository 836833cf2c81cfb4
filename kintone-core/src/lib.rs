//! `kintone-core`: the Kintone side of the kintone-odbc driver.
//!
//! So far: the ODBC connection-string syntax ([`connection_string`]) and the
//! typed, validated connection properties ([`properties`]), with CData's
//! property names.

pub mod connection_string;
pub mod decode;
pub mod error;
pub mod properties;
pub mod schema;
mod secret;

pub use connection_string::ConnectionString;
pub use error::{Error, Result};
pub use properties::Properties;
pub use secret::Secret;
