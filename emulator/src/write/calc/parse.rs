//! The formula grammar: Kintone's precedence is `^` over `* /` over `+ -`
//! over `&` over comparisons.

use bigdecimal::BigDecimal;

use crate::write::number::parse_decimal;

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Num(BigDecimal),
    Str(String),
    Field(String),
    Neg(Box<Expr>),
    Binary(char, Box<Expr>, Box<Expr>),
    Compare(&'static str, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(BigDecimal),
    Str(String),
    Ident(String),
    Op(&'static str),
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '＿' | '・' | '＄' | '￥' | '$')
}

fn lex(text: &str) -> Option<Vec<Tok>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            out.push(Tok::Num(parse_decimal(
                &chars[start..i].iter().collect::<String>(),
            )?));
        } else if c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i)? {
                    '"' => break,
                    '\\' => {
                        s.push(*chars.get(i + 1)?);
                        i += 2;
                    }
                    other => {
                        s.push(*other);
                        i += 1;
                    }
                }
            }
            i += 1;
            out.push(Tok::Str(s));
        } else if is_ident_char(c) {
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let (op, width) = match two.as_str() {
                "<=" => ("<=", 2),
                ">=" => (">=", 2),
                "!=" | "<>" => ("!=", 2),
                _ => (
                    match c {
                        '+' => "+",
                        '-' => "-",
                        '*' => "*",
                        '/' => "/",
                        '^' => "^",
                        '&' => "&",
                        '=' => "=",
                        '<' => "<",
                        '>' => ">",
                        '(' => "(",
                        ')' => ")",
                        ',' => ",",
                        _ => return None,
                    },
                    1,
                ),
            };
            i += width;
            out.push(Tok::Op(op));
        }
    }
    Some(out)
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
}

impl Parser {
    fn peek_op(&self) -> Option<&'static str> {
        match self.toks.get(self.at) {
            Some(Tok::Op(op)) => Some(op),
            _ => None,
        }
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.peek_op() == Some(op) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn comparison(&mut self) -> Option<Expr> {
        let left = self.concat()?;
        for op in ["=", "!=", "<=", ">=", "<", ">"] {
            if self.eat(op) {
                let right = self.concat()?;
                return Some(Expr::Compare(op, Box::new(left), Box::new(right)));
            }
        }
        Some(left)
    }

    fn binary_level(
        &mut self,
        ops: &[char],
        next: fn(&mut Parser) -> Option<Expr>,
    ) -> Option<Expr> {
        let mut left = next(self)?;
        'outer: loop {
            for &op in ops {
                if self.eat(&op.to_string()) {
                    let right = next(self)?;
                    left = Expr::Binary(op, Box::new(left), Box::new(right));
                    continue 'outer;
                }
            }
            return Some(left);
        }
    }

    fn concat(&mut self) -> Option<Expr> {
        self.binary_level(&['&'], Parser::additive)
    }

    fn additive(&mut self) -> Option<Expr> {
        self.binary_level(&['+', '-'], Parser::term)
    }

    fn term(&mut self) -> Option<Expr> {
        self.binary_level(&['*', '/'], Parser::power)
    }

    fn power(&mut self) -> Option<Expr> {
        self.binary_level(&['^'], Parser::unary)
    }

    fn unary(&mut self) -> Option<Expr> {
        if self.eat("-") {
            return Some(Expr::Neg(Box::new(self.unary()?)));
        }
        if self.eat("+") {
            return self.unary();
        }
        self.primary()
    }

    fn primary(&mut self) -> Option<Expr> {
        let tok = self.toks.get(self.at)?.clone();
        self.at += 1;
        match tok {
            Tok::Num(n) => Some(Expr::Num(n)),
            Tok::Str(s) => Some(Expr::Str(s)),
            Tok::Op("(") => {
                let inner = self.comparison()?;
                self.eat(")").then_some(inner)
            }
            Tok::Ident(name) if self.eat("(") => {
                let mut args = Vec::new();
                if !self.eat(")") {
                    loop {
                        args.push(self.comparison()?);
                        if self.eat(")") {
                            break;
                        }
                        if !self.eat(",") {
                            return None;
                        }
                    }
                }
                Some(Expr::Call(name.to_uppercase(), args))
            }
            Tok::Ident(name) => Some(Expr::Field(name)),
            Tok::Op(_) => None,
        }
    }
}

/// Parses a formula; None when it is outside the supported grammar.
pub fn parse(text: &str) -> Option<Expr> {
    let mut parser = Parser {
        toks: lex(text)?,
        at: 0,
    };
    let expr = parser.comparison()?;
    (parser.at == parser.toks.len()).then_some(expr)
}
