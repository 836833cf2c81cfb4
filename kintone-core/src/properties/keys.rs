//! Property names, as CData's Kintone ODBC driver spells them.
//!
//! Lookups are case-insensitive; these spellings are the canonical ones used in
//! error messages and in rendered connection strings.

/// The Kintone base URL.
pub const URL: &str = "Url";
/// Guest space of the apps.
pub const GUEST_SPACE_ID: &str = "GuestSpaceId";
/// Apps to expose.
pub const APP_ID: &str = "AppId";
/// HTTP timeout in seconds.
pub const TIMEOUT: &str = "Timeout";
/// Records per request.
pub const PAGESIZE: &str = "Pagesize";
/// Row limit for every query.
pub const MAX_ROWS: &str = "MaxRows";
/// Use the cursor API for reads.
pub const USE_CURSOR: &str = "UseCursor";
/// Parallel requests per connection.
pub const MAX_CONCURRENT_REQUESTS: &str = "MaxConcurrentRequests";

/// `Password`, `APIToken` or `OAuth`.
pub const AUTH_SCHEME: &str = "AuthScheme";
/// Login name.
pub const USER: &str = "User";
/// Login password (secret).
pub const PASSWORD: &str = "Password";
/// API tokens, comma-separated (secret).
pub const API_TOKEN: &str = "APIToken";
/// User of the extra Basic authentication gate.
pub const BASIC_AUTH_USER: &str = "BasicAuthUser";
/// Password of the extra Basic authentication gate (secret).
pub const BASIC_AUTH_PASSWORD: &str = "BasicAuthPassword";

/// OAuth client ID.
pub const OAUTH_CLIENT_ID: &str = "OAuthClientId";
/// OAuth client secret (secret).
pub const OAUTH_CLIENT_SECRET: &str = "OAuthClientSecret";
/// OAuth redirect URI.
pub const CALLBACK_URL: &str = "CallbackURL";
/// `OFF`, `GETANDREFRESH` or `REFRESH`.
pub const INITIATE_OAUTH: &str = "InitiateOAuth";
/// OAuth access token (secret).
pub const OAUTH_ACCESS_TOKEN: &str = "OAuthAccessToken";
/// OAuth refresh token (secret).
pub const OAUTH_REFRESH_TOKEN: &str = "OAuthRefreshToken";
/// Where OAuth tokens are stored between connections.
pub const OAUTH_SETTINGS_LOCATION: &str = "OAuthSettingsLocation";
/// OAuth scopes, space-separated.
pub const SCOPE: &str = "Scope";

/// Client certificate: a path, PEM text, or a store name.
pub const SSL_CLIENT_CERT: &str = "SSLClientCert";
/// Kind of [`SSL_CLIENT_CERT`].
pub const SSL_CLIENT_CERT_TYPE: &str = "SSLClientCertType";
/// Password of the client certificate (secret).
pub const SSL_CLIENT_CERT_PASSWORD: &str = "SSLClientCertPassword";
/// Subject selecting a certificate in a store.
pub const SSL_CLIENT_CERT_SUBJECT: &str = "SSLClientCertSubject";
/// Server certificate to trust, or `*`.
pub const SSL_SERVER_CERT: &str = "SSLServerCert";

/// Proxy host.
pub const PROXY_SERVER: &str = "ProxyServer";
/// Proxy port.
pub const PROXY_PORT: &str = "ProxyPort";
/// Proxy user.
pub const PROXY_USER: &str = "ProxyUser";
/// Proxy password (secret).
pub const PROXY_PASSWORD: &str = "ProxyPassword";
/// Use the system's proxy settings.
pub const PROXY_AUTO_DETECT: &str = "ProxyAutoDetect";

/// Log file path.
pub const LOGFILE: &str = "Logfile";
/// Log detail, 1 to 5.
pub const VERBOSITY: &str = "Verbosity";

/// Name columns after field codes instead of labels.
pub const USE_CODE_FOR_FIELD_NAME: &str = "UseCodeForFieldName";
/// Separator between a subtable's name and its fields' names.
pub const SUBTABLE_SEPARATOR_CHARACTER: &str = "SubtableSeparatorCharacter";
/// Apps whose subtables are exposed.
pub const CHECK_FOR_SUBTABLES_IN: &str = "CheckForSubtablesIn";
/// Map Number fields to DOUBLE instead of DECIMAL.
pub const NUMBER_MAP_TO_DOUBLE: &str = "NumberMapToDouble";

/// Every Kintone property, in the order used when rendering a connection string.
pub const ALL: &[&str] = &[
    URL,
    AUTH_SCHEME,
    USER,
    PASSWORD,
    API_TOKEN,
    BASIC_AUTH_USER,
    BASIC_AUTH_PASSWORD,
    GUEST_SPACE_ID,
    APP_ID,
    TIMEOUT,
    PAGESIZE,
    MAX_ROWS,
    USE_CURSOR,
    MAX_CONCURRENT_REQUESTS,
    OAUTH_CLIENT_ID,
    OAUTH_CLIENT_SECRET,
    CALLBACK_URL,
    INITIATE_OAUTH,
    OAUTH_ACCESS_TOKEN,
    OAUTH_REFRESH_TOKEN,
    OAUTH_SETTINGS_LOCATION,
    SCOPE,
    SSL_CLIENT_CERT,
    SSL_CLIENT_CERT_TYPE,
    SSL_CLIENT_CERT_PASSWORD,
    SSL_CLIENT_CERT_SUBJECT,
    SSL_SERVER_CERT,
    PROXY_SERVER,
    PROXY_PORT,
    PROXY_USER,
    PROXY_PASSWORD,
    PROXY_AUTO_DETECT,
    LOGFILE,
    VERBOSITY,
    USE_CODE_FOR_FIELD_NAME,
    SUBTABLE_SEPARATOR_CHARACTER,
    CHECK_FOR_SUBTABLES_IN,
    NUMBER_MAP_TO_DOUBLE,
];

/// Properties whose values are secrets: never logged, never in an error.
pub const SECRETS: &[&str] = &[
    PASSWORD,
    API_TOKEN,
    BASIC_AUTH_PASSWORD,
    OAUTH_CLIENT_SECRET,
    OAUTH_ACCESS_TOKEN,
    OAUTH_REFRESH_TOKEN,
    SSL_CLIENT_CERT_PASSWORD,
    PROXY_PASSWORD,
];

/// The ODBC standard keywords `UID` and `PWD` (sent by driver-manager login
/// prompts and by Power BI) stand for `User` and `Password`.
pub const ALIASES: &[(&str, &str)] = &[("UID", USER), ("PWD", PASSWORD)];

/// Keys that a DSN may hold without being Kintone properties; ignored silently.
pub(crate) const IGNORED: &[&str] = &["Description"];

/// The canonical name of a property (or of an alias of one), any case;
/// `None` for an unknown key.
pub fn canonical(key: &str) -> Option<&'static str> {
    let key = key.trim();
    ALL.iter()
        .copied()
        .find(|k| k.eq_ignore_ascii_case(key))
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| alias.eq_ignore_ascii_case(key))
                .map(|(_, k)| *k)
        })
}

/// True when the value of `key` (any case, aliases included) is a secret.
pub fn is_secret(key: &str) -> bool {
    canonical(key).is_some_and(|k| SECRETS.contains(&k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_names() {
        assert_eq!(canonical("url"), Some(URL));
        assert_eq!(canonical(" PAGESIZE "), Some(PAGESIZE));
        assert_eq!(canonical("uid"), Some(USER));
        assert_eq!(canonical("Pwd"), Some(PASSWORD));
        assert_eq!(canonical("nope"), None);
        assert!(is_secret("apitoken"));
        assert!(is_secret("PWD"));
        assert!(!is_secret("User"));
    }

    #[test]
    fn names_are_unique() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert!(!a.eq_ignore_ascii_case(b), "{a}");
            }
        }
        for s in SECRETS {
            assert!(ALL.contains(s));
        }
    }
}
