//! Records per second of a full scan of the bench app through each paging
//! method, against the in-process emulator over HTTP on loopback.
//!
//! ```sh
//! cargo run --release -p kintone-core --example scan_bench -- [RECORDS] [CONCURRENCY]
//! ```
//! Defaults: 100000 records, MaxConcurrentRequests=4. Pages are counted,
//! not decoded: this measures the transport (requests, gzip, the page scan
//! for `$id`) plus the emulator, which shares the machine's cores.

use std::time::Instant;

use kintone_core::read::{Paging, ReadRequest};
use kintone_core::{Client, Properties};
use kintone_emulator::{Config, Emulator};

const BENCH_APP: u64 = 1000;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let records: u64 = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let concurrency: u32 = args.next().map(|a| a.parse()).transpose()?.unwrap_or(4);
    let started = Instant::now();
    let emu = Emulator::start(Config {
        datasets: vec![format!("bench:{records}")],
        ..Config::default()
    })
    .await
    .map_err(|e| e.to_string())?;
    println!(
        "emulator with {records} records ready in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let props = Properties::parse(&format!(
        "Url={};User=bench-admin;Password=bench-password;MaxConcurrentRequests={concurrency};\
         Timeout=600",
        emu.base_url()
    ))?;
    let client = Client::new(&props)?;
    for (name, paging) in [
        ("cursor", Paging::Cursor),
        ("seek", Paging::Seek),
        ("parallel seek", Paging::ParallelSeek),
    ] {
        let started = Instant::now();
        let (rows, bytes, requests) = scan(&client, paging).await?;
        let seconds = started.elapsed().as_secs_f64();
        assert_eq!(rows, records, "{name}: every record once");
        println!(
            "{name:>14}: {rows} records in {seconds:6.2} s = {:>8.0} records/s \
             ({:.0} MB of JSON, {requests} pages)",
            rows as f64 / seconds,
            bytes as f64 / 1e6
        );
    }
    Ok(())
}

async fn scan(client: &Client, paging: Paging) -> kintone_core::Result<(u64, u64, u64)> {
    let mut stream = client
        .read(ReadRequest::new(BENCH_APP).paging(paging))
        .await?;
    let (mut rows, mut bytes, mut pages) = (0u64, 0u64, 0u64);
    while let Some(page) = stream.next_page().await {
        let page = page?;
        rows += page.take as u64;
        bytes += page.body.len() as u64;
        pages += 1;
    }
    Ok((rows, bytes, pages))
}
