//! The one fetch path: a cursor over record batches that come either from
//! a live query ([`sql::ResultStream`]) or from a materialised catalog
//! result set. Fetching hands out rows as (batch, index) pairs; batches are
//! reference-counted, so a rowset spanning batches costs no copy.

use std::collections::VecDeque;
use std::time::Duration;

use arrow_array::RecordBatch;
use sql::ResultColumn;

use crate::error::{DriverError, DriverResult};
use crate::runtime::{self, CancelFlag};

/// Where a cursor's batches come from.
pub enum Source {
    Stream(sql::ResultStream),
    Batches(VecDeque<RecordBatch>),
}

/// An open cursor.
pub struct Cursor {
    pub columns: Vec<ResultColumn>,
    source: Source,
    current: Option<RecordBatch>,
    next_row: usize,
    finished: bool,
}

/// Consecutive rows of one batch within a rowset.
#[derive(Clone, Debug)]
pub struct Segment {
    pub batch: RecordBatch,
    pub start: usize,
    pub len: usize,
}

/// The rows of a rowset, in order.
#[derive(Clone, Debug, Default)]
pub struct Rowset {
    pub segments: Vec<Segment>,
}

impl Rowset {
    pub fn len(&self) -> usize {
        self.segments.iter().map(|s| s.len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// Every row as (index in the rowset, batch, row in the batch).
    pub fn rows(&self) -> impl Iterator<Item = (usize, &RecordBatch, usize)> + '_ {
        let mut index = 0;
        self.segments.iter().flat_map(move |seg| {
            let first = index;
            index += seg.len;
            (0..seg.len).map(move |i| (first + i, &seg.batch, seg.start + i))
        })
    }
}

impl Cursor {
    pub fn new(columns: Vec<ResultColumn>, source: Source) -> Self {
        Cursor {
            columns,
            source,
            current: None,
            next_row: 0,
            finished: false,
        }
    }

    /// Up to `n` next rows (fewer at the end, none after it).
    pub fn next_rows(
        &mut self,
        n: usize,
        cancel: &CancelFlag,
        timeout: Option<Duration>,
    ) -> DriverResult<Rowset> {
        let mut rows = Rowset::default();
        let mut count = 0;
        while count < n {
            if let Some(batch) = &self.current {
                if self.next_row < batch.num_rows() {
                    let take = (n - count).min(batch.num_rows() - self.next_row);
                    rows.segments.push(Segment {
                        batch: batch.clone(),
                        start: self.next_row,
                        len: take,
                    });
                    count += take;
                    self.next_row += take;
                    continue;
                }
            }
            match self.next_batch(cancel, timeout)? {
                Some(batch) => {
                    self.current = Some(batch);
                    self.next_row = 0;
                }
                None => break,
            }
        }
        Ok(rows)
    }

    fn next_batch(
        &mut self,
        cancel: &CancelFlag,
        timeout: Option<Duration>,
    ) -> DriverResult<Option<RecordBatch>> {
        if self.finished {
            return Ok(None);
        }
        let next = match &mut self.source {
            Source::Batches(queue) => queue.pop_front(),
            Source::Stream(stream) => runtime::run(
                async {
                    match stream.next_batch().await {
                        Some(Ok(batch)) => Ok(Some(batch)),
                        Some(Err(e)) => Err(DriverError::from(e)),
                        None => Ok(None),
                    }
                },
                Some(cancel),
                timeout,
            )?,
        };
        if next.is_none() {
            self.finished = true;
            self.current = None;
        }
        Ok(next)
    }
}

impl Drop for Cursor {
    fn drop(&mut self) {
        // A live stream may spawn its clean-up (cursor deletion) when dropped.
        let _runtime = runtime::enter();
        self.source = Source::Batches(VecDeque::new());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Int64Array;
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;

    fn batch(values: &[i64]) -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![Field::new("x", DataType::Int64, true)]));
        RecordBatch::try_new(schema, vec![Arc::new(Int64Array::from(values.to_vec()))]).unwrap()
    }

    #[test]
    fn rowsets_span_batches_and_skip_empty_ones() {
        let source = Source::Batches(VecDeque::from([
            batch(&[1, 2]),
            batch(&[]),
            batch(&[3, 4, 5]),
        ]));
        let mut cursor = Cursor::new(Vec::new(), source);
        let flag = CancelFlag::default();
        let first = cursor.next_rows(3, &flag, None).unwrap();
        let values: Vec<i64> = first
            .rows()
            .map(|(_, b, r)| {
                b.column(0)
                    .as_any()
                    .downcast_ref::<Int64Array>()
                    .unwrap()
                    .value(r)
            })
            .collect();
        assert_eq!(values, [1, 2, 3]);
        assert_eq!(cursor.next_rows(3, &flag, None).unwrap().len(), 2);
        assert!(cursor.next_rows(3, &flag, None).unwrap().is_empty());
    }
}
