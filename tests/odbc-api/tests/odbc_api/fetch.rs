//! Fetching: columnar bulk fetch (`ColumnarDynBuffer`, `TextRowSet`),
//! row-wise bulk fetch (`RowVec`), SQLGetData in pieces, and the
//! concurrent block cursor that fetches on a second thread.

use odbc_api::buffers::{BufferDesc, ColumnarDynBuffer, RowVec, TextRowSet};
use odbc_api::parameter::VarCharArray;
use odbc_api::{sys, ConcurrentBlockCursor, Cursor, Nullable};
use odbc_api_tests::demo::{self, records, text, DEALS};
use odbc_api_tests::odbc::{demo, query};

/// `YYYY-MM-DD` of an ODBC date.
fn date_text(d: &sys::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// `YYYY-MM-DDTHH:MM:SSZ` of an ODBC timestamp (UTC).
fn timestamp_text(t: &sys::Timestamp) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

#[test]
fn columnar_bulk_fetch_of_every_deal() {
    let conn = demo();
    let cursor = conn
        .execute(
            "SELECT RecordId, title, amount, close_date, closed_at, memo FROM Deals ORDER BY RecordId",
            (),
            None,
        )
        .unwrap()
        .unwrap();
    let descs = [
        BufferDesc::I64 { nullable: false },
        BufferDesc::Text { max_str_len: 400 },
        BufferDesc::F64 { nullable: true },
        BufferDesc::Date { nullable: true },
        BufferDesc::Timestamp { nullable: true },
        BufferDesc::WText { max_str_len: 400 },
    ];
    // 7 rows a batch: several batches, the last one partial.
    let buffer = ColumnarDynBuffer::from_descs(7, descs);
    let mut block = cursor.bind_buffer(buffer).unwrap();
    let mut seen = 0usize;
    let mut batches = 0;
    while let Some(batch) = block.fetch().unwrap() {
        batches += 1;
        let ids = batch.column(0).as_slice::<i64>().unwrap();
        let titles = batch.column(1).as_text().unwrap();
        let amounts: Vec<Option<f64>> = batch
            .column(2)
            .as_nullable_slice::<f64>()
            .unwrap()
            .map(|v| v.copied())
            .collect();
        let dates: Vec<Option<String>> = batch
            .column(3)
            .as_nullable_slice::<sys::Date>()
            .unwrap()
            .map(|v| v.map(date_text))
            .collect();
        let closed: Vec<Option<String>> = batch
            .column(4)
            .as_nullable_slice::<sys::Timestamp>()
            .unwrap()
            .map(|v| v.map(timestamp_text))
            .collect();
        let memos = batch.column(5).as_wide_text().unwrap();
        for r in 0..batch.num_rows() {
            let rec = &records(DEALS)[seen];
            seen += 1;
            assert_eq!(ids[r], seen as i64);
            assert_eq!(
                titles
                    .get(r)
                    .map(|b| std::str::from_utf8(b).unwrap().to_owned()),
                text(rec, "title")
            );
            assert_eq!(
                amounts[r],
                text(rec, "amount").map(|a| a.parse::<f64>().unwrap())
            );
            assert_eq!(dates[r], text(rec, "close_date"), "close_date of {seen}");
            assert_eq!(closed[r], text(rec, "closed_at"), "closed_at of {seen}");
            assert_eq!(
                memos.get(r).map(|w| String::from_utf16(w).unwrap()),
                text(rec, "memo"),
                "memo of {seen}"
            );
        }
    }
    assert_eq!(seen, 60);
    assert_eq!(batches, 9);
}

#[test]
fn text_row_set_of_a_join_with_the_line_items() {
    let conn = demo();
    let rows = query(
        &conn,
        "SELECT d.RecordId, d.title, li.product, li.quantity, li.unit_price, li.subtotal \
         FROM Deals d JOIN Deals_line_items li ON li.RecordId = d.RecordId \
         ORDER BY d.RecordId, li.RowId",
    );
    let expected = demo::line_items();
    assert_eq!(rows.len(), expected.len());
    for (row, (id, product, qty, price, subtotal)) in rows.iter().zip(&expected) {
        let num = |i: usize| row[i].as_deref().unwrap().parse::<f64>().unwrap();
        assert_eq!(row[0].as_deref(), Some(id.to_string().as_str()));
        assert_eq!(
            row[1],
            text(&records(DEALS)[*id as usize - 1], "title"),
            "{row:?}"
        );
        assert_eq!(row[2].as_deref(), Some(product.as_str()));
        assert_eq!(
            (num(3), num(4), num(5)),
            (*qty as f64, *price as f64, *subtotal as f64)
        );
    }
}

#[test]
fn text_row_set_sized_from_the_reported_lengths() {
    let conn = demo();
    let mut cursor = conn
        .execute("SELECT * FROM Customers", (), None)
        .unwrap()
        .unwrap();
    // No cap: the buffer is sized from SQLColAttribute's lengths, which must
    // be realistic (non-zero, not gigabytes).
    let buffer = TextRowSet::for_cursor(50, &mut cursor, None).unwrap();
    for c in 0..buffer.num_cols() {
        let len = buffer.max_len(c);
        assert!(len > 0 && len <= 1 << 20, "column {c}: {len} bytes");
    }
    let mut block = cursor.bind_buffer(buffer).unwrap();
    let batch = block.fetch().unwrap().expect("a batch");
    assert_eq!(batch.num_rows(), 25);
    assert!(block.fetch().unwrap().is_none());
}

#[test]
fn row_wise_fetch_into_a_row_vec() {
    let conn = demo();
    let cursor = conn
        .execute(
            "SELECT RecordId, product, quantity FROM Deals_line_items ORDER BY RecordId, RowId",
            (),
            None,
        )
        .unwrap()
        .unwrap();
    type Row = (i64, VarCharArray<200>, Nullable<i64>);
    let buffer = RowVec::<Row>::new(10);
    let mut block = cursor.bind_buffer(buffer).unwrap();
    let mut got = Vec::new();
    while let Some(batch) = block.fetch().unwrap() {
        for (id, product, qty) in batch.iter() {
            got.push((
                *id as u64,
                product.as_str().unwrap().unwrap().to_owned(),
                *qty.as_opt().unwrap(),
            ));
        }
    }
    let expected: Vec<(u64, String, i64)> = demo::line_items()
        .into_iter()
        .map(|(id, p, q, _, _)| (id, p, q))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn get_data_in_pieces() {
    let conn = demo();
    // 100,000 characters: far more than one SQLGetData call's buffer.
    let mut cursor = conn
        .execute(
            "SELECT repeat('abcdefghij', 10000) AS big, memo FROM Deals WHERE RecordId = 1",
            (),
            None,
        )
        .unwrap()
        .unwrap();
    let mut row = cursor.next_row().unwrap().expect("one row");
    let mut buf = Vec::with_capacity(64);
    assert!(row.get_text(1, &mut buf).unwrap());
    assert_eq!(buf.len(), 100_000);
    assert_eq!(&buf[..10], b"abcdefghij");
    assert_eq!(&buf[99_990..], b"abcdefghij");
    let mut wide = Vec::with_capacity(4);
    assert!(row.get_wide_text(2, &mut wide).unwrap());
    assert_eq!(
        Some(String::from_utf16(&wide).unwrap()),
        text(&records(DEALS)[0], "memo")
    );
    assert!(cursor.next_row().unwrap().is_none());
}

#[test]
fn concurrent_block_cursor_fetches_on_another_thread() {
    let conn = demo();
    let cursor = conn
        .into_cursor("SELECT RecordId, quantity FROM Deals_line_items", (), None)
        .map_err(|e| e.error)
        .unwrap()
        .unwrap();
    let descs = [
        BufferDesc::I64 { nullable: false },
        BufferDesc::I64 { nullable: true },
    ];
    let block = cursor
        .bind_buffer(ColumnarDynBuffer::from_descs(16, descs))
        .unwrap();
    let mut concurrent = ConcurrentBlockCursor::from_block_cursor(block);
    let (mut rows, mut quantity) = (0usize, 0i64);
    while let Some(batch) = concurrent.fetch().unwrap() {
        rows += batch.num_rows();
        quantity += batch
            .column(1)
            .as_nullable_slice::<i64>()
            .unwrap()
            .map(|q| *q.unwrap())
            .sum::<i64>();
        concurrent.fill(batch);
    }
    let expected = demo::line_items();
    assert_eq!(rows, expected.len());
    assert_eq!(quantity, expected.iter().map(|r| r.2).sum::<i64>());
    concurrent.into_cursor().unwrap();
}

#[test]
fn more_results_after_the_only_result_set() {
    let conn = demo();
    let cursor = conn
        .execute("SELECT COUNT(*) FROM Tasks", (), None)
        .unwrap()
        .unwrap();
    assert!(cursor.more_results().unwrap().is_none());
    // A statement without a result set.
    let rows = query(&conn, "SELECT RecordId FROM Tasks WHERE RecordId > 1000");
    assert!(rows.is_empty());
}

#[test]
fn the_same_column_twice() {
    // Any SQL database returns both columns (SQLite, PostgreSQL, SQL Server do).
    let conn = demo();
    let rows = query(&conn, "SELECT title, title FROM Deals WHERE RecordId = 1");
    let title = text(&records(DEALS)[0], "title");
    assert_eq!(rows, vec![vec![title.clone(), title]]);
}
