//! Request parameters: the query string (arrays as `fields[0]=a&fields[1]=b`)
//! merged with a JSON body (facts §1). Values from the query string stay
//! strings: Kintone accepts `"1"` and `1`, `"true"` and `true` alike.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use crate::api::ApiError;

/// facts §4: `fields[]` takes up to 100 entries in a query string.
pub const MAX_QUERY_STRING_FIELDS: usize = 100;

/// Parses a query string into an object: `name=v` becomes a string,
/// `name[i]=v` (or `name[]=v`) items of an array ordered by index.
pub fn parse_query(query: &str) -> Result<Map<String, Json>, ApiError> {
    let mut scalars: Vec<(String, String)> = Vec::new();
    let mut arrays: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match split_array_key(&key) {
            Some((name, index)) => {
                let items = arrays.entry(name.to_string()).or_default();
                let index = index.unwrap_or(items.len());
                items.push((index, value.into_owned()));
            }
            None => scalars.push((key.into_owned(), value.into_owned())),
        }
    }
    let mut out = Map::new();
    for (key, value) in scalars {
        out.insert(key, Json::String(value));
    }
    for (name, mut items) in arrays {
        if name == "fields" && items.len() > MAX_QUERY_STRING_FIELDS {
            // [assumed] CB_VA01; the limit itself is documented (facts §4).
            return Err(ApiError::param(
                "fields",
                "Up to 100 fields can be specified in the query string.",
            ));
        }
        items.sort_by_key(|(i, _)| *i);
        let values = items.into_iter().map(|(_, v)| Json::String(v)).collect();
        out.insert(name, Json::Array(values));
    }
    Ok(out)
}

/// `fields[3]` -> ("fields", Some(3)); `fields[]` -> ("fields", None).
fn split_array_key(key: &str) -> Option<(&str, Option<usize>)> {
    let inner = key.strip_suffix(']')?;
    let (name, index) = inner.split_once('[')?;
    if name.is_empty() {
        return None;
    }
    if index.is_empty() {
        return Some((name, None));
    }
    index.parse().ok().map(|i| (name, Some(i)))
}

/// Parses a JSON body; it must be an object (`CB_IJ01` otherwise).
pub fn parse_json_body(body: &[u8]) -> Result<Map<String, Json>, ApiError> {
    match serde_json::from_slice::<Json>(body) {
        Ok(Json::Object(map)) => Ok(map),
        // [assumed] a JSON array or scalar body is as invalid as broken JSON.
        _ => Err(ApiError::invalid_json()),
    }
}

/// Merges the query-string parameters with the body's; the body wins on a
/// clash [assumed].
pub fn merge(query: Map<String, Json>, body: Option<Map<String, Json>>) -> Json {
    let mut merged = query;
    if let Some(body) = body {
        merged.extend(body);
    }
    Json::Object(merged)
}

/// Is this `Content-Type` JSON?
pub fn is_json(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|ct| {
        ct.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn facts_1_query_string_arrays_are_collected_in_index_order() {
        let map = parse_query("app=1&fields[1]=b&fields[0]=a&ids%5B0%5D=7&query=x%20%3D%20%22y%22")
            .unwrap();
        assert_eq!(
            Json::Object(map),
            json!({"app": "1", "query": "x = \"y\"", "fields": ["a", "b"], "ids": ["7"]})
        );
    }

    #[test]
    fn facts_4_more_than_100_fields_in_a_query_string_are_refused() {
        let q: Vec<String> = (0..101).map(|i| format!("fields[{i}]=f{i}")).collect();
        let err = parse_query(&q.join("&")).unwrap_err();
        assert_eq!(err.code, "CB_VA01");
        let q: Vec<String> = (0..100).map(|i| format!("fields[{i}]=f{i}")).collect();
        assert!(parse_query(&q.join("&")).is_ok());
    }

    #[test]
    fn facts_3_invalid_json_is_cb_ij01() {
        assert_eq!(parse_json_body(b"{").unwrap_err().code, "CB_IJ01");
        assert_eq!(parse_json_body(b"[1]").unwrap_err().code, "CB_IJ01");
        assert!(parse_json_body(b"{\"app\":1}").is_ok());
    }

    #[test]
    fn json_content_type_detection() {
        assert!(is_json(Some("application/json")));
        assert!(is_json(Some("Application/JSON; charset=utf-8")));
        assert!(!is_json(Some("text/plain")));
        assert!(!is_json(None));
    }
}
