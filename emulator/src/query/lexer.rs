//! Splits a query into tokens (facts §6).
//!
//! Words are runs of characters that are not white space, quotes, brackets,
//! commas or comparison signs: field codes (`$id`, `顧客名`, `Amount_2`),
//! keywords, bare numbers (`-12.5`) and function names. Whether a word is a
//! keyword is the parser's business, because it depends on the position.

use super::errors::SyntaxError;

/// A comparison operator of the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Lt => "<",
            CmpOp::Ge => ">=",
            CmpOp::Le => "<=",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    Word(String),
    /// A double-quoted literal, escapes resolved.
    Str(String),
    Op(CmpOp),
    LParen,
    RParen,
    Comma,
}

/// A token and the character offset where it starts (for error messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub at: usize,
}

fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ')' | ',' | '=' | '!' | '<' | '>')
}

/// Tokenizes the whole query.
pub fn tokenize(query: &str) -> Result<Vec<Token>, SyntaxError> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        let tok = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => {
                i += 1;
                Tok::LParen
            }
            ')' => {
                i += 1;
                Tok::RParen
            }
            ',' => {
                i += 1;
                Tok::Comma
            }
            '\'' => {
                return Err(SyntaxError::at(
                    at,
                    "single quotes are not allowed; enclose strings in double quotes",
                ))
            }
            '"' => {
                let (text, next) = string_literal(&chars, i)?;
                i = next;
                Tok::Str(text)
            }
            '=' | '!' | '<' | '>' => {
                let next = chars.get(i + 1).copied();
                let (op, len) = match (c, next) {
                    ('=', _) => (CmpOp::Eq, 1),
                    ('!', Some('=')) => (CmpOp::Ne, 2),
                    ('<', Some('=')) => (CmpOp::Le, 2),
                    ('>', Some('=')) => (CmpOp::Ge, 2),
                    ('<', _) => (CmpOp::Lt, 1),
                    ('>', _) => (CmpOp::Gt, 1),
                    _ => return Err(SyntaxError::at(at, "unexpected \"!\"")),
                };
                i += len;
                Tok::Op(op)
            }
            _ => {
                let start = i;
                while i < chars.len() && !ends_word(chars[i]) {
                    i += 1;
                }
                Tok::Word(chars[start..i].iter().collect())
            }
        };
        out.push(Token { tok, at });
    }
    Ok(out)
}

/// Reads a literal starting at the opening quote; returns its text and the
/// index after the closing quote.
fn string_literal(chars: &[char], open: usize) -> Result<(String, usize), SyntaxError> {
    let mut text = String::new();
    let mut i = open + 1;
    loop {
        let Some(&c) = chars.get(i) else {
            return Err(SyntaxError::at(open, "unterminated string literal"));
        };
        match c {
            '"' => return Ok((text, i + 1)),
            '\\' => {
                let escaped = match chars.get(i + 1) {
                    Some('"') => '"',
                    Some('\\') => '\\',
                    Some('t') => '\t',
                    Some('n') => '\n',
                    Some('r') => '\r',
                    // [assumed] any other escape is refused rather than guessed at.
                    Some(other) => {
                        return Err(SyntaxError::at(i, format!("invalid escape \"\\{other}\"")))
                    }
                    None => return Err(SyntaxError::at(open, "unterminated string literal")),
                };
                text.push(escaped);
                i += 2;
            }
            // facts §6: a raw newline or tab inside a literal is CB_VA01.
            '\n' | '\r' | '\t' => {
                return Err(SyntaxError::at(
                    i,
                    "a raw line break or tab in a string literal must be escaped",
                ))
            }
            _ => {
                text.push(c);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(q: &str) -> Vec<Tok> {
        tokenize(q).unwrap().into_iter().map(|t| t.tok).collect()
    }

    fn word(s: &str) -> Tok {
        Tok::Word(s.into())
    }

    #[test]
    fn words_operators_and_punctuation() {
        assert_eq!(
            toks("Amount>=-5 and $id in (1,\"2\")"),
            vec![
                word("Amount"),
                Tok::Op(CmpOp::Ge),
                word("-5"),
                word("and"),
                word("$id"),
                word("in"),
                Tok::LParen,
                word("1"),
                Tok::Comma,
                Tok::Str("2".into()),
                Tok::RParen,
            ]
        );
        assert_eq!(
            toks("a!=b<c>d<=e=f"),
            vec![
                word("a"),
                Tok::Op(CmpOp::Ne),
                word("b"),
                Tok::Op(CmpOp::Lt),
                word("c"),
                Tok::Op(CmpOp::Gt),
                word("d"),
                Tok::Op(CmpOp::Le),
                word("e"),
                Tok::Op(CmpOp::Eq),
                word("f"),
            ]
        );
    }

    #[test]
    fn japanese_field_codes_are_words() {
        assert_eq!(
            toks("顧客名 = \"サイボウズ\""),
            vec![
                word("顧客名"),
                Tok::Op(CmpOp::Eq),
                Tok::Str("サイボウズ".into())
            ]
        );
    }

    #[test]
    fn facts_6_string_escapes() {
        assert_eq!(
            toks(r#""a\"b\\c\td\ne\rf""#),
            vec![Tok::Str("a\"b\\c\td\ne\rf".into())]
        );
    }

    #[test]
    fn facts_6_raw_newline_or_tab_in_literal_is_an_error() {
        assert!(tokenize("T = \"a\nb\"").is_err());
        assert!(tokenize("T = \"a\tb\"").is_err());
        assert!(tokenize("T = \"a\rb\"").is_err());
        // Outside literals white space of any kind separates tokens.
        assert_eq!(toks("a\n=\tb").len(), 3);
    }

    #[test]
    fn facts_6_single_quotes_are_a_syntax_error() {
        assert!(tokenize("T = 'x'").is_err());
    }

    #[test]
    fn unknown_escape_unterminated_and_lone_bang_are_errors() {
        assert!(tokenize(r#"T = "a\qb""#).is_err());
        assert!(tokenize(r#"T = "abc"#).is_err());
        assert!(tokenize(r#"T = "abc\"#).is_err());
        assert!(tokenize("T ! 1").is_err());
    }
}
