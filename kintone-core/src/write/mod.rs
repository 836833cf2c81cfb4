//! Writing records (facts §7): add, update (by id or `updateKey`, with or
//! without revision), upsert and delete, 100 records per request; each
//! request is all-or-nothing, and a failure after some requests succeeded
//! is [`Error::Partial`]. For an all-or-nothing group larger than one
//! request, [`Client::bulk`] sends up to 20 requests (2,000 records) as
//! one `bulkRequest` transaction. Writes are never retried.
//!
//! Record values use Kintone's writable shape (`{"code":{"value":...}}`).

mod bulk;
mod process;

use reqwest::Method;
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value as Json};

pub use bulk::{BulkOp, BulkResult};
pub use process::{Comment, StatusChange};

use crate::client::Client;
use crate::error::{Error, Result};

/// Records per `records.json` request (facts §7: 101+ is `CB_VA01`).
pub const RECORDS_PER_REQUEST: usize = 100;

/// The id and revision of a written record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub id: u64,
    pub revision: u64,
}

/// Which record an update is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordKey {
    /// The record id.
    Id(u64),
    /// A unique field's value (facts §7 `updateKey`).
    UpdateKey { field: String, value: String },
}

/// One record update.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordUpdate {
    pub key: RecordKey,
    /// The expected revision; `None` = no check (`GAIA_CO02` on a stale one).
    pub revision: Option<u64>,
    /// The fields to change, in the writable shape.
    pub record: Json,
}

impl RecordUpdate {
    fn to_json(&self) -> Json {
        let mut item = match &self.key {
            RecordKey::Id(id) => json!({"id": id}),
            RecordKey::UpdateKey { field, value } => {
                json!({"updateKey": {"field": field, "value": value}})
            }
        };
        item["record"] = self.record.clone();
        if let Some(revision) = self.revision {
            item["revision"] = json!(revision);
        }
        item
    }
}

/// The result of an update or upsert.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Updated {
    #[serde(deserialize_with = "number")]
    pub id: u64,
    #[serde(deserialize_with = "number")]
    pub revision: u64,
    /// `INSERT` or `UPDATE` for an upsert.
    #[serde(default)]
    pub operation: Option<String>,
}

/// Kintone's numbers arrive as strings (`"92"`).
pub(crate) fn number<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        S(String),
        U(u64),
    }
    match N::deserialize(d)? {
        N::U(n) => Ok(n),
        N::S(s) => s.trim().parse().map_err(serde::de::Error::custom),
    }
}

fn numbers<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<u64>, D::Error> {
    #[derive(Deserialize)]
    struct W(#[serde(deserialize_with = "number")] u64);
    Ok(Vec::<W>::deserialize(d)?.into_iter().map(|w| w.0).collect())
}

#[derive(Deserialize)]
struct Added {
    #[serde(deserialize_with = "numbers")]
    ids: Vec<u64>,
    #[serde(deserialize_with = "numbers")]
    revisions: Vec<u64>,
}

#[derive(Deserialize)]
struct UpdatedList {
    records: Vec<Updated>,
}

/// Turns the failure of chunk `done_records` into [`Error::Partial`] when
/// earlier chunks were written.
fn partial(committed: usize, error: Error) -> Error {
    if committed == 0 {
        error
    } else {
        Error::Partial {
            committed,
            error: Box::new(error),
        }
    }
}

impl Client {
    /// Adds records, 100 per request; returns their ids and revisions in order.
    pub async fn add_records(&self, app: u64, records: &[Json]) -> Result<Vec<Written>> {
        let mut out = Vec::with_capacity(records.len());
        for chunk in records.chunks(RECORDS_PER_REQUEST) {
            let body = json!({"app": app, "records": chunk});
            let added: Added = self
                .write_json(Method::POST, "records", &body, &[app])
                .await
                .map_err(|e| partial(out.len(), e))?;
            out.extend(
                added
                    .ids
                    .into_iter()
                    .zip(added.revisions)
                    .map(|(id, revision)| Written { id, revision }),
            );
        }
        tracing::debug!(app, records = out.len(), "records added");
        Ok(out)
    }

    /// Updates records (or, with `upsert`, adds those whose `updateKey`
    /// matches none), 100 per request.
    pub async fn update_records(
        &self,
        app: u64,
        updates: &[RecordUpdate],
        upsert: bool,
    ) -> Result<Vec<Updated>> {
        let mut out = Vec::with_capacity(updates.len());
        for chunk in updates.chunks(RECORDS_PER_REQUEST) {
            let records: Vec<Json> = chunk.iter().map(RecordUpdate::to_json).collect();
            let mut body = json!({"app": app, "records": records});
            if upsert {
                body["upsert"] = json!(true);
            }
            let updated: UpdatedList = self
                .write_json(Method::PUT, "records", &body, &[app])
                .await
                .map_err(|e| partial(out.len(), e))?;
            out.extend(updated.records);
        }
        tracing::debug!(app, records = out.len(), upsert, "records updated");
        Ok(out)
    }

    /// Deletes records, 100 per request; `revisions` (same length as
    /// `ids`) makes each deletion conditional (`GAIA_CO02` when stale).
    pub async fn delete_records(
        &self,
        app: u64,
        ids: &[u64],
        revisions: Option<&[u64]>,
    ) -> Result<()> {
        if revisions.is_some_and(|r| r.len() != ids.len()) {
            return Err(Error::Unsupported {
                message: "delete_records: one revision per id is needed".to_owned(),
            });
        }
        let mut done = 0;
        for (i, chunk) in ids.chunks(RECORDS_PER_REQUEST).enumerate() {
            let mut body = json!({"app": app, "ids": chunk});
            if let Some(revisions) = revisions {
                let start = i * RECORDS_PER_REQUEST;
                body["revisions"] = json!(&revisions[start..start + chunk.len()]);
            }
            self.write_json::<Json>(Method::DELETE, "records", &body, &[app])
                .await
                .map_err(|e| partial(done, e))?;
            done += chunk.len();
        }
        tracing::debug!(app, records = done, "records deleted");
        Ok(())
    }
}
