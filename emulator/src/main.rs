//! `kintone-emulator`: serves a local Kintone REST API until killed. Prints
//! exactly one line, `listening on http(s)://127.0.0.1:PORT`, once ready.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use kintone_emulator::{Config, Emulator, TlsConfig};

/// A faithful local Kintone REST API for tests and demos.
#[derive(Parser, Debug)]
#[command(name = "kintone-emulator", version)]
struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// A fixture file (JSON); may be repeated.
    #[arg(long = "fixture", value_name = "FILE.json")]
    fixtures: Vec<PathBuf>,
    /// A built-in dataset: `demo` or `bench:N[:SEED]`; may be repeated.
    #[arg(long = "dataset", value_name = "demo|bench:N[:SEED]")]
    datasets: Vec<String>,
    /// Delay every API response by this many milliseconds.
    #[arg(long, value_name = "N", default_value_t = 0)]
    latency_ms: u64,
    /// Concurrent API requests before 429 GAIA_TO04.
    #[arg(long, value_name = "N", default_value_t = 100)]
    max_concurrent: usize,
    /// Server certificate (PEM): serve HTTPS.
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// Server private key (PEM).
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Require client certificates issued by this CA (PEM).
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    client_ca: Option<PathBuf>,
    /// The extra Basic authentication gate, `user:pass`.
    #[arg(long, value_name = "user:pass")]
    basic_auth: Option<String>,
    /// The users' time zone (IANA name), for date functions in queries.
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    time_zone: String,
}

fn config(args: Args) -> Result<Config, String> {
    let basic_auth = match args.basic_auth {
        None => None,
        Some(pair) => {
            let (user, pass) = pair
                .split_once(':')
                .ok_or("--basic-auth expects user:pass")?;
            Some((user.to_string(), pass.to_string()))
        }
    };
    let time_zone: chrono_tz::Tz = args
        .time_zone
        .parse()
        .map_err(|_| format!("unknown time zone {:?}", args.time_zone))?;
    let tls = match (args.tls_cert, args.tls_key) {
        (Some(cert), Some(key)) => Some(TlsConfig {
            cert,
            key,
            client_ca: args.client_ca,
        }),
        _ => None,
    };
    Ok(Config {
        listen: args.listen,
        fixtures: args.fixtures,
        datasets: args.datasets,
        latency: Duration::from_millis(args.latency_ms),
        max_concurrent: args.max_concurrent,
        tls,
        basic_auth,
        time_zone,
        store: None,
    })
}

fn main() {
    let args = Args::parse();
    let config = match config(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kintone-emulator: {e}");
            std::process::exit(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let handle = match Emulator::start(config).await {
            Ok(h) => h,
            Err(e) => {
                eprintln!("kintone-emulator: {e:#}");
                std::process::exit(1);
            }
        };
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "listening on {}", handle.base_url());
        let _ = stdout.flush();
        drop(stdout);
        std::future::pending::<()>().await;
    });
}
