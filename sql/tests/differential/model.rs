//! The SQLite side: the fixture's tables loaded with the engine's mapping
//! (blank -> NULL, NUMBER as exact REAL, dates/times as ISO text,
//! multi-valued fields as JSON-array text), and the queries' few dialect
//! differences translated.

use rusqlite::types::ValueRef;
use rusqlite::Connection;

use super::canonical::{number, timestamp_text};
use super::fixture::{Cell, Table};

pub fn load(tables: &[Table]) -> Connection {
    let mut db = Connection::open_in_memory().expect("sqlite opens");
    // SQL's LIKE is case-sensitive (DataFusion's too); SQLite's is not by default.
    db.execute_batch("PRAGMA case_sensitive_like = ON;")
        .unwrap();
    let tx = db.transaction().unwrap();
    for table in tables {
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|(name, affinity)| format!("\"{name}\" {}", affinity.sql()))
            .collect();
        tx.execute_batch(&format!(
            "CREATE TABLE \"{}\" ({});",
            table.name,
            columns.join(", ")
        ))
        .unwrap();
        let marks = vec!["?"; table.columns.len()].join(", ");
        let mut insert = tx
            .prepare(&format!("INSERT INTO \"{}\" VALUES ({marks})", table.name))
            .unwrap();
        for row in &table.rows {
            let values: Vec<rusqlite::types::Value> = row
                .iter()
                .map(|cell| match cell {
                    Cell::Null => rusqlite::types::Value::Null,
                    Cell::Int(i) => rusqlite::types::Value::Integer(*i),
                    Cell::Real(f) => rusqlite::types::Value::Real(*f),
                    Cell::Text(s) => rusqlite::types::Value::Text(s.clone()),
                })
                .collect();
            insert.execute(rusqlite::params_from_iter(values)).unwrap();
        }
    }
    tx.commit().unwrap();
    db
}

/// The query in SQLite's dialect: ODBC date/time escapes become the ISO
/// text the model stores; `{escape 'c'}` becomes `ESCAPE 'c'`.
pub fn translate(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').expect("a closed escape") + open;
        let inner = rest[open + 1..close].trim();
        let (keyword, literal) = inner
            .split_once(char::is_whitespace)
            .expect("keyword literal");
        let literal = literal.trim();
        out.push_str(&match keyword.to_ascii_lowercase().as_str() {
            "d" | "t" => literal.to_owned(),
            "ts" => format!("'{}Z'", literal.trim_matches('\'').replace(' ', "T")),
            "escape" => format!("ESCAPE {literal}"),
            other => panic!("no SQLite translation for {{{other} ...}}"),
        });
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Runs `sql` in SQLite: the rows as canonical text cells.
pub fn run(db: &Connection, sql: &str) -> Result<Vec<Vec<String>>, String> {
    let mut statement = db.prepare(sql).map_err(|e| format!("sqlite: {e}"))?;
    let width = statement.column_count();
    let mut rows = statement.query([]).map_err(|e| format!("sqlite: {e}"))?;
    let mut result = Vec::new();
    while let Some(row) = rows.next().map_err(|e| format!("sqlite: {e}"))? {
        let mut cells = Vec::with_capacity(width);
        for i in 0..width {
            cells.push(match row.get_ref(i).unwrap() {
                ValueRef::Null => "NULL".to_owned(),
                ValueRef::Integer(i) => i.to_string(),
                ValueRef::Real(f) => number(f),
                ValueRef::Text(t) => {
                    let text = String::from_utf8_lossy(t);
                    timestamp_text(&text).unwrap_or_else(|| text.into_owned())
                }
                ValueRef::Blob(b) => format!("{b:02x?}"),
            });
        }
        result.push(cells);
    }
    Ok(result)
}
