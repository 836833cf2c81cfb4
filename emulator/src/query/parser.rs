//! Recursive-descent parser for the grammar of facts §6:
//!
//! ```text
//! query := [cond] ["order by" key [asc|desc] {"," key [asc|desc]}] ["limit" n] ["offset" n]
//! cond  := and {"or" and} ; and := term {"and" term} ; term := "(" cond ")" | pred
//! ```
//! [assumed] Keywords are case-insensitive; field codes are case-sensitive.

use super::ast::{Cond, Literal, Op, OrderKey, Pred, Query};
use super::datefn::Func;
use super::errors::SyntaxError;
use super::lexer::{tokenize, Tok, Token};

/// Parses a whole query. An empty (or blank) query selects every record.
pub fn parse(query: &str) -> Result<Query, SyntaxError> {
    let tokens = tokenize(query)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        end: query.chars().count(),
    };
    let cond = if p.at_options_or_end() {
        None
    } else {
        Some(p.cond()?)
    };
    let order = p.order_by()?;
    let limit = p.count_option("limit")?;
    let offset = p.count_option("offset")?;
    if let Some(t) = p.peek() {
        let at = t.at;
        return Err(SyntaxError::at(
            at,
            format!("unexpected {}", describe(&t.tok)),
        ));
    }
    Ok(Query {
        cond,
        order,
        limit,
        offset,
    })
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// Length of the query in characters: where "end of query" is reported.
    end: usize,
}

fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Word(w) => format!("\"{w}\""),
        Tok::Str(s) => format!("string \"{s}\""),
        Tok::Op(op) => format!("\"{}\"", op.symbol()),
        Tok::LParen => "\"(\"".into(),
        Tok::RParen => "\")\"".into(),
        Tok::Comma => "\",\"".into(),
    }
}

/// A bare number: `-?digits[.digits]`.
fn is_number(w: &str) -> bool {
    let unsigned = w.strip_prefix('-').unwrap_or(w);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits)
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_tok(&self, ahead: usize) -> Option<&Tok> {
        self.tokens.get(self.pos + ahead).map(|t| &t.tok)
    }

    fn here(&self) -> usize {
        self.peek().map_or(self.end, |t| t.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn is_keyword(&self, ahead: usize, kw: &str) -> bool {
        matches!(self.peek_tok(ahead), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(kw))
    }

    fn eat_keyword(&mut self, kw: &str) -> bool {
        let yes = self.is_keyword(0, kw);
        if yes {
            self.pos += 1;
        }
        yes
    }

    fn expect_keyword(&mut self, kw: &str) -> Result<(), SyntaxError> {
        if self.eat_keyword(kw) {
            Ok(())
        } else {
            Err(self.unexpected(&format!("\"{kw}\"")))
        }
    }

    fn unexpected(&self, wanted: &str) -> SyntaxError {
        match self.peek() {
            Some(t) => SyntaxError::at(
                t.at,
                format!("expected {wanted} but found {}", describe(&t.tok)),
            ),
            None => SyntaxError::at(
                self.end,
                format!("expected {wanted} at the end of the query"),
            ),
        }
    }

    /// True at the end, or where `order by`, `limit n` or `offset n` starts.
    /// A field may be called `limit`: it is one when an operator follows.
    fn at_options_or_end(&self) -> bool {
        if self.peek().is_none() {
            return true;
        }
        if self.is_keyword(0, "order") && self.is_keyword(1, "by") {
            return true;
        }
        (self.is_keyword(0, "limit") || self.is_keyword(0, "offset"))
            && matches!(self.peek_tok(1), Some(Tok::Word(w)) if is_number(w))
    }

    fn cond(&mut self) -> Result<Cond, SyntaxError> {
        let mut any = vec![self.and_cond()?];
        while self.eat_keyword("or") {
            any.push(self.and_cond()?);
        }
        Ok(if any.len() == 1 {
            any.pop().expect("one element")
        } else {
            Cond::Or(any)
        })
    }

    fn and_cond(&mut self) -> Result<Cond, SyntaxError> {
        let mut all = vec![self.term()?];
        while self.eat_keyword("and") {
            all.push(self.term()?);
        }
        Ok(if all.len() == 1 {
            all.pop().expect("one element")
        } else {
            Cond::And(all)
        })
    }

    fn term(&mut self) -> Result<Cond, SyntaxError> {
        if matches!(self.peek_tok(0), Some(Tok::LParen)) {
            self.pos += 1;
            let inner = self.cond()?;
            if !matches!(self.peek_tok(0), Some(Tok::RParen)) {
                return Err(self.unexpected("\")\""));
            }
            self.pos += 1;
            return Ok(inner);
        }
        self.pred().map(Cond::Pred)
    }

    fn pred(&mut self) -> Result<Pred, SyntaxError> {
        let field = match self.peek_tok(0) {
            Some(Tok::Word(w)) => w.clone(),
            _ => return Err(self.unexpected("a field code")),
        };
        self.pos += 1;
        let (op, values) = match self.peek_tok(0).cloned() {
            Some(Tok::Op(cmp)) => {
                self.pos += 1;
                (Op::Cmp(cmp), vec![self.value()?])
            }
            Some(Tok::Word(w)) if w.eq_ignore_ascii_case("in") => {
                self.pos += 1;
                (Op::In, self.value_list()?)
            }
            Some(Tok::Word(w)) if w.eq_ignore_ascii_case("like") => {
                self.pos += 1;
                (Op::Like, vec![self.like_pattern()?])
            }
            Some(Tok::Word(w)) if w.eq_ignore_ascii_case("not") => {
                self.pos += 1;
                if self.eat_keyword("in") {
                    (Op::NotIn, self.value_list()?)
                } else if self.eat_keyword("like") {
                    (Op::NotLike, vec![self.like_pattern()?])
                } else {
                    return Err(self.unexpected("\"in\" or \"like\" after \"not\""));
                }
            }
            Some(Tok::Word(w)) if w.eq_ignore_ascii_case("is") => {
                self.pos += 1;
                let negated = self.eat_keyword("not");
                self.expect_keyword("empty")?;
                let op = if negated { Op::IsNotEmpty } else { Op::IsEmpty };
                (op, Vec::new())
            }
            _ => return Err(self.unexpected("an operator")),
        };
        Ok(Pred { field, op, values })
    }

    /// `like` takes a string literal only.
    fn like_pattern(&mut self) -> Result<Literal, SyntaxError> {
        match self.peek_tok(0) {
            Some(Tok::Str(s)) => {
                let s = s.clone();
                self.pos += 1;
                Ok(Literal::Str(s))
            }
            _ => Err(self.unexpected("a string in double quotes")),
        }
    }

    fn value_list(&mut self) -> Result<Vec<Literal>, SyntaxError> {
        if !matches!(self.peek_tok(0), Some(Tok::LParen)) {
            return Err(self.unexpected("\"(\""));
        }
        self.pos += 1;
        let mut values = vec![self.value()?];
        loop {
            match self.peek_tok(0) {
                Some(Tok::Comma) => {
                    self.pos += 1;
                    values.push(self.value()?);
                }
                Some(Tok::RParen) => {
                    self.pos += 1;
                    return Ok(values);
                }
                _ => return Err(self.unexpected("\",\" or \")\"")),
            }
        }
    }

    fn value(&mut self) -> Result<Literal, SyntaxError> {
        let at = self.here();
        match self.peek_tok(0).cloned() {
            Some(Tok::Str(s)) => {
                self.pos += 1;
                Ok(Literal::Str(s))
            }
            Some(Tok::Word(w)) if matches!(self.peek_tok(1), Some(Tok::LParen)) => {
                self.pos += 2;
                let args = self.function_args()?;
                Func::from_call(&w, &args)
                    .map(Literal::Func)
                    .map_err(|m| SyntaxError::at(at, m))
            }
            Some(Tok::Word(w)) if is_number(&w) => {
                self.pos += 1;
                Ok(Literal::Number(w))
            }
            _ => Err(self.unexpected("a value")),
        }
    }

    /// Arguments after `NAME(`, up to and including `)`.
    fn function_args(&mut self) -> Result<Vec<String>, SyntaxError> {
        let mut args = Vec::new();
        if matches!(self.peek_tok(0), Some(Tok::RParen)) {
            self.pos += 1;
            return Ok(args);
        }
        loop {
            match self.next().map(|t| t.tok) {
                Some(Tok::Word(w)) => args.push(w),
                _ => {
                    self.pos -= 1;
                    return Err(self.unexpected("a function argument"));
                }
            }
            match self.next().map(|t| t.tok) {
                Some(Tok::Comma) => continue,
                Some(Tok::RParen) => return Ok(args),
                _ => {
                    self.pos -= 1;
                    return Err(self.unexpected("\",\" or \")\""));
                }
            }
        }
    }

    fn order_by(&mut self) -> Result<Vec<OrderKey>, SyntaxError> {
        let mut keys = Vec::new();
        if !(self.is_keyword(0, "order") && self.is_keyword(1, "by")) {
            return Ok(keys);
        }
        self.pos += 2;
        loop {
            let field = match self.peek_tok(0) {
                Some(Tok::Word(w)) => w.clone(),
                _ => return Err(self.unexpected("a field code to sort by")),
            };
            self.pos += 1;
            // [assumed] Without asc/desc the key sorts descending, as Kintone
            // does in practice (no error is raised).
            let descending = !self.eat_keyword("asc");
            if descending {
                self.eat_keyword("desc");
            }
            keys.push(OrderKey { field, descending });
            if !matches!(self.peek_tok(0), Some(Tok::Comma)) {
                return Ok(keys);
            }
            self.pos += 1;
        }
    }

    /// `limit n` / `offset n`: a bare whole number. Values too large for
    /// u64 saturate, so that the caller reports them as over the bound.
    fn count_option(&mut self, kw: &str) -> Result<Option<u64>, SyntaxError> {
        if !self.eat_keyword(kw) {
            return Ok(None);
        }
        match self.peek_tok(0) {
            Some(Tok::Word(w)) if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) => {
                let n = w.parse::<u64>().unwrap_or(u64::MAX);
                self.pos += 1;
                Ok(Some(n))
            }
            _ => Err(self.unexpected(&format!("a whole number after \"{kw}\""))),
        }
    }
}

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
