//! DataFusion optimizer rules that push ORDER BY + LIMIT (and similar
//! plan shapes) into Kintone scans when the order is provably SQL's.
//!
//! `ORDER BY k LIMIT n OFFSET m` plans as `SortExec(fetch = n + m)` over
//! the scan, possibly through projections and partition/batch plumbing.
//! When no filter runs between the sort and the scan (every WHERE
//! condition went to Kintone exactly) and the sort keys translate
//! ([`TableBinding::order_by`]), Kintone can return the first `n + m`
//! records in SQL's order: the scan gets `order by <keys>, $id asc` and
//! `limit n + m`. The SortExec stays on top: it re-sorts those few rows,
//! which keeps the result right whatever the scan's partitioning.

use std::sync::Arc;

use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::Result;
use datafusion::logical_expr::{Expr, SortExpr};
use datafusion::physical_expr::expressions::Column;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::coalesce_partitions::CoalescePartitionsExec;
use datafusion::physical_plan::coop::CooperativeExec;
use datafusion::physical_plan::execution_plan::{ChildrenPropertiesMode, ReplaceChildrenOptions};
use datafusion::physical_plan::projection::ProjectionExec;
use datafusion::physical_plan::repartition::RepartitionExec;
use datafusion::physical_plan::sorts::sort::SortExec;
use datafusion::physical_plan::ExecutionPlan;

use super::TableBinding;

/// The physical rules the session context registers (after DataFusion's own).
pub fn physical_rules() -> Vec<Arc<dyn PhysicalOptimizerRule + Send + Sync>> {
    vec![Arc::new(SortLimitIntoScan::new(kintone_scan))]
}

/// Gives a scan an order and a limit: `None` when `plan` is not a scan the
/// rule knows or the scan cannot take them.
pub type OrderScan = fn(
    plan: &Arc<dyn ExecutionPlan>,
    keys: &[SortExpr],
    limit: usize,
) -> Option<Arc<dyn ExecutionPlan>>;

/// Orders and limits a Kintone scan through its binding.
fn kintone_scan(
    plan: &Arc<dyn ExecutionPlan>,
    keys: &[SortExpr],
    limit: usize,
) -> Option<Arc<dyn ExecutionPlan>> {
    let scan = plan.downcast_ref::<crate::provider::KintoneScanExec>()?;
    let spec = scan.spec();
    // Only an unsorted, unlimited records scan whose filters all went to
    // Kintone exactly can take the order (no rows are re-checked above it).
    if spec.table_code.is_some() || spec.order_by.is_some() || spec.exact_rows.is_some() {
        return None;
    }
    let order = scan_order(scan.binding(), keys)?;
    let mut spec = spec.clone();
    spec.order_by = Some(order);
    spec.limit = Some(spec.limit.map_or(limit as u64, |l| l.min(limit as u64)));
    Some(scan.with_spec(spec))
}

/// The Kintone `order by` for sort keys over a scan with this binding:
/// `None` unless Kintone's order is SQL's with no extra condition.
pub fn scan_order(binding: &TableBinding, keys: &[SortExpr]) -> Option<String> {
    match binding.order_by(keys)? {
        (order, None) => Some(order),
        (_, Some(_)) => None,
    }
}

/// `plan` over a new input, its properties recomputed (the input's
/// partitioning may have changed).
fn with_child(
    plan: &Arc<dyn ExecutionPlan>,
    input: Arc<dyn ExecutionPlan>,
) -> Result<Arc<dyn ExecutionPlan>> {
    Arc::clone(plan).replace_children(
        vec![input],
        ReplaceChildrenOptions::new(ChildrenPropertiesMode::Recompute),
    )
}

/// `SortExec` with a fetch over a scan that can sort and limit itself.
#[derive(Debug)]
pub struct SortLimitIntoScan {
    order_scan: OrderScan,
}

impl SortLimitIntoScan {
    pub fn new(order_scan: OrderScan) -> Self {
        SortLimitIntoScan { order_scan }
    }

    /// The input of a sort with its keys pushed into the scan below it.
    fn push(
        &self,
        plan: &Arc<dyn ExecutionPlan>,
        keys: &[(usize, bool, bool)],
        limit: usize,
    ) -> Option<Arc<dyn ExecutionPlan>> {
        // Keys as columns of `plan`'s output: (index, ascending, nulls first).
        let schema = plan.schema();
        let sort: Vec<SortExpr> = keys
            .iter()
            .map(|&(index, asc, nulls_first)| {
                SortExpr::new(
                    Expr::Column(datafusion::common::Column::new_unqualified(
                        schema.field(index).name(),
                    )),
                    asc,
                    nulls_first,
                )
            })
            .collect();
        if let Some(scan) = (self.order_scan)(plan, &sort, limit) {
            return Some(scan);
        }
        if let Some(projection) = plan.downcast_ref::<ProjectionExec>() {
            // Follow each key to the input column it projects.
            let exprs = projection.expr();
            let inner: Vec<(usize, bool, bool)> = keys
                .iter()
                .map(|&(index, asc, nulls_first)| {
                    let column = exprs.get(index)?.expr.downcast_ref::<Column>()?;
                    Some((column.index(), asc, nulls_first))
                })
                .collect::<Option<_>>()?;
            let input = self.push(projection.input(), &inner, limit)?;
            return with_child(plan, input).ok();
        }
        // Plumbing that keeps rows and columns as they are.
        let passes = plan.is::<CoalescePartitionsExec>()
            || plan.is::<RepartitionExec>()
            || plan.is::<CooperativeExec>();
        if passes && plan.fetch().is_none() && plan.children().len() == 1 {
            let input = self.push(plan.children()[0], keys, limit)?;
            return with_child(plan, input).ok();
        }
        None
    }

    fn rewrite(&self, plan: Arc<dyn ExecutionPlan>) -> Result<Transformed<Arc<dyn ExecutionPlan>>> {
        let Some(sort) = plan.downcast_ref::<SortExec>() else {
            return Ok(Transformed::no(plan));
        };
        let Some(fetch) = sort.fetch() else {
            return Ok(Transformed::no(plan));
        };
        let keys: Option<Vec<(usize, bool, bool)>> = sort
            .expr()
            .iter()
            .map(|key| {
                let column = key.expr.downcast_ref::<Column>()?;
                Some((
                    column.index(),
                    !key.options.descending,
                    key.options.nulls_first,
                ))
            })
            .collect();
        let Some(input) = keys.and_then(|keys| self.push(sort.input(), &keys, fetch)) else {
            return Ok(Transformed::no(plan));
        };
        let sorted = with_child(&plan, input)?;
        Ok(Transformed::yes(sorted))
    }
}

impl PhysicalOptimizerRule for SortLimitIntoScan {
    fn optimize(
        &self,
        plan: Arc<dyn ExecutionPlan>,
        _config: &ConfigOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        // Top-down, and a pushed sort is not visited again: its scan now
        // has an order, which the scan refuses to take twice.
        Ok(plan.transform_down(|node| self.rewrite(node))?.data)
    }

    fn name(&self) -> &str {
        "kintone_sort_limit_into_scan"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{Int64Array, RecordBatch};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use datafusion::datasource::MemTable;
    use datafusion::logical_expr::{Expr, SortExpr};
    use datafusion::physical_plan::displayable;
    use datafusion::physical_plan::empty::EmptyExec;
    use datafusion::prelude::{SessionConfig, SessionContext};

    use super::*;

    /// Test stand-in for the scan hook: takes DataFusion's memory source
    /// when the keys are exactly `b ASC NULLS FIRST` and the limit is 5,
    /// replacing it by an empty plan so that the rewrite is visible.
    fn memory_scan(
        plan: &Arc<dyn ExecutionPlan>,
        keys: &[SortExpr],
        limit: usize,
    ) -> Option<Arc<dyn ExecutionPlan>> {
        let expected = [SortExpr::new(
            Expr::Column(datafusion::common::Column::new_unqualified("b")),
            true,
            true,
        )];
        (is_source(plan) && keys == expected && limit == 5)
            .then(|| Arc::new(EmptyExec::new(plan.schema())) as Arc<dyn ExecutionPlan>)
    }

    /// DataFusion's memory table scan.
    fn is_source(plan: &Arc<dyn ExecutionPlan>) -> bool {
        plan.children().is_empty() && plan.name() == "DataSourceExec"
    }

    async fn plan(sql: &str) -> Arc<dyn ExecutionPlan> {
        let config = SessionConfig::new()
            .with_target_partitions(4)
            .set_str("datafusion.sql_parser.default_null_ordering", "nulls_min");
        let ctx = SessionContext::new_with_config(config);
        let schema = Arc::new(Schema::new(vec![
            Field::new("a", DataType::Int64, true),
            Field::new("b", DataType::Int64, true),
        ]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(Int64Array::from(vec![1, 2, 3])),
                Arc::new(Int64Array::from(vec![3, 2, 1])),
            ],
        )
        .unwrap();
        let partitions = vec![vec![batch.clone()], vec![batch]];
        ctx.register_table(
            "t",
            Arc::new(MemTable::try_new(schema, partitions).unwrap()),
        )
        .unwrap();
        ctx.sql(sql)
            .await
            .unwrap()
            .create_physical_plan()
            .await
            .unwrap()
    }

    fn rewritten(plan: Arc<dyn ExecutionPlan>) -> String {
        let rule = SortLimitIntoScan::new(memory_scan);
        let out = rule.optimize(plan, &ConfigOptions::default()).unwrap();
        let shown = displayable(out.as_ref()).indent(false);
        shown.to_string()
    }

    #[tokio::test]
    async fn sort_with_fetch_reaches_the_scan_through_projections() {
        for sql in [
            "SELECT b, a FROM t ORDER BY b LIMIT 5",
            "SELECT a + 1 AS x, b AS y FROM t ORDER BY y LIMIT 3 OFFSET 2",
        ] {
            let text = rewritten(plan(sql).await);
            assert!(text.contains("EmptyExec"), "{sql}:\n{text}");
            assert!(
                text.contains("SortExec: TopK(fetch=5)") || text.contains("fetch=5"),
                "{sql}:\n{text}"
            );
        }
    }

    #[tokio::test]
    async fn filters_other_keys_and_no_limit_stay_local() {
        for sql in [
            "SELECT b, a FROM t WHERE a > 1 ORDER BY b LIMIT 5",
            "SELECT b, a FROM t ORDER BY b",
            "SELECT b, a FROM t ORDER BY b DESC LIMIT 5",
            "SELECT b + 1 AS c FROM t ORDER BY c LIMIT 5",
            "SELECT b FROM t ORDER BY b LIMIT 4",
        ] {
            let text = rewritten(plan(sql).await);
            assert!(!text.contains("EmptyExec"), "{sql}:\n{text}");
        }
    }
}
