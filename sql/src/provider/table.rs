//! Table provider of an app table or a subtable table: projection,
//! filters and limits go to Kintone through a [`KintoneScanExec`].

use std::sync::Arc;

use arrow_schema::SchemaRef;
use async_trait::async_trait;
use datafusion::catalog::{Session, TableProvider};
use datafusion::datasource::TableType;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{Expr, TableProviderFilterPushDown};
use datafusion::physical_plan::ExecutionPlan;
use kintone_core::{Client, Paging};

use super::estimate::estimated_rows;
use super::scan::{KintoneScanExec, ScanSpec};
use super::table_schema;
use crate::catalog::{ColumnRole, TableDef, TableSource};
use crate::pushdown::{Pushed, TableBinding, TableShape};

#[derive(Debug)]
pub struct KintoneTable {
    def: Arc<TableDef>,
    client: Client,
    schema: SchemaRef,
    binding: TableBinding,
}

impl KintoneTable {
    pub fn new(def: Arc<TableDef>, client: Client) -> Self {
        let schema = table_schema(&def);
        let binding = def.binding();
        KintoneTable {
            def,
            client,
            schema,
            binding,
        }
    }
}

#[async_trait]
impl TableProvider for KintoneTable {
    fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    fn table_type(&self) -> TableType {
        TableType::Base
    }

    fn supports_filters_pushdown(
        &self,
        filters: &[&Expr],
    ) -> Result<Vec<TableProviderFilterPushDown>> {
        Ok(self.binding.supports(filters))
    }

    async fn scan(
        &self,
        _state: &dyn Session,
        projection: Option<&Vec<usize>>,
        filters: &[Expr],
        limit: Option<usize>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        let TableSource::App { app, table_code } = &self.def.source else {
            return Err(DataFusionError::Internal("not an app table".into()));
        };
        let indices: Vec<usize> = match projection {
            Some(p) => p.clone(),
            None => (0..self.def.columns.len()).collect(),
        };
        let columns: Vec<_> = indices
            .iter()
            .map(|i| self.def.columns[*i].clone())
            .collect();
        let refs: Vec<&Expr> = filters.iter().collect();
        let pushed = self.binding.filter_all(&refs);
        let all_exact = pushed.iter().all(|p| matches!(p, Some(Pushed::Exact(_))));
        let records = self.binding.shape == TableShape::Records;
        // A limit is only right for Kintone when every filter ran there exactly.
        let limit = limit.filter(|_| all_exact && records).map(|l| l as u64);
        let estimate = estimated_rows(&self.binding, filters, &pushed, limit);
        let parts: Vec<String> = pushed
            .into_iter()
            .flatten()
            .map(|p| match p {
                Pushed::Exact(c) | Pushed::Superset(c) => format!("({c})"),
            })
            .collect();
        let condition = (!parts.is_empty()).then(|| parts.join(" and "));
        let mut fields: Vec<String> = Vec::new();
        for c in &columns {
            let code = match &c.role {
                ColumnRole::Revision => "$revision".to_owned(),
                ColumnRole::Field(_) if !records => table_code.clone().unwrap_or_default(),
                ColumnRole::Field(spec) => spec.field_code.clone(),
                _ => continue,
            };
            if !fields.contains(&code) {
                fields.push(code);
            }
        }
        if let (false, Some(code)) = (records, table_code) {
            if !fields.contains(code) {
                fields.push(code.clone());
            }
        }
        let spec = ScanSpec {
            app: *app,
            table_code: table_code.clone(),
            condition,
            order_by: None,
            limit,
            fields,
            paging: Paging::Auto,
            // COUNT(*) over exactly pushed filters: one totalCount request.
            count_only: indices.is_empty() && all_exact && records && limit.is_none(),
        };
        let exec = KintoneScanExec::new(spec, self.binding.clone(), columns, self.client.clone())
            .map_err(|e| DataFusionError::External(Box::new(e)))?
            .with_estimated_rows(estimate);
        Ok(Arc::new(exec))
    }
}
