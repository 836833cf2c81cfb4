//! Reading request parameters. Query-string values arrive as strings and JSON
//! bodies may carry numbers or booleans; Kintone accepts both, and so do
//! these helpers. Errors are 400 `CB_VA01` keyed by the parameter.

use serde_json::Value as Json;

use super::{ApiError, ApiRequest};

/// Kintone's message for a missing required parameter.
pub const REQUIRED: &str = "Required field.";

/// The raw parameter, if present and not null.
pub fn get<'a>(req: &'a ApiRequest, name: &str) -> Option<&'a Json> {
    req.params.get(name).filter(|v| !v.is_null())
}

/// A whole number >= 1 (ids), or None when absent.
pub fn opt_id(req: &ApiRequest, name: &str) -> Result<Option<u64>, ApiError> {
    get(req, name).map(|v| id_value(v, name)).transpose()
}

/// A required whole number >= 1 (`app`, `id`, ...).
pub fn id(req: &ApiRequest, name: &str) -> Result<u64, ApiError> {
    opt_id(req, name)?.ok_or_else(|| ApiError::param(name, REQUIRED))
}

/// Parses an id given as a JSON number or a string of digits.
pub fn id_value(v: &Json, key: &str) -> Result<u64, ApiError> {
    let n = match v {
        Json::Number(n) => n.as_u64(),
        Json::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    match n {
        Some(0) => Err(ApiError::param(key, "must be greater than or equal to 1.")),
        Some(n) => Ok(n),
        None => Err(ApiError::param(key, "Enter an integer value.")),
    }
}

/// A whole number >= 0 (`offset`, `limit`, `size`), or None when absent.
pub fn opt_count(req: &ApiRequest, name: &str) -> Result<Option<u64>, ApiError> {
    get(req, name)
        .map(|v| {
            let n = match v {
                Json::Number(n) => n.as_u64(),
                Json::String(s) => s.trim().parse::<u64>().ok(),
                _ => None,
            };
            n.ok_or_else(|| ApiError::param(name, "Enter an integer value."))
        })
        .transpose()
}

/// A string parameter (numbers are turned into their text), or None.
pub fn opt_str(req: &ApiRequest, name: &str) -> Result<Option<String>, ApiError> {
    match get(req, name) {
        None => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(Json::Number(n)) => Ok(Some(n.to_string())),
        Some(Json::Bool(b)) => Ok(Some(b.to_string())),
        Some(_) => Err(ApiError::param(name, "Enter a string.")),
    }
}

/// A boolean given as `true`/`false` or the strings "true"/"false".
pub fn opt_bool(req: &ApiRequest, name: &str) -> Result<Option<bool>, ApiError> {
    match get(req, name) {
        None => Ok(None),
        Some(Json::Bool(b)) => Ok(Some(*b)),
        Some(Json::String(s)) if s == "true" => Ok(Some(true)),
        Some(Json::String(s)) if s == "false" => Ok(Some(false)),
        Some(_) => Err(ApiError::param(name, "Enter true or false.")),
    }
}

/// An array parameter (`fields[0]=a&fields[1]=b` or a JSON array), or None.
pub fn opt_array<'a>(req: &'a ApiRequest, name: &str) -> Result<Option<&'a Vec<Json>>, ApiError> {
    match get(req, name) {
        None => Ok(None),
        Some(Json::Array(items)) => Ok(Some(items)),
        Some(_) => Err(ApiError::param(name, "Enter an array.")),
    }
}

/// An array of strings; each item is checked and errors are keyed `name[i]`.
pub fn opt_str_array(req: &ApiRequest, name: &str) -> Result<Option<Vec<String>>, ApiError> {
    let Some(items) = opt_array(req, name)? else {
        return Ok(None);
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Json::String(s) => Ok(s.clone()),
            Json::Number(n) => Ok(n.to_string()),
            _ => Err(ApiError::param(&format!("{name}[{i}]"), "Enter a string.")),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// An array of ids; errors are keyed `name[i]`.
pub fn opt_id_array(req: &ApiRequest, name: &str) -> Result<Option<Vec<u64>>, ApiError> {
    let Some(items) = opt_array(req, name)? else {
        return Ok(None);
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| id_value(v, &format!("{name}[{i}]")))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}
