//! Everything that changes records: value parsing and validation, the
//! record builder, lookups, the all-or-nothing transaction, and the
//! operations of the write APIs (facts §7). The HTTP handlers in
//! `api::writes` and the fixture loader both go through here, so a fixture is
//! validated exactly like a write.

pub mod build;
pub mod calc;
pub mod datetime;
pub mod defaults;
pub mod lookup;
pub mod number;
pub mod process;
pub mod records;
pub mod tx;
pub mod values;

use chrono::{DateTime, Utc};

use crate::api::ApiError;
use crate::model::Entity;

pub use tx::Tx;

/// Where a write comes from. Fixtures may set what clients cannot:
/// `$id`, `$revision`, STATUS, STATUS_ASSIGNEE, CATEGORY and CALC values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Api,
    Fixture,
}

/// Checks that the caller may read a lookup's related app (facts §2: a lookup
/// into another app needs that app's token as well).
pub type RelatedAppAccess<'a> = &'a dyn Fn(u64) -> Result<(), ApiError>;

/// Who writes, when, and from where.
pub struct WriteEnv<'a> {
    /// Recorded as CREATOR / MODIFIER: the user, or "Administrator" for API
    /// tokens (facts §2).
    pub actor: Entity,
    /// The signed-in user's code (for `LOGINUSER()` defaults), if any.
    pub login_user: Option<String>,
    /// The emulator clock's time of this request.
    pub now: DateTime<Utc>,
    /// The users' time zone (DATE/TIME "now" defaults).
    pub time_zone: chrono_tz::Tz,
    pub origin: Origin,
    pub related_app_access: Option<RelatedAppAccess<'a>>,
}

impl WriteEnv<'_> {
    /// An environment for fixture loading: "Administrator" at `now`, UTC.
    pub fn fixture(now: DateTime<Utc>) -> WriteEnv<'static> {
        WriteEnv {
            actor: values::administrator(),
            login_user: None,
            now,
            time_zone: chrono_tz::UTC,
            origin: Origin::Fixture,
            related_app_access: None,
        }
    }
}

/// The RECORD_NUMBER of a record: its id, or `APPCODE-id` when the app has a
/// code (facts §8).
pub fn record_number(app_code: &str, id: u64) -> String {
    if app_code.is_empty() {
        id.to_string()
    } else {
        format!("{app_code}-{id}")
    }
}

/// 400 `CB_VA01` with a single message under `key`.
pub(crate) fn invalid(key: impl Into<String>, message: impl Into<String>) -> ApiError {
    ApiError::validation([(key.into(), message.into())])
}

#[cfg(test)]
pub(crate) mod tests;
