//! facts §2 "Secure Access": HTTPS with rustls, and client certificates
//! required when a client CA is configured.

mod http_support;

use std::path::PathBuf;

use http_support::*;
use kintone_emulator::{Config, TlsConfig};
use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair};

struct Pki {
    ca_pem: String,
    server_cert: String,
    server_key: String,
    client_cert: String,
    client_key: String,
    /// A client certificate from another CA.
    stranger_cert: String,
    stranger_key: String,
}

fn ca(name: &str) -> (rcgen::Certificate, KeyPair) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    (params.self_signed(&key).unwrap(), key)
}

fn leaf(
    names: &[&str],
    usage: ExtendedKeyUsagePurpose,
    issuer: &rcgen::Certificate,
    issuer_key: &KeyPair,
) -> (String, String) {
    let key = KeyPair::generate().unwrap();
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(names).unwrap();
    params.extended_key_usages = vec![usage];
    let cert = params.signed_by(&key, issuer, issuer_key).unwrap();
    (cert.pem(), key.serialize_pem())
}

fn pki() -> Pki {
    let (ca_cert, ca_key) = ca("Emulator test CA");
    let (server_cert, server_key) = leaf(
        &["localhost", "127.0.0.1"],
        ExtendedKeyUsagePurpose::ServerAuth,
        &ca_cert,
        &ca_key,
    );
    let (client_cert, client_key) = leaf(
        &["client.example"],
        ExtendedKeyUsagePurpose::ClientAuth,
        &ca_cert,
        &ca_key,
    );
    let (other_ca, other_key) = ca("Another CA");
    let (stranger_cert, stranger_key) = leaf(
        &["stranger.example"],
        ExtendedKeyUsagePurpose::ClientAuth,
        &other_ca,
        &other_key,
    );
    Pki {
        ca_pem: ca_cert.pem(),
        server_cert,
        server_key,
        client_cert,
        client_key,
        stranger_cert,
        stranger_key,
    }
}

fn write_temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kintone-emulator-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}-{}.pem", uuid::Uuid::new_v4()));
    std::fs::write(&path, text).unwrap();
    path
}

fn tls_config(pki: &Pki, require_client_cert: bool) -> TlsConfig {
    TlsConfig {
        cert: write_temp("server", &pki.server_cert),
        key: write_temp("server-key", &pki.server_key),
        client_ca: require_client_cert.then(|| write_temp("ca", &pki.ca_pem)),
    }
}

fn https_client(pki: &Pki, identity: Option<(&str, &str)>) -> reqwest::Client {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(reqwest::Certificate::from_pem(pki.ca_pem.as_bytes()).unwrap());
    if let Some((cert, key)) = identity {
        let pem = format!("{cert}\n{key}");
        builder = builder.identity(reqwest::Identity::from_pem(pem.as_bytes()).unwrap());
    }
    builder.build().unwrap()
}

async fn records_over(client: &reqwest::Client, base: &str) -> Result<u16, reqwest::Error> {
    let (name, value) = password_header(SATO);
    let response = client
        .get(format!("{base}/k/v1/records.json?app=1"))
        .header(name, value)
        .send()
        .await?;
    Ok(response.status().as_u16())
}

#[tokio::test]
async fn facts_2_https_without_client_certificates() {
    let pki = pki();
    let emu = start_with(Config {
        tls: Some(tls_config(&pki, false)),
        ..Config::default()
    })
    .await;
    assert!(emu.base_url().starts_with("https://127.0.0.1:"));
    let status = records_over(&https_client(&pki, None), &emu.base_url()).await;
    assert_eq!(status.unwrap(), 200);
}

#[tokio::test]
async fn facts_2_secure_access_requires_a_client_certificate() {
    let pki = pki();
    let emu = start_with(Config {
        tls: Some(tls_config(&pki, true)),
        ..Config::default()
    })
    .await;
    let base = emu.base_url();
    // Without a certificate the handshake fails: no HTTP answer at all.
    let without = records_over(&https_client(&pki, None), &base).await;
    assert!(without.is_err(), "{without:?}");
    // A certificate from another CA fails too.
    let stranger = https_client(&pki, Some((&pki.stranger_cert, &pki.stranger_key)));
    assert!(records_over(&stranger, &base).await.is_err());
    // With the right certificate the API answers.
    let with = https_client(&pki, Some((&pki.client_cert, &pki.client_key)));
    assert_eq!(records_over(&with, &base).await.unwrap(), 200);
}
