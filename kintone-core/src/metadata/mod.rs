//! App metadata (facts §9), fetched once per client and cached until
//! [`Client::refresh_metadata`]: the apps (`apps.json`, pages of 100,
//! restricted to `AppId` when given), each app's fields
//! (`app/form/fields.json`), number precision (`app/settings.json`) and
//! process-management states (`app/status.json`). The types are those of
//! [`crate::schema`].

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use parking_lot::RwLock;
use serde_json::json;

use crate::client::{parse_json, Client};
use crate::error::Result;
use crate::properties::AuthScheme;
use crate::schema::{AppInfo, AppSettings, AppsPage, FormFields, ProcessManagement};

/// `apps.json` returns at most 100 apps per request (facts §9).
const APPS_PER_PAGE: usize = 100;

/// The per-client cache of metadata.
#[derive(Default)]
pub struct Cache {
    apps: RwLock<Option<Arc<Vec<AppInfo>>>>,
    fields: Map<FormFields>,
    settings: Map<AppSettings>,
    status: Map<ProcessManagement>,
}

struct Map<T>(RwLock<HashMap<u64, Arc<T>>>);

impl<T> Default for Map<T> {
    fn default() -> Self {
        Map(RwLock::new(HashMap::new()))
    }
}

impl<T> Map<T> {
    fn get(&self, key: u64) -> Option<Arc<T>> {
        self.0.read().get(&key).cloned()
    }

    fn put(&self, key: u64, value: T) -> Arc<T> {
        let value = Arc::new(value);
        self.0.write().insert(key, Arc::clone(&value));
        value
    }
}

fn clear<K: Eq + Hash, V>(map: &RwLock<HashMap<K, V>>) {
    map.write().clear();
}

/// Everything known about one app.
#[derive(Debug, Clone)]
pub struct AppMetadata {
    pub info: AppInfo,
    pub fields: Arc<FormFields>,
    pub settings: Arc<AppSettings>,
    pub status: Arc<ProcessManagement>,
}

impl Client {
    /// The apps exposed by this connection: those of `AppId`, in that
    /// order, when it is set; otherwise every app the credentials can list.
    pub async fn apps(&self) -> Result<Arc<Vec<AppInfo>>> {
        if let Some(apps) = self.metadata_cache().apps.read().clone() {
            return Ok(apps);
        }
        let wanted = self.settings().app_ids.clone();
        let apps = if wanted.is_empty() {
            self.all_apps().await?
        } else {
            self.apps_by_id(&wanted).await?
        };
        tracing::debug!(apps = apps.len(), "apps listed");
        let apps = Arc::new(apps);
        *self.metadata_cache().apps.write() = Some(Arc::clone(&apps));
        Ok(apps)
    }

    async fn all_apps(&self) -> Result<Vec<AppInfo>> {
        let mut apps = Vec::new();
        loop {
            let params = json!({"limit": APPS_PER_PAGE, "offset": apps.len()});
            let body = self.get("apps", &params, &[]).await?;
            let page: AppsPage = parse_json("apps", &body)?;
            let n = page.apps.len();
            apps.extend(page.apps);
            if n < APPS_PER_PAGE {
                return Ok(apps);
            }
        }
    }

    /// `apps.json?ids[]=...`, 100 ids per request (9 with API tokens, so
    /// that each request carries the tokens of its apps), in `ids` order.
    async fn apps_by_id(&self, ids: &[u64]) -> Result<Vec<AppInfo>> {
        let chunk = match self.auth_scheme() {
            AuthScheme::ApiToken => crate::client::MAX_TOKENS_PER_REQUEST,
            _ => APPS_PER_PAGE,
        };
        let mut found = Vec::with_capacity(ids.len());
        for group in ids.chunks(chunk) {
            let params = json!({"ids": group, "limit": APPS_PER_PAGE});
            let body = self.get("apps", &params, group).await?;
            let page: AppsPage = parse_json("apps", &body)?;
            found.extend(page.apps);
        }
        let mut ordered = Vec::with_capacity(found.len());
        for id in ids {
            match found.iter().position(|a| a.app_id == *id) {
                Some(i) => ordered.push(found.swap_remove(i)),
                None => tracing::warn!(
                    app = id,
                    "AppId names an app that does not exist or cannot be seen with these \
                     credentials"
                ),
            }
        }
        Ok(ordered)
    }

    /// The form fields of an app (tables, lookups, options).
    pub async fn app_fields(&self, app: u64) -> Result<Arc<FormFields>> {
        let cache = &self.metadata_cache().fields;
        if let Some(hit) = cache.get(app) {
            return Ok(hit);
        }
        let body = self
            .get("app/form/fields", &json!({"app": app}), &[app])
            .await?;
        Ok(cache.put(app, parse_json("app/form/fields", &body)?))
    }

    /// The app's general settings, among them the number precision.
    pub async fn app_settings(&self, app: u64) -> Result<Arc<AppSettings>> {
        let cache = &self.metadata_cache().settings;
        if let Some(hit) = cache.get(app) {
            return Ok(hit);
        }
        let body = self
            .get("app/settings", &json!({"app": app}), &[app])
            .await?;
        Ok(cache.put(app, parse_json("app/settings", &body)?))
    }

    /// The app's process management (states in order, actions).
    pub async fn process_management(&self, app: u64) -> Result<Arc<ProcessManagement>> {
        let cache = &self.metadata_cache().status;
        if let Some(hit) = cache.get(app) {
            return Ok(hit);
        }
        let body = self.get("app/status", &json!({"app": app}), &[app]).await?;
        Ok(cache.put(app, parse_json("app/status", &body)?))
    }

    /// Fields, settings and process management of an app, fetched together.
    pub async fn app_metadata(&self, app: u64) -> Result<AppMetadata> {
        let apps = self.apps().await?;
        let info = match apps.iter().find(|a| a.app_id == app) {
            Some(info) => info.clone(),
            None => {
                let body = self.get("app", &json!({"id": app}), &[app]).await?;
                parse_json("app", &body)?
            }
        };
        let (fields, settings, status) = tokio::try_join!(
            self.app_fields(app),
            self.app_settings(app),
            self.process_management(app)
        )?;
        Ok(AppMetadata {
            info,
            fields,
            settings,
            status,
        })
    }

    /// Forgets the cached metadata; the next calls fetch it again.
    pub fn refresh_metadata(&self) {
        let cache = self.metadata_cache();
        *cache.apps.write() = None;
        clear(&cache.fields.0);
        clear(&cache.settings.0);
        clear(&cache.status.0);
        tracing::debug!("metadata cache cleared");
    }
}
