//! The emulator's shared state, handed to every handler.

use std::time::Duration;

use parking_lot::{Mutex, RwLock};

use crate::api::reads::cursor::CursorRegistry;
use crate::clock::Clock;
use crate::http::faults::Faults;
use crate::http::oauth::OAuthGrants;
use crate::http::stats::Stats;
use crate::model::Store;

/// Shared by all connections. Handlers take the store lock for as short a
/// time as they can; record pages are serialised under the read lock.
pub struct State {
    pub store: RwLock<Store>,
    pub clock: Clock,
    /// The users' time zone (`--time-zone`, default UTC).
    pub time_zone: chrono_tz::Tz,
    /// Live cursors of the cursor API (facts §5).
    pub cursors: Mutex<CursorRegistry>,
    /// OAuth authorization codes, access and refresh tokens (facts §2).
    pub oauth: Mutex<OAuthGrants>,
    /// Counters for `GET /__emulator/stats`.
    pub stats: Stats,
    /// Queued faults (`POST /__emulator/faults`).
    pub faults: Faults,
    /// Server limits and gates from the configuration.
    pub limits: Limits,
}

/// Settings of the HTTP layer that handlers may need to know.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Concurrent API requests allowed before 429 `GAIA_TO04` (default 100).
    pub max_concurrent: usize,
    /// Added to every API response (`--latency-ms`).
    pub latency: Duration,
    /// The extra Basic gate (`--basic-auth user:pass`), if any.
    pub basic_auth: Option<(String, String)>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_concurrent: 100,
            latency: Duration::ZERO,
            basic_auth: None,
        }
    }
}

impl State {
    /// A state serving `store` in `time_zone` with default limits.
    pub fn new(store: Store, time_zone: chrono_tz::Tz) -> State {
        State::with_limits(store, time_zone, Limits::default())
    }

    pub fn with_limits(store: Store, time_zone: chrono_tz::Tz, limits: Limits) -> State {
        State {
            store: RwLock::new(store),
            clock: Clock::default(),
            time_zone,
            cursors: Mutex::new(CursorRegistry::default()),
            oauth: Mutex::new(OAuthGrants::default()),
            stats: Stats::default(),
            faults: Faults::default(),
            limits,
        }
    }
}
