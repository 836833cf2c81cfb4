//! Kintone's error responses (facts §3):
//! `{"code":"CB_VA01","id":"<random>","message":"...","errors":{...}}`.

use serde_json::{Map, Value as Json};

/// An error answered by the API, with its HTTP status and Kintone code.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// Validation details keyed like `records[1].title.value`.
    pub errors: Option<Map<String, Json>>,
    /// A body sent instead of the usual one: a failed bulkRequest answers
    /// `{"results":[{}, {...error...}, {}]}` (facts §7).
    pub replacement_body: Option<Box<Json>>,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            errors: None,
            replacement_body: None,
        }
    }

    /// 400 `CB_VA01` with one entry per failing key.
    pub fn validation(errors: impl IntoIterator<Item = (String, String)>) -> ApiError {
        let mut map = Map::new();
        for (key, message) in errors {
            let entry = map
                .entry(key)
                .or_insert_with(|| serde_json::json!({"messages": []}));
            entry["messages"]
                .as_array_mut()
                .expect("messages is an array")
                .push(Json::String(message));
        }
        ApiError {
            status: 400,
            code: "CB_VA01",
            message: "Missing or invalid input.".into(),
            errors: Some(map),
            replacement_body: None,
        }
    }

    /// Prefixes every validation key (used by batch and bulk requests, where
    /// `record.x.value` becomes `records[3].x.value`).
    pub fn with_key_prefix(mut self, prefix: &str) -> ApiError {
        if let Some(errors) = self.errors.take() {
            self.errors = Some(
                errors
                    .into_iter()
                    .map(|(k, v)| (format!("{prefix}{k}"), v))
                    .collect(),
            );
        }
        self
    }

    /// Sends `body` instead of the usual error body, with the same status.
    pub fn with_body(mut self, body: Json) -> ApiError {
        self.replacement_body = Some(Box::new(body));
        self
    }

    /// The JSON body Kintone sends, with a fresh random error id.
    pub fn body(&self) -> Json {
        if let Some(body) = &self.replacement_body {
            return (**body).clone();
        }
        let mut body = serde_json::json!({
            "code": self.code,
            "id": uuid::Uuid::new_v4().simple().to_string()[..20].to_string(),
            "message": self.message,
        });
        if let Some(errors) = &self.errors {
            body["errors"] = Json::Object(errors.clone());
        }
        body
    }

    // Frequently used errors, named after what they mean.

    pub fn invalid_json() -> ApiError {
        ApiError::new(400, "CB_IJ01", "Invalid JSON string.")
    }
    pub fn no_privilege() -> ApiError {
        ApiError::new(403, "CB_NO02", "No privilege to proceed.")
    }
    pub fn app_not_found(app: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            404,
            "GAIA_AP01",
            format!("The app (ID: {app}) not found. The app may have been deleted."),
        )
    }
    pub fn record_not_found(id: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            404,
            "GAIA_RE01",
            format!("The specified record (ID: {id}) is not found."),
        )
    }
    pub fn token_cannot_run_api() -> ApiError {
        ApiError::new(
            403,
            "GAIA_NO01",
            "Using this API token, you cannot run the specified API.",
        )
    }
    /// A required parameter is missing or malformed: `CB_VA01` keyed by it.
    pub fn param(name: &str, message: &str) -> ApiError {
        ApiError::validation([(name.to_string(), message.to_string())])
    }
}
