//! The whole emulated domain: users, spaces, OAuth clients, apps, files.

use std::collections::{BTreeMap, HashMap};

use super::app::App;
use super::value::Entity;

/// A user who can sign in with a password.
#[derive(Clone, Debug)]
pub struct User {
    /// Internal numeric id: CREATOR/MODIFIER sort by it (facts §6).
    pub id: u64,
    pub code: String,
    pub name: String,
    pub password: String,
    /// Organization code for `PRIMARY_ORGANIZATION()` (facts §6); "" = none.
    pub primary_organization: String,
}

impl User {
    pub fn entity(&self) -> Entity {
        Entity {
            code: self.code.clone(),
            name: self.name.clone(),
        }
    }
}

/// A space; apps in a guest space are reached through `/k/guest/{id}/v1/`.
#[derive(Clone, Debug)]
pub struct Space {
    pub id: u64,
    pub name: String,
    pub is_guest: bool,
}

/// A registered OAuth client (confidential, authorization code grant).
#[derive(Clone, Debug)]
pub struct OAuthClient {
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uris: Vec<String>,
    /// The user who consents automatically in the emulator.
    pub user: String,
}

/// An uploaded file: `file.json` POST stores it, GET returns the bytes.
#[derive(Clone, Debug)]
pub struct StoredFile {
    pub name: String,
    pub content_type: String,
    pub bytes: bytes::Bytes,
}

/// Everything the emulator serves. Guarded by one lock in `State`.
#[derive(Clone, Debug, Default)]
pub struct Store {
    pub users: Vec<User>,
    pub spaces: Vec<Space>,
    pub oauth_clients: Vec<OAuthClient>,
    pub apps: BTreeMap<u64, App>,
    /// Files by fileKey (uploaded, or attached to records).
    pub files: HashMap<String, StoredFile>,
    /// Next subtable row id, shared by all apps like Kintone's.
    pub next_row_id: u64,
    /// Next comment id.
    pub next_comment_id: u64,
}

impl Store {
    pub fn user(&self, code: &str) -> Option<&User> {
        self.users.iter().find(|u| u.code == code)
    }

    pub fn space(&self, id: u64) -> Option<&Space> {
        self.spaces.iter().find(|s| s.id == id)
    }

    pub fn app(&self, id: u64) -> Option<&App> {
        self.apps.get(&id)
    }

    pub fn app_mut(&mut self, id: u64) -> Option<&mut App> {
        self.apps.get_mut(&id)
    }

    /// The guest space an app lives in, if any.
    pub fn guest_space_of(&self, app: &App) -> Option<u64> {
        app.space_id
            .filter(|id| self.space(*id).is_some_and(|s| s.is_guest))
    }

    /// Allocates a subtable row id.
    pub fn new_row_id(&mut self) -> u64 {
        self.next_row_id += 1;
        self.next_row_id
    }
}
