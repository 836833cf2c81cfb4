//! The escape clauses other than `{fn ...}`: date/time literals, outer
//! joins, LIKE escape characters, procedure calls and intervals.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::quote_literal;
use super::scanner::skip_quoted;
use crate::error::{Error, Result};

/// The content of `body` when it is exactly one string literal.
fn single_literal(body: &str, clause: &str) -> Result<String> {
    if body.starts_with('\'') && skip_quoted(body, 0, b'\'', b'\'') == body.len() && body.len() >= 2
    {
        return Ok(body[1..body.len() - 1].replace("''", "'"));
    }
    Err(Error::Syntax(format!(
        "{{{clause} ...}} takes one quoted literal, got '{body}'"
    )))
}

/// `{d 'yyyy-mm-dd'}`.
pub(super) fn date(body: &str) -> Result<String> {
    let text = single_literal(body, "d")?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|_| Error::Syntax(format!("{{d '{text}'}}: expected 'yyyy-mm-dd'")))?;
    Ok(format!("DATE {}", quote_literal(&text)))
}

/// `{t 'hh:mm:ss'}`: DataFusion's TIME literal is Time64(ns), the type of
/// the driver's TIME columns (`SqlType::Time`), so the two compare.
pub(super) fn time(body: &str) -> Result<String> {
    let text = single_literal(body, "t")?;
    NaiveTime::parse_from_str(&text, "%H:%M:%S%.f")
        .map_err(|_| Error::Syntax(format!("{{t '{text}'}}: expected 'hh:mm:ss'")))?;
    Ok(format!("TIME {}", quote_literal(&text)))
}

/// `{ts 'yyyy-mm-dd hh:mm:ss[.f]'}` (read as UTC, like every Kintone timestamp).
pub(super) fn timestamp(body: &str) -> Result<String> {
    let text = single_literal(body, "ts")?;
    NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S%.f").map_err(|_| {
        Error::Syntax(format!(
            "{{ts '{text}'}}: expected 'yyyy-mm-dd hh:mm:ss[.fffffffff]'"
        ))
    })?;
    Ok(format!("TIMESTAMP {}", quote_literal(&text)))
}

/// `{oj <joined table>}`: the join is already standard SQL.
pub(super) fn outer_join(body: &str) -> Result<String> {
    if body.is_empty() {
        return Err(Error::Syntax("{oj} without a join".into()));
    }
    Ok(body.to_owned())
}

/// `{call p(args)}` / `{?= call p(args)}` -> `CALL p(args)`.
pub(super) fn call(body: &str) -> Result<String> {
    let name_end = body.find('(').unwrap_or(body.len());
    let name = body[..name_end].trim();
    let valid_name = !name.is_empty()
        && name.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, '_' | '.' | '"' | '[' | ']' | '`' | ' ' | '$')
        });
    if !valid_name {
        return Err(Error::Syntax(format!(
            "{{call ...}} needs a procedure name, got '{body}'"
        )));
    }
    let args = body[name_end..].trim();
    if args.is_empty() {
        Ok(format!("CALL {name}()"))
    } else if args.starts_with('(') && args.ends_with(')') {
        Ok(format!("CALL {name}{args}"))
    } else {
        Err(Error::Syntax(format!(
            "{{call ...}}: expected '{name}(arguments)', got '{body}'"
        )))
    }
}

/// `LIKE 'p' {escape 'c'}`: DataFusion knows only the backslash as LIKE's
/// escape character, so another one is translated inside the literal
/// pattern that `out` ends with. Returns the `ESCAPE` clause to append.
pub(super) fn like_escape(body: &str, out: &mut String) -> Result<String> {
    let text = single_literal(body, "escape")?;
    let mut chars = text.chars();
    let (Some(escape), None) = (chars.next(), chars.next()) else {
        return Err(Error::Syntax(format!(
            "{{escape '{text}'}}: the escape character must be one character"
        )));
    };
    if escape != '\\' {
        let (start, end) = last_literal(out).ok_or_else(|| {
            Error::Unsupported(format!(
                "LIKE ... {{escape '{escape}'}} needs a literal pattern (only '\\' works with an expression)"
            ))
        })?;
        let pattern = out[start + 1..end - 1].replace("''", "'");
        let translated = translate_pattern(&pattern, escape);
        out.replace_range(start..end, &quote_literal(&translated));
    }
    Ok("ESCAPE '\\'".to_owned())
}

/// The byte span of the string literal `out` ends with (trailing blanks aside).
fn last_literal(out: &str) -> Option<(usize, usize)> {
    let end = out.trim_end().len();
    let bytes = out.as_bytes();
    let mut i = 0;
    let mut last = None;
    while i < end {
        match bytes[i] {
            b'\'' => {
                let after = skip_quoted(out, i, b'\'', b'\'');
                last = Some((i, after));
                i = after;
            }
            b'"' | b'`' => i = skip_quoted(out, i, bytes[i], bytes[i]),
            _ => i += 1,
        }
    }
    last.filter(|&(_, after)| after == end)
}

/// A LIKE pattern with escape character `escape` rewritten for the backslash.
fn translate_pattern(pattern: &str, escape: char) -> String {
    let mut result = String::with_capacity(pattern.len() + 4);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == escape {
            result.push('\\');
            if let Some(next) = chars.next() {
                result.push(next);
            }
        } else if c == '\\' {
            result.push_str("\\\\");
        } else {
            result.push(c);
        }
    }
    result
}

const INTERVAL_FIELDS: [(&str, &str); 6] = [
    ("YEAR", "years"),
    ("MONTH", "months"),
    ("DAY", "days"),
    ("HOUR", "hours"),
    ("MINUTE", "minutes"),
    ("SECOND", "seconds"),
];

/// `{INTERVAL [+|-]'value' qualifier}` (qualifier `DAY`, `YEAR TO MONTH`,
/// `DAY TO SECOND`...; precisions are ignored) -> `INTERVAL '1 days 2 hours'`.
pub(super) fn interval(body: &str) -> Result<String> {
    let bad = || {
        Error::Syntax(format!(
            "{{INTERVAL {body}}}: expected [-]'value' qualifier"
        ))
    };
    let mut rest = body.trim_start();
    let negative = match rest.as_bytes().first() {
        Some(b'-') => true,
        Some(b'+') => false,
        _ => {
            return interval_unsigned(rest, false).ok_or_else(bad);
        }
    };
    rest = rest[1..].trim_start();
    interval_unsigned(rest, negative).ok_or_else(bad)
}

fn interval_unsigned(text: &str, negative: bool) -> Option<String> {
    if !text.starts_with('\'') {
        return None;
    }
    let end = skip_quoted(text, 0, b'\'', b'\'');
    let value = text.get(1..end.checked_sub(1)?)?.trim();
    let qualifier: String = strip_precisions(&text[end..]).to_ascii_uppercase();
    let words: Vec<&str> = qualifier.split_whitespace().collect();
    let field_index = |name: &str| INTERVAL_FIELDS.iter().position(|(f, _)| *f == name);
    let (first, last) = match words.as_slice() {
        [single] => (field_index(single)?, field_index(single)?),
        [from, to_kw, to] if *to_kw == "TO" => (field_index(from)?, field_index(to)?),
        _ => return None,
    };
    if last < first || (first <= 1) != (last <= 1) {
        return None; // YEAR TO MONTH stands alone; DAY..SECOND form the other range
    }
    let (value_negative, value) = match value.strip_prefix('-') {
        Some(v) => (true, v),
        None => (false, value),
    };
    let parts: Vec<&str> = value
        .split(['-', ' ', ':'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != last - first + 1 {
        return None;
    }
    let sign = if negative != value_negative { "-" } else { "" };
    let mut pieces = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let field = first + i;
        let is_second = field == 5;
        let numeric = part
            .chars()
            .all(|c| c.is_ascii_digit() || (is_second && c == '.'));
        if !numeric || part.starts_with('.') {
            return None;
        }
        pieces.push(format!("{sign}{part} {}", INTERVAL_FIELDS[field].1));
    }
    Some(format!("INTERVAL '{}'", pieces.join(" ")))
}

/// `DAY(2) TO SECOND(6)` -> `DAY TO SECOND`.
fn strip_precisions(qualifier: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in qualifier.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
