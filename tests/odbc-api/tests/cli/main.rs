//! unixODBC's own clients against the driver: `isql` (the A functions)
//! and `iusql` (the W functions), in batch mode with SQL on stdin, by DSN
//! and by connection string; and the README demo's queries
//! (`tests/odbc/demo/*.sql`, what scripts/demo.sh prints) checked against
//! the dataset.

use std::io::Write;
use std::process::Stdio;

use odbc_api_tests::demo::{self, records, text, DEALS};
use odbc_api_tests::emulator::shared;
use odbc_api_tests::{DEMO_DSN, DEMO_PASSWORD, DEMO_USER, DRIVER_NAME, LABELS_DSN};

struct Output {
    success: bool,
    stdout: String,
}

/// Runs `program args...` with `stdin`, with the private ODBC configuration.
fn run(program: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = shared()
        .odbc
        .command(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program}: {e} (apt-get install unixodbc)"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    Output {
        success: out.status.success(),
        stdout,
    }
}

/// `isql`/`iusql` in batch mode, isql with ODBC 3 calls (`-3`: ODBC 3
/// SQLSTATEs, not the driver manager's ODBC 2 mapping), tab-delimited with
/// a header row.
fn batch(program: &str, dsn: &str, sql: &str) -> Output {
    // iusql has no -3 (it calls the ODBC 3 W functions anyway).
    let mut args = vec![dsn, "-b", "-v", "-x0x09", "-c"];
    if program == "isql" {
        args.push("-3");
    }
    run(program, &args, &format!("{sql}\n"))
}

/// The data lines of tab-delimited output (header first), without
/// isql's own status lines.
fn rows(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .filter(|l| {
            !l.trim().is_empty() && !l.starts_with("SQLRowCount") && !l.ends_with("rows fetched")
        })
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// A demo query as one line (isql reads one statement per line).
fn demo_query(file: &str) -> String {
    let path = format!("{}/../odbc/demo/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn num(text: &str) -> f64 {
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {text:?}"))
}

#[test]
fn isql_batch_by_dsn() {
    let out = batch(
        "isql",
        DEMO_DSN,
        "SELECT RecordId, title, amount FROM Deals WHERE RecordId <= 3 ORDER BY RecordId",
    );
    assert!(out.success, "{}", out.stdout);
    let rows = rows(&out.stdout);
    assert_eq!(rows[0], ["RecordId", "title", "amount"], "{}", out.stdout);
    assert_eq!(rows.len(), 4, "{}", out.stdout);
    for (i, row) in rows[1..].iter().enumerate() {
        let deal = &records(DEALS)[i];
        assert_eq!(row[0], (i + 1).to_string());
        assert_eq!(Some(row[1].clone()), text(deal, "title"));
        assert_eq!(num(&row[2]), num(&text(deal, "amount").unwrap()));
    }
}

#[test]
fn isql_by_connection_string() {
    let url = &shared().url;
    let conn = format!(
        "Driver={DRIVER_NAME};Url={url};User={DEMO_USER};Password={DEMO_PASSWORD};UseCodeForFieldName=true"
    );
    let out = run(
        "isql",
        &[&conn, "-k", "-b", "-v", "-3", "-x0x09", "-c"],
        "SELECT COUNT(*) AS n FROM Deals_line_items\n",
    );
    assert!(out.success, "{}", out.stdout);
    let rows = rows(&out.stdout);
    assert_eq!(
        rows[1][0],
        demo::line_items().len().to_string(),
        "{}",
        out.stdout
    );
}

#[test]
fn isql_lists_tables_and_columns() {
    let out = batch("isql", DEMO_DSN, "help");
    assert!(out.success, "{}", out.stdout);
    for t in ["Customers", "Deals", "Tasks", "Deals_line_items"] {
        assert!(out.stdout.contains(t), "{t} missing:\n{}", out.stdout);
    }
    let out = batch("isql", DEMO_DSN, "help Deals_line_items");
    assert!(out.success, "{}", out.stdout);
    for c in [
        "RecordId",
        "RowId",
        "product",
        "quantity",
        "unit_price",
        "subtotal",
    ] {
        assert!(out.stdout.contains(c), "{c} missing:\n{}", out.stdout);
    }
}

#[test]
fn isql_reports_errors_with_their_sqlstate() {
    let out = batch("isql", DEMO_DSN, "SELECT * FROM NoSuchTable");
    assert!(out.stdout.contains("42S02"), "{}", out.stdout);
    let out = run(
        "isql",
        &[DEMO_DSN, DEMO_USER, "wrong-password", "-b", "-v", "-3"],
        "SELECT 1\n",
    );
    assert!(!out.success, "{}", out.stdout);
    assert!(out.stdout.contains("28000"), "{}", out.stdout);
    assert!(!out.stdout.contains("wrong-password"), "{}", out.stdout);
}

/// iusql reads its input as bytes widened to UTF-16 and prints each
/// UTF-16 unit's low byte (it is not locale-aware), so the check is on
/// bytes: the low bytes of the expected text's UTF-16 units. A driver
/// returning anything but real UTF-16 for SQL_C_WCHAR fails it.
fn iusql_rendering(text: &str) -> Vec<u8> {
    text.encode_utf16().map(|u| u as u8).collect()
}

#[test]
fn iusql_fetches_real_utf16() {
    let title = text(&records(DEALS)[0], "title").unwrap();
    assert!(!title.is_ascii(), "the first deal's title is Japanese");
    let mut child = shared()
        .odbc
        .command("iusql")
        .args([DEMO_DSN, "-b", "-v", "-x0x09", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("iusql");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"SELECT RecordId, title FROM Deals WHERE RecordId = 1\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let mut expected = b"RecordId\ttitle\n1\t".to_vec();
    expected.extend(iusql_rendering(&title));
    expected.push(b'\n');
    assert_eq!(
        out.stdout,
        expected,
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn iusql_label_names() {
    let out = batch(
        "iusql",
        LABELS_DSN,
        "SELECT \"Country\", \"Stage\" FROM Deals WHERE \"RecordId\" = 1",
    );
    assert!(out.success, "{}", out.stdout);
    let rows = rows(&out.stdout);
    assert_eq!(rows[0], ["Country", "Stage"], "{}", out.stdout);
    let deal = &records(DEALS)[0];
    let expected = [
        text(deal, "customer_country").unwrap(),
        text(deal, "stage").unwrap(),
    ];
    assert_eq!(rows[1], expected);
}

#[test]
fn iusql_with_user_and_password_arguments() {
    let out = run(
        "iusql",
        &[
            DEMO_DSN,
            DEMO_USER,
            DEMO_PASSWORD,
            "-b",
            "-v",
            "-x0x09",
            "-c",
        ],
        "SELECT COUNT(*) FROM Customers\n",
    );
    assert!(out.success, "{}", out.stdout);
    assert_eq!(rows(&out.stdout)[1][0], "25", "{}", out.stdout);
    let out = run(
        "iusql",
        &[DEMO_DSN, DEMO_USER, "wrong-password", "-b", "-v"],
        "SELECT 1\n",
    );
    assert!(!out.success, "{}", out.stdout);
    assert!(!out.stdout.contains("wrong-password"), "{}", out.stdout);
}

#[test]
fn demo_join_of_deals_and_line_items() {
    let out = batch("isql", DEMO_DSN, &demo_query("1-deals-with-line-items.sql"));
    assert!(out.success, "{}", out.stdout);
    let got = rows(&out.stdout);
    let won: Vec<demo::LineItem> = demo::line_items()
        .into_iter()
        .filter(|(id, ..)| {
            text(&records(DEALS)[*id as usize - 1], "stage").as_deref() == Some("Won")
        })
        .take(12)
        .collect();
    assert!(!won.is_empty());
    assert_eq!(got.len(), won.len() + 1, "{}", out.stdout);
    for (row, (id, product, qty, price, subtotal)) in got[1..].iter().zip(&won) {
        assert_eq!(row[0], id.to_string());
        assert_eq!(
            Some(row[1].clone()),
            text(&records(DEALS)[*id as usize - 1], "title")
        );
        assert_eq!(&row[2], product);
        assert_eq!(
            (num(&row[3]), num(&row[4]), num(&row[5])),
            (*qty as f64, *price as f64, *subtotal as f64)
        );
    }
}

#[test]
fn demo_amount_per_customer() {
    let out = batch("isql", DEMO_DSN, &demo_query("2-amount-per-customer.sql"));
    assert!(out.success, "{}", out.stdout);
    let got = rows(&out.stdout);
    assert_eq!(
        got[0],
        ["customer", "deals", "total_amount"],
        "{}",
        out.stdout
    );
    let sums = demo::amount_per_customer();
    let mut expected: Vec<(&String, &i64)> = sums.iter().collect();
    expected.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    assert_eq!(got.len() - 1, expected.len(), "{}", out.stdout);
    for (row, (customer, total)) in got[1..].iter().zip(expected) {
        assert_eq!(&row[0], customer);
        let count = records(DEALS)
            .iter()
            .filter(|d| text(d, "customer").as_deref() == Some(customer))
            .count();
        assert_eq!(row[1], count.to_string());
        assert_eq!(num(&row[2]), *total as f64);
    }
}

/// (RecordId, amount) of the open deals of the third demo query, in its order.
fn open_deals() -> Vec<(u64, i64)> {
    let mut open: Vec<(u64, i64)> = records(DEALS)
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let stage = text(d, "stage")?;
            let amount: i64 = text(d, "amount")?.parse().ok()?;
            (["Negotiation", "Proposal"].contains(&stage.as_str()) && amount >= 1_000_000)
                .then_some((i as u64 + 1, amount))
        })
        .collect();
    open.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    open.truncate(10);
    open
}

#[test]
fn demo_filtered_sorted_list_and_its_explain() {
    let out = batch("isql", DEMO_DSN, &demo_query("3-open-deals-sorted.sql"));
    assert!(out.success, "{}", out.stdout);
    let got = rows(&out.stdout);
    let expected = open_deals();
    assert!(!expected.is_empty());
    assert_eq!(got.len() - 1, expected.len(), "{}", out.stdout);
    for (row, (id, amount)) in got[1..].iter().zip(&expected) {
        assert_eq!(row[0], id.to_string(), "{}", out.stdout);
        assert_eq!(num(&row[3]), *amount as f64);
    }
    let out = batch("isql", DEMO_DSN, &demo_query("4-explain-open-deals.sql"));
    assert!(out.success, "{}", out.stdout);
    assert!(out.stdout.contains("Negotiation"), "{}", out.stdout);
    assert!(rows(&out.stdout).len() > 1, "{}", out.stdout);
}
