//! The client certificate of Kintone's "Secure Access" (facts §2): a PEM
//! file or text holding the certificate(s) and the private key, or a
//! PKCS#12 store (file, or base64 text) opened with `SSLClientCertPassword`.
//!
//! `SSLClientCertSubject` picks the certificate: `*` takes the first one;
//! otherwise a subject equal to the value (ignoring case and the spaces
//! around `,` and `=`), or else the first subject containing it, e.g.
//! `CN=client.example` or just `client.example`.

use std::path::Path;

use base64::Engine;
use p12_keystore::{KeyStore, KeyStoreEntry, Pkcs12ImportPolicy};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::error::{Error, Result};
use crate::properties::{CertData, ClientCert, ClientCertType, Tls};

/// A certificate chain (leaf first) and its private key.
pub struct Identity {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
    /// The subject of the leaf, for the log.
    pub subject: String,
}

fn tls_error(message: impl Into<String>) -> Error {
    Error::Tls {
        message: message.into(),
    }
}

/// Loads the client certificate named by the TLS properties.
pub fn load(tls: &Tls) -> Result<Option<Identity>> {
    let Some(cert) = &tls.client_cert else {
        return Ok(None);
    };
    let password = tls
        .client_cert_password
        .as_ref()
        .map(|p| p.expose())
        .unwrap_or("");
    let subject = tls.client_cert_subject.as_str();
    match cert.cert_type {
        ClientCertType::PemKeyFile | ClientCertType::PemKeyBlob => {
            from_pem(&read_bytes(cert, false)?, subject).map(Some)
        }
        ClientCertType::PfxFile | ClientCertType::PfxBlob => {
            from_pkcs12(&read_bytes(cert, true)?, password, subject).map(Some)
        }
        ClientCertType::User | ClientCertType::Machine => Err(tls_error(
            "the Windows certificate stores (SSLClientCertType USER, MACHINE) are not \
             supported by this build; export the certificate to a PFX or PEM file",
        )),
    }
}

/// The bytes of the store: the file, the PEM text, or the decoded base64 text.
fn read_bytes(cert: &ClientCert, binary: bool) -> Result<Vec<u8>> {
    match &cert.data {
        CertData::File(path) => read_file(path),
        CertData::Inline(text) if binary => base64::engine::general_purpose::STANDARD
            .decode(text.expose().split_whitespace().collect::<String>())
            .map_err(|_| {
                tls_error("SSLClientCert must be base64 text when SSLClientCertType is PFXBLOB")
            }),
        CertData::Inline(text) => Ok(text.expose().as_bytes().to_vec()),
        CertData::Store(_) => Err(tls_error("certificate stores are not supported")),
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        tls_error(format!(
            "cannot read the client certificate file {}: {e}",
            path.display()
        ))
    })
}

fn subject_of(der: &[u8]) -> String {
    p12_keystore::Certificate::from_der(der)
        .map(|c| c.subject().to_owned())
        .unwrap_or_default()
}

fn normalize(subject: &str) -> String {
    subject
        .split(',')
        .map(|part| part.split('=').map(str::trim).collect::<Vec<_>>().join("="))
        .collect::<Vec<_>>()
        .join(",")
        .to_lowercase()
}

/// The index of the subject chosen by `wanted` (see the module doc).
pub fn pick_subject(subjects: &[String], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    if subjects.is_empty() {
        return None;
    }
    if wanted.is_empty() || wanted == "*" {
        return Some(0);
    }
    let wanted = normalize(wanted);
    let normalized: Vec<String> = subjects.iter().map(|s| normalize(s)).collect();
    normalized
        .iter()
        .position(|s| *s == wanted)
        .or_else(|| normalized.iter().position(|s| s.contains(&wanted)))
}

fn no_match(wanted: &str, subjects: &[String]) -> Error {
    tls_error(format!(
        "no client certificate matches SSLClientCertSubject={wanted:?}; the certificates \
         have the subjects {subjects:?}"
    ))
}

fn from_pem(pem: &[u8], wanted: &str) -> Result<Identity> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| tls_error(format!("SSLClientCert: bad PEM certificate: {e}")))?;
    if certs.is_empty() {
        return Err(tls_error(
            "SSLClientCert holds no certificate (expected -----BEGIN CERTIFICATE-----)",
        ));
    }
    let key = PrivateKeyDer::from_pem_slice(pem).map_err(|_| {
        tls_error(
            "SSLClientCert holds no private key (expected -----BEGIN PRIVATE KEY----- \
             in the same PEM)",
        )
    })?;
    let subjects: Vec<String> = certs.iter().map(|c| subject_of(c)).collect();
    let leaf = pick_subject(&subjects, wanted).ok_or_else(|| no_match(wanted, &subjects))?;
    // The chosen certificate first, the others after it as the chain.
    let mut chain = certs;
    let leaf_cert = chain.remove(leaf);
    chain.insert(0, leaf_cert);
    Ok(Identity {
        chain,
        key,
        subject: subjects[leaf].clone(),
    })
}

fn from_pkcs12(data: &[u8], password: &str, wanted: &str) -> Result<Identity> {
    let store =
        KeyStore::from_pkcs12(data, password, Pkcs12ImportPolicy::Relaxed).map_err(|_| {
            tls_error(
                "cannot open the PKCS#12 client certificate: wrong SSLClientCertPassword, or not \
             a PKCS#12 (PFX) store",
            )
        })?;
    let chains: Vec<_> = store
        .entries()
        .filter_map(|(_, entry)| match entry {
            KeyStoreEntry::PrivateKeyChain(chain) if !chain.certs().is_empty() => Some(chain),
            _ => None,
        })
        .collect();
    if chains.is_empty() {
        return Err(tls_error(
            "the PKCS#12 client certificate holds no private key with its certificate",
        ));
    }
    let subjects: Vec<String> = chains
        .iter()
        .map(|c| c.certs()[0].subject().to_owned())
        .collect();
    let chosen =
        chains[pick_subject(&subjects, wanted).ok_or_else(|| no_match(wanted, &subjects))?];
    Ok(Identity {
        chain: chosen
            .certs()
            .iter()
            .map(|c| CertificateDer::from(c.as_der().to_vec()))
            .collect(),
        key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(chosen.key().as_der().to_vec())),
        subject: chosen.certs()[0].subject().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_matching() {
        let subjects = vec![
            "CN=alpha.example, O=Acme".to_owned(),
            "CN=beta.example".to_owned(),
        ];
        assert_eq!(pick_subject(&subjects, "*"), Some(0));
        assert_eq!(pick_subject(&subjects, "cn = Beta.example"), Some(1));
        assert_eq!(pick_subject(&subjects, "CN=alpha.example,O=Acme"), Some(0));
        assert_eq!(pick_subject(&subjects, "beta"), Some(1));
        assert_eq!(pick_subject(&subjects, "gamma"), None);
        assert_eq!(pick_subject(&[], "*"), None);
    }

    #[test]
    fn pem_without_key_or_certificate_is_a_clear_error() {
        let err = from_pem(b"nothing here", "*").err().unwrap();
        assert!(err.to_string().contains("no certificate"), "{err}");
    }
}
