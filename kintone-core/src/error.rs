//! The error type of the crate.
//!
//! One enum for everything `kintone-core` can fail with. The driver maps each
//! variant to an SQLSTATE in one place, so variants describe *what kind* of
//! failure happened rather than where.
//!
//! Messages never contain the value of a secret (passwords, tokens, keys):
//! they name the property and say what is allowed instead.

/// Everything that can go wrong in `kintone-core`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The connection string does not follow the ODBC syntax
    /// (unterminated brace, a segment without `=`, text after a closing brace...).
    #[error("malformed connection string at character {position}: {message}")]
    ConnectionString {
        /// 1-based character position in the connection string where the problem was found.
        position: usize,
        /// What is wrong, and how to fix it.
        message: String,
    },

    /// A connection property is missing, has a value that cannot be parsed, or
    /// conflicts with another property.
    #[error("invalid connection property {key}: {message}")]
    InvalidProperty {
        /// The property's canonical (CData) name, e.g. `Pagesize`.
        key: String,
        /// What is wrong and what is allowed. Never contains a secret.
        message: String,
    },

    /// A records page could not be decoded into the requested columns.
    #[error(transparent)]
    Decode(#[from] crate::decode::DecodeError),
}

impl Error {
    /// Shorthand for [`Error::InvalidProperty`].
    pub fn invalid_property(key: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidProperty {
            key: key.into(),
            message: message.into(),
        }
    }
}

/// `Result` with the crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
