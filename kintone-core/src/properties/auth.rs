//! Authentication properties: the scheme, credentials, the Basic gate, OAuth.

use std::path::PathBuf;

use url::Url;

use super::keys;
use super::raw::{secret_list, Raw};
use crate::error::{Error, Result};
use crate::secret::Secret;

/// How requests authenticate (`AuthScheme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// `X-Cybozu-Authorization` with `User` and `Password`.
    Password,
    /// `X-Cybozu-API-Token` with the `APIToken` list.
    ApiToken,
    /// `Authorization: Bearer` with an OAuth access token.
    OAuth,
}

impl AuthScheme {
    const NAMES: [&'static str; 3] = ["Password", "APIToken", "OAuth"];

    /// The CData spelling: `Password`, `APIToken` or `OAuth`.
    pub fn name(self) -> &'static str {
        match self {
            AuthScheme::Password => Self::NAMES[0],
            AuthScheme::ApiToken => Self::NAMES[1],
            AuthScheme::OAuth => Self::NAMES[2],
        }
    }
}

/// The extra `Authorization: Basic` gate some domains put in front of Kintone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicAuth {
    /// `BasicAuthUser`.
    pub user: String,
    /// `BasicAuthPassword`.
    pub password: Secret,
}

/// Credentials and scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auth {
    /// `AuthScheme`; by default `APIToken` when only `APIToken` is set, else `Password`.
    pub scheme: AuthScheme,
    /// `User` (alias `UID`): the login name.
    pub user: Option<String>,
    /// `Password` (alias `PWD`).
    pub password: Option<Secret>,
    /// `APIToken`: one token per app, in the order given.
    pub api_tokens: Vec<Secret>,
    /// `BasicAuthUser` and `BasicAuthPassword`, set together or not at all.
    pub basic: Option<BasicAuth>,
}

impl Auth {
    pub(super) fn from_raw(raw: &Raw, oauth: &OAuth) -> Result<Self> {
        let user = raw.string(keys::USER);
        let password = raw.secret(keys::PASSWORD);
        let api_tokens = raw
            .get(keys::API_TOKEN)
            .map(secret_list)
            .unwrap_or_default();

        if user.as_deref().is_some_and(|u| u.contains(':')) {
            // The login travels as base64("login:password"): a colon would split it wrongly.
            return Err(Error::invalid_property(keys::USER, "must not contain ':'"));
        }
        if api_tokens
            .iter()
            .any(|t| !t.expose().bytes().all(|b| b.is_ascii_graphic()))
        {
            // Tokens go into an HTTP header; Kintone's are letters and digits.
            return Err(Error::invalid_property(
                keys::API_TOKEN,
                "each token must consist of printable ASCII characters without spaces; \
                 separate tokens with commas",
            ));
        }

        let scheme = match raw.choice(keys::AUTH_SCHEME, &AuthScheme::NAMES)? {
            Some(0) => AuthScheme::Password,
            Some(1) => AuthScheme::ApiToken,
            Some(_) => AuthScheme::OAuth,
            None if !api_tokens.is_empty() && user.is_none() && password.is_none() => {
                AuthScheme::ApiToken
            }
            None => AuthScheme::Password,
        };

        match scheme {
            AuthScheme::Password => {
                let why = "is required when AuthScheme is Password (the default unless only \
                           APIToken is set)";
                if user.is_none() {
                    return Err(Error::invalid_property(keys::USER, why));
                }
                if password.is_none() {
                    return Err(Error::invalid_property(keys::PASSWORD, why));
                }
            }
            AuthScheme::ApiToken => {
                if api_tokens.is_empty() {
                    return Err(Error::invalid_property(
                        keys::API_TOKEN,
                        "needs at least one token when AuthScheme is APIToken",
                    ));
                }
            }
            AuthScheme::OAuth => {
                if oauth.access_token.is_none() {
                    let why =
                        "is required when AuthScheme is OAuth, unless OAuthAccessToken is set";
                    if oauth.client_id.is_none() {
                        return Err(Error::invalid_property(keys::OAUTH_CLIENT_ID, why));
                    }
                    if oauth.client_secret.is_none() {
                        return Err(Error::invalid_property(keys::OAUTH_CLIENT_SECRET, why));
                    }
                }
            }
        }

        let basic = match (
            raw.string(keys::BASIC_AUTH_USER),
            raw.secret(keys::BASIC_AUTH_PASSWORD),
        ) {
            (Some(user), Some(password)) => {
                if user.contains(':') {
                    // RFC 7617: the user-id of Basic authentication cannot contain a colon.
                    return Err(Error::invalid_property(
                        keys::BASIC_AUTH_USER,
                        "must not contain ':'",
                    ));
                }
                Some(BasicAuth { user, password })
            }
            (Some(_), None) => {
                return Err(Error::invalid_property(
                    keys::BASIC_AUTH_PASSWORD,
                    "is required when BasicAuthUser is set",
                ))
            }
            (None, Some(_)) => {
                return Err(Error::invalid_property(
                    keys::BASIC_AUTH_USER,
                    "is required when BasicAuthPassword is set",
                ))
            }
            (None, None) => None,
        };

        Ok(Auth {
            scheme,
            user,
            password,
            api_tokens,
            basic,
        })
    }

    pub(super) fn render(&self, out: &mut Vec<(&'static str, String)>) {
        out.push((keys::AUTH_SCHEME, self.scheme.name().to_owned()));
        if let Some(user) = &self.user {
            out.push((keys::USER, user.clone()));
        }
        if let Some(password) = &self.password {
            out.push((keys::PASSWORD, password.expose().to_owned()));
        }
        if !self.api_tokens.is_empty() {
            let tokens: Vec<&str> = self.api_tokens.iter().map(Secret::expose).collect();
            out.push((keys::API_TOKEN, tokens.join(",")));
        }
        if let Some(basic) = &self.basic {
            out.push((keys::BASIC_AUTH_USER, basic.user.clone()));
            out.push((
                keys::BASIC_AUTH_PASSWORD,
                basic.password.expose().to_owned(),
            ));
        }
    }

    pub(super) fn secrets<'a>(&'a self, out: &mut Vec<&'a str>) {
        out.extend(self.password.iter().map(Secret::expose));
        out.extend(self.api_tokens.iter().map(Secret::expose));
        out.extend(self.basic.iter().map(|b| b.password.expose()));
    }
}

/// When the driver runs the OAuth flow (`InitiateOAuth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InitiateOAuth {
    /// `OFF`: use the tokens given; never open a browser.
    #[default]
    Off,
    /// `GETANDREFRESH`: get tokens with the browser flow when there are none, refresh them when they expire.
    GetAndRefresh,
    /// `REFRESH`: only refresh the tokens given.
    Refresh,
}

impl InitiateOAuth {
    const NAMES: [&'static str; 3] = ["OFF", "GETANDREFRESH", "REFRESH"];

    /// The CData spelling: `OFF`, `GETANDREFRESH` or `REFRESH`.
    pub fn name(self) -> &'static str {
        match self {
            InitiateOAuth::Off => Self::NAMES[0],
            InitiateOAuth::GetAndRefresh => Self::NAMES[1],
            InitiateOAuth::Refresh => Self::NAMES[2],
        }
    }
}

/// OAuth settings. Parsed and validated here; the flow lives elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuth {
    /// `OAuthClientId`.
    pub client_id: Option<String>,
    /// `OAuthClientSecret`.
    pub client_secret: Option<Secret>,
    /// `CallbackURL`, default `http://localhost:33333`.
    pub callback_url: Url,
    /// `InitiateOAuth`, default `OFF`.
    pub initiate: InitiateOAuth,
    /// `OAuthAccessToken`.
    pub access_token: Option<Secret>,
    /// `OAuthRefreshToken`.
    pub refresh_token: Option<Secret>,
    /// `OAuthSettingsLocation`: file where tokens are kept between connections.
    pub settings_location: Option<PathBuf>,
    /// `Scope`: space-separated scopes.
    pub scope: String,
}

impl OAuth {
    /// Default of `CallbackURL`.
    pub const DEFAULT_CALLBACK_URL: &'static str = "http://localhost:33333";
    /// Default of `Scope`: read and write records and files, read app settings.
    pub const DEFAULT_SCOPE: &'static str =
        "k:app_record:read k:app_record:write k:app_settings:read k:file:read k:file:write";

    pub(super) fn from_raw(raw: &Raw) -> Result<Self> {
        let callback_url = match raw.get(keys::CALLBACK_URL) {
            None => Url::parse(Self::DEFAULT_CALLBACK_URL).expect("the default is a valid URL"),
            Some(v) => Url::parse(v.trim())
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                .ok_or_else(|| {
                    Error::invalid_property(
                        keys::CALLBACK_URL,
                        "must be an absolute http:// or https:// URL, e.g. http://localhost:33333",
                    )
                })?,
        };
        let initiate = match raw.choice(keys::INITIATE_OAUTH, &InitiateOAuth::NAMES)? {
            None | Some(0) => InitiateOAuth::Off,
            Some(1) => InitiateOAuth::GetAndRefresh,
            Some(_) => InitiateOAuth::Refresh,
        };
        let scope = match raw.get(keys::SCOPE).map(str::trim) {
            None | Some("") => Self::DEFAULT_SCOPE.to_owned(),
            Some(v) => v.split_whitespace().collect::<Vec<_>>().join(" "),
        };
        Ok(OAuth {
            client_id: raw.string(keys::OAUTH_CLIENT_ID),
            client_secret: raw.secret(keys::OAUTH_CLIENT_SECRET),
            callback_url,
            initiate,
            access_token: raw.secret(keys::OAUTH_ACCESS_TOKEN),
            refresh_token: raw.secret(keys::OAUTH_REFRESH_TOKEN),
            settings_location: raw.path(keys::OAUTH_SETTINGS_LOCATION),
            scope,
        })
    }

    pub(super) fn render(&self, out: &mut Vec<(&'static str, String)>) {
        if let Some(id) = &self.client_id {
            out.push((keys::OAUTH_CLIENT_ID, id.clone()));
        }
        if let Some(secret) = &self.client_secret {
            out.push((keys::OAUTH_CLIENT_SECRET, secret.expose().to_owned()));
        }
        if self.callback_url.as_str()
            != Url::parse(Self::DEFAULT_CALLBACK_URL)
                .expect("valid")
                .as_str()
        {
            out.push((keys::CALLBACK_URL, self.callback_url.to_string()));
        }
        if self.initiate != InitiateOAuth::Off {
            out.push((keys::INITIATE_OAUTH, self.initiate.name().to_owned()));
        }
        if let Some(token) = &self.access_token {
            out.push((keys::OAUTH_ACCESS_TOKEN, token.expose().to_owned()));
        }
        if let Some(token) = &self.refresh_token {
            out.push((keys::OAUTH_REFRESH_TOKEN, token.expose().to_owned()));
        }
        if let Some(path) = &self.settings_location {
            out.push((
                keys::OAUTH_SETTINGS_LOCATION,
                path.to_string_lossy().into_owned(),
            ));
        }
        if self.scope != Self::DEFAULT_SCOPE {
            out.push((keys::SCOPE, self.scope.clone()));
        }
    }

    pub(super) fn secrets<'a>(&'a self, out: &mut Vec<&'a str>) {
        out.extend(self.client_secret.iter().map(Secret::expose));
        out.extend(self.access_token.iter().map(Secret::expose));
        out.extend(self.refresh_token.iter().map(Secret::expose));
    }
}
