//! The redaction guarantee: at verbosity 5 (every library at trace level)
//! through every authentication scheme, the Basic gate, a proxy with a
//! password and a PKCS#12 client certificate, no secret reaches the log,
//! neither as given nor in the base64 forms that travel in headers. One
//! test per process, since the subscriber is process-wide.

mod common;

use base64::Engine;
use common::pki::*;
use common::*;
use kintone_core::read::ReadRequest;
use kintone_core::{Client, Properties};
use kintone_emulator::Config;
use serde_json::json;

const PASSWORD: &str = "demo-password";
const GATE_PASSWORD: &str = "Gate-Secret-5f3e";
const PROXY_PASSWORD: &str = "Proxy-Secret-77aa";
const PFX_PASSWORD: &str = "Pfx-Secret-0c9d";

fn logged(props: &Properties) -> Client {
    kintone_core::logging::init(props).unwrap();
    Client::new(props).unwrap()
}

async fn exercise(c: &Client, app: u64) {
    let _ = c.get("app", &json!({"id": app}), &[app]).await;
    if let Ok(mut stream) = c.read(ReadRequest::new(app)).await {
        while let Some(page) = stream.next_page().await {
            if page.is_err() {
                break;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_the_log_at_verbosity_5() {
    let dir = std::env::temp_dir().join(format!("kintone-core-log-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("driver.log");
    let _ = std::fs::remove_file(&log);
    let logging = format!("Logfile={};Verbosity=5", log.display());

    let emu = start(Config {
        datasets: vec!["demo".into()],
        basic_auth: Some(("gate".into(), GATE_PASSWORD.into())),
        ..Config::default()
    })
    .await;
    let gate = format!("BasicAuthUser=gate;BasicAuthPassword={GATE_PASSWORD}");
    let base = emu.base_url();
    let mut secrets: Vec<String> = Vec::new();
    let mut all_props = Vec::new();

    // Password, right and wrong, with the gate.
    for password in [PASSWORD, "Wrong-Password-1b2c"] {
        all_props.push(props(
            &base,
            &format!("User=demo-admin;Password={password};{gate};{logging}"),
        ));
    }
    // API tokens, with the gate.
    all_props.push(props(
        &base,
        &format!("APIToken={CUSTOMERS_RO},{DEALS_TOKEN};AppId=1,2;{gate};{logging}"),
    ));
    // Through a proxy with a password.
    let proxy = proxy::start(emu.addr().to_string()).await;
    all_props.push(props(
        &base,
        &format!(
            "User=demo-admin;Password={PASSWORD};{gate};ProxyServer=127.0.0.1;ProxyPort={};\
             ProxyUser=pu;ProxyPassword={PROXY_PASSWORD};{logging}",
            proxy.port
        ),
    ));
    for p in &all_props {
        secrets.extend(kintone_core::logging::redaction_list(p));
        exercise(&logged(p), 1).await;
    }
    // The proxy was used, with its credentials.
    let expected = base64::engine::general_purpose::STANDARD.encode(format!("pu:{PROXY_PASSWORD}"));
    assert!(proxy
        .heads
        .lock()
        .iter()
        .any(|h| h.to_ascii_lowercase().contains(&format!(
            "proxy-authorization: basic {}",
            expected.to_ascii_lowercase()
        ))));

    // OAuth (no gate: the two cannot be combined).
    let plain = demo().await;
    let token = oauth_token(&plain, "k:app_record:read k:app_settings:read").await;
    let p = props(
        &plain.base_url(),
        &format!(
            "AuthScheme=OAuth;OAuthAccessToken={token};OAuthClientId=demo-client;\
             OAuthClientSecret=demo-secret;OAuthRefreshToken=Refresh-Secret-3d4e;{logging}"
        ),
    );
    secrets.extend(kintone_core::logging::redaction_list(&p));
    exercise(&logged(&p), 1).await;

    // A PKCS#12 client certificate with its password, over HTTPS.
    let pki = pki();
    let https_emu = https(&pki, true).await;
    let pfx = pkcs12(&pki.client, PFX_PASSWORD);
    let pfx_b64 = base64::engine::general_purpose::STANDARD.encode(&pfx);
    let p = props(
        &format!("https://localhost:{}", https_emu.addr().port()),
        &format!(
            "User=demo-admin;Password={PASSWORD};SSLServerCert={};SSLClientCert={pfx_b64};\
             SSLClientCertType=PFXBLOB;SSLClientCertPassword={PFX_PASSWORD};{logging}",
            braced(&pki.ca)
        ),
    );
    secrets.extend(kintone_core::logging::redaction_list(&p));
    exercise(&logged(&p), 1).await;

    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let text = std::fs::read_to_string(&log).unwrap();
    // The log is really at verbosity 5: our calls and the libraries' traces.
    assert!(text.contains("Kintone call done"), "no call logged");
    assert!(text.contains("TRACE"), "no trace lines");
    assert!(text.lines().count() > 100, "{} lines", text.lines().count());
    for needle in [
        PASSWORD,
        GATE_PASSWORD,
        PROXY_PASSWORD,
        PFX_PASSWORD,
        "Wrong-Password-1b2c",
        &token,
        "Refresh-Secret-3d4e",
        "demo-secret",
        CUSTOMERS_RO,
        DEALS_TOKEN,
    ] {
        assert!(!text.contains(needle), "a secret is in the log");
    }
    for secret in &secrets {
        assert!(!text.contains(secret.as_str()), "a secret is in the log");
    }
    // Nothing even tried to log one: the scrubber found nothing to replace.
    assert!(
        !text.contains(kintone_core::logging::REDACTED),
        "a secret was about to be logged: {}",
        text.lines()
            .find(|l| l.contains(kintone_core::logging::REDACTED))
            .unwrap_or_default()
    );
}
