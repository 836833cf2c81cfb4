//! Table provider of the fixed tables: `AppId = n` / `RecordId = n`
//! conditions choose what is read (DataFusion re-checks them).

use std::sync::Arc;

use arrow_schema::SchemaRef;
use async_trait::async_trait;
use datafusion::catalog::{Session, TableProvider};
use datafusion::common::ScalarValue;
use datafusion::datasource::memory::MemorySourceConfig;
use datafusion::datasource::TableType;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{BinaryExpr, Expr, Operator, TableProviderFilterPushDown};
use datafusion::physical_plan::ExecutionPlan;
use kintone_core::Client;

use crate::catalog::fixed::{FixedFilter, FixedTable};

#[derive(Debug)]
pub struct FixedTableProvider {
    kind: FixedTable,
    client: Client,
    schema: SchemaRef,
}

impl FixedTableProvider {
    pub fn new(kind: FixedTable, client: Client) -> Self {
        FixedTableProvider {
            kind,
            client,
            schema: kind.schema(),
        }
    }

    /// The table's catalog name.
    pub fn table_name(&self) -> &'static str {
        self.kind.name()
    }
}

/// `column = integer` (either side), as (column, value).
fn equality(expr: &Expr) -> Option<(&str, u64)> {
    let Expr::BinaryExpr(BinaryExpr {
        left,
        op: Operator::Eq,
        right,
    }) = expr
    else {
        return None;
    };
    let (column, value) = match (left.as_ref(), right.as_ref()) {
        (Expr::Column(c), other) | (other, Expr::Column(c)) => (c, other),
        _ => return None,
    };
    let value = match value {
        Expr::Literal(v, _) => v.clone(),
        Expr::Cast(cast) => match cast.expr.as_ref() {
            Expr::Literal(v, _) => v.clone(),
            _ => return None,
        },
        _ => return None,
    };
    let value = value.cast_to(&arrow_schema::DataType::Int64).ok()?;
    match value {
        ScalarValue::Int64(Some(n)) if n > 0 => Some((column.name.as_str(), n as u64)),
        _ => None,
    }
}

#[async_trait]
impl TableProvider for FixedTableProvider {
    fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    fn table_type(&self) -> TableType {
        TableType::View
    }

    fn supports_filters_pushdown(
        &self,
        filters: &[&Expr],
    ) -> Result<Vec<TableProviderFilterPushDown>> {
        Ok(filters
            .iter()
            .map(|f| match equality(f) {
                Some(("AppId" | "RecordId", _)) => TableProviderFilterPushDown::Inexact,
                _ => TableProviderFilterPushDown::Unsupported,
            })
            .collect())
    }

    async fn scan(
        &self,
        _state: &dyn Session,
        projection: Option<&Vec<usize>>,
        filters: &[Expr],
        _limit: Option<usize>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        let mut filter = FixedFilter::default();
        for (column, value) in filters.iter().filter_map(equality) {
            match column {
                "AppId" => filter.app_id = Some(value),
                "RecordId" => filter.record_id = Some(value),
                _ => {}
            }
        }
        let batch = self
            .kind
            .load(&self.client, &filter)
            .await
            .map_err(|e| DataFusionError::External(Box::new(e)))?;
        let exec =
            MemorySourceConfig::try_new_exec(&[vec![batch]], self.schema(), projection.cloned())?;
        Ok(exec)
    }
}
