//! The differential fixture, generated deterministically: the same rows as
//! an emulator fixture (Kintone's JSON shapes) and as plain tables for
//! SQLite, built side by side from one description of each record.
//!
//! Apps (names are table names; `UseCodeForFieldName=true` makes field codes
//! the column names):
//! - `Items` (app 1): every field type, blanks, duplicates for ties,
//!   mixed-case / Japanese / quoted / backslashed / whitespace-only text,
//!   negative and long decimals, dates and datetimes around midnight UTC,
//!   0..3 rows in the `Lines` subtable (table `Items_Lines`).
//! - `Refs` (app 2): a lookup into Items by `Code`, copying `Title`.
//! - `Big` (app 3): 10,500 records.
//!
//! Decimals are multiples of 1/16 with at most 4 decimals: exact in binary,
//! so SQLite's REAL holds them exactly and sums stay exact.

use serde_json::{json, Map, Value as Json};

/// A cell of the SQLite model.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// The SQLite column affinity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    Real,
    Text,
}

impl Affinity {
    pub fn sql(self) -> &'static str {
        match self {
            Affinity::Integer => "INTEGER",
            Affinity::Real => "REAL",
            Affinity::Text => "TEXT",
        }
    }
}

/// One table of the model.
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<(&'static str, Affinity)>,
    pub rows: Vec<Vec<Cell>>,
}

pub const USERS: &[(&str, &str)] = &[
    ("sato", "Sato Hanako"),
    ("tanaka", "Tanaka Taro"),
    ("yamada", "山田 花子"),
];
pub const LOGIN: (&str, &str) = ("sato", "sato-password");
pub const ITEMS_APP: u64 = 1;
pub const REFS_APP: u64 = 2;
pub const BIG_APP: u64 = 3;
pub const BIG_RECORDS: u64 = 10_500;

/// A tiny deterministic generator (no dependency, same data on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The multi-valued list form the engine returns (a JSON array of strings).
pub fn list_text(items: &[&str]) -> Cell {
    if items.is_empty() {
        return Cell::Null;
    }
    Cell::Text(serde_json::to_string(items).unwrap())
}

/// A NUMBER's text (exact: every value is a multiple of 1/16).
pub fn number_text(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_owned()
    }
}

fn opt_number(value: Option<f64>) -> (Json, Cell) {
    match value {
        Some(v) => (json!({ "value": number_text(v) }), Cell::Real(v)),
        None => (json!({ "value": "" }), Cell::Null),
    }
}

fn opt_text(value: &str) -> (Json, Cell) {
    let cell = if value.is_empty() {
        Cell::Null
    } else {
        Cell::Text(value.to_owned())
    };
    (json!({ "value": value }), cell)
}

const TITLES: &[&str] = &[
    "apple",
    "Apple",
    "APPLE",
    "banana",
    "りんご",
    "日本語テキスト",
    "O'Brien",
    "say \"hi\"",
    r"back\slash",
    "  ",
    "",
    "",
    "zeta",
    "Zeta",
    "émile",
    "100%",
    "under_score",
    "a b-c",
    "apple pie",
    "ｱｯﾌﾟﾙ",
];
const MEMOS: &[&str] = &[
    "line1\nline2",
    "",
    "quote ' and \" and \\",
    "日本\n語",
    "plain",
    "",
    "trailing space ",
];
const KINDS: &[&str] = &["A", "B", "C", "日本", ""];
const DAYS: &[&str] = &[
    "2023-12-31",
    "2024-01-01",
    "2024-01-02",
    "2024-02-29",
    "1999-12-31",
    "2030-06-15",
    "",
];
const DATETIMES: &[&str] = &[
    "2023-12-31T23:59:00Z",
    "2024-01-01T00:00:00Z",
    "2024-01-01T00:01:00Z",
    "2024-01-01T23:59:00Z",
    "2024-01-02T00:00:00Z",
    "2024-06-30T12:30:00Z",
    "",
];
const TIMES: &[&str] = &["00:00", "09:30", "12:00", "23:59", ""];
const FLAG_SETS: &[&[&str]] = &[&[], &["receipt"], &["urgent"], &["receipt", "urgent"]];
const TEAM_SETS: &[&[&str]] = &[&[], &["Sales"], &["Ops", "Dev"], &["Sales", "Ops", "Dev"]];
const OWNER_SETS: &[&[&str]] = &[&[], &["sato"], &["tanaka", "yamada"]];
const ITEMS: &[&str] = &["bolt", "nut", "ネジ", "Bolt", ""];

fn options(names: &[&str]) -> Json {
    let mut map = Map::new();
    for (i, name) in names.iter().filter(|n| !n.is_empty()).enumerate() {
        map.insert(
            (*name).into(),
            json!({"label": name, "index": i.to_string()}),
        );
    }
    Json::Object(map)
}

fn field(kind: &str, code: &str, extra: Json) -> (String, Json) {
    let mut def =
        json!({"type": kind, "code": code, "label": code, "noLabel": false, "required": false});
    if let Json::Object(extra) = extra {
        def.as_object_mut().unwrap().extend(extra);
    }
    (code.to_owned(), def)
}

fn system_fields() -> Vec<(String, Json)> {
    vec![
        field("RECORD_NUMBER", "No", json!({})),
        field("CREATOR", "Creator", json!({})),
        field("CREATED_TIME", "Created", json!({})),
        field("MODIFIER", "Modifier", json!({})),
        field("UPDATED_TIME", "Updated", json!({})),
    ]
}

fn app(id: u64, name: &str, fields: Vec<(String, Json)>, records: Vec<Json>) -> Json {
    let properties: Map<String, Json> = fields.into_iter().collect();
    json!({
        "appId": id, "code": "", "name": name, "spaceId": null, "threadId": null,
        "numberPrecision": {"digits": "20", "decimalPlaces": "4", "roundingMode": "HALF_EVEN"},
        "properties": properties,
        "records": records,
    })
}

/// The whole fixture and its SQLite model.
pub fn build() -> (Json, Vec<Table>) {
    let mut rng = Lcg(20_260_428);
    let (items_app, items, lines, codes) = items(&mut rng);
    let (refs_app, refs) = refs(&mut rng, &codes);
    let (big_app, big) = big(&mut rng);
    let users: Vec<Json> = USERS
        .iter()
        .map(|(code, name)| json!({"code": code, "name": name, "password": format!("{code}-password")}))
        .collect();
    let fixture = json!({"users": users, "spaces": [], "oauthClients": [], "apps": [items_app, refs_app, big_app]});
    (fixture, vec![items, lines, refs, big])
}

/// Items: record ids 1..=130 except multiples of 10 (gaps for RecordId ranges).
fn items(rng: &mut Lcg) -> (Json, Table, Table, Vec<(String, Option<String>)>) {
    let mut fields = system_fields();
    fields.extend([
        field("SINGLE_LINE_TEXT", "Code", json!({"unique": true})),
        field("SINGLE_LINE_TEXT", "Title", json!({})),
        field("MULTI_LINE_TEXT", "Memo", json!({})),
        field("NUMBER", "Qty", json!({})),
        field("NUMBER", "Price", json!({})),
        field("CALC", "Score", json!({"expression": "Qty*2", "format": "NUMBER"})),
        field("DATE", "Day", json!({})),
        field("DATETIME", "At", json!({})),
        field("TIME", "Start", json!({})),
        field("DROP_DOWN", "Kind", json!({"options": options(KINDS)})),
        field("RADIO_BUTTON", "Channel", json!({"options": options(&["Card", "Cash"]), "defaultValue": "Card"})),
        field("CHECK_BOX", "Flags", json!({"options": options(&["receipt", "urgent"])})),
        field("MULTI_SELECT", "Teams", json!({"options": options(&["Sales", "Ops", "Dev"])})),
        field("USER_SELECT", "Owner", json!({})),
        field("LINK", "Link", json!({"protocol": "WEB"})),
        field("SUBTABLE", "Lines", json!({"fields": {
            "Item": {"type": "SINGLE_LINE_TEXT", "code": "Item", "label": "Item", "noLabel": false, "required": false},
            "Cost": {"type": "NUMBER", "code": "Cost", "label": "Cost", "noLabel": false, "required": false},
            "Due": {"type": "DATE", "code": "Due", "label": "Due", "noLabel": false, "required": false},
        }})),
    ]);
    let mut records = Vec::new();
    let mut rows = Vec::new();
    let mut line_rows = Vec::new();
    let mut codes = Vec::new();
    let ids = (1..=130u64).filter(|id| id % 10 != 0);
    for (index, id) in ids.enumerate() {
        let code = format!("I{id:03}");
        let title = *rng.pick(TITLES);
        let memo = *rng.pick(MEMOS);
        let qty = (rng.below(9) != 0).then(|| rng.below(41) as f64 - 20.0);
        let price = match rng.below(8) {
            0 => None,
            1 => Some(-(rng.below(100_000) as f64) - rng.below(16) as f64 / 16.0),
            2 => Some(98_765_432_109.0 + rng.below(16) as f64 / 16.0),
            3 => Some(0.0625 * rng.below(3) as f64),
            _ => Some(rng.below(2000) as f64 / 4.0),
        };
        let score = qty.map(|q| q * 2.0);
        let (day, at, start) = (*rng.pick(DAYS), *rng.pick(DATETIMES), *rng.pick(TIMES));
        let kind = *rng.pick(KINDS);
        let channel = if rng.below(3) == 0 { "Cash" } else { "Card" };
        let flags = *rng.pick(FLAG_SETS);
        let teams = *rng.pick(TEAM_SETS);
        let owners = *rng.pick(OWNER_SETS);
        let link = if rng.below(2) == 0 {
            format!("https://example.com/{}", rng.below(5))
        } else {
            String::new()
        };
        let creator = USERS[index % 3].0;
        let modifier = USERS[(index + 1) % 3].0;
        let created = format!(
            "2024-03-{:02}T{:02}:{:02}:00Z",
            1 + index % 28,
            index % 24,
            index % 60
        );
        let updated = format!("2024-04-{:02}T00:{:02}:00Z", 1 + index % 28, index % 60);
        let mut table_rows = Vec::new();
        for _ in 0..rng.below(4) {
            let item = *rng.pick(ITEMS);
            let cost = (rng.below(6) != 0).then(|| rng.below(400) as f64 / 8.0 - 10.0);
            let due = *rng.pick(DAYS);
            let (cost_json, cost_cell) = opt_number(cost);
            table_rows.push(json!({"value": {"Item": {"value": item}, "Cost": cost_json, "Due": {"value": if due.is_empty() { Json::Null } else { json!(due) }}}}));
            line_rows.push(vec![
                Cell::Int(id as i64),
                opt_text(item).1,
                cost_cell,
                opt_text(due).1,
            ]);
        }
        let (qty_json, qty_cell) = opt_number(qty);
        let (price_json, price_cell) = opt_number(price);
        let (score_json, score_cell) = opt_number(score);
        let user_list = |codes: &[&str]| -> Json {
            json!(codes.iter().map(|c| json!({"code": c})).collect::<Vec<_>>())
        };
        records.push(json!({
            "$id": {"value": id.to_string()},
            "Code": {"value": code}, "Title": {"value": title}, "Memo": {"value": memo},
            "Qty": qty_json, "Price": price_json, "Score": score_json,
            "Day": {"value": if day.is_empty() { Json::Null } else { json!(day) }},
            "At": {"value": at}, "Start": {"value": if start.is_empty() { Json::Null } else { json!(start) }},
            "Kind": {"value": if kind.is_empty() { Json::Null } else { json!(kind) }},
            "Channel": {"value": channel}, "Flags": {"value": flags}, "Teams": {"value": teams},
            "Owner": {"value": user_list(owners)}, "Link": {"value": link},
            "Lines": {"value": table_rows},
            "Creator": {"value": {"code": creator}}, "Modifier": {"value": {"code": modifier}},
            "Created": {"value": created}, "Updated": {"value": updated},
        }));
        rows.push(vec![
            Cell::Int(id as i64),
            Cell::Int(1),
            Cell::Int(id as i64),
            Cell::Text(creator.into()),
            Cell::Text(created),
            Cell::Text(modifier.into()),
            Cell::Text(updated),
            Cell::Text(code.clone()),
            opt_text(title).1,
            opt_text(memo).1,
            qty_cell,
            price_cell,
            score_cell,
            opt_text(day).1,
            opt_text(at).1,
            if start.is_empty() {
                Cell::Null
            } else {
                Cell::Text(format!("{start}:00"))
            },
            opt_text(kind).1,
            Cell::Text(channel.into()),
            list_text(flags),
            list_text(teams),
            list_text(owners),
            opt_text(&link).1,
        ]);
        codes.push((code, (!title.is_empty()).then(|| title.to_owned())));
    }
    use Affinity::*;
    let table = Table {
        name: "Items",
        columns: vec![
            ("RecordId", Integer),
            ("Revision", Integer),
            ("No", Integer),
            ("Creator", Text),
            ("Created", Text),
            ("Modifier", Text),
            ("Updated", Text),
            ("Code", Text),
            ("Title", Text),
            ("Memo", Text),
            ("Qty", Real),
            ("Price", Real),
            ("Score", Real),
            ("Day", Text),
            ("At", Text),
            ("Start", Text),
            ("Kind", Text),
            ("Channel", Text),
            ("Flags", Text),
            ("Teams", Text),
            ("Owner", Text),
            ("Link", Text),
        ],
        rows,
    };
    let lines = Table {
        name: "Items_Lines",
        columns: vec![
            ("RecordId", Integer),
            ("Item", Text),
            ("Cost", Real),
            ("Due", Text),
        ],
        rows: line_rows,
    };
    (
        app(ITEMS_APP, "Items", fields, records),
        table,
        lines,
        codes,
    )
}

/// Refs: 40 records looking up Items by Code (some blank, some shared).
fn refs(rng: &mut Lcg, codes: &[(String, Option<String>)]) -> (Json, Table) {
    let mut fields = system_fields();
    fields.extend([
        field(
            "SINGLE_LINE_TEXT",
            "ItemCode",
            json!({"lookup": {
                "relatedApp": {"app": ITEMS_APP.to_string(), "code": ""},
                "relatedKeyField": "Code",
                "fieldMappings": [{"field": "ItemTitle", "relatedField": "Title"}],
                "lookupPickerFields": ["Code"], "filterCond": "", "sort": "Record_number desc"
            }}),
        ),
        field("SINGLE_LINE_TEXT", "ItemTitle", json!({})),
        field("NUMBER", "Amount", json!({})),
    ]);
    let mut records = Vec::new();
    let mut rows = Vec::new();
    for id in 1..=40u64 {
        let (code, title) = if id % 7 == 0 {
            (String::new(), None)
        } else {
            codes[rng.below(25) as usize].clone()
        };
        let amount = (id % 5 != 0).then(|| rng.below(100) as f64 - 30.0);
        let (amount_json, amount_cell) = opt_number(amount);
        records.push(json!({
            "$id": {"value": id.to_string()},
            "ItemCode": {"value": code}, "Amount": amount_json,
            "Creator": {"value": {"code": "sato"}}, "Modifier": {"value": {"code": "sato"}},
            "Created": {"value": "2024-05-01T00:00:00Z"}, "Updated": {"value": "2024-05-01T00:00:00Z"},
        }));
        rows.push(vec![
            Cell::Int(id as i64),
            opt_text(&code).1,
            title.map_or(Cell::Null, Cell::Text),
            amount_cell,
        ]);
    }
    use Affinity::*;
    let table = Table {
        name: "Refs",
        columns: vec![
            ("RecordId", Integer),
            ("ItemCode", Text),
            ("ItemTitle", Text),
            ("Amount", Real),
        ],
        rows,
    };
    (app(REFS_APP, "Refs", fields, records), table)
}

/// Big: 10,500 records with a key, a number (ties, blanks), a drop-down and a date.
fn big(rng: &mut Lcg) -> (Json, Table) {
    let mut fields = system_fields();
    fields.extend([
        field("SINGLE_LINE_TEXT", "K", json!({})),
        field("NUMBER", "N", json!({})),
        field(
            "DROP_DOWN",
            "G",
            json!({"options": options(&["A", "B", "C", "D", "E"])}),
        ),
        field("DATE", "D", json!({})),
    ]);
    let mut records = Vec::new();
    let mut rows = Vec::new();
    for id in 1..=BIG_RECORDS {
        let key = format!("k{:05}", rng.below(20_000));
        let n =
            (id % 97 != 0).then(|| (id * 7 % 1000) as f64 + if id % 3 == 0 { 0.5 } else { 0.0 });
        let g = ["A", "B", "C", "D", "E"][(id % 5) as usize];
        let d = format!("2024-{:02}-{:02}", 1 + id % 12, 1 + id % 28);
        let (n_json, n_cell) = opt_number(n);
        records.push(json!({
            "$id": {"value": id.to_string()},
            "K": {"value": key}, "N": n_json, "G": {"value": g}, "D": {"value": d},
            "Creator": {"value": {"code": "sato"}}, "Modifier": {"value": {"code": "sato"}},
            "Created": {"value": "2024-05-01T00:00:00Z"}, "Updated": {"value": "2024-05-01T00:00:00Z"},
        }));
        rows.push(vec![
            Cell::Int(id as i64),
            Cell::Text(key),
            n_cell,
            Cell::Text(g.into()),
            Cell::Text(d),
        ]);
    }
    use Affinity::*;
    let table = Table {
        name: "Big",
        columns: vec![
            ("RecordId", Integer),
            ("K", Text),
            ("N", Real),
            ("G", Text),
            ("D", Text),
        ],
        rows,
    };
    (app(BIG_APP, "Big", fields, records), table)
}
