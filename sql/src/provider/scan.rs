//! The scan of an app or subtable table: Kintone record pages decoded
//! straight into Arrow batches.
//!
//! Its display (and so `EXPLAIN`) shows the request it will make: the
//! app, the query string, the fields and the paging method.

use std::fmt;
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, RecordBatchOptions};
use arrow_schema::{Schema, SchemaRef};
use datafusion::common::stats::Precision;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::Statistics;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::TaskContext;
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, Partitioning, PlanProperties,
    SendableRecordBatchStream,
};
use futures_util::stream;
use kintone_core::decode::{ColumnSpec, ColumnType, Projection, RecordPlan, SubtablePlan};
use kintone_core::read::OFFSET_REACH;
use kintone_core::schema::FieldType;
use kintone_core::{Client, Paging, ReadRequest, RecordStream};

use crate::catalog::{ColumnDef, ColumnRole};
use crate::error::Error;
use crate::pushdown::TableBinding;

/// What a scan asks Kintone for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanSpec {
    pub app: u64,
    /// The SUBTABLE whose rows are the table's rows, if any.
    pub table_code: Option<String>,
    pub condition: Option<String>,
    /// Sort keys (ending with `$id asc`), set by the ORDER BY + LIMIT rule.
    pub order_by: Option<String>,
    pub limit: Option<u64>,
    /// Field codes requested (`$id` is always added).
    pub fields: Vec<String>,
    pub paging: Paging,
    /// The row count, when known exactly before reading (COUNT(*)).
    pub exact_rows: Option<u64>,
}

impl ScanSpec {
    /// The query string of the request(s), as Kintone receives it
    /// (paging adds `$id` bounds, `limit` and `offset` per page).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(c) = &self.condition {
            parts.push(c.clone());
        }
        if let Some(o) = &self.order_by {
            parts.push(format!("order by {o}"));
        }
        if let Some(l) = self.limit {
            parts.push(format!("limit {l}"));
        }
        parts.join(" ")
    }

    /// The paging method `Auto` will pick (see kintone-core's `read`).
    fn paging_description(&self) -> &'static str {
        match (self.paging, &self.order_by, self.limit) {
            (Paging::Auto, None, _) => "seek ($id ranges)",
            (Paging::Auto, Some(_), Some(l)) if l <= OFFSET_REACH => "offset",
            (Paging::Auto, Some(_), _) => "cursor",
            (Paging::Cursor, ..) => "cursor",
            (Paging::Seek, ..) => "seek",
            (Paging::ParallelSeek, ..) => "parallel seek",
            (Paging::Offset, ..) => "offset",
        }
    }
}

/// The scan node.
#[derive(Debug)]
pub struct KintoneScanExec {
    spec: ScanSpec,
    binding: TableBinding,
    /// The output columns, in order.
    columns: Vec<ColumnDef>,
    schema: SchemaRef,
    projection: Projection,
    client: Client,
    properties: Arc<PlanProperties>,
}

impl KintoneScanExec {
    pub fn new(
        spec: ScanSpec,
        binding: TableBinding,
        columns: Vec<ColumnDef>,
        client: Client,
    ) -> Result<KintoneScanExec, Error> {
        let schema = Arc::new(Schema::new(
            columns
                .iter()
                .map(|c| c.info.sql_type.field(&c.info.name, c.info.nullable))
                .collect::<Vec<_>>(),
        ));
        let projection = decode_plan(&spec, &columns)?;
        let properties = Arc::new(PlanProperties::new(
            EquivalenceProperties::new(Arc::clone(&schema)),
            Partitioning::UnknownPartitioning(1),
            EmissionType::Incremental,
            Boundedness::Bounded,
        ));
        Ok(KintoneScanExec {
            spec,
            binding,
            columns,
            schema,
            projection,
            client,
            properties,
        })
    }

    pub fn spec(&self) -> &ScanSpec {
        &self.spec
    }

    pub fn binding(&self) -> &TableBinding {
        &self.binding
    }

    /// The same scan asking for something else (order, limit...).
    pub fn with_spec(&self, spec: ScanSpec) -> Arc<KintoneScanExec> {
        Arc::new(KintoneScanExec {
            spec,
            binding: self.binding.clone(),
            columns: self.columns.clone(),
            schema: Arc::clone(&self.schema),
            projection: self.projection.clone(),
            client: self.client.clone(),
            properties: Arc::clone(&self.properties),
        })
    }

    pub(crate) fn with_exact_rows(mut self, rows: u64) -> KintoneScanExec {
        self.spec.exact_rows = Some(rows);
        self
    }

    fn read_request(&self) -> ReadRequest {
        let mut request = ReadRequest::new(self.spec.app)
            .fields(self.spec.fields.iter().cloned())
            .paging(self.spec.paging);
        if let Some(c) = &self.spec.condition {
            request = request.condition(c.clone());
        }
        if let Some(o) = &self.spec.order_by {
            request = request.order_by(o.clone());
        }
        if let Some(l) = self.spec.limit {
            request = request.limit(l);
        }
        request
    }
}

/// The decoder plan for the output columns. Records: one column per
/// output column. Subtable rows: the plan's own layout (record id, row id,
/// then the fields), rearranged by [`arrange`].
fn decode_plan(spec: &ScanSpec, columns: &[ColumnDef]) -> Result<Projection, Error> {
    let field_specs = columns.iter().filter_map(|c| match &c.role {
        ColumnRole::Field(s) => Some(s.clone()),
        _ => None,
    });
    let plan = match &spec.table_code {
        None => {
            let specs = columns
                .iter()
                .map(|c| match &c.role {
                    ColumnRole::RecordId => {
                        ColumnSpec::new("$id", FieldType::Id, ColumnType::Int64).named(&c.info.name)
                    }
                    ColumnRole::Revision => {
                        ColumnSpec::new("$revision", FieldType::Revision, ColumnType::Int64)
                            .named(&c.info.name)
                    }
                    ColumnRole::Field(s) => s.clone(),
                    ColumnRole::RowId | ColumnRole::Fixed => {
                        ColumnSpec::new("$id", FieldType::Id, ColumnType::Int64).named(&c.info.name)
                    }
                })
                .collect();
            Projection::Records(RecordPlan::new(specs).map_err(decode_error)?)
        }
        Some(code) => Projection::Subtable(
            SubtablePlan::new(
                code,
                "\u{0}record",
                "\u{0}row",
                Vec::new(),
                field_specs.collect(),
            )
            .map_err(decode_error)?,
        ),
    };
    Ok(plan)
}

fn decode_error(e: kintone_core::decode::DecodeError) -> Error {
    Error::Execution(format!("decoding records: {e}"))
}

/// The output columns of a decoded subtable batch, in output order.
fn arrange(columns: &[ColumnDef], decoded: &RecordBatch) -> Vec<ArrayRef> {
    let mut next_field = 2;
    columns
        .iter()
        .map(|c| match c.role {
            ColumnRole::RecordId => Arc::clone(decoded.column(0)),
            ColumnRole::RowId => Arc::clone(decoded.column(1)),
            _ => {
                let array = Arc::clone(decoded.column(next_field));
                next_field += 1;
                array
            }
        })
        .collect()
}

impl DisplayAs for KintoneScanExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        let s = &self.spec;
        write!(f, "KintoneScan: app={}", s.app)?;
        if let Some(code) = &s.table_code {
            write!(f, " table={code}")?;
        }
        write!(f, " query=\"{}\"", s.query().replace('"', "\\\""))?;
        let mut fields = vec!["$id".to_owned()];
        fields.extend(s.fields.iter().filter(|f| *f != "$id").cloned());
        write!(f, " fields=[{}]", fields.join(", "))?;
        write!(f, " paging={}", s.paging_description())?;
        if let Some(rows) = s.exact_rows {
            write!(f, " count={rows} (one totalCount request)")?;
        }
        Ok(())
    }
}

impl ExecutionPlan for KintoneScanExec {
    fn name(&self) -> &str {
        "KintoneScanExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        Vec::new()
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn replace_children(
        self: Arc<Self>,
        _children: Vec<Arc<dyn ExecutionPlan>>,
        _options: datafusion::physical_plan::ReplaceChildrenOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        Ok(self)
    }

    fn with_new_children(
        self: Arc<Self>,
        _children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        Ok(self)
    }

    #[allow(deprecated)]
    fn partition_statistics(&self, _partition: Option<usize>) -> Result<Arc<Statistics>> {
        let mut stats = Statistics::new_unknown(&self.schema);
        if let Some(rows) = self.spec.exact_rows {
            stats.num_rows = Precision::Exact(rows as usize);
        }
        Ok(Arc::new(stats))
    }

    fn execute(
        &self,
        _partition: usize,
        _context: Arc<TaskContext>,
    ) -> Result<SendableRecordBatchStream> {
        let state = ReadState {
            client: self.client.clone(),
            request: Some(self.read_request()),
            pages: None,
            projection: self.projection.clone(),
            columns: self.columns.clone(),
            schema: Arc::clone(&self.schema),
        };
        let batches = stream::unfold(state, |mut state| async move {
            let item = state.next().await?;
            Some((item, state))
        });
        Ok(Box::pin(RecordBatchStreamAdapter::new(
            Arc::clone(&self.schema),
            batches,
        )))
    }
}

/// The state of a running scan: the request before the first page, then the pages.
struct ReadState {
    client: Client,
    request: Option<ReadRequest>,
    pages: Option<RecordStream>,
    projection: Projection,
    columns: Vec<ColumnDef>,
    schema: SchemaRef,
}

fn external(e: Error) -> DataFusionError {
    DataFusionError::External(Box::new(e))
}

impl ReadState {
    async fn next(&mut self) -> Option<Result<RecordBatch>> {
        if let Some(request) = self.request.take() {
            match self.client.read(request).await {
                Ok(pages) => self.pages = Some(pages),
                Err(e) => return Some(Err(external(Error::Kintone(e)))),
            }
        }
        let page = match self.pages.as_mut()?.next_page().await? {
            Ok(page) => page,
            Err(e) => {
                self.pages = None;
                return Some(Err(external(Error::Kintone(e))));
            }
        };
        Some(self.batch(&page))
    }

    fn batch(&self, page: &kintone_core::Page) -> Result<RecordBatch> {
        let decoded = self
            .projection
            .decode(&page.body)
            .map_err(|e| external(decode_error(e)))?;
        let mut batch = decoded.batch;
        let arrays = match &self.projection {
            Projection::Records(_) => {
                if page.take < batch.num_rows() {
                    batch = batch.slice(0, page.take);
                }
                batch.columns().to_vec()
            }
            Projection::Subtable(_) => arrange(&self.columns, &batch),
        };
        let options = RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
        RecordBatch::try_new_with_options(Arc::clone(&self.schema), arrays, &options)
            .map_err(|e| DataFusionError::ArrowError(Box::new(e), None))
    }
}
