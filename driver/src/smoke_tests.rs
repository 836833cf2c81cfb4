//! End-to-end smoke test: the built `libkintone_odbc.so` loaded by the real
//! unixODBC driver manager (`isql` for the ANSI functions, `iusql` for the
//! Unicode ones) with a private configuration, against the demo emulator.
//! Needs `cargo build -p kintone-odbc` first (it checks the library is there).
//! The full suite lives in `tests/`; this only proves the vertical slice.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use kintone_emulator::{Config, Emulator};

fn library() -> PathBuf {
    // The test runs from <target>/debug/deps; the library is built next to
    // it (as a dependency of the end-to-end tests) or one folder up (by
    // `cargo build -p kintone-odbc`): the newer one is this build's.
    let exe = std::env::current_exe().expect("test executable path");
    let deps = exe.parent().expect("deps folder");
    let candidates = [
        deps.join("libkintone_odbc.so"),
        deps.parent()
            .expect("profile folder")
            .join("libkintone_odbc.so"),
    ];
    candidates
        .iter()
        .filter_map(|p| Some((std::fs::metadata(p).ok()?.modified().ok()?, p)))
        .max()
        .map(|(_, p)| p.clone())
        .unwrap_or_else(|| {
            panic!(
                "{} is missing: run `cargo build -p kintone-odbc` first",
                candidates[1].display()
            )
        })
}

struct Odbc {
    dir: PathBuf,
}

impl Odbc {
    fn new(url: &str) -> Odbc {
        let dir = std::env::temp_dir().join(format!("kintone-odbc-smoke-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("odbcinst.ini"),
            format!("[Kintone Smoke]\nDriver={}\n", library().display()),
        )
        .unwrap();
        std::fs::write(
            dir.join("odbc.ini"),
            format!("[KintoneSmoke]\nDriver=Kintone Smoke\nUrl={url}\nUser=demo-admin\nPassword=demo-password\n"),
        )
        .unwrap();
        Odbc { dir }
    }

    /// Runs `tool <args> -b -v` with `sql` on stdin; gives stdout.
    fn run(&self, tool: &str, args: &[&str], sql: &str) -> String {
        let mut child = Command::new(tool)
            .args(args)
            .args(["-b", "-v"])
            .env("ODBCSYSINI", &self.dir)
            .env("ODBCINSTINI", "odbcinst.ini")
            .env("ODBCINI", self.dir.join("odbc.ini"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{tool} cannot start: {e}"));
        child
            .stdin
            .take()
            .unwrap()
            .write_all(sql.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Odbc {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// isql's table (`| a | b |` lines between `+---+` rules) as rows of
/// trimmed cells, the header first, and its "N rows fetched" count.
fn table(out: &str) -> (Vec<Vec<String>>, Option<usize>) {
    let rows = out
        .lines()
        .filter(|l| l.starts_with('|') && l.ends_with('|') && l.len() > 1)
        .map(|l| {
            l[1..l.len() - 1]
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect();
    let fetched = out
        .lines()
        .find_map(|l| l.strip_suffix(" rows fetched"))
        .and_then(|n| n.trim().parse().ok());
    (rows, fetched)
}

/// The output is exactly the one-column, one-row table `n` = 25 (the demo's 25 customers).
fn assert_count_table(out: &str, tool: &str) {
    let expected = vec![vec!["n".to_owned()], vec!["25".to_owned()]];
    assert_eq!(table(out), (expected, Some(1)), "{tool} output:\n{out}");
}

#[test]
fn isql_and_iusql_query_the_demo_through_unixodbc() {
    let host = tokio::runtime::Runtime::new().unwrap();
    let emulator = host
        .block_on(Emulator::start(Config {
            datasets: vec!["demo".into()],
            ..Config::default()
        }))
        .expect("the emulator starts");
    let odbc = Odbc::new(&emulator.base_url());

    // ANSI path, by DSN: execute, describe, fetch, SQLGetData as text.
    let out = odbc.run(
        "isql",
        &["KintoneSmoke"],
        "SELECT COUNT(*) AS n FROM Customers\n",
    );
    assert_count_table(&out, "isql");
    let out = odbc.run("isql", &["KintoneSmoke"], "SELECT * FROM Customers\n");
    assert!(out.contains("Acme Corporation"), "isql output:\n{out}");

    // Unicode path (SQLConnectW, SQLExecDirectW, SQLDescribeColW...), by DSN.
    let out = odbc.run(
        "iusql",
        &["KintoneSmoke"],
        "SELECT COUNT(*) AS n FROM Customers\n",
    );
    assert_count_table(&out, "iusql");

    // By connection string (SQLDriverConnect; iusql 2.3.11 cannot do -k).
    let conn = format!(
        "DRIVER={};Url={};User=demo-admin;Password=demo-password",
        library().display(),
        emulator.base_url()
    );
    let out = odbc.run(
        "isql",
        &[&conn, "-k"],
        "SELECT COUNT(*) AS n FROM Customers\n",
    );
    assert_count_table(&out, "isql -k");

    // A wrong password is refused with the authentication SQLSTATE.
    let out = odbc.run(
        "isql",
        &["KintoneSmoke", "demo-admin", "wrong"],
        "SELECT 1\n",
    );
    assert!(out.contains("28000"), "isql output:\n{out}");
}

/// Every entry point is exported, and each string-taking one in both forms.
#[test]
fn every_entry_point_is_exported_in_ansi_and_unicode_form() {
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(library())
        .output()
        .expect("nm runs");
    let symbols = String::from_utf8_lossy(&out.stdout);
    let exported = |name: &str| {
        symbols
            .lines()
            .any(|l| l.split_whitespace().last() == Some(name))
    };
    let both = [
        "SQLBrowseConnect",
        "SQLColAttribute",
        "SQLColumnPrivileges",
        "SQLColumns",
        "SQLConnect",
        "SQLDescribeCol",
        "SQLDriverConnect",
        "SQLError",
        "SQLExecDirect",
        "SQLForeignKeys",
        "SQLGetConnectAttr",
        "SQLGetCursorName",
        "SQLGetDescField",
        "SQLGetDescRec",
        "SQLGetDiagField",
        "SQLGetDiagRec",
        "SQLGetInfo",
        "SQLGetStmtAttr",
        "SQLGetTypeInfo",
        "SQLNativeSql",
        "SQLPrepare",
        "SQLPrimaryKeys",
        "SQLProcedureColumns",
        "SQLProcedures",
        "SQLSetConnectAttr",
        "SQLSetCursorName",
        "SQLSetDescField",
        "SQLSetStmtAttr",
        "SQLSpecialColumns",
        "SQLStatistics",
        "SQLTablePrivileges",
        "SQLTables",
    ];
    let single = [
        "SQLAllocHandle",
        "SQLBindCol",
        "SQLBindParameter",
        "SQLCancel",
        "SQLCloseCursor",
        "SQLCopyDesc",
        "SQLDescribeParam",
        "SQLDisconnect",
        "SQLEndTran",
        "SQLExecute",
        "SQLExtendedFetch",
        "SQLFetch",
        "SQLFetchScroll",
        "SQLFreeHandle",
        "SQLFreeStmt",
        "SQLGetData",
        "SQLGetEnvAttr",
        "SQLGetFunctions",
        "SQLMoreResults",
        "SQLNumParams",
        "SQLNumResultCols",
        "SQLParamData",
        "SQLPutData",
        "SQLRowCount",
        "SQLSetDescRec",
        "SQLSetEnvAttr",
        "SQLSetPos",
    ];
    let missing: Vec<String> = both
        .iter()
        .flat_map(|n| [n.to_string(), format!("{n}W")])
        .chain(single.iter().map(|n| n.to_string()))
        .filter(|n| !exported(n))
        .collect();
    assert!(missing.is_empty(), "not exported: {missing:?}");
    // Bulk writes belong with the write support; SQLGetFunctions says so too.
    assert!(!exported("SQLBulkOperations"));
}
