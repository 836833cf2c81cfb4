//! One HTTP request's way through the emulator: test hooks, statistics,
//! faults, URL length, the Basic gate, the concurrency limit, OAuth
//! endpoints, authentication, parameters, and finally the API handler.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Method, Request, Response};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;

use super::faults::Fault;
use super::path::{self, ApiPath, Route};
use super::response::{Reply, ResponseBody};
use super::{auth, hooks, oauth, params};
use crate::api::{self, ApiError, ApiRequest};
use crate::state::State;

/// [assumed] Longest `path?query` served: facts §1 says URLs over ~8 KB fail;
/// the emulator answers them 414.
pub const MAX_URL_BYTES: usize = 8 * 1024;
/// Largest request body read (file uploads included).
const MAX_BODY_BYTES: usize = 256 * 1024 * 1024;

/// Returned instead of a response to drop the connection (the `reset` fault).
#[derive(Debug)]
pub struct ResetConnection;

impl std::fmt::Display for ResetConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection reset by an injected fault")
    }
}

impl std::error::Error for ResetConnection {}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Serves one request.
pub async fn serve(
    state: Arc<State>,
    req: Request<Incoming>,
) -> Result<Response<ResponseBody>, ResetConnection> {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_string();
    let query = parts.uri.query().unwrap_or("").to_string();
    let accept_encoding = header(&parts.headers, "accept-encoding").map(str::to_string);
    let route = path::route(&path);

    if let Route::Hook(hook) = &route {
        let body = read_body(body).await.unwrap_or_default();
        return Ok(hooks::handle(&state, &parts.method, hook, &body).into_response(false));
    }
    if route == Route::NotFound {
        return Ok(Reply::error(&unknown_api(&parts.method, &path)).into_response(false));
    }

    state.stats.count_request(parts.method.as_str(), &path);
    let mut truncate = false;
    if let Some(fault) = state.faults.take_for(&path) {
        if fault.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
        }
        if fault.reset {
            return Err(ResetConnection);
        }
        truncate = fault.truncate;
        if let Some(status) = fault.status {
            let mut reply = fault_reply(status, &fault);
            reply.gzip_if_accepted(accept_encoding.as_deref());
            return Ok(reply.into_response(truncate));
        }
    }

    let mut reply = if path.len() + query.len() + 1 > MAX_URL_BYTES {
        Reply::text(414, "Request-URI Too Long")
    } else {
        match route {
            Route::OAuth(endpoint) => oauth_call(&state, &parts, body, &endpoint, &query).await,
            Route::Api(api_path) => api_call(&state, &parts, body, Some(api_path), &query).await,
            _ => api_call(&state, &parts, body, None, &query).await,
        }
    };
    reply.gzip_if_accepted(accept_encoding.as_deref());
    Ok(reply.into_response(truncate))
}

fn unknown_api(method: &Method, path: &str) -> ApiError {
    // [assumed] CB_UR01 for any unknown API path.
    ApiError::new(
        404,
        "CB_UR01",
        format!("The API ({method} {path}) is not found."),
    )
}

/// The answer a `status` fault sends: a string body as plain text, any
/// other body as JSON.
fn fault_reply(status: u16, fault: &Fault) -> Reply {
    match &fault.body {
        None => Reply::text(status, ""),
        Some(serde_json::Value::String(text)) => Reply::text(status, text.clone()),
        Some(value) => Reply::json(status, value),
    }
}

async fn read_body(body: Incoming) -> Result<Bytes, ApiError> {
    Limited::new(body, MAX_BODY_BYTES)
        .collect()
        .await
        .map(|c| c.to_bytes())
        .map_err(|_| ApiError::new(400, "CB_VA01", "The request body could not be read."))
}

async fn oauth_call(
    state: &State,
    parts: &http::request::Parts,
    body: Incoming,
    endpoint: &str,
    query: &str,
) -> Reply {
    match (parts.method.as_str(), endpoint) {
        ("GET", "authorization") => oauth::authorization(state, query),
        ("POST", "token") => match read_body(body).await {
            Ok(body) => oauth::token(state, &parts.headers, &body),
            Err(e) => Reply::error(&e),
        },
        _ => Reply::text(404, "Not Found"),
    }
}

/// A `/k/` request: the Basic gate, the concurrency slot, the latency, the
/// `X-ConcurrencyLimit-*` headers around the handler.
async fn api_call(
    state: &Arc<State>,
    parts: &http::request::Parts,
    body: Incoming,
    api_path: Option<ApiPath>,
    query: &str,
) -> Reply {
    if !auth::passes_basic_gate(state.limits.basic_auth.as_ref(), &parts.headers) {
        let mut reply = Reply::text(401, "401 Unauthorized");
        reply.set_header("www-authenticate", "Basic realm=\"kintone\"");
        return reply;
    }
    let max = state.limits.max_concurrent;
    let mut reply = match state.stats.try_enter(max) {
        Err(_) => Reply::error(&ApiError::new(
            429,
            "GAIA_TO04",
            "Too many concurrent requests. Please try again later.",
        )),
        Ok(slot) => {
            let reply = match api_path {
                None => Reply::error(&unknown_api(&parts.method, parts.uri.path())),
                Some(api_path) => handle_api(state, parts, body, api_path, query)
                    .await
                    .unwrap_or_else(|mut e| {
                        let accept_language = header(&parts.headers, "accept-language");
                        super::language::localise(&mut e, accept_language);
                        Reply::error(&e)
                    }),
            };
            if !state.limits.latency.is_zero() {
                tokio::time::sleep(state.limits.latency).await;
            }
            let mut reply = reply;
            reply.set_header(
                "x-concurrencylimit-running",
                &state.stats.running().to_string(),
            );
            drop(slot);
            reply
        }
    };
    if !reply.headers.contains_key("x-concurrencylimit-running") {
        reply.set_header(
            "x-concurrencylimit-running",
            &state.stats.running().to_string(),
        );
    }
    reply.set_header("x-concurrencylimit-limit", &max.to_string());
    reply
}

/// Authenticates, reads the parameters and runs the handler.
async fn handle_api(
    state: &Arc<State>,
    parts: &http::request::Parts,
    body: Incoming,
    api_path: ApiPath,
    query: &str,
) -> Result<Reply, ApiError> {
    let principal = auth::authenticate(state, &parts.headers)?;
    let body = read_body(body).await?;
    let content_type = header(&parts.headers, "content-type").map(str::to_string);
    // facts §1: POST + `X-HTTP-Method-Override: GET` (case-sensitive) is a GET.
    let method = if parts.method == Method::POST
        && header(&parts.headers, "x-http-method-override") == Some("GET")
    {
        Method::GET
    } else {
        parts.method.clone()
    };
    let query_params = params::parse_query(query)?;
    let body_params =
        if params::is_json(content_type.as_deref()) && !body.iter().all(u8::is_ascii_whitespace) {
            Some(params::parse_json_body(&body)?)
        } else {
            None
        };
    let request = ApiRequest {
        method,
        api: api_path.api,
        guest_space: api_path.guest_space,
        preview: api_path.preview,
        params: params::merge(query_params, body_params),
        principal,
        body,
        content_type,
    };
    if let Some(app) = request.params.get("app").and_then(app_number) {
        let day = state
            .clock
            .now()
            .with_timezone(&state.time_zone)
            .date_naive();
        state.stats.count_app_request(day, app);
    }
    let state = Arc::clone(state);
    // Handlers are synchronous and may hold the store lock for a while (large
    // pages, bulk writes): run them off the async workers.
    let result = tokio::task::spawn_blocking(move || api::dispatch(&state, &request))
        .await
        .map_err(|_| ApiError::new(500, "CB_IL02", "An unexpected error occurred."))?;
    Ok(Reply::from_api(result?))
}

/// An `app` parameter as a number (JSON number or digit string).
fn app_number(value: &serde_json::Value) -> Option<u64> {
    match value {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}
