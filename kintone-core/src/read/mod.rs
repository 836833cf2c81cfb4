//! Reading records: one stream of pages over three paging methods
//! (facts §4, §5).
//!
//! * **Seek** (`$id` seek): `(<cond>) and $id > <last> order by $id asc
//!   limit N`. Works with every scheme (OAuth included), any size, needs no
//!   server state, and each request is a plain read that may be retried.
//!   A large scan is split into `$id` ranges read in parallel
//!   ([`Paging::ParallelSeek`]) within `MaxConcurrentRequests`.
//! * **Cursor**: create, read, and always delete (when the stream is
//!   dropped early or fails, the worker deletes the cursor; if the worker
//!   itself is torn down, a guard schedules the DELETE on the runtime). Not
//!   available to OAuth. On `GAIA_TM12` (ten cursors live on the domain) an
//!   unsorted read falls back to seek and says so in the log. A cursor read
//!   is not repeatable (a lost answer skips a page), so it is retried only
//!   when the server refused it; an unsorted cursor reads in `$id` order,
//!   so after a broken answer it resumes by seek after the last `$id` seen.
//! * **Offset**: `order by <keys> limit N offset K`, for a caller's ORDER
//!   BY, while the offset stays within 10,000.
//!
//! [`Paging::Auto`] picks: unsorted reads use seek (parallel ranges once
//! the first page's `totalCount` shows a large scan); sorted reads use
//! offset paging when they end within offset 10,000, else the cursor; a
//! sorted read past 10,000 records without the cursor (OAuth,
//! `UseCursor=false`) is refused up front with [`Error::Unsupported`], so
//! the SQL layer can sort locally instead.
//!
//! The next page is requested while the current one is consumed: workers
//! run ahead of the consumer by up to two pages. Pages are the raw bytes of
//! Kintone's answer, for the decoder to parse.

mod cursor;
mod offset;
pub mod query;
mod scan;
mod seek;

use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use serde_json::{json, Value as Json};
use tokio::sync::mpsc;

pub use scan::{scan, PageScan};

use crate::client::Client;
use crate::error::{Error, Result};

/// Offset paging reaches records up to offset 10,000 plus one page of 500.
pub const OFFSET_REACH: u64 = 10_000 + 500;
/// Kintone's largest offset (facts §4, `GAIA_QU02` beyond).
pub const MAX_OFFSET: u64 = 10_000;

/// How to page through the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// Chosen from the request and the connection (see the module doc).
    Auto,
    /// The cursor API.
    Cursor,
    /// The `$id` seek method, one range.
    Seek,
    /// The `$id` seek method, the range split and read in parallel.
    ParallelSeek,
    /// `limit`/`offset`, within offset 10,000.
    Offset,
}

impl Paging {
    const ALL: [Paging; 5] = [
        Paging::Auto,
        Paging::Cursor,
        Paging::Seek,
        Paging::ParallelSeek,
        Paging::Offset,
    ];

    fn code(self) -> u8 {
        Self::ALL.iter().position(|p| *p == self).unwrap_or(0) as u8
    }
}

/// What to read.
#[derive(Debug, Clone)]
pub struct ReadRequest {
    pub app: u64,
    /// A query condition (no `order by`, `limit`, `offset`); `None` = all records.
    pub condition: Option<String>,
    /// Sort keys, e.g. `date desc, $id asc`; `None` = no order asked for.
    pub order_by: Option<String>,
    /// Field codes to return (`$id` is always added); `None` = all.
    pub fields: Option<Vec<String>>,
    /// At most this many records (`MaxRows` also applies).
    pub limit: Option<u64>,
    pub paging: Paging,
}

impl ReadRequest {
    /// Every record of `app`, every field, method chosen automatically.
    pub fn new(app: u64) -> Self {
        ReadRequest {
            app,
            condition: None,
            order_by: None,
            fields: None,
            limit: None,
            paging: Paging::Auto,
        }
    }

    pub fn condition(mut self, condition: impl Into<String>) -> Self {
        self.condition = Some(condition.into());
        self
    }

    pub fn order_by(mut self, order_by: impl Into<String>) -> Self {
        self.order_by = Some(order_by.into());
        self
    }

    pub fn fields<S: Into<String>>(mut self, fields: impl IntoIterator<Item = S>) -> Self {
        self.fields = Some(fields.into_iter().map(Into::into).collect());
        self
    }

    pub fn limit(mut self, limit: u64) -> Self {
        self.limit = Some(limit);
        self
    }

    pub fn paging(mut self, paging: Paging) -> Self {
        self.paging = paging;
        self
    }

    /// The order, unless it is the seek method's own (`$id asc`).
    fn custom_order(&self) -> Option<&str> {
        let order = self.order_by.as_deref()?.trim();
        let plain: String = order.split_whitespace().collect::<Vec<_>>().join(" ");
        match plain.to_ascii_lowercase().as_str() {
            "" | "$id asc" | "$id" => None,
            _ => Some(order),
        }
    }
}

/// One page of records: Kintone's answer as it came (`{"records":[...],...}`).
#[derive(Debug, Clone)]
pub struct Page {
    pub body: Bytes,
    /// Records in `body`.
    pub records: usize,
    /// How many of them, from the first, belong to the result: fewer than
    /// `records` only on the last page of a cursor read with a limit.
    pub take: usize,
}

type Sender = mpsc::Sender<Result<Page>>;

/// The records of one read, page by page. Dropping it stops the read (and
/// deletes its cursor).
pub struct RecordStream {
    rx: mpsc::Receiver<Result<Page>>,
    method: Arc<AtomicU8>,
}

impl RecordStream {
    /// The next page; `None` at the end. After an error, `None` follows.
    pub async fn next_page(&mut self) -> Option<Result<Page>> {
        self.rx.recv().await
    }

    /// The paging method in use (it changes on a fallback).
    pub fn method(&self) -> Paging {
        Paging::ALL[self.method.load(Ordering::SeqCst) as usize]
    }
}

impl futures_util::Stream for RecordStream {
    type Item = Result<Page>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.rx.poll_recv(cx)
    }
}

/// What a worker needs: the read, resolved.
#[derive(Clone)]
struct Job {
    client: Client,
    app: u64,
    condition: Option<String>,
    order_by: Option<String>,
    /// Always with `$id` when restricted.
    fields: Option<Vec<String>>,
    limit: Option<u64>,
    page_size: u64,
    method: Arc<AtomicU8>,
}

impl Job {
    fn set_method(&self, paging: Paging) {
        self.method.store(paging.code(), Ordering::SeqCst);
    }

    /// `{app, query, fields?}` plus `extra`.
    fn params(&self, query: String, extra: Json) -> Json {
        let mut params = json!({"app": self.app, "query": query});
        if let Some(fields) = &self.fields {
            params["fields"] = json!(fields);
        }
        if let (Json::Object(p), Json::Object(e)) = (&mut params, extra) {
            p.extend(e);
        }
        params
    }
}

/// How a worker ended, when it did not fail.
enum Stop {
    /// Every page was sent.
    Done,
    /// The consumer went away.
    Closed,
}

/// Sends a page; false when the consumer is gone.
async fn send(tx: &Sender, page: Page) -> bool {
    tx.send(Ok(page)).await.is_ok()
}

impl Client {
    /// Starts reading; see the module doc for the paging methods. Errors
    /// known before any request (a method this connection cannot use, a
    /// sorted read past 10,000 records without the cursor) come back here;
    /// later ones as the stream's last item.
    pub async fn read(&self, request: ReadRequest) -> Result<RecordStream> {
        let limit = match (request.limit, self.settings().max_rows) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let custom_order = request.custom_order().map(str::to_owned);
        let paging = match request.paging {
            Paging::Auto => {
                self.auto_paging(&request, custom_order.as_deref(), limit)
                    .await?
            }
            Paging::Cursor if !self.cursor_allowed() => {
                return Err(Error::Unsupported {
                    message: self.no_cursor_reason(),
                })
            }
            Paging::Seek | Paging::ParallelSeek if custom_order.is_some() => {
                return Err(Error::Unsupported {
                    message: "the seek method reads in $id order; use the cursor or offset \
                              paging for another order"
                        .to_owned(),
                })
            }
            other => other,
        };
        let method = Arc::new(AtomicU8::new(paging.code()));
        let job = Job {
            client: self.clone(),
            app: request.app,
            condition: request.condition.clone(),
            order_by: custom_order,
            fields: query::fields_with_id(request.fields.as_deref()),
            limit,
            page_size: u64::from(self.settings().page_size),
            method: Arc::clone(&method),
        };
        tracing::debug!(app = job.app, ?paging, ?limit, "read starts");
        let (tx, rx) = mpsc::channel(1);
        tokio::spawn(async move {
            let result = match paging {
                Paging::Cursor => cursor::run(&job, &tx).await,
                Paging::Offset => offset::run(&job, &tx).await,
                Paging::ParallelSeek => seek::run_auto(&job, &tx, true).await,
                Paging::Seek => seek::run_range(&job, &tx, None, None, job.limit).await,
                Paging::Auto => seek::run_auto(&job, &tx, false).await,
            };
            if let Err(error) = result {
                tracing::debug!(app = job.app, %error, "read failed");
                let _ = tx.send(Err(error)).await;
            }
        });
        Ok(RecordStream { rx, method })
    }

    async fn auto_paging(
        &self,
        request: &ReadRequest,
        custom_order: Option<&str>,
        limit: Option<u64>,
    ) -> Result<Paging> {
        if custom_order.is_none() {
            return Ok(Paging::Auto);
        }
        if limit.is_some_and(|l| l <= OFFSET_REACH) {
            return Ok(Paging::Offset);
        }
        if self.cursor_allowed() {
            return Ok(Paging::Cursor);
        }
        let total = self
            .count(request.app, request.condition.as_deref())
            .await?;
        if limit.map_or(total, |l| l.min(total)) <= OFFSET_REACH {
            return Ok(Paging::Offset);
        }
        Err(Error::Unsupported {
            message: format!(
                "a sorted read of {total} records (more than 10,000) needs the cursor API, \
                 and {}; sort locally instead",
                self.no_cursor_reason()
            ),
        })
    }

    fn no_cursor_reason(&self) -> String {
        if self.auth_scheme() == crate::properties::AuthScheme::OAuth {
            "the cursor API is not available with AuthScheme=OAuth".to_owned()
        } else {
            "the cursor API is turned off (UseCursor=false)".to_owned()
        }
    }

    /// The number of records matching `condition` (`totalCount=true&limit=1`).
    pub async fn count(&self, app: u64, condition: Option<&str>) -> Result<u64> {
        let q = query::full(&query::and(condition, &[]), None, Some(1), None);
        let params = json!({"app": app, "query": q, "fields": ["$id"], "totalCount": true});
        let body = self.get("records", &params, &[app]).await?;
        scan("records", &body)?
            .total_count
            .ok_or_else(|| Error::Response {
                api: "records".to_owned(),
                message: "no totalCount in the answer".to_owned(),
            })
    }
}
