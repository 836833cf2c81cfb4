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

/// Shorthand for the driver's results.
pub type DriverResult<T> = Result<T, DriverError>;

impl DriverError {
    /// With a native error code.
    pub fn with_native(mut self, native_error: i32) -> Self {
        self.native_error = native_error;
        self
    }

    /// An unsupported optional feature (HYC00).
    pub fn not_supported(what: impl std::fmt::Display) -> Self {
        DriverError::new("HYC00", format!("optional feature not implemented: {what}"))
    }

    /// A function called in the wrong state (HY010).
    pub fn sequence(what: impl std::fmt::Display) -> Self {
        DriverError::new("HY010", format!("function sequence error: {what}"))
    }

    /// A failure while connecting: invalid properties mean the connection
    /// could not be made (08001) rather than a general error.
    pub fn from_connect(err: sql::Error) -> Self {
        if let sql::Error::Kintone(k) = &err {
            if k.category() == kintone_core::ErrorCategory::Properties {
                return DriverError::new("08001", format!("[Kintone] {k}"));
            }
        }
        DriverError::from(err)
    }
}

/// The one SQLSTATE table for Kintone's failures.
fn kintone_sqlstate(err: &kintone_core::Error) -> &'static str {
    use kintone_core::ErrorCategory as C;
    match err.category() {
        C::Properties => "HY024",
        C::Connect | C::Tls => "08001",
        C::Auth => "28000",
        C::Permission => "42000",
        C::Timeout => "HYT00",
        C::Link => "08S01",
        C::Conflict => "40001",
        C::Other => "HY000",
    }
}

impl From<kintone_core::Error> for DriverError {
    fn from(err: kintone_core::Error) -> Self {
        // kintone_core's messages carry Kintone's code and message and never a secret.
        let native = err.http_status().map(i32::from).unwrap_or(0);
        DriverError::new(kintone_sqlstate(&err), format!("[Kintone] {err}")).with_native(native)
    }
}

impl From<sql::Error> for DriverError {
    fn from(err: sql::Error) -> Self {
        let state = match &err {
            sql::Error::Syntax(_) => "42000",
            sql::Error::UnknownTable(_) => "42S02",
            sql::Error::UnknownColumn(_) => "42S22",
            sql::Error::Unsupported(_) => "HYC00",
            sql::Error::Parameter { .. } => "07002",
            sql::Error::Plan(_) => "42000",
            sql::Error::Execution(_) => "HY000",
            sql::Error::Cancelled => "HY008",
            sql::Error::Kintone(k) => return DriverError::from(k.clone()),
            _ => "HY000",
        };
        DriverError::new(state, format!("[Kintone] {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kintone_categories_map_to_the_sqlstate_table() {
        let auth = kintone_core::Error::Api {
            status: 401,
            code: "CB_AU01".into(),
            message: "login failed".into(),
            id: None,
            errors: None,
        };
        let e = DriverError::from(sql::Error::Kintone(auth));
        assert_eq!(e.sqlstate, "28000");
        assert_eq!(e.native_error, 401);
        assert!(e.message.contains("CB_AU01"), "{}", e.message);
        let link = kintone_core::Error::Link {
            message: "reset".into(),
        };
        assert_eq!(DriverError::from(link).sqlstate, "08S01");
        let timeout = kintone_core::Error::Timeout {
            seconds: 5,
            during: "x".into(),
        };
        assert_eq!(DriverError::from(timeout).sqlstate, "HYT00");
        assert_eq!(
            DriverError::from(sql::Error::UnknownTable("t".into())).sqlstate,
            "42S02"
        );
        let bad = kintone_core::Error::invalid_property("Url", "missing");
        assert_eq!(
            DriverError::from_connect(sql::Error::Kintone(bad)).sqlstate,
            "08001"
        );
    }
}
