//! kintone-emulator: a faithful local Kintone REST API for tests and demos.
//!
//! It reproduces the behaviour listed in `shared/kintone-facts.md` over real
//! HTTP(S) on loopback. It shares no code with the driver crates on purpose:
//! it is the independent check of them.

// Handlers return `Result<_, ApiError>` everywhere; the error (validation map,
// optional replacement body) is the cold path, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod api;
pub mod clock;
pub mod datasets;
pub mod fixture;
pub mod http;
pub mod model;
pub mod query;
pub mod state;
pub mod write;

pub use self::http::{Config, Emulator, EmulatorHandle, Fault, Faults, StatsSnapshot, TlsConfig};
