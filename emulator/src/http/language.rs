//! Error message language (facts §3: the message follows the user's
//! setting or `Accept-Language`). English by default; Japanese for the most
//! common errors when the caller asks for `ja`. The texts are [assumed]:
//! close to what Kintone shows, not copied from a real response.

use crate::api::ApiError;

/// True when the first language of an `Accept-Language` header is Japanese.
pub fn wants_japanese(accept_language: Option<&str>) -> bool {
    let Some(header) = accept_language else {
        return false;
    };
    let first = header.split(',').next().unwrap_or("");
    let tag = first.split(';').next().unwrap_or("").trim();
    tag.eq_ignore_ascii_case("ja") || tag.to_ascii_lowercase().starts_with("ja-")
}

/// The Japanese message of a code, when the emulator knows one.
fn japanese(code: &str) -> Option<&'static str> {
    Some(match code {
        "CB_AU01" => "ログインしてください。",
        "CB_WA01" => "ユーザーのパスワード認証に失敗しました。",
        "CB_VA01" => "入力内容が正しくありません。",
        "CB_IJ01" => "不正なJSON文字列です。",
        "CB_NO02" => "権限がありません。",
        "GAIA_RE01" => "指定したレコードが見つかりません。",
        "GAIA_AP01" => "指定したアプリが見つかりません。削除されている可能性があります。",
        "GAIA_IA02" => "APIトークンが不正です。",
        "GAIA_NO01" => "このAPIトークンでは、指定したAPIを実行できません。",
        "GAIA_CO02" => "指定したリビジョンは最新ではありません。",
        "GAIA_IQ11" => "指定されたフィールドが見つかりません。",
        "GAIA_CN01" => "指定したカーソルが見つかりません。",
        _ => return None,
    })
}

/// Rewrites the message of `error` in the caller's language.
pub fn localise(error: &mut ApiError, accept_language: Option<&str>) {
    if wants_japanese(accept_language) {
        if let Some(text) = japanese(error.code) {
            error.message = text.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_3_japanese_only_when_it_is_the_first_language() {
        assert!(wants_japanese(Some("ja")));
        assert!(wants_japanese(Some("ja-JP,en;q=0.5")));
        assert!(!wants_japanese(Some("en-US,ja;q=0.9")));
        assert!(!wants_japanese(Some("jam")));
        assert!(!wants_japanese(None));
        let mut e = ApiError::record_not_found(3);
        let english = e.message.clone();
        localise(&mut e, Some("en"));
        assert_eq!(e.message, english);
        localise(&mut e, Some("ja"));
        assert_eq!(e.message, "指定したレコードが見つかりません。");
    }
}
