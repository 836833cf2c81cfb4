//! The catalog of one session: built on first use, kept until
//! `Session::refresh_metadata`.

use std::sync::Arc;

use kintone_core::properties::SchemaOptions;
use kintone_core::Client;
use tokio::sync::Mutex;

use super::build::{self, Snapshot};
use crate::error::Result;

/// Lazily built, shared catalog.
#[derive(Debug)]
pub struct Catalog {
    client: Client,
    options: SchemaOptions,
    snapshot: Mutex<Option<Arc<Snapshot>>>,
}

impl Catalog {
    pub fn new(client: Client, options: SchemaOptions) -> Catalog {
        Catalog {
            client,
            options,
            snapshot: Mutex::new(None),
        }
    }

    /// The current tables (read from Kintone on first use).
    pub async fn snapshot(&self) -> Result<Arc<Snapshot>> {
        let mut guard = self.snapshot.lock().await;
        if let Some(snapshot) = guard.as_ref() {
            return Ok(Arc::clone(snapshot));
        }
        let snapshot = Arc::new(build::load(&self.client, &self.options).await?);
        *guard = Some(Arc::clone(&snapshot));
        Ok(snapshot)
    }

    /// Forgets the tables; the next use reads apps and fields again.
    pub fn invalidate(&self) {
        if let Ok(mut guard) = self.snapshot.try_lock() {
            *guard = None;
        }
        self.client.refresh_metadata();
    }
}
