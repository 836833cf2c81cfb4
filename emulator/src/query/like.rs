//! `like` is a word search, not a substring match (facts §6 [measured]):
//! `like "key"` does not match "keyword"; space and hyphen split words,
//! underscore does not; `%` is not a wildcard; Japanese matches any
//! substring of 2+ characters.
//!
//! Text is cut into tokens: maximal runs of letters, digits and `_` of one
//! script class (CJK or not). [assumed] Other punctuation splits words like
//! the hyphen does; a change between CJK and other scripts splits too.
//! A pattern matches when its tokens appear as a consecutive run of the
//! text's tokens, where
//! - a non-CJK pattern token equals the text token, ignoring ASCII case;
//! - a CJK pattern token of 2+ characters occurs inside the text token;
//! - [assumed] a single CJK character equals the whole text token.
//!
//! [assumed] A pattern without any token (`""`, `"%"`) matches every value.

use std::borrow::Cow;

/// Han, kana (full and half width), Hangul and the CJK marks.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007
        | 0x3040..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F
        | 0x20000..=0x3FFFF)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The tokens of a text, as slices of it.
#[derive(Clone)]
struct Tokens<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Tokens<'a> {
    /// The token and whether it is CJK.
    type Item = (&'a str, bool);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.rest.find(is_word)?;
        let s = &self.rest[start..];
        let cjk = is_cjk(s.chars().next().expect("found a word char"));
        let len = s
            .find(|c: char| !is_word(c) || is_cjk(c) != cjk)
            .unwrap_or(s.len());
        self.rest = &s[len..];
        Some((&s[..len], cjk))
    }
}

fn tokens(text: &str) -> Tokens<'_> {
    Tokens { rest: text }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct PatternToken {
    text: String,
    /// A CJK token of 2+ characters: matches as a substring.
    substring: bool,
}

/// A compiled `like` pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    tokens: Vec<PatternToken>,
}

impl Pattern {
    pub fn new(pattern: &str) -> Pattern {
        Pattern {
            tokens: tokens(pattern)
                .map(|(t, cjk)| PatternToken {
                    text: t.to_string(),
                    substring: cjk && t.chars().nth(1).is_some(),
                })
                .collect(),
        }
    }

    /// True when the pattern's tokens occur consecutively in `text`.
    pub fn matches(&self, text: &str) -> bool {
        let Some(first) = self.tokens.first() else {
            return true;
        };
        let mut starts = tokens(text);
        loop {
            let here = starts.clone();
            let Some(tok) = starts.next() else {
                return false;
            };
            if token_matches(first, tok.0) && self.rest_follows(here) {
                return true;
            }
        }
    }

    /// The text tokens from `at` match every pattern token in order.
    fn rest_follows(&self, mut at: Tokens<'_>) -> bool {
        self.tokens
            .iter()
            .all(|p| at.next().is_some_and(|(t, _)| token_matches(p, t)))
    }
}

fn token_matches(p: &PatternToken, text: &str) -> bool {
    if p.substring {
        text.contains(p.text.as_str())
    } else {
        text.eq_ignore_ascii_case(&p.text)
    }
}

/// The text of a RICH_TEXT value as a search sees it: tags removed (each
/// tag separates words [assumed]) and the common entities decoded.
pub fn rich_text_plain(html: &str) -> Cow<'_, str> {
    if !html.contains(['<', '&']) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            match rest.find('>') {
                Some(end) => {
                    out.push(' ');
                    rest = &rest[end + 1..];
                }
                None => {
                    rest = "";
                }
            }
            continue;
        }
        let entity_end = rest.find(';').filter(|&e| e <= 10);
        let decoded = entity_end.and_then(|e| decode_entity(&rest[1..e]));
        match (decoded, entity_end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn decode_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code)?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn like(text: &str, pattern: &str) -> bool {
        Pattern::new(pattern).matches(text)
    }

    #[test]
    fn facts_6_like_is_a_word_search_not_a_substring_match() {
        assert!(like("the key is here", "key"));
        assert!(!like("keyword", "key"));
        assert!(!like("monkey", "key"));
        assert!(like("key", "key"));
    }

    #[test]
    fn facts_6_like_space_and_hyphen_split_words_underscore_does_not() {
        assert!(like("foo-bar", "bar"));
        assert!(like("foo bar", "foo"));
        assert!(!like("foo_bar", "bar"));
        assert!(like("foo_bar", "foo_bar"));
        // [assumed] other punctuation splits as well.
        assert!(like("alpha.beta,gamma/delta", "gamma"));
    }

    #[test]
    fn facts_6_like_percent_is_not_a_wildcard() {
        assert!(!like("keyword", "key%"));
        assert!(!like("keyword", "%word"));
        assert!(like("key word", "%key%"));
    }

    #[test]
    fn like_multi_word_pattern_needs_consecutive_tokens() {
        assert!(like("the quick brown fox", "quick brown"));
        assert!(like("the quick-brown fox", "quick brown"));
        assert!(!like("the brown quick fox", "quick brown"));
        assert!(!like("quick red brown", "quick brown"));
        assert!(like("a a b", "a b"));
    }

    #[test]
    fn like_ignores_ascii_case() {
        assert!(like("Hello World", "hello"));
        assert!(like("hello", "HELLO"));
    }

    #[test]
    fn facts_6_like_japanese_matches_substrings_of_two_or_more_characters() {
        assert!(like("東京都千代田区", "千代田"));
        assert!(like("東京都千代田区", "京都"));
        assert!(like("サイボウズ株式会社", "株式"));
        assert!(!like("東京都千代田区", "大阪"));
        // [assumed] a single CJK character matches only a whole token.
        assert!(!like("東京都千代田区", "都"));
        assert!(like("都 区", "都"));
        // Script changes split tokens.
        assert!(like("東京tower", "tower"));
        assert!(like("東京tower", "東京"));
    }

    #[test]
    fn like_pattern_without_tokens_matches_everything() {
        assert!(like("anything", ""));
        assert!(like("", ""));
        assert!(like("x", "-"));
        assert!(!like("", "x"));
    }

    #[test]
    fn rich_text_is_searched_without_tags() {
        assert_eq!(rich_text_plain("plain"), "plain");
        let plain =
            rich_text_plain("<div>Hello <b>World</b></div><p>a&amp;b &lt;c&gt; &#65;&#x42;</p>");
        assert!(like(&plain, "world"));
        assert!(like(&plain, "hello world"));
        assert!(!like(&plain, "div"));
        assert!(plain.contains("a&b <c> AB"), "{plain}");
        assert_eq!(rich_text_plain("a & b &unknown; <x"), "a & b &unknown; ");
    }
}
