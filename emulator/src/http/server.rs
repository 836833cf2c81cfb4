//! Starting and stopping the emulator: configuration, the data it starts
//! with, and the accept loop (HTTP/1.1 and HTTP/2, optionally over TLS).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;

use super::faults::Faults;
use super::service::serve;
use super::stats::StatsSnapshot;
use crate::clock::Clock;
use crate::model::Store;
use crate::state::{Limits, State};

/// HTTPS settings (PEM files).
#[derive(Clone, Debug)]
pub struct TlsConfig {
    pub cert: PathBuf,
    pub key: PathBuf,
    /// When set, clients must present a certificate issued by this CA.
    pub client_ca: Option<PathBuf>,
}

/// Everything `kintone-emulator`'s command line can set, plus a ready-made
/// store for tests.
#[derive(Clone, Debug)]
pub struct Config {
    pub listen: SocketAddr,
    /// Fixture files (JSON), loaded after the datasets.
    pub fixtures: Vec<PathBuf>,
    /// `demo` or `bench:N[:SEED]`.
    pub datasets: Vec<String>,
    /// Added to every API response.
    pub latency: Duration,
    /// Concurrent API requests before 429 `GAIA_TO04` (default 100).
    pub max_concurrent: usize,
    pub tls: Option<TlsConfig>,
    /// The extra Basic gate: (user, password).
    pub basic_auth: Option<(String, String)>,
    /// The users' time zone (default UTC).
    pub time_zone: chrono_tz::Tz,
    /// Start from this store instead of an empty one (datasets and fixtures
    /// are loaded into it).
    pub store: Option<Store>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            fixtures: Vec::new(),
            datasets: Vec::new(),
            latency: Duration::ZERO,
            max_concurrent: 100,
            tls: None,
            basic_auth: None,
            time_zone: chrono_tz::UTC,
            store: None,
        }
    }
}

/// The emulator.
pub struct Emulator;

impl Emulator {
    /// Loads the data, binds the socket and serves in the background until
    /// the handle is dropped.
    pub async fn start(config: Config) -> anyhow::Result<EmulatorHandle> {
        let mut store = config.store.unwrap_or_default();
        for spec in &config.datasets {
            crate::datasets::load(&mut store, spec).map_err(anyhow::Error::msg)?;
        }
        for path in &config.fixtures {
            crate::fixture::load_file(&mut store, path).map_err(anyhow::Error::msg)?;
        }
        let tls = match &config.tls {
            Some(t) => Some(TlsAcceptor::from(super::tls::server_config(
                &t.cert,
                &t.key,
                t.client_ca.as_deref(),
            )?)),
            None => None,
        };
        let limits = Limits {
            max_concurrent: config.max_concurrent,
            latency: config.latency,
            basic_auth: config.basic_auth,
        };
        let state = Arc::new(State::with_limits(store, config.time_zone, limits));
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("binding {}", config.listen))?;
        let addr = listener.local_addr()?;
        let scheme = if tls.is_some() { "https" } else { "http" };
        let task = tokio::spawn(accept_loop(listener, tls, Arc::clone(&state)));
        Ok(EmulatorHandle {
            addr,
            scheme,
            state,
            task,
        })
    }
}

/// A running emulator; dropping it stops the server and closes its connections.
pub struct EmulatorHandle {
    addr: SocketAddr,
    scheme: &'static str,
    state: Arc<State>,
    task: tokio::task::JoinHandle<()>,
}

impl EmulatorHandle {
    /// `http://127.0.0.1:PORT` (or `https://`).
    pub fn base_url(&self) -> String {
        format!("{}://{}", self.scheme, self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn stats(&self) -> StatsSnapshot {
        let live = self.state.cursors.lock().live(self.state.clock.now());
        self.state.stats.snapshot(live)
    }

    pub fn faults(&self) -> &Faults {
        &self.state.faults
    }

    pub fn clock(&self) -> &Clock {
        &self.state.clock
    }

    pub fn state(&self) -> &Arc<State> {
        &self.state
    }

    /// Runs `f` on the store under the write lock.
    pub fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        f(&mut self.state.store.write())
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Accepts connections until aborted; the connections live in a `JoinSet`
/// owned by this task, so aborting it closes them too.
async fn accept_loop(listener: TcpListener, tls: Option<TlsAcceptor>, state: Arc<State>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                connections.spawn(connection(stream, tls.clone(), Arc::clone(&state)));
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn connection(stream: TcpStream, tls: Option<TlsAcceptor>, state: Arc<State>) {
    let service = service_fn(move |req| serve(Arc::clone(&state), req));
    let builder = auto::Builder::new(TokioExecutor::new());
    match tls {
        None => {
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
        }
        Some(acceptor) => {
            // A client without a required certificate fails here.
            let handshake = tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream));
            if let Ok(Ok(tls_stream)) = handshake.await {
                let _ = builder
                    .serve_connection(TokioIo::new(tls_stream), service)
                    .await;
            }
        }
    }
}
