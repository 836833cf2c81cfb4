//! Link flags of the cdylib on ELF platforms:
//! - `-Bsymbolic-functions`: the driver's calls to its own exported `SQL*`
//!   functions must bind to the driver, never to the driver manager's
//!   functions of the same names that the application has loaded.
//! - `-z nodelete`: the driver's tokio runtime keeps worker threads for the
//!   life of the process; if the driver manager unloaded the library when
//!   the last environment is freed, those threads would run unmapped code.
//!   (Windows pins the module at run time instead, see `runtime.rs`.)
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if matches!(
        os.as_str(),
        "linux" | "freebsd" | "netbsd" | "openbsd" | "android"
    ) {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-Bsymbolic-functions");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");
    }
}
