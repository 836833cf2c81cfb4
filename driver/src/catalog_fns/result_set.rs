//! Building catalog result sets: the fixed column lists of the ODBC
//! specification and rows of cells, turned into one Arrow record batch whose
//! fields carry their [`SqlType`] like query results do.

use std::sync::Arc;

use arrow_array::builder::{Int16Builder, Int32Builder, StringBuilder};
use arrow_array::{ArrayRef, Int16Array, RecordBatch};
use arrow_schema::Schema;
use sql::{ResultColumn, SqlType};

use crate::sys::{
    SQL_DATE, SQL_TIME, SQL_TIMESTAMP, SQL_TYPE_DATE, SQL_TYPE_TIME, SQL_TYPE_TIMESTAMP,
};
use crate::DriverError;

/// Length reported for the text columns of catalog result sets.
pub const NAME_LENGTH: u32 = 128;
/// Length reported for REMARKS-like columns (the specification's 254).
pub const REMARKS_LENGTH: u32 = 254;

/// The rows of a catalog function, described like a query result.
#[derive(Clone, Debug)]
pub struct ResultSet {
    pub columns: Vec<sql::ResultColumn>,
    /// One batch (possibly empty), so that the schema is always at hand.
    pub batches: Vec<RecordBatch>,
}

impl ResultSet {
    /// The number of rows in all batches.
    pub fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// For an ODBC 2 application: the DATA_TYPE column with the ODBC 2
    /// codes of dates and times (SQL_DATE 9, SQL_TIME 10, SQL_TIMESTAMP 11
    /// for 91, 92, 93), as SQLDescribeCol gives them. SQL_DATA_TYPE keeps
    /// SQL_DATETIME (9), which is SQL_DATE's code in ODBC 2 too.
    pub fn with_odbc2_date_codes(mut self) -> ResultSet {
        let Some(index) = self.columns.iter().position(|c| c.name == "DATA_TYPE") else {
            return self;
        };
        for batch in &mut self.batches {
            let Some(codes) = batch.column(index).as_any().downcast_ref::<Int16Array>() else {
                continue;
            };
            let mapped: Int16Array = codes
                .iter()
                .map(|code| {
                    code.map(|c| match c {
                        SQL_TYPE_DATE => SQL_DATE,
                        SQL_TYPE_TIME => SQL_TIME,
                        SQL_TYPE_TIMESTAMP => SQL_TIMESTAMP,
                        other => other,
                    })
                })
                .collect();
            let mut columns = batch.columns().to_vec();
            columns[index] = Arc::new(mapped);
            if let Ok(updated) = RecordBatch::try_new(batch.schema(), columns) {
                *batch = updated;
            }
        }
        self
    }
}

/// One column of a catalog result set, as the specification lists it.
#[derive(Clone, Copy, Debug)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub sql_type: SqlType,
    pub nullable: bool,
}

/// A text column: WVARCHAR(128).
pub const fn text(name: &'static str, nullable: bool) -> ColumnSpec {
    sized_text(name, NAME_LENGTH, nullable)
}

pub const fn sized_text(name: &'static str, length: u32, nullable: bool) -> ColumnSpec {
    ColumnSpec {
        name,
        sql_type: SqlType::WVarchar { length },
        nullable,
    }
}

/// A SMALLINT column (Int16).
pub const fn small(name: &'static str, nullable: bool) -> ColumnSpec {
    ColumnSpec {
        name,
        sql_type: SqlType::SmallInt,
        nullable,
    }
}

/// An INTEGER column (Int32).
pub const fn int(name: &'static str, nullable: bool) -> ColumnSpec {
    ColumnSpec {
        name,
        sql_type: SqlType::Integer,
        nullable,
    }
}

/// One cell of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Text(String),
    Small(i16),
    Int(i32),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// NULL for `None` and for the empty string.
    pub fn opt_text(s: Option<&str>) -> Cell {
        match s {
            Some(s) if !s.is_empty() => Cell::Text(s.to_owned()),
            _ => Cell::Null,
        }
    }

    pub fn opt_small(v: Option<i16>) -> Cell {
        v.map_or(Cell::Null, Cell::Small)
    }

    pub fn opt_int(v: Option<i32>) -> Cell {
        v.map_or(Cell::Null, Cell::Int)
    }
}

fn internal(message: String) -> DriverError {
    DriverError::new("HY000", message)
}

/// The result set of `rows` under `specs` (rows already in the order the
/// specification asks for).
pub fn build(specs: &[ColumnSpec], rows: Vec<Vec<Cell>>) -> Result<ResultSet, DriverError> {
    let columns: Vec<ResultColumn> = specs
        .iter()
        .map(|spec| ResultColumn {
            name: spec.name.to_owned(),
            sql_type: spec.sql_type,
            nullable: spec.nullable,
            base_table: None,
            base_column: None,
        })
        .collect();
    let schema = Arc::new(Schema::new(
        specs
            .iter()
            .map(|spec| spec.sql_type.field(spec.name, spec.nullable))
            .collect::<Vec<_>>(),
    ));
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(specs.len());
    for (index, spec) in specs.iter().enumerate() {
        let cells = rows.iter().map(|row| row.get(index).unwrap_or(&Cell::Null));
        let mismatch =
            |cell: &Cell| internal(format!("catalog column {} cannot hold {cell:?}", spec.name));
        let array: ArrayRef = match spec.sql_type {
            SqlType::SmallInt => {
                let mut b = Int16Builder::with_capacity(rows.len());
                for cell in cells {
                    match cell {
                        Cell::Null => b.append_null(),
                        Cell::Small(v) => b.append_value(*v),
                        other => return Err(mismatch(other)),
                    }
                }
                Arc::new(b.finish())
            }
            SqlType::Integer => {
                let mut b = Int32Builder::with_capacity(rows.len());
                for cell in cells {
                    match cell {
                        Cell::Null => b.append_null(),
                        Cell::Int(v) => b.append_value(*v),
                        other => return Err(mismatch(other)),
                    }
                }
                Arc::new(b.finish())
            }
            _ => {
                let mut b = StringBuilder::new();
                for cell in cells {
                    match cell {
                        Cell::Null => b.append_null(),
                        Cell::Text(v) => b.append_value(v),
                        other => return Err(mismatch(other)),
                    }
                }
                Arc::new(b.finish())
            }
        };
        arrays.push(array);
    }
    let batch = RecordBatch::try_new(schema, arrays)
        .map_err(|e| internal(format!("catalog result set: {e}")))?;
    Ok(ResultSet {
        columns,
        batches: vec![batch],
    })
}

#[cfg(test)]
pub mod testing {
    //! Reading result sets back in tests.
    use arrow_array::{Array, Int16Array, Int32Array, StringArray};

    use super::*;

    /// The column names in order.
    pub fn names(rs: &ResultSet) -> Vec<&str> {
        rs.columns.iter().map(|c| c.name.as_str()).collect()
    }

    /// Every cell back as a [`Cell`], row by row.
    pub fn rows(rs: &ResultSet) -> Vec<Vec<Cell>> {
        let mut out = Vec::new();
        for batch in &rs.batches {
            for row in 0..batch.num_rows() {
                let mut cells = Vec::new();
                for col in batch.columns() {
                    let any = col.as_any();
                    cells.push(if col.is_null(row) {
                        Cell::Null
                    } else if let Some(a) = any.downcast_ref::<Int16Array>() {
                        Cell::Small(a.value(row))
                    } else if let Some(a) = any.downcast_ref::<Int32Array>() {
                        Cell::Int(a.value(row))
                    } else if let Some(a) = any.downcast_ref::<StringArray>() {
                        Cell::Text(a.value(row).to_owned())
                    } else {
                        panic!("unexpected array type {:?}", col.data_type())
                    });
                }
                out.push(cells);
            }
        }
        out
    }

    /// One column's cells by name.
    pub fn column(rs: &ResultSet, name: &str) -> Vec<Cell> {
        let index = rs.columns.iter().position(|c| c.name == name).expect(name);
        rows(rs)
            .into_iter()
            .map(|mut r| r.swap_remove(index))
            .collect()
    }

    /// Checks names, order, SQL types and nullability against the spec list
    /// written out in the test, and that the Arrow schema agrees.
    pub fn assert_columns(rs: &ResultSet, expected: &[(&str, SqlType, bool)]) {
        let actual: Vec<(&str, SqlType, bool)> = rs
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.sql_type, c.nullable))
            .collect();
        assert_eq!(actual, expected);
        let schema = rs.batches[0].schema();
        for (field, (name, sql_type, _)) in schema.fields().iter().zip(expected) {
            assert_eq!(field.name(), name);
            assert_eq!(SqlType::of_field(field), *sql_type, "{name}");
            assert_eq!(field.data_type(), &sql_type.arrow_type(), "{name}");
        }
    }
}
