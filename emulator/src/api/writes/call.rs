//! One write call: the transaction it runs in, who makes it, and the access
//! checks of its app. bulkRequest runs several calls in one transaction.

use chrono::{DateTime, Utc};

use crate::api::{access, ApiError, ApiRequest, Permission};
use crate::model::Entity;
use crate::write::{Origin, Tx, WriteEnv};

pub struct Call<'a, 's> {
    pub tx: &'a mut Tx<'s>,
    pub req: &'a ApiRequest,
    pub now: DateTime<Utc>,
    pub time_zone: chrono_tz::Tz,
}

impl Call<'_, '_> {
    /// The request's parameters.
    pub fn params(&self) -> &serde_json::Value {
        &self.req.params
    }

    /// Checks that the caller may do `permission` on the app through this
    /// path (guest-space rules, token permissions, OAuth scopes).
    pub fn authorize(&self, app_id: u64, permission: Permission) -> Result<(), ApiError> {
        access::app_for(self.tx.store(), self.req, app_id, permission).map(|_| ())
    }

    /// The user the caller acts as (None for API tokens).
    pub fn login_user(&self) -> Option<&str> {
        access::login_user(&self.req.principal)
    }

    /// Recorded as CREATOR/MODIFIER: the user, or "Administrator" for API
    /// tokens (facts §2).
    pub fn actor(&self) -> Entity {
        access::actor(self.tx.store(), &self.req.principal)
    }

    /// Runs `f` with the write environment of this call. Lookups into other
    /// apps need read access to them (facts §2).
    pub fn with_env<T>(&mut self, f: impl FnOnce(&mut Tx, &WriteEnv) -> T) -> T {
        let req = self.req;
        let check = move |app_id: u64| access::authorize(req, app_id, Permission::ViewRecord);
        let env = WriteEnv {
            actor: self.actor(),
            login_user: self.login_user().map(str::to_string),
            now: self.now,
            time_zone: self.time_zone,
            origin: Origin::Api,
            related_app_access: Some(&check),
        };
        f(self.tx, &env)
    }
}
