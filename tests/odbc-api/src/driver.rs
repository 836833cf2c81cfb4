//! Where the driver under test is: `KINTONE_ODBC_DRIVER` if set, else the
//! newest `libkintone_odbc.so` of the cargo profile folder the test
//! executable was built in: `<target>/debug/deps/` (built for the tests,
//! the package's dev-dependency on the driver sees to it) or
//! `<target>/debug/` (built by `cargo build -p kintone-odbc`).

use std::path::PathBuf;

/// The driver library's absolute path; panics with the command to run when
/// it has not been built.
pub fn library() -> PathBuf {
    if let Some(path) = std::env::var_os("KINTONE_ODBC_DRIVER") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("the test executable's path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test runs from <target>/<profile>/deps");
    let candidates = [
        profile_dir.join("deps").join("libkintone_odbc.so"),
        profile_dir.join("libkintone_odbc.so"),
    ];
    candidates
        .iter()
        .filter_map(|p| Some((std::fs::metadata(p).ok()?.modified().ok()?, p)))
        .max()
        .map(|(_, p)| p.clone())
        .unwrap_or_else(|| {
            panic!(
                "{} is missing: build the driver first (cargo build -p kintone-odbc)",
                candidates[1].display()
            )
        })
}
