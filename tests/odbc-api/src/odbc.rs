//! odbc-api helpers shared by the tests.

use std::sync::OnceLock;

use odbc_api::buffers::TextRowSet;
use odbc_api::{Connection, ConnectionOptions, Cursor, Environment, Error, ResultSetMetadata};

use crate::emulator::shared;
use crate::DEMO_DSN;

/// The process's ODBC environment (created after the private
/// configuration is in place).
pub fn environment() -> &'static Environment {
    static ENV: OnceLock<Environment> = OnceLock::new();
    ENV.get_or_init(|| {
        shared();
        Environment::new().expect("an ODBC environment")
    })
}

/// Connects with a connection string.
pub fn connect(connection_string: &str) -> Result<Connection<'static>, Error> {
    environment().connect_with_connection_string(connection_string, ConnectionOptions::default())
}

/// Connects to the demo DSN (field codes as column names).
pub fn demo() -> Connection<'static> {
    connect(&format!("DSN={DEMO_DSN}")).expect("connect to the demo DSN")
}

/// `Driver=KintoneODBC;Url=<url>;<extra>`: a connection without a DSN.
pub fn driver_string(url: &str, extra: &str) -> String {
    format!("Driver={{{}}};Url={url};{extra}", crate::DRIVER_NAME)
}

/// The SQLSTATE of an error's diagnostic record, if it has one.
pub fn sqlstate(error: &Error) -> Option<String> {
    match error {
        Error::Diagnostics { record, .. } => Some(record.state.as_str().to_owned()),
        // odbc-api reports 22002 (NULL without an indicator) as its own variant.
        Error::UnableToRepresentNull(record) => Some(record.state.as_str().to_owned()),
        _ => None,
    }
}

/// The error's SQLSTATE, panicking with the error when it has none.
pub fn state_of<T>(result: Result<T, Error>) -> String {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => sqlstate(&e).unwrap_or_else(|| panic!("no SQLSTATE in {e:?}")),
    }
}

/// Text of every cell of a cursor, fetched in bulk as text.
pub fn all_text(mut cursor: impl Cursor) -> Vec<Vec<Option<String>>> {
    let mut buffer = TextRowSet::for_cursor(100, &mut cursor, Some(4096)).expect("a text buffer");
    let mut block = cursor.bind_buffer(&mut buffer).expect("bind the buffer");
    let mut rows = Vec::new();
    while let Some(batch) = block.fetch().expect("fetch") {
        for r in 0..batch.num_rows() {
            rows.push(
                (0..batch.num_cols())
                    .map(|c| {
                        batch
                            .at_as_str(c, r)
                            .expect("valid UTF-8")
                            .map(str::to_owned)
                    })
                    .collect(),
            );
        }
    }
    rows
}

/// Runs `sql` (no parameters) and returns its rows as text.
pub fn query(conn: &Connection<'_>, sql: &str) -> Vec<Vec<Option<String>>> {
    let cursor = conn
        .execute(sql, (), None)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or_else(|| panic!("{sql}: no result set"));
    all_text(cursor)
}

/// The column names of a cursor.
pub fn column_names(cursor: &mut impl ResultSetMetadata) -> Vec<String> {
    cursor
        .column_names()
        .expect("column names")
        .collect::<Result<_, _>>()
        .expect("column names")
}
