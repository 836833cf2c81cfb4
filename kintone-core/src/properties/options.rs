//! Proxy, logging and schema properties.

use std::path::PathBuf;

use super::keys;
use super::raw::{parse_id_list, Raw};
use crate::error::{Error, Result};
use crate::secret::Secret;

/// HTTP proxy settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxy {
    /// `ProxyServer`: host name or IP address of the proxy.
    pub server: Option<String>,
    /// `ProxyPort`, 1 to 65535, default 80.
    pub port: u16,
    /// `ProxyUser`.
    pub user: Option<String>,
    /// `ProxyPassword`.
    pub password: Option<Secret>,
    /// `ProxyAutoDetect`: use the system's proxy settings; default false.
    pub auto_detect: bool,
}

impl Proxy {
    /// Default of `ProxyPort`.
    pub const DEFAULT_PORT: u16 = 80;

    pub(super) fn from_raw(raw: &Raw) -> Result<Self> {
        let server = raw.get(keys::PROXY_SERVER).map(str::trim);
        if let Some(server) = server {
            // The port has its own property; a URL here would be joined with it wrongly.
            if server.contains("://")
                || server.contains(char::is_whitespace)
                || server.contains('/')
            {
                return Err(Error::invalid_property(
                    keys::PROXY_SERVER,
                    "must be a host name or an IP address (no scheme, path or spaces); \
                     give the port in ProxyPort",
                ));
            }
        }
        let port = raw.uint(keys::PROXY_PORT, 1, 65535, Self::DEFAULT_PORT.into())?;
        Ok(Proxy {
            server: server.filter(|s| !s.is_empty()).map(str::to_owned),
            port: u16::try_from(port).expect("checked range"),
            user: raw.string(keys::PROXY_USER),
            password: raw.secret(keys::PROXY_PASSWORD),
            auto_detect: raw.bool(keys::PROXY_AUTO_DETECT, false)?,
        })
    }

    pub(super) fn render(&self, out: &mut Vec<(&'static str, String)>) {
        if let Some(server) = &self.server {
            out.push((keys::PROXY_SERVER, server.clone()));
        }
        if self.port != Self::DEFAULT_PORT {
            out.push((keys::PROXY_PORT, self.port.to_string()));
        }
        if let Some(user) = &self.user {
            out.push((keys::PROXY_USER, user.clone()));
        }
        if let Some(password) = &self.password {
            out.push((keys::PROXY_PASSWORD, password.expose().to_owned()));
        }
        if self.auto_detect {
            out.push((keys::PROXY_AUTO_DETECT, "true".to_owned()));
        }
    }

    pub(super) fn secrets<'a>(&'a self, out: &mut Vec<&'a str>) {
        out.extend(self.password.iter().map(Secret::expose));
    }
}

/// Logging settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logging {
    /// `Logfile`: where to write the log; `None` = no log file.
    pub logfile: Option<PathBuf>,
    /// `Verbosity`, 1 (least) to 5 (most), default 1.
    pub verbosity: u8,
}

impl Logging {
    /// Default of `Verbosity`.
    pub const DEFAULT_VERBOSITY: u8 = 1;

    pub(super) fn from_raw(raw: &Raw) -> Result<Self> {
        let verbosity = raw.uint(keys::VERBOSITY, 1, 5, Self::DEFAULT_VERBOSITY.into())?;
        Ok(Logging {
            logfile: raw.path(keys::LOGFILE),
            verbosity: u8::try_from(verbosity).expect("checked range"),
        })
    }

    pub(super) fn render(&self, out: &mut Vec<(&'static str, String)>) {
        if let Some(path) = &self.logfile {
            out.push((keys::LOGFILE, path.to_string_lossy().into_owned()));
        }
        if self.verbosity != Self::DEFAULT_VERBOSITY {
            out.push((keys::VERBOSITY, self.verbosity.to_string()));
        }
    }
}

/// Which apps get tables for their subtables (`CheckForSubtablesIn`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SubtableScope {
    /// `*`: every app (the default).
    #[default]
    All,
    /// Only these app IDs.
    Apps(Vec<u64>),
}

/// How apps are turned into tables and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaOptions {
    /// `UseCodeForFieldName`: name columns after field codes rather than labels; default false.
    pub use_code_for_field_name: bool,
    /// `SubtableSeparatorCharacter`: joins a subtable's name to its fields' names; default `_`.
    pub subtable_separator: String,
    /// `CheckForSubtablesIn`: default all apps.
    pub check_for_subtables_in: SubtableScope,
    /// `NumberMapToDouble`: expose Number fields as DOUBLE instead of DECIMAL; default false.
    pub number_map_to_double: bool,
}

impl SchemaOptions {
    /// Default of `SubtableSeparatorCharacter`.
    pub const DEFAULT_SUBTABLE_SEPARATOR: &'static str = "_";

    pub(super) fn from_raw(raw: &Raw) -> Result<Self> {
        // An empty value means "not set" (see `Raw::get`), so the separator is never empty.
        let subtable_separator = raw
            .string(keys::SUBTABLE_SEPARATOR_CHARACTER)
            .unwrap_or_else(|| Self::DEFAULT_SUBTABLE_SEPARATOR.to_owned());
        if subtable_separator.chars().any(char::is_control) {
            return Err(Error::invalid_property(
                keys::SUBTABLE_SEPARATOR_CHARACTER,
                "must be non-empty and must not contain control characters",
            ));
        }
        let check_for_subtables_in = match raw.get(keys::CHECK_FOR_SUBTABLES_IN).map(str::trim) {
            None | Some("*") => SubtableScope::All,
            Some(v) => match parse_id_list(v) {
                Some(ids) if !ids.is_empty() => SubtableScope::Apps(ids),
                _ => {
                    return Err(Error::invalid_property(
                        keys::CHECK_FOR_SUBTABLES_IN,
                        "must be * or a comma-separated list of app IDs (positive integers)",
                    ))
                }
            },
        };
        Ok(SchemaOptions {
            use_code_for_field_name: raw.bool(keys::USE_CODE_FOR_FIELD_NAME, false)?,
            subtable_separator,
            check_for_subtables_in,
            number_map_to_double: raw.bool(keys::NUMBER_MAP_TO_DOUBLE, false)?,
        })
    }

    pub(super) fn render(&self, out: &mut Vec<(&'static str, String)>) {
        if self.use_code_for_field_name {
            out.push((keys::USE_CODE_FOR_FIELD_NAME, "true".to_owned()));
        }
        if self.subtable_separator != Self::DEFAULT_SUBTABLE_SEPARATOR {
            out.push((
                keys::SUBTABLE_SEPARATOR_CHARACTER,
                self.subtable_separator.clone(),
            ));
        }
        if let SubtableScope::Apps(ids) = &self.check_for_subtables_in {
            out.push((keys::CHECK_FOR_SUBTABLES_IN, join_ids(ids)));
        }
        if self.number_map_to_double {
            out.push((keys::NUMBER_MAP_TO_DOUBLE, "true".to_owned()));
        }
    }
}

pub(super) fn join_ids(ids: &[u64]) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
}
