//! WHERE conditions into Kintone's query language.
//!
//! Kintone has no `not`, so negation is pushed down to the predicates
//! first: in SQL's three-valued logic `NOT (x < 5)` is true exactly when
//! `x >= 5` is (both are unknown for NULL), and De Morgan's laws hold.
//! Each predicate is then translated for the rows SQL keeps when it is
//! true, as [`Part`]: exact, or a superset. `and` of an exact part with an
//! untranslatable one keeps the exact part as a superset; `or` needs both.

use std::collections::BTreeSet;

use datafusion::common::ScalarValue;
use datafusion::logical_expr::expr::{Between, InList, ScalarFunction};
use datafusion::logical_expr::{BinaryExpr, Expr, Operator};

use super::column::{Kind, Resolved};
use super::literal::{self, GridLiteral};
use super::{quote_string, Pushed, TableBinding};

/// The name of the membership function for multi-valued columns
/// (`HAS_ANY(col, 'a', 'b')`: true when any listed value is in the list).
pub const HAS_ANY: &str = "has_any";

/// How close a translation is to SQL's rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Precision {
    Exact,
    /// Exact except that Kintone also returns records where this field is
    /// blank (blank is Kintone's minimum: `x < 5` matches blank `x`); exact
    /// again when the whole condition excludes blank values of the field.
    ExtraBlanks(String),
    Superset,
}

/// A translated condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Part {
    pub text: String,
    pub precision: Precision,
    /// Fields whose blank values Kintone never returns for `text`.
    pub non_blank: BTreeSet<String>,
}

impl Part {
    fn new(text: String, precision: Precision) -> Part {
        Part {
            text,
            precision,
            non_blank: BTreeSet::new(),
        }
    }

    fn excluding_blanks_of(mut self, code: &str) -> Part {
        self.non_blank.insert(code.to_string());
        self
    }

    /// The precision once the blanks of `non_blank` fields are known to be excluded.
    fn settled(&self, non_blank: &BTreeSet<String>) -> Precision {
        match &self.precision {
            Precision::ExtraBlanks(code) if non_blank.contains(code) => Precision::Exact,
            other => other.clone(),
        }
    }

    /// `self and other`: blanks excluded by either side are excluded.
    fn and(self, other: Part) -> Part {
        let non_blank: BTreeSet<String> = self.non_blank.union(&other.non_blank).cloned().collect();
        let precision = combine(self.settled(&non_blank), other.settled(&non_blank));
        Part {
            text: format!("({} and {})", self.text, other.text),
            precision,
            non_blank,
        }
    }

    /// `self or other`: only blanks excluded by both sides are excluded.
    fn or(self, other: Part) -> Part {
        let non_blank = self
            .non_blank
            .intersection(&other.non_blank)
            .cloned()
            .collect();
        Part {
            text: format!("({} or {})", self.text, other.text),
            precision: combine(self.precision, other.precision),
            non_blank,
        }
    }
}

/// The precision of `and`/`or` of two parts: extra rows of both kinds add up.
fn combine(a: Precision, b: Precision) -> Precision {
    match (a, b) {
        (Precision::Exact, Precision::Exact) => Precision::Exact,
        (Precision::Exact, Precision::ExtraBlanks(c))
        | (Precision::ExtraBlanks(c), Precision::Exact) => Precision::ExtraBlanks(c),
        (Precision::ExtraBlanks(c), Precision::ExtraBlanks(d)) if c == d => {
            Precision::ExtraBlanks(c)
        }
        _ => Precision::Superset,
    }
}

fn exact(text: String) -> Option<Part> {
    Some(Part::new(text, Precision::Exact))
}

fn superset(text: String) -> Option<Part> {
    Some(Part::new(text, Precision::Superset))
}

/// A comparison, with the column on the left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn of(op: Operator) -> Option<Cmp> {
        Some(match op {
            Operator::Eq => Cmp::Eq,
            Operator::NotEq => Cmp::Ne,
            Operator::Lt => Cmp::Lt,
            Operator::LtEq => Cmp::Le,
            Operator::Gt => Cmp::Gt,
            Operator::GtEq => Cmp::Ge,
            _ => return None,
        })
    }

    /// `5 < x` is `x > 5`.
    fn swapped(self) -> Cmp {
        match self {
            Cmp::Lt => Cmp::Gt,
            Cmp::Le => Cmp::Ge,
            Cmp::Gt => Cmp::Lt,
            Cmp::Ge => Cmp::Le,
            other => other,
        }
    }

    /// The comparison true exactly when this one is false (for non-NULL values).
    fn negated(self) -> Cmp {
        match self {
            Cmp::Eq => Cmp::Ne,
            Cmp::Ne => Cmp::Eq,
            Cmp::Lt => Cmp::Ge,
            Cmp::Le => Cmp::Gt,
            Cmp::Gt => Cmp::Le,
            Cmp::Ge => Cmp::Lt,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Ne => "!=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

/// A non-NULL literal, casts folded.
fn literal_of(expr: &Expr) -> Option<ScalarValue> {
    let value = match expr {
        Expr::Literal(value, _) => value.clone(),
        Expr::Cast(cast) => literal_of(&cast.expr)?
            .cast_to(cast.field.data_type())
            .ok()?,
        Expr::TryCast(cast) => literal_of(&cast.expr)?
            .cast_to(cast.field.data_type())
            .ok()?,
        Expr::Alias(alias) => literal_of(&alias.expr)?,
        _ => return None,
    };
    (!value.is_null()).then_some(value)
}

impl TableBinding {
    pub(super) fn translate(&self, expr: &Expr) -> Option<Pushed> {
        let part = self.part(expr, false)?;
        Some(if part.precision == Precision::Exact {
            Pushed::Exact(part.text)
        } else {
            Pushed::Superset(part.text)
        })
    }

    /// Translates the conjuncts of one WHERE clause together: a conjunct
    /// that is exact but for blank values of a field becomes exact when
    /// another pushed conjunct excludes those blanks (`Day >= a` and
    /// `Day <= b`). The pushed condition must then `and` all of them
    /// (as [`TableBinding::condition`] does).
    pub(super) fn translate_all(&self, filters: &[&Expr]) -> Vec<Option<Pushed>> {
        let parts: Vec<Option<Part>> = filters.iter().map(|f| self.part(f, false)).collect();
        let non_blank: BTreeSet<String> = parts
            .iter()
            .flatten()
            .flat_map(|p| p.non_blank.iter().cloned())
            .collect();
        parts
            .into_iter()
            .map(|part| {
                let part = part?;
                Some(if part.settled(&non_blank) == Precision::Exact {
                    Pushed::Exact(part.text)
                } else {
                    Pushed::Superset(part.text)
                })
            })
            .collect()
    }

    /// Translates `expr` (or `NOT expr` when `negated`).
    fn part(&self, expr: &Expr, negated: bool) -> Option<Part> {
        match expr {
            Expr::Alias(alias) => self.part(&alias.expr, negated),
            Expr::Not(inner) => self.part(inner, !negated),
            Expr::BinaryExpr(BinaryExpr { left, op, right }) => match op {
                Operator::And if !negated => self.and(left, right, false),
                Operator::And => self.or(left, right, true),
                Operator::Or if !negated => self.or(left, right, false),
                Operator::Or => self.and(left, right, true),
                _ => self.comparison(left, *op, right, negated),
            },
            Expr::Between(Between {
                expr,
                negated: not_between,
                low,
                high,
            }) => {
                let inner = expr.as_ref().clone();
                // BETWEEN is `x >= low AND x <= high` in three-valued logic too.
                let range = inner
                    .clone()
                    .gt_eq(low.as_ref().clone())
                    .and(inner.lt_eq(high.as_ref().clone()));
                self.part(&range, negated != *not_between)
            }
            Expr::InList(InList {
                expr,
                list,
                negated: not_in,
            }) => self.in_list(expr, list, negated != *not_in),
            Expr::IsNull(inner) => self.null_test(inner, !negated),
            Expr::IsNotNull(inner) => self.null_test(inner, negated),
            Expr::ScalarFunction(ScalarFunction { func, args })
                if func.name().eq_ignore_ascii_case(HAS_ANY) =>
            {
                self.has_any(args, negated)
            }
            _ => None,
        }
    }

    fn and(&self, left: &Expr, right: &Expr, negated: bool) -> Option<Part> {
        match (self.part(left, negated), self.part(right, negated)) {
            (Some(l), Some(r)) => Some(l.and(r)),
            // Dropping a conjunct widens the result: a superset.
            (Some(only), None) | (None, Some(only)) => superset(only.text),
            (None, None) => None,
        }
    }

    fn or(&self, left: &Expr, right: &Expr, negated: bool) -> Option<Part> {
        let (l, r) = (self.part(left, negated)?, self.part(right, negated)?);
        Some(l.or(r))
    }

    fn comparison(&self, left: &Expr, op: Operator, right: &Expr, negated: bool) -> Option<Part> {
        let cmp = Cmp::of(op)?;
        let (column, value, cmp) = match (self.resolve(left), self.resolve(right)) {
            (Some(c), None) => (c, literal_of(right)?, cmp),
            (None, Some(c)) => (c, literal_of(left)?, cmp.swapped()),
            _ => return None,
        };
        let cmp = if negated { cmp.negated() } else { cmp };
        self.compare(&column, cmp, &value)
    }

    /// `column <cmp> value` on one column.
    fn compare(&self, c: &Resolved, cmp: Cmp, value: &ScalarValue) -> Option<Part> {
        match &c.kind {
            Kind::Integer | Kind::Number { .. } => {
                let n = literal::number(value, c.numeric)?;
                if c.kind == Kind::Integer && !literal::is_integer(&n) {
                    return None;
                }
                ordered(c, cmp, &n)
            }
            Kind::Double => row(c, double_range(c.code(), cmp, value), false),
            Kind::Date => ordered(c, cmp, &literal::date(value)?),
            Kind::Time => on_grid(c, cmp, &literal::time(value)?),
            Kind::DateTime => on_grid(c, cmp, &literal::timestamp(value)?),
            Kind::Text => {
                let text = literal::text(value)?;
                match cmp {
                    Cmp::Eq => self.text_in(c, &[text], false),
                    Cmp::Ne => self.text_in(c, &[text], true),
                    _ => None,
                }
            }
            Kind::Choice | Kind::Status => {
                let text = literal::text(value)?;
                match cmp {
                    Cmp::Eq => self.choice_in(c, &[text], false),
                    Cmp::Ne => self.choice_in(c, &[text], true),
                    _ => None,
                }
            }
            Kind::LongText | Kind::Options | Kind::File => None,
        }
    }

    fn in_list(&self, expr: &Expr, list: &[Expr], negated: bool) -> Option<Part> {
        let column = self.resolve(expr)?;
        if list.is_empty() {
            return None;
        }
        let values: Vec<ScalarValue> = list.iter().map(literal_of).collect::<Option<_>>()?;
        match &column.kind {
            Kind::Double if !negated => {
                let ranges: Vec<String> = values
                    .iter()
                    .map(|v| Some(double_range(column.code(), Cmp::Eq, v)?.text))
                    .collect::<Option<_>>()?;
                row(
                    &column,
                    superset(format!("({})", ranges.join(" or "))),
                    false,
                )
            }
            Kind::Double => None,
            Kind::Integer | Kind::Number { .. } => {
                let numbers: Vec<String> = values
                    .iter()
                    .map(|v| literal::number(v, column.numeric))
                    .collect::<Option<_>>()?;
                if column.kind == Kind::Integer && !numbers.iter().all(|n| literal::is_integer(n)) {
                    return None;
                }
                let text = format!(
                    "{} {} ({})",
                    column.code(),
                    if negated { "not in" } else { "in" },
                    numbers.join(", ")
                );
                // `not in` also matches blanks.
                let code = column.code();
                let part = match (negated, column.always_set(), column.not_blank()) {
                    (false, ..) => exact(text).map(|p| p.excluding_blanks_of(code)),
                    (true, true, _) => exact(text),
                    (true, false, Some(guard)) => {
                        exact(format!("({text} and {guard})")).map(|p| p.excluding_blanks_of(code))
                    }
                    (true, false, None) => {
                        Some(Part::new(text, Precision::ExtraBlanks(code.to_string())))
                    }
                };
                row(&column, part, negated)
            }
            Kind::Text | Kind::Choice | Kind::Status => {
                let texts: Vec<&str> = values.iter().map(literal::text).collect::<Option<_>>()?;
                if column.kind == Kind::Text {
                    self.text_in(&column, &texts, negated)
                } else {
                    self.choice_in(&column, &texts, negated)
                }
            }
            // No `in` on dates and times: `x = a or x = b` (or `x != a and x != b`).
            Kind::Date | Kind::Time | Kind::DateTime => {
                let mut parts = values
                    .iter()
                    .map(|v| self.compare(&column, if negated { Cmp::Ne } else { Cmp::Eq }, v));
                let mut joined = parts.next()??;
                for p in parts {
                    joined = if negated {
                        joined.and(p?)
                    } else {
                        joined.or(p?)
                    };
                }
                Some(joined)
            }
            Kind::LongText | Kind::Options | Kind::File => None,
        }
    }

    /// Text `=`/`in` and `!=`/`not in`. Kintone's `!=` and `not in` also
    /// match blanks (a superset of SQL's rows); a literal Kintone may take
    /// for blank also matches blanks, so under `=` it gives a superset and
    /// under `!=` it is refused (it would drop whitespace-only values SQL keeps).
    fn text_in(&self, c: &Resolved, texts: &[&str], negated: bool) -> Option<Part> {
        let any_blank = texts.iter().any(|t| literal::maybe_blank(t));
        let list = texts.iter().map(|t| quote_string(t)).collect::<Vec<_>>();
        let code = c.code();
        let part = match (negated, any_blank) {
            (false, false) => exact(format!("{code} in ({})", list.join(", "))),
            (false, true) => superset(format!("{code} in ({})", list.join(", "))),
            (true, false) => superset(format!("{code} not in ({})", list.join(", "))),
            (true, true) => None,
        };
        row(c, part, negated)
    }

    /// DROP_DOWN / RADIO_BUTTON (option names only: any other value is a
    /// query error, `GAIA_IQ10`) and STATUS. `not in` also matches blanks;
    /// listing `""` excludes them (`in ("")` matches unset values).
    fn choice_in(&self, c: &Resolved, texts: &[&str], negated: bool) -> Option<Part> {
        if c.kind == Kind::Choice
            && !texts
                .iter()
                .all(|t| c.field.option_names().any(|o| o == *t))
        {
            return None;
        }
        if texts.iter().any(|t| literal::maybe_blank(t)) {
            return None;
        }
        let list = texts.iter().map(|t| quote_string(t)).collect::<Vec<_>>();
        let code = c.code();
        let part = match (negated, &c.kind) {
            (false, _) => exact(format!("{code} in ({})", list.join(", "))),
            (true, Kind::Choice) => exact(format!("{code} not in ({}, \"\")", list.join(", "))),
            (true, _) => superset(format!("{code} not in ({})", list.join(", "))),
        };
        row(c, part, negated)
    }

    /// `IS NULL` (`null`) or `IS NOT NULL`.
    fn null_test(&self, expr: &Expr, null: bool) -> Option<Part> {
        let c = self.resolve(expr)?;
        let code = c.code();
        let (part, negative) = match (&c.kind, null) {
            // Blank is the minimum and every value is above the floor.
            (Kind::Number { floor: Some(f) }, true) => (exact(format!("{code} <= {f}")), false),
            (Kind::Number { floor: Some(f) }, false) => (exact(format!("{code} > {f}")), false),
            (Kind::Time, true) => (exact(format!("{code} < \"00:00\"")), false),
            (Kind::Time, false) => (exact(format!("{code} >= \"00:00\"")), false),
            (Kind::Choice | Kind::Options, true) => (exact(format!("{code} in (\"\")")), false),
            (Kind::Choice | Kind::Options, false) => (exact(format!("{code} not in (\"\")")), true),
            (Kind::File, true) => (exact(format!("{code} is empty")), false),
            (Kind::File, false) => (exact(format!("{code} is not empty")), true),
            // Whitespace-only text is empty to Kintone but a value to SQL.
            (Kind::Text, true) => (superset(format!("{code} in (\"\")")), false),
            (Kind::LongText, true) => (superset(format!("{code} is empty")), false),
            _ => return None,
        };
        row(&c, part, negative)
    }

    /// `HAS_ANY(col, 'a', ...)` on CHECK_BOX / MULTI_SELECT: `col in ("a", ...)`
    /// (exact: a list matches when any of its values is listed). Negated,
    /// Kintone's `not in` also keeps empty lists: a superset.
    fn has_any(&self, args: &[Expr], negated: bool) -> Option<Part> {
        let (column, values) = args.split_first()?;
        let c = self.resolve(column)?;
        if c.kind != Kind::Options || values.is_empty() {
            return None;
        }
        let texts: Vec<String> = values
            .iter()
            .map(|v| literal_of(v).and_then(|v| literal::text(&v).map(str::to_string)))
            .collect::<Option<_>>()?;
        if !texts.iter().all(|t| c.field.option_names().any(|o| o == t)) {
            return None;
        }
        let list = texts.iter().map(|t| quote_string(t)).collect::<Vec<_>>();
        let part = if negated {
            superset(format!("{} not in ({})", c.code(), list.join(", ")))
        } else {
            exact(format!("{} in ({})", c.code(), list.join(", ")))
        };
        row(&c, part, negated)
    }
}

/// An ordered comparison where blank is the minimum: `<`, `<=`, `!=` also
/// match blanks, which the column's not-blank condition (when it has one)
/// excludes.
fn ordered(c: &Resolved, cmp: Cmp, value: &str) -> Option<Part> {
    let code = c.code();
    if c.in_row() {
        return row_comparison(c, cmp, value);
    }
    let text = format!("{code} {} {value}", cmp.symbol());
    match cmp {
        Cmp::Eq | Cmp::Gt | Cmp::Ge => exact(text).map(|p| p.excluding_blanks_of(code)),
        _ if c.always_set() => exact(text),
        _ => match c.not_blank() {
            Some(guard) => {
                exact(format!("({text} and {guard})")).map(|p| p.excluding_blanks_of(code))
            }
            None => Some(Part::new(text, Precision::ExtraBlanks(code.to_string()))),
        },
    }
}

/// `x <cmp> v` on a DOUBLE column (exact decimals rounded to f64): the
/// range of exact values that can round to the side SQL keeps, always a
/// superset (rounding never reverses order: `x <= d` implies
/// `f64(x) <= f64(d)`). `!=` would keep nearly everything: not sent.
fn double_range(code: &str, cmp: Cmp, value: &ScalarValue) -> Option<Part> {
    let v = literal::double(value)?;
    let above = |bound: f64| Some(format!("{code} > {}", literal::decimal_at_most(bound)?));
    let below = |bound: f64| Some(format!("{code} < {}", literal::decimal_at_least(bound)?));
    let text = match cmp {
        // f64(x) > v needs x above every decimal rounding to at most v.
        Cmp::Gt => above(v)?,
        Cmp::Ge => above(literal::next_down(v))?,
        Cmp::Lt => below(v)?,
        Cmp::Le => below(literal::next_up(v))?,
        Cmp::Eq => format!(
            "({} and {})",
            above(literal::next_down(v))?,
            below(literal::next_up(v))?
        ),
        Cmp::Ne => return None,
    };
    superset(text)
}

/// A comparison on a subtable row's column: `=` is not allowed inside
/// tables (`GAIA_IQ07`) and becomes `in` (numbers) or a closed range;
/// `!=` is negative (see [`row`]).
fn row_comparison(c: &Resolved, cmp: Cmp, value: &str) -> Option<Part> {
    let code = c.code();
    match (cmp, &c.kind) {
        (Cmp::Ne, _) => None,
        (Cmp::Eq, Kind::Integer | Kind::Number { .. }) => superset(format!("{code} in ({value})")),
        (Cmp::Eq, _) => superset(format!("({code} >= {value} and {code} <= {value})")),
        _ => superset(format!("{code} {} {value}", cmp.symbol())),
    }
}

/// A comparison on the minute grid (TIME, DATETIME values are whole
/// minutes; Kintone compares a literal as its whole minute). A literal
/// inside minute `m`: `x < lit` and `x <= lit` are `x <= m`, `x > lit` and
/// `x >= lit` are `x > m`; `=` is never true and `!=` is `IS NOT NULL`.
fn on_grid(c: &Resolved, cmp: Cmp, lit: &GridLiteral) -> Option<Part> {
    let cmp = if lit.inside_minute {
        match cmp {
            Cmp::Lt | Cmp::Le => Cmp::Le,
            Cmp::Gt | Cmp::Ge => Cmp::Gt,
            Cmp::Eq | Cmp::Ne => return None,
        }
    } else {
        cmp
    };
    ordered(c, cmp, &lit.text)
}

/// Conditions on a subtable row's column match a record when any of its
/// rows matches: every translation is a superset of the rows SQL keeps.
/// Negative ones (`!=`, `not in`, `is not empty`) need all rows to match,
/// which drops records with some matching rows: refused.
fn row(c: &Resolved, part: Option<Part>, negative: bool) -> Option<Part> {
    match (c.in_row(), negative) {
        (false, _) => part,
        (true, true) => None,
        (true, false) => superset(part?.text),
    }
}
