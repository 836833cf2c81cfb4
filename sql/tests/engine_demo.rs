//! The engine against the demo CRM in the in-process emulator: catalog,
//! type mapping, queries, joins, parameters, MaxRows, COUNT(*), EXPLAIN,
//! errors.

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use sql::{Error, ExecOptions, Param, SqlType, TableKind};

mod common;
use common::*;

#[tokio::test]
async fn catalog_lists_apps_subtables_and_fixed_tables() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "").await;
    let tables = s.tables().await.unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    for expected in [
        "Customers",
        "Deals",
        "Tasks",
        "Deals_Line items",
        "Apps",
        "FormFields",
        "Comments",
    ] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    let sub = tables
        .iter()
        .find(|t| t.name == "Deals_Line items")
        .unwrap();
    assert_eq!(sub.parent_table.as_deref(), Some("Deals"));
    assert_eq!(
        tables.iter().find(|t| t.name == "Apps").unwrap().kind,
        TableKind::SystemTable
    );
    let columns = s.columns("Deals").await.unwrap();
    let by_name = |n: &str| {
        columns
            .iter()
            .find(|c| c.name == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    assert_eq!(by_name("RecordId").sql_type, SqlType::BigInt);
    assert_eq!(by_name("RecordId").primary_key_seq, Some(1));
    assert!(!by_name("RecordId").nullable);
    assert_eq!(by_name("Revision").sql_type, SqlType::BigInt);
    assert!(matches!(by_name("金額").sql_type, SqlType::Decimal { .. }));
    assert_eq!(by_name("Close date").sql_type, SqlType::Date);
    assert_eq!(
        by_name("Closed at").sql_type,
        SqlType::Timestamp { fraction_digits: 0 }
    );
    assert!(matches!(
        by_name("Memo").sql_type,
        SqlType::WLongVarchar { .. }
    ));
    assert!(matches!(by_name("Tags").sql_type, SqlType::WVarchar { .. }));
    assert!(matches!(
        by_name("Created by").sql_type,
        SqlType::WVarchar { .. }
    ));
    by_name("Created by_Name");
    let fks = s.foreign_keys().await.unwrap();
    assert!(fks
        .iter()
        .any(|f| f.fk_table == "Deals_Line items" && f.pk_table == "Deals"));
}

#[tokio::test]
async fn field_codes_with_use_code_for_field_name() {
    let emu = demo_emulator().await;
    let s = demo_session(
        &emu,
        "UseCodeForFieldName=true;SubtableSeparatorCharacter=.",
    )
    .await;
    let columns = s.columns("Deals").await.unwrap();
    assert!(columns.iter().any(|c| c.name == "amount"));
    assert!(s
        .tables()
        .await
        .unwrap()
        .iter()
        .any(|t| t.name == "Deals.line_items"));
    let b = rows(&s, "SELECT count(*) FROM \"Deals.line_items\"", &[]).await;
    assert!(first_i64(&b) > 0);
}

#[tokio::test]
async fn quoted_names_with_spaces_and_japanese_both_ways() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "").await;
    let a = rows(
        &s,
        "SELECT \"案件名\", [Close date] FROM [Deals] WHERE \"RecordId\" = 1",
        &[],
    )
    .await;
    assert_eq!(count(&a), 1);
    let b = rows(&s, "SELECT count(*) FROM \"Deals_Line items\"", &[]).await;
    let c = rows(&s, "SELECT count(*) FROM [Deals_Line items]", &[]).await;
    assert_eq!(first_i64(&b), first_i64(&c));
    // Unquoted table names match case-insensitively.
    let d = rows(&s, "SELECT count(*) FROM deals", &[]).await;
    assert_eq!(first_i64(&d), 60);
}

#[tokio::test]
async fn filters_projection_and_count_go_to_kintone() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "").await;
    let before = emu.stats();
    let b = rows(
        &s,
        "SELECT count(*) FROM Deals WHERE \"金額\" >= 1000000",
        &[],
    )
    .await;
    let after = emu.stats();
    assert_eq!(
        after.requests_to("GET", "/k/v1/records.json")
            - before.requests_to("GET", "/k/v1/records.json"),
        1,
        "COUNT(*) is one request"
    );
    let n = first_i64(&b);
    let listed = rows(
        &s,
        "SELECT RecordId FROM Deals WHERE \"金額\" >= 1000000",
        &[],
    )
    .await;
    assert_eq!(count(&listed) as i64, n);
    let before = emu.stats();
    rows(&s, "SELECT RecordId FROM Deals WHERE RecordId = 7", &[]).await;
    let after = emu.stats();
    assert_eq!(
        after.records_returned - before.records_returned,
        1,
        "only the match is transferred"
    );
}

#[tokio::test]
async fn joins_aggregates_and_order() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "UseCodeForFieldName=true").await;
    let joined = rows(
        &s,
        "SELECT d.title, count(*) AS items FROM Deals d JOIN Deals_line_items li ON li.RecordId = d.RecordId GROUP BY d.title ORDER BY items DESC, d.title",
        &[],
    )
    .await;
    assert!(count(&joined) > 0);
    let per_customer = rows(
        &s,
        "SELECT c.company_name, sum(d.amount) FROM Customers c LEFT JOIN Deals d ON d.customer = c.company_name GROUP BY c.company_name",
        &[],
    )
    .await;
    assert_eq!(count(&per_customer), 25);
    let ordered = rows(
        &s,
        "SELECT RecordId, close_date FROM Deals ORDER BY close_date, RecordId LIMIT 5",
        &[],
    )
    .await;
    assert_eq!(count(&ordered), 5);
    // NULLs sort as the smallest value: first ascending, last descending.
    let nulls_first = rows(
        &s,
        "SELECT probability FROM Deals ORDER BY probability",
        &[],
    )
    .await;
    let nulls_last = rows(
        &s,
        "SELECT probability FROM Deals ORDER BY probability DESC",
        &[],
    )
    .await;
    let firsts: Vec<bool> = nulls_first
        .iter()
        .flat_map(|b| (0..b.num_rows()).map(|i| b.column(0).is_null(i)))
        .collect();
    let lasts: Vec<bool> = nulls_last
        .iter()
        .flat_map(|b| (0..b.num_rows()).map(|i| b.column(0).is_null(i)))
        .collect();
    let mut sorted_firsts = firsts.clone();
    sorted_firsts.sort_by(|a, b| b.cmp(a));
    assert_eq!(firsts, sorted_firsts, "NULLs first ascending");
    let mut sorted_lasts = lasts.clone();
    sorted_lasts.sort();
    assert_eq!(lasts, sorted_lasts, "NULLs last descending");
}

#[tokio::test]
async fn parameters_max_rows_and_explain() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "UseCodeForFieldName=true;MaxRows=3").await;
    let st = s
        .prepare("SELECT RecordId, title FROM Deals WHERE RecordId > ? AND stage IN (?, ?)")
        .await
        .unwrap();
    assert_eq!(st.parameters().len(), 3);
    assert_eq!(st.parameters()[0].sql_type, SqlType::BigInt);
    assert_eq!(st.columns()[1].name, "title");
    let mut stream = st
        .execute(
            &[
                Param::Int(0),
                Param::Text("Won".into()),
                Param::Text("Lost".into()),
            ],
            &ExecOptions::default(),
        )
        .await
        .unwrap();
    let mut n = 0;
    while let Some(b) = stream.next_batch().await {
        n += b.unwrap().num_rows();
    }
    assert!(n <= 3, "MaxRows caps results");
    assert!(matches!(
        st.execute(&[], &ExecOptions::default()).await,
        Err(Error::Parameter { .. })
    ));
    let plan = rows(
        &s,
        "EXPLAIN SELECT title FROM Deals WHERE amount >= 5 ORDER BY amount DESC LIMIT 10",
        &[],
    )
    .await;
    let text: String = plan
        .iter()
        .flat_map(|b| {
            let col = b.column(1).as_string::<i32>().clone();
            (0..b.num_rows())
                .map(move |i| col.value(i).to_owned())
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("KintoneScan: app=2"), "{text}");
    assert!(text.contains("amount >= 5"), "{text}");
    assert_eq!(plan[0].schema().field(1).data_type(), &DataType::Utf8);
}

#[tokio::test]
async fn errors_have_their_kind() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "").await;
    assert!(matches!(
        s.prepare("SELECT * FROM Nope").await,
        Err(Error::UnknownTable(_))
    ));
    assert!(matches!(
        s.prepare("SELECT nope FROM Deals").await,
        Err(Error::UnknownColumn(_))
    ));
    assert!(matches!(s.prepare("SELEC 1").await, Err(Error::Syntax(_))));
    assert!(matches!(
        s.prepare("DROP TABLE Deals").await,
        Err(Error::Unsupported(_))
    ));
}

#[tokio::test]
async fn fixed_tables() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "").await;
    let apps = rows(&s, "SELECT AppId, Name FROM Apps ORDER BY AppId", &[]).await;
    assert!(count(&apps) >= 3);
    let fields = rows(&s, "SELECT FieldCode FROM FormFields WHERE AppId = 2", &[]).await;
    assert!(count(&fields) > 10);
    assert!(matches!(
        s.prepare("SELECT * FROM Comments")
            .await
            .unwrap()
            .execute(&[], &ExecOptions::default())
            .await,
        Err(Error::Unsupported(_))
    ));
    let comments = rows(
        &s,
        "SELECT Text FROM Comments WHERE AppId = 2 AND RecordId = 1",
        &[],
    )
    .await;
    let _ = count(&comments);
}

#[tokio::test]
async fn order_by_limit_is_one_request_for_the_rows_needed() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "UseCodeForFieldName=true").await;
    let before = emu.stats();
    let b = rows(
        &s,
        "SELECT RecordId, amount FROM Deals WHERE amount >= 0 ORDER BY amount DESC LIMIT 4",
        &[],
    )
    .await;
    let after = emu.stats();
    assert_eq!(count(&b), 4);
    assert_eq!(after.records_returned - before.records_returned, 4);
    assert_eq!(
        after.requests_to("GET", "/k/v1/records.json")
            - before.requests_to("GET", "/k/v1/records.json"),
        1
    );
}

#[tokio::test]
async fn has_any_membership_and_its_negation() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "UseCodeForFieldName=true").await;
    let total =
        first_i64(&rows(&s, "SELECT count(*) FROM Deals WHERE tags IS NOT NULL", &[]).await);
    let any = count(
        &rows(
            &s,
            "SELECT RecordId FROM Deals WHERE HAS_ANY(tags, 'Renewal')",
            &[],
        )
        .await,
    ) as i64;
    let none = count(
        &rows(
            &s,
            "SELECT RecordId FROM Deals WHERE NOT HAS_ANY(tags, 'Renewal')",
            &[],
        )
        .await,
    ) as i64;
    assert!(any > 0, "some deals are renewals");
    assert_eq!(
        any + none,
        total,
        "NOT HAS_ANY keeps the non-blank lists without the value"
    );
}

#[tokio::test]
async fn repeated_columns_and_expressions_get_unique_names() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "UseCodeForFieldName=true").await;
    let st = s
        .prepare("SELECT title, title, CAST(RecordId AS VARCHAR), RecordId FROM Deals")
        .await
        .unwrap();
    let names: Vec<&str> = st.columns().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["title", "title_2", "CAST(RecordId AS VARCHAR)", "RecordId"]
    );
    assert_eq!(
        count(&rows(&s, "SELECT title, title FROM Deals", &[]).await),
        60
    );
}

#[tokio::test]
async fn explicit_null_placement_wins_and_exec_max_rows_caps() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "UseCodeForFieldName=true").await;
    let nulls = |batches: &[RecordBatch]| -> Vec<bool> {
        batches
            .iter()
            .flat_map(|b| {
                (0..b.num_rows())
                    .map(|i| b.column(0).is_null(i))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let total = first_i64(&rows(&s, "SELECT count(*) FROM Deals", &[]).await) as usize;
    let blank = first_i64(
        &rows(
            &s,
            "SELECT count(*) FROM Deals WHERE probability IS NULL",
            &[],
        )
        .await,
    ) as usize;
    assert!(
        blank > 0 && blank < total,
        "the demo has blank probabilities"
    );
    let asc_last = nulls(
        &rows(
            &s,
            "SELECT probability FROM Deals ORDER BY probability NULLS LAST",
            &[],
        )
        .await,
    );
    assert!(asc_last[total - blank..].iter().all(|n| *n));
    assert!(!asc_last[0]);
    let desc_first = nulls(
        &rows(
            &s,
            "SELECT probability FROM Deals ORDER BY probability DESC NULLS FIRST",
            &[],
        )
        .await,
    );
    assert!(desc_first[..blank].iter().all(|n| *n));
    assert!(!desc_first[blank]);

    let st = s.prepare("SELECT RecordId FROM Deals").await.unwrap();
    let mut stream = st
        .execute(&[], &ExecOptions { max_rows: Some(7) })
        .await
        .unwrap();
    let mut n = 0;
    while let Some(b) = stream.next_batch().await {
        n += b.unwrap().num_rows();
    }
    assert_eq!(n, 7, "SQL_ATTR_MAX_ROWS caps the result");
}

#[tokio::test]
async fn pagesize_sets_the_records_per_request() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "Pagesize=10").await;
    let before = emu.stats();
    let all = rows(&s, "SELECT RecordId FROM Deals", &[]).await;
    let after = emu.stats();
    assert_eq!(count(&all), 60);
    let requests = after.requests_to("GET", "/k/v1/records.json")
        - before.requests_to("GET", "/k/v1/records.json");
    // Pages of at most 10 records (seek paging may split the id range
    // further); the default page size (500) reads them in far fewer.
    assert!(
        requests >= 6,
        "60 records in pages of 10: {requests} requests"
    );
    let big = demo_session(&emu, "").await;
    let before = emu.stats();
    rows(&big, "SELECT RecordId FROM Deals", &[]).await;
    let after = emu.stats();
    let default_requests = after.requests_to("GET", "/k/v1/records.json")
        - before.requests_to("GET", "/k/v1/records.json");
    assert!(
        default_requests < requests,
        "{default_requests} requests with Pagesize=500, {requests} with 10"
    );
}

#[tokio::test]
async fn spaces_views_and_the_comments_rule() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "").await;
    let spaces = rows(&s, "SELECT SpaceId, Name, IsGuest FROM Spaces", &[]).await;
    let apps_in_spaces = first_i64(
        &rows(
            &s,
            "SELECT count(DISTINCT SpaceId) FROM Apps WHERE SpaceId IS NOT NULL",
            &[],
        )
        .await,
    );
    assert!(apps_in_spaces >= 1, "Partner Contacts is in guest space 2");
    assert_eq!(count(&spaces) as i64, apps_in_spaces, "{spaces:?}");
    let views = rows(&s, "SELECT AppId, Name FROM Views WHERE AppId = 2", &[]).await;
    assert!(views.iter().all(|b| {
        let ids = b.column(0).as_primitive::<Int64Type>();
        (0..b.num_rows()).all(|i| ids.value(i) == 2)
    }));
    let err = s
        .prepare("SELECT * FROM Comments WHERE AppId = 2")
        .await
        .unwrap()
        .execute(&[], &ExecOptions::default())
        .await
        .err()
        .expect("Comments needs a record");
    assert!(
        err.to_string().contains("AppId = n AND RecordId = n"),
        "{err}"
    );
}

#[tokio::test]
async fn a_record_id_join_reads_only_the_matching_records() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "").await;
    let sql = "SELECT c.RecordId, d.RecordId FROM Customers c JOIN Deals d ON d.RecordId = c.RecordId WHERE c.RecordId <= 3";
    let before = emu.stats();
    let b = rows(&s, sql, &[]).await;
    let after = emu.stats();
    assert_eq!(count(&b), 3);
    // Three customers, then the three deals with those ids (not all 60).
    assert_eq!(after.records_returned - before.records_returned, 6);
    let plan = rows(&s, &format!("EXPLAIN {sql}"), &[]).await;
    let text = format!("{:?}", plan);
    assert!(text.contains("join_keys=$id in (...) batches"), "{text}");
    // Whichever side is written first, and as a semi join: the filtered
    // side is collected first and the other read by its ids.
    for sql in [
        "SELECT d.RecordId FROM Deals d JOIN Customers c ON d.RecordId = c.RecordId WHERE c.Industry = 'Retail'",
        "SELECT d.RecordId FROM Deals d WHERE d.RecordId IN (SELECT RecordId FROM Customers WHERE Industry = 'Retail')",
    ] {
        let before = emu.stats();
        assert_eq!(count(&rows(&s, sql, &[]).await), 5, "{sql}");
        let after = emu.stats();
        // The 5 retail customers, then the 5 deals with their ids.
        assert_eq!(after.records_returned - before.records_returned, 10, "{sql}");
    }
    // A right join must read every deal: no batches, all 60 rows.
    let right = "SELECT d.RecordId FROM Customers c RIGHT JOIN Deals d ON d.RecordId = c.RecordId AND c.RecordId <= 3";
    assert_eq!(count(&rows(&s, right, &[]).await), 60);
}

#[tokio::test]
async fn untyped_markers_are_text() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "").await;
    let statement = s
        .prepare("SELECT ? AS v, COALESCE(?, 'none') AS w")
        .await
        .unwrap();
    assert_eq!(
        statement.columns()[0].sql_type,
        SqlType::WVarchar { length: 4000 }
    );
    assert_eq!(
        statement.parameters()[0].sql_type,
        SqlType::WVarchar { length: 4000 }
    );
    let mut stream = statement
        .execute(
            &[Param::Text("x".repeat(20_000)), Param::Null],
            &ExecOptions::default(),
        )
        .await
        .unwrap();
    let batch = stream.next_batch().await.unwrap().unwrap();
    assert_eq!(batch.column(0).as_string::<i32>().value(0).len(), 20_000);
    assert_eq!(batch.column(1).as_string::<i32>().value(0), "none");
    // A number bound to an untyped marker arrives as its text.
    let b = rows(&s, "SELECT ? AS v", &[Param::Int(42)]).await;
    assert_eq!(b[0].column(0).as_string::<i32>().value(0), "42");
}
