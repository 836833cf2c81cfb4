//! Where a result column comes from: the catalog table and column behind
//! a plain column reference (SQL_DESC_BASE_TABLE_NAME / BASE_COLUMN_NAME).
//!
//! A column is plain when, from the result down to the table scan, it is
//! only passed through (projected, renamed, filtered, sorted, joined,
//! grouped by). Anything computed (expressions, aggregates, window
//! functions, UNION) has no base column.

use datafusion::common::JoinType;
use datafusion::logical_expr::{Distinct, Expr, LogicalPlan};

use crate::catalog::Snapshot;

/// The (table, column) behind output column `index` of `plan`, if plain.
pub fn base_column(
    snapshot: &Snapshot,
    plan: &LogicalPlan,
    index: usize,
) -> Option<(String, String)> {
    match plan {
        LogicalPlan::Projection(p) => {
            let input_index = column_index(&p.input, p.expr.get(index)?)?;
            base_column(snapshot, &p.input, input_index)
        }
        LogicalPlan::Filter(f) => base_column(snapshot, &f.input, index),
        LogicalPlan::Sort(s) => base_column(snapshot, &s.input, index),
        LogicalPlan::Limit(l) => base_column(snapshot, &l.input, index),
        LogicalPlan::SubqueryAlias(a) => base_column(snapshot, &a.input, index),
        LogicalPlan::Repartition(r) => base_column(snapshot, &r.input, index),
        LogicalPlan::Distinct(Distinct::All(input)) => base_column(snapshot, input, index),
        LogicalPlan::Window(w) => {
            // The input's columns come first, then the window functions.
            (index < w.input.schema().fields().len())
                .then(|| base_column(snapshot, &w.input, index))
                .flatten()
        }
        LogicalPlan::Aggregate(a) => {
            // Group keys come first; a grouping set has no single base.
            let key = a.group_expr.get(index)?;
            let input_index = column_index(&a.input, key)?;
            base_column(snapshot, &a.input, input_index)
        }
        LogicalPlan::Join(j) => {
            let left = j.left.schema().fields().len();
            match j.join_type {
                JoinType::Inner | JoinType::Left | JoinType::Right | JoinType::Full => {
                    if index < left {
                        base_column(snapshot, &j.left, index)
                    } else {
                        base_column(snapshot, &j.right, index - left)
                    }
                }
                JoinType::LeftSemi | JoinType::LeftAnti | JoinType::LeftMark if index < left => {
                    base_column(snapshot, &j.left, index)
                }
                JoinType::RightSemi | JoinType::RightAnti | JoinType::RightMark
                    if index < j.right.schema().fields().len() =>
                {
                    base_column(snapshot, &j.right, index)
                }
                _ => None,
            }
        }
        LogicalPlan::TableScan(scan) => {
            // The name as written resolves like the schema provider does.
            let table = snapshot.find(scan.table_name.table())?;
            let column = scan.projected_schema.fields().get(index)?.name().clone();
            Some((table.info.name.clone(), column))
        }
        _ => None,
    }
}

/// The input position of a pass-through expression (a column, possibly renamed).
fn column_index(input: &LogicalPlan, expr: &Expr) -> Option<usize> {
    match expr {
        Expr::Alias(alias) => column_index(input, &alias.expr),
        Expr::Column(column) => input.schema().index_of_column(column).ok(),
        _ => None,
    }
}
