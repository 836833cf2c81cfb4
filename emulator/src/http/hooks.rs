//! Test hooks under `/__emulator/` (never under `/k/`, so no Kintone client
//! reaches them by accident): statistics, fault injection, the clock.

use http::Method;
use serde_json::{json, Value as Json};

use super::faults::Fault;
use super::response::Reply;
use crate::state::State;

/// Answers `/__emulator/{hook}`.
pub fn handle(state: &State, method: &Method, hook: &str, body: &[u8]) -> Reply {
    match (method.as_str(), hook) {
        ("GET", "stats") => {
            let live = state.cursors.lock().live(state.clock.now());
            Reply::json(200, &json!(state.stats.snapshot(live)))
        }
        ("POST", "faults") => match parse_faults(body) {
            Ok(faults) => {
                let n = faults.len();
                faults.into_iter().for_each(|f| state.faults.push(f));
                Reply::json(
                    200,
                    &json!({"queued": n, "pending": state.faults.pending()}),
                )
            }
            Err(message) => Reply::json(400, &json!({"error": message})),
        },
        ("DELETE", "faults") => {
            state.faults.clear();
            Reply::json(200, &json!({}))
        }
        ("POST", "clock") => {
            let seconds = serde_json::from_slice::<Json>(body)
                .ok()
                .and_then(|v| v.get("advanceSeconds").and_then(Json::as_f64));
            match seconds {
                Some(s) => {
                    state
                        .clock
                        .advance(chrono::Duration::milliseconds((s * 1000.0) as i64));
                    Reply::json(200, &json!({"now": state.clock.now().to_rfc3339()}))
                }
                None => Reply::json(400, &json!({"error": "expected {\"advanceSeconds\": N}"})),
            }
        }
        ("GET", "clock") => Reply::json(200, &json!({"now": state.clock.now().to_rfc3339()})),
        _ => Reply::json(
            404,
            &json!({"error": format!("no hook {method} /__emulator/{hook}")}),
        ),
    }
}

/// One fault object, or an array of them.
fn parse_faults(body: &[u8]) -> Result<Vec<Fault>, String> {
    let value: Json = serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))?;
    let items = match value {
        Json::Array(items) => items,
        other => vec![other],
    };
    items
        .into_iter()
        .map(|v| serde_json::from_value::<Fault>(v).map_err(|e| format!("invalid fault: {e}")))
        .collect()
}
