//! Sessions, prepared statements and result streams: the API the ODBC
//! driver drives (one `Session` per connection, entered from the driver's
//! tokio runtime with `block_on`).

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_schema::{DataType, SchemaRef};
use datafusion::common::ScalarValue;
use datafusion::execution::context::SessionContext;
use datafusion::execution::SendableRecordBatchStream;
use datafusion::logical_expr::{LogicalPlan, LogicalPlanBuilder};
use datafusion::prelude::SQLOptions;
use futures_util::StreamExt;
use kintone_core::{Client, Properties};
use parking_lot::Mutex;

use crate::catalog::{Catalog, ColumnInfo, ForeignKey, Snapshot, TableInfo};
use crate::error::{Error, Result};
use crate::types::SqlType;

/// One connection's SQL front: the Kintone client, the catalog (built
/// lazily and cached) and the DataFusion context. Cheap to clone; usable
/// from several threads.
#[derive(Clone)]
pub struct Session {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    properties: Properties,
    catalog: Catalog,
    /// The context over the current catalog snapshot, with that snapshot
    /// (both rebuilt after a refresh).
    context: Mutex<Option<(SessionContext, Arc<Snapshot>)>>,
}

impl Session {
    /// Opens a session: builds the client from the properties and checks
    /// that Kintone answers and accepts the credentials (one request).
    pub async fn connect(props: &Properties) -> Result<Session> {
        let session = Session::new(props)?;
        session.inner.client.apps().await?;
        Ok(session)
    }

    /// A session without the connection check.
    pub fn new(props: &Properties) -> Result<Session> {
        // MaxRows caps results, not scans (a capped scan would change
        // counts and joins): the client reads everything asked for.
        let mut client_props = props.clone();
        client_props.max_rows = None;
        let client = Client::new(&client_props)?;
        let catalog = Catalog::new(client.clone(), props.schema.clone());
        Ok(Session {
            inner: Arc::new(Inner {
                client,
                properties: props.clone(),
                catalog,
                context: Mutex::new(None),
            }),
        })
    }

    /// The Kintone client (for writes, files, procedures).
    pub fn client(&self) -> &Client {
        &self.inner.client
    }

    /// The connection's properties.
    pub fn properties(&self) -> &Properties {
        &self.inner.properties
    }

    /// Every table, in a stable order (apps by id, then subtables, then fixed tables).
    pub async fn tables(&self) -> Result<Vec<TableInfo>> {
        let snapshot = self.inner.catalog.snapshot().await?;
        Ok(snapshot.tables.iter().map(|t| t.info.clone()).collect())
    }

    /// The columns of one table (exact name), in ordinal order.
    pub async fn columns(&self, table: &str) -> Result<Vec<ColumnInfo>> {
        let snapshot = self.inner.catalog.snapshot().await?;
        let def = snapshot
            .tables
            .iter()
            .find(|t| t.info.name == table)
            .ok_or_else(|| Error::UnknownTable(table.to_owned()))?;
        Ok(def.columns.iter().map(|c| c.info.clone()).collect())
    }

    /// Every foreign key (subtable RecordId -> app RecordId).
    pub async fn foreign_keys(&self) -> Result<Vec<ForeignKey>> {
        let snapshot = self.inner.catalog.snapshot().await?;
        Ok(snapshot
            .tables
            .iter()
            .filter_map(|t| {
                let parent = t.info.parent_table.as_ref()?;
                Some(ForeignKey {
                    pk_table: parent.clone(),
                    pk_column: crate::catalog::build::RECORD_ID.to_owned(),
                    fk_table: t.info.name.clone(),
                    fk_column: crate::catalog::build::RECORD_ID.to_owned(),
                    key_seq: 1,
                    fk_name: format!("FK_{}_{}", t.info.name, parent),
                    pk_name: format!("PK_{parent}"),
                })
            })
            .collect())
    }

    /// Parses and plans `sql` (ODBC escapes allowed, `?` markers for
    /// parameters). The result columns and parameters are known after this.
    pub async fn prepare(&self, sql: &str) -> Result<Statement> {
        let context = crate::escape::EscapeContext {
            user: self.inner.properties.auth.user.clone().unwrap_or_default(),
            ..Default::default()
        };
        let escaped = crate::escape::rewrite_with(sql, &context)?;
        let (text, markers) = crate::markers::rewrite(&escaped);
        let (ctx, snapshot) = self.context().await?;
        let state = ctx.state();
        let dialect = state.config().options().sql_parser.dialect;
        let mut statement = state
            .sql_to_statement(&text, &dialect)
            .map_err(Error::from_datafusion)?;
        if let Some(call) = crate::procedures::Call::parse(&statement) {
            let call = call?;
            let schema = call.schema();
            return Ok(Statement {
                sql: sql.to_owned(),
                columns: result_columns(&schema, |_| None),
                schema,
                parameters: call.parameters(markers),
                max_rows: self.inner.properties.max_rows,
                body: Body::Call {
                    call,
                    client: self.inner.client.clone(),
                },
            });
        }
        crate::idents::match_case(&mut statement, &snapshot)?;
        crate::naming::alias_unnamed_items(&mut statement);
        crate::naming::standard_like(&mut statement);
        let plan = state
            .statement_to_plan(statement)
            .await
            .and_then(crate::markers::type_untyped)
            .map_err(Error::from_datafusion)?;
        SQLOptions::new()
            .with_allow_ddl(false)
            .with_allow_dml(false)
            .with_allow_statements(false)
            .verify_plan(&plan)
            .map_err(|e| Error::Unsupported(format!("{e}: only queries are supported for now")))?;
        let types = plan.get_parameter_types().map_err(Error::from_datafusion)?;
        let parameters = (1..=markers)
            .map(|i| {
                let data_type = types.get(&format!("${i}")).cloned().flatten();
                ParameterInfo {
                    sql_type: data_type.as_ref().map(SqlType::of_arrow).unwrap_or(
                        SqlType::WVarchar {
                            length: crate::types::DEFAULT_TEXT_LENGTH,
                        },
                    ),
                    data_type,
                }
            })
            .collect();
        let schema: SchemaRef = Arc::new(plan.schema().as_arrow().clone());
        let columns = result_columns(&schema, |i| {
            crate::lineage::base_column(&snapshot, &plan, i)
        });
        Ok(Statement {
            sql: sql.to_owned(),
            schema,
            columns,
            parameters,
            max_rows: self.inner.properties.max_rows,
            body: Body::Query { ctx, plan },
        })
    }

    /// SQLNativeSql: the text with ODBC escape clauses rewritten.
    pub fn native_sql(sql: &str) -> Result<String> {
        crate::escape::rewrite(sql)
    }

    /// Forgets cached apps and fields (they are re-read on next use).
    pub fn refresh_metadata(&self) {
        self.inner.catalog.invalidate();
        *self.inner.context.lock() = None;
    }

    async fn context(&self) -> Result<(SessionContext, Arc<Snapshot>)> {
        if let Some(built) = self.inner.context.lock().clone() {
            return Ok(built);
        }
        let snapshot = self.inner.catalog.snapshot().await?;
        let ctx = crate::context::build(Arc::clone(&snapshot), self.inner.client.clone());
        *self.inner.context.lock() = Some((ctx.clone(), Arc::clone(&snapshot)));
        Ok((ctx, snapshot))
    }
}

/// Result columns from a schema: names never empty; `base` gives the base
/// table and column of the i-th column when it is a plain column reference.
fn result_columns(
    schema: &SchemaRef,
    base: impl Fn(usize) -> Option<(String, String)>,
) -> Vec<ResultColumn> {
    schema
        .fields()
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let base = base(i);
            ResultColumn {
                name: if f.name().is_empty() {
                    format!("EXPR${}", i + 1)
                } else {
                    f.name().clone()
                },
                sql_type: SqlType::of_field(f),
                nullable: f.is_nullable(),
                base_table: base.as_ref().map(|(t, _)| t.clone()),
                base_column: base.map(|(_, c)| c),
            }
        })
        .collect()
}

/// A result column, as SQLDescribeCol and SQLColAttribute report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultColumn {
    /// The column label (never empty: unnamed expressions get `EXPR$n`-style names).
    pub name: String,
    pub sql_type: SqlType,
    pub nullable: bool,
    /// The table and column it comes from, when it is a plain column.
    pub base_table: Option<String>,
    pub base_column: Option<String>,
}

/// A `?` parameter, as SQLDescribeParam reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterInfo {
    /// The type inferred from its use (WVARCHAR when it cannot be).
    pub sql_type: SqlType,
    /// The Arrow type inferred, if any (values are cast to it).
    pub data_type: Option<DataType>,
}

/// A parameter value bound by the application.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    Null,
    Bool(bool),
    Int(i64),
    Double(f64),
    /// An exact decimal: `value * 10^-scale`.
    Decimal {
        value: i128,
        precision: u8,
        scale: i8,
    },
    Text(String),
    Binary(Vec<u8>),
    Date(chrono::NaiveDate),
    Time(chrono::NaiveTime),
    /// A timestamp in UTC.
    Timestamp(chrono::NaiveDateTime),
}

/// Per-execution options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecOptions {
    /// SQL_ATTR_MAX_ROWS: at most this many rows (0/None = no limit);
    /// the connection's `MaxRows` applies too.
    pub max_rows: Option<u64>,
}

/// A prepared statement.
pub struct Statement {
    sql: String,
    schema: SchemaRef,
    columns: Vec<ResultColumn>,
    parameters: Vec<ParameterInfo>,
    max_rows: Option<u64>,
    body: Body,
}

/// What a statement runs.
enum Body {
    /// A query, planned by DataFusion.
    Query {
        ctx: SessionContext,
        plan: LogicalPlan,
    },
    /// A `CALL` of one of our procedures.
    Call {
        call: crate::procedures::Call,
        client: Client,
    },
}

impl Statement {
    /// The text as given.
    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// The result columns (empty for statements without a result set).
    pub fn columns(&self) -> &[ResultColumn] {
        &self.columns
    }

    /// The Arrow schema of the batches `execute` yields.
    pub fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    /// The `?` parameters, in order.
    pub fn parameters(&self) -> &[ParameterInfo] {
        &self.parameters
    }

    /// Runs the statement with these parameter values (one per `?`).
    pub async fn execute(&self, params: &[Param], options: &ExecOptions) -> Result<ResultStream> {
        if params.len() != self.parameters.len() {
            return Err(Error::Parameter {
                index: params.len().min(self.parameters.len()) + 1,
                message: format!(
                    "{} parameter(s) bound, the statement has {}",
                    params.len(),
                    self.parameters.len()
                ),
            });
        }
        let (ctx, plan) = match &self.body {
            Body::Query { ctx, plan } => (ctx, plan),
            Body::Call { call, client } => return self.run_call(call, client, params).await,
        };
        let mut plan = plan.clone();
        if !params.is_empty() {
            let values = params
                .iter()
                .zip(&self.parameters)
                .enumerate()
                .map(|(i, (p, info))| p.to_scalar(i + 1, info.data_type.as_ref()))
                .collect::<Result<Vec<_>>>()?;
            plan = plan
                .with_param_values(values)
                .map_err(Error::from_datafusion)?;
        }
        let cap = [self.max_rows, options.max_rows.filter(|n| *n > 0)]
            .into_iter()
            .flatten()
            .min();
        let is_explain = matches!(plan, LogicalPlan::Explain(_) | LogicalPlan::Analyze(_));
        if let Some(cap) = cap.filter(|_| !is_explain) {
            plan = LogicalPlanBuilder::from(plan)
                .limit(0, Some(cap as usize))
                .and_then(|b| b.build())
                .map_err(Error::from_datafusion)?;
        }
        let frame = ctx
            .execute_logical_plan(plan)
            .await
            .map_err(Error::from_datafusion)?;
        let stream = frame
            .execute_stream()
            .await
            .map_err(Error::from_datafusion)?;
        Ok(ResultStream {
            schema: Arc::clone(&self.schema),
            stream,
        })
    }

    /// A procedure's one batch, as a stream.
    async fn run_call(
        &self,
        call: &crate::procedures::Call,
        client: &Client,
        params: &[Param],
    ) -> Result<ResultStream> {
        let batch = call.run(client, params).await?;
        let stream = futures_util::stream::iter([Ok(batch)]);
        Ok(ResultStream {
            schema: Arc::clone(&self.schema),
            stream: Box::pin(
                datafusion::physical_plan::stream::RecordBatchStreamAdapter::new(
                    Arc::clone(&self.schema),
                    stream,
                ),
            ),
        })
    }
}

impl Param {
    /// The value as a DataFusion scalar of the parameter's type.
    fn to_scalar(&self, index: usize, target: Option<&DataType>) -> Result<ScalarValue> {
        let value = match self {
            Param::Null => ScalarValue::Null,
            Param::Bool(b) => ScalarValue::Boolean(Some(*b)),
            Param::Int(i) => ScalarValue::Int64(Some(*i)),
            Param::Double(d) => ScalarValue::Float64(Some(*d)),
            Param::Decimal {
                value,
                precision,
                scale,
            } => ScalarValue::Decimal128(Some(*value), *precision, *scale),
            Param::Text(t) => ScalarValue::Utf8(Some(t.clone())),
            Param::Binary(b) => ScalarValue::Binary(Some(b.clone())),
            Param::Date(d) => ScalarValue::Date32(Some(
                (*d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days()
                    as i32,
            )),
            Param::Time(t) => {
                use chrono::Timelike;
                let nanos = i64::from(t.num_seconds_from_midnight()) * 1_000_000_000
                    + i64::from(t.nanosecond());
                ScalarValue::Time64Nanosecond(Some(nanos))
            }
            Param::Timestamp(ts) => ScalarValue::TimestampMicrosecond(
                Some(ts.and_utc().timestamp_micros()),
                Some("UTC".into()),
            ),
        };
        match target {
            Some(t) if value.data_type() != *t => value.cast_to(t).map_err(|e| Error::Parameter {
                index,
                message: format!("cannot convert the value to {t}: {e}"),
            }),
            _ => Ok(value),
        }
    }
}

/// The rows of one execution, batch by batch. Dropping it stops the work
/// (pending Kintone requests are abandoned, cursors deleted).
pub struct ResultStream {
    schema: SchemaRef,
    stream: SendableRecordBatchStream,
}

impl ResultStream {
    /// The schema of the batches (same as the statement's).
    pub fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    /// The next batch; `None` at the end.
    pub async fn next_batch(&mut self) -> Option<Result<RecordBatch>> {
        let batch = self.stream.next().await?;
        Some(batch.map_err(Error::from_datafusion).and_then(|b| {
            // Our schema carries the SqlTypes; the plan's batches may not.
            RecordBatch::try_new_with_options(
                Arc::clone(&self.schema),
                b.columns().to_vec(),
                &arrow_array::RecordBatchOptions::new().with_row_count(Some(b.num_rows())),
            )
            .map_err(|e| Error::Execution(e.to_string()))
        }))
    }

    /// Rows changed, for statements without a result set (the writes issue).
    pub fn rows_affected(&self) -> Option<u64> {
        None
    }
}
