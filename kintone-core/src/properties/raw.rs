//! Merging the connection string's and the DSN's pairs, and reading raw values
//! as typed ones.
//!
//! Every error here names the property and what is allowed, never the value:
//! the same helpers read secrets and ordinary settings, and a value typed into
//! the wrong key may be a password.

use std::collections::HashMap;
use std::path::PathBuf;

use super::keys;
use super::DriverManagerKeys;
use crate::connection_string::is_driver_manager_key;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The merged, not yet interpreted values, by canonical property name.
pub(super) struct Raw {
    values: HashMap<&'static str, String>,
    pub(super) driver_manager: DriverManagerKeys,
    pub(super) warnings: Vec<String>,
}

impl Raw {
    /// Merges the sources, earlier sources winning: for each source in turn
    /// the first occurrence of a key counts, and a key already set by an
    /// earlier source is skipped.
    pub(super) fn merge<'a>(sources: &[&'a [(&'a str, &'a str)]]) -> Raw {
        let mut raw = Raw {
            values: HashMap::new(),
            driver_manager: DriverManagerKeys::default(),
            warnings: Vec::new(),
        };
        let mut unknown: Vec<String> = Vec::new();
        for source in sources {
            let mut seen: Vec<&'static str> = Vec::new();
            let mut seen_dm: Vec<String> = Vec::new();
            for &(key, value) in source.iter() {
                let key = key.trim();
                if is_driver_manager_key(key) {
                    let upper = key.to_ascii_uppercase();
                    if seen_dm.contains(&upper) {
                        continue;
                    }
                    let slot = raw.driver_manager.slot(&upper);
                    if slot.is_none() {
                        *slot = Some(value.to_owned());
                    }
                    seen_dm.push(upper);
                } else if let Some(name) = keys::canonical(key) {
                    if seen.contains(&name) {
                        let warning =
                            format!("connection property {name} is given more than once; the first value is used");
                        if !raw.warnings.contains(&warning) {
                            raw.warnings.push(warning);
                        }
                        continue;
                    }
                    seen.push(name);
                    raw.values.entry(name).or_insert_with(|| value.to_owned());
                } else if keys::IGNORED.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                    // A DSN's description is for people, not for the driver.
                } else if !unknown.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                    unknown.push(key.to_owned());
                    raw.warnings
                        .push(format!("unknown connection property '{key}' ignored"));
                }
            }
        }
        raw
    }

    /// The value, or `None` when absent or empty (so a DSN line like
    /// `GuestSpaceId=` means "not set").
    pub(super) fn get(&self, key: &'static str) -> Option<&str> {
        self.values
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    pub(super) fn string(&self, key: &'static str) -> Option<String> {
        self.get(key).map(str::to_owned)
    }

    pub(super) fn secret(&self, key: &'static str) -> Option<Secret> {
        self.get(key).map(Secret::from)
    }

    pub(super) fn path(&self, key: &'static str) -> Option<PathBuf> {
        self.get(key).map(PathBuf::from)
    }

    pub(super) fn bool(&self, key: &'static str, default: bool) -> Result<bool> {
        self.get(key).map_or(Ok(default), |v| parse_bool(key, v))
    }

    /// An integer in `min..=max`.
    pub(super) fn uint(&self, key: &'static str, min: u64, max: u64, default: u64) -> Result<u64> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => match v.trim().parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(Error::invalid_property(
                    key,
                    format!("must be an integer from {min} to {max}"),
                )),
            },
        }
    }

    /// A positive integer (an ID).
    pub(super) fn id(&self, key: &'static str, what: &str) -> Result<Option<u64>> {
        self.get(key)
            .map(|v| parse_id(v).ok_or_else(|| id_error(key, what)))
            .transpose()
    }

    /// A comma-separated list of positive integers; empty items are skipped,
    /// repeated ones dropped.
    pub(super) fn id_list(&self, key: &'static str, what: &str) -> Result<Vec<u64>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(v) => parse_id_list(v).ok_or_else(|| {
                Error::invalid_property(
                    key,
                    format!("must be a comma-separated list of {what} (positive integers)"),
                )
            }),
        }
    }

    /// One of `choices` (case-insensitive); returns its index.
    pub(super) fn choice(&self, key: &'static str, choices: &[&str]) -> Result<Option<usize>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                let v = v.trim();
                choices
                    .iter()
                    .position(|c| c.eq_ignore_ascii_case(v))
                    .map(Some)
                    .ok_or_else(|| {
                        Error::invalid_property(
                            key,
                            format!("must be one of {}", choices.join(", ")),
                        )
                    })
            }
        }
    }
}

/// `true`/`false`, `yes`/`no`, `on`/`off`, `1`/`0`, any case.
pub(super) fn parse_bool(key: &str, value: &str) -> Result<bool> {
    let v = value.trim();
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(v));
    if is(&["true", "yes", "on", "1"]) {
        Ok(true)
    } else if is(&["false", "no", "off", "0"]) {
        Ok(false)
    } else {
        Err(Error::invalid_property(
            key,
            "must be a boolean: true/false, yes/no, on/off or 1/0",
        ))
    }
}

fn parse_id(v: &str) -> Option<u64> {
    v.trim().parse::<u64>().ok().filter(|&n| n > 0)
}

fn id_error(key: &str, what: &str) -> Error {
    Error::invalid_property(key, format!("must be a positive integer ({what})"))
}

pub(super) fn parse_id_list(v: &str) -> Option<Vec<u64>> {
    let mut ids = Vec::new();
    for item in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let id = parse_id(item)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Some(ids)
}

/// A comma-separated list of secrets in order; empty items are skipped.
pub(super) fn secret_list(v: &str) -> Vec<Secret> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Secret::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans() {
        for t in ["true", "TRUE", "Yes", "on", "1", " 1 "] {
            assert!(parse_bool("K", t).unwrap(), "{t}");
        }
        for f in ["false", "False", "NO", "off", "0"] {
            assert!(!parse_bool("K", f).unwrap(), "{f}");
        }
        for bad in ["", "2", "y", "truee", "-1"] {
            let err = parse_bool("UseCursor", bad).unwrap_err();
            assert!(err.to_string().contains("UseCursor"), "{err}");
        }
    }

    #[test]
    fn id_lists() {
        assert_eq!(parse_id_list("1, 2,3"), Some(vec![1, 2, 3]));
        assert_eq!(parse_id_list("3,1,3,"), Some(vec![3, 1]));
        assert_eq!(parse_id_list(" , "), Some(vec![]));
        assert_eq!(parse_id_list("1,0"), None);
        assert_eq!(parse_id_list("1,-2"), None);
        assert_eq!(parse_id_list("1;2"), None);
        assert_eq!(parse_id_list("a"), None);
    }

    #[test]
    fn secret_lists_keep_order() {
        let v = secret_list(" b , a,,c ");
        let v: Vec<&str> = v.iter().map(Secret::expose).collect();
        assert_eq!(v, ["b", "a", "c"]);
    }

    #[test]
    fn merge_precedence() {
        let conn: &[(&str, &str)] = &[("user", "c1"), ("USER", "c2"), ("dsn", "x")];
        let dsn: &[(&str, &str)] = &[("User", "d1"), ("Password", "p"), ("DSN", "y")];
        let raw = Raw::merge(&[conn, dsn]);
        assert_eq!(raw.get(keys::USER), Some("c1"));
        assert_eq!(raw.get(keys::PASSWORD), Some("p"));
        assert_eq!(raw.driver_manager.dsn.as_deref(), Some("x"));
        assert_eq!(raw.warnings.len(), 1, "{:?}", raw.warnings);
        assert!(raw.warnings[0].contains("User"));
    }

    #[test]
    fn merge_warns_about_unknown_keys_once() {
        let conn: &[(&str, &str)] = &[("Foo", "1"), ("FOO", "2"), ("Description", "d")];
        let raw = Raw::merge(&[conn, &[("foo", "3")]]);
        assert_eq!(raw.warnings, ["unknown connection property 'Foo' ignored"]);
    }
}
