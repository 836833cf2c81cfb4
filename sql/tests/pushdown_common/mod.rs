//! The differential harness of the pushdown tests: one app with varied
//! data in the emulator (real Kintone query semantics) and the same
//! records decoded into DataFusion memory tables (SQL semantics). A WHERE
//! clause is planned by DataFusion; its conjuncts, as a scan receives them,
//! go through `TableBinding::filter`; Kintone's answer to the pushed
//! condition is compared with SQL's rows.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch};
use arrow_schema::DataType;
use datafusion::common::tree_node::{TreeNode, TreeNodeRecursion};
use datafusion::datasource::MemTable;
use datafusion::logical_expr::utils::split_conjunction;
use datafusion::logical_expr::{create_udf, ColumnarValue, LogicalPlan, Volatility};
use datafusion::prelude::{SessionConfig, SessionContext};
use kintone_core::decode::{ColumnSpec, ColumnType, Projection, RecordPlan, SubtablePlan};
use kintone_core::read::ReadRequest;
use kintone_core::schema::{FieldDef, FieldType, FormFields};
use kintone_core::{Client, Properties};
use kintone_emulator::{Config, Emulator, EmulatorHandle};
use serde_json::{json, Value as Json};
use sql::pushdown::{ColumnBinding, Pushed, TableBinding, TableShape};
use sql::SqlType;

pub const APP: u64 = 1;
pub const RECORDS: usize = 84;

fn pick<'a>(values: &'a [&'a str], i: usize) -> &'a str {
    values[i % values.len()]
}

/// Field definitions of the test app (every queryable scalar type, a
/// selection, a multi-selection and a table).
fn properties() -> Json {
    json!({
        "Title": {"type": "SINGLE_LINE_TEXT", "code": "Title", "label": "Title"},
        "Memo": {"type": "MULTI_LINE_TEXT", "code": "Memo", "label": "Memo"},
        "Amount": {"type": "NUMBER", "code": "Amount", "label": "Amount"},
        "Day": {"type": "DATE", "code": "Day", "label": "Day"},
        "Start": {"type": "TIME", "code": "Start", "label": "Start"},
        "PaidAt": {"type": "DATETIME", "code": "PaidAt", "label": "PaidAt"},
        "Kind": {"type": "DROP_DOWN", "code": "Kind", "label": "Kind", "options": {
            "Travel": {"label": "Travel", "index": "0"},
            "Meal": {"label": "Meal", "index": "1"},
            "Other \"q\"": {"label": "Other", "index": "2"}}},
        "Flags": {"type": "CHECK_BOX", "code": "Flags", "label": "Flags", "options": {
            "receipt": {"label": "receipt", "index": "0"},
            "urgent": {"label": "urgent", "index": "1"},
            "日本": {"label": "日本", "index": "2"}}},
        "Lines": {"type": "SUBTABLE", "code": "Lines", "label": "Lines", "fields": {
            "Item": {"type": "SINGLE_LINE_TEXT", "code": "Item", "label": "Item"},
            "Cost": {"type": "NUMBER", "code": "Cost", "label": "Cost"}}}
    })
}

/// Varied records: blanks of every kind, whitespace-only text, quotes,
/// backslashes, newlines, Japanese, negative and long decimals, dates and
/// times around midnight, 0 to 3 table rows. Moduli are coprime so that
/// the combinations vary.
fn records() -> Vec<Json> {
    let titles = [
        "alpha",
        "Alpha",
        "a\"b",
        "back\\slash",
        "line\nbreak",
        "日本語",
        "  ",
        "",
        " alpha",
        "alpha ",
        "\u{3000}",
        "x",
    ];
    let memos = ["note", "", "  ", "multi\nline", "note two"];
    let amounts = [
        "5",
        "-5",
        "0",
        "",
        "4.9999",
        "-1500.5",
        "12345678.1234",
        "5.0001",
        "-0.0001",
        "100",
        "",
    ];
    let days = [
        "2024-01-02",
        "",
        "2023-12-31",
        "2024-01-01",
        "1999-06-30",
        "2024-01-03",
        "",
    ];
    let starts = ["09:00", "", "00:00", "23:59", "09:01", "08:59", "12:30"];
    let paid = [
        "2024-01-02T03:04:00Z",
        "",
        "2024-01-01T23:59:00Z",
        "2024-01-02T00:00:00Z",
        "2024-01-02T03:05:00Z",
        "2024-01-02T03:03:00Z",
    ];
    let kinds = ["Travel", "Meal", "", "Other \"q\""];
    let flags: [&[&str]; 5] = [
        &[],
        &["receipt"],
        &["urgent", "receipt"],
        &["日本"],
        &["urgent"],
    ];
    let items = ["fare", "toll", "", " ", "日本"];
    let costs = ["4000", "-1", "", "0.5", "200"];
    (0..RECORDS)
        .map(|i| {
            let rows: Vec<Json> = (0..i % 4)
                .map(|r| {
                    json!({"value": {
                        "Item": {"value": pick(&items, i + r)},
                        "Cost": {"value": pick(&costs, i * 3 + r)}}})
                })
                .collect();
            json!({
                "Title": {"value": pick(&titles, i)},
                "Memo": {"value": pick(&memos, i)},
                "Amount": {"value": pick(&amounts, i)},
                "Day": {"value": pick(&days, i)},
                "Start": {"value": pick(&starts, i)},
                "PaidAt": {"value": pick(&paid, i)},
                "Kind": {"value": pick(&kinds, i)},
                "Flags": {"value": flags[i % flags.len()]},
                "Lines": {"value": rows},
            })
        })
        .collect()
}

pub fn fixture(extra_apps: Vec<Json>) -> Json {
    let mut apps = vec![json!({
        "appId": APP,
        "name": "Pushdown",
        "numberPrecision": {"digits": "16", "decimalPlaces": "4", "roundingMode": "HALF_EVEN"},
        "properties": properties(),
        "records": records(),
    })];
    apps.extend(extra_apps);
    json!({
        "users": [{"code": "tester", "name": "Tester", "password": "tester-password"}],
        "apps": apps,
    })
}

pub async fn emulator(fixture: &Json) -> EmulatorHandle {
    let mut store = kintone_emulator::model::Store::default();
    kintone_emulator::fixture::load_json(&mut store, fixture).unwrap();
    Emulator::start(Config {
        store: Some(store),
        ..Config::default()
    })
    .await
    .expect("the emulator starts")
}

pub fn client(emu: &EmulatorHandle) -> Client {
    let props = Properties::parse(&format!(
        "Url={};User=tester;Password=tester-password",
        emu.base_url()
    ))
    .unwrap();
    Client::new(&props).unwrap()
}

/// A column as the engine would bind it: the decode spec and the binding.
fn column(
    def: &FieldDef,
    name: &str,
    target: ColumnType,
    in_row: bool,
) -> (ColumnSpec, ColumnBinding) {
    let spec = ColumnSpec::new(&def.code, def.field_type.clone(), target).named(name);
    let binding = ColumnBinding {
        name: name.into(),
        field: Some(def.clone()),
        sql_type: SqlType::of_arrow(&spec.arrow_field().data_type().clone()),
        in_subtable_row: in_row,
    };
    (spec, binding)
}

fn id_def() -> FieldDef {
    serde_json::from_value(json!({"type": "__ID__", "code": "$id", "label": "RecordId"})).unwrap()
}

/// The test app as two SQL tables: `t` (one row per record) and `rows`
/// (one row per row of `Lines`), in a context configured like the
/// engine's (NULLs smallest, decimal literals).
pub struct Tables {
    pub ctx: SessionContext,
    pub records: TableBinding,
    pub rows: TableBinding,
    pub client: Client,
}

pub async fn tables(emu: &EmulatorHandle) -> Tables {
    let client = client(emu);
    let form: Arc<FormFields> = client.app_fields(APP).await.unwrap();
    let settings = client.app_settings(APP).await.unwrap();
    let mut specs = Vec::new();
    let mut bindings = Vec::new();
    let (spec, b) = column(&id_def(), "RecordId", ColumnType::Int64, false);
    specs.push(spec);
    bindings.push(b);
    for def in form.value_fields() {
        if def.field_type == FieldType::Subtable {
            continue;
        }
        let target = ColumnType::for_field(def, &settings.number_precision, false, false).unwrap();
        let (spec, b) = column(def, &def.code, target, false);
        specs.push(spec);
        bindings.push(b);
    }
    let plan = Projection::Records(RecordPlan::new(specs.clone()).unwrap());
    let record_batches = read_all(&client, &plan).await;

    let table = form.properties.get("Lines").unwrap();
    let title = form.properties.get("Title").unwrap();
    let (parent_spec, parent_binding) = column(title, "Title", ColumnType::Utf8, false);
    let mut row_specs = Vec::new();
    let mut row_bindings = vec![
        ColumnBinding {
            name: "RecordId".into(),
            field: Some(id_def()),
            sql_type: SqlType::BigInt,
            in_subtable_row: false,
        },
        parent_binding,
    ];
    for def in table.fields.values() {
        let target = ColumnType::for_field(def, &settings.number_precision, false, false).unwrap();
        let (spec, b) = column(def, &def.code, target, true);
        row_specs.push(spec);
        row_bindings.push(b);
    }
    let row_plan = Projection::Subtable(
        SubtablePlan::new("Lines", "RecordId", "RowId", vec![parent_spec], row_specs).unwrap(),
    );
    let row_batches = read_all(&client, &row_plan).await;

    let config = SessionConfig::new()
        .set_str("datafusion.sql_parser.default_null_ordering", "nulls_min")
        .set_bool("datafusion.sql_parser.parse_float_as_decimal", true)
        .set_bool("datafusion.sql_parser.enable_ident_normalization", false);
    let ctx = SessionContext::new_with_config(config);
    ctx.register_udf(has_any_udf());
    for (name, plan, batches) in [
        ("t", &plan, record_batches),
        ("rows", &row_plan, row_batches),
    ] {
        let mem = MemTable::try_new(plan.schema(), vec![batches]).unwrap();
        ctx.register_table(name, Arc::new(mem)).unwrap();
    }
    Tables {
        ctx,
        records: TableBinding {
            shape: TableShape::Records,
            columns: bindings,
        },
        rows: TableBinding {
            shape: TableShape::SubtableRows {
                table_code: "Lines".into(),
            },
            columns: row_bindings,
        },
        client,
    }
}

async fn read_all(client: &Client, plan: &Projection) -> Vec<RecordBatch> {
    let mut stream = client
        .read(ReadRequest::new(APP).order_by("$id asc"))
        .await
        .unwrap();
    let mut batches = Vec::new();
    while let Some(page) = stream.next_page().await {
        let page = page.unwrap();
        let decoded = plan.decode(&page.body).unwrap();
        batches.push(decoded.batch);
    }
    batches
}

/// `HAS_ANY(list, value)` over the JSON list text of a multi-valued
/// column: a stand-in for the engine's function with the same meaning
/// (NULL for an empty list).
fn has_any_udf() -> datafusion::logical_expr::ScalarUDF {
    create_udf(
        "has_any",
        vec![DataType::Utf8, DataType::Utf8],
        DataType::Boolean,
        Volatility::Immutable,
        Arc::new(|args: &[ColumnarValue]| {
            let arrays = ColumnarValue::values_to_arrays(args)?;
            let (lists, values) = (arrays[0].as_string::<i32>(), arrays[1].as_string::<i32>());
            let out: BooleanArray = (0..lists.len())
                .map(|i| {
                    if lists.is_null(i) || values.is_null(i) {
                        return None;
                    }
                    let list: Vec<String> = serde_json::from_str(lists.value(i)).unwrap();
                    Some(list.iter().any(|v| v == values.value(i)))
                })
                .collect();
            Ok(ColumnarValue::Array(Arc::new(out) as ArrayRef))
        }),
    )
}

/// What the translation of a WHERE clause is expected to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Every conjunct pushed exactly.
    Exact,
    /// Something pushed, re-checked locally.
    Superset,
    /// Nothing pushed.
    Local,
}

fn ids(batches: &[RecordBatch]) -> BTreeSet<i64> {
    batches
        .iter()
        .flat_map(|b| {
            b.column(0)
                .as_primitive::<Int64Type>()
                .values()
                .iter()
                .copied()
                .collect::<Vec<_>>()
        })
        .collect()
}

impl Tables {
    /// The binding of a table by name.
    pub fn binding(&self, table: &str) -> &TableBinding {
        if table == "rows" {
            &self.rows
        } else {
            &self.records
        }
    }

    /// The conjuncts of the WHERE clause as the optimizer leaves them.
    pub async fn conjuncts(&self, table: &str, where_sql: &str) -> Vec<datafusion::prelude::Expr> {
        let df = self
            .ctx
            .sql(&format!("SELECT * FROM {table} WHERE {where_sql}"))
            .await
            .unwrap_or_else(|e| panic!("{where_sql}: {e}"));
        let plan = df.into_optimized_plan().unwrap();
        let mut found = Vec::new();
        plan.apply(|node| {
            if let LogicalPlan::Filter(filter) = node {
                found.extend(split_conjunction(&filter.predicate).into_iter().cloned());
            }
            Ok(TreeNodeRecursion::Continue)
        })
        .unwrap();
        found
    }

    /// Record ids of the rows SQL keeps.
    pub async fn sql_ids(&self, table: &str, where_sql: &str) -> BTreeSet<i64> {
        let batches = self
            .ctx
            .sql(&format!(
                "SELECT \"RecordId\" FROM {table} WHERE {where_sql}"
            ))
            .await
            .unwrap()
            .collect()
            .await
            .unwrap();
        ids(&batches)
    }

    /// Record ids Kintone returns for a condition.
    pub async fn kintone_ids(&self, condition: Option<&str>) -> BTreeSet<i64> {
        let mut request = ReadRequest::new(APP).fields(["$id"]);
        if let Some(c) = condition {
            request = request.condition(c);
        }
        let mut stream = self
            .client
            .read(request)
            .await
            .unwrap_or_else(|e| panic!("{condition:?}: {e}"));
        let plan = Projection::Records(
            RecordPlan::new(vec![ColumnSpec::new(
                "$id",
                FieldType::Id,
                ColumnType::Int64,
            )])
            .unwrap(),
        );
        let mut out = BTreeSet::new();
        while let Some(page) = stream.next_page().await {
            let page = page.unwrap_or_else(|e| panic!("{condition:?}: {e}"));
            let decoded = plan.decode(&page.body).unwrap();
            out.extend(ids(&[decoded.batch.slice(0, page.take)]));
        }
        out
    }

    /// Translates the WHERE clause, runs the pushed condition on the
    /// emulator and checks it against SQL's rows: equal when exact (for a
    /// subtable table: equal on the records that have rows), a superset
    /// otherwise. Returns the pushed condition.
    pub async fn check(&self, table: &str, where_sql: &str, expect: Expect) -> Option<String> {
        let binding = self.binding(table);
        let conjuncts = self.conjuncts(table, where_sql).await;
        assert!(!conjuncts.is_empty(), "{where_sql}: no filter");
        let refs: Vec<&datafusion::prelude::Expr> = conjuncts.iter().collect();
        let pushed: Vec<Option<Pushed>> = binding.filter_all(&refs);
        let all_exact = pushed.iter().all(|p| matches!(p, Some(Pushed::Exact(_))));
        let any = pushed.iter().any(Option::is_some);
        let got = match (all_exact, any) {
            (true, _) => Expect::Exact,
            (false, true) => Expect::Superset,
            (false, false) => Expect::Local,
        };
        let condition = binding.condition(&conjuncts);
        assert_eq!(
            got, expect,
            "{table}: {where_sql}: pushed {pushed:?} from {conjuncts:?}"
        );
        let sql = self.sql_ids(table, where_sql).await;
        let kintone = self.kintone_ids(condition.as_deref()).await;
        assert!(
            sql.is_subset(&kintone),
            "{table}: {where_sql}: Kintone `{condition:?}` misses {:?}",
            sql.difference(&kintone).collect::<Vec<_>>()
        );
        if got == Expect::Exact {
            let relevant: BTreeSet<i64> = if table == "rows" {
                let with_rows = self.sql_ids("rows", "true").await;
                kintone.intersection(&with_rows).copied().collect()
            } else {
                kintone
            };
            assert_eq!(
                relevant, sql,
                "{table}: {where_sql}: exact `{condition:?}` differs from SQL"
            );
        }
        condition
    }
}
