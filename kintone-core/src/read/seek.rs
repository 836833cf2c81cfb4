//! The `$id` seek method (facts §4), in one range or in parallel ranges.

use bytes::Bytes;
use serde_json::json;
use tokio::task::JoinSet;

use super::query::{and, full, id_bounds};
use super::scan::{scan, PageScan};
use super::{send, Job, Page, Paging, Sender, Stop};
use crate::error::{Error, Result};

/// A parallel split pays off from this many pages left to read.
const PARALLEL_MIN_PAGES: u64 = 4;

/// One page after `after`, up to `up_to`, in `$id` order.
async fn page(
    job: &Job,
    after: Option<u64>,
    up_to: Option<u64>,
    n: u64,
    total_count: bool,
) -> Result<(Bytes, PageScan)> {
    let q = full(
        &and(job.condition.as_deref(), &id_bounds(after, up_to)),
        Some("$id asc"),
        Some(n),
        None,
    );
    let extra = if total_count {
        json!({"totalCount": true})
    } else {
        json!({})
    };
    let body = job
        .client
        .get("records", &job.params(q, extra), &[job.app])
        .await?;
    let scanned = scan("records", &body)?;
    if scanned.records > 0 && scanned.last_id.is_none() {
        return Err(Error::Response {
            api: "records".to_owned(),
            message: "records without $id".to_owned(),
        });
    }
    Ok((body, scanned))
}

/// Fetches a page unless the consumer goes away first.
async fn page_or_closed(
    job: &Job,
    tx: &Sender,
    after: Option<u64>,
    up_to: Option<u64>,
    n: u64,
    total_count: bool,
) -> Option<Result<(Bytes, PageScan)>> {
    tokio::select! {
        _ = tx.closed() => None,
        r = page(job, after, up_to, n, total_count) => Some(r),
    }
}

/// Reads `(after, up_to]` page by page, at most `limit` records.
pub(super) async fn run_range(
    job: &Job,
    tx: &Sender,
    mut after: Option<u64>,
    up_to: Option<u64>,
    mut limit: Option<u64>,
) -> Result<Stop> {
    loop {
        let n = limit.map_or(job.page_size, |l| l.min(job.page_size));
        if n == 0 {
            return Ok(Stop::Done);
        }
        let Some(result) = page_or_closed(job, tx, after, up_to, n, false).await else {
            return Ok(Stop::Closed);
        };
        let (body, scanned) = result?;
        let count = scanned.records;
        after = scanned.last_id.or(after);
        if !send(
            tx,
            Page {
                body,
                records: count,
                take: count,
            },
        )
        .await
        {
            return Ok(Stop::Closed);
        }
        limit = limit.map(|l| l - count as u64);
        if (count as u64) < n {
            return Ok(Stop::Done);
        }
    }
}

/// The first page with `totalCount`; then the rest in parallel ranges when
/// enough is left (always with `force_parallel`), else in one range.
pub(super) async fn run_auto(job: &Job, tx: &Sender, force_parallel: bool) -> Result<Stop> {
    let n = job.limit.map_or(job.page_size, |l| l.min(job.page_size));
    if n == 0 {
        return Ok(Stop::Done);
    }
    let Some(result) = page_or_closed(job, tx, None, None, n, true).await else {
        return Ok(Stop::Closed);
    };
    let (body, scanned) = result?;
    let count = scanned.records as u64;
    if !send(
        tx,
        Page {
            body,
            records: scanned.records,
            take: scanned.records,
        },
    )
    .await
    {
        return Ok(Stop::Closed);
    }
    if count < n {
        return Ok(Stop::Done);
    }
    let left = scanned
        .total_count
        .unwrap_or(u64::MAX)
        .saturating_sub(count);
    let limit = job.limit.map(|l| l - count);
    let workers = u64::from(job.client.settings().max_concurrent_requests)
        .min(left.div_ceil(job.page_size))
        .max(1);
    let parallel = limit.is_none()
        && workers > 1
        && (force_parallel || left >= PARALLEL_MIN_PAGES * job.page_size);
    if parallel {
        job.set_method(Paging::ParallelSeek);
        run_parallel(job, tx, scanned.last_id, workers).await
    } else {
        job.set_method(Paging::Seek);
        run_range(job, tx, scanned.last_id, None, limit).await
    }
}

/// The largest `$id` matching the condition.
async fn max_id(job: &Job) -> Result<Option<u64>> {
    let q = full(
        &and(job.condition.as_deref(), &[]),
        Some("$id desc"),
        Some(1),
        None,
    );
    let params = json!({"app": job.app, "query": q, "fields": ["$id"]});
    let body = job.client.get("records", &params, &[job.app]).await?;
    Ok(scan("records", &body)?.last_id)
}

/// Splits `(after, max]` into `workers` ranges of equal `$id` width, each
/// read by its own task; pages come out in whatever order they arrive.
/// Records added after the scan started (above `max`) are not read.
async fn run_parallel(job: &Job, tx: &Sender, after: Option<u64>, workers: u64) -> Result<Stop> {
    let start = after.unwrap_or(0);
    let Some(max) = max_id(job).await? else {
        return Ok(Stop::Done);
    };
    if max <= start {
        return Ok(Stop::Done);
    }
    let width = (max - start).div_ceil(workers).max(1);
    tracing::debug!(app = job.app, start, max, workers, "parallel seek");
    let mut tasks = JoinSet::new();
    let mut low = start;
    while low < max {
        let high = (low + width).min(max);
        let (job, tx) = (job.clone(), tx.clone());
        tasks.spawn(async move { run_range(&job, &tx, Some(low), Some(high), None).await });
        low = high;
    }
    let mut closed = false;
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(Ok(Stop::Done)) => {}
            Ok(Ok(Stop::Closed)) => closed = true,
            Ok(Err(e)) => {
                tasks.abort_all();
                return Err(e);
            }
            Err(e) if e.is_cancelled() => {}
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
    Ok(if closed { Stop::Closed } else { Stop::Done })
}
