//! Where the driver under test is: `KINTONE_ODBC_DRIVER` if set, else
//! `libkintone_odbc.so` in the cargo profile folder the test executable was
//! built in (`<target>/debug/deps/<test>` -> `<target>/debug/`).

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
    let lib = profile_dir.join("libkintone_odbc.so");
    assert!(
        lib.exists(),
        "{} is missing: build the driver first (cargo build -p kintone-odbc)",
        lib.display()
    );
    lib
}
