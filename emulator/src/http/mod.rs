//! The HTTP(S) server: hyper 1 with our own accept loop, HTTP/1.1 and
//! HTTP/2, rustls, authentication, OAuth endpoints, the test hooks and the
//! request pipeline in front of `api::dispatch`.

pub mod auth;
pub mod faults;
pub mod hooks;
pub mod language;
pub mod oauth;
pub mod params;
pub mod path;
pub mod response;
pub mod server;
pub mod service;
pub mod stats;
pub mod tls;

pub use faults::{Fault, Faults};
pub use server::{Config, Emulator, EmulatorHandle, TlsConfig};
pub use stats::StatsSnapshot;
