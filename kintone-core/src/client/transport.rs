//! Sending one API call: authentication headers, the concurrency permit,
//! the deadline, retries with backoff, token-group discovery, and the
//! mapping of transport failures to [`Error`].

use std::error::Error as StdError;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use reqwest::Method;
use serde_json::Value as Json;
use tokio::time::Instant;

use super::request::{error_from_body, prepare, Wire};
use super::retry::Retry;
use super::Inner;
use crate::error::{Error, Result};

/// One API call.
pub struct Call<'a> {
    pub method: Method,
    pub api: &'a str,
    pub params: &'a Json,
    pub apps: &'a [u64],
    pub retry: Retry,
    /// A file sent as the multipart part `file` instead of `params`.
    pub upload: Option<&'a Upload>,
}

/// A file to upload (`POST file.json`).
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub content_type: String,
    pub bytes: Bytes,
}

/// Sends the call, trying token groups in turn while their owners are
/// being discovered (see `auth`).
pub async fn execute(inner: &Inner, call: Call<'_>) -> Result<Bytes> {
    let deadline = inner.timeout.map(|t| Instant::now() + t);
    let choice = inner.credentials.token_choice(call.apps);
    if choice.groups.is_empty() {
        return with_retries(inner, &call, None, deadline).await;
    }
    let mut last = None;
    for (group, id) in choice.groups.iter().zip(&choice.group_ids) {
        match with_retries(inner, &call, Some(group), deadline).await {
            Ok(body) => {
                if choice.discovering {
                    if let Some(app) = call.apps.first() {
                        tracing::debug!(app, group = id, "found the API tokens of the app");
                        inner.credentials.remember_token_group(*app, *id);
                    }
                }
                return Ok(body);
            }
            // A token of another app: 403 GAIA_NO01 (or CB_NO02); try the next group.
            Err(e) if choice.discovering && e.http_status() == Some(403) => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.expect("at least one group was tried"))
}

async fn with_retries(
    inner: &Inner,
    call: &Call<'_>,
    tokens: Option<&HeaderValue>,
    deadline: Option<Instant>,
) -> Result<Bytes> {
    let mut attempt = 1;
    loop {
        let started = Instant::now();
        let result = match deadline {
            Some(deadline) => {
                match tokio::time::timeout_at(deadline, once(inner, call, tokens)).await {
                    Ok(result) => result,
                    Err(_) => Err(timeout_error(inner, call)),
                }
            }
            None => once(inner, call, tokens).await,
        };
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let (error, retry_after) = match result {
            Ok(body) => {
                tracing::debug!(
                    method = %call.method, api = call.api, attempt, elapsed_ms,
                    bytes = body.len(), "Kintone call done"
                );
                return Ok(body);
            }
            Err(failure) => failure,
        };
        let may_retry = attempt < inner.retry.max_attempts && call.retry.allows(&error);
        if !may_retry {
            tracing::debug!(
                method = %call.method, api = call.api, attempt, elapsed_ms, %error,
                "Kintone call failed"
            );
            return Err(error);
        }
        let wait = inner.retry.backoff(attempt, retry_after);
        if deadline.is_some_and(|d| Instant::now() + wait >= d) {
            tracing::debug!(api = call.api, attempt, %error, "no time left for another attempt");
            return Err(error);
        }
        tracing::info!(
            method = %call.method, api = call.api, attempt, %error,
            wait_ms = wait.as_millis() as u64, "retrying a Kintone call"
        );
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

fn timeout_error(inner: &Inner, call: &Call<'_>) -> (Error, Option<Duration>) {
    (
        Error::Timeout {
            seconds: inner.timeout.map(|t| t.as_secs()).unwrap_or_default(),
            during: format!("{} {}", call.method, call.api),
        },
        None,
    )
}

/// One attempt; the error comes with the server's `Retry-After`, if any.
async fn once(
    inner: &Inner,
    call: &Call<'_>,
    tokens: Option<&HeaderValue>,
) -> std::result::Result<Bytes, (Error, Option<Duration>)> {
    let prepared = prepare(
        call.method.clone(),
        inner.endpoint.api_url(call.api),
        call.params,
    );
    let mut headers = HeaderMap::new();
    inner
        .credentials
        .apply(&mut headers, tokens)
        .map_err(|e| (e, None))?;
    let mut request = inner.http.request(prepared.method, prepared.url);
    if let Some(upload) = call.upload {
        let part = reqwest::multipart::Part::stream(upload.bytes.clone())
            .file_name(upload.name.clone())
            .mime_str(&upload.content_type)
            .map_err(|_| {
                (
                    Error::Unsupported {
                        message: format!("{:?} is not a valid content type", upload.content_type),
                    },
                    None,
                )
            })?;
        request = request.multipart(reqwest::multipart::Form::new().part("file", part));
    } else {
        match prepared.wire {
            Wire::Query => {}
            Wire::Body { body, override_get } => {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                if override_get {
                    headers.insert("x-http-method-override", HeaderValue::from_static("GET"));
                }
                request = request.body(body);
            }
        }
    }
    tracing::trace!(method = %call.method, api = call.api, params = %call.params, "Kintone call");
    let _permit = inner
        .permits
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let host = || inner.endpoint.host();
    let response = request
        .headers(headers)
        .send()
        .await
        .map_err(|e| (transport_error(&e, host), None))?;
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let body = response
        .bytes()
        .await
        .map_err(|e| (transport_error(&e, host), None))?;
    if (200..300).contains(&status) {
        Ok(body)
    } else {
        Err((error_from_body(status, &body), retry_after))
    }
}

/// Maps a reqwest failure: TLS trouble anywhere in the chain is
/// [`Error::Tls`]; failing to connect is [`Error::Connect`]; anything
/// after that (reset, early close, truncated or undecodable body) is
/// [`Error::Link`].
fn transport_error(error: &reqwest::Error, host: impl Fn() -> String) -> Error {
    let mut message = String::new();
    let mut source: Option<&(dyn StdError + 'static)> = error.source();
    let mut tls = false;
    while let Some(e) = source {
        tls |= is_tls(e);
        let text = e.to_string();
        if !message.contains(&text) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&text);
        }
        source = e.source();
    }
    if message.is_empty() {
        message = error.without_url_ref();
    }
    // A TLS alert after the handshake (e.g. the server refusing a missing
    // client certificate) can arrive wrapped in HTTP/2 or hyper errors that
    // hide the rustls error from `source()`; its text still names it.
    tls |= message.contains("received fatal alert");
    if tls {
        Error::Tls { message }
    } else if error.is_connect() {
        Error::Connect {
            host: host(),
            message,
        }
    } else {
        Error::Link { message }
    }
}

/// A rustls error, possibly inside (nested) `io::Error`s, whose `source()`
/// skips the wrapped error itself.
fn is_tls(error: &(dyn StdError + 'static)) -> bool {
    if error.downcast_ref::<rustls::Error>().is_some() {
        return true;
    }
    match error
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
    {
        Some(inner) => is_tls(inner),
        None => false,
    }
}

trait WithoutUrl {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_ref(&self) -> String {
        let text = self.to_string();
        match self.url() {
            Some(url) => text.replace(&format!(" ({url})"), ""),
            None => text,
        }
    }
}
