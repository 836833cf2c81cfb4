//! `bulkRequest.json` (facts §7): up to 20 record writes as one
//! all-or-nothing transaction.

use reqwest::Method;
use serde_json::{json, Value as Json};

use super::{RecordUpdate, StatusChange, RECORDS_PER_REQUEST};
use crate::client::{parse_json, Client};
use crate::error::{Error, Result};

/// Requests in one `bulkRequest`.
pub const MAX_BULK_REQUESTS: usize = 20;

/// One operation of an all-or-nothing group; each is split into requests
/// of 100 records.
#[derive(Debug, Clone)]
pub enum BulkOp {
    Add {
        app: u64,
        records: Vec<Json>,
    },
    Update {
        app: u64,
        updates: Vec<RecordUpdate>,
        upsert: bool,
    },
    Delete {
        app: u64,
        ids: Vec<u64>,
    },
    Status {
        app: u64,
        changes: Vec<StatusChange>,
    },
}

/// The answers of the sub-requests, in order (e.g. `{"ids":[...],...}`).
pub type BulkResult = Vec<Json>;

impl BulkOp {
    /// The `{method, api, payload}` sub-requests.
    fn requests(&self, client: &Client) -> Vec<Json> {
        let request = |method: &str, api: &str, payload: Json| json!({"method": method, "api": client.api_path(api), "payload": payload});
        match self {
            BulkOp::Add { app, records } => records
                .chunks(RECORDS_PER_REQUEST)
                .map(|c| request("POST", "records", json!({"app": app, "records": c})))
                .collect(),
            BulkOp::Update {
                app,
                updates,
                upsert,
            } => updates
                .chunks(RECORDS_PER_REQUEST)
                .map(|c| {
                    let records: Vec<Json> = c.iter().map(RecordUpdate::to_json).collect();
                    let mut payload = json!({"app": app, "records": records});
                    if *upsert {
                        payload["upsert"] = json!(true);
                    }
                    request("PUT", "records", payload)
                })
                .collect(),
            BulkOp::Delete { app, ids } => ids
                .chunks(RECORDS_PER_REQUEST)
                .map(|c| request("DELETE", "records", json!({"app": app, "ids": c})))
                .collect(),
            BulkOp::Status { app, changes } => changes
                .chunks(RECORDS_PER_REQUEST)
                .map(|c| {
                    let records: Vec<Json> = c.iter().map(StatusChange::to_json).collect();
                    request(
                        "PUT",
                        "records/status",
                        json!({"app": app, "records": records}),
                    )
                })
                .collect(),
        }
    }

    fn app(&self) -> u64 {
        match self {
            BulkOp::Add { app, .. }
            | BulkOp::Update { app, .. }
            | BulkOp::Delete { app, .. }
            | BulkOp::Status { app, .. } => *app,
        }
    }
}

impl Client {
    /// Runs the operations as one transaction: all are written or none.
    /// At most 20 requests of 100 records in all. On failure, the error is
    /// the failing sub-request's, with its position in the message.
    pub async fn bulk(&self, ops: &[BulkOp]) -> Result<BulkResult> {
        let requests: Vec<Json> = ops.iter().flat_map(|op| op.requests(self)).collect();
        if requests.len() > MAX_BULK_REQUESTS {
            return Err(Error::Unsupported {
                message: format!(
                    "an all-or-nothing group holds at most {MAX_BULK_REQUESTS} requests of \
                     {RECORDS_PER_REQUEST} records; this one needs {}",
                    requests.len()
                ),
            });
        }
        let mut apps: Vec<u64> = ops.iter().map(BulkOp::app).collect();
        apps.dedup();
        let body = json!({"requests": requests});
        match self
            .call(
                Method::POST,
                "bulkRequest",
                &body,
                &apps,
                crate::client::Retry::Never,
            )
            .await
        {
            Ok(bytes) => {
                let answer: Json = parse_json("bulkRequest", &bytes)?;
                Ok(answer["results"].as_array().cloned().unwrap_or_default())
            }
            Err(Error::Http { status, body }) => Err(failed_item(status, &body)),
            Err(e) => Err(e),
        }
    }
}

/// A failed bulkRequest answers `{"results":[{}, {...error...}, {}]}`:
/// the error of the failing item, with its index.
fn failed_item(status: u16, body: &str) -> Error {
    let parsed: Option<Json> = serde_json::from_str(body).ok();
    let item = parsed.as_ref().and_then(|v| {
        v["results"].as_array().and_then(|results| {
            results
                .iter()
                .enumerate()
                .find(|(_, r)| r.get("code").is_some())
        })
    });
    match item {
        Some((index, r)) => Error::Api {
            status,
            code: r["code"].as_str().unwrap_or_default().to_owned(),
            message: format!(
                "bulkRequest item {index}: {}",
                r["message"].as_str().unwrap_or_default()
            ),
            id: r["id"].as_str().map(str::to_owned),
            errors: r
                .get("errors")
                .filter(|e| !e.is_null())
                .cloned()
                .map(Box::new),
        },
        None => Error::Http {
            status,
            body: body.to_owned(),
        },
    }
}
