//! Decoding request paths. The API may sit under any path prefix (facts §1:
//! a base URL may carry one), so routes are found by their marker segment
//! (`/k/`, `/oauth2/`, `/__emulator/`) wherever it appears.

/// Where a request goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// A Kintone REST API call.
    Api(ApiPath),
    /// Something else under `/k/`: 404 `CB_UR01`.
    UnknownApi,
    /// `/oauth2/{endpoint}`.
    OAuth(String),
    /// `/__emulator/{hook}`: the test hooks.
    Hook(String),
    /// Anything else.
    NotFound,
}

/// A decoded `/k/v1/{api}.json`, `/k/v1/preview/{api}.json`,
/// `/k/guest/{space}/v1/{api}.json` or `/k/guest/{space}/v1/preview/{api}.json`.
#[derive(Debug, PartialEq, Eq)]
pub struct ApiPath {
    /// E.g. `records`, `app/form/fields`, `records/cursor`.
    pub api: String,
    pub guest_space: Option<u64>,
    pub preview: bool,
}

/// Finds the route of a request path (without the query string).
pub fn route(path: &str) -> Route {
    let mut under_k = false;
    for (at, _) in path.match_indices("/k/") {
        under_k = true;
        if let Some(api) = parse_api(&path[at + 3..]) {
            return Route::Api(api);
        }
    }
    if under_k {
        return Route::UnknownApi;
    }
    if let Some(at) = path.find("/oauth2/") {
        return Route::OAuth(path[at + 8..].to_string());
    }
    if let Some(at) = path.find("/__emulator/") {
        return Route::Hook(path[at + 12..].to_string());
    }
    Route::NotFound
}

/// Parses what follows `/k/`.
fn parse_api(rest: &str) -> Option<ApiPath> {
    let (guest_space, tail) = if let Some(tail) = rest.strip_prefix("v1/") {
        (None, tail)
    } else {
        let after = rest.strip_prefix("guest/")?;
        let (id, tail) = after.split_once('/')?;
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        (Some(id.parse().ok()?), tail.strip_prefix("v1/")?)
    };
    let (preview, tail) = match tail.strip_prefix("preview/") {
        Some(t) => (true, t),
        None => (false, tail),
    };
    let api = tail.strip_suffix(".json")?;
    let valid = !api.is_empty()
        && !api.starts_with('/')
        && !api.ends_with('/')
        && !api.contains("//")
        && api
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'_');
    valid.then(|| ApiPath {
        api: api.to_string(),
        guest_space,
        preview,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(api: &str, guest_space: Option<u64>, preview: bool) -> Route {
        Route::Api(ApiPath {
            api: api.into(),
            guest_space,
            preview,
        })
    }

    #[test]
    fn facts_1_normal_guest_and_preview_paths() {
        assert_eq!(route("/k/v1/records.json"), api("records", None, false));
        assert_eq!(
            route("/k/v1/records/cursor.json"),
            api("records/cursor", None, false)
        );
        assert_eq!(
            route("/k/v1/preview/app/form/fields.json"),
            api("app/form/fields", None, true)
        );
        assert_eq!(
            route("/k/guest/3/v1/record.json"),
            api("record", Some(3), false)
        );
        assert_eq!(
            route("/k/guest/3/v1/preview/app/form/layout.json"),
            api("app/form/layout", Some(3), true)
        );
    }

    #[test]
    fn facts_1_path_prefix_is_allowed() {
        assert_eq!(
            route("/prefix/deeper/k/v1/records.json"),
            api("records", None, false)
        );
        assert_eq!(route("/p/oauth2/token"), Route::OAuth("token".into()));
    }

    #[test]
    fn other_paths_under_k_are_unknown_apis() {
        assert_eq!(route("/k/v2/records.json"), Route::UnknownApi);
        assert_eq!(route("/k/v1/records"), Route::UnknownApi);
        assert_eq!(route("/k/guest/x/v1/records.json"), Route::UnknownApi);
        assert_eq!(route("/k/guest/3/records.json"), Route::UnknownApi);
        assert_eq!(route("/k/v1/.json"), Route::UnknownApi);
        assert_eq!(route("/"), Route::NotFound);
        assert_eq!(route("/__emulator/stats"), Route::Hook("stats".into()));
    }
}
