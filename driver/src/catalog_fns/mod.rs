//! Result sets of the catalog functions (SQLTables, SQLColumns, ...).
