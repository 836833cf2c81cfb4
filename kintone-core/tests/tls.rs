//! HTTPS against the emulator (facts §2 "Secure Access"): trusting the
//! server (SSLServerCert as CA, as the server's own certificate, or `*`),
//! and client certificates required by the server: PEM file and text,
//! PKCS#12 file and base64 text, chosen by subject.

mod common;

use base64::Engine;
use common::pki::*;
use common::*;
use kintone_core::{Client, ErrorCategory};
use kintone_emulator::EmulatorHandle;
use serde_json::{json, Value as Json};

/// `https://localhost:PORT` (the certificate names localhost).
fn url(emu: &EmulatorHandle) -> String {
    format!("https://localhost:{}", emu.addr().port())
}

fn tls_client(emu: &EmulatorHandle, extra: &str) -> kintone_core::Result<Client> {
    Client::new(&props(
        &url(emu),
        &format!("User=demo-admin;Password=demo-password;Timeout=10;{extra}"),
    ))
}

async fn app_name(client: &Client) -> kintone_core::Result<String> {
    let v: Json = client.get_json("app", &json!({"id": 1}), &[1]).await?;
    Ok(v["name"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn server_trusted_through_ssl_server_cert() {
    let pki = pki();
    let emu = https(&pki, false).await;
    // The CA as PEM text, the CA as a file, the server's own certificate.
    let ca_file = temp_file("ca.pem", pki.ca.as_bytes());
    for extra in [
        format!("SSLServerCert={}", braced(&pki.ca)),
        format!("SSLServerCert={}", ca_file.display()),
        format!("SSLServerCert={}", braced(&pki.server.cert)),
        "SSLServerCert=*".to_owned(),
    ] {
        let c = tls_client(&emu, &extra).unwrap();
        assert_eq!(app_name(&c).await.unwrap(), "Customers", "{extra}");
    }
}

#[tokio::test]
async fn an_untrusted_server_is_refused() {
    let pki = pki();
    let emu = https(&pki, false).await;
    let err = app_name(&tls_client(&emu, "").unwrap()).await.unwrap_err();
    assert_eq!(err.category(), ErrorCategory::Tls, "{err:?}");
    // Trusting another certificate does not help.
    let other = pki.stranger.cert.clone();
    let c = tls_client(&emu, &format!("SSLServerCert={}", braced(&other))).unwrap();
    assert_eq!(
        app_name(&c).await.unwrap_err().category(),
        ErrorCategory::Tls
    );
}

#[tokio::test]
async fn client_certificate_required_by_the_server() {
    let pki = pki();
    let emu = https(&pki, true).await;
    let trust = format!("SSLServerCert={}", braced(&pki.ca));
    let without = tls_client(&emu, &trust).unwrap();
    let err = app_name(&without).await.unwrap_err();
    assert_eq!(err.category(), ErrorCategory::Tls, "{err:?}");
    assert!(!err.is_retryable());

    let pem = format!("{}{}", pki.client.cert, pki.client.key.serialize_pem());
    let pem_file = temp_file("client.pem", pem.as_bytes());
    for extra in [
        format!("SSLClientCert={}", pem_file.display()),
        format!(
            "SSLClientCert={};SSLClientCertType=PEMKEY_BLOB",
            braced(&pem)
        ),
        format!(
            "SSLClientCert={};SSLClientCertSubject=CN=client.example",
            pem_file.display()
        ),
    ] {
        let c = tls_client(&emu, &format!("{trust};{extra}")).unwrap();
        assert_eq!(app_name(&c).await.unwrap(), "Customers", "{extra}");
    }

    // A certificate the server's CA did not issue.
    let stranger = format!("{}{}", pki.stranger.cert, pki.stranger.key.serialize_pem());
    let c = tls_client(
        &emu,
        &format!("{trust};SSLClientCert={}", braced(&stranger)),
    )
    .unwrap();
    assert!(matches!(
        app_name(&c).await.unwrap_err().category(),
        ErrorCategory::Tls | ErrorCategory::Link
    ));

    // A subject no certificate has: refused before any connection.
    let err = tls_client(
        &emu,
        &format!(
            "{trust};SSLClientCert={};SSLClientCertSubject=CN=nobody",
            pem_file.display()
        ),
    )
    .unwrap_err();
    assert_eq!(err.category(), ErrorCategory::Tls);
    assert!(err.to_string().contains("CN=nobody"), "{err}");
}

#[tokio::test]
async fn pkcs12_client_certificate_file_and_blob() {
    let pki = pki();
    let emu = https(&pki, true).await;
    let trust = format!("SSLServerCert={}", braced(&pki.ca));
    let pfx = pkcs12(&pki.client, "pfx-pass");
    let pfx_file = temp_file("client.pfx", &pfx);
    let pfx_b64 = base64::engine::general_purpose::STANDARD.encode(&pfx);
    for extra in [
        format!(
            "SSLClientCert={};SSLClientCertType=PFXFILE;SSLClientCertPassword=pfx-pass",
            pfx_file.display()
        ),
        format!(
            "SSLClientCert={pfx_b64};SSLClientCertType=PFXBLOB;SSLClientCertPassword=pfx-pass;\
             SSLClientCertSubject=client.example"
        ),
    ] {
        let c = tls_client(&emu, &format!("{trust};{extra}")).unwrap();
        assert_eq!(app_name(&c).await.unwrap(), "Customers", "{extra}");
    }
    let err = tls_client(
        &emu,
        &format!(
            "{trust};SSLClientCert={};SSLClientCertType=PFXFILE;SSLClientCertPassword=Wr0ngPfxPass",
            pfx_file.display()
        ),
    )
    .unwrap_err();
    assert_eq!(err.category(), ErrorCategory::Tls);
    assert!(!err.to_string().contains("Wr0ngPfxPass"), "{err}");
}
