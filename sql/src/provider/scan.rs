//! The scan of an app or subtable table: Kintone record pages decoded
//! straight into Arrow batches.
//!
//! Its display (and so `EXPLAIN`) shows the request it will make: the
//! app, the query string, the fields and the paging method.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, RecordBatchOptions};
use arrow_schema::{Schema, SchemaRef};
use datafusion::common::stats::Precision;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::Statistics;
use datafusion::config::ConfigOptions;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::TaskContext;
use datafusion::physical_expr::expressions::DynamicFilterPhysicalExpr;
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::filter_pushdown::{
    ChildPushdownResult, FilterPushdownPhase, FilterPushdownPropagation, PushedDown,
};
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
    /// Only the number of rows is needed (`COUNT(*)` over exactly pushed
    /// filters): one `totalCount` request instead of reading records.
    pub count_only: bool,
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

    /// Whether the read may be split into `$id in (...)` batches read one
    /// after the other: a pushed order or limit would apply per batch.
    fn reads_in_batches(&self) -> bool {
        self.order_by.is_none() && self.limit.is_none()
    }

    /// The paging method `Auto` will pick (see kintone-core's `read`).
    fn paging_description(&self) -> &'static str {
        if self.count_only {
            return "count (one totalCount request, no records)";
        }
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
#[derive(Debug, Clone)]
pub struct KintoneScanExec {
    spec: ScanSpec,
    binding: TableBinding,
    /// The output columns, in order.
    columns: Vec<ColumnDef>,
    schema: SchemaRef,
    projection: Projection,
    client: Client,
    properties: Arc<PlanProperties>,
    /// Run-time filters DataFusion pushed into this scan (a hash join's
    /// build-side keys, a TopK's or an aggregate's bound). Read once, when
    /// the stream is first polled: a hash join polls its probe side only
    /// after publishing its keys, so `$id in (...)` batches can be read.
    dynamic_filters: Vec<Arc<dyn PhysicalExpr>>,
    /// A guess of the rows returned, for the planner (see `estimate`).
    estimated_rows: usize,
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
            dynamic_filters: Vec::new(),
            estimated_rows: super::estimate::UNFILTERED_ROWS,
        })
    }

    /// The same scan with the planner's row guess.
    pub fn with_estimated_rows(mut self, rows: usize) -> KintoneScanExec {
        self.estimated_rows = rows;
        self
    }

    pub fn spec(&self) -> &ScanSpec {
        &self.spec
    }

    pub fn binding(&self) -> &TableBinding {
        &self.binding
    }

    /// The same scan asking for something else (order, limit...).
    pub fn with_spec(&self, spec: ScanSpec) -> Arc<KintoneScanExec> {
        let spec_limit = spec.limit.map(|l| usize::try_from(l).unwrap_or(usize::MAX));
        Arc::new(KintoneScanExec {
            spec,
            binding: self.binding.clone(),
            columns: self.columns.clone(),
            schema: Arc::clone(&self.schema),
            projection: self.projection.clone(),
            client: self.client.clone(),
            properties: Arc::clone(&self.properties),
            dynamic_filters: self.dynamic_filters.clone(),
            estimated_rows: match spec_limit {
                Some(l) => self.estimated_rows.min(l),
                None => self.estimated_rows,
            },
        })
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
        write!(f, " query='{}'", s.query())?;
        let mut fields = vec!["$id".to_owned()];
        fields.extend(s.fields.iter().filter(|f| *f != "$id").cloned());
        write!(f, " fields=[{}]", fields.join(", "))?;
        write!(f, " paging={}", s.paging_description())?;
        if !self.dynamic_filters.is_empty() {
            write!(f, " join_keys=$id in (...) batches")?;
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

    /// An inexact row count (see `estimate`): it lets the hash join collect
    /// the smaller side first.
    fn partition_statistics(&self, _partition: Option<usize>) -> Result<Arc<Statistics>> {
        let mut statistics = Statistics::new_unknown(&self.schema);
        statistics.num_rows = Precision::Inexact(self.estimated_rows);
        Ok(Arc::new(statistics))
    }

    /// Exposes the dynamic filters: a hash join publishes its keys only
    /// when its probe subtree holds its filter.
    fn apply_expressions(
        &self,
        f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        for filter in &self.dynamic_filters {
            if f(filter)? == TreeNodeRecursion::Stop {
                return Ok(TreeNodeRecursion::Stop);
            }
        }
        Ok(TreeNodeRecursion::Continue)
    }

    /// Keeps the run-time (dynamic) filters pushed from above; static ones
    /// were already translated from the logical plan. Every filter is
    /// reported as not pushed: the parent still checks each row.
    fn handle_child_pushdown_result(
        &self,
        phase: FilterPushdownPhase,
        child_pushdown_result: ChildPushdownResult,
        _config: &ConfigOptions,
    ) -> Result<FilterPushdownPropagation<Arc<dyn ExecutionPlan>>> {
        let filters = child_pushdown_result.parent_filters;
        let verdicts = vec![PushedDown::No; filters.len()];
        let dynamic: Vec<Arc<dyn PhysicalExpr>> = filters
            .into_iter()
            .map(|f| f.filter)
            .filter(|f| f.downcast_ref::<DynamicFilterPhysicalExpr>().is_some())
            .collect();
        let mut propagation = FilterPushdownPropagation::with_parent_pushdown_result(verdicts);
        if phase == FilterPushdownPhase::Post && self.spec.reads_in_batches() && !dynamic.is_empty()
        {
            let mut updated = self.clone();
            updated.dynamic_filters.extend(dynamic);
            propagation =
                propagation.with_updated_node(Arc::new(updated) as Arc<dyn ExecutionPlan>);
        }
        Ok(propagation)
    }

    /// A re-executed plan (a recursive CTE's step) gets fresh joins whose
    /// filters are new: the old ones must not restrict the next read.
    fn reset_state(self: Arc<Self>) -> Result<Arc<dyn ExecutionPlan>> {
        if self.dynamic_filters.is_empty() {
            return Ok(self);
        }
        let mut reset = (*self).clone();
        reset.dynamic_filters.clear();
        Ok(Arc::new(reset))
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

    fn execute(
        &self,
        _partition: usize,
        _context: Arc<TaskContext>,
    ) -> Result<SendableRecordBatchStream> {
        let state = ReadState {
            client: self.client.clone(),
            start: Some(Start {
                request: self.read_request(),
                spec: self.spec.clone(),
                binding: self.binding.clone(),
                dynamic_filters: self.dynamic_filters.clone(),
            }),
            queue: VecDeque::new(),
            counted: None,
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

/// What a scan does when first polled (a join's dynamic filter is known by then).
struct Start {
    request: ReadRequest,
    spec: ScanSpec,
    binding: TableBinding,
    dynamic_filters: Vec<Arc<dyn PhysicalExpr>>,
}

/// Rows per batch of a count-only scan (batches without columns).
const COUNT_BATCH: u64 = 65_536;

/// The state of a running scan: how to start, the reads still to make, the pages of the current one.
struct ReadState {
    client: Client,
    start: Option<Start>,
    queue: VecDeque<ReadRequest>,
    /// Rows still to emit of a count-only scan.
    counted: Option<u64>,
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
        if let Some(start) = self.start.take() {
            if let Err(e) = self.begin(start).await {
                return Some(Err(e));
            }
        }
        if let Some(left) = self.counted {
            if left == 0 {
                return None;
            }
            let rows = left.min(COUNT_BATCH);
            self.counted = Some(left - rows);
            let options = RecordBatchOptions::new().with_row_count(Some(rows as usize));
            return Some(
                RecordBatch::try_new_with_options(Arc::clone(&self.schema), Vec::new(), &options)
                    .map_err(|e| DataFusionError::ArrowError(Box::new(e), None)),
            );
        }
        loop {
            if self.pages.is_none() {
                let request = self.queue.pop_front()?;
                match self.client.read(request).await {
                    Ok(pages) => self.pages = Some(pages),
                    Err(e) => return Some(Err(external(Error::Kintone(e)))),
                }
            }
            match self.pages.as_mut()?.next_page().await {
                Some(Ok(page)) => return Some(self.batch(&page)),
                Some(Err(e)) => {
                    self.pages = None;
                    self.queue.clear();
                    return Some(Err(external(Error::Kintone(e))));
                }
                None => self.pages = None,
            }
        }
    }

    /// Decides the reads: a count, the join's `$id` batches, or the one read.
    async fn begin(&mut self, start: Start) -> Result<()> {
        let Start {
            request,
            spec,
            binding,
            dynamic_filters,
        } = start;
        if spec.count_only {
            let count = self
                .client
                .count(spec.app, spec.condition.as_deref())
                .await
                .map_err(|e| external(Error::Kintone(e)))?;
            self.counted = Some(count);
            return Ok(());
        }
        // A later rule may have pushed an order or limit since the filters came.
        let batches = dynamic_filters
            .iter()
            .filter(|_| spec.reads_in_batches())
            .find_map(|f| binding.dynamic_conditions(f));
        match batches {
            Some(conditions) => {
                for condition in conditions {
                    let combined = match &spec.condition {
                        Some(c) => format!("({c}) and ({condition})"),
                        None => condition,
                    };
                    let mut one = request.clone();
                    one.condition = Some(combined);
                    self.queue.push_back(one);
                }
            }
            None => self.queue.push_back(request),
        }
        Ok(())
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
        // The decoder's types where the reported type needs another one (TIME in ns).
        let arrays = arrays
            .into_iter()
            .zip(self.schema.fields())
            .map(|(array, field)| {
                if array.data_type() == field.data_type() {
                    Ok(array)
                } else {
                    datafusion::arrow::compute::cast(&array, field.data_type())
                        .map_err(|e| DataFusionError::ArrowError(Box::new(e), None))
                }
            })
            .collect::<Result<Vec<_>>>()?;
        let options = RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
        RecordBatch::try_new_with_options(Arc::clone(&self.schema), arrays, &options)
            .map_err(|e| DataFusionError::ArrowError(Box::new(e), None))
    }
}
