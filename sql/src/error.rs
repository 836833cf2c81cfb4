//! The error type of the SQL layer. The driver maps each variant to an
//! SQLSTATE in one place; messages never contain secrets.

/// Everything the SQL layer can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not valid SQL (or uses an unknown escape clause). SQLSTATE 42000.
    #[error("syntax error: {0}")]
    Syntax(String),
    /// A table name that the catalog does not know. SQLSTATE 42S02.
    #[error("unknown table: {0}")]
    UnknownTable(String),
    /// A column name that the table does not have. SQLSTATE 42S22.
    #[error("unknown column: {0}")]
    UnknownColumn(String),
    /// Valid SQL that this driver does not support (yet). SQLSTATE HYC00 / 0A000.
    #[error("not supported: {0}")]
    Unsupported(String),
    /// A parameter is missing, of the wrong type or out of range. SQLSTATE 07002 / 22018.
    #[error("parameter {index}: {message}")]
    Parameter {
        /// 1-based parameter number.
        index: usize,
        message: String,
    },
    /// Planning or execution failed in DataFusion for another reason
    /// (type errors, division by zero...). SQLSTATE 42000 when planning, HY000 else.
    #[error("{0}")]
    Plan(String),
    #[error("{0}")]
    Execution(String),
    /// The statement was cancelled. SQLSTATE HY008.
    #[error("operation cancelled")]
    Cancelled,
    /// Kintone or the connection failed; the category gives the SQLSTATE.
    #[error(transparent)]
    Kintone(#[from] kintone_core::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Sorts a DataFusion error into our variants (the innermost cause decides).
    pub fn from_datafusion(error: datafusion::error::DataFusionError) -> Error {
        use datafusion::common::SchemaError;
        use datafusion::error::DataFusionError as D;
        match error {
            D::Context(_, inner) => Error::from_datafusion(*inner),
            D::Diagnostic(_, inner) => Error::from_datafusion(*inner),
            D::Shared(shared) => match std::sync::Arc::try_unwrap(shared) {
                Ok(inner) => Error::from_datafusion(inner),
                Err(shared) => Error::Execution(shared.to_string()),
            },
            D::External(e) => match e.downcast::<Error>() {
                Ok(ours) => *ours,
                Err(e) => match e.downcast::<kintone_core::Error>() {
                    Ok(core) => Error::Kintone(*core),
                    Err(e) => Error::Execution(e.to_string()),
                },
            },
            D::SQL(e, _) => Error::Syntax(e.to_string()),
            D::SchemaError(e, _) => match *e {
                SchemaError::FieldNotFound { field, .. } => {
                    Error::UnknownColumn(field.name().to_owned())
                }
                other => Error::Plan(other.to_string()),
            },
            D::Plan(message) if message.contains("not found") && message.starts_with("table") => {
                Error::UnknownTable(message)
            }
            D::Plan(message) => Error::Plan(message),
            D::NotImplemented(message) => Error::Unsupported(message),
            other => {
                let message = other.to_string();
                if message.contains("table '") && message.contains("not found") {
                    Error::UnknownTable(message)
                } else {
                    Error::Execution(message)
                }
            }
        }
    }
}
