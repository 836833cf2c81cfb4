//! Reading request parameters. Query strings deliver every value as a
//! string and JSON bodies as numbers or strings; both are accepted (facts §1).

use serde_json::{Map, Value as Json};

use crate::api::params::{id_value, REQUIRED};
use crate::api::ApiError;
use crate::write::invalid;

/// A whole number given as a JSON number or a string of digits.
pub fn as_u64(value: &Json) -> Option<u64> {
    match value {
        Json::Number(n) => n.as_u64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A required id (`app`, `id`, `record`, `comment`): a whole number >= 1.
pub fn required_id(params: &Json, key: &str) -> Result<u64, ApiError> {
    match params.get(key) {
        None | Some(Json::Null) => Err(invalid(key, REQUIRED)),
        Some(Json::String(s)) if s.is_empty() => Err(invalid(key, REQUIRED)),
        Some(value) => id_value(value, key),
    }
}

/// An optional whole number >= 0 (`offset`, `limit`).
pub fn optional_count(params: &Json, key: &str) -> Result<Option<u64>, ApiError> {
    match params.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(value) => as_u64(value)
            .map(Some)
            .ok_or_else(|| invalid(key, "Enter an integer value.")),
    }
}

/// An expected revision: absent, null or -1 mean "do not check" (facts §7).
pub fn revision(value: Option<&Json>, key: &str) -> Result<Option<u64>, ApiError> {
    match value {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) if s.trim() == "-1" || s.is_empty() => Ok(None),
        Some(Json::Number(n)) if n.as_i64() == Some(-1) => Ok(None),
        Some(v) => as_u64(v)
            .map(Some)
            .ok_or_else(|| invalid(key, "Enter an integer value.")),
    }
}

/// An optional object parameter.
pub fn object<'j>(params: &'j Json, key: &str) -> Result<Option<&'j Map<String, Json>>, ApiError> {
    match params.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::Object(obj)) => Ok(Some(obj)),
        Some(_) => Err(invalid(key, "The value must be an object.")),
    }
}

/// A required array parameter.
pub fn array<'j>(params: &'j Json, key: &str) -> Result<&'j [Json], ApiError> {
    match params.get(key) {
        None | Some(Json::Null) => Err(invalid(key, REQUIRED)),
        Some(Json::Array(items)) => Ok(items),
        Some(_) => Err(invalid(key, "The value must be an array.")),
    }
}

/// A string parameter (`None` when absent).
pub fn string<'j>(params: &'j Json, key: &str) -> Result<Option<&'j str>, ApiError> {
    match params.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(key, "The value must be a string.")),
    }
}

/// A boolean given as JSON or as `"true"`/`"false"`.
pub fn boolean(params: &Json, key: &str) -> Result<bool, ApiError> {
    match params.get(key) {
        None | Some(Json::Null) => Ok(false),
        Some(Json::Bool(b)) => Ok(*b),
        Some(Json::String(s)) if s == "true" || s == "false" => Ok(s == "true"),
        Some(_) => Err(invalid(key, "The value must be true or false.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_come_as_numbers_or_strings() {
        let p = json!({"a": 5, "b": "7", "c": "x", "d": -1, "e": "", "z": 0});
        assert_eq!(required_id(&p, "a").unwrap(), 5);
        assert_eq!(required_id(&p, "b").unwrap(), 7);
        assert_eq!(required_id(&p, "c").unwrap_err().code, "CB_VA01");
        assert!(required_id(&p, "d").is_err());
        assert!(required_id(&p, "e").is_err());
        assert!(required_id(&p, "z").is_err(), "ids start at 1");
        assert!(required_id(&p, "zz")
            .unwrap_err()
            .errors
            .unwrap()
            .contains_key("zz"));
        assert_eq!(optional_count(&p, "zz").unwrap(), None);
        assert_eq!(optional_count(&p, "z").unwrap(), Some(0));
        assert!(optional_count(&p, "d").is_err());
    }

    #[test]
    fn facts_7_revision_minus_one_or_absent_means_no_check() {
        assert_eq!(revision(None, "revision").unwrap(), None);
        assert_eq!(revision(Some(&json!(-1)), "revision").unwrap(), None);
        assert_eq!(revision(Some(&json!("-1")), "revision").unwrap(), None);
        assert_eq!(revision(Some(&json!("3")), "revision").unwrap(), Some(3));
        assert_eq!(revision(Some(&json!(4)), "revision").unwrap(), Some(4));
        assert!(revision(Some(&json!("x")), "revision").is_err());
        assert!(revision(Some(&json!(-2)), "revision").is_err());
    }

    #[test]
    fn booleans_and_shapes() {
        let p = json!({"t": true, "s": "true", "n": 1, "o": {}, "a": []});
        assert!(boolean(&p, "t").unwrap() && boolean(&p, "s").unwrap());
        assert!(!boolean(&p, "missing").unwrap());
        assert!(boolean(&p, "n").is_err());
        assert!(object(&p, "o").unwrap().is_some());
        assert!(object(&p, "a").is_err());
        assert!(array(&p, "a").unwrap().is_empty());
        assert!(array(&p, "o").is_err());
    }
}
