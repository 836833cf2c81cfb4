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

    /// Kintone answered with its JSON error body, kept intact:
    /// `{"code":"GAIA_CO02","id":"...","message":"...","errors":{...}}`.
    #[error("Kintone error {code} (HTTP {status}): {message}{}", id_suffix(.id))]
    Api {
        /// The HTTP status.
        status: u16,
        /// Kintone's error code, e.g. `CB_VA01`, `GAIA_CO02`.
        code: String,
        /// Kintone's message (in the user's language).
        message: String,
        /// Kintone's error id (quote it to Cybozu support).
        id: Option<String>,
        /// Per-field validation errors (`{"records[0].title.value":{"messages":[...]}}`).
        errors: Option<Box<serde_json::Value>>,
    },

    /// An HTTP error answer that is not Kintone's JSON error body (a load
    /// balancer's plain-text 503, a Basic-gate 401, a proxy error page...).
    #[error("HTTP {status} from the server: {body}")]
    Http {
        /// The HTTP status.
        status: u16,
        /// The start of the body, as text (possibly empty).
        body: String,
    },

    /// The operation did not finish within `Timeout` (retries included).
    #[error("timed out after {seconds} s (Timeout): {during}")]
    Timeout {
        /// The configured timeout, in seconds.
        seconds: u64,
        /// What was going on.
        during: String,
    },

    /// TLS could not be set up (certificates, keys) or the handshake failed.
    #[error("TLS: {message}")]
    Tls {
        /// What went wrong. Never contains key material or a password.
        message: String,
    },

    /// No connection could be made to the server (DNS, refused, proxy).
    #[error("cannot connect to {host}: {message}")]
    Connect {
        /// The host name of the Kintone URL.
        host: String,
        /// What went wrong.
        message: String,
    },

    /// The connection broke during a request: reset, closed early, or a
    /// truncated body.
    #[error("connection lost: {message}")]
    Link {
        /// What went wrong.
        message: String,
    },

    /// The server's answer could not be understood.
    #[error("unexpected response from Kintone ({api}): {message}")]
    Response {
        /// The API called, e.g. `records/cursor`.
        api: String,
        /// What was wrong with it.
        message: String,
    },

    /// A write split into several requests failed part-way: the first
    /// `committed` records were written (each request is all-or-nothing),
    /// the rest were not. Use `bulkRequest` for all-or-nothing groups.
    #[error("{committed} records were written before this error: {error}")]
    Partial {
        /// Records written by the requests that succeeded.
        committed: usize,
        /// The failure of the next request.
        error: Box<Error>,
    },

    /// The request cannot be served with these settings (e.g. a sorted read
    /// past 10,000 records without the cursor API).
    #[error("{message}")]
    Unsupported {
        /// Why, and what to do instead.
        message: String,
    },

    /// A records page could not be decoded into the requested columns.
    #[error(transparent)]
    Decode(#[from] crate::decode::DecodeError),
}

fn id_suffix(id: &Option<String>) -> String {
    match id {
        Some(id) => format!(" (id {id})"),
        None => String::new(),
    }
}

/// What kind of failure an [`Error`] is; the driver maps each to an SQLSTATE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCategory {
    /// The connection string or a property (08001 at connect, else HY000/HY024).
    Properties,
    /// No connection could be made (08001).
    Connect,
    /// Credentials were refused (28000).
    Auth,
    /// Authenticated, but not allowed to do this (42000).
    Permission,
    /// `Timeout` expired (HYT00).
    Timeout,
    /// The link broke during a request (08S01).
    Link,
    /// A stale revision in an update or delete (40001).
    Conflict,
    /// TLS setup or handshake (08001).
    Tls,
    /// Anything else Kintone refused, e.g. validation or a bad query (HY000).
    Other,
}

/// Kintone's codes for refused credentials (facts §2, §3).
const AUTH_CODES: [&str; 5] = ["CB_AU01", "CB_WA01", "GAIA_IA02", "GAIA_DA03", "CB_OA01"];
/// Kintone's codes that ask to try again later (facts §3).
const RETRYABLE_CODES: [&str; 3] = ["GAIA_TO04", "GAIA_DA02", "GAIA_RE18"];

impl Error {
    /// Shorthand for [`Error::InvalidProperty`].
    pub fn invalid_property(key: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidProperty {
            key: key.into(),
            message: message.into(),
        }
    }
}

impl Error {
    /// The Kintone error code (`GAIA_CO02`...) when Kintone sent one.
    pub fn kintone_code(&self) -> Option<&str> {
        match self {
            Error::Api { code, .. } => Some(code),
            Error::Partial { error, .. } => error.kintone_code(),
            _ => None,
        }
    }

    /// The HTTP status of an error answer.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::Http { status, .. } => Some(*status),
            Error::Partial { error, .. } => error.http_status(),
            _ => None,
        }
    }

    /// What kind of failure this is.
    pub fn category(&self) -> ErrorCategory {
        match self {
            Error::ConnectionString { .. } | Error::InvalidProperty { .. } => {
                ErrorCategory::Properties
            }
            Error::Connect { .. } => ErrorCategory::Connect,
            Error::Tls { .. } => ErrorCategory::Tls,
            Error::Timeout { .. } => ErrorCategory::Timeout,
            Error::Link { .. } => ErrorCategory::Link,
            Error::Partial { error, .. } => error.category(),
            _ if self.is_auth_failure() => ErrorCategory::Auth,
            _ if self.is_revision_conflict() => ErrorCategory::Conflict,
            Error::Api { status: 403, .. } | Error::Http { status: 403, .. } => {
                ErrorCategory::Permission
            }
            _ => ErrorCategory::Other,
        }
    }

    /// Credentials refused: 401 (Kintone's or the Basic gate's), a bad or
    /// duplicate API token, an invalid OAuth token.
    pub fn is_auth_failure(&self) -> bool {
        match self {
            Error::Api { status, code, .. } => {
                *status == 401 || AUTH_CODES.contains(&code.as_str())
            }
            Error::Http { status, .. } => *status == 401 || *status == 407,
            _ => false,
        }
    }

    /// An update or delete named a revision that is no longer current (`GAIA_CO02`).
    pub fn is_revision_conflict(&self) -> bool {
        self.kintone_code() == Some("GAIA_CO02")
    }

    /// Too many cursors are open on the domain (`GAIA_TM12`).
    pub fn is_too_many_cursors(&self) -> bool {
        self.kintone_code() == Some("GAIA_TM12")
    }

    /// A read may be sent again after this error: too many concurrent
    /// requests, a database lock, a gateway or maintenance answer (502, 503,
    /// 504), a broken connection. Writes are never retried, whatever this says.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api { status, code, .. } => {
                RETRYABLE_CODES.contains(&code.as_str()) || matches!(status, 502..=504)
            }
            Error::Http { status, .. } => matches!(status, 429 | 502..=504),
            Error::Link { .. } | Error::Connect { .. } => true,
            _ => false,
        }
    }

    /// The server refused the request before doing anything (too many
    /// concurrent requests, maintenance): even a request that must not run
    /// twice, like a cursor create, may be sent again.
    pub fn was_refused_unprocessed(&self) -> bool {
        match self {
            Error::Api { code, .. } => code == "GAIA_TO04",
            Error::Http { status, .. } => matches!(status, 429 | 503),
            Error::Connect { .. } => true,
            _ => false,
        }
    }
}

/// `Result` with the crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
