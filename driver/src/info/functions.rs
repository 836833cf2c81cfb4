//! SQLGetFunctions: the ODBC functions the driver exports.

/// SQL_API_* identifiers (sql.h / sqlext.h).
pub mod api {
    pub const SQL_API_SQLALLOCHANDLE: u16 = 1001;
    pub const SQL_API_SQLBINDCOL: u16 = 4;
    pub const SQL_API_SQLBINDPARAMETER: u16 = 72;
    pub const SQL_API_SQLCANCEL: u16 = 5;
    pub const SQL_API_SQLCLOSECURSOR: u16 = 1003;
    pub const SQL_API_SQLCOLATTRIBUTE: u16 = 6;
    pub const SQL_API_SQLCOLUMNPRIVILEGES: u16 = 56;
    pub const SQL_API_SQLCOLUMNS: u16 = 40;
    pub const SQL_API_SQLCONNECT: u16 = 7;
    pub const SQL_API_SQLCOPYDESC: u16 = 1004;
    pub const SQL_API_SQLDESCRIBECOL: u16 = 8;
    pub const SQL_API_SQLDESCRIBEPARAM: u16 = 58;
    pub const SQL_API_SQLDISCONNECT: u16 = 9;
    pub const SQL_API_SQLDRIVERCONNECT: u16 = 41;
    pub const SQL_API_SQLENDTRAN: u16 = 1005;
    pub const SQL_API_SQLEXECDIRECT: u16 = 11;
    pub const SQL_API_SQLEXECUTE: u16 = 12;
    pub const SQL_API_SQLEXTENDEDFETCH: u16 = 59;
    pub const SQL_API_SQLFETCH: u16 = 13;
    pub const SQL_API_SQLFETCHSCROLL: u16 = 1021;
    pub const SQL_API_SQLFOREIGNKEYS: u16 = 60;
    pub const SQL_API_SQLFREEHANDLE: u16 = 1006;
    pub const SQL_API_SQLFREESTMT: u16 = 16;
    pub const SQL_API_SQLGETCONNECTATTR: u16 = 1007;
    pub const SQL_API_SQLGETDATA: u16 = 43;
    pub const SQL_API_SQLGETDESCFIELD: u16 = 1008;
    pub const SQL_API_SQLGETDESCREC: u16 = 1009;
    pub const SQL_API_SQLGETDIAGFIELD: u16 = 1010;
    pub const SQL_API_SQLGETDIAGREC: u16 = 1011;
    pub const SQL_API_SQLGETENVATTR: u16 = 1012;
    pub const SQL_API_SQLGETFUNCTIONS: u16 = 44;
    pub const SQL_API_SQLGETINFO: u16 = 45;
    pub const SQL_API_SQLGETSTMTATTR: u16 = 1014;
    pub const SQL_API_SQLGETTYPEINFO: u16 = 47;
    pub const SQL_API_SQLMORERESULTS: u16 = 61;
    pub const SQL_API_SQLNATIVESQL: u16 = 62;
    pub const SQL_API_SQLNUMPARAMS: u16 = 63;
    pub const SQL_API_SQLNUMRESULTCOLS: u16 = 18;
    pub const SQL_API_SQLPARAMDATA: u16 = 48;
    pub const SQL_API_SQLPUTDATA: u16 = 49;
    pub const SQL_API_SQLSETPOS: u16 = 68;
    pub const SQL_API_SQLBULKOPERATIONS: u16 = 24;
    pub const SQL_API_SQLPREPARE: u16 = 19;
    pub const SQL_API_SQLPRIMARYKEYS: u16 = 65;
    pub const SQL_API_SQLPROCEDURECOLUMNS: u16 = 66;
    pub const SQL_API_SQLPROCEDURES: u16 = 67;
    pub const SQL_API_SQLROWCOUNT: u16 = 20;
    pub const SQL_API_SQLSETCONNECTATTR: u16 = 1016;
    pub const SQL_API_SQLSETDESCFIELD: u16 = 1017;
    pub const SQL_API_SQLSETDESCREC: u16 = 1018;
    pub const SQL_API_SQLSETENVATTR: u16 = 1019;
    pub const SQL_API_SQLSETSTMTATTR: u16 = 1020;
    pub const SQL_API_SQLSPECIALCOLUMNS: u16 = 52;
    pub const SQL_API_SQLSTATISTICS: u16 = 53;
    pub const SQL_API_SQLTABLEPRIVILEGES: u16 = 70;
    pub const SQL_API_SQLTABLES: u16 = 54;

    /// SQLGetFunctions' FunctionId for the ODBC 2 array of 100 flags.
    pub const SQL_API_ALL_FUNCTIONS: u16 = 0;
    /// SQLGetFunctions' FunctionId for the ODBC 3 bitmap of 250 u16s.
    pub const SQL_API_ODBC3_ALL_FUNCTIONS: u16 = 999;
    pub const SQL_API_ODBC3_ALL_FUNCTIONS_SIZE: usize = 250;
}

use api::*;

/// Every function the driver exports (issue 5, "Entry points"); the A and W
/// forms of one function share an id.
const SUPPORTED: &[u16] = &[
    // Handles and attributes
    SQL_API_SQLALLOCHANDLE,
    SQL_API_SQLFREEHANDLE,
    SQL_API_SQLSETENVATTR,
    SQL_API_SQLGETENVATTR,
    SQL_API_SQLSETCONNECTATTR,
    SQL_API_SQLGETCONNECTATTR,
    SQL_API_SQLSETSTMTATTR,
    SQL_API_SQLGETSTMTATTR,
    SQL_API_SQLGETDESCFIELD,
    SQL_API_SQLGETDESCREC,
    SQL_API_SQLSETDESCFIELD,
    SQL_API_SQLSETDESCREC,
    SQL_API_SQLCOPYDESC,
    // Connecting
    SQL_API_SQLCONNECT,
    SQL_API_SQLDRIVERCONNECT,
    SQL_API_SQLDISCONNECT,
    // Running
    SQL_API_SQLEXECDIRECT,
    SQL_API_SQLPREPARE,
    SQL_API_SQLEXECUTE,
    SQL_API_SQLNUMPARAMS,
    SQL_API_SQLDESCRIBEPARAM,
    SQL_API_SQLBINDPARAMETER,
    SQL_API_SQLPARAMDATA,
    SQL_API_SQLPUTDATA,
    SQL_API_SQLNATIVESQL,
    SQL_API_SQLCANCEL,
    SQL_API_SQLENDTRAN,
    SQL_API_SQLROWCOUNT,
    SQL_API_SQLMORERESULTS,
    SQL_API_SQLCLOSECURSOR,
    SQL_API_SQLFREESTMT,
    // Results
    SQL_API_SQLNUMRESULTCOLS,
    SQL_API_SQLDESCRIBECOL,
    SQL_API_SQLCOLATTRIBUTE,
    SQL_API_SQLBINDCOL,
    SQL_API_SQLFETCH,
    SQL_API_SQLFETCHSCROLL,
    SQL_API_SQLEXTENDEDFETCH,
    SQL_API_SQLGETDATA,
    SQL_API_SQLSETPOS,
    // Catalog
    SQL_API_SQLTABLES,
    SQL_API_SQLCOLUMNS,
    SQL_API_SQLPRIMARYKEYS,
    SQL_API_SQLFOREIGNKEYS,
    SQL_API_SQLSTATISTICS,
    SQL_API_SQLSPECIALCOLUMNS,
    SQL_API_SQLPROCEDURES,
    SQL_API_SQLPROCEDURECOLUMNS,
    SQL_API_SQLTABLEPRIVILEGES,
    SQL_API_SQLCOLUMNPRIVILEGES,
    SQL_API_SQLGETTYPEINFO,
    // Information and diagnostics
    SQL_API_SQLGETINFO,
    SQL_API_SQLGETFUNCTIONS,
    SQL_API_SQLGETDIAGREC,
    SQL_API_SQLGETDIAGFIELD,
];

/// SQL_API_* ids of the functions the driver implements.
pub fn supported_functions() -> &'static [u16] {
    SUPPORTED
}

/// Whether SQLGetFunctions should answer SQL_TRUE for one function id.
pub fn is_supported(function_id: u16) -> bool {
    SUPPORTED.contains(&function_id)
}

/// SQL_API_ODBC3_ALL_FUNCTIONS: bit `id % 16` of element `id / 16` is set
/// for each supported function (the SQL_FUNC_EXISTS layout).
pub fn odbc3_function_bitmap() -> [u16; 250] {
    let mut bitmap = [0u16; SQL_API_ODBC3_ALL_FUNCTIONS_SIZE];
    for &id in SUPPORTED {
        bitmap[usize::from(id >> 4)] |= 1 << (id & 0xF);
    }
    bitmap
}

/// SQL_API_ALL_FUNCTIONS (ODBC 2): element `id` is SQL_TRUE for each
/// supported function whose id is below 100.
pub fn odbc2_function_array() -> [u16; 100] {
    let mut flags = [0u16; 100];
    for &id in SUPPORTED {
        if let Some(flag) = flags.get_mut(usize::from(id)) {
            *flag = 1;
        }
    }
    flags
}
