//! OAuth 2.0 authorization code grant (facts §2): the authorization
//! endpoint consents automatically for the client's configured user; the
//! token endpoint issues bearer tokens that expire on the emulator clock.

use std::collections::HashMap;

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use http::HeaderMap;
use serde_json::{json, Value as Json};

use super::auth::basic_credentials;
use super::response::Reply;
use crate::api::Principal;
use crate::model::OAuthClient;
use crate::state::State;

/// Lifetime of an access token (`expires_in`).
pub const ACCESS_TOKEN_SECONDS: i64 = 3600;
/// [assumed] lifetime of an authorization code.
pub const CODE_SECONDS: i64 = 600;

/// The scopes Kintone knows (facts §2).
pub const SCOPES: &[&str] = &[
    "k:app_record:read",
    "k:app_record:write",
    "k:app_settings:read",
    "k:app_settings:write",
    "k:file:read",
    "k:file:write",
];

struct Code {
    client_id: String,
    redirect_uri: String,
    user: String,
    scopes: Vec<String>,
    expires: DateTime<Utc>,
}

struct Access {
    user: String,
    scopes: Vec<String>,
    expires: DateTime<Utc>,
}

struct Refresh {
    client_id: String,
    user: String,
    scopes: Vec<String>,
}

/// Codes and tokens issued so far.
#[derive(Default)]
pub struct OAuthGrants {
    codes: HashMap<String, Code>,
    access: HashMap<String, Access>,
    refresh: HashMap<String, Refresh>,
}

impl OAuthGrants {
    /// The caller behind a bearer token, if it is known and not expired.
    pub fn principal_for(&self, token: &str, now: DateTime<Utc>) -> Option<Principal> {
        let access = self.access.get(token)?;
        (now < access.expires).then(|| Principal::OAuth {
            user: access.user.clone(),
            scopes: access.scopes.clone(),
        })
    }

    fn issue_access(&mut self, user: &str, scopes: &[String], now: DateTime<Utc>) -> String {
        let token = random_token();
        self.access.insert(
            token.clone(),
            Access {
                user: user.to_string(),
                scopes: scopes.to_vec(),
                expires: now + Duration::seconds(ACCESS_TOKEN_SECONDS),
            },
        );
        token
    }
}

fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn oauth_error(status: u16, error: &str, description: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": error, "error_description": description}),
    )
}

fn find_client(state: &State, client_id: &str) -> Option<OAuthClient> {
    state
        .store
        .read()
        .oauth_clients
        .iter()
        .find(|c| c.client_id == client_id)
        .cloned()
}

/// `GET /oauth2/authorization?client_id&redirect_uri&state&response_type=code&scope=...`
pub fn authorization(state: &State, query: &str) -> Reply {
    let params: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
    let Some(client) = find_client(state, get("client_id")) else {
        return oauth_error(400, "invalid_request", "Unknown client_id.");
    };
    let redirect_uri = get("redirect_uri");
    if !client.redirect_uris.iter().any(|u| u == redirect_uri) {
        return oauth_error(
            400,
            "invalid_request",
            "The redirect_uri is not registered.",
        );
    }
    let redirect = |pairs: &[(&str, &str)]| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            query.append_pair(k, v);
        }
        if let Some(s) = params.get("state") {
            query.append_pair("state", s);
        }
        let sep = if redirect_uri.contains('?') { '&' } else { '?' };
        let mut reply = Reply::text(302, "");
        reply.set_header(
            "location",
            &format!("{redirect_uri}{sep}{}", query.finish()),
        );
        reply
    };
    if get("response_type") != "code" {
        return redirect(&[("error", "unsupported_response_type")]);
    }
    let scopes: Vec<String> = get("scope")
        .split([' ', '+'])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if scopes.is_empty() || scopes.iter().any(|s| !SCOPES.contains(&s.as_str())) {
        return redirect(&[("error", "invalid_scope")]);
    }
    let code = random_token();
    state.oauth.lock().codes.insert(
        code.clone(),
        Code {
            client_id: client.client_id.clone(),
            redirect_uri: redirect_uri.to_string(),
            user: client.user.clone(),
            scopes,
            expires: state.clock.now() + Duration::seconds(CODE_SECONDS),
        },
    );
    redirect(&[("code", &code)])
}

/// `POST /oauth2/token` with the authorization_code or refresh_token grant.
pub fn token(state: &State, headers: &HeaderMap, body: &[u8]) -> Reply {
    let form: HashMap<String, String> = form_urlencoded::parse(body).into_owned().collect();
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let (client_id, secret) = basic_credentials(headers).unwrap_or_else(|| {
        (
            get("client_id").to_string(),
            get("client_secret").to_string(),
        )
    });
    let client = match find_client(state, &client_id) {
        Some(c) if c.client_secret == secret => c,
        _ => {
            let mut reply = oauth_error(401, "invalid_client", "Client authentication failed.");
            reply.set_header("www-authenticate", "Basic");
            return reply;
        }
    };
    let now = state.clock.now();
    let mut grants = state.oauth.lock();
    match get("grant_type") {
        "authorization_code" => {
            // Single use: the code is gone whatever the outcome.
            let Some(code) = grants.codes.remove(get("code")) else {
                return oauth_error(400, "invalid_grant", "The authorization code is invalid.");
            };
            if code.client_id != client.client_id
                || code.redirect_uri != get("redirect_uri")
                || now >= code.expires
            {
                return oauth_error(
                    400,
                    "invalid_grant",
                    "The authorization code is invalid, expired or was issued to another client or redirect_uri.",
                );
            }
            let access = grants.issue_access(&code.user, &code.scopes, now);
            let refresh = random_token();
            grants.refresh.insert(
                refresh.clone(),
                Refresh {
                    client_id: code.client_id,
                    user: code.user,
                    scopes: code.scopes.clone(),
                },
            );
            Reply::json(200, &token_body(&access, Some(&refresh), &code.scopes))
        }
        "refresh_token" => {
            let Some(refresh) = grants.refresh.get(get("refresh_token")) else {
                return oauth_error(400, "invalid_grant", "The refresh token is invalid.");
            };
            if refresh.client_id != client.client_id {
                return oauth_error(
                    400,
                    "invalid_grant",
                    "The refresh token belongs to another client.",
                );
            }
            let (user, scopes) = (refresh.user.clone(), refresh.scopes.clone());
            let access = grants.issue_access(&user, &scopes, now);
            // facts §2: no new refresh token; the old one stays valid.
            Reply::json(200, &token_body(&access, None, &scopes))
        }
        "" => oauth_error(400, "invalid_request", "grant_type is required."),
        _ => oauth_error(400, "unsupported_grant_type", "Unsupported grant_type."),
    }
}

fn token_body(access: &str, refresh: Option<&str>, scopes: &[String]) -> Json {
    let mut body = json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": ACCESS_TOKEN_SECONDS,
    });
    if let Some(refresh) = refresh {
        body["refresh_token"] = Json::String(refresh.to_string());
    }
    body["scope"] = Json::String(scopes.join(" "));
    body
}
