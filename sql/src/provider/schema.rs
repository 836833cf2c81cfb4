//! The schema provider: table names resolved against the catalog snapshot
//! (exact name first, else a unique case-insensitive match).

use std::sync::Arc;

use async_trait::async_trait;
use datafusion::catalog::{SchemaProvider, TableProvider};
use datafusion::error::Result;
use kintone_core::Client;

use super::{FixedTableProvider, KintoneTable};
use crate::catalog::{Snapshot, TableSource};

#[derive(Debug)]
pub struct KintoneSchema {
    snapshot: Arc<Snapshot>,
    client: Client,
}

impl KintoneSchema {
    pub fn new(snapshot: Arc<Snapshot>, client: Client) -> KintoneSchema {
        KintoneSchema { snapshot, client }
    }
}

#[async_trait]
impl SchemaProvider for KintoneSchema {
    fn table_names(&self) -> Vec<String> {
        self.snapshot
            .tables
            .iter()
            .map(|t| t.info.name.clone())
            .collect()
    }

    async fn table(&self, name: &str) -> Result<Option<Arc<dyn TableProvider>>> {
        let Some(def) = self.snapshot.find(name) else {
            return Ok(None);
        };
        Ok(Some(match &def.source {
            TableSource::Fixed(kind) => {
                Arc::new(FixedTableProvider::new(*kind, self.client.clone())) as _
            }
            TableSource::App { .. } => {
                Arc::new(KintoneTable::new(Arc::clone(def), self.client.clone())) as _
            }
        }))
    }

    fn table_exist(&self, name: &str) -> bool {
        self.snapshot.find(name).is_some()
    }
}
