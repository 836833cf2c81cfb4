//! Built-in datasets for `--dataset`: `demo` (a small CRM) and
//! `bench:N[:SEED]` (one app with N generated records).

pub mod bench;
pub mod demo;

use crate::model::Store;

/// Loads the dataset named by `spec` into the store.
pub fn load(store: &mut Store, spec: &str) -> Result<(), String> {
    if spec == "demo" {
        return demo::load(store);
    }
    if let Some(rest) = spec.strip_prefix("bench:") {
        return bench::load(store, bench::BenchSpec::parse(rest)?);
    }
    Err(format!(
        "unknown dataset {spec:?}: expected demo or bench:N[:SEED]"
    ))
}
