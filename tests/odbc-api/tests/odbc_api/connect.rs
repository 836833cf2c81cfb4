//! Connecting: SQLConnect with a DSN, SQLDriverConnect with a connection
//! string, every authentication scheme of the emulator, and the
//! SQLSTATEs of the failures.

use odbc_api::{ConnectionOptions, DriverCompleteOption, Error};
use odbc_api_tests::emulator::{shared, Pki, Private};
use odbc_api_tests::odbc::{connect, demo, driver_string, environment, query, state_of};
use odbc_api_tests::*;

fn count(conn: &odbc_api::Connection<'_>, table: &str) -> i64 {
    let rows = query(conn, &format!("SELECT COUNT(*) FROM {table}"));
    rows[0][0].as_deref().unwrap().parse().unwrap()
}

#[test]
fn sqlconnect_with_the_dsn_and_its_stored_credentials() {
    shared();
    let conn = environment()
        .connect(DEMO_DSN, "", "", ConnectionOptions::default())
        .expect("SQLConnect KintoneDemo");
    assert_eq!(count(&conn, "Deals"), 60);
}

#[test]
fn sqlconnect_user_and_password_arguments_override_the_dsn() {
    shared();
    let conn = environment()
        .connect(
            LABELS_DSN,
            DEMO_USER,
            DEMO_PASSWORD,
            ConnectionOptions::default(),
        )
        .expect("SQLConnect with user and password");
    assert_eq!(count(&conn, "Customers"), 25);
    let wrong = environment().connect(LABELS_DSN, DEMO_USER, "wrong", ConnectionOptions::default());
    assert_eq!(state_of(wrong), "28000");
}

#[test]
fn sqldriverconnect_by_dsn_and_by_driver_name() {
    let by_dsn = demo();
    assert_eq!(count(&by_dsn, "Customers"), 25);
    let url = &shared().url;
    let by_driver = connect(&driver_string(
        url,
        &format!("User={DEMO_USER};Password={DEMO_PASSWORD};UseCodeForFieldName=true"),
    ))
    .expect("SQLDriverConnect without a DSN");
    assert_eq!(count(&by_driver, "Tasks"), 30);
    // The library path instead of the driver's name works too.
    let by_path = connect(&format!(
        "Driver={};Url={url};User={DEMO_USER};Password={DEMO_PASSWORD}",
        driver::library().display()
    ))
    .expect("SQLDriverConnect with the library's path");
    assert_eq!(count(&by_path, "Deals"), 60);
}

#[test]
fn connection_string_keys_override_the_dsns() {
    // KintoneLabels names columns by label; the string switches to codes.
    let conn = connect(&format!("DSN={LABELS_DSN};UseCodeForFieldName=true")).unwrap();
    let rows = query(&conn, "SELECT amount FROM Deals WHERE RecordId = 1");
    assert_eq!(
        rows[0][0].as_deref().map(|v| v.parse::<f64>().unwrap()),
        Some(1_140_000.0)
    );
    let wrong = connect(&format!("DSN={DEMO_DSN};Password=not-the-password"));
    assert_eq!(state_of(wrong), "28000");
}

#[test]
fn the_completed_connection_string_reconnects() {
    shared();
    let mut out = odbc_api::handles::OutputStringBuffer::with_buffer_size(1024);
    let conn = environment()
        .driver_connect(
            &format!("DSN={DEMO_DSN}"),
            &mut out,
            DriverCompleteOption::NoPrompt,
        )
        .expect("SQLDriverConnect with an out string");
    drop(conn);
    assert!(!out.is_truncated(), "1024 characters are enough");
    let completed = out.to_utf8();
    assert!(completed.contains("Url="), "{completed}");
    assert!(
        completed.to_ascii_lowercase().contains("dsn="),
        "{completed}"
    );
    let again = connect(&completed).expect("reconnect with the completed string");
    assert_eq!(count(&again, "Deals"), 60);
}

#[test]
fn api_tokens_one_and_several() {
    let url = &shared().url;
    let one = connect(&driver_string(
        url,
        &format!("AuthScheme=APIToken;APIToken={CUSTOMERS_TOKEN};AppId=1"),
    ))
    .expect("connect with one API token");
    assert_eq!(count(&one, "Customers"), 25);
    let two = connect(&driver_string(
        url,
        &format!("APIToken={CUSTOMERS_TOKEN},{DEALS_TOKEN};AppId=1,2;UseCodeForFieldName=true"),
    ))
    .expect("connect with two API tokens");
    assert_eq!(count(&two, "Customers"), 25);
    assert_eq!(count(&two, "Deals"), 60);
    assert_eq!(count(&two, "Deals_line_items"), 107);
    let bad = connect(&driver_string(url, "APIToken=NotAToken;AppId=1"));
    assert_eq!(state_of(bad), "28000");
}

#[test]
fn password_behind_a_basic_gate() {
    let emu = Private::with_basic_gate("gate", "gate-pass");
    let creds = format!("User={DEMO_USER};Password={DEMO_PASSWORD}");
    let with = connect(&driver_string(
        &emu.url,
        &format!("{creds};BasicAuthUser=gate;BasicAuthPassword=gate-pass"),
    ))
    .expect("password + Basic gate");
    assert_eq!(count(&with, "Customers"), 25);
    let token = connect(&driver_string(
        &emu.url,
        &format!(
            "APIToken={CUSTOMERS_TOKEN};AppId=1;BasicAuthUser=gate;BasicAuthPassword=gate-pass"
        ),
    ))
    .expect("API token + Basic gate");
    assert_eq!(count(&token, "Customers"), 25);
    assert_eq!(state_of(connect(&driver_string(&emu.url, &creds))), "28000");
    let wrong_gate = connect(&driver_string(
        &emu.url,
        &format!("{creds};BasicAuthUser=gate;BasicAuthPassword=nope"),
    ));
    assert_eq!(state_of(wrong_gate), "28000");
}

#[test]
fn client_certificate_over_https() {
    let pki = Pki::new();
    let emu = Private::https_with_client_certs(&pki);
    let dir = emulator::scratch_dir("client-cert");
    let ca = dir.join("ca.pem");
    let client = dir.join("client.pem");
    std::fs::write(&ca, &pki.ca).unwrap();
    std::fs::write(&client, &pki.client_pem).unwrap();
    let base = format!(
        "User={DEMO_USER};Password={DEMO_PASSWORD};Timeout=10;SSLServerCert={}",
        ca.display()
    );
    let conn = connect(&driver_string(
        &emu.url,
        &format!("{base};SSLClientCert={}", client.display()),
    ))
    .expect("HTTPS with a client certificate");
    assert_eq!(count(&conn, "Customers"), 25);
    // Without the certificate the server refuses the connection. With TLS
    // 1.3 it says so in an alert after the client has finished its side of
    // the handshake: read first, it is 08001 (cannot connect); when the
    // server's close wins the race with the client's request (a loaded
    // machine), the client sees the connection drop: 08S01. Never a success.
    let without = connect(&driver_string(&emu.url, &base));
    let state = state_of(without);
    assert!(state == "08001" || state == "08S01", "{state}");
}

#[test]
fn oauth_access_token() {
    let url = &shared().url;
    let token = oauth_token(url);
    let conn = connect(&driver_string(
        url,
        &format!("AuthScheme=OAuth;OAuthAccessToken={token}"),
    ))
    .expect("OAuth access token");
    assert_eq!(count(&conn, "Customers"), 25);
    let stale = connect(&driver_string(
        url,
        "AuthScheme=OAuth;OAuthAccessToken=expired-or-unknown",
    ));
    assert_eq!(state_of(stale), "28000");
}

/// An access token for demo-admin through the authorization-code flow.
fn oauth_token(url: &str) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .unwrap();
        let redirect = "http://localhost:33333";
        let response = http
            .get(format!("{url}/oauth2/authorization"))
            .query(&[
                ("client_id", "demo-client"),
                ("redirect_uri", redirect),
                ("state", "s"),
                ("response_type", "code"),
                ("scope", "k:app_record:read k:app_settings:read"),
            ])
            .send()
            .await
            .unwrap();
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let code = location
            .split(['?', '&'])
            .find_map(|kv| kv.strip_prefix("code="))
            .expect("a code")
            .to_owned();
        let token: serde_json::Value = http
            .post(format!("{url}/oauth2/token"))
            .basic_auth("demo-client", Some("demo-secret"))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", redirect),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        token["access_token"].as_str().expect("a token").to_owned()
    })
}

#[test]
fn unreachable_server_is_08001() {
    shared();
    // Port 1 on loopback: nothing listens there.
    let err = connect(&driver_string(
        "http://127.0.0.1:1",
        &format!("User={DEMO_USER};Password={DEMO_PASSWORD};Timeout=5"),
    ));
    assert_eq!(state_of(err), "08001");
}

#[test]
fn bad_password_is_28000_and_never_echoed() {
    let url = &shared().url;
    let secret = "S3cret-Not-To-Leak";
    match connect(&driver_string(
        url,
        &format!("User={DEMO_USER};Password={secret}"),
    )) {
        Ok(_) => panic!("a wrong password connected"),
        Err(e @ Error::Diagnostics { .. }) => {
            let Error::Diagnostics { record, .. } = &e else {
                unreachable!()
            };
            assert_eq!(record.state.as_str(), "28000");
            let text = e.to_string();
            assert!(!text.contains(secret), "the password leaked: {text}");
        }
        Err(other) => panic!("{other:?}"),
    }
}

#[test]
fn connection_information() {
    let conn = demo();
    assert!(!conn.database_management_system_name().unwrap().is_empty());
    // odbc-api sizes its catalog buffers from these: never zero.
    assert!(conn.max_catalog_name_len().unwrap() > 0);
    assert!(conn.max_schema_name_len().unwrap() > 0);
    assert!(conn.max_table_name_len().unwrap() > 0);
    assert!(conn.max_column_name_len().unwrap() > 0);
    assert!(!conn.is_dead().unwrap());
    conn.set_autocommit(true).unwrap();
}
