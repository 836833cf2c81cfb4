//! The decoder behind the client's record streams: every paging method's
//! pages decode into Arrow with each record exactly once.

mod common;

use std::collections::BTreeSet;

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::Array;
use common::{bench, bench_admin, BENCH_APP};
use kintone_core::decode::{ColumnSpec, ColumnType, Projection, RecordPlan, SubtablePlan};
use kintone_core::read::{Paging, ReadRequest};
use kintone_core::schema::FieldType;

#[tokio::test]
async fn every_paging_method_decodes_each_record_once() {
    let emu = bench(1_200).await;
    let client = bench_admin(&emu, "");
    let form = client.app_fields(BENCH_APP).await.unwrap();
    let settings = client.app_settings(BENCH_APP).await.unwrap();
    let mut columns = vec![ColumnSpec::new("$id", FieldType::Id, ColumnType::Int64)];
    for def in form.value_fields() {
        if let Some(target) = ColumnType::for_field(def, &settings.number_precision, false, false) {
            columns.push(ColumnSpec::new(&def.code, def.field_type.clone(), target));
        }
    }
    let codes: Vec<String> = columns.iter().map(|c| c.field_code.clone()).collect();
    let plan = Projection::Records(RecordPlan::new(columns).unwrap());
    for paging in [
        Paging::Seek,
        Paging::Cursor,
        Paging::ParallelSeek,
        Paging::Offset,
    ] {
        let request = ReadRequest::new(BENCH_APP)
            .fields(codes.clone())
            .paging(paging)
            .order_by("$id asc");
        let mut stream = client.read(request).await.unwrap();
        let mut ids = BTreeSet::new();
        let mut rows = 0;
        while let Some(page) = stream.next_page().await {
            let page = page.unwrap();
            let decoded = plan.decode(&page.body).unwrap();
            assert_eq!(decoded.records, page.records);
            let batch = decoded.batch.slice(0, page.take);
            rows += batch.num_rows();
            ids.extend(
                batch
                    .column(0)
                    .as_primitive::<Int64Type>()
                    .values()
                    .iter()
                    .copied(),
            );
            let title = batch.column_by_name("title").unwrap();
            assert_eq!(title.null_count(), 0, "title is required");
        }
        assert_eq!(rows, 1_200, "{paging:?}");
        assert_eq!(ids, (1..=1_200).collect(), "{paging:?}");
    }
}

#[tokio::test]
async fn table_rows_through_a_stream() {
    let emu = bench(600).await;
    let client = bench_admin(&emu, "");
    let plan = Projection::Subtable(
        SubtablePlan::new(
            "items",
            "record_id",
            "row_id",
            vec![],
            vec![ColumnSpec::new(
                "item_qty",
                FieldType::Number,
                ColumnType::Float64,
            )],
        )
        .unwrap(),
    );
    let request = ReadRequest::new(BENCH_APP)
        .fields(["$id", "items"])
        .paging(Paging::Seek);
    let mut stream = client.read(request).await.unwrap();
    let (mut records, mut row_ids) = (0, BTreeSet::new());
    while let Some(page) = stream.next_page().await {
        let decoded = plan.decode(&page.unwrap().body).unwrap();
        records += decoded.records;
        let ids = decoded.batch.column(1).as_primitive::<Int64Type>();
        for id in ids.values() {
            assert!(row_ids.insert(*id), "row id {id} twice");
        }
    }
    assert_eq!(records, 600);
    assert!(
        row_ids.len() > 600,
        "0-5 rows per record: {}",
        row_ids.len()
    );
}
