//! Row estimates for the planner.
//!
//! Kintone gives no row count without a request, so a scan reports an
//! inexact guess from what it pushes. The guess only steers DataFusion's
//! plan choices, chiefly which side of a hash join is collected first (the
//! smaller): the other side is then read by the collected side's keys, as
//! `$id in (...)` batches when that key is `RecordId`. Results never
//! depend on it.

use datafusion::logical_expr::{Expr, Operator};

use crate::pushdown::{Pushed, TableBinding, TableShape};

/// Rows assumed for an app read without conditions.
pub const UNFILTERED_ROWS: usize = 100_000;
/// Each pushed condition is assumed to keep one row in this many.
const SELECTIVITY: usize = 10;
/// SUBTABLE rows assumed per record.
const ROWS_PER_RECORD: usize = 10;

/// The guessed number of rows a scan returns.
pub fn estimated_rows(
    binding: &TableBinding,
    filters: &[Expr],
    pushed: &[Option<Pushed>],
    limit: Option<u64>,
) -> usize {
    let per_record = match binding.shape {
        TableShape::Records => 1,
        TableShape::SubtableRows { .. } => ROWS_PER_RECORD,
    };
    let mut rows = UNFILTERED_ROWS * per_record;
    for (filter, pushed) in filters.iter().zip(pushed) {
        if pushed.is_none() {
            continue;
        }
        rows = match record_ids_selected(binding, filter) {
            Some(ids) => rows.min(ids * per_record),
            None => (rows / SELECTIVITY).max(1),
        };
    }
    match limit {
        Some(l) => rows.min(usize::try_from(l).unwrap_or(usize::MAX)),
        None => rows,
    }
}

/// How many records a `RecordId = v` or `RecordId IN (...)` filter selects.
fn record_ids_selected(binding: &TableBinding, filter: &Expr) -> Option<usize> {
    match filter {
        Expr::BinaryExpr(b) if b.op == Operator::Eq => {
            let column = match (&*b.left, &*b.right) {
                (Expr::Column(c), Expr::Literal(..)) | (Expr::Literal(..), Expr::Column(c)) => c,
                _ => return None,
            };
            is_record_id(binding, &column.name).then_some(1)
        }
        Expr::InList(list) if !list.negated => match &*list.expr {
            Expr::Column(c) if is_record_id(binding, &c.name) => Some(list.list.len()),
            _ => None,
        },
        _ => None,
    }
}

fn is_record_id(binding: &TableBinding, name: &str) -> bool {
    binding
        .column(name)
        .is_some_and(|c| !c.in_subtable_row && c.field.as_ref().is_some_and(|f| f.code == "$id"))
}

#[cfg(test)]
mod tests {
    use datafusion::logical_expr::{ident as col, lit};

    use super::*;

    #[test]
    fn ids_conditions_and_limits_shrink_the_guess() {
        let b = crate::pushdown::tests::binding();
        let pushed = |filters: &[Expr]| -> Vec<Option<Pushed>> {
            filters.iter().map(|f| b.filter(f)).collect()
        };
        assert_eq!(estimated_rows(&b, &[], &[], None), UNFILTERED_ROWS);
        let one = [col("RecordId").eq(lit(7i64))];
        assert_eq!(estimated_rows(&b, &one, &pushed(&one), None), 1);
        let three = [col("RecordId").in_list(vec![lit(1i64), lit(2i64), lit(3i64)], false)];
        assert_eq!(estimated_rows(&b, &three, &pushed(&three), None), 3);
        let range = [col("RecordId").gt(lit(10i64))];
        assert_eq!(
            estimated_rows(&b, &range, &pushed(&range), None),
            UNFILTERED_ROWS / SELECTIVITY
        );
        assert_eq!(estimated_rows(&b, &[], &[], Some(5)), 5);
        // A filter that is not pushed says nothing.
        assert_eq!(estimated_rows(&b, &range, &[None], None), UNFILTERED_ROWS);
    }
}
