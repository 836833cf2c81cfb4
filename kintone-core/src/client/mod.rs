//! The HTTP client of one Kintone connection.
//!
//! [`Client`] is cheap to clone (an `Arc` inside) and shares one reqwest
//! client, so connections are reused (keep-alive; HTTP/2 when the server
//! offers it over ALPN; gzip). Every call has a deadline of `Timeout`
//! (retries and waits included); at most `MaxConcurrentRequests` requests
//! of one client are in flight at once.

mod auth;
pub mod client_cert;
mod endpoint;
mod request;
mod retry;
mod tls;
mod transport;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use tokio::sync::Semaphore;

pub use auth::MAX_TOKENS_PER_REQUEST;
pub use endpoint::Endpoint;
pub use request::MAX_GET_URL_BYTES;
pub use retry::{Retry, RetryPolicy};

use crate::error::{Error, Result};
use crate::properties::{keys, AuthScheme, Properties};
use crate::secret::Secret;
use auth::Credentials;

/// The connection to one Kintone domain.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("url", &self.inner.endpoint.base().as_str())
            .field("scheme", &self.inner.credentials.scheme())
            .finish_non_exhaustive()
    }
}

struct Inner {
    http: reqwest::Client,
    endpoint: Endpoint,
    credentials: Credentials,
    timeout: Option<Duration>,
    permits: Semaphore,
    retry: RetryPolicy,
    settings: Settings,
    metadata: crate::metadata::Cache,
}

/// The connection properties that shape reads.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `Pagesize`.
    pub page_size: u32,
    /// `UseCursor`.
    pub use_cursor: bool,
    /// `MaxConcurrentRequests`.
    pub max_concurrent_requests: u32,
    /// `MaxRows`.
    pub max_rows: Option<u64>,
    /// `AppId`.
    pub app_ids: Vec<u64>,
    /// `GuestSpaceId`.
    pub guest_space_id: Option<u64>,
}

impl Client {
    /// A client for the connection properties, with the default retry policy.
    /// Reads the certificate files; sends nothing yet.
    pub fn new(props: &Properties) -> Result<Client> {
        Self::with_retry_policy(props, RetryPolicy::default())
    }

    /// [`Client::new`] with another retry policy.
    pub fn with_retry_policy(props: &Properties, retry: RetryPolicy) -> Result<Client> {
        // `Properties`' Debug shows no secret; logged to prove it at verbosity 3+.
        tracing::trace!(properties = ?props, "connection properties");
        let credentials = Credentials::new(props)?;
        let endpoint = Endpoint::new(props.url.clone(), props.guest_space_id);
        let mut builder = reqwest::Client::builder()
            .use_preconfigured_tls(tls::client_config(&props.tls)?)
            .gzip(true)
            .tcp_nodelay(true)
            .tcp_keepalive(Duration::from_secs(60))
            .pool_idle_timeout(Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("kintone-odbc/", env!("CARGO_PKG_VERSION")));
        if let Some(t) = props.timeout {
            builder = builder.connect_timeout(t.min(Duration::from_secs(30)));
        }
        builder = proxy(builder, props)?;
        let http = builder.build().map_err(|e| Error::Tls {
            message: format!("cannot set up the HTTP client: {e}"),
        })?;
        tracing::info!(
            url = %endpoint.base(),
            guest_space = ?props.guest_space_id,
            scheme = props.auth.scheme.name(),
            "Kintone client ready"
        );
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                endpoint,
                credentials,
                timeout: props.timeout,
                permits: Semaphore::new(props.max_concurrent_requests.max(1) as usize),
                retry,
                settings: Settings {
                    page_size: props.page_size,
                    use_cursor: props.use_cursor,
                    max_concurrent_requests: props.max_concurrent_requests.max(1),
                    max_rows: props.max_rows,
                    app_ids: props.app_ids.clone(),
                    guest_space_id: props.guest_space_id,
                },
                metadata: crate::metadata::Cache::default(),
            }),
        })
    }

    /// The read settings of the connection.
    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// The authentication scheme in use.
    pub fn auth_scheme(&self) -> AuthScheme {
        self.inner.credentials.scheme()
    }

    /// True when the cursor API may be used: `UseCursor` is on and the
    /// scheme is not OAuth (facts §2: the cursor API is closed to OAuth).
    pub fn cursor_allowed(&self) -> bool {
        self.inner.settings.use_cursor && self.auth_scheme() != AuthScheme::OAuth
    }

    /// The URL builder.
    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// `Timeout`: the deadline of each call.
    pub fn timeout(&self) -> Option<Duration> {
        self.inner.timeout
    }

    /// Replaces the OAuth access token (after the OAuth flow refreshed it).
    pub fn set_access_token(&self, token: &Secret) {
        self.inner.credentials.set_access_token(token);
    }

    pub(crate) fn metadata_cache(&self) -> &crate::metadata::Cache {
        &self.inner.metadata
    }

    /// A read (`GET`): parameters in the query string, or in a JSON body
    /// sent as POST with `X-HTTP-Method-Override: GET` when the URL would be
    /// long. Retried. `apps` are the apps the call concerns (they choose the
    /// API tokens). Returns the body.
    pub async fn get(&self, api: &str, params: &Json, apps: &[u64]) -> Result<Bytes> {
        self.call(Method::GET, api, params, apps, Retry::Read).await
    }

    /// [`Client::get`], deserialized.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        api: &str,
        params: &Json,
        apps: &[u64],
    ) -> Result<T> {
        let body = self.get(api, params, apps).await?;
        parse_json(api, &body)
    }

    /// A call with a JSON body (`POST`, `PUT`, `DELETE`), retried as `retry`
    /// says; writes use [`Retry::Never`].
    pub async fn call(
        &self,
        method: Method,
        api: &str,
        params: &Json,
        apps: &[u64],
        retry: Retry,
    ) -> Result<Bytes> {
        transport::execute(
            &self.inner,
            transport::Call {
                method,
                api,
                params,
                apps,
                retry,
                upload: None,
            },
        )
        .await
    }

    /// A write: `POST`/`PUT`/`DELETE` with a JSON body, never sent twice.
    pub async fn write_json<T: DeserializeOwned>(
        &self,
        method: Method,
        api: &str,
        body: &Json,
        apps: &[u64],
    ) -> Result<T> {
        let bytes = self.call(method, api, body, apps, Retry::Never).await?;
        parse_json(api, &bytes)
    }
}

impl Client {
    /// Uploads a file (`POST file.json`, multipart); returns its `fileKey`.
    /// Never retried.
    pub async fn upload_file(
        &self,
        name: &str,
        content_type: &str,
        bytes: Bytes,
    ) -> Result<String> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Uploaded {
            file_key: String,
        }
        let upload = transport::Upload {
            name: name.to_owned(),
            content_type: content_type.to_owned(),
            bytes,
        };
        let body = transport::execute(
            &self.inner,
            transport::Call {
                method: Method::POST,
                api: "file",
                params: &Json::Null,
                apps: &[],
                retry: Retry::Never,
                upload: Some(&upload),
            },
        )
        .await?;
        Ok(parse_json::<Uploaded>("file", &body)?.file_key)
    }

    /// Downloads a file by its `fileKey` (from a FILE field's value).
    pub async fn download_file(&self, file_key: &str) -> Result<Bytes> {
        self.get("file", &serde_json::json!({"fileKey": file_key}), &[])
            .await
    }

    /// The path Kintone names an API by inside `bulkRequest`:
    /// `/k/v1/{api}.json` or `/k/guest/{space}/v1/{api}.json`.
    pub fn api_path(&self, api: &str) -> String {
        match self.inner.settings.guest_space_id {
            Some(space) => format!("/k/guest/{space}/v1/{api}.json"),
            None => format!("/k/v1/{api}.json"),
        }
    }
}

/// Deserializes a response body; a mismatch is [`Error::Response`].
pub fn parse_json<T: DeserializeOwned>(api: &str, body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| Error::Response {
        api: api.to_owned(),
        message: e.to_string(),
    })
}

/// `ProxyServer`/`ProxyPort` (with `ProxyUser`/`ProxyPassword`) when set;
/// else the environment's proxy variables with `ProxyAutoDetect`; else no
/// proxy at all (reqwest would otherwise read the environment by default).
fn proxy(builder: reqwest::ClientBuilder, props: &Properties) -> Result<reqwest::ClientBuilder> {
    let p = &props.proxy;
    match &p.server {
        Some(server) => {
            let host = if server.contains(':') && !server.starts_with('[') {
                format!("[{server}]") // an IPv6 address
            } else {
                server.clone()
            };
            let mut proxy =
                reqwest::Proxy::all(format!("http://{host}:{}", p.port)).map_err(|_| {
                    Error::invalid_property(keys::PROXY_SERVER, "is not a valid host name")
                })?;
            if let Some(user) = &p.user {
                let password = p.password.as_ref().map(|s| s.expose()).unwrap_or("");
                proxy = proxy.basic_auth(user, password);
            }
            tracing::info!(proxy = %host, port = p.port, "using an HTTP proxy");
            Ok(builder.proxy(proxy))
        }
        None if p.auto_detect => {
            tracing::info!(
                "using the proxy of the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY)"
            );
            Ok(builder)
        }
        None => Ok(builder.no_proxy()),
    }
}
