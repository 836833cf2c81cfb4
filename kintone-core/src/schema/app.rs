//! `apps.json` / `app.json`: which apps exist (facts §9).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lenient;

/// A user as Kintone names one in metadata and records: login code and display name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub struct Entity {
    #[serde(default, deserialize_with = "lenient::text")]
    pub code: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
}

/// One app, as `app.json` returns it and `apps.json` lists it. Ids arrive
/// as strings (facts, preamble) and are parsed here.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    #[serde(deserialize_with = "lenient::parsed")]
    pub app_id: u64,
    /// The app code (empty when none is set); prefixes RECORD_NUMBER values when set.
    #[serde(default, deserialize_with = "lenient::text")]
    pub code: String,
    pub name: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub description: String,
    /// The space holding the app; `None` for apps outside spaces.
    #[serde(default, deserialize_with = "lenient::opt_parsed")]
    pub space_id: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_parsed")]
    pub thread_id: Option<u64>,
    pub created_at: DateTime<Utc>,
    pub modified_at: DateTime<Utc>,
    #[serde(default)]
    pub creator: Entity,
    #[serde(default)]
    pub modifier: Entity,
}

/// The body of `GET apps.json` (one page of at most 100 apps).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AppsPage {
    pub apps: Vec<AppInfo>,
}

impl AppsPage {
    /// Parses the JSON body of `apps.json`.
    pub fn from_json(body: &[u8]) -> serde_json::Result<AppsPage> {
        serde_json::from_slice(body)
    }
}

impl AppInfo {
    /// Parses the JSON body of `app.json`.
    pub fn from_json(body: &[u8]) -> serde_json::Result<AppInfo> {
        serde_json::from_slice(body)
    }
}
