//! The errors a query can produce (facts §3 codes, facts §6 rules).

use crate::api::ApiError;

/// A syntax error: `CB_VA01` keyed by `query` ([assumed] shape
/// `errors: {"query": {"messages": [...]}}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Character offset in the query where the problem was found.
    pub at: usize,
    pub message: String,
}

impl SyntaxError {
    pub fn at(at: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            at,
            message: message.into(),
        }
    }
}

impl From<SyntaxError> for ApiError {
    fn from(e: SyntaxError) -> ApiError {
        invalid_query(&format!("{} (at character {}).", e.message, e.at + 1))
    }
}

/// `CB_VA01` on `query`: the query is malformed or a value does not fit.
pub fn invalid_query(detail: &str) -> ApiError {
    ApiError::param("query", &format!("Invalid query: {detail}"))
}

/// `GAIA_IQ11`: the field code is not in the app.
pub fn unknown_field(code: &str) -> ApiError {
    ApiError::new(
        400,
        "GAIA_IQ11",
        format!("The specified field ({code}) does not exist in the query."),
    )
}

/// `GAIA_IQ03`: the operator (or function) cannot be used with the field's type.
pub fn operator_not_allowed(code: &str, op: &str) -> ApiError {
    ApiError::new(
        400,
        "GAIA_IQ03",
        format!("The operator \"{op}\" cannot be used for the field ({code}) in the query."),
    )
}

/// `GAIA_IQ07`: `=`/`!=` on a field inside a table.
pub fn table_field_equality(code: &str, op: &str) -> ApiError {
    ApiError::new(
        400,
        "GAIA_IQ07",
        format!(
            "The operator \"{op}\" cannot be used for the field ({code}) in a table. Use \"in\" or \"not in\" instead."
        ),
    )
}

/// `GAIA_IQ10`: an `in` value that is not an option of a selection field.
pub fn not_an_option(code: &str, value: &str) -> ApiError {
    ApiError::new(
        400,
        "GAIA_IQ10",
        format!("The value \"{value}\" is not an option of the field ({code}) in the query."),
    )
}

/// `GAIA_IL26`: an unknown user code in `in (...)` on a user field.
pub fn unknown_user(code: &str) -> ApiError {
    ApiError::new(
        400,
        "GAIA_IL26",
        format!("The specified user (code: {code}) not found."),
    )
}

/// `GAIA_IS02`: the field cannot be a sort key.
pub fn not_sortable(code: &str) -> ApiError {
    ApiError::new(
        400,
        "GAIA_IS02",
        format!("The field ({code}) cannot be specified in the sort condition."),
    )
}

/// `GAIA_QU01`: `limit` above 500.
pub fn limit_too_large() -> ApiError {
    ApiError::new(
        400,
        "GAIA_QU01",
        "The limit must be 500 or less in the query.",
    )
}

/// `GAIA_QU02`: `offset` above 10000.
pub fn offset_too_large() -> ApiError {
    ApiError::new(
        400,
        "GAIA_QU02",
        "The offset must be 10000 or less in the query.",
    )
}
