//! The emulator the tests talk to. One demo emulator per test process
//! ([`shared`]) behind the DSNs of the process-wide ODBC configuration;
//! private ones ([`Private::start`]) for configurations the shared one does
//! not have (Basic gate, HTTPS with client certificates), reached with
//! connection strings naming the driver.

use std::path::PathBuf;
use std::sync::OnceLock;

use kintone_emulator::{Config, Emulator, EmulatorHandle, TlsConfig};
use tokio::runtime::Runtime;

use crate::config::{Dsn, OdbcConfig};
use crate::{DEMO_DSN, DEMO_PASSWORD, DEMO_USER, LABELS_DSN};

/// The process-wide demo emulator and the ODBC configuration pointing at it.
pub struct Shared {
    pub url: String,
    pub odbc: OdbcConfig,
    _emulator: EmulatorHandle,
    _runtime: Runtime,
}

/// Starts the demo emulator once per process, writes the private unixODBC
/// files (DSNs [`DEMO_DSN`] and [`LABELS_DSN`]) and points this process's
/// environment at them. Call before any ODBC use.
pub fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let runtime = runtime();
        let emulator = runtime.block_on(async {
            Emulator::start(Config {
                datasets: vec!["demo".into()],
                ..Config::default()
            })
            .await
            .expect("the demo emulator starts")
        });
        let url = emulator.base_url();
        let dir = scratch_dir("odbc");
        let common = [
            ("Url", url.as_str()),
            ("User", DEMO_USER),
            ("Password", DEMO_PASSWORD),
        ];
        let mut demo = Dsn::new(DEMO_DSN, &common);
        demo.keys
            .push(("UseCodeForFieldName".into(), "true".into()));
        demo.keys
            .push(("Description".into(), "Kintone demo (emulator)".into()));
        let labels = Dsn::new(LABELS_DSN, &common);
        let odbc = OdbcConfig::write(&dir, &crate::driver::library(), &[demo, labels]);
        odbc.apply_to_process();
        Shared {
            url,
            odbc,
            _emulator: emulator,
            _runtime: runtime,
        }
    })
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// A fresh folder under the system temp folder, unique to this process.
pub fn scratch_dir(what: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "kintone-odbc-tests-{}-{what}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("create a scratch folder");
    dir
}

/// An emulator of one test, stopped when dropped.
pub struct Private {
    pub url: String,
    pub handle: EmulatorHandle,
    _runtime: Runtime,
}

impl Private {
    /// Starts an emulator with the demo dataset and `config`'s other settings.
    pub fn start(config: Config) -> Private {
        shared(); // the ODBC environment variables are set once, by the shared setup
        let runtime = runtime();
        let handle = runtime.block_on(async {
            Emulator::start(Config {
                datasets: vec!["demo".into()],
                ..config
            })
            .await
            .expect("the emulator starts")
        });
        let url = handle.base_url();
        Private {
            url,
            handle,
            _runtime: runtime,
        }
    }

    /// With the extra Basic gate.
    pub fn with_basic_gate(user: &str, password: &str) -> Private {
        Private::start(Config {
            basic_auth: Some((user.into(), password.into())),
            ..Config::default()
        })
    }

    /// HTTPS (certificate for localhost from `pki`'s CA), requiring a
    /// client certificate signed by the same CA.
    pub fn https_with_client_certs(pki: &Pki) -> Private {
        let dir = scratch_dir("tls");
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::write(&path, text).expect("write a PEM file");
            path
        };
        let mut emulator = Private::start(Config {
            tls: Some(TlsConfig {
                cert: write("server.pem", &pki.server_cert),
                key: write("server.key", &pki.server_key),
                client_ca: Some(write("ca.pem", &pki.ca)),
            }),
            ..Config::default()
        });
        // The certificate names localhost, not 127.0.0.1.
        emulator.url = format!("https://localhost:{}", emulator.handle.addr().port());
        emulator
    }
}

/// Certificates made at test time: a CA, a server certificate for
/// localhost and a client certificate, all PEM.
pub struct Pki {
    pub ca: String,
    pub server_cert: String,
    pub server_key: String,
    /// Client certificate followed by its key.
    pub client_pem: String,
}

impl Pki {
    pub fn new() -> Pki {
        use rcgen::{
            BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
        };
        let ca_key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(DnType::CommonName, "odbc tests CA");
        let ca = params.self_signed(&ca_key).unwrap();
        let leaf = |names: &[&str], usage| {
            let key = KeyPair::generate().unwrap();
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            let mut params = CertificateParams::new(names.clone()).unwrap();
            params
                .distinguished_name
                .push(DnType::CommonName, names[0].clone());
            params.extended_key_usages = vec![usage];
            let cert = params.signed_by(&key, &ca, &ca_key).unwrap();
            (cert.pem(), key.serialize_pem())
        };
        let (server_cert, server_key) = leaf(
            &["localhost", "127.0.0.1"],
            ExtendedKeyUsagePurpose::ServerAuth,
        );
        let (client_cert, client_key) =
            leaf(&["client.example"], ExtendedKeyUsagePurpose::ClientAuth);
        Pki {
            ca: ca.pem(),
            server_cert,
            server_key,
            client_pem: format!("{client_cert}{client_key}"),
        }
    }
}

impl Default for Pki {
    fn default() -> Self {
        Pki::new()
    }
}
