//! The driver's error: an SQLSTATE, a native error code and a message.
//! Every failure reaching the application goes through [`DriverError`];
//! the mapping from the SQL layer's and Kintone's errors to SQLSTATEs is
//! here and nowhere else. Messages never contain secrets.

/// One diagnostic record's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriverError {
    /// Five-character SQLSTATE, e.g. `42S02`.
    pub sqlstate: &'static str,
    /// The native error code (0 when there is none).
    pub native_error: i32,
    /// The message, prefixed by the driver as ODBC wants
    /// (`[kintone-odbc]...`) when it is recorded.
    pub message: String,
}

impl DriverError {
    pub fn new(sqlstate: &'static str, message: impl Into<String>) -> Self {
        DriverError {
            sqlstate,
            native_error: 0,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.sqlstate, self.message)
    }
}

impl std::error::Error for DriverError {}
