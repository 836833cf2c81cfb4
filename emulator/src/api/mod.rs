//! The Kintone REST API: requests, responses, errors and the handlers.
//!
//! The HTTP layer (`crate::http`) turns a hyper request into an
//! [`ApiRequest`] (path decoded, parameters merged, caller authenticated)
//! and calls [`dispatch`]; handlers return an [`ApiResponse`] or an
//! [`ApiError`]. Handlers never see HTTP details.

mod error;

pub use error::ApiError;

use serde_json::Value as Json;

/// What a request may do, checked against the caller's credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Read records, comments, files (`k:app_record:read`, token viewRecord).
    ViewRecord,
    /// Add records (`k:app_record:write`, token addRecord).
    AddRecord,
    /// Edit records, statuses, assignees, comments (`k:app_record:write`, token editRecord).
    EditRecord,
    /// Delete records (`k:app_record:write`, token deleteRecord).
    DeleteRecord,
    /// Read app settings: app, fields, layout, views, status, settings (`k:app_settings:read`).
    ReadSettings,
    /// Upload files (`k:file:write`).
    WriteFile,
    /// Download files (`k:file:read`).
    ReadFile,
}

/// Who is calling, after authentication (facts §2).
#[derive(Clone, Debug, PartialEq)]
pub enum Principal {
    /// Password authentication (`X-Cybozu-Authorization`).
    User { code: String },
    /// OAuth bearer token: the user it acts for and the granted scopes.
    OAuth { user: String, scopes: Vec<String> },
    /// API tokens: each valid token with the app it belongs to.
    Tokens(Vec<(u64, crate::model::ApiToken)>),
}

/// A decoded API call. `api` is the part between `/v1/` and `.json`, e.g.
/// `records`, `app/form/fields`, `records/cursor`.
#[derive(Clone, Debug)]
pub struct ApiRequest {
    /// `GET`, `POST`, `PUT` or `DELETE` (after `X-HTTP-Method-Override`).
    pub method: http::Method,
    pub api: String,
    /// The `{id}` of `/k/guest/{id}/v1/`, if the path had one.
    pub guest_space: Option<u64>,
    /// True for `/k/v1/preview/...`.
    pub preview: bool,
    /// Parameters: the query string (with `fields[0]=a` collected into
    /// arrays) merged with the JSON body; an object.
    pub params: Json,
    pub principal: Principal,
    /// The raw body, for multipart uploads (`file.json`).
    pub body: bytes::Bytes,
    /// The request's `Content-Type`, for multipart uploads.
    pub content_type: Option<String>,
}

/// A successful answer.
#[derive(Clone, Debug)]
pub enum ApiResponse {
    Json(Json),
    /// Pre-serialised JSON (record pages are written without a `Value` tree).
    RawJson(Vec<u8>),
    /// File contents.
    Bytes {
        content_type: String,
        body: bytes::Bytes,
    },
    /// A response with extra headers (e.g. `X-Cybozu-Warning`, facts §4).
    WithHeaders {
        headers: Vec<(&'static str, String)>,
        response: Box<ApiResponse>,
    },
}

pub type ApiResult = Result<ApiResponse, ApiError>;

pub mod access;
mod dispatch;
pub mod params;
pub mod reads;
pub mod writes;

pub use dispatch::dispatch;
