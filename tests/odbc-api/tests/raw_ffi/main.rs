//! Raw ODBC call sequences through the unixODBC driver manager (and, for
//! misuse the driver manager would intercept, straight into the driver):
//! Power BI's and Excel's recorded sequences, every SQLGetInfo key, and
//! misuse answered with the right SQLSTATE and no crash; result columns'
//! base tables and columns; data at execution, SQLSetPos and SQLDisconnect
//! with open statements.

mod base_columns;
mod clients;
mod data_at_exec;
mod disconnect;
mod exports;
mod info;
mod misuse;
mod odbc2;
mod set_pos;
mod unload;
