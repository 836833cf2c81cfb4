//! The ODBC connection-string syntax (`SQLDriverConnect`).
//!
//! A connection string is a list of `key=value` pairs separated by `;`:
//!
//! * keys are case-insensitive and surrounding whitespace is ignored;
//! * a plain value runs to the next `;` and is trimmed;
//! * a value in braces, `{...}`, is taken verbatim: it may contain `;`, `=`
//!   and leading or trailing spaces, and `}}` inside it stands for one `}`;
//! * empty segments (`;;`, a trailing `;`) are ignored;
//! * when a key repeats, the **first** occurrence wins, as the ODBC
//!   specification says for `SQLDriverConnect`; the later ones are recorded in
//!   [`ConnectionString::repeated_keys`] so the driver can warn about them.
//!
//! [`ConnectionString::to_connection_string`] is the inverse: it renders
//! pairs so that [`ConnectionString::parse`] gives them back unchanged.
//!
//! Errors report a position and, where there is one, the key, but never the
//! text of a value: a value that breaks the syntax is often a password with
//! an unbraced `;` in it.

use std::borrow::Cow;
use std::fmt;

use crate::error::{Error, Result};

/// Keys interpreted by the driver manager rather than by the driver.
///
/// They are kept (see [`ConnectionString::get`]) but are not Kintone properties.
pub const DRIVER_MANAGER_KEYS: &[&str] = &["DSN", "DRIVER", "FILEDSN", "SAVEFILE"];

/// True when `key` (any case, surrounding spaces ignored) is one of
/// [`DRIVER_MANAGER_KEYS`].
pub fn is_driver_manager_key(key: &str) -> bool {
    let key = key.trim();
    DRIVER_MANAGER_KEYS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(key))
}

/// A parsed connection string: its pairs in order of first appearance.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ConnectionString {
    /// `(key as written, value)`, one per key (case-insensitively), first occurrence kept.
    pairs: Vec<(String, String)>,
    /// Keys that appeared again after their first occurrence, as written the second time.
    repeated: Vec<String>,
}

impl ConnectionString {
    /// Parses an ODBC connection string.
    ///
    /// Fails with [`Error::ConnectionString`] on an unterminated brace, a
    /// non-empty segment without `=`, an empty key, a key containing a brace,
    /// or text between a closing brace and the next `;`.
    pub fn parse(input: &str) -> Result<Self> {
        let mut parsed = ConnectionString::default();
        let bytes = input.as_bytes();
        let len = bytes.len();
        // The delimiters are all ASCII, so scanning bytes never splits a UTF-8 character.
        let mut i = 0;
        while i < len {
            let start = i;
            while i < len && bytes[i] != b'=' && bytes[i] != b';' {
                i += 1;
            }
            if i == len || bytes[i] == b';' {
                let segment = &input[start..i];
                if !segment.trim().is_empty() {
                    let at = start + (segment.len() - segment.trim_start().len());
                    let after = match parsed.pairs.last() {
                        Some((key, _)) => format!(" (after the value of {key})"),
                        None => String::new(),
                    };
                    return Err(syntax_error(
                        input,
                        at,
                        format!(
                            "text without '='{after}; write key=value, and enclose a value \
                             containing ';' in braces: key={{value}}"
                        ),
                    ));
                }
                i += 1;
                continue;
            }

            // bytes[i] is '='.
            let raw_key = &input[start..i];
            let key = raw_key.trim();
            if key.is_empty() {
                return Err(syntax_error(input, i, "'=' without a key before it"));
            }
            if key.contains(['{', '}']) {
                let at = start + (raw_key.len() - raw_key.trim_start().len());
                return Err(syntax_error(input, at, "a key must not contain '{' or '}'"));
            }
            i += 1;

            let rest = &input[i..];
            let value_start = i + (rest.len() - rest.trim_start().len());
            let value = if bytes.get(value_start) == Some(&b'{') {
                let (value, after_brace) = read_braced(input, value_start, key)?;
                let end = input[after_brace..]
                    .find(';')
                    .map_or(len, |p| after_brace + p);
                let trailing = &input[after_brace..end];
                if !trailing.trim().is_empty() {
                    let at = after_brace + (trailing.len() - trailing.trim_start().len());
                    return Err(syntax_error(
                        input,
                        at,
                        format!(
                            "unexpected text after the closing brace of the value of {key}; \
                             inside braces write '}}}}' for a literal '}}'"
                        ),
                    ));
                }
                i = end + 1;
                value
            } else {
                let end = input[i..].find(';').map_or(len, |p| i + p);
                let value = input[i..end].trim().to_owned();
                i = end + 1;
                value
            };
            parsed.insert_first(key, value);
        }
        Ok(parsed)
    }

    /// Builds a connection string from pairs; as in [`parse`](Self::parse), the
    /// first occurrence of a key wins.
    ///
    /// Keys are trimmed. Fails with [`Error::ConnectionString`] (position 0) for a
    /// key that could not be written back: empty, or containing `=`, `;`, `{` or `}`.
    pub fn from_pairs<I, K, V>(pairs: I) -> Result<Self>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<String>,
    {
        let mut out = ConnectionString::default();
        for (key, value) in pairs {
            let key = key.as_ref().trim();
            if key.is_empty() || key.contains(['=', ';', '{', '}']) {
                return Err(Error::ConnectionString {
                    position: 0,
                    message: "a key must be non-empty and must not contain '=', ';', '{' or '}'"
                        .into(),
                });
            }
            out.insert_first(key, value.into());
        }
        Ok(out)
    }

    fn insert_first(&mut self, key: &str, value: String) {
        if self.position(key).is_some() {
            if !self.repeated.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                self.repeated.push(key.to_owned());
            }
        } else {
            self.pairs.push((key.to_owned(), value));
        }
    }

    fn position(&self, key: &str) -> Option<usize> {
        let key = key.trim();
        self.pairs
            .iter()
            .position(|(k, _)| k.eq_ignore_ascii_case(key))
    }

    /// The value of `key` (case-insensitive), if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.position(key).map(|i| self.pairs[i].1.as_str())
    }

    /// The pairs, `(key as written, value)`, in order of first appearance.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The pairs that are not driver-manager keys (see [`DRIVER_MANAGER_KEYS`]).
    pub fn driver_pairs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.pairs().filter(|(k, _)| !is_driver_manager_key(k))
    }

    /// Number of distinct keys.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when there is no pair at all.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Keys that occurred more than once (each listed once); only their first
    /// value was kept.
    pub fn repeated_keys(&self) -> &[String] {
        &self.repeated
    }

    /// Renders the pairs as a connection string, `key=value;key=value`,
    /// bracing values where needed (see [`escape_value`]).
    ///
    /// The result contains every value, secrets included: it is meant for
    /// `SQLDriverConnect`'s output buffer, never for a log.
    pub fn to_connection_string(&self) -> String {
        render_pairs(self.pairs())
    }
}

/// Renders `key=value` pairs joined by `;`, bracing values where needed.
///
/// Keys are written as given; they must not contain `=`, `;`, `{` or `}`.
pub fn render_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        if !out.is_empty() {
            out.push(';');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(&escape_value(value));
    }
    out
}

/// Writes a value so that the parser reads it back unchanged: in braces, with
/// `}` doubled, when it contains `;`, `=`, `{` or `}` or starts or ends with
/// whitespace; as is otherwise.
pub fn escape_value(value: &str) -> Cow<'_, str> {
    let needs_braces = value.contains([';', '=', '{', '}']) || value.trim().len() != value.len();
    if needs_braces {
        Cow::Owned(format!("{{{}}}", value.replace('}', "}}")))
    } else {
        Cow::Borrowed(value)
    }
}

/// Reads a braced value whose `{` is at byte `open`; returns the value and the
/// byte index just after the closing `}`.
fn read_braced(input: &str, open: usize, key: &str) -> Result<(String, usize)> {
    let bytes = input.as_bytes();
    let mut value = String::new();
    let mut from = open + 1;
    loop {
        let Some(rel) = input[from..].find('}') else {
            return Err(syntax_error(
                input,
                open,
                format!("the brace opening the value of {key} is never closed"),
            ));
        };
        let close = from + rel;
        if bytes.get(close + 1) == Some(&b'}') {
            // `}}` is an escaped `}`.
            value.push_str(&input[from..=close]);
            from = close + 2;
        } else {
            value.push_str(&input[from..close]);
            return Ok((value, close + 1));
        }
    }
}

fn syntax_error(input: &str, byte_index: usize, message: impl Into<String>) -> Error {
    Error::ConnectionString {
        position: input[..byte_index].chars().count() + 1,
        message: message.into(),
    }
}

/// Shows the keys only: any value could be a secret (even under a misspelt key).
impl fmt::Debug for ConnectionString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.pairs.iter().map(|(k, _)| (k, "***")))
            .finish()
    }
}

impl std::str::FromStr for ConnectionString {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        ConnectionString::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> ConnectionString {
        ConnectionString::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    fn pairs(s: &str) -> Vec<(String, String)> {
        parse(s)
            .pairs()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    fn owned(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn error_position(s: &str) -> (usize, String) {
        match ConnectionString::parse(s) {
            Err(Error::ConnectionString { position, message }) => (position, message),
            other => panic!("{s:?}: expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn plain_pairs() {
        assert_eq!(
            pairs("Url=https://x.cybozu.com;User=alice"),
            owned(&[("Url", "https://x.cybozu.com"), ("User", "alice")])
        );
    }

    #[test]
    fn keys_and_plain_values_are_trimmed() {
        assert_eq!(
            pairs("  User =  alice smith  ; Pagesize= 10 "),
            owned(&[("User", "alice smith"), ("Pagesize", "10")])
        );
    }

    #[test]
    fn keys_are_case_insensitive() {
        let cs = parse("uSeR=alice");
        assert_eq!(cs.get("USER"), Some("alice"));
        assert_eq!(cs.get(" user "), Some("alice"));
        assert_eq!(cs.get("password"), None);
    }

    #[test]
    fn empty_segments_and_trailing_semicolon_are_ignored() {
        assert_eq!(pairs(";;A=1;; ;B=2;"), owned(&[("A", "1"), ("B", "2")]));
        assert!(parse("").is_empty());
        assert!(parse(" ; ;").is_empty());
    }

    #[test]
    fn empty_value() {
        assert_eq!(
            pairs("A=;B=  ;C={}"),
            owned(&[("A", ""), ("B", ""), ("C", "")])
        );
    }

    #[test]
    fn braced_values_keep_everything() {
        assert_eq!(
            pairs("Password={ a;b=c{d }; User={x}"),
            owned(&[("Password", " a;b=c{d "), ("User", "x")])
        );
    }

    #[test]
    fn doubled_closing_brace_is_a_literal_brace() {
        assert_eq!(pairs("P={a}}b}"), owned(&[("P", "a}b")]));
        assert_eq!(pairs("P={}}}"), owned(&[("P", "}")]));
        assert_eq!(pairs("P={}}}}}}};Q=1"), owned(&[("P", "}}}"), ("Q", "1")]));
    }

    #[test]
    fn whitespace_around_braces_is_allowed() {
        assert_eq!(
            pairs("P =  {x y}  ; Q=1"),
            owned(&[("P", "x y"), ("Q", "1")])
        );
        assert_eq!(pairs("P={x}  "), owned(&[("P", "x")]));
    }

    #[test]
    fn equals_sign_in_plain_value() {
        assert_eq!(pairs("A=b=c"), owned(&[("A", "b=c")]));
    }

    #[test]
    fn braces_inside_a_plain_value_are_literal() {
        assert_eq!(pairs("A=b{c}d"), owned(&[("A", "b{c}d")]));
    }

    #[test]
    fn non_ascii_text() {
        assert_eq!(
            pairs("User=山田;Password={パス;ワード}"),
            owned(&[("User", "山田"), ("Password", "パス;ワード")])
        );
    }

    #[test]
    fn first_occurrence_of_a_repeated_key_wins() {
        let cs = parse("User=alice;Pagesize=5;user=bob;USER=carol;Pagesize=6");
        assert_eq!(cs.get("user"), Some("alice"));
        assert_eq!(cs.get("pagesize"), Some("5"));
        assert_eq!(cs.len(), 2);
        assert_eq!(cs.repeated_keys(), ["user", "Pagesize"]);
    }

    #[test]
    fn driver_manager_keys_are_kept_but_separated() {
        let cs = parse("DSN=kintone;driver={Kintone ODBC};FileDsn=a;SAVEFILE=b;User=x");
        assert_eq!(cs.get("dsn"), Some("kintone"));
        assert_eq!(cs.get("DRIVER"), Some("Kintone ODBC"));
        assert_eq!(cs.get("filedsn"), Some("a"));
        assert_eq!(cs.get("savefile"), Some("b"));
        assert_eq!(cs.driver_pairs().collect::<Vec<_>>(), [("User", "x")]);
        assert!(is_driver_manager_key(" Dsn "));
        assert!(!is_driver_manager_key("Url"));
    }

    #[test]
    fn unterminated_brace_is_an_error_at_the_brace() {
        let (pos, msg) = error_position("A=1;Password={abc;def");
        assert_eq!(pos, 14);
        assert!(msg.contains("Password"), "{msg}");
        assert!(!msg.contains("abc"), "{msg}");
        // `}}` is a literal, so this brace is never closed either.
        let (pos, _) = error_position("P={abc}}");
        assert_eq!(pos, 3);
    }

    #[test]
    fn segment_without_equals_is_an_error() {
        let (pos, msg) = error_position("Url=x;Password=abc;defg;User=y");
        assert_eq!(pos, 20);
        assert!(msg.contains("Password"), "{msg}");
        // The stray text may be half a password: never echo it.
        assert!(!msg.contains("defg"), "{msg}");
        let (pos, _) = error_position("  lonely");
        assert_eq!(pos, 3);
    }

    #[test]
    fn missing_key_is_an_error() {
        let (pos, _) = error_position("A=1; =2");
        assert_eq!(pos, 6);
        let (pos, _) = error_position("=x");
        assert_eq!(pos, 1);
    }

    #[test]
    fn brace_in_key_is_an_error() {
        let (pos, _) = error_position("A=1; {B}=2");
        assert_eq!(pos, 6);
    }

    #[test]
    fn text_after_closing_brace_is_an_error() {
        let (pos, msg) = error_position("User=u;Password={abc}xyz;Url=h");
        assert_eq!(pos, 22);
        assert!(msg.contains("Password"), "{msg}");
        assert!(!msg.contains("xyz") && !msg.contains("abc"), "{msg}");
        let (pos, _) = error_position("P={a} b");
        assert_eq!(pos, 7);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let (pos, _) = error_position("User=山田;oops");
        assert_eq!(pos, 9);
    }

    #[test]
    fn escape_value_braces_only_when_needed() {
        assert_eq!(escape_value("plain value"), "plain value");
        assert_eq!(escape_value(""), "");
        assert_eq!(escape_value("a;b"), "{a;b}");
        assert_eq!(escape_value("a=b"), "{a=b}");
        assert_eq!(escape_value("{x"), "{{x}");
        assert_eq!(escape_value("x}"), "{x}}}");
        assert_eq!(escape_value(" x"), "{ x}");
        assert_eq!(escape_value("x\t"), "{x\t}");
    }

    #[test]
    fn round_trip() {
        let values = [
            "",
            "plain",
            "with space",
            " leading",
            "trailing ",
            "semi;colon",
            "eq=ual",
            "{",
            "}",
            "}}",
            "{}",
            "a}b{c",
            "}; X=1",
            "multi\nline\n",
            "山田 太郎",
        ];
        let cs = ConnectionString::from_pairs(
            values
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("K{i}"), v.to_string())),
        )
        .unwrap();
        let text = cs.to_connection_string();
        let back = parse(&text);
        assert_eq!(back, cs, "{text}");
        for (i, v) in values.iter().enumerate() {
            assert_eq!(back.get(&format!("k{i}")), Some(*v));
        }
    }

    #[test]
    fn round_trip_of_parsed_text() {
        let text = "DSN=k; User = a ;Password={p;w}}d};Url=https://x/?a=b";
        let cs = parse(text);
        assert_eq!(parse(&cs.to_connection_string()), cs);
        assert_eq!(
            cs.to_connection_string(),
            "DSN=k;User=a;Password={p;w}}d};Url={https://x/?a=b}"
        );
    }

    #[test]
    fn from_pairs_first_wins_and_rejects_bad_keys() {
        let cs = ConnectionString::from_pairs([("A", "1"), ("a", "2")]).unwrap();
        assert_eq!(cs.get("A"), Some("1"));
        assert_eq!(cs.repeated_keys(), ["a"]);
        for bad in ["", " ", "a=b", "a;b", "{a}"] {
            assert!(
                ConnectionString::from_pairs([(bad, "v")]).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn debug_shows_no_values() {
        let cs = parse("User=alice;Password=hunter2");
        let dbg = format!("{cs:?}");
        assert!(dbg.contains("Password"), "{dbg}");
        assert!(!dbg.contains("hunter2") && !dbg.contains("alice"), "{dbg}");
    }

    #[test]
    fn from_str() {
        let cs: ConnectionString = "A=1".parse().unwrap();
        assert_eq!(cs.get("a"), Some("1"));
    }
}
