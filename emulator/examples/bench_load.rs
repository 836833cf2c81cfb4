//! Measures what loading `--dataset bench:N[:SEED]` costs: time and memory.
//!
//! cargo run --release -p kintone-emulator --example bench_load -- 1000000
//!
//! Prints the load time and the process's resident memory (VmRSS, and the
//! peak VmHWM) from /proc/self/status before and after.

use std::time::Instant;

use kintone_emulator::datasets;
use kintone_emulator::model::Store;

/// A line of /proc/self/status in MiB, e.g. `VmRSS`.
fn status_mib(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let n = std::env::args().nth(1).unwrap_or_else(|| "100000".into());
    let seed = std::env::args().nth(2).unwrap_or_else(|| "1".into());
    let spec = format!("bench:{n}:{seed}");
    let before = status_mib("VmRSS");
    let mut store = Store::default();
    let started = Instant::now();
    datasets::load(&mut store, &spec).expect("the bench dataset loads");
    let elapsed = started.elapsed();
    let after = status_mib("VmRSS");
    let records = store.apps.values().map(|a| a.records.len()).sum::<usize>();
    println!(
        "{spec}: {records} records loaded in {:.2} s; RSS {:.0} MiB -> {:.0} MiB (peak {:.0} MiB), {:.0} bytes/record",
        elapsed.as_secs_f64(),
        before,
        after,
        status_mib("VmHWM"),
        (after - before) * 1024.0 * 1024.0 / records.max(1) as f64
    );
}
