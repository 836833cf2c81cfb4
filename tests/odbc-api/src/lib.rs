//! Harness for the end-to-end tests of `libkintone_odbc`: everything goes
//! through the real unixODBC driver manager against the real emulator.
//!
//! * [`config`]: private `odbcinst.ini`/`odbc.ini` files and the
//!   environment variables that point unixODBC at them.
//! * [`driver`]: where the built driver library is.
//! * [`emulator`]: the demo emulator shared by a test process, and private
//!   ones (Basic gate, TLS with client certificates).
//! * [`demo`]: expected values read from the demo dataset itself.
//! * [`ffi`]: raw ODBC calls through the driver manager or straight into the driver.
//! * [`odbc`]: odbc-api helpers (environment, connections, SQLSTATEs, text results).

pub mod config;
pub mod demo;
pub mod driver;
pub mod emulator;
pub mod ffi;
pub mod odbc;

/// Name of the driver in the private `odbcinst.ini`.
pub const DRIVER_NAME: &str = "KintoneODBC";
/// DSN with field codes as column names (what scripts/demo.sh writes too).
pub const DEMO_DSN: &str = "KintoneDemo";
/// DSN with the default naming: field labels as column names.
pub const LABELS_DSN: &str = "KintoneLabels";
/// The demo dataset's administrator.
pub const DEMO_USER: &str = "demo-admin";
pub const DEMO_PASSWORD: &str = "demo-password";
/// Read-only token of demo app 1 (Customers).
pub const CUSTOMERS_TOKEN: &str = "DemoCustomersReadOnlyToken00000000000RO";
/// Token of demo app 2 (Deals).
pub const DEALS_TOKEN: &str = "DemoDealsToken000000000000000000000000RW";
