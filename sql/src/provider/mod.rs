//! DataFusion's view of the catalog: a schema provider resolving table
//! names, a table provider per app / subtable table (scans pushed down to
//! Kintone), and one for the fixed tables.

mod estimate;
mod fixed;
pub mod scan;
mod schema;
mod table;

pub use fixed::FixedTableProvider;
pub use scan::{KintoneScanExec, ScanSpec};
pub use schema::KintoneSchema;
pub use table::KintoneTable;

use std::sync::Arc;

use arrow_schema::{Schema, SchemaRef};

use crate::catalog::TableDef;

/// The Arrow schema of a table: its columns with their SqlTypes in the metadata.
pub fn table_schema(def: &TableDef) -> SchemaRef {
    Arc::new(Schema::new(
        def.columns
            .iter()
            .map(|c| c.info.sql_type.field(&c.info.name, c.info.nullable))
            .collect::<Vec<_>>(),
    ))
}
