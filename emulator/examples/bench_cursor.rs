//! Benchmark (not a test): serving a generated app through the cursor API.
//!
//! cargo run --release -p kintone-emulator --example bench_cursor -- [N] [SIZE]
//!
//! Starts the in-process emulator with `--dataset bench:N` (default 100000)
//! on a single-threaded runtime, so that the emulator and the HTTP client
//! (reqwest) share one core, creates a cursor with `size` SIZE (default 500)
//! and reads every page, once without and once with gzip. Prints
//! records/s, MB/s and pages, and, for comparison, how fast the same
//! records serialise (and gzip) without HTTP.

use std::time::Instant;

use base64::Engine;
use kintone_emulator::datasets::bench;
use kintone_emulator::{Config, Emulator};
use serde::de::IgnoredAny;
use serde::Deserialize;

#[derive(Deserialize)]
struct Created {
    id: String,
    #[serde(rename = "totalCount")]
    total_count: String,
}

#[derive(Deserialize)]
struct Page {
    records: Vec<IgnoredAny>,
    next: bool,
}

fn arg(n: usize, default: u64) -> u64 {
    std::env::args()
        .nth(n)
        .map(|s| s.parse().expect("a whole number"))
        .unwrap_or(default)
}

/// Serialises every record of the bench app as `records.json` would, under
/// the store lock: the ceiling of what the HTTP path can reach.
fn serialisation_only(emulator: &kintone_emulator::EmulatorHandle, gzip: bool) -> (f64, usize) {
    let state = emulator.state();
    let store = state.store.read();
    let app = store.app(bench::APP_ID).expect("bench app");
    let started = Instant::now();
    let mut bytes = 0;
    let mut out = Vec::with_capacity(4 << 20);
    for chunk in app.records.values().collect::<Vec<_>>().chunks(500) {
        out.clear();
        for record in chunk {
            app.write_record_json(&mut out, record, None, true, true);
            out.push(b',');
        }
        bytes += out.len();
        if gzip {
            // As the HTTP layer compresses a page (flate2, fast level).
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut encoder, &out).expect("in memory");
            std::hint::black_box(encoder.finish().expect("in memory"));
        }
    }
    (started.elapsed().as_secs_f64(), bytes)
}

/// Creates a cursor and reads every page; prints the figures.
async fn read_all(
    client: &reqwest::Client,
    base: &str,
    auth: &str,
    size: u64,
    gzip: bool,
) -> anyhow::Result<()> {
    let url = format!("{base}/k/v1/records/cursor.json");
    let started = Instant::now();
    let created: Created = client
        .post(&url)
        .header("X-Cybozu-Authorization", auth)
        .json(&serde_json::json!({"app": bench::APP_ID, "size": size}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let (mut records, mut bytes, mut pages) = (0usize, 0usize, 0usize);
    loop {
        let body = client
            .get(&url)
            .query(&[("id", &created.id)])
            .header("X-Cybozu-Authorization", auth)
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        let page: Page = serde_json::from_slice(&body)?;
        records += page.records.len();
        bytes += body.len();
        pages += 1;
        if !page.next {
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(
        records.to_string(),
        created.total_count,
        "every record read once"
    );
    println!(
        "cursor API, size {size}, gzip {}: {records} records in {pages} pages, {:.1} MB of JSON \
         in {seconds:.2} s: {:.0} records/s, {:.1} MB/s (server and client on one core)",
        if gzip { "on" } else { "off" },
        bytes as f64 / 1e6,
        records as f64 / seconds,
        bytes as f64 / 1e6 / seconds,
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let n = arg(1, 100_000);
    let size = arg(2, 500);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let loading = Instant::now();
        let emulator = Emulator::start(Config {
            datasets: vec![format!("bench:{n}")],
            ..Config::default()
        })
        .await?;
        println!(
            "bench:{n} loaded and listening in {:.2} s",
            loading.elapsed().as_secs_f64()
        );
        let base = emulator.base_url();
        let auth = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            bench::ADMIN.0,
            bench::ADMIN.1
        ));
        for gzip in [false, true] {
            let client = reqwest::Client::builder().gzip(gzip).build()?;
            read_all(&client, &base, &auth, size, gzip).await?;
        }
        for gzip in [false, true] {
            let (alone, alone_bytes) = serialisation_only(&emulator, gzip);
            println!(
                "serialisation alone{}: {:.0} records/s, {:.1} MB/s",
                if gzip { " + gzip" } else { "" },
                n as f64 / alone,
                alone_bytes as f64 / 1e6 / alone
            );
        }
        Ok(())
    })
}
