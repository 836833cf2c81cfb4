//! Link the cdylib with `-Bsymbolic-functions` on ELF platforms: the
//! driver's calls to its own exported `SQL*` functions must bind to the
//! driver, never to the driver manager's functions of the same names that
//! the application has loaded.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if matches!(
        os.as_str(),
        "linux" | "freebsd" | "netbsd" | "openbsd" | "android"
    ) {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-Bsymbolic-functions");
    }
}
