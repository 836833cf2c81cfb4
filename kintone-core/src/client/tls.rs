//! The rustls client configuration (ring provider), handed to reqwest.
//!
//! Trust: the system's roots (rustls-native-certs), or the bundled Mozilla
//! roots (webpki-roots) when the system has none; plus `SSLServerCert`,
//! which is trusted as a CA and also accepted when the server presents
//! exactly that certificate (a self-signed server). `SSLServerCert=*`
//! accepts any certificate, with a warning in the log.
//!
//! ALPN offers `h2` then `http/1.1`, so HTTP/2 is used when the server offers it.

use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::client_cert;
use crate::error::{Error, Result};
use crate::properties::{ServerCert, Tls};

fn tls_error(message: impl Into<String>) -> Error {
    Error::Tls {
        message: message.into(),
    }
}

/// Builds the TLS configuration from the TLS properties.
pub fn client_config(tls: &Tls) -> Result<ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_error(format!("protocol versions: {e}")))?;
    let verifier: Arc<dyn ServerCertVerifier> = match &tls.server_cert {
        Some(ServerCert::AcceptAny) => {
            tracing::warn!(
                "SSLServerCert=*: the server's certificate is not checked; anyone on the \
                 network path can read and change the traffic"
            );
            Arc::new(AcceptAnyCertificate {
                provider: Arc::clone(&provider),
            })
        }
        Some(ServerCert::File(path)) => {
            let pem = std::fs::read(path).map_err(|e| {
                tls_error(format!("cannot read SSLServerCert {}: {e}", path.display()))
            })?;
            pinned_verifier(&pem, &provider)?
        }
        Some(ServerCert::Pem(text)) => pinned_verifier(text.as_bytes(), &provider)?,
        None => WebPkiServerVerifier::builder_with_provider(Arc::new(system_roots()), provider)
            .build()
            .map_err(|e| tls_error(format!("certificate verifier: {e}")))?,
    };
    let builder = builder
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match client_cert::load(tls)? {
        Some(identity) => {
            tracing::info!(subject = %identity.subject, "using a client certificate");
            builder
                .with_client_auth_cert(identity.chain, identity.key)
                .map_err(|e| {
                    tls_error(format!(
                        "the client certificate and its private key do not go together: {e}"
                    ))
                })?
        }
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// The system's trust roots; the bundled Mozilla roots when there are none.
/// Read once per process: parsing them takes a while.
fn system_roots() -> RootCertStore {
    static ROOTS: OnceLock<RootCertStore> = OnceLock::new();
    ROOTS.get_or_init(load_system_roots).clone()
}

fn load_system_roots() -> RootCertStore {
    let mut roots = RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    for error in &native.errors {
        tracing::debug!(%error, "reading the system's certificates");
    }
    let (added, _ignored) = roots.add_parsable_certificates(native.certs);
    if added == 0 {
        tracing::info!("no system trust roots found; using the bundled Mozilla roots");
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    } else {
        tracing::debug!(roots = added, "using the system's trust roots");
    }
    roots
}

/// Trusts the system roots plus the given certificates, and accepts a
/// server presenting exactly one of them.
fn pinned_verifier(
    pem: &[u8],
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>> {
    let pinned = CertificateDer::pem_slice_iter(pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| tls_error(format!("SSLServerCert: bad PEM certificate: {e}")))?;
    if pinned.is_empty() {
        return Err(tls_error(
            "SSLServerCert holds no certificate (expected -----BEGIN CERTIFICATE-----, or * \
             to accept any)",
        ));
    }
    let mut roots = system_roots();
    for cert in &pinned {
        // A leaf that is not a valid trust anchor is still pinned below.
        let _ = roots.add(cert.clone());
    }
    let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), Arc::clone(provider))
        .build()
        .map_err(|e| tls_error(format!("certificate verifier: {e}")))?;
    Ok(Arc::new(PinnedOrWebPki { pinned, webpki }))
}

#[derive(Debug)]
struct PinnedOrWebPki {
    pinned: Vec<CertificateDer<'static>>,
    webpki: Arc<WebPkiServerVerifier>,
}

impl ServerCertVerifier for PinnedOrWebPki {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        if self
            .pinned
            .iter()
            .any(|p| p.as_ref() == end_entity.as_ref())
        {
            return Ok(ServerCertVerified::assertion());
        }
        self.webpki
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

/// `SSLServerCert=*`: any certificate, but the handshake signatures are
/// still checked (the peer must hold the key of the certificate it shows).
#[derive(Debug)]
struct AcceptAnyCertificate {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
