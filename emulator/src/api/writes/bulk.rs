//! `POST bulkRequest.json {"requests":[{method, api, payload}]}` (facts §7):
//! up to 20 record/records/status/assignees calls run in order as one
//! all-or-nothing transaction. On failure the answer carries the failing
//! request's status and `{"results":[...]}` with `{}` for every other request
//! and the error at the failing index.

use serde_json::{json, Value as Json};

use super::call::Call;
use super::params::array;
use crate::api::params::REQUIRED;
use crate::api::{ApiError, ApiRequest};
use crate::write::invalid;

/// The most requests in one bulkRequest.
pub const MAX_REQUESTS: usize = 20;

/// Splits an API path (`/k/v1/records.json`, `/k/guest/3/v1/record.json`,
/// possibly behind a base path) into the api name and the guest space.
pub fn parse_api_path(path: &str) -> Option<(String, Option<u64>)> {
    let start = path
        .find("/k/")
        .map(|i| i + 3)
        .or_else(|| path.strip_prefix("k/").map(|_| 2))?;
    let rest = &path[start..];
    let (guest, rest) = match rest.strip_prefix("guest/") {
        Some(after) => {
            let (id, rest) = after.split_once('/')?;
            (Some(id.parse().ok()?), rest)
        }
        None => (None, rest),
    };
    let api = rest.strip_prefix("v1/")?.strip_suffix(".json")?;
    (!api.is_empty()).then(|| (api.to_string(), guest))
}

fn sub_request(parent: &ApiRequest, n: usize, entry: &Json) -> Result<ApiRequest, ApiError> {
    let key = |part: &str| format!("requests[{n}].{part}");
    let method = entry
        .get("method")
        .and_then(Json::as_str)
        .and_then(|m| http::Method::from_bytes(m.as_bytes()).ok())
        .ok_or_else(|| invalid(key("method"), REQUIRED))?;
    let (api, guest_space) = entry
        .get("api")
        .and_then(Json::as_str)
        .and_then(parse_api_path)
        .ok_or_else(|| {
            invalid(
                key("api"),
                "Enter the path of a record API, like /k/v1/record.json.",
            )
        })?;
    let params = match entry.get("payload") {
        Some(Json::Object(payload)) => Json::Object(payload.clone()),
        _ => return Err(invalid(key("payload"), REQUIRED)),
    };
    Ok(ApiRequest {
        method,
        api,
        guest_space,
        preview: false,
        params,
        principal: parent.principal.clone(),
        body: bytes::Bytes::new(),
        content_type: None,
    })
}

/// The failure answer: `{}` everywhere but at the failing index.
fn failure(index: usize, count: usize, error: ApiError) -> ApiError {
    let mut results = vec![json!({}); count];
    results[index] = error.body();
    error.with_body(json!({ "results": results }))
}

pub fn run(call: &mut Call) -> Result<Json, ApiError> {
    let params = call.params().clone();
    let entries = array(&params, "requests")?;
    if entries.is_empty() {
        return Err(invalid("requests", REQUIRED));
    }
    if entries.len() > MAX_REQUESTS {
        return Err(invalid(
            "requests",
            format!("A maximum of {MAX_REQUESTS} requests can be specified."),
        ));
    }
    let requests = entries
        .iter()
        .enumerate()
        .map(|(n, entry)| sub_request(call.req, n, entry))
        .collect::<Result<Vec<_>, _>>()?;
    let mut results = Vec::with_capacity(requests.len());
    for (n, request) in requests.iter().enumerate() {
        let mut sub = Call {
            tx: &mut *call.tx,
            req: request,
            now: call.now,
            time_zone: call.time_zone,
        };
        let outcome = super::record_api(&mut sub).unwrap_or_else(|| {
            Err(invalid(
                format!("requests[{n}].api"),
                format!(
                    "{} {} cannot be used in bulkRequest.",
                    request.method, request.api
                ),
            ))
        });
        match outcome {
            Ok(result) => results.push(result),
            Err(error) => return Err(failure(n, requests.len(), error)),
        }
    }
    Ok(json!({ "results": results }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_paths_name_the_api_and_the_guest_space() {
        assert_eq!(
            parse_api_path("/k/v1/record.json"),
            Some(("record".into(), None))
        );
        assert_eq!(
            parse_api_path("/k/guest/3/v1/records.json"),
            Some(("records".into(), Some(3)))
        );
        assert_eq!(
            parse_api_path("/prefix/k/v1/record/status.json"),
            Some(("record/status".into(), None))
        );
        assert_eq!(parse_api_path("/k/v1/records"), None);
        assert_eq!(parse_api_path("/k/guest/x/v1/records.json"), None);
        assert_eq!(parse_api_path("records.json"), None);
    }

    #[test]
    fn a_failure_puts_the_error_at_its_index() {
        let error = failure(1, 3, ApiError::record_not_found(9));
        let body = error.body();
        assert_eq!(error.status, 404);
        assert_eq!(body["results"][0], json!({}));
        assert_eq!(body["results"][1]["code"], "GAIA_RE01");
        assert_eq!(body["results"][2], json!({}));
    }
}
