//! Walks SQL text, copying literals, quoted identifiers and comments
//! untouched and rewriting each `{...}` escape clause (innermost first).

use super::{clauses, functions, EscapeContext};
use crate::error::{Error, Result};

pub(super) struct Scanner<'a> {
    src: &'a str,
    pos: usize,
    context: &'a EscapeContext,
}

/// Bytes that may start something other than plain text. All are ASCII, so
/// slicing at them never splits a UTF-8 character.
fn is_special(b: u8) -> bool {
    matches!(b, b'\'' | b'"' | b'`' | b'[' | b'-' | b'/' | b'{' | b'}')
}

impl<'a> Scanner<'a> {
    pub(super) fn new(src: &'a str, context: &'a EscapeContext) -> Self {
        Scanner {
            src,
            pos: 0,
            context,
        }
    }

    pub(super) fn rewrite_all(mut self) -> Result<String> {
        self.region(false)
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.src.as_bytes().get(self.pos + ahead).copied()
    }

    /// Copies text up to the end (top level) or up to and including the `}`
    /// that closes the escape being read (`nested`), rewriting escapes inside.
    fn region(&mut self, nested: bool) -> Result<String> {
        let mut out = String::new();
        loop {
            let Some(b) = self.peek(0) else {
                if nested {
                    return Err(Error::Syntax(
                        "unterminated ODBC escape clause: '{' without its '}'".into(),
                    ));
                }
                return Ok(out);
            };
            let start = self.pos;
            match b {
                b'\'' | b'"' | b'`' => self.pos = skip_quoted(self.src, self.pos, b, b),
                b'[' => self.pos = skip_quoted(self.src, self.pos, b'[', b']'),
                b'-' if self.peek(1) == Some(b'-') => {
                    self.pos = self.src[self.pos..]
                        .find('\n')
                        .map_or(self.src.len(), |i| self.pos + i + 1)
                }
                b'/' if self.peek(1) == Some(b'*') => {
                    self.pos = skip_block_comment(self.src, self.pos)
                }
                b'{' => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                    continue;
                }
                b'}' => {
                    if nested {
                        self.pos += 1;
                        return Ok(out);
                    }
                    return Err(Error::Syntax(format!(
                        "'}}' without an opening '{{' at offset {}",
                        self.pos
                    )));
                }
                _ => {
                    self.pos += 1;
                    while self.peek(0).is_some_and(|b| !is_special(b)) {
                        self.pos += 1;
                    }
                }
            }
            out.push_str(&self.src[start..self.pos]);
        }
    }

    fn skip_whitespace(&mut self) {
        while self.peek(0).is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn keyword(&mut self) -> String {
        let start = self.pos;
        while self.peek(0).is_some_and(|b| b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        self.src[start..self.pos].to_ascii_lowercase()
    }

    /// Reads one escape clause (the `{` is consumed) and appends its
    /// rewriting to `out` (which `{escape}` may also edit: its pattern).
    fn escape(&mut self, out: &mut String) -> Result<()> {
        let opened_at = self.pos - 1;
        self.skip_whitespace();
        let keyword = if self.peek(0) == Some(b'?') {
            self.pos += 1;
            self.skip_whitespace();
            if self.peek(0) != Some(b'=') {
                return Err(Error::Syntax("'{?' must be followed by '= call'".into()));
            }
            self.pos += 1;
            self.skip_whitespace();
            if self.keyword() != "call" {
                return Err(Error::Syntax("'{?=' must be followed by 'call'".into()));
            }
            "call".to_owned()
        } else {
            self.keyword()
        };
        if keyword.is_empty() {
            return Err(Error::Syntax(format!(
                "'{{' at offset {opened_at} does not start an ODBC escape clause (fn, d, t, ts, oj, escape, call, interval)"
            )));
        }
        let body = self.region(true)?;
        let body = body.trim();
        let rewritten = match keyword.as_str() {
            "fn" => functions::rewrite_function(body, self.context)?,
            "d" => clauses::date(body)?,
            "t" => clauses::time(body)?,
            "ts" => clauses::timestamp(body)?,
            "oj" => clauses::outer_join(body)?,
            "call" => clauses::call(body)?,
            "interval" => clauses::interval(body)?,
            "escape" => {
                let clause = clauses::like_escape(body, out)?;
                out.push_str(&clause);
                return Ok(());
            }
            other => {
                return Err(Error::Syntax(format!(
                    "unknown ODBC escape clause '{{{other} ...}}'"
                )))
            }
        };
        out.push_str(&rewritten);
        Ok(())
    }
}

/// The position after the quoted text starting at `pos` (`open`), where a
/// doubled `close` stands for itself. An unterminated quote runs to the end
/// (the parser reports it).
pub(super) fn skip_quoted(src: &str, pos: usize, open: u8, close: u8) -> usize {
    let bytes = src.as_bytes();
    debug_assert_eq!(bytes[pos], open);
    let mut i = pos + 1;
    while i < bytes.len() {
        if bytes[i] == close {
            if bytes.get(i + 1) == Some(&close) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

/// The position after the (possibly nested) block comment starting at `pos`.
fn skip_block_comment(src: &str, pos: usize) -> usize {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let mut i = pos;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Splits the text of an argument list at its top-level commas (not those
/// inside parentheses, literals or quoted identifiers); each part trimmed.
pub(super) fn split_arguments(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' | b'"' | b'`' => {
                i = skip_quoted(text, i, bytes[i], bytes[i]);
                continue;
            }
            b'[' => {
                i = skip_quoted(text, i, b'[', b']');
                continue;
            }
            b'(' => depth += 1,
            b')' => depth -= 1,
            b',' if depth == 0 => {
                parts.push(text[start..i].trim().to_owned());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let last = text[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last.to_owned());
    }
    parts
}

/// The position of the `)` that closes the `(` at `open` (ignoring
/// parentheses in literals and quoted identifiers).
pub(super) fn matching_paren(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' | b'"' | b'`' => {
                i = skip_quoted(text, i, bytes[i], bytes[i]);
                continue;
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}
