//! The driver manager unloads a driver when its last environment is freed.
//! The driver's runtime threads live as long as the process, so the
//! library must stay mapped: unloaded, those threads would run unmapped
//! code (an intermittent crash after SQLFreeHandle(ENV)).

use odbc_api_tests::emulator::shared;
use odbc_api_tests::ffi::*;
use odbc_api_tests::odbc::driver_string;
use odbc_api_tests::{DEMO_PASSWORD, DEMO_USER};

fn driver_is_mapped() -> bool {
    std::fs::read_to_string("/proc/self/maps")
        .expect("/proc/self/maps")
        .lines()
        .any(|l| l.ends_with("/libkintone_odbc.so"))
}

#[test]
fn the_driver_stays_loaded_after_the_last_environment_is_freed() {
    let url = &shared().url;
    let api = Api::driver_manager();
    let conn = driver_string(
        url,
        &format!("User={DEMO_USER};Password={DEMO_PASSWORD};UseCodeForFieldName=true"),
    );
    for round in 0..3 {
        let env = api.env();
        let dbc = api.connect(env, &conn);
        let stmt = api.stmt(dbc);
        api.exec(stmt, "SELECT company_name FROM Customers");
        // SAFETY: a result set is open on the statement.
        assert_eq!(unsafe { (api.SQLFetch)(stmt) }, SQL_SUCCESS);
        assert!(api.get_wtext(stmt, 1).is_some());
        assert!(driver_is_mapped());
        api.close(env, dbc, stmt);
        // unixODBC has called dlclose on the driver by now.
        assert!(driver_is_mapped(), "round {round}: the driver was unmapped");
        // Let the runtime's threads finish the work the closing left them.
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
