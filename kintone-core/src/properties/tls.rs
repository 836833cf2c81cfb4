//! TLS properties: the client certificate (Kintone's "Secure Access") and the
//! server certificate to trust.
//!
//! Only parsed and validated here; nothing is read from disk; the HTTP client
//! loads the files when it connects.

use std::path::PathBuf;

use super::keys;
use super::raw::Raw;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// Kind of key store named by `SSLClientCert` (`SSLClientCertType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientCertType {
    /// `PEMKEY_FILE`: a PEM file with the private key and the certificate (the default).
    #[default]
    PemKeyFile,
    /// `PEMKEY_BLOB`: the PEM text itself.
    PemKeyBlob,
    /// `PFXFILE`: a PKCS#12 file.
    PfxFile,
    /// `PFXBLOB`: a PKCS#12 store, base64-encoded.
    PfxBlob,
    /// `USER`: the current user's Windows certificate store (Windows only).
    User,
    /// `MACHINE`: the machine's Windows certificate store (Windows only).
    Machine,
}

impl ClientCertType {
    const SUPPORTED: [(&'static str, ClientCertType); 6] = [
        ("PEMKEY_FILE", ClientCertType::PemKeyFile),
        ("PEMKEY_BLOB", ClientCertType::PemKeyBlob),
        ("PFXFILE", ClientCertType::PfxFile),
        ("PFXBLOB", ClientCertType::PfxBlob),
        ("USER", ClientCertType::User),
        ("MACHINE", ClientCertType::Machine),
    ];

    /// Other CData store types: Java key stores, and stores that hold no
    /// private key (a client certificate is useless without one).
    const UNSUPPORTED: [&'static str; 10] = [
        "JKSFILE",
        "JKSBLOB",
        "PUBLIC_KEY_FILE",
        "PUBLIC_KEY_BLOB",
        "SSHPUBLIC_KEY_FILE",
        "SSHPUBLIC_KEY_BLOB",
        "P7BFILE",
        "PPKFILE",
        "XMLFILE",
        "XMLBLOB",
    ];

    /// The CData spelling, e.g. `PEMKEY_FILE`.
    pub fn name(self) -> &'static str {
        Self::SUPPORTED
            .iter()
            .find(|(_, t)| *t == self)
            .map(|(n, _)| *n)
            .expect("every type has a name")
    }

    /// True for the Windows certificate stores (`USER`, `MACHINE`).
    pub fn is_windows_store(self) -> bool {
        matches!(self, ClientCertType::User | ClientCertType::Machine)
    }

    fn parse(value: &str) -> Result<Self> {
        let v = value.trim();
        if let Some((_, t)) = Self::SUPPORTED
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(v))
        {
            if t.is_windows_store() && !cfg!(windows) {
                return Err(Error::invalid_property(
                    keys::SSL_CLIENT_CERT_TYPE,
                    format!(
                        "{} is a Windows certificate store, not supported on this platform; \
                         use PEMKEY_FILE, PEMKEY_BLOB, PFXFILE or PFXBLOB",
                        t.name()
                    ),
                ));
            }
            return Ok(*t);
        }
        if let Some(name) = Self::UNSUPPORTED.iter().find(|n| n.eq_ignore_ascii_case(v)) {
            return Err(Error::invalid_property(
                keys::SSL_CLIENT_CERT_TYPE,
                format!(
                    "{name} is not supported by this driver (Java-only, or holds no private key); \
                     use PEMKEY_FILE, PEMKEY_BLOB, PFXFILE or PFXBLOB"
                ),
            ));
        }
        let mut allowed = "PEMKEY_FILE, PEMKEY_BLOB, PFXFILE or PFXBLOB".to_owned();
        if cfg!(windows) {
            allowed.push_str(" (or the Windows stores USER, MACHINE)");
        }
        Err(Error::invalid_property(
            keys::SSL_CLIENT_CERT_TYPE,
            format!("must be {allowed}"),
        ))
    }
}

/// Where the client certificate comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertData {
    /// A file to read (PEM or PKCS#12, per the type).
    File(PathBuf),
    /// The certificate and private key themselves (PEM text, or base64 PKCS#12):
    /// a secret, since it holds the private key.
    Inline(Secret),
    /// The name of a Windows certificate store, e.g. `MY`.
    Store(String),
}

/// The client certificate (`SSLClientCert` and `SSLClientCertType`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCert {
    /// `SSLClientCertType`.
    pub cert_type: ClientCertType,
    /// `SSLClientCert`, interpreted per the type.
    pub data: CertData,
}

/// The server certificate to trust (`SSLServerCert`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerCert {
    /// `*`: accept any certificate. For tests only: it disables server authentication.
    AcceptAny,
    /// A PEM file of certificates to trust instead of the system's roots.
    File(PathBuf),
    /// PEM text of certificates to trust instead of the system's roots.
    Pem(String),
}

/// TLS settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tls {
    /// `SSLClientCert` with its `SSLClientCertType`; `None` when there is no client certificate.
    pub client_cert: Option<ClientCert>,
    /// `SSLClientCertPassword`: password of the key or the PKCS#12 store.
    pub client_cert_password: Option<Secret>,
    /// `SSLClientCertSubject`: selects the certificate in a store; default `*` (the first one).
    pub client_cert_subject: String,
    /// `SSLServerCert`; `None` means the system's trusted roots.
    pub server_cert: Option<ServerCert>,
}

/// PEM text is recognised by its armour line, so the same property can hold
/// a path or the text itself.
fn is_pem_text(v: &str) -> bool {
    v.trim_start().starts_with("-----BEGIN ")
}

impl Tls {
    /// Default of `SSLClientCertSubject`.
    pub const DEFAULT_CLIENT_CERT_SUBJECT: &'static str = "*";

    pub(super) fn from_raw(raw: &Raw) -> Result<Self> {
        let cert_type = raw
            .get(keys::SSL_CLIENT_CERT_TYPE)
            .map(ClientCertType::parse)
            .transpose()?
            .unwrap_or_default();
        let client_cert = match raw.get(keys::SSL_CLIENT_CERT) {
            None => None,
            Some(v) => {
                let data = match cert_type {
                    ClientCertType::PemKeyFile if is_pem_text(v) => {
                        CertData::Inline(Secret::from(v))
                    }
                    ClientCertType::PfxFile if is_pem_text(v) => {
                        return Err(Error::invalid_property(
                            keys::SSL_CLIENT_CERT,
                            "holds PEM text but SSLClientCertType is PFXFILE; \
                             set SSLClientCertType=PEMKEY_BLOB for PEM text",
                        ))
                    }
                    ClientCertType::PemKeyFile | ClientCertType::PfxFile => {
                        CertData::File(PathBuf::from(v.trim()))
                    }
                    ClientCertType::PemKeyBlob | ClientCertType::PfxBlob => {
                        CertData::Inline(Secret::from(v))
                    }
                    ClientCertType::User | ClientCertType::Machine => {
                        CertData::Store(v.trim().to_owned())
                    }
                };
                Some(ClientCert { cert_type, data })
            }
        };
        let server_cert = raw.get(keys::SSL_SERVER_CERT).map(|v| {
            if v.trim() == "*" {
                ServerCert::AcceptAny
            } else if is_pem_text(v) {
                ServerCert::Pem(v.to_owned())
            } else {
                ServerCert::File(PathBuf::from(v.trim()))
            }
        });
        Ok(Tls {
            client_cert,
            client_cert_password: raw.secret(keys::SSL_CLIENT_CERT_PASSWORD),
            client_cert_subject: raw
                .string(keys::SSL_CLIENT_CERT_SUBJECT)
                .unwrap_or_else(|| Self::DEFAULT_CLIENT_CERT_SUBJECT.to_owned()),
            server_cert,
        })
    }

    pub(super) fn render(&self, out: &mut Vec<(&'static str, String)>) {
        if let Some(cert) = &self.client_cert {
            let value = match &cert.data {
                CertData::File(path) => path.to_string_lossy().into_owned(),
                CertData::Inline(text) => text.expose().to_owned(),
                CertData::Store(name) => name.clone(),
            };
            out.push((keys::SSL_CLIENT_CERT, value));
            if cert.cert_type != ClientCertType::default() {
                out.push((keys::SSL_CLIENT_CERT_TYPE, cert.cert_type.name().to_owned()));
            }
        }
        if let Some(password) = &self.client_cert_password {
            out.push((keys::SSL_CLIENT_CERT_PASSWORD, password.expose().to_owned()));
        }
        if self.client_cert_subject != Self::DEFAULT_CLIENT_CERT_SUBJECT {
            out.push((
                keys::SSL_CLIENT_CERT_SUBJECT,
                self.client_cert_subject.clone(),
            ));
        }
        match &self.server_cert {
            None => {}
            Some(ServerCert::AcceptAny) => out.push((keys::SSL_SERVER_CERT, "*".to_owned())),
            Some(ServerCert::File(path)) => {
                out.push((keys::SSL_SERVER_CERT, path.to_string_lossy().into_owned()))
            }
            Some(ServerCert::Pem(text)) => out.push((keys::SSL_SERVER_CERT, text.clone())),
        }
    }

    pub(super) fn secrets<'a>(&'a self, out: &mut Vec<&'a str>) {
        out.extend(self.client_cert_password.iter().map(Secret::expose));
        if let Some(ClientCert {
            data: CertData::Inline(text),
            ..
        }) = &self.client_cert
        {
            out.push(text.expose());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tls(pairs: &[(&str, &str)]) -> Result<Tls> {
        Tls::from_raw(&Raw::merge(&[pairs]))
    }

    fn key_of(err: Error) -> String {
        match err {
            Error::InvalidProperty { key, .. } => key,
            other => panic!("{other:?}"),
        }
    }

    const PEM: &str = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";

    #[test]
    fn defaults() {
        let t = tls(&[]).unwrap();
        assert_eq!(t.client_cert, None);
        assert_eq!(t.client_cert_password, None);
        assert_eq!(t.client_cert_subject, "*");
        assert_eq!(t.server_cert, None);
        assert_eq!(ClientCertType::default(), ClientCertType::PemKeyFile);
    }

    #[test]
    fn client_cert_file_or_text() {
        let t = tls(&[("SSLClientCert", "/etc/k/cert.pem")]).unwrap();
        assert_eq!(
            t.client_cert,
            Some(ClientCert {
                cert_type: ClientCertType::PemKeyFile,
                data: CertData::File("/etc/k/cert.pem".into())
            })
        );
        let t = tls(&[("SSLClientCert", PEM)]).unwrap();
        assert_eq!(
            t.client_cert.unwrap().data,
            CertData::Inline(Secret::from(PEM))
        );
        let t = tls(&[
            ("SSLClientCert", "MIIB..."),
            ("sslclientcerttype", "pfxblob"),
        ])
        .unwrap();
        let cert = t.client_cert.unwrap();
        assert_eq!(cert.cert_type, ClientCertType::PfxBlob);
        assert_eq!(cert.data, CertData::Inline(Secret::from("MIIB...")));
        let t = tls(&[("SSLClientCert", "a.pfx"), ("SSLClientCertType", "PFXFILE")]).unwrap();
        assert_eq!(t.client_cert.unwrap().data, CertData::File("a.pfx".into()));
        let t = tls(&[("SSLClientCertType", "PEMKEY_BLOB"), ("SSLClientCert", PEM)]).unwrap();
        assert_eq!(t.client_cert.unwrap().cert_type, ClientCertType::PemKeyBlob);
    }

    #[test]
    fn pem_text_with_pfx_file_type_is_an_error() {
        let err = tls(&[("SSLClientCert", PEM), ("SSLClientCertType", "PFXFILE")]).unwrap_err();
        assert!(!err.to_string().contains("MIIB"), "{err}");
        assert_eq!(key_of(err), "SSLClientCert");
    }

    #[test]
    fn unknown_and_unsupported_types() {
        for bad in ["PEM", "JKSFILE", "public_key_file", "XMLBLOB", ""] {
            if bad.is_empty() {
                continue; // empty means "not set"
            }
            let err = tls(&[("SSLClientCertType", bad)]).unwrap_err();
            assert_eq!(key_of(err), "SSLClientCertType", "{bad}");
        }
    }

    #[test]
    fn windows_stores() {
        for store in ["USER", "machine"] {
            let result = tls(&[("SSLClientCertType", store), ("SSLClientCert", "MY")]);
            if cfg!(windows) {
                let cert = result.unwrap().client_cert.unwrap();
                assert!(cert.cert_type.is_windows_store());
                assert_eq!(cert.data, CertData::Store("MY".into()));
            } else {
                let err = result.unwrap_err();
                assert!(
                    err.to_string().contains("not supported on this platform"),
                    "{err}"
                );
                assert_eq!(key_of(err), "SSLClientCertType");
            }
        }
    }

    #[test]
    fn server_cert() {
        let t = tls(&[("SSLServerCert", "*")]).unwrap();
        assert_eq!(t.server_cert, Some(ServerCert::AcceptAny));
        let t = tls(&[("SSLServerCert", "/ca.pem")]).unwrap();
        assert_eq!(t.server_cert, Some(ServerCert::File("/ca.pem".into())));
        let pem = "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----";
        let t = tls(&[("SSLServerCert", pem)]).unwrap();
        assert_eq!(t.server_cert, Some(ServerCert::Pem(pem.into())));
    }

    #[test]
    fn type_names_round_trip() {
        for (name, t) in ClientCertType::SUPPORTED {
            assert_eq!(t.name(), name);
        }
    }
}
