//! How catalog-function arguments select names: search patterns (`%`, `_`,
//! `\` escape), identifiers (SQL_ATTR_METADATA_ID), ordinary arguments, and
//! SQLTables' list of table types.
//!
//! Names are case-sensitive (SQL_IDENTIFIER_CASE is SQL_IC_SENSITIVE), so
//! patterns and ordinary arguments match case-sensitively; an unquoted
//! identifier argument matches case-insensitively, a quoted one exactly, as
//! the specification's "Identifier Arguments" says.

use crate::DriverError;

/// The escape character of search patterns (SQL_SEARCH_PATTERN_ESCAPE).
pub const ESCAPE: char = '\\';

/// One element of a search pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    Literal(char),
    /// `_`: any one character.
    One,
    /// `%`: any run of characters, possibly empty.
    Many,
}

/// Which names an argument selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameFilter {
    /// A null argument: every name.
    Any,
    /// A search pattern.
    Pattern(Vec<Token>),
    /// A name matched exactly (an ordinary argument, or a quoted identifier).
    Exact(String),
    /// An unquoted identifier: matched case-insensitively.
    CaseInsensitive(String),
}

impl NameFilter {
    /// A pattern value argument: a pattern, or an identifier when
    /// `metadata_id` is set.
    pub fn pattern(arg: Option<&str>, metadata_id: bool) -> NameFilter {
        match arg {
            None => NameFilter::Any,
            Some(text) if metadata_id => NameFilter::identifier(text),
            Some(text) => NameFilter::Pattern(tokens(text)),
        }
    }

    /// An ordinary argument: the name itself (null means any).
    pub fn ordinary(arg: Option<&str>) -> NameFilter {
        match arg {
            None => NameFilter::Any,
            Some(text) => NameFilter::Exact(text.to_owned()),
        }
    }

    /// An identifier argument: `"quoted"` is exact (with `""` for a quote),
    /// otherwise trailing blanks are dropped and case is ignored.
    pub fn identifier(text: &str) -> NameFilter {
        let trimmed = text.trim();
        if trimmed.len() >= 2 && trimmed.starts_with('"') && trimmed.ends_with('"') {
            let inner = &trimmed[1..trimmed.len() - 1];
            NameFilter::Exact(inner.replace("\"\"", "\""))
        } else {
            NameFilter::CaseInsensitive(trimmed.to_owned())
        }
    }

    pub fn matches(&self, name: &str) -> bool {
        match self {
            NameFilter::Any => true,
            NameFilter::Pattern(tokens) => {
                let chars: Vec<char> = name.chars().collect();
                matches_tokens(tokens, &chars)
            }
            NameFilter::Exact(exact) => exact == name,
            NameFilter::CaseInsensitive(ident) => ident
                .chars()
                .flat_map(char::to_lowercase)
                .eq(name.chars().flat_map(char::to_lowercase)),
        }
    }

    /// Whether this filter keeps objects that have no catalog (or schema):
    /// the driver has neither, so their name is the empty string.
    pub fn keeps_unnamed(&self) -> bool {
        self.matches("")
    }
}

fn tokens(pattern: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        out.push(match c {
            ESCAPE => Token::Literal(chars.next().unwrap_or(ESCAPE)),
            '%' => Token::Many,
            '_' => Token::One,
            other => Token::Literal(other),
        });
    }
    out
}

/// Classic wildcard matching with one backtrack point for the last `%`.
fn matches_tokens(tokens: &[Token], name: &[char]) -> bool {
    let (mut t, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match tokens.get(t) {
            Some(Token::Many) => {
                star = Some((t, n));
                t += 1;
            }
            Some(Token::One) => {
                t += 1;
                n += 1;
            }
            Some(Token::Literal(c)) if *c == name[n] => {
                t += 1;
                n += 1;
            }
            _ => match star {
                Some((star_t, star_n)) => {
                    t = star_t + 1;
                    n = star_n + 1;
                    star = Some((star_t, star_n + 1));
                }
                None => return false,
            },
        }
    }
    tokens[t..].iter().all(|token| *token == Token::Many)
}

/// SQLTables' TableType argument: a comma-separated list, each value
/// optionally in single quotes (`'TABLE','VIEW'` or `TABLE,VIEW`). `None`
/// when every type is wanted (null, empty, or `%`).
pub fn table_types(arg: Option<&str>) -> Option<Vec<String>> {
    let arg = arg?.trim();
    if arg.is_empty() || arg == "%" {
        return None;
    }
    let types: Vec<String> = arg
        .split(',')
        .map(|t| t.trim().trim_matches('\'').trim().to_ascii_uppercase())
        .filter(|t| !t.is_empty())
        .collect();
    if types.is_empty() {
        None
    } else {
        Some(types)
    }
}

/// HY009 for a required argument given as a null pointer.
pub fn required<'a>(arg: Option<&'a str>, what: &str) -> Result<&'a str, DriverError> {
    arg.ok_or_else(|| {
        DriverError::new(
            "HY009",
            format!("Invalid use of null pointer: {what} is required"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pat(p: &str) -> NameFilter {
        NameFilter::pattern(Some(p), false)
    }

    #[test]
    fn percent_and_underscore() {
        assert!(pat("%").matches(""));
        assert!(pat("%").matches("Customers"));
        assert!(pat("Cust%").matches("Customers"));
        assert!(!pat("Cust%").matches("customers"), "case-sensitive");
        assert!(pat("%mers").matches("Customers"));
        assert!(pat("C%s%s").matches("Customers"));
        assert!(pat("_eals").matches("Deals"));
        assert!(!pat("_eals").matches("eals"));
        assert!(!pat("Deal").matches("Deals"));
        assert!(pat("Deals").matches("Deals"));
        assert!(pat("%_%").matches("x"));
        assert!(!pat("%_%").matches(""));
        assert!(pat("顧客%").matches("顧客リスト"));
        assert!(pat("_客").matches("顧客"), "one character, not one byte");
        assert!(!pat("").matches("Deals"));
        assert!(pat("").matches(""));
    }

    #[test]
    fn escaped_wildcards_are_literal() {
        assert!(pat("Deals\\_line%").matches("Deals_line_items"));
        assert!(!pat("Deals\\_line%").matches("DealsXline_items"));
        assert!(pat("100\\%").matches("100%"));
        assert!(!pat("100\\%").matches("1000"));
        assert!(pat("a\\\\b").matches("a\\b"));
        assert!(pat("trailing\\").matches("trailing\\"));
        assert!(pat("\\x").matches("x"));
    }

    #[test]
    fn identifiers_when_metadata_id_is_set() {
        let unquoted = NameFilter::pattern(Some("customers  "), true);
        assert!(unquoted.matches("Customers"));
        assert!(!unquoted.matches("Customer"));
        let wild = NameFilter::pattern(Some("Cust%"), true);
        assert!(!wild.matches("Customers"), "no wildcards in identifiers");
        assert!(wild.matches("cust%"));
        let quoted = NameFilter::pattern(Some("\"Customers\""), true);
        assert!(quoted.matches("Customers"));
        assert!(!quoted.matches("customers"));
        assert!(NameFilter::identifier("\"say \"\"hi\"\"\"").matches("say \"hi\""));
    }

    #[test]
    fn ordinary_arguments_and_unnamed_catalogs() {
        assert!(NameFilter::ordinary(None).matches("anything"));
        assert!(NameFilter::ordinary(Some("Deals")).matches("Deals"));
        assert!(!NameFilter::ordinary(Some("Deal%")).matches("Deals"));
        assert!(NameFilter::ordinary(Some("")).keeps_unnamed());
        assert!(!NameFilter::ordinary(Some("main")).keeps_unnamed());
        assert!(pat("%").keeps_unnamed());
        assert!(!pat("_%").keeps_unnamed());
    }

    #[test]
    fn table_type_lists() {
        let v = |s: &[&str]| Some(s.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(table_types(Some("TABLE,VIEW")), v(&["TABLE", "VIEW"]));
        assert_eq!(table_types(Some("'TABLE','VIEW'")), v(&["TABLE", "VIEW"]));
        assert_eq!(
            table_types(Some(" 'TABLE' , 'SYSTEM TABLE' ")),
            v(&["TABLE", "SYSTEM TABLE"])
        );
        assert_eq!(table_types(Some("table")), v(&["TABLE"]));
        assert_eq!(table_types(None), None);
        assert_eq!(table_types(Some("")), None);
        assert_eq!(table_types(Some("%")), None);
        assert_eq!(table_types(Some(",,")), None);
    }
}
