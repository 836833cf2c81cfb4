//! ODBC escape clauses (`{fn ...}`, `{d '...'}`, `{t '...'}`, `{ts '...'}`,
//! `{oj ...}`, `{escape '...'}`, `{call ...}`, `{?= call ...}`,
//! `{INTERVAL ...}`) rewritten into the SQL the planner accepts; the same
//! rewriting backs SQLNativeSql.
//!
//! What is rewritten to what:
//! - `{d 'yyyy-mm-dd'}` -> `DATE 'yyyy-mm-dd'`, `{t 'hh:mm:ss'}` -> `TIME '...'`,
//!   `{ts 'yyyy-mm-dd hh:mm:ss[.f]'}` -> `TIMESTAMP '...'` (the text is validated).
//! - `{oj t1 LEFT OUTER JOIN t2 ON ...}` -> the join itself.
//! - `LIKE 'p' {escape 'c'}` -> `LIKE 'p' ESCAPE '\'` (DataFusion only knows the
//!   backslash as escape character: another one is translated inside a literal pattern).
//! - `{call p(a, b)}` and `{?= call p(a)}` -> `CALL p(a, b)` (a procedure's
//!   return value comes back as its result set).
//! - `{INTERVAL [-]'v' qualifier}` -> `INTERVAL '[-]v unit ...'`.
//! - `{fn name(args)}` -> the DataFusion equivalent of each function in
//!   [`STRING_FUNCTIONS`], [`NUMERIC_FUNCTIONS`], [`TIMEDATE_FUNCTIONS`],
//!   [`SYSTEM_FUNCTIONS`] and `CONVERT(x, SQL_type)` for the types in
//!   [`CONVERT_TYPES`]; anything else is a syntax error, so that SQLGetInfo
//!   can describe exactly what is accepted.
//!
//! Escapes nest (`{fn UCASE({fn LEFT(x, 2)})}`); keywords are case-insensitive;
//! text inside string literals, quoted identifiers (`"..."`, `[...]`,
//! `` `...` ``) and comments is left alone.

mod clauses;
mod functions;
mod scanner;
#[cfg(test)]
mod tests;

use crate::error::Result;

pub use functions::{
    CONVERT_TYPES, NUMERIC_FUNCTIONS, STRING_FUNCTIONS, SYSTEM_FUNCTIONS, TIMEDATE_FUNCTIONS,
    TIMESTAMP_INTERVALS,
};

/// What `{fn DATABASE()}` and `{fn USER()}` return: the connection knows
/// them, the text does not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EscapeContext {
    /// The catalog name reported for `DATABASE()`.
    pub database: String,
    /// The login (user code) reported for `USER()`.
    pub user: String,
}

impl Default for EscapeContext {
    fn default() -> Self {
        EscapeContext {
            database: "kintone".to_owned(),
            user: String::new(),
        }
    }
}

/// Rewrites every escape clause in `sql`; text inside string literals,
/// quoted identifiers and comments is left alone. `DATABASE()` is
/// `'kintone'` and `USER()` is `''` here: a session uses [`rewrite_with`].
pub fn rewrite(sql: &str) -> Result<String> {
    rewrite_with(sql, &EscapeContext::default())
}

/// [`rewrite`] with the connection's database and user names.
pub fn rewrite_with(sql: &str, context: &EscapeContext) -> Result<String> {
    if !sql.contains(['{', '}']) {
        return Ok(sql.to_owned());
    }
    scanner::Scanner::new(sql, context).rewrite_all()
}

/// Writes `text` as a SQL string literal (single quotes doubled).
pub(crate) fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
