//! Counters behind `GET /__emulator/stats` and the concurrency limit
//! (facts §3: `X-ConcurrencyLimit-*`, 429 `GAIA_TO04`).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use parking_lot::Mutex;
use serde::Serialize;

/// Live counters, updated by the HTTP layer and the read handlers.
#[derive(Default)]
pub struct Stats {
    requests: Mutex<BTreeMap<String, u64>>,
    app_days: Mutex<BTreeMap<String, u64>>,
    records_returned: AtomicU64,
    running: AtomicUsize,
    peak: AtomicUsize,
}

/// A copy of the counters at one moment (the body of `/__emulator/stats`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatsSnapshot {
    /// Requests per `"METHOD path"` (the method on the wire, the path without
    /// the query string), for `/k/` and `/oauth2/` requests.
    pub requests: BTreeMap<String, u64>,
    pub total_requests: u64,
    /// API requests per `"YYYY-MM-DD appId"` (the day in the emulator's time
    /// zone), for requests naming an `app`: facts §9's daily budget (10,000
    /// per app per day) is counted here, not enforced.
    pub requests_per_app_day: BTreeMap<String, u64>,
    /// Records sent in `records.json`, `record.json` and cursor pages.
    pub records_returned: u64,
    pub live_cursors: usize,
    pub peak_concurrency: usize,
    pub current_concurrency: usize,
}

impl StatsSnapshot {
    /// Requests counted under `"METHOD path"` (0 if none).
    pub fn requests_to(&self, method: &str, path: &str) -> u64 {
        self.requests
            .get(&format!("{method} {path}"))
            .copied()
            .unwrap_or(0)
    }
}

/// One in-flight API request; dropping it frees the slot.
pub struct Running<'a> {
    stats: &'a Stats,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.stats.running.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Stats {
    pub fn count_request(&self, method: &str, path: &str) {
        *self
            .requests
            .lock()
            .entry(format!("{method} {path}"))
            .or_default() += 1;
    }

    /// One API request about `app` on `day` (facts §9, daily budget).
    pub fn count_app_request(&self, day: chrono::NaiveDate, app: u64) {
        *self
            .app_days
            .lock()
            .entry(format!("{day} {app}"))
            .or_default() += 1;
    }

    pub fn add_records(&self, n: usize) {
        self.records_returned.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// Takes a slot if fewer than `max` requests are running; otherwise
    /// returns how many are (the request is then answered 429 `GAIA_TO04`).
    pub fn try_enter(&self, max: usize) -> Result<Running<'_>, usize> {
        let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        if now > max {
            self.running.fetch_sub(1, Ordering::SeqCst);
            return Err(now - 1);
        }
        self.peak.fetch_max(now, Ordering::SeqCst);
        Ok(Running { stats: self })
    }

    /// Requests in flight now.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }

    pub fn snapshot(&self, live_cursors: usize) -> StatsSnapshot {
        let requests = self.requests.lock().clone();
        StatsSnapshot {
            total_requests: requests.values().sum(),
            requests,
            requests_per_app_day: self.app_days.lock().clone(),
            records_returned: self.records_returned.load(Ordering::Relaxed),
            live_cursors,
            peak_concurrency: self.peak.load(Ordering::SeqCst),
            current_concurrency: self.running(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_limited_and_freed_on_drop() {
        let stats = Stats::default();
        let a = stats.try_enter(2).unwrap();
        let _b = stats.try_enter(2).unwrap();
        assert_eq!(stats.try_enter(2).err(), Some(2));
        drop(a);
        let _c = stats.try_enter(2).unwrap();
        let snap = stats.snapshot(0);
        assert_eq!(snap.peak_concurrency, 2);
        assert_eq!(snap.current_concurrency, 2);
    }
}
