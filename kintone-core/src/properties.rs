//! Connection properties: parsed, defaulted and validated.
//!
//! The names are those of CData's Kintone ODBC driver (see [`keys`]), so a DSN
//! or connection string written for it works here too; lookups are
//! case-insensitive, and the ODBC keywords `UID`/`PWD` stand for
//! `User`/`Password`.
//!
//! Rules that apply to every property:
//! * the connection string's keys override the DSN's; within one source the
//!   first occurrence of a key wins (the ODBC rule), with a warning;
//! * an empty value means "not set" (DSN files often hold `Key=` lines);
//! * an unknown key is not an error: it becomes a warning
//!   ([`Properties::warnings`]), which the driver reports as SQLSTATE 01S00;
//! * a bad value is [`Error::InvalidProperty`] naming the property and what is
//!   allowed; no error message and no `Debug` output contains a secret
//!   (secret values are held in [`Secret`](crate::Secret)).

mod auth;
pub mod keys;
mod options;
mod raw;
mod tls;

use std::time::Duration;

use url::{Host, Url};

pub use auth::{Auth, AuthScheme, BasicAuth, InitiateOAuth, OAuth};
pub use options::{Logging, Proxy, SchemaOptions, SubtableScope};
pub use tls::{CertData, ClientCert, ClientCertType, ServerCert, Tls};

use crate::connection_string::{render_pairs, ConnectionString};
use crate::error::{Error, Result};
use options::join_ids;
use raw::Raw;

/// The driver-manager keys of the connection string (not Kintone properties).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DriverManagerKeys {
    /// `DSN`: the data source name.
    pub dsn: Option<String>,
    /// `DRIVER`: the driver's name or path.
    pub driver: Option<String>,
    /// `FILEDSN`: a file DSN (read by the driver manager).
    pub file_dsn: Option<String>,
    /// `SAVEFILE`: where the driver manager saves the connection as a file DSN.
    pub save_file: Option<String>,
}

impl DriverManagerKeys {
    fn slot(&mut self, upper_key: &str) -> &mut Option<String> {
        match upper_key {
            "DSN" => &mut self.dsn,
            "DRIVER" => &mut self.driver,
            "FILEDSN" => &mut self.file_dsn,
            _ => &mut self.save_file,
        }
    }
}

/// All connection properties of a Kintone connection, validated.
///
/// Build it with [`Properties::parse`], [`Properties::from_connection_string`]
/// or [`Properties::from_pairs`]. `Debug` never shows a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Properties {
    /// `Url`: the domain's base URL. `https://` is assumed without a scheme;
    /// `http://` is accepted only for a loopback host. A path prefix is kept
    /// and always ends with `/`, so API paths can be joined onto it.
    pub url: Url,
    /// `GuestSpaceId`: the guest space holding the apps; requests then use `/k/guest/{id}/v1/`.
    pub guest_space_id: Option<u64>,
    /// `AppId`: the apps to expose, in order; empty = every app the credentials can see.
    pub app_ids: Vec<u64>,
    /// `Timeout` in seconds, default 60; `None` (from 0) = no timeout.
    pub timeout: Option<Duration>,
    /// `Pagesize`: records per request, 1 to 500, default 500.
    pub page_size: u32,
    /// `MaxRows`: at most this many rows per query; `None` (from -1, the default) = no limit.
    pub max_rows: Option<u64>,
    /// `UseCursor`: read with the cursor API when possible; default true.
    pub use_cursor: bool,
    /// `MaxConcurrentRequests`: parallel requests of one connection, 1 to 100, default 4.
    pub max_concurrent_requests: u32,
    /// Authentication.
    pub auth: Auth,
    /// OAuth settings.
    pub oauth: OAuth,
    /// TLS settings.
    pub tls: Tls,
    /// Proxy settings.
    pub proxy: Proxy,
    /// Logging settings.
    pub logging: Logging,
    /// How apps become tables.
    pub schema: SchemaOptions,
    /// `DSN`, `DRIVER`, `FILEDSN`, `SAVEFILE`.
    pub driver_manager: DriverManagerKeys,
    warnings: Vec<String>,
}

impl Properties {
    /// Default of `Timeout`.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
    /// Default (and maximum) of `Pagesize`: Kintone returns at most 500 records per request.
    pub const DEFAULT_PAGE_SIZE: u32 = 500;
    /// Default of `MaxConcurrentRequests`.
    pub const DEFAULT_MAX_CONCURRENT_REQUESTS: u32 = 4;

    /// Properties from a connection string alone.
    pub fn parse(connection_string: &str) -> Result<Self> {
        Self::from_connection_string(connection_string, std::iter::empty::<(&str, &str)>())
    }

    /// Properties from a connection string and the DSN's keys; the connection
    /// string's keys win. Keys repeated in the connection string produce a warning.
    pub fn from_connection_string<K, V>(
        connection_string: &str,
        dsn: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let parsed = ConnectionString::parse(connection_string)?;
        let conn: Vec<(&str, &str)> = parsed.pairs().collect();
        let dsn: Vec<(K, V)> = dsn.into_iter().collect();
        let dsn: Vec<(&str, &str)> = dsn.iter().map(|(k, v)| (k.as_ref(), v.as_ref())).collect();
        let mut props = Self::from_raw(Raw::merge(&[&conn, &dsn]))?;
        for key in parsed.repeated_keys() {
            if let Some(name) = keys::canonical(key) {
                let warning = repeated_warning(name);
                if !props.warnings.contains(&warning) {
                    props.warnings.push(warning);
                }
            }
        }
        Ok(props)
    }

    /// Properties from `(key, value)` pairs: those of the connection string
    /// override those of the DSN; within each, the first occurrence of a key wins.
    pub fn from_pairs<K, V>(
        connection_string: impl IntoIterator<Item = (K, V)>,
        dsn: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let conn: Vec<(K, V)> = connection_string.into_iter().collect();
        let dsn: Vec<(K, V)> = dsn.into_iter().collect();
        let conn: Vec<(&str, &str)> = conn.iter().map(|(k, v)| (k.as_ref(), v.as_ref())).collect();
        let dsn: Vec<(&str, &str)> = dsn.iter().map(|(k, v)| (k.as_ref(), v.as_ref())).collect();
        Self::from_raw(Raw::merge(&[&conn, &dsn]))
    }

    fn from_raw(raw: Raw) -> Result<Self> {
        let mut warnings = raw.warnings.clone();
        let url = parse_url(&raw, &mut warnings)?;
        // Capped at what an ODBC SQLINTEGER holds; beyond that deadlines could overflow.
        let timeout_secs = raw.uint(
            keys::TIMEOUT,
            0,
            i32::MAX as u64,
            Self::DEFAULT_TIMEOUT.as_secs(),
        )?;
        let oauth = OAuth::from_raw(&raw)?;
        let auth = Auth::from_raw(&raw, &oauth)?;
        Ok(Properties {
            url,
            guest_space_id: raw.id(keys::GUEST_SPACE_ID, "a guest space ID")?,
            app_ids: raw.id_list(keys::APP_ID, "app IDs")?,
            timeout: (timeout_secs > 0).then(|| Duration::from_secs(timeout_secs)),
            page_size: raw.uint(keys::PAGESIZE, 1, 500, Self::DEFAULT_PAGE_SIZE.into())? as u32,
            max_rows: parse_max_rows(&raw)?,
            use_cursor: raw.bool(keys::USE_CURSOR, true)?,
            max_concurrent_requests: raw.uint(
                keys::MAX_CONCURRENT_REQUESTS,
                1,
                100,
                Self::DEFAULT_MAX_CONCURRENT_REQUESTS.into(),
            )? as u32,
            auth,
            oauth,
            tls: Tls::from_raw(&raw)?,
            proxy: Proxy::from_raw(&raw)?,
            logging: Logging::from_raw(&raw)?,
            schema: SchemaOptions::from_raw(&raw)?,
            driver_manager: raw.driver_manager,
            warnings,
        })
    }

    /// Messages about keys that were ignored (unknown or repeated) and values
    /// that look wrong; the driver reports them as SQLSTATE 01S00. No secrets.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Every secret value present (passwords, API tokens, OAuth secret and
    /// tokens, certificate password, inline client-certificate key), for
    /// redacting logs. Never contains an empty string.
    pub fn secrets(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.auth.secrets(&mut out);
        self.oauth.secrets(&mut out);
        self.tls.secrets(&mut out);
        self.proxy.secrets(&mut out);
        out.retain(|s| !s.is_empty());
        out
    }

    /// A complete connection string for `SQLDriverConnect`'s output: `DSN` and
    /// `DRIVER` when present, then every property whose value differs from its
    /// default (`AuthScheme` always), under its canonical name.
    ///
    /// Parsing it back gives equal properties. It contains the secrets, as the
    /// output connection string must: never log it.
    pub fn to_connection_string(&self) -> String {
        let mut out: Vec<(&'static str, String)> = Vec::new();
        // FILEDSN and SAVEFILE are handled, and written back, by the driver manager.
        if let Some(dsn) = &self.driver_manager.dsn {
            out.push(("DSN", dsn.clone()));
        }
        if let Some(driver) = &self.driver_manager.driver {
            out.push(("DRIVER", driver.clone()));
        }
        out.push((keys::URL, self.url.to_string()));
        self.auth.render(&mut out);
        if let Some(id) = self.guest_space_id {
            out.push((keys::GUEST_SPACE_ID, id.to_string()));
        }
        if !self.app_ids.is_empty() {
            out.push((keys::APP_ID, join_ids(&self.app_ids)));
        }
        match self.timeout {
            Some(t) if t == Self::DEFAULT_TIMEOUT => {}
            Some(t) => out.push((keys::TIMEOUT, t.as_secs().max(1).to_string())),
            None => out.push((keys::TIMEOUT, "0".to_owned())),
        }
        if self.page_size != Self::DEFAULT_PAGE_SIZE {
            out.push((keys::PAGESIZE, self.page_size.to_string()));
        }
        if let Some(n) = self.max_rows {
            out.push((keys::MAX_ROWS, n.to_string()));
        }
        if !self.use_cursor {
            out.push((keys::USE_CURSOR, "false".to_owned()));
        }
        if self.max_concurrent_requests != Self::DEFAULT_MAX_CONCURRENT_REQUESTS {
            out.push((
                keys::MAX_CONCURRENT_REQUESTS,
                self.max_concurrent_requests.to_string(),
            ));
        }
        self.oauth.render(&mut out);
        self.tls.render(&mut out);
        self.proxy.render(&mut out);
        self.logging.render(&mut out);
        self.schema.render(&mut out);
        render_pairs(out.iter().map(|(k, v)| (*k, v.as_str())))
    }
}

fn repeated_warning(name: &str) -> String {
    format!("connection property {name} is given more than once; the first value is used")
}

/// `-1` (the default) = no limit; otherwise a count of rows.
fn parse_max_rows(raw: &Raw) -> Result<Option<u64>> {
    let Some(v) = raw.get(keys::MAX_ROWS).map(str::trim) else {
        return Ok(None);
    };
    if v == "-1" {
        return Ok(None);
    }
    v.parse::<u64>().map(Some).map_err(|_| {
        Error::invalid_property(
            keys::MAX_ROWS,
            "must be -1 (no limit) or a number of rows (0 or more)",
        )
    })
}

fn parse_url(raw: &Raw, warnings: &mut Vec<String>) -> Result<Url> {
    let invalid = |message: &str| Error::invalid_property(keys::URL, message);
    let text = raw
        .get(keys::URL)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            invalid(
                "is required: the base URL of the Kintone domain, e.g. https://example.cybozu.com",
            )
        })?;
    let text = if has_scheme(text) {
        text.to_owned()
    } else {
        format!("https://{text}")
    };
    let mut url = Url::parse(&text)
        .map_err(|_| invalid("must be a URL such as https://example.cybozu.com"))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(invalid(
                "http:// is allowed only for a loopback host (localhost, 127.0.0.0/8, ::1); \
                 use https://",
            ))
        }
        _ => {
            return Err(invalid(
                "must be an https:// URL (http:// only for a loopback host)",
            ))
        }
    }
    if url.host().is_none() {
        return Err(invalid("must name a host, e.g. https://example.cybozu.com"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Credentials in the URL would leak wherever the URL is shown.
        return Err(invalid(
            "must not contain a user name or password; use User and Password",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            "must not contain a query (?...) or a fragment (#...)",
        ));
    }
    if !url.path().ends_with('/') {
        // Url::join replaces the last segment unless the path ends with '/'.
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    if url.path_segments().and_then(|mut s| s.next()) == Some("k") {
        warnings.push(
            "Url has a path starting with /k/, like the address of an app page; Url should be \
             the base URL of the domain, e.g. https://example.cybozu.com"
                .to_owned(),
        );
    }
    Ok(url)
}

/// `scheme://` at the start, with a syntactically valid scheme (RFC 3986).
fn has_scheme(text: &str) -> bool {
    text.find("://").is_some_and(|i| {
        let scheme = &text[..i];
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(a)) => a.is_loopback(),
        Some(Host::Ipv6(a)) => {
            a.is_loopback() || a.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests;
