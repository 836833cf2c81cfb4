//! Expected values, read from the demo dataset the emulator serves
//! (`emulator/datasets/demo.json`), so that the tests compare the driver's
//! answers with the data itself rather than with numbers copied by hand.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value as Json;

/// The parsed dataset.
pub fn dataset() -> &'static Json {
    static DATA: OnceLock<Json> = OnceLock::new();
    DATA.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../emulator/datasets/demo.json"
        );
        let text = std::fs::read_to_string(path).expect("read the demo dataset");
        serde_json::from_str(&text).expect("the demo dataset is JSON")
    })
}

/// The records of app `app_id`, in `$id` order (ids are 1, 2, ...).
pub fn records(app_id: u64) -> &'static [Json] {
    dataset()["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["appId"].as_u64() == Some(app_id))
        .and_then(|a| a["records"].as_array())
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("app {app_id} in the demo dataset"))
}

/// A scalar field's value; blanks (Kintone's empty string) are `None`, as SQL NULL.
pub fn text(record: &Json, code: &str) -> Option<String> {
    match record[code]["value"].as_str() {
        Some("") | None => None,
        Some(v) => Some(v.to_owned()),
    }
}

pub const CUSTOMERS: u64 = 1;
pub const DEALS: u64 = 2;
pub const TASKS: u64 = 3;

/// One row of the Deals line items: (RecordId, product, quantity, unit_price, subtotal).
pub type LineItem = (u64, String, i64, i64, i64);

/// Every line item of every deal, in (RecordId, row) order.
pub fn line_items() -> Vec<LineItem> {
    let mut rows = Vec::new();
    for (i, deal) in records(DEALS).iter().enumerate() {
        for row in deal["line_items"]["value"].as_array().unwrap() {
            let v = &row["value"];
            let num = |c: &str| v[c]["value"].as_str().unwrap().parse::<i64>().unwrap();
            rows.push((
                i as u64 + 1,
                v["product"]["value"].as_str().unwrap().to_owned(),
                num("quantity"),
                num("unit_price"),
                num("subtotal"),
            ));
        }
    }
    rows
}

/// Sum of Deals.amount per customer (amounts are integers in the dataset).
pub fn amount_per_customer() -> BTreeMap<String, i64> {
    let mut sums = BTreeMap::new();
    for deal in records(DEALS) {
        let customer = text(deal, "customer").unwrap();
        let amount: i64 = text(deal, "amount").map_or(0, |a| a.parse().unwrap());
        *sums.entry(customer).or_insert(0) += amount;
    }
    sums
}
