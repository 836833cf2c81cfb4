//! Authentication headers (facts §2).
//!
//! * Password: `X-Cybozu-Authorization: base64(user:password)`.
//! * API tokens: `X-Cybozu-API-Token: t1,t2,...`, at most 9 per request.
//! * OAuth: `Authorization: Bearer <access token>`.
//! * The Basic gate: `Authorization: Basic base64(user:password)` on top.
//!
//! Only the headers of the chosen `AuthScheme` are sent. When `User`,
//! `Password` and `APIToken` are all given without `AuthScheme`, `Properties`
//! picks Password, which is also what Kintone does when both headers arrive.
//!
//! The Basic gate and OAuth both need the `Authorization` header, so they
//! cannot be combined: [`Credentials::new`] refuses it (Kintone itself does
//! not accept OAuth behind the Basic gate).
//!
//! Which tokens go with a request: all of them when there are at most 9.
//! With more, the tokens of the apps the request concerns come first when
//! the tokens can be matched to apps by position in `AppId` (same count);
//! otherwise the tokens are tried 9 at a time and the group that works for
//! an app is remembered ("discovery", see [`TokenChoice`]).

use std::collections::HashMap;

use base64::Engine;
use parking_lot::RwLock;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};

use crate::error::{Error, Result};
use crate::properties::{keys, AuthScheme, Properties};
use crate::secret::Secret;

/// Kintone accepts at most this many tokens in one request.
pub const MAX_TOKENS_PER_REQUEST: usize = 9;

const PASSWORD_HEADER: HeaderName = HeaderName::from_static("x-cybozu-authorization");
const TOKEN_HEADER: HeaderName = HeaderName::from_static("x-cybozu-api-token");

fn sensitive(text: &str) -> HeaderValue {
    let mut value = HeaderValue::from_str(text).expect("base64 and tokens are valid header text");
    value.set_sensitive(true);
    value
}

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// The header values of one connection's credentials.
pub struct Credentials {
    scheme: AuthScheme,
    password: Option<HeaderValue>,
    tokens: Tokens,
    bearer: RwLock<Option<HeaderValue>>,
    basic: Option<HeaderValue>,
}

impl Credentials {
    /// Builds the headers from the properties.
    pub fn new(props: &Properties) -> Result<Self> {
        let auth = &props.auth;
        let basic = auth.basic.as_ref().map(|b| {
            sensitive(&format!(
                "Basic {}",
                b64(&format!("{}:{}", b.user, b.password.expose()))
            ))
        });
        if auth.scheme == AuthScheme::OAuth && basic.is_some() {
            return Err(Error::invalid_property(
                keys::BASIC_AUTH_USER,
                "cannot be combined with AuthScheme=OAuth: the Basic gate and the OAuth \
                 bearer token both need the Authorization header",
            ));
        }
        let password = match (auth.scheme, &auth.user, &auth.password) {
            (AuthScheme::Password, Some(user), Some(password)) => {
                Some(sensitive(&b64(&format!("{user}:{}", password.expose()))))
            }
            _ => None,
        };
        let bearer = match auth.scheme {
            AuthScheme::OAuth => props.oauth.access_token.as_ref().map(bearer_value),
            _ => None,
        };
        let tokens = match auth.scheme {
            AuthScheme::ApiToken => Tokens::new(&auth.api_tokens, &props.app_ids),
            _ => Tokens::new(&[], &[]),
        };
        Ok(Credentials {
            scheme: auth.scheme,
            password,
            tokens,
            bearer: RwLock::new(bearer),
            basic,
        })
    }

    /// The scheme in use.
    pub fn scheme(&self) -> AuthScheme {
        self.scheme
    }

    /// Replaces the OAuth access token (after a refresh).
    pub fn set_access_token(&self, token: &Secret) {
        *self.bearer.write() = Some(bearer_value(token));
    }

    /// The token groups to try, in order, for a request about `apps`.
    pub fn token_choice(&self, apps: &[u64]) -> TokenChoice {
        self.tokens.choice(apps)
    }

    /// Remembers that token group `group` works for `app`.
    pub fn remember_token_group(&self, app: u64, group: usize) {
        self.tokens.discovered.write().insert(app, group);
    }

    /// Adds the authentication headers; `tokens` is the `X-Cybozu-API-Token`
    /// value chosen from [`Credentials::token_choice`].
    pub fn apply(&self, headers: &mut HeaderMap, tokens: Option<&HeaderValue>) -> Result<()> {
        match self.scheme {
            AuthScheme::Password => {
                if let Some(v) = &self.password {
                    headers.insert(PASSWORD_HEADER, v.clone());
                }
            }
            AuthScheme::ApiToken => {
                if let Some(v) = tokens {
                    headers.insert(TOKEN_HEADER, v.clone());
                }
            }
            AuthScheme::OAuth => match self.bearer.read().as_ref() {
                Some(v) => {
                    headers.insert(AUTHORIZATION, v.clone());
                }
                None => {
                    return Err(Error::invalid_property(
                        keys::OAUTH_ACCESS_TOKEN,
                        "is required with AuthScheme=OAuth (the browser flow is not available \
                         in this build)",
                    ))
                }
            },
        }
        if let Some(v) = &self.basic {
            headers.insert(AUTHORIZATION, v.clone());
        }
        Ok(())
    }
}

fn bearer_value(token: &Secret) -> HeaderValue {
    sensitive(&format!("Bearer {}", token.expose()))
}

/// The `X-Cybozu-API-Token` values to try for one request, best first.
#[derive(Debug, Clone)]
pub struct TokenChoice {
    /// Each a comma-joined group of at most 9 tokens; empty without tokens.
    pub groups: Vec<HeaderValue>,
    /// The index (in the connection's list of groups) of each entry of
    /// `groups`, so that the working one can be remembered.
    pub group_ids: Vec<usize>,
    /// True when the groups are guesses to be tried in turn (discovery).
    pub discovering: bool,
}

struct Tokens {
    tokens: Vec<Secret>,
    /// Token index per app, when the tokens match `AppId` by position.
    by_app: Option<HashMap<u64, usize>>,
    /// The groups of 9 tried when the owners are unknown.
    groups: Vec<HeaderValue>,
    /// App -> index into `groups` that worked.
    discovered: RwLock<HashMap<u64, usize>>,
}

impl Tokens {
    fn new(tokens: &[Secret], app_ids: &[u64]) -> Self {
        let by_app = (tokens.len() == app_ids.len() && !tokens.is_empty()).then(|| {
            app_ids
                .iter()
                .enumerate()
                .map(|(i, app)| (*app, i))
                .collect()
        });
        let groups = tokens
            .chunks(MAX_TOKENS_PER_REQUEST)
            .map(|group| sensitive(&join(group.iter())))
            .collect();
        Tokens {
            tokens: tokens.to_vec(),
            by_app,
            groups,
            discovered: RwLock::new(HashMap::new()),
        }
    }

    fn choice(&self, apps: &[u64]) -> TokenChoice {
        let single = |value: HeaderValue, id: usize| TokenChoice {
            groups: vec![value],
            group_ids: vec![id],
            discovering: false,
        };
        if self.tokens.is_empty() {
            return TokenChoice {
                groups: Vec::new(),
                group_ids: Vec::new(),
                discovering: false,
            };
        }
        if self.groups.len() == 1 {
            return single(self.groups[0].clone(), 0);
        }
        if let Some(by_app) = &self.by_app {
            // The apps' own tokens first, then others (lookups may need them).
            let mut picked: Vec<usize> =
                apps.iter().filter_map(|a| by_app.get(a).copied()).collect();
            picked.dedup();
            for i in 0..self.tokens.len() {
                if picked.len() >= MAX_TOKENS_PER_REQUEST {
                    break;
                }
                if !picked.contains(&i) {
                    picked.push(i);
                }
            }
            picked.truncate(MAX_TOKENS_PER_REQUEST);
            return single(sensitive(&join(picked.iter().map(|&i| &self.tokens[i]))), 0);
        }
        let known = apps
            .first()
            .and_then(|app| self.discovered.read().get(app).copied());
        match known {
            Some(group) => single(self.groups[group].clone(), group),
            None => TokenChoice {
                groups: self.groups.clone(),
                group_ids: (0..self.groups.len()).collect(),
                discovering: !apps.is_empty(),
            },
        }
    }
}

fn join<'a>(tokens: impl Iterator<Item = &'a Secret>) -> String {
    tokens.map(Secret::expose).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets(n: usize) -> Vec<Secret> {
        (0..n).map(|i| Secret::new(format!("t{i}"))).collect()
    }

    fn text(v: &HeaderValue) -> &str {
        v.to_str().unwrap()
    }

    #[test]
    fn up_to_nine_tokens_go_together() {
        let t = Tokens::new(&secrets(3), &[]);
        let c = t.choice(&[5]);
        assert_eq!(c.groups.len(), 1);
        assert_eq!(text(&c.groups[0]), "t0,t1,t2");
        assert!(c.groups[0].is_sensitive());
    }

    #[test]
    fn positional_mapping_puts_the_apps_tokens_first() {
        let apps: Vec<u64> = (1..=12).collect();
        let t = Tokens::new(&secrets(12), &apps);
        let c = t.choice(&[11]);
        assert_eq!(text(&c.groups[0]), "t10,t0,t1,t2,t3,t4,t5,t6,t7");
        assert!(!c.discovering);
    }

    #[test]
    fn unknown_owners_are_tried_nine_at_a_time_then_remembered() {
        let t = Tokens::new(&secrets(12), &[]);
        let c = t.choice(&[3]);
        assert!(c.discovering);
        assert_eq!(c.groups.len(), 2);
        assert_eq!(text(&c.groups[1]), "t9,t10,t11");
        t.discovered.write().insert(3, 1);
        let c = t.choice(&[3]);
        assert_eq!(c.groups.len(), 1);
        assert_eq!(c.group_ids, vec![1]);
    }
}
