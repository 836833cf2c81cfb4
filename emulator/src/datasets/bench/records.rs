//! Generates the bench app's records straight into the model (no JSON per
//! record), so that a million of them load in seconds.

use std::fmt::Write;

use chrono::{DateTime, NaiveDate};
use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::words;
use crate::model::{App, Entity, FieldSlot, Record, TableRow, Value};

/// Every generated date lies in the seven years from this day on.
const FIRST_DAY: (i32, u32, u32) = (2020, 1, 1);
const DAYS: i64 = 7 * 365;
/// 2020-01-01T00:00:00Z in seconds since the epoch.
const FIRST_SECOND: i64 = 1_577_836_800;

/// Top-level positions of the generated fields in the app's form.
struct Slots {
    record_number: usize,
    title: usize,
    external_id: usize,
    customer: usize,
    contact_name: usize,
    city: usize,
    sku: usize,
    keyword: usize,
    notes: usize,
    amount: usize,
    quantity: usize,
    weight: usize,
    score: usize,
    total: usize,
    order_date: usize,
    due_date: usize,
    start_time: usize,
    shipped_at: usize,
    priority: usize,
    category: usize,
    channel: usize,
    flags: usize,
    teams: usize,
    owner: usize,
    website: usize,
    phone: usize,
    items: usize,
    created_by: usize,
    created_at: usize,
    updated_by: usize,
    updated_at: usize,
}

impl Slots {
    fn of(app: &App) -> Slots {
        let top = |code: &str| match app.slot(code) {
            Some(FieldSlot::Top(i)) => i,
            _ => panic!("the bench form has a top-level field {code}"),
        };
        Slots {
            record_number: top("Record_number"),
            title: top("title"),
            external_id: top("external_id"),
            customer: top("customer"),
            contact_name: top("contact_name"),
            city: top("city"),
            sku: top("sku"),
            keyword: top("keyword"),
            notes: top("notes"),
            amount: top("amount"),
            quantity: top("quantity"),
            weight: top("weight"),
            score: top("score"),
            total: top("total"),
            order_date: top("order_date"),
            due_date: top("due_date"),
            start_time: top("start_time"),
            shipped_at: top("shipped_at"),
            priority: top("priority"),
            category: top("category"),
            channel: top("channel"),
            flags: top("flags"),
            teams: top("teams"),
            owner: top("owner"),
            website: top("website"),
            phone: top("phone"),
            items: top("items"),
            created_by: top("Created_by"),
            created_at: top("Created_datetime"),
            updated_by: top("Updated_by"),
            updated_at: top("Updated_datetime"),
        }
    }
}

/// Makes records one after the other from one seeded random stream.
pub struct Generator {
    rng: ChaCha8Rng,
    slots: Slots,
    blanks: Vec<Value>,
    users: Vec<Entity>,
    /// The last subtable row id handed out.
    pub last_row_id: u64,
}

/// Shrinks a formatted string to its length: a million records hold
/// millions of them, and `format!` may over-allocate.
fn exact(s: String) -> Value {
    Value::Text(s.into_boxed_str().into_string())
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// `cents` as a decimal with two places (`-12.05`).
fn decimal(units: i64, places: u32) -> String {
    let scale = 10i64.pow(places);
    let sign = if units < 0 { "-" } else { "" };
    let abs = units.unsigned_abs();
    let mut s = String::with_capacity(16);
    let _ = write!(
        s,
        "{sign}{}.{:0width$}",
        abs / scale as u64,
        abs % scale as u64,
        width = places as usize
    );
    s
}

/// A decimal without trailing zeros in the fraction (`3703.5`, `12`).
fn trimmed_decimal(units: i64, places: u32) -> String {
    let s = decimal(units, places);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn date(day: i64) -> String {
    let (y, m, d) = FIRST_DAY;
    let first = NaiveDate::from_ymd_opt(y, m, d).expect("valid first day");
    (first + chrono::Duration::days(day))
        .format("%Y-%m-%d")
        .to_string()
}

/// `YYYY-MM-DDTHH:MM:00Z`: Kintone keeps no seconds (facts §8).
fn datetime(minute: i64) -> String {
    DateTime::from_timestamp(FIRST_SECOND + minute * 60, 0)
        .expect("in range")
        .format("%Y-%m-%dT%H:%M:00Z")
        .to_string()
}

impl Generator {
    pub fn new(app: &App, seed: u64, users: Vec<Entity>, last_row_id: u64) -> Generator {
        use rand::SeedableRng;
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            slots: Slots::of(app),
            blanks: app.blank_values(),
            users,
            last_row_id,
        }
    }

    /// About one value in ten of a field that may be blank is blank.
    fn blank(&mut self) -> bool {
        self.rng.random_ratio(1, 10)
    }

    fn pick(&mut self, list: &'static [&'static str]) -> &'static str {
        list.choose(&mut self.rng).expect("lists are not empty")
    }

    fn maybe_pick(&mut self, list: &'static [&'static str]) -> Value {
        if self.blank() {
            text("")
        } else {
            text(self.pick(list))
        }
    }

    fn subset(&mut self, list: &'static [&'static str]) -> Value {
        let chosen = list
            .iter()
            .filter(|_| self.rng.random_ratio(3, 10))
            .map(|s| s.to_string())
            .collect();
        Value::List(chosen)
    }

    fn user(&mut self) -> Entity {
        self.users
            .choose(&mut self.rng)
            .expect("users are not empty")
            .clone()
    }

    fn title(&mut self) -> Value {
        if self.rng.random_ratio(1, 8) {
            return text(self.pick(words::TITLES_JA));
        }
        let adjective = self.pick(words::TITLE_ADJECTIVES);
        let noun = self.pick(words::TITLE_NOUNS);
        if self.rng.random_bool(0.5) {
            exact(format!("{adjective} {noun}"))
        } else {
            exact(format!(
                "{adjective} {noun} #{}",
                self.rng.random_range(1..1000)
            ))
        }
    }

    fn notes(&mut self) -> Value {
        if self.blank() {
            return text("");
        }
        let lines = self.rng.random_range(1..=3);
        let mut s = String::new();
        for i in 0..lines {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(self.pick(words::NOTE_SENTENCES));
        }
        exact(s)
    }

    fn owners(&mut self) -> Value {
        if self.blank() {
            return Value::Entities(Vec::new());
        }
        let first = self.user();
        let mut owners = vec![first];
        if self.rng.random_ratio(1, 4) {
            let second = self.user();
            if second != owners[0] {
                owners.push(second);
            }
        }
        Value::Entities(owners)
    }

    fn items(&mut self) -> Value {
        // 0-5 rows, fewer more often (mean 2), as in real line-item tables.
        let count = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5]
            .choose(&mut self.rng)
            .copied()
            .unwrap_or(0);
        let mut rows = Vec::with_capacity(count);
        for _ in 0..count {
            self.last_row_id += 1;
            let name = self.maybe_pick(words::ITEM_NAMES);
            let qty = if self.rng.random_ratio(1, 20) {
                text("")
            } else {
                exact(self.rng.random_range(1..=20).to_string())
            };
            let price = if self.blank() {
                text("")
            } else {
                exact(decimal(self.rng.random_range(100..5_000_000), 2))
            };
            rows.push(TableRow {
                id: self.last_row_id,
                values: vec![name, qty, price],
            });
        }
        Value::Table(rows)
    }

    /// The record with this id.
    pub fn record(&mut self, id: u64) -> Record {
        let s = &self.slots;
        let (record_number, title, external_id, customer, contact_name, city, sku, keyword) = (
            s.record_number,
            s.title,
            s.external_id,
            s.customer,
            s.contact_name,
            s.city,
            s.sku,
            s.keyword,
        );
        let mut v = self.blanks.clone();
        v[record_number] = exact(id.to_string());
        v[title] = self.title();
        v[external_id] = exact(format!("EXT-{id:07}"));
        v[customer] = self.maybe_pick(words::CUSTOMERS);
        v[contact_name] = if self.blank() {
            text("")
        } else {
            let given = self.pick(words::GIVEN_NAMES);
            let family = self.pick(words::FAMILY_NAMES);
            exact(format!("{given} {family}"))
        };
        v[city] = self.maybe_pick(words::CITIES);
        v[sku] = if self.blank() {
            text("")
        } else {
            exact(format!("SKU-{:04}", self.rng.random_range(0..2000)))
        };
        v[keyword] = self.maybe_pick(words::KEYWORDS);
        self.fill_numbers(&mut v);
        self.fill_dates(&mut v);
        self.fill_choices(&mut v);
        let s = &self.slots;
        let (notes, items) = (s.notes, s.items);
        v[notes] = self.notes();
        v[items] = self.items();
        let revision = self.fill_system(&mut v, id);
        Record {
            id,
            revision,
            values: v,
        }
    }

    fn fill_numbers(&mut self, v: &mut [Value]) {
        let s = &self.slots;
        let (amount_at, quantity_at, weight_at, score_at, total_at) =
            (s.amount, s.quantity, s.weight, s.score, s.total);
        let amount = (!self.blank()).then(|| {
            if self.rng.random_ratio(1, 20) {
                -self.rng.random_range(1..50_000i64)
            } else {
                self.rng.random_range(0..10_000_000i64)
            }
        });
        let quantity = (!self.blank()).then(|| self.rng.random_range(1..=500i64));
        v[amount_at] = amount.map_or(text(""), |c| exact(decimal(c, 2)));
        v[quantity_at] = quantity.map_or(text(""), |q| exact(q.to_string()));
        // A blank number counts as 0 in a formula, as the write engine
        // computes it (a test checks that both agree).
        v[total_at] = exact(trimmed_decimal(
            amount.unwrap_or(0) * quantity.unwrap_or(0),
            2,
        ));
        v[weight_at] = if self.blank() {
            text("")
        } else {
            exact(decimal(self.rng.random_range(0..100_000), 3))
        };
        v[score_at] = if self.blank() {
            text("")
        } else {
            exact(self.rng.random_range(0..=100).to_string())
        };
    }

    fn fill_dates(&mut self, v: &mut [Value]) {
        let s = &self.slots;
        let (order_at, due_at, time_at, shipped_at) =
            (s.order_date, s.due_date, s.start_time, s.shipped_at);
        let order_day = self.rng.random_range(0..DAYS);
        let order_blank = self.blank();
        v[order_at] = if order_blank {
            text("")
        } else {
            exact(date(order_day))
        };
        // Due dates are missing more often than the other dates.
        v[due_at] = if self.rng.random_ratio(3, 10) {
            text("")
        } else {
            exact(date(order_day + self.rng.random_range(0..90)))
        };
        v[time_at] = if self.blank() {
            text("")
        } else {
            let minute = self.rng.random_range(0..24 * 60);
            exact(format!("{:02}:{:02}", minute / 60, minute % 60))
        };
        v[shipped_at] = if self.blank() {
            text("")
        } else {
            exact(datetime(
                (order_day + self.rng.random_range(0..30)) * 1440 + self.rng.random_range(0..1440),
            ))
        };
    }

    fn fill_choices(&mut self, v: &mut [Value]) {
        let s = &self.slots;
        let (priority, category, channel, flags, teams, owner, website, phone) = (
            s.priority, s.category, s.channel, s.flags, s.teams, s.owner, s.website, s.phone,
        );
        v[priority] = self.maybe_pick(words::PRIORITIES);
        v[category] = self.maybe_pick(words::CATEGORIES);
        // A radio button always has a value.
        v[channel] = text(self.pick(words::CHANNELS));
        v[flags] = self.subset(words::FLAGS);
        v[teams] = self.subset(words::TEAMS);
        v[owner] = self.owners();
        v[website] = if self.blank() {
            text("")
        } else {
            exact(format!(
                "https://www.example.com/customers/{}",
                self.rng.random_range(1..5000)
            ))
        };
        v[phone] = if self.blank() {
            text("")
        } else {
            exact(format!(
                "+81-3-{:04}-{:04}",
                self.rng.random_range(0..10000),
                self.rng.random_range(0..10000)
            ))
        };
    }

    /// Creator, modifier and their times; returns the revision. Records are
    /// created in id order, a few minutes apart; most were edited later.
    fn fill_system(&mut self, v: &mut [Value], id: u64) -> u64 {
        let s = &self.slots;
        let (created_by, created_at, updated_by, updated_at) =
            (s.created_by, s.created_at, s.updated_by, s.updated_at);
        let created = id as i64 * 3 + self.rng.random_range(0..3);
        let creator = self.user();
        let (updated, modifier, revision) = if self.rng.random_ratio(3, 10) {
            (created, creator.clone(), 1)
        } else {
            let later = created + self.rng.random_range(1..60 * 24 * 30);
            (later, self.user(), self.rng.random_range(2..=6))
        };
        v[created_by] = Value::entity(creator);
        v[created_at] = exact(datetime(created));
        v[updated_by] = Value::entity(modifier);
        v[updated_at] = exact(datetime(updated));
        revision
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_their_places_and_sign() {
        assert_eq!(decimal(123_405, 2), "1234.05");
        assert_eq!(decimal(-5, 2), "-0.05");
        assert_eq!(decimal(7, 3), "0.007");
        assert_eq!(trimmed_decimal(370_350, 2), "3703.5");
        assert_eq!(trimmed_decimal(1_200, 2), "12");
        assert_eq!(trimmed_decimal(0, 2), "0");
    }

    #[test]
    fn dates_and_datetimes_have_kintone_shapes() {
        assert_eq!(date(0), "2020-01-01");
        assert_eq!(date(366), "2021-01-01");
        assert_eq!(datetime(0), "2020-01-01T00:00:00Z");
        assert_eq!(datetime(61), "2020-01-01T01:01:00Z");
    }
}
