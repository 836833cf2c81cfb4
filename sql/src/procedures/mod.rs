//! Stored procedures: `CALL name(args)` (and ODBC's `{call name(args)}`).
//!
//! Kintone has no procedures of its own. These expose what the REST API
//! offers beyond records: [`DOWNLOAD_FILE`] reads the files attached to a
//! record (a FILE column holds only their names). SQLProcedures and
//! SQLProcedureColumns list them from [`procedures`].

mod call;
mod download_file;

use crate::types::SqlType;

pub(crate) use call::Call;

/// `DownloadFile(AppId, RecordId, Field [, FileName])`.
pub const DOWNLOAD_FILE: &str = "DownloadFile";

/// A procedure, as SQLProcedures and SQLProcedureColumns describe it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcedureInfo {
    pub name: &'static str,
    pub remarks: &'static str,
    pub parameters: Vec<ProcedureColumn>,
    /// The columns of the result set it returns.
    pub columns: Vec<ProcedureColumn>,
}

/// A parameter or result column of a procedure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcedureColumn {
    pub name: &'static str,
    pub sql_type: SqlType,
    /// Parameters: whether it may be left out (only trailing ones can).
    /// Result columns: whether it may be NULL.
    pub nullable: bool,
    pub remarks: &'static str,
}

/// Every procedure, in name order.
pub fn procedures() -> Vec<ProcedureInfo> {
    vec![download_file::info()]
}

fn column(
    name: &'static str,
    sql_type: SqlType,
    nullable: bool,
    remarks: &'static str,
) -> ProcedureColumn {
    ProcedureColumn {
        name,
        sql_type,
        nullable,
        remarks,
    }
}
