//! Pushdown: what of a query Kintone can do exactly.
//!
//! The rule: a pushed condition selects exactly the rows SQL would
//! ([`Pushed::Exact`]), or a superset of them that is re-checked locally
//! ([`Pushed::Superset`]); never a subset. Kintone's query language only
//! looks like SQL (facts §6): blanks compare as the minimum, text `!=`
//! matches blanks, `like` is a token search, subtable conditions match
//! any row. Each translation here accounts for that.
//!
//! The scan (`crate::provider`) describes its columns with a
//! [`TableBinding`] and asks it what to push.

mod column;
mod dynamic;
mod filter;
mod literal;
mod order;
pub mod rules;
#[cfg(test)]
pub(crate) mod tests;

pub use dynamic::{ID_BATCH, JOIN_KEY_LIST_MAX};
pub use filter::HAS_ANY;

use datafusion::logical_expr::{Expr, SortExpr, TableProviderFilterPushDown};
use kintone_core::schema::FieldDef;

use crate::types::SqlType;

/// What the scan of one table knows about one of its columns.
#[derive(Clone, Debug)]
pub struct ColumnBinding {
    /// The SQL column name (as DataFusion's `Column::name` has it).
    pub name: String,
    /// The Kintone field behind the column; `None` for columns Kintone
    /// cannot query (a subtable table's RowId, display-name companions...).
    /// RecordId is bound to a FieldDef of type `__ID__` with code `$id`.
    pub field: Option<FieldDef>,
    pub sql_type: SqlType,
    /// True when the column comes from a SUBTABLE row (a subtable table's
    /// own columns); false for app columns and a subtable table's parent columns.
    pub in_subtable_row: bool,
}

/// Which rows a table has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableShape {
    /// One row per record of the app.
    Records,
    /// One row per row of the SUBTABLE with this code (records without rows give none).
    SubtableRows { table_code: String },
}

/// The columns of one table, as the scan sees them.
#[derive(Clone, Debug)]
pub struct TableBinding {
    pub shape: TableShape,
    pub columns: Vec<ColumnBinding>,
}

/// A filter translated into Kintone's query language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pushed {
    /// Kintone returns exactly the rows SQL keeps.
    Exact(String),
    /// Kintone returns at least the rows SQL keeps; re-check locally.
    Superset(String),
}

impl TableBinding {
    /// The column bound to an SQL name.
    pub fn column(&self, name: &str) -> Option<&ColumnBinding> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Translates one filter (a conjunct of the WHERE clause, as DataFusion
    /// hands it to `TableProvider::scan`); `None` when nothing can be pushed.
    pub fn filter(&self, expr: &Expr) -> Option<Pushed> {
        self.translate(expr)
    }

    /// For `TableProvider::supports_filters_pushdown`: Exact when
    /// [`filter`](Self::filter) gives `Exact`, Inexact for `Superset`,
    /// Unsupported else.
    pub fn support(&self, expr: &Expr) -> TableProviderFilterPushDown {
        match self.filter(expr) {
            Some(Pushed::Exact(_)) => TableProviderFilterPushDown::Exact,
            Some(Pushed::Superset(_)) => TableProviderFilterPushDown::Inexact,
            None => TableProviderFilterPushDown::Unsupported,
        }
    }

    /// [`filter`](Self::filter) of each conjunct of one WHERE clause,
    /// translated together (see [`supports`](Self::supports)).
    pub fn filter_all(&self, filters: &[&Expr]) -> Vec<Option<Pushed>> {
        self.translate_all(filters)
    }

    /// For `TableProvider::supports_filters_pushdown`, with all the
    /// conjuncts at once (preferred to [`support`](Self::support)): a
    /// conjunct exact but for blank values (`Day <= b`) is exact when
    /// another conjunct excludes those blanks (`Day >= a`). The scan must
    /// then push [`condition`](Self::condition) of all the filters it gets.
    pub fn supports(&self, filters: &[&Expr]) -> Vec<TableProviderFilterPushDown> {
        self.filter_all(filters)
            .into_iter()
            .map(|pushed| match pushed {
                Some(Pushed::Exact(_)) => TableProviderFilterPushDown::Exact,
                Some(Pushed::Superset(_)) => TableProviderFilterPushDown::Inexact,
                None => TableProviderFilterPushDown::Unsupported,
            })
            .collect()
    }

    /// The Kintone condition for a set of conjuncts (`and` of the
    /// pushable ones, parenthesised); `None` when none is pushable.
    pub fn condition(&self, filters: &[Expr]) -> Option<String> {
        let parts: Vec<String> = filters
            .iter()
            .filter_map(|f| match self.filter(f)? {
                Pushed::Exact(c) | Pushed::Superset(c) => Some(format!("({c})")),
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" and "))
    }

    /// A Kintone `order by` that yields exactly SQL's order for these sort
    /// keys (NULLs as the smallest value unless `nulls_first` says
    /// otherwise, ties broken so that the order is deterministic), or
    /// `None` when Kintone's order could differ. The returned keys end
    /// with `$id asc`; an extra condition may be needed (e.g. `x is not
    /// empty`), returned as the second element and to be `and`-ed.
    pub fn order_by(&self, sort: &[SortExpr]) -> Option<(String, Option<String>)> {
        self.sort_keys(sort)
    }
}

/// Quotes a string as a Kintone query literal: `"..."` with `\"` and `\\`
/// escaped and newlines / tabs / carriage returns as `\n`, `\t`, `\r`.
pub fn quote_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
