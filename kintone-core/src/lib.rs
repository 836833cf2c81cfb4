//! `kintone-core`: the Kintone side of the kintone-odbc driver.
//!
//! * [`connection_string`], [`properties`]: the ODBC connection string and
//!   the validated connection properties, with CData's names.
//! * [`client`]: [`Client`], the authenticated, TLS-configured HTTP client
//!   of one connection (headers per scheme, the Basic gate, guest spaces,
//!   proxies, client certificates, retries of reads within `Timeout`).
//! * [`metadata`] + [`schema`]: apps, fields, number precision and process
//!   management, cached per client.
//! * [`read`]: record pages through the cursor, `$id` seek (also in
//!   parallel ranges) and offset paging, behind one [`RecordStream`].
//! * [`write`](mod@write): batched writes, `bulkRequest`, status, comments, files.
//! * [`logging`]: `Logfile` and `Verbosity`, secrets scrubbed.
//! * [`error`]: one [`Error`] with an [`ErrorCategory`] for SQLSTATEs.

pub mod client;
pub mod connection_string;
pub mod decode;
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
