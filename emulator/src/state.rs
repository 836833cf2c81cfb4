//! The emulator's shared state, handed to every handler.

use parking_lot::RwLock;

use crate::clock::Clock;
use crate::model::Store;

/// Shared by all connections. Handlers take the store lock for as short a
/// time as they can; record pages are serialised under the read lock.
///
/// The HTTP layer's owner adds what it needs (cursors, OAuth grants,
/// statistics, faults, configuration) as further members.
pub struct State {
    pub store: RwLock<Store>,
    pub clock: Clock,
    /// The users' time zone (`--time-zone`, default UTC).
    pub time_zone: chrono_tz::Tz,
}
