//! A compiled condition and its evaluation against records.
//!
//! Everything that can be decided once (field slots, literal values, date
//! periods, like patterns) is decided by `compile`; evaluation only reads
//! the record's values and does not allocate (except for RICH_TEXT, whose
//! tags are stripped per value).

use super::key::{u64_text, Domain, Key, Operand};
use super::lexer::CmpOp;
use super::like::{rich_text_plain, Pattern};
use crate::model::{Record, Value};

/// Where a predicate reads its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// `$id`: the record id.
    Id,
    /// A top-level field: index into `Record::values`.
    Top(usize),
}

/// What a `like` searches in a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LikeSource {
    /// SINGLE_LINE_TEXT, LINK, MULTI_LINE_TEXT.
    Text,
    /// RICH_TEXT: the text with its HTML tags stripped.
    RichText,
    /// FILE: the file names.
    FileNames,
}

/// A test on one value.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// `= != > < >= <=` on an ordered type (numbers, dates, times).
    Compare {
        domain: Domain,
        op: CmpOp,
        operand: Operand,
    },
    /// `in` / `not in` on an ordered type: `=` against any operand.
    CompareAny {
        domain: Domain,
        operands: Vec<Operand>,
        negate: bool,
    },
    /// Exact string match against any listed value, on text, selections,
    /// users (by code) and status (by name). A multi-valued field matches
    /// when any of its values is listed. `include_blank` is set when `""`
    /// was listed: it matches an unset value.
    Match {
        values: Vec<String>,
        include_blank: bool,
        negate: bool,
    },
    Like {
        pattern: Pattern,
        source: LikeSource,
        negate: bool,
    },
    /// `is empty` / `is not empty`.
    Empty { negate: bool },
}

/// A compiled condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    All(Vec<Node>),
    Any(Vec<Node>),
    Test(Access, Test),
    /// Conditions on fields of one table (facts §6): a positive condition
    /// matches when any row matches, and positive conditions joined by
    /// `and` must hold on the same row; a negative one (`!=`, `not in`,
    /// `not like`) needs rows to exist and all of them to match. Empty
    /// tables never match.
    Rows {
        table: usize,
        /// (column in the table, test)
        positive: Vec<(usize, Test)>,
        negative: Vec<(usize, Test)>,
    },
}

impl Node {
    pub fn matches(&self, record: &Record, tz: chrono_tz::Tz) -> bool {
        match self {
            Node::All(nodes) => nodes.iter().all(|n| n.matches(record, tz)),
            Node::Any(nodes) => nodes.iter().any(|n| n.matches(record, tz)),
            Node::Test(Access::Id, test) => test.on_id(record.id),
            Node::Test(Access::Top(i), test) => test.on_value(&record.values[*i], tz),
            Node::Rows {
                table,
                positive,
                negative,
            } => {
                let Value::Table(rows) = &record.values[*table] else {
                    return false;
                };
                if rows.is_empty() {
                    return false;
                }
                let row_ok = |row: &crate::model::TableRow, tests: &[(usize, Test)]| {
                    tests
                        .iter()
                        .all(|(col, t)| t.on_value(&row.values[*col], tz))
                };
                (positive.is_empty() || rows.iter().any(|r| row_ok(r, positive)))
                    && rows.iter().all(|r| row_ok(r, negative))
            }
        }
    }
}

/// facts §6: blanks are the minimum (`Key::Blank` orders first), so `< x`
/// includes them and `>= x` does not. The operand is an inclusive range:
/// `=` means within it, `<` before its start, `>` after its end.
fn compare(key: Key, op: CmpOp, operand: &Operand) -> bool {
    let (lo, hi) = (operand.lo.key(), operand.hi.key());
    match op {
        CmpOp::Eq => lo <= key && key <= hi,
        CmpOp::Ne => !(lo <= key && key <= hi),
        CmpOp::Lt => key < lo,
        CmpOp::Le => key <= hi,
        CmpOp::Gt => key > hi,
        CmpOp::Ge => key >= lo,
    }
}

impl Test {
    fn on_key(&self, key: Key) -> bool {
        match self {
            Test::Compare { op, operand, .. } => compare(key, *op, operand),
            Test::CompareAny {
                operands, negate, ..
            } => operands.iter().any(|o| compare(key, CmpOp::Eq, o)) != *negate,
            // The compiler only builds ordered tests for `$id`.
            _ => false,
        }
    }

    fn on_id(&self, id: u64) -> bool {
        let mut buf = [0u8; 20];
        self.on_key(Domain::Number.key(u64_text(id, &mut buf), chrono_tz::UTC))
    }

    pub fn on_value(&self, value: &Value, tz: chrono_tz::Tz) -> bool {
        match self {
            Test::Compare { domain, .. } | Test::CompareAny { domain, .. } => {
                self.on_key(domain.key(value.as_text(), tz))
            }
            Test::Match {
                values,
                include_blank,
                negate,
            } => {
                let listed = |s: &str| values.iter().any(|v| v == s);
                let hit = if value.is_blank() {
                    *include_blank
                } else {
                    match value {
                        Value::Text(s) => listed(s),
                        Value::List(items) => items.iter().any(|s| listed(s)),
                        Value::Entity(e) => listed(&e.code),
                        Value::Entities(items) => items.iter().any(|e| listed(&e.code)),
                        Value::Files(_) | Value::Table(_) => false,
                    }
                };
                hit != *negate
            }
            Test::Like {
                pattern,
                source,
                negate,
            } => {
                let hit = match (source, value) {
                    (LikeSource::Text, Value::Text(s)) => pattern.matches(s),
                    (LikeSource::RichText, Value::Text(s)) => pattern.matches(&rich_text_plain(s)),
                    (LikeSource::FileNames, Value::Files(files)) => {
                        // A pattern with no words matches even a field without files.
                        files.iter().any(|f| pattern.matches(&f.name)) || pattern.matches("")
                    }
                    _ => false,
                };
                hit != *negate
            }
            Test::Empty { negate } => value.is_blank() != *negate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::decimal::OwnedDec;
    use crate::query::key::Bound;

    fn num(s: &str) -> Operand {
        Operand::point(Bound::Dec(OwnedDec::parse(s).unwrap()))
    }

    #[test]
    fn facts_6_blank_number_is_the_minimum_in_every_comparison() {
        let blank = Key::Blank;
        let cases = [
            (CmpOp::Lt, "100", true),
            (CmpOp::Le, "100", true),
            (CmpOp::Ge, "-5", false),
            (CmpOp::Gt, "-5", false),
            (CmpOp::Eq, "0", false),
            (CmpOp::Ne, "0", true),
        ];
        for (op, lit, expected) in cases {
            assert_eq!(
                compare(blank, op, &num(lit)),
                expected,
                "blank {op:?} {lit}"
            );
        }
    }

    #[test]
    fn blank_operand_selects_blanks() {
        let blank = Operand::point(Bound::Blank);
        let one = Key::Int(1);
        assert!(compare(Key::Blank, CmpOp::Eq, &blank));
        assert!(!compare(one, CmpOp::Eq, &blank));
        assert!(compare(one, CmpOp::Ne, &blank));
        assert!(compare(one, CmpOp::Gt, &blank));
        assert!(!compare(Key::Blank, CmpOp::Lt, &blank));
        assert!(compare(Key::Blank, CmpOp::Ge, &blank));
    }

    #[test]
    fn a_period_operand_means_within_before_or_after() {
        let week = Operand::span(10, 16);
        for (k, eq, lt, gt, le, ge) in [
            (9, false, true, false, true, false),
            (10, true, false, false, true, true),
            (16, true, false, false, true, true),
            (17, false, false, true, false, true),
        ] {
            let key = Key::Int(k);
            assert_eq!(compare(key, CmpOp::Eq, &week), eq, "{k} =");
            assert_eq!(compare(key, CmpOp::Ne, &week), !eq, "{k} !=");
            assert_eq!(compare(key, CmpOp::Lt, &week), lt, "{k} <");
            assert_eq!(compare(key, CmpOp::Gt, &week), gt, "{k} >");
            assert_eq!(compare(key, CmpOp::Le, &week), le, "{k} <=");
            assert_eq!(compare(key, CmpOp::Ge, &week), ge, "{k} >=");
        }
    }
}
