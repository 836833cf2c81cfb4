//! Injected faults (`POST /__emulator/faults`): make chosen requests fail
//! the way networks and load balancers do, so that client retry logic can
//! be tested.

use parking_lot::Mutex;
use serde::Deserialize;
use serde_json::Value as Json;

/// One queued fault. The `count` requests whose path contains
/// `path_pattern`, after `skip` of them, get it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    pub path_pattern: String,
    #[serde(default)]
    pub skip: u64,
    #[serde(default = "one")]
    pub count: u64,
    /// Answer with this status instead of serving the request.
    #[serde(default)]
    pub status: Option<u16>,
    /// The body of that answer: a string is sent as plain text, anything
    /// else as JSON.
    #[serde(default)]
    pub body: Option<Json>,
    /// Wait this long first (then serve normally if there is no `status`).
    #[serde(default)]
    pub delay_ms: u64,
    /// Drop the connection without any response.
    #[serde(default)]
    pub reset: bool,
    /// Send the headers with the full `Content-Length`, then close the
    /// connection half-way through the body.
    #[serde(default)]
    pub truncate: bool,
}

fn one() -> u64 {
    1
}

impl Fault {
    /// A fault answering the next matching request with `status`.
    pub fn status(path_pattern: &str, status: u16) -> Fault {
        Fault {
            path_pattern: path_pattern.into(),
            count: 1,
            status: Some(status),
            ..Fault::default()
        }
    }
}

/// The queue of faults, in the order they were pushed.
#[derive(Default)]
pub struct Faults {
    queue: Mutex<Vec<Fault>>,
}

impl Faults {
    pub fn push(&self, fault: Fault) {
        self.queue.lock().push(fault);
    }

    pub fn clear(&self) {
        self.queue.lock().clear();
    }

    /// Faults still waiting to fire.
    pub fn pending(&self) -> usize {
        self.queue.lock().len()
    }

    /// The fault this request gets, if any. Every matching fault still in
    /// its `skip` phase counts the request; the first matching fault past
    /// its skip fires (and is removed once its `count` is used up).
    pub fn take_for(&self, path: &str) -> Option<Fault> {
        let mut queue = self.queue.lock();
        let mut fired = None;
        for (i, fault) in queue.iter_mut().enumerate() {
            if !path.contains(fault.path_pattern.as_str()) {
                continue;
            }
            if fault.skip > 0 {
                fault.skip -= 1;
            } else if fired.is_none() && fault.count > 0 {
                fault.count -= 1;
                fired = Some(i);
            }
        }
        let index = fired?;
        let fault = queue[index].clone();
        if queue[index].count == 0 {
            queue.remove(index);
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_then_count_then_gone() {
        let faults = Faults::default();
        faults.push(Fault {
            skip: 1,
            count: 2,
            ..Fault::status("/k/v1/records", 503)
        });
        assert!(faults.take_for("/k/v1/apps.json").is_none());
        assert!(faults.take_for("/k/v1/records.json").is_none());
        assert!(faults.take_for("/k/v1/records.json").is_some());
        assert!(faults.take_for("/k/v1/records/cursor.json").is_some());
        assert!(faults.take_for("/k/v1/records.json").is_none());
        assert_eq!(faults.pending(), 0);
    }

    #[test]
    fn queued_faults_fire_in_order() {
        let faults = Faults::default();
        faults.push(Fault::status("/k/", 503));
        faults.push(Fault::status("/k/", 500));
        assert_eq!(faults.take_for("/k/v1/x.json").unwrap().status, Some(503));
        assert_eq!(faults.take_for("/k/v1/x.json").unwrap().status, Some(500));
        assert!(faults.take_for("/k/v1/x.json").is_none());
    }

    #[test]
    fn parsed_from_the_hook_body() {
        let f: Fault =
            serde_json::from_str(r#"{"pathPattern":"/k/v1/records","status":503,"body":"down"}"#)
                .unwrap();
        assert_eq!(f.count, 1);
        assert_eq!(f.skip, 0);
        assert_eq!(f.body, Some(Json::String("down".into())));
    }
}
