//! The cursor API (facts §5): create, read, always delete.

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use super::query::{and, full};
use super::scan::scan;
use super::{offset, seek, send, Job, Page, Paging, Sender, Stop, OFFSET_REACH};
use crate::client::{parse_json, Client, Retry};
use crate::error::{Error, Result};

const API: &str = "records/cursor";

#[derive(Deserialize)]
struct Created {
    id: String,
}

/// Deletes the cursor it holds when dropped without [`CursorGuard::delete`]
/// or [`CursorGuard::disarm`] (a worker torn down mid-read): the DELETE is
/// scheduled on the runtime, since `Drop` cannot wait.
struct CursorGuard {
    client: Client,
    app: u64,
    id: Option<String>,
}

impl CursorGuard {
    async fn delete(&mut self) {
        if let Some(id) = self.id.take() {
            delete(&self.client, self.app, &id).await;
        }
    }

    /// The server deleted it (after the last page).
    fn disarm(&mut self) {
        self.id = None;
    }
}

impl Drop for CursorGuard {
    fn drop(&mut self) {
        let Some(id) = self.id.take() else { return };
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                let (client, app) = (self.client.clone(), self.app);
                runtime.spawn(async move { delete(&client, app, &id).await });
            }
            Err(_) => tracing::warn!(
                app = self.app,
                "a cursor could not be deleted (no runtime); it expires in 10 minutes"
            ),
        }
    }
}

async fn delete(client: &Client, app: u64, id: &str) {
    let result = client
        .call(Method::DELETE, API, &json!({"id": id}), &[app], Retry::Read)
        .await;
    match result {
        Ok(_) => tracing::debug!(app, "cursor deleted"),
        // Already gone (exhausted, expired, or a retried DELETE): fine.
        Err(e) if e.kintone_code() == Some("GAIA_CN01") => {}
        Err(error) => {
            tracing::warn!(app, %error, "deleting a cursor failed; it expires in 10 minutes")
        }
    }
}

/// True when a failed cursor read may have moved the cursor on (a lost
/// answer, a gateway error, a timeout), so the page cannot simply be asked
/// for again. (Refusals were already retried by `Retry::IfRefused`.)
fn outcome_unknown(error: &Error) -> bool {
    error.is_retryable() || matches!(error, Error::Timeout { .. })
}

pub(super) async fn run(job: &Job, tx: &Sender) -> Result<Stop> {
    let sorted = job.order_by.is_some();
    // Unsorted reads go in `$id` order, so that seek can take over.
    let order = job.order_by.as_deref().unwrap_or("$id asc");
    let q = full(&and(job.condition.as_deref(), &[]), Some(order), None, None);
    let mut params = job.params(q, json!({"size": job.page_size}));
    if let Some(limit) = job.limit.filter(|l| *l < job.page_size) {
        params["size"] = json!(limit.max(1));
    }
    let created = job
        .client
        .call(Method::POST, API, &params, &[job.app], Retry::IfRefused)
        .await;
    let id = match created {
        Ok(body) => parse_json::<Created>(API, &body)?.id,
        Err(e) if e.is_too_many_cursors() && !sorted => {
            tracing::warn!(
                app = job.app,
                "too many cursors on the domain (GAIA_TM12): reading with the $id seek method \
                 instead"
            );
            job.set_method(Paging::Seek);
            return seek::run_range(job, tx, None, None, job.limit).await;
        }
        Err(e) if e.is_too_many_cursors() && job.limit.is_some_and(|l| l <= OFFSET_REACH) => {
            tracing::warn!(
                app = job.app,
                "too many cursors on the domain (GAIA_TM12): reading with offset paging instead"
            );
            job.set_method(Paging::Offset);
            return offset::run(job, tx).await;
        }
        Err(e) => return Err(e),
    };
    tracing::debug!(app = job.app, "cursor created");
    let mut guard = CursorGuard {
        client: job.client.clone(),
        app: job.app,
        id: Some(id.clone()),
    };
    let mut limit = job.limit;
    let mut last_id = None;
    let read_params = json!({"id": id});
    let apps = [job.app];
    loop {
        let read = job
            .client
            .call(Method::GET, API, &read_params, &apps, Retry::IfRefused);
        let result = tokio::select! {
            _ = tx.closed() => {
                guard.delete().await;
                return Ok(Stop::Closed);
            }
            r = read => r,
        };
        let body = match result {
            Ok(body) => body,
            Err(e) if !sorted && outcome_unknown(&e) => {
                tracing::warn!(
                    app = job.app, error = %e,
                    "a cursor page was lost; resuming with the $id seek method"
                );
                guard.delete().await;
                job.set_method(Paging::Seek);
                return seek::run_range(job, tx, last_id, None, limit).await;
            }
            Err(e) => {
                guard.delete().await;
                return Err(e);
            }
        };
        let scanned = match scan(API, &body) {
            Ok(s) => s,
            Err(e) => {
                guard.delete().await;
                return Err(e);
            }
        };
        let more = scanned.next.unwrap_or(false);
        if !more {
            guard.disarm();
        }
        last_id = scanned.last_id.or(last_id);
        let take = limit.map_or(scanned.records, |l| (l as usize).min(scanned.records));
        if take > 0 || !more {
            let page = Page {
                body,
                records: scanned.records,
                take,
            };
            if !send(tx, page).await {
                guard.delete().await;
                return Ok(Stop::Closed);
            }
        }
        limit = limit.map(|l| l - take as u64);
        if limit == Some(0) || !more {
            guard.delete().await;
            return Ok(Stop::Done);
        }
    }
}
