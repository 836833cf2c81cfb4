//! Raw ODBC call sequences through the unixODBC driver manager (and, for
//! misuse the driver manager would intercept, straight into the driver):
//! Power BI's and Excel's recorded sequences, every SQLGetInfo key, and
//! misuse answered with the right SQLSTATE and no crash; result columns'
//! base tables and columns.

mod base_columns;
mod clients;
mod info;
mod misuse;
