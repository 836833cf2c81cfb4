//! The driver's log (`Logfile`, `Verbosity`) through `tracing`.
//!
//! [`init`] installs one process-wide subscriber the first time it is
//! called with a `Logfile`; later calls switch the file and the verbosity
//! and add their secrets to the redaction list. Verbosity:
//!
//! | level | kintone-core | HTTP/TLS libraries |
//! |---|---|---|
//! | 1 | info: connections, fallbacks, warnings | warn |
//! | 2 | debug: every call, its status and time | warn |
//! | 3 | trace: call parameters (query texts) | info |
//! | 4 | trace | debug |
//! | 5 | trace | trace |
//!
//! Secrets are kept out of the log by construction: they live in
//! [`Secret`](crate::Secret) (whose `Debug` prints `***`), headers holding
//! them are marked sensitive, and nothing logs headers or property values.
//! As a second line of defence, every line is scanned before it is written
//! and each secret, and the base64 forms in which secrets travel, is
//! replaced with `[REDACTED]`.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use base64::Engine;
use parking_lot::{Mutex, RwLock};
use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::{reload, Registry};

use crate::error::{Error, Result};
use crate::properties::{keys, Properties};

/// What replaces a secret in the log.
pub const REDACTED: &str = "[REDACTED]";

struct Sink {
    file: Option<Arc<Mutex<File>>>,
    path: Option<PathBuf>,
    secrets: Vec<String>,
}

struct Global {
    filter: reload::Handle<Targets, Registry>,
    sink: Arc<RwLock<Sink>>,
}

static GLOBAL: OnceLock<Option<Global>> = OnceLock::new();

/// The filter of a verbosity (1 to 5).
pub fn targets(verbosity: u8) -> Targets {
    let (own, others) = match verbosity {
        0 | 1 => (LevelFilter::INFO, LevelFilter::WARN),
        2 => (LevelFilter::DEBUG, LevelFilter::WARN),
        3 => (LevelFilter::TRACE, LevelFilter::INFO),
        4 => (LevelFilter::TRACE, LevelFilter::DEBUG),
        _ => (LevelFilter::TRACE, LevelFilter::TRACE),
    };
    Targets::new()
        .with_default(others)
        .with_target("kintone_core", own)
        .with_target("kintone_odbc", own)
        .with_target("kintone_sql", own)
}

/// The strings to scrub for these properties: every secret, and the
/// base64 `user:password` forms of the password and Basic headers.
pub fn redaction_list(props: &Properties) -> Vec<String> {
    let b64 = |s: String| base64::engine::general_purpose::STANDARD.encode(s);
    let mut out: Vec<String> = props.secrets().into_iter().map(str::to_owned).collect();
    if let (Some(user), Some(password)) = (&props.auth.user, &props.auth.password) {
        out.push(b64(format!("{user}:{}", password.expose())));
    }
    if let Some(basic) = &props.auth.basic {
        out.push(b64(format!("{}:{}", basic.user, basic.password.expose())));
    }
    if let (Some(user), Some(password)) = (&props.proxy.user, &props.proxy.password) {
        out.push(b64(format!("{user}:{}", password.expose())));
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Sets up logging for a connection: writes to `Logfile` at `Verbosity`.
/// Without `Logfile`, only the secrets are registered (an already open log
/// keeps going). If the application installed its own `tracing`
/// subscriber first, that one is kept and this does nothing.
pub fn init(props: &Properties) -> Result<()> {
    let global = GLOBAL.get_or_init(install);
    let Some(global) = global else {
        return Ok(());
    };
    let mut sink = global.sink.write();
    for secret in redaction_list(props) {
        if !sink.secrets.contains(&secret) {
            sink.secrets.push(secret);
        }
    }
    // Longest first, so that a secret containing another is scrubbed whole.
    sink.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let Some(path) = &props.logging.logfile else {
        return Ok(());
    };
    if sink.path.as_ref() != Some(path) {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| {
                Error::invalid_property(
                    keys::LOGFILE,
                    format!("cannot open {} for writing: {e}", path.display()),
                )
            })?;
        sink.file = Some(Arc::new(Mutex::new(file)));
        sink.path = Some(path.clone());
    }
    drop(sink);
    let _ = global.filter.reload(targets(props.logging.verbosity));
    tracing::info!(verbosity = props.logging.verbosity, "logging to this file");
    Ok(())
}

fn install() -> Option<Global> {
    let sink = Arc::new(RwLock::new(Sink {
        file: None,
        path: None,
        secrets: Vec::new(),
    }));
    let (filter, handle) = reload::Layer::new(targets(1));
    let subscriber = Registry::default().with(filter).with(
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_thread_ids(true)
            .with_writer(RedactingMakeWriter {
                sink: Arc::clone(&sink),
            }),
    );
    tracing::subscriber::set_global_default(subscriber)
        .ok()
        .map(|_| Global {
            filter: handle,
            sink,
        })
}

struct RedactingMakeWriter {
    sink: Arc<RwLock<Sink>>,
}

impl<'a> MakeWriter<'a> for RedactingMakeWriter {
    type Writer = RedactingWriter;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter {
            sink: Arc::clone(&self.sink),
            buffer: Vec::new(),
        }
    }
}

/// Collects one event's text and writes it, scrubbed, when dropped.
struct RedactingWriter {
    sink: Arc<RwLock<Sink>>,
    buffer: Vec<u8>,
}

impl Write for RedactingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for RedactingWriter {
    fn drop(&mut self) {
        if self.buffer.is_empty() {
            return;
        }
        let sink = self.sink.read();
        let Some(file) = &sink.file else { return };
        let text = scrub(&String::from_utf8_lossy(&self.buffer), &sink.secrets);
        let _ = file.lock().write_all(text.as_bytes());
    }
}

/// Replaces every secret in `text`.
pub fn scrub(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for secret in secrets {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), REDACTED);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubbing_and_the_redaction_list() {
        let props = Properties::parse(
            "Url=https://x.cybozu.com;User=u;Password=pw-secret-1;\
             BasicAuthUser=g;BasicAuthPassword=gate-secret-2",
        )
        .unwrap();
        let list = redaction_list(&props);
        assert!(list.contains(&"pw-secret-1".to_owned()));
        assert!(list.contains(&base64::engine::general_purpose::STANDARD.encode("u:pw-secret-1")));
        assert!(list.contains(&base64::engine::general_purpose::STANDARD.encode("g:gate-secret-2")));
        assert_eq!(scrub("a pw-secret-1 b", &list), format!("a {REDACTED} b"));
    }

    #[test]
    fn verbosity_levels() {
        let t = targets(1);
        assert!(t.would_enable("kintone_core::client", &tracing::Level::INFO));
        assert!(!t.would_enable("kintone_core::client", &tracing::Level::DEBUG));
        assert!(!t.would_enable("hyper", &tracing::Level::INFO));
        let t = targets(5);
        assert!(t.would_enable("h2::codec", &tracing::Level::TRACE));
    }
}
