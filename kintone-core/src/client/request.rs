//! Turning an API call into an HTTP request (query string or JSON body,
//! long GETs as POST with `X-HTTP-Method-Override: GET`), and an HTTP
//! answer into bytes or a typed error.

use bytes::Bytes;
use reqwest::Method;
use serde_json::Value as Json;
use url::Url;

use crate::error::Error;

/// facts §1: URLs over ~8 KB fail; clients switch to POST at ~4 KB.
pub const MAX_GET_URL_BYTES: usize = 4 * 1024;

/// How the parameters travel.
#[derive(Debug)]
pub enum Wire {
    /// In the query string of `url` (already added).
    Query,
    /// As a JSON body; `override_get` when a GET travels as a POST.
    Body { body: Vec<u8>, override_get: bool },
}

/// The method, URL and body of one API call.
#[derive(Debug)]
pub struct Prepared {
    pub method: Method,
    pub url: Url,
    pub wire: Wire,
}

/// Prepares a call: GET parameters go in the query string unless the URL
/// would pass [`MAX_GET_URL_BYTES`]; other methods carry a JSON body.
pub fn prepare(method: Method, mut url: Url, params: &Json) -> Prepared {
    let body = || serde_json::to_vec(params).expect("a JSON value serializes");
    if method != Method::GET {
        let wire = match params {
            Json::Null => Wire::Query,
            _ => Wire::Body {
                body: body(),
                override_get: false,
            },
        };
        return Prepared { method, url, wire };
    }
    if let Json::Object(map) = params {
        if !map.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (key, value) in map {
                match value {
                    Json::Array(items) => {
                        for (i, item) in items.iter().enumerate() {
                            pairs.append_pair(&format!("{key}[{i}]"), &scalar(item));
                        }
                    }
                    Json::Null => {}
                    other => {
                        pairs.append_pair(key, &scalar(other));
                    }
                }
            }
        }
    }
    if url.as_str().len() > MAX_GET_URL_BYTES {
        url.set_query(None);
        return Prepared {
            method: Method::POST,
            url,
            wire: Wire::Body {
                body: body(),
                override_get: true,
            },
        };
    }
    Prepared {
        method,
        url,
        wire: Wire::Query,
    }
}

fn scalar(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[derive(serde::Deserialize)]
struct KintoneError {
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    errors: Option<Json>,
}

/// The error of a non-2xx answer: Kintone's JSON error body when it is
/// one, else the start of the body as text (load balancers, proxies, the
/// Basic gate answer in plain text or HTML).
pub fn error_from_body(status: u16, body: &Bytes) -> Error {
    if let Ok(e) = serde_json::from_slice::<KintoneError>(body) {
        return Error::Api {
            status,
            code: e.code,
            message: e.message,
            id: e.id.filter(|id| !id.is_empty()),
            errors: e.errors.filter(|v| !v.is_null()).map(Box::new),
        };
    }
    let text = String::from_utf8_lossy(body);
    let mut text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > 200 {
        text = text.chars().take(200).collect::<String>() + "...";
    }
    Error::Http { status, body: text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn url() -> Url {
        Url::parse("http://127.0.0.1:1/k/v1/records.json").unwrap()
    }

    #[test]
    fn get_parameters_go_in_the_query_string() {
        let p = prepare(
            Method::GET,
            url(),
            &json!({"app": 3, "query": "a = \"b\"", "fields": ["x", "$id"], "totalCount": true}),
        );
        assert_eq!(p.method, Method::GET);
        assert!(matches!(p.wire, Wire::Query));
        let pairs: Vec<(String, String)> = p.url.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            vec![
                ("app".into(), "3".into()),
                ("query".into(), "a = \"b\"".into()),
                ("fields[0]".into(), "x".into()),
                ("fields[1]".into(), "$id".into()),
                ("totalCount".into(), "true".into()),
            ]
        );
    }

    #[test]
    fn long_gets_become_posts_with_the_override_header() {
        let long = "x".repeat(5000);
        let p = prepare(Method::GET, url(), &json!({"app": 3, "query": long}));
        assert_eq!(p.method, Method::POST);
        assert_eq!(p.url.query(), None);
        match p.wire {
            Wire::Body { body, override_get } => {
                assert!(override_get);
                let v: Json = serde_json::from_slice(&body).unwrap();
                assert_eq!(v["app"], 3);
            }
            Wire::Query => panic!("expected a body"),
        }
    }

    #[test]
    fn error_bodies() {
        let body = Bytes::from_static(
            br#"{"code":"CB_VA01","id":"abc","message":"bad","errors":{"record.x.value":{"messages":["m"]}}}"#,
        );
        match error_from_body(400, &body) {
            Error::Api {
                status,
                code,
                message,
                id,
                errors,
            } => {
                assert_eq!(
                    (status, code.as_str(), message.as_str()),
                    (400, "CB_VA01", "bad")
                );
                assert_eq!(id.as_deref(), Some("abc"));
                assert_eq!(errors.unwrap()["record.x.value"]["messages"][0], "m");
            }
            other => panic!("{other:?}"),
        }
        let e = error_from_body(
            503,
            &Bytes::from_static(b"<html>\n Service   Unavailable</html>"),
        );
        assert_eq!(
            e,
            Error::Http {
                status: 503,
                body: "<html> Service Unavailable</html>".into()
            }
        );
        assert!(e.is_retryable());
    }
}
