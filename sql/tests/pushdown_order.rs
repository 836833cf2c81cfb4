//! Differential tests of ORDER BY pushdown: Kintone's `order by` from
//! `TableBinding::order_by` (with `$id asc` appended) must give exactly
//! SQL's order, ties broken by RecordId ascending, over records with
//! blanks and duplicates; and the keys it refuses must really differ.

mod pushdown_common;

use std::collections::BTreeSet;

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use datafusion::common::tree_node::{TreeNode, TreeNodeRecursion};
use datafusion::logical_expr::{LogicalPlan, SortExpr};
use kintone_core::decode::{ColumnSpec, ColumnType, Projection, RecordPlan};
use kintone_core::read::ReadRequest;
use kintone_core::schema::FieldType;
use pushdown_common::{emulator, fixture, tables, Tables, APP};

/// The sort keys of `ORDER BY <order>` as DataFusion plans them.
async fn sort_keys(t: &Tables, order: &str) -> Vec<SortExpr> {
    let plan = t
        .ctx
        .sql(&format!("SELECT * FROM t ORDER BY {order}"))
        .await
        .unwrap()
        .into_optimized_plan()
        .unwrap();
    let mut keys = Vec::new();
    plan.apply(|node| {
        if let LogicalPlan::Sort(sort) = node {
            keys = sort.expr.clone();
            return Ok(TreeNodeRecursion::Stop);
        }
        Ok(TreeNodeRecursion::Continue)
    })
    .unwrap();
    keys
}

async fn sql_order(t: &Tables, order: &str) -> Vec<i64> {
    let batches = t
        .ctx
        .sql(&format!(
            "SELECT \"RecordId\" FROM t ORDER BY {order}, \"RecordId\" ASC"
        ))
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    batches
        .iter()
        .flat_map(|b| b.column(0).as_primitive::<Int64Type>().values().to_vec())
        .collect()
}

async fn kintone_order(t: &Tables, order_by: &str) -> Vec<i64> {
    let mut stream = t
        .client
        .read(ReadRequest::new(APP).fields(["$id"]).order_by(order_by))
        .await
        .unwrap();
    let plan = Projection::Records(
        RecordPlan::new(vec![ColumnSpec::new(
            "$id",
            FieldType::Id,
            ColumnType::Int64,
        )])
        .unwrap(),
    );
    let mut out = Vec::new();
    while let Some(page) = stream.next_page().await {
        let page = page.unwrap();
        let batch = plan.decode(&page.body).unwrap().batch.slice(0, page.take);
        out.extend(batch.column(0).as_primitive::<Int64Type>().values().iter());
    }
    out
}

#[tokio::test]
async fn pushed_orders_equal_sql_orders() {
    let emu = emulator(&fixture(vec![])).await;
    let t = tables(&emu).await;
    for order in [
        "Amount",
        "Amount DESC",
        "Amount ASC NULLS FIRST",
        "Day",
        "Day DESC",
        "Start",
        "Start DESC NULLS LAST",
        "PaidAt",
        "PaidAt DESC",
        "Day, Amount DESC",
        "Start DESC, PaidAt, Amount",
        "\"RecordId\" DESC",
    ] {
        let keys = sort_keys(&t, order).await;
        let (kintone_keys, extra) = t
            .records
            .order_by(&keys)
            .unwrap_or_else(|| panic!("{order}: not pushed"));
        assert_eq!(extra, None);
        assert!(kintone_keys.ends_with("$id asc") || kintone_keys.ends_with("$id desc"));
        let sql = sql_order(&t, order).await;
        let kintone = kintone_order(&t, &kintone_keys).await;
        assert_eq!(kintone, sql, "{order} as `{kintone_keys}`");
    }
}

#[tokio::test]
async fn refused_orders_would_differ() {
    let emu = emulator(&fixture(vec![])).await;
    let t = tables(&emu).await;
    // (SQL order, the naive Kintone order that would be wrong on this data)
    for (order, naive) in [
        ("Amount ASC NULLS LAST", "Amount asc, $id asc"),
        ("Day DESC NULLS FIRST", "Day desc, $id asc"),
        ("Title", "Title asc, $id asc"),
        ("Kind", "Kind asc, $id asc"),
    ] {
        let keys = sort_keys(&t, order).await;
        assert_eq!(t.records.order_by(&keys), None, "{order}");
        let sql = sql_order(&t, order).await;
        let kintone = kintone_order(&t, naive).await;
        assert_eq!(
            sql.iter().collect::<BTreeSet<_>>(),
            kintone.iter().collect::<BTreeSet<_>>()
        );
        assert_ne!(kintone, sql, "{order}: `{naive}` happens to agree");
    }
    // Without `$id asc`, Kintone breaks ties by `$id` descending.
    let ties = kintone_order(&t, "Amount asc").await;
    assert_ne!(ties, sql_order(&t, "Amount").await);
}
