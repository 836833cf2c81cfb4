//! The parsed form of a query, before it is checked against an app.

use super::datefn::Func;
use super::lexer::CmpOp;

/// `[cond] [order by ...] [limit n] [offset n]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub cond: Option<Cond>,
    pub order: Vec<OrderKey>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// One `order by` key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderKey {
    pub field: String,
    pub descending: bool,
}

/// A condition: `and` binds tighter than `or`.
#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Pred(Pred),
}

/// `FIELD op value`, `FIELD [not] in (...)`, `FIELD [not] like "..."`,
/// `FIELD is [not] empty`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pred {
    pub field: String,
    pub op: Op,
    /// One value for comparisons and `like`, one or more for `in`, none for `is empty`.
    pub values: Vec<Literal>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Cmp(CmpOp),
    In,
    NotIn,
    Like,
    NotLike,
    IsEmpty,
    IsNotEmpty,
}

impl Op {
    /// The operator as written in a query (for error messages).
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Cmp(c) => c.symbol(),
            Op::In => "in",
            Op::NotIn => "not in",
            Op::Like => "like",
            Op::NotLike => "not like",
            Op::IsEmpty => "is empty",
            Op::IsNotEmpty => "is not empty",
        }
    }
}

/// A value on the right of an operator.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// A double-quoted string (escapes resolved).
    Str(String),
    /// A bare number, already checked to be `-?digits[.digits]`.
    Number(String),
    Func(Func),
}
