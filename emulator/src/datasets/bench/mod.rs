//! `--dataset bench:N[:SEED]`: one app ("Bench", id 1000) with N records
//! generated deterministically from SEED (default 1), for load and paging
//! benchmarks and for property tests that need many varied records.
//!
//! The form has every queryable scalar type, the system fields and a table
//! with 0-5 rows per record. About one value in ten of each field that may
//! be blank is blank; texts repeat, mix English and Japanese, and include
//! the case/width/punctuation variants that Kintone's sort and search rules
//! treat specially.

mod form;
mod records;
mod words;

use crate::model::{ApiToken, App, Entity, Store, User};

/// The bench app's id.
pub const APP_ID: u64 = 1000;
/// Signs in with full rights to the bench app.
pub const ADMIN: (&str, &str) = ("bench-admin", "bench-password");
/// An API token of the bench app with every record permission.
pub const API_TOKEN: &str = "BenchApiToken0000000000000000000000000RW";

/// N and SEED of `bench:N[:SEED]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BenchSpec {
    pub records: u64,
    pub seed: u64,
}

impl BenchSpec {
    /// Parses the part after `bench:`, e.g. `100000` or `100000:7`.
    pub fn parse(rest: &str) -> Result<BenchSpec, String> {
        let mut parts = rest.split(':');
        let number = |what: &str, s: Option<&str>| -> Result<Option<u64>, String> {
            s.map(|s| {
                s.parse::<u64>().map_err(|_| {
                    format!("bench dataset: {what} {s:?} is not a whole number (bench:N[:SEED])")
                })
            })
            .transpose()
        };
        let records = number("N", parts.next())?.unwrap_or(0);
        let seed = number("SEED", parts.next())?.unwrap_or(1);
        if parts.next().is_some() {
            return Err(format!(
                "bench dataset: too many parts in {rest:?} (bench:N[:SEED])"
            ));
        }
        Ok(BenchSpec { records, seed })
    }
}

/// Adds a user unless one with this code exists; returns the stored entity.
fn ensure_user(store: &mut Store, code: &str, name: &str, password: &str) -> Entity {
    if let Some(user) = store.user(code) {
        return user.entity();
    }
    let id = store.users.iter().map(|u| u.id).max().unwrap_or(0) + 1;
    let user = User {
        id,
        code: code.to_string(),
        name: name.to_string(),
        password: password.to_string(),
        primary_organization: String::new(),
    };
    let entity = user.entity();
    store.users.push(user);
    entity
}

/// Adds the bench app with `spec.records` records to the store.
pub fn load(store: &mut Store, spec: BenchSpec) -> Result<(), String> {
    if store.apps.contains_key(&APP_ID) {
        return Err(format!(
            "bench dataset: app {APP_ID} exists already (load one bench dataset only)"
        ));
    }
    let admin = ensure_user(store, ADMIN.0, "Bench Admin", ADMIN.1);
    let users: Vec<Entity> = words::USERS
        .iter()
        .map(|(code, name)| ensure_user(store, code, name, ADMIN.1))
        .collect();

    let mut app = App::new(APP_ID, "Bench", form::fields());
    app.description = format!(
        "{} generated records (bench:{}:{})",
        spec.records, spec.records, spec.seed
    );
    app.created_at = "2020-01-01T00:00:00.000Z".into();
    app.modified_at = "2020-01-01T00:00:00.000Z".into();
    app.creator = admin.clone();
    app.modifier = admin;
    app.api_tokens.push(ApiToken {
        token: API_TOKEN.into(),
        view_record: true,
        add_record: true,
        edit_record: true,
        delete_record: true,
    });

    // Adds STATUS, STATUS_ASSIGNEE and CATEGORY (disabled, as in every app)
    // and a default layout, before the records so their values fit.
    crate::fixture::finish_app(&mut app);
    let mut generator = records::Generator::new(&app, spec.seed, users, store.next_row_id);
    for id in 1..=spec.records {
        app.records.insert(id, generator.record(id));
    }
    app.next_record_id = spec.records + 1;
    store.next_row_id = generator.last_row_id;
    store.apps.insert(APP_ID, app);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_defaults_seed_to_one() {
        assert_eq!(
            BenchSpec::parse("250").unwrap(),
            BenchSpec {
                records: 250,
                seed: 1
            }
        );
        assert_eq!(
            BenchSpec::parse("10:42").unwrap(),
            BenchSpec {
                records: 10,
                seed: 42
            }
        );
    }

    #[test]
    fn spec_rejects_garbage() {
        assert!(BenchSpec::parse("ten").is_err());
        assert!(BenchSpec::parse("10:x").is_err());
        assert!(BenchSpec::parse("10:1:2").is_err());
        assert!(BenchSpec::parse("").is_err());
    }
}
