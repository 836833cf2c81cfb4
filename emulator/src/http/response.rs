//! Building responses: JSON, plain text, Kintone errors, gzip, and the
//! deliberately broken bodies of the `truncate` fault.

use std::io::Write;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, VARY};
use http::{HeaderMap, Response, StatusCode};
use hyper::body::{Body, Frame, SizeHint};
use serde_json::Value as Json;

use crate::api::{ApiError, ApiResponse};

pub const JSON_UTF8: &str = "application/json; charset=utf-8";
const TEXT_UTF8: &str = "text/plain; charset=utf-8";
/// Bodies shorter than this are not worth compressing.
const GZIP_MIN_BYTES: usize = 1024;

/// A response before it is sent: status, headers, the whole body.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Bytes>) -> Reply {
        let mut headers = HeaderMap::new();
        if let Ok(v) = HeaderValue::from_str(content_type) {
            headers.insert(CONTENT_TYPE, v);
        }
        Reply {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers,
            body: body.into(),
        }
    }

    pub fn json(status: u16, value: &Json) -> Reply {
        Reply::new(
            status,
            JSON_UTF8,
            serde_json::to_vec(value).expect("JSON serialises"),
        )
    }

    pub fn text(status: u16, text: impl Into<String>) -> Reply {
        Reply::new(status, TEXT_UTF8, text.into())
    }

    /// A Kintone error body (facts §3).
    pub fn error(error: &ApiError) -> Reply {
        Reply::json(error.status, &error.body())
    }

    /// A handler's successful answer.
    pub fn from_api(response: ApiResponse) -> Reply {
        match response {
            ApiResponse::Json(value) => Reply::json(200, &value),
            ApiResponse::RawJson(bytes) => Reply::new(200, JSON_UTF8, bytes),
            ApiResponse::Bytes { content_type, body } => Reply::new(200, &content_type, body),
            ApiResponse::WithHeaders { headers, response } => {
                let mut reply = Reply::from_api(*response);
                for (name, value) in headers {
                    reply.set_header(name, &value);
                }
                reply
            }
        }
    }

    /// Sets a header; values that are not valid header text are dropped.
    pub fn set_header(&mut self, name: &str, value: &str) {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            self.headers.insert(n, v);
        }
    }

    /// Compresses the body when the client accepts gzip and it is worth it.
    pub fn gzip_if_accepted(&mut self, accept_encoding: Option<&str>) {
        let accepted = accept_encoding.is_some_and(accepts_gzip);
        if !accepted
            || self.body.len() < GZIP_MIN_BYTES
            || self.headers.contains_key(CONTENT_ENCODING)
        {
            return;
        }
        // Level 1: record pages are large and repetitive; speed matters more.
        let mut encoder = flate2::write::GzEncoder::new(
            Vec::with_capacity(self.body.len() / 4),
            flate2::Compression::fast(),
        );
        if encoder.write_all(&self.body).is_err() {
            return;
        }
        if let Ok(compressed) = encoder.finish() {
            self.body = compressed.into();
            self.headers
                .insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            self.headers
                .insert(VARY, HeaderValue::from_static("Accept-Encoding"));
        }
    }

    /// The hyper response. With `truncate`, the headers promise the whole
    /// body but the connection is closed after half of it.
    pub fn into_response(self, truncate: bool) -> Response<ResponseBody> {
        let len = self.body.len();
        let body = if truncate {
            ResponseBody::truncated(self.body)
        } else {
            ResponseBody::full(self.body)
        };
        let mut response = Response::new(body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
            .headers_mut()
            .insert(CONTENT_LENGTH, HeaderValue::from(len));
        response
    }
}

/// `Accept-Encoding` lists gzip (without `q=0`).
fn accepts_gzip(header: &str) -> bool {
    header.split(',').any(|item| {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim();
        let refused = parts.any(|p| {
            let p = p.trim().replace(' ', "");
            p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
        });
        coding.eq_ignore_ascii_case("gzip") && !refused
    })
}

/// The body of every response: whole, or cut short by a fault.
pub struct ResponseBody {
    chunk: Option<Bytes>,
    /// After the chunk, fail instead of ending (the connection is closed).
    fail_after: bool,
    full_len: u64,
}

/// The error that makes hyper abort a connection mid-body.
#[derive(Debug)]
pub struct Truncated;

impl std::fmt::Display for Truncated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("response body truncated by an injected fault")
    }
}

impl std::error::Error for Truncated {}

impl ResponseBody {
    pub fn full(body: Bytes) -> ResponseBody {
        ResponseBody {
            full_len: body.len() as u64,
            chunk: (!body.is_empty()).then_some(body),
            fail_after: false,
        }
    }

    fn truncated(body: Bytes) -> ResponseBody {
        let full_len = body.len() as u64;
        let half = body.slice(..body.len() / 2);
        ResponseBody {
            full_len,
            chunk: (!half.is_empty()).then_some(half),
            fail_after: true,
        }
    }
}

impl Body for ResponseBody {
    type Data = Bytes;
    type Error = Truncated;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Truncated>>> {
        if let Some(chunk) = self.chunk.take() {
            return Poll::Ready(Some(Ok(Frame::data(chunk))));
        }
        if self.fail_after {
            self.fail_after = false;
            return Poll::Ready(Some(Err(Truncated)));
        }
        Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        self.chunk.is_none() && !self.fail_after
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.full_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_acceptance() {
        assert!(accepts_gzip("gzip"));
        assert!(accepts_gzip("deflate, gzip;q=1.0, br"));
        assert!(!accepts_gzip("gzip;q=0"));
        assert!(!accepts_gzip("br"));
    }

    #[test]
    fn small_bodies_are_not_compressed() {
        let mut reply = Reply::text(200, "short");
        reply.gzip_if_accepted(Some("gzip"));
        assert!(!reply.headers.contains_key(CONTENT_ENCODING));
        let mut reply = Reply::text(200, "x".repeat(5000));
        reply.gzip_if_accepted(Some("gzip"));
        assert_eq!(reply.headers[CONTENT_ENCODING], "gzip");
        assert!(reply.body.len() < 200);
    }
}
