//! `--dataset demo`: a small, realistic CRM in Kintone's own shapes
//! (`emulator/datasets/demo.json`), loaded through the fixture loader so it
//! is validated like writes.
//!
//! Apps: 1 Customers (25), 2 Deals (60, lookup to Customers, line-item
//! table), 3 Tasks (30, process management, app code TASK, space 1),
//! 4 Partner Contacts (8, guest space 2, app code PARTNER). Users, API
//! tokens and the OAuth client are listed in README.md and below.

use chrono::{DateTime, Utc};

use crate::fixture;
use crate::model::Store;

/// The fixture document.
pub const JSON: &str = include_str!("../../datasets/demo.json");

/// Signs in with access to every demo app.
pub const ADMIN: (&str, &str) = ("demo-admin", "demo-password");

/// Times the fixture leaves out are this fixed instant, so that the demo is
/// the same on every run.
pub fn loaded_at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-05T00:00:00Z")
        .expect("a valid instant")
        .with_timezone(&Utc)
}

/// Adds the demo users, spaces, OAuth client and apps to the store.
pub fn load(store: &mut Store) -> Result<(), String> {
    let json = serde_json::from_str(JSON).map_err(|e| format!("demo dataset: {e}"))?;
    fixture::load_json_at(store, &json, loaded_at()).map_err(|e| format!("demo dataset: {e}"))
}
