//! The smallest `$id` a condition can match, so that a scan can start there.
//!
//! The seek method (`... and $id > last order by $id asc`, facts §4) asks
//! for the records above an id page after page; starting the scan at that
//! id keeps each page from re-reading the records before it. The full
//! condition is still evaluated on every record scanned: this only skips
//! records that cannot match.

use super::ast::{Cond, Literal, Op, Pred};
use super::lexer::CmpOp;

/// A lower bound on the `$id` of every record `cond` matches (0: none known).
pub fn lower_bound(cond: &Cond) -> u64 {
    match cond {
        // Every conjunct must hold: the tightest bound wins.
        Cond::And(parts) => parts.iter().map(lower_bound).max().unwrap_or(0),
        // Any branch may hold: only a bound shared by all branches is safe.
        Cond::Or(parts) => parts.iter().map(lower_bound).min().unwrap_or(0),
        Cond::Pred(pred) => pred_bound(pred),
    }
}

fn pred_bound(pred: &Pred) -> u64 {
    if pred.field != "$id" {
        return 0;
    }
    let Some(n) = pred.values.first().and_then(whole_number) else {
        return 0;
    };
    match pred.op {
        Op::Cmp(CmpOp::Gt) => n.saturating_add(1),
        Op::Cmp(CmpOp::Ge | CmpOp::Eq) => n,
        _ => 0,
    }
}

/// A literal written as a non-negative whole number (`5` or `"5"`).
fn whole_number(literal: &Literal) -> Option<u64> {
    match literal {
        Literal::Number(s) | Literal::Str(s) => s.parse().ok(),
        Literal::Func(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(query: &str) -> u64 {
        let parsed = super::super::parse(query).unwrap();
        parsed.cond.as_ref().map_or(0, lower_bound)
    }

    #[test]
    fn seek_conditions_give_the_starting_id() {
        assert_eq!(bound("$id > 500 order by $id asc limit 500"), 501);
        assert_eq!(bound("(Amount < 5) and $id > 500 order by $id asc"), 501);
        assert_eq!(bound("$id >= \"7\""), 7);
        assert_eq!(bound("$id = 9"), 9);
    }

    #[test]
    fn conditions_that_do_not_bound_the_id_start_at_zero() {
        assert_eq!(bound(""), 0);
        assert_eq!(bound("$id < 500"), 0);
        assert_eq!(bound("$id != 500"), 0);
        assert_eq!(bound("$id > 500 or Amount < 5"), 0);
        assert_eq!(bound("$id > -3"), 0);
        assert_eq!(bound("$id > 2.5"), 0);
        assert_eq!(bound("$id in (4, 5)"), 0);
    }

    #[test]
    fn or_keeps_the_smallest_bound_and_and_the_largest() {
        assert_eq!(bound("$id > 10 or $id >= 4"), 4);
        assert_eq!(bound("$id > 10 and $id >= 4"), 11);
    }
}
