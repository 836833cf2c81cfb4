//! Certificates for the HTTPS tests, made with rcgen at test time: a CA,
//! a server certificate for localhost, a client certificate, and one from
//! a CA the server does not trust.
#![allow(dead_code)]

use std::path::PathBuf;

use base64::Engine;
use kintone_emulator::{Config, EmulatorHandle, TlsConfig};
use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair};

use super::start;

pub struct Leaf {
    pub cert: String,
    pub key: KeyPair,
}

pub struct Pki {
    pub ca: String,
    pub server: Leaf,
    pub client: Leaf,
    /// A client certificate from a CA the server does not trust.
    pub stranger: Leaf,
}

fn ca(name: &str) -> (rcgen::Certificate, KeyPair) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    (params.self_signed(&key).unwrap(), key)
}

fn leaf(
    cn: &str,
    names: &[&str],
    usage: ExtendedKeyUsagePurpose,
    issuer: &rcgen::Certificate,
    issuer_key: &KeyPair,
) -> Leaf {
    let key = KeyPair::generate().unwrap();
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(names).unwrap();
    params.distinguished_name.push(DnType::CommonName, cn);
    params.extended_key_usages = vec![usage];
    let cert = params.signed_by(&key, issuer, issuer_key).unwrap();
    Leaf {
        cert: cert.pem(),
        key,
    }
}

pub fn pki() -> Pki {
    let (ca_cert, ca_key) = ca("kintone-core test CA");
    let (other_ca, other_key) = ca("Another CA");
    Pki {
        ca: ca_cert.pem(),
        server: leaf(
            "localhost",
            &["localhost", "127.0.0.1"],
            ExtendedKeyUsagePurpose::ServerAuth,
            &ca_cert,
            &ca_key,
        ),
        client: leaf(
            "client.example",
            &["client.example"],
            ExtendedKeyUsagePurpose::ClientAuth,
            &ca_cert,
            &ca_key,
        ),
        stranger: leaf(
            "stranger.example",
            &["stranger.example"],
            ExtendedKeyUsagePurpose::ClientAuth,
            &other_ca,
            &other_key,
        ),
    }
}

pub fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kintone-core-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}-{name}", rand_suffix()));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("{}", N.fetch_add(1, Ordering::SeqCst))
}

pub async fn https(pki: &Pki, require_client_cert: bool) -> EmulatorHandle {
    let cert = temp_file("server.pem", pki.server.cert.as_bytes());
    let key = temp_file("server.key", pki.server.key.serialize_pem().as_bytes());
    let client_ca = require_client_cert.then(|| temp_file("ca.pem", pki.ca.as_bytes()));
    start(Config {
        datasets: vec!["demo".into()],
        tls: Some(TlsConfig {
            cert,
            key,
            client_ca,
        }),
        ..Config::default()
    })
    .await
}

/// Connection-string value in braces (PEM text holds newlines, no `}`).
pub fn braced(text: &str) -> String {
    format!("{{{text}}}")
}

pub fn pkcs12(leaf: &Leaf, password: &str) -> Vec<u8> {
    let chain = p12_keystore::PrivateKeyChain::new(
        b"key-1".to_vec(),
        p12_keystore::PrivateKey::from_der(&leaf.key.serialize_der()).unwrap(),
        [p12_keystore::Certificate::from_der(&pem_to_der(&leaf.cert)).unwrap()],
    );
    let mut store = p12_keystore::KeyStore::new();
    store.add_entry(
        "client",
        p12_keystore::KeyStoreEntry::PrivateKeyChain(chain),
    );
    store.writer(password).write().unwrap()
}

pub fn pem_to_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}
