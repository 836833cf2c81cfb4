//! `app/status.json`: process management (states and actions).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::lenient;

/// One state of the process (`states` entry).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct ProcessState {
    pub name: String,
    /// Position: STATUS sorts by it (facts §6).
    #[serde(deserialize_with = "lenient::parsed")]
    pub index: u32,
}

/// One action: moves a record from one state to another.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessAction {
    pub name: String,
    pub from: String,
    pub to: String,
    /// Condition under which the action is offered (empty: always).
    #[serde(default, deserialize_with = "lenient::text")]
    pub filter_cond: String,
}

/// The body of `GET app/status.json`. `states` and `actions` are `null` in
/// Kintone for apps that never enabled process management: empty here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProcessManagement {
    pub enable: bool,
    /// States ordered by `index`.
    pub states: Vec<ProcessState>,
    /// Actions in the order of the settings screen.
    pub actions: Vec<ProcessAction>,
    pub revision: Option<u64>,
}

#[derive(Deserialize)]
struct RawProcessManagement {
    #[serde(default, deserialize_with = "lenient::flag")]
    enable: bool,
    #[serde(default)]
    states: Option<IndexMap<String, ProcessState>>,
    #[serde(default)]
    actions: Option<Vec<ProcessAction>>,
    #[serde(default, deserialize_with = "lenient::opt_parsed")]
    revision: Option<u64>,
}

impl<'de> Deserialize<'de> for ProcessManagement {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawProcessManagement::deserialize(d)?;
        let mut states: Vec<ProcessState> = raw.states.unwrap_or_default().into_values().collect();
        states.sort_by_key(|s| s.index);
        Ok(ProcessManagement {
            enable: raw.enable,
            states,
            actions: raw.actions.unwrap_or_default(),
            revision: raw.revision,
        })
    }
}

impl ProcessManagement {
    /// Parses the JSON body of `app/status.json`.
    pub fn from_json(body: &[u8]) -> serde_json::Result<ProcessManagement> {
        serde_json::from_slice(body)
    }

    /// The state names in index order (the sort order of STATUS).
    pub fn state_names(&self) -> impl Iterator<Item = &str> {
        self.states.iter().map(|s| s.name.as_str())
    }
}
