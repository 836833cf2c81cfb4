//! Offset paging for a caller's ORDER BY, within offset 10,000 (facts §4).

use super::query::{and, full};
use super::scan::scan;
use super::{send, Job, Page, Sender, Stop, MAX_OFFSET};
use crate::error::{Error, Result};

pub(super) async fn run(job: &Job, tx: &Sender) -> Result<Stop> {
    let condition = and(job.condition.as_deref(), &[]);
    let mut offset = 0u64;
    let mut limit = job.limit;
    let apps = [job.app];
    loop {
        let n = limit.map_or(job.page_size, |l| l.min(job.page_size));
        if n == 0 {
            return Ok(Stop::Done);
        }
        if offset > MAX_OFFSET {
            return Err(Error::Unsupported {
                message: "offset paging cannot read past offset 10,000; a sorted read of more \
                          records needs the cursor API"
                    .to_owned(),
            });
        }
        let q = full(&condition, job.order_by.as_deref(), Some(n), Some(offset));
        let params = job.params(q, serde_json::json!({}));
        let fetched = tokio::select! {
            _ = tx.closed() => return Ok(Stop::Closed),
            r = job.client.get("records", &params, &apps) => r?,
        };
        let count = scan("records", &fetched)?.records;
        if !send(
            tx,
            Page {
                body: fetched,
                records: count,
                take: count,
            },
        )
        .await
        {
            return Ok(Stop::Closed);
        }
        if (count as u64) < n {
            return Ok(Stop::Done);
        }
        offset += count as u64;
        limit = limit.map(|l| l - count as u64);
    }
}
