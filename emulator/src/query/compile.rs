//! Checks a parsed condition against the app's fields (facts §3 codes,
//! facts §6 rules) and compiles it into an evaluable `Node`: slots
//! resolved, literals parsed into keys, date functions turned into periods.

use chrono::NaiveDate;

use super::ast::{Cond, Literal, Op, Pred};
use super::check::{holds_users, is_negative, operator_allowed};
use super::datefn::{
    day_key, days_as_instants, parse_date, parse_datetime, parse_time, today, Func,
};
use super::decimal::OwnedDec;
use super::errors::{
    invalid_query, not_an_option, operator_not_allowed, table_field_equality, unknown_field,
    unknown_user,
};
use super::eval::{Access, LikeSource, Node, Test};
use super::key::{record_number_digits, Bound, Domain, Operand};
use super::lexer::CmpOp;
use super::like::Pattern;
use super::Context;
use crate::api::ApiError;
use crate::model::{FieldDef, FieldSlot, FieldType};

/// [assumed] The user Kintone records for API-token actions exists
/// everywhere, even though it is not one of the emulator's users.
const TOKEN_USER: &str = "Administrator";

/// A compiled condition and whether it searches with `like` (a `like`
/// search stops at 100,000 matches, facts §4).
pub struct Compiled {
    pub node: Node,
    pub uses_like: bool,
}

pub fn compile(ctx: &Context, cond: &Cond) -> Result<Compiled, ApiError> {
    let mut c = Compiler {
        ctx,
        today: today(ctx.now, ctx.time_zone),
        uses_like: false,
    };
    let node = c.cond(cond)?;
    Ok(Compiled {
        node,
        uses_like: c.uses_like,
    })
}

struct Compiler<'c, 'a> {
    ctx: &'c Context<'a>,
    today: NaiveDate,
    uses_like: bool,
}

/// Where the field of a predicate lives.
enum Target<'d> {
    Id,
    Top(usize, &'d FieldDef),
    InTable(usize, usize, &'d FieldDef),
}

fn function_refused(code: &str, f: &Func) -> ApiError {
    // [assumed] Kintone refuses a function on a field that cannot hold its
    // value; the exact code is not known, CB_VA01 on the query is used.
    invalid_query(&format!(
        "the function {}() cannot be used with the field ({code}).",
        f.name()
    ))
}

impl Compiler<'_, '_> {
    fn cond(&mut self, cond: &Cond) -> Result<Node, ApiError> {
        match cond {
            Cond::Pred(p) => self.pred(p),
            Cond::Or(items) => Ok(Node::Any(
                items
                    .iter()
                    .map(|c| self.cond(c))
                    .collect::<Result<_, _>>()?,
            )),
            Cond::And(items) => {
                let mut nodes = Vec::new();
                for c in items {
                    match self.cond(c)? {
                        Node::All(inner) => nodes.extend(inner),
                        n => nodes.push(n),
                    }
                }
                Ok(Node::All(merge_same_table(nodes)))
            }
        }
    }

    fn pred(&mut self, p: &Pred) -> Result<Node, ApiError> {
        let app = self.ctx.app;
        let target = if p.field == "$id" {
            Target::Id
        } else {
            match app.slot(&p.field) {
                None => return Err(unknown_field(&p.field)),
                Some(FieldSlot::Top(i)) if app.fields[i].kind == FieldType::Id => Target::Id,
                Some(FieldSlot::Top(i)) => Target::Top(i, &app.fields[i]),
                Some(FieldSlot::InTable(t, c)) => {
                    Target::InTable(t, c, &app.fields[t].subfields[c])
                }
            }
        };
        let kind = match target {
            Target::Id => FieldType::Id,
            Target::Top(_, def) | Target::InTable(_, _, def) => def.kind,
        };
        if !operator_allowed(kind, p.op) {
            return Err(operator_not_allowed(&p.field, p.op.symbol()));
        }
        // facts §3: STATUS and its assignees exist only with process management.
        if matches!(kind, FieldType::Status | FieldType::StatusAssignee)
            && !crate::write::process::enabled(app)
        {
            return Err(crate::write::process::disabled_error());
        }
        if matches!(target, Target::InTable(..)) && matches!(p.op, Op::Cmp(CmpOp::Eq | CmpOp::Ne)) {
            return Err(table_field_equality(&p.field, p.op.symbol()));
        }
        let test = match target {
            Target::Id => self.ordered(Domain::Number, p)?,
            Target::Top(_, def) | Target::InTable(_, _, def) => self.test(def, p)?,
        };
        Ok(match target {
            Target::Id => Node::Test(Access::Id, test),
            Target::Top(i, _) => Node::Test(Access::Top(i), test),
            Target::InTable(table, col, _) => {
                let (positive, negative) = if is_negative(p.op) {
                    (Vec::new(), vec![(col, test)])
                } else {
                    (vec![(col, test)], Vec::new())
                };
                Node::Rows {
                    table,
                    positive,
                    negative,
                }
            }
        })
    }

    fn test(&mut self, def: &FieldDef, p: &Pred) -> Result<Test, ApiError> {
        let negate = is_negative(p.op) || p.op == Op::IsNotEmpty;
        match p.op {
            Op::Like | Op::NotLike => {
                self.uses_like = true;
                let Some(Literal::Str(pattern)) = p.values.first() else {
                    return Err(invalid_query("like takes a string."));
                };
                let source = match def.kind {
                    FieldType::RichText => LikeSource::RichText,
                    FieldType::File => LikeSource::FileNames,
                    _ => LikeSource::Text,
                };
                return Ok(Test::Like {
                    pattern: Pattern::new(pattern),
                    source,
                    negate,
                });
            }
            Op::IsEmpty | Op::IsNotEmpty => return Ok(Test::Empty { negate }),
            _ => {}
        }
        if let Some(domain) = Domain::of(def) {
            return self.ordered(domain, p);
        }
        self.match_values(def, p, negate)
    }

    /// `= != > < >= <= in not in` on numbers, dates and times.
    fn ordered(&self, domain: Domain, p: &Pred) -> Result<Test, ApiError> {
        let operands = p
            .values
            .iter()
            .map(|lit| self.operand(domain, &p.field, lit))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(match p.op {
            Op::Cmp(op) => Test::Compare {
                domain,
                op,
                operand: operands
                    .into_iter()
                    .next()
                    .expect("a comparison has a value"),
            },
            _ => Test::CompareAny {
                domain,
                operands,
                negate: p.op == Op::NotIn,
            },
        })
    }

    fn operand(&self, domain: Domain, code: &str, lit: &Literal) -> Result<Operand, ApiError> {
        let tz = self.ctx.time_zone;
        let bad = |text: &str, what: &str| {
            invalid_query(&format!("\"{text}\" is not {what} for the field ({code})."))
        };
        let text = match lit {
            // A function: only dates and date-times take one.
            Literal::Func(f) => {
                let Some((from, to)) = f.date_period(self.today).filter(|_| f.is_temporal()) else {
                    return Err(function_refused(code, f));
                };
                return match domain {
                    Domain::Date => Ok(Operand::span(day_key(from), day_key(to))),
                    // NOW() has minute precision.
                    Domain::DateTime if *f == Func::Now => Ok(minute(self.ctx.now.timestamp())),
                    Domain::DateTime => {
                        let (lo, hi) = days_as_instants(from, to, tz);
                        Ok(Operand::span(lo, hi))
                    }
                    _ => Err(function_refused(code, f)),
                };
            }
            Literal::Str(s) if s.is_empty() => return Ok(Operand::point(Bound::Blank)),
            Literal::Str(s) => s.as_str(),
            Literal::Number(n) => n.as_str(),
        };
        let number = |digits: &str| {
            OwnedDec::parse(digits)
                .map(|d| Operand::point(Bound::Dec(d)))
                .ok_or_else(|| bad(text, "a number"))
        };
        let is_bare = matches!(lit, Literal::Number(_));
        match domain {
            Domain::Number => number(text),
            Domain::RecordNumber => number(record_number_digits(text)),
            _ if is_bare => Err(bad(text, "a quoted date or time")),
            Domain::Date => parse_date(text)
                .map(|d| Operand::span(day_key(d), day_key(d)))
                .ok_or_else(|| bad(text, "a date (YYYY-MM-DD)")),
            // [assumed] A date alone against a DATETIME means that whole day
            // in the user's time zone, as in Kintone's UI filters.
            Domain::DateTime => match parse_date(text) {
                Some(d) => {
                    let (lo, hi) = days_as_instants(d, d, tz);
                    Ok(Operand::span(lo, hi))
                }
                None => parse_datetime(text, tz)
                    .map(minute)
                    .ok_or_else(|| bad(text, "a date-time")),
            },
            Domain::Time => parse_time(text)
                .map(minute)
                .ok_or_else(|| bad(text, "a time (HH:MM)")),
        }
    }

    /// Exact matches: text, selections, users, organizations, groups, status.
    fn match_values(&self, def: &FieldDef, p: &Pred, negate: bool) -> Result<Test, ApiError> {
        let mut values = Vec::new();
        let mut include_blank = false;
        for lit in &p.values {
            let text = match lit {
                Literal::Str(s) | Literal::Number(s) => s.as_str(),
                Literal::Func(Func::LoginUser) if holds_users(def.kind) => {
                    // [assumed] Without a signed-in user (API token) LOGINUSER()
                    // is nobody: it matches nothing.
                    values.extend(self.ctx.login_user.map(str::to_string));
                    continue;
                }
                // The signed-in user's primary organization (fixture
                // `primaryOrganization`); [assumed] none for API tokens or
                // users without one: it matches nothing.
                Literal::Func(Func::PrimaryOrganization)
                    if def.kind == FieldType::OrganizationSelect =>
                {
                    values.extend(
                        self.ctx
                            .login_user
                            .and_then(|code| self.ctx.store.user(code))
                            .map(|u| u.primary_organization.clone())
                            .filter(|org| !org.is_empty()),
                    );
                    continue;
                }
                Literal::Func(f) => return Err(function_refused(&p.field, f)),
            };
            if def.kind.has_options() {
                // facts: `in ("")` matches unset values; other values must be options.
                if text.is_empty() {
                    include_blank = true;
                    continue;
                }
                if def.option_index(text).is_none() {
                    return Err(not_an_option(&p.field, text));
                }
            } else if text.trim().is_empty() {
                // Whitespace-only text counts as empty (facts §6).
                include_blank = true;
                continue;
            } else if holds_users(def.kind)
                && text != TOKEN_USER
                && self.ctx.store.user(text).is_none()
            {
                return Err(unknown_user(text));
            }
            values.push(text.to_string());
        }
        Ok(Test::Match {
            values,
            include_blank,
            negate,
        })
    }
}

/// The minute containing the instant `t` (DATETIME values have minute
/// precision; [assumed] a literal with seconds means its minute).
fn minute(t: i64) -> Operand {
    let start = t - t.rem_euclid(60);
    Operand::span(start, start + 59)
}

/// facts §6: `and` between conditions on one table means the same row, so
/// the row conditions of one table under one `and` are evaluated together.
fn merge_same_table(nodes: Vec<Node>) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::with_capacity(nodes.len());
    for node in nodes {
        if let Node::Rows {
            table,
            positive,
            negative,
        } = node
        {
            let existing = out.iter_mut().find_map(|n| match n {
                Node::Rows {
                    table: t,
                    positive: p,
                    negative: n,
                } if *t == table => Some((p, n)),
                _ => None,
            });
            match existing {
                Some((p, n)) => {
                    p.extend(positive);
                    n.extend(negative);
                }
                None => out.push(Node::Rows {
                    table,
                    positive,
                    negative,
                }),
            }
        } else {
            out.push(node);
        }
    }
    out
}
