//! `order by` (facts §4, §6): text by code point, case-sensitive; numbers
//! numerically; DROP_DOWN by option order; STATUS by state order;
//! CREATOR/MODIFIER by internal user id; blanks as the minimum; ties in `$id`
//! descending order whatever the key's direction.
//!
//! Sorting decorates: every record's keys are computed once, then sorted.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde_json::Value as Json;

use super::ast::OrderKey;
use super::check::sortable;
use super::errors::{not_sortable, unknown_field};
use super::key::{Domain, Key};
use super::Context;
use crate::api::ApiError;
use crate::model::{App, FieldDef, FieldSlot, FieldType, Record, Value};

/// How a field's values become sort keys.
#[derive(Clone, Debug, PartialEq)]
enum SortBy {
    Domain(Domain),
    /// Text by Unicode code point (Rust's `str` order).
    Text,
    /// A rank from a table: option order, state order, user id. Values not
    /// in the table sort after those that are ([assumed]).
    Rank(HashMap<String, i64>),
}

#[derive(Clone, Debug, PartialEq)]
enum Source {
    Id,
    Field(usize, SortBy),
}

/// A compiled sort key.
#[derive(Clone, Debug, PartialEq)]
pub struct SortKey {
    source: Source,
    descending: bool,
}

impl SortKey {
    fn is_id(&self, descending: bool) -> bool {
        self.source == Source::Id && self.descending == descending
    }
}

/// Checks and compiles `order by` keys against the app.
pub fn compile_order(ctx: &Context, keys: &[OrderKey]) -> Result<Vec<SortKey>, ApiError> {
    keys.iter()
        .map(|k| {
            Ok(SortKey {
                source: source(ctx, &k.field)?,
                descending: k.descending,
            })
        })
        .collect()
}

fn source(ctx: &Context, code: &str) -> Result<Source, ApiError> {
    if code == "$id" {
        return Ok(Source::Id);
    }
    let app = ctx.app;
    let index = match app.slot(code) {
        None => return Err(unknown_field(code)),
        // [assumed] Fields inside a table cannot be sort keys.
        Some(FieldSlot::InTable(..)) => return Err(not_sortable(code)),
        Some(FieldSlot::Top(i)) => i,
    };
    let def = &app.fields[index];
    if !sortable(def.kind) {
        return Err(not_sortable(code));
    }
    let by = match def.kind {
        FieldType::Id => return Ok(Source::Id),
        FieldType::DropDown | FieldType::RadioButton => SortBy::Rank(option_ranks(def)),
        FieldType::Status => SortBy::Rank(state_ranks(app)),
        FieldType::Creator | FieldType::Modifier => SortBy::Rank(
            ctx.store
                .users
                .iter()
                .map(|u| (u.code.clone(), u.id as i64))
                .collect(),
        ),
        _ => Domain::of(def).map_or(SortBy::Text, SortBy::Domain),
    };
    Ok(Source::Field(index, by))
}

/// DROP_DOWN sorts by option order (facts §6); [assumed] RADIO_BUTTON too.
fn option_ranks(def: &FieldDef) -> HashMap<String, i64> {
    def.options
        .iter()
        .enumerate()
        .map(|(i, o)| (o.clone(), i as i64))
        .collect()
}

/// STATUS sorts by the `index` of the states in `app/status.json`.
fn state_ranks(app: &App) -> HashMap<String, i64> {
    let Some(states) = app.status.get("states").and_then(Json::as_object) else {
        return HashMap::new();
    };
    states
        .iter()
        .map(|(name, state)| {
            let index = match state.get("index") {
                Some(Json::String(s)) => s.parse().unwrap_or(i64::MAX - 1),
                Some(Json::Number(n)) => n.as_i64().unwrap_or(i64::MAX - 1),
                _ => i64::MAX - 1,
            };
            (name.clone(), index)
        })
        .collect()
}

fn key_of<'a>(source: &Source, record: &'a Record, tz: chrono_tz::Tz) -> Key<'a> {
    let (index, by) = match source {
        Source::Id => return Key::Int(record.id as i64),
        Source::Field(i, by) => (*i, by),
    };
    let value = &record.values[index];
    if value.is_blank() {
        return Key::Blank;
    }
    let text = match value {
        Value::Text(s) => s.as_str(),
        Value::Entity(e) => e.code.as_str(),
        _ => return Key::Blank,
    };
    match by {
        SortBy::Domain(d) => d.key(text, tz),
        SortBy::Text => Key::Str(text),
        SortBy::Rank(ranks) => Key::Int(ranks.get(text).copied().unwrap_or(i64::MAX)),
    }
}

/// Sorts records given in `$id` descending order. The sort is stable, so
/// ties stay in `$id` descending order (facts §4).
pub fn sort(records: &mut Vec<&Record>, keys: &[SortKey], tz: chrono_tz::Tz) {
    match keys {
        [] => return,
        [only] if only.is_id(true) => return,
        [only] if only.is_id(false) => {
            records.reverse();
            return;
        }
        _ => {}
    }
    let width = keys.len();
    let mut decorated: Vec<Key> = Vec::with_capacity(records.len() * width);
    for r in records.iter() {
        decorated.extend(keys.iter().map(|k| key_of(&k.source, r, tz)));
    }
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (
            &decorated[a * width..(a + 1) * width],
            &decorated[b * width..(b + 1) * width],
        );
        for ((x, y), key) in ka.iter().zip(kb).zip(keys) {
            let o = if key.descending { y.cmp(x) } else { x.cmp(y) };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    });
    let sorted = order.iter().map(|&i| records[i]).collect();
    *records = sorted;
}
