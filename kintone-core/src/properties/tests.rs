use std::path::PathBuf;
use std::time::Duration;

use super::*;
use crate::secret::Secret;

/// Valid URL and password credentials; tests append what they look at.
const BASE: &str = "Url=https://example.cybozu.com;User=alice;Password=pw-SECRET-1;";

/// Secret values used by the fixtures below: none may ever appear in an error or in Debug.
const SECRET_VALUES: &[&str] = &[
    "pw-SECRET-1",
    "tok-SECRET-2",
    "tok-SECRET-3",
    "basic-SECRET-4",
    "client-SECRET-5",
    "access-SECRET-6",
    "refresh-SECRET-7",
    "cert-SECRET-8",
    "proxy-SECRET-9",
    "KEY-SECRET-10",
];

fn props(s: &str) -> Properties {
    Properties::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

fn with_base(extra: &str) -> Properties {
    props(&format!("{BASE}{extra}"))
}

/// The key of the `InvalidProperty` error that `s` produces; also checks that
/// the message names the key and holds no secret.
fn error_key(s: &str) -> String {
    match Properties::parse(s) {
        Err(err @ Error::InvalidProperty { .. }) => {
            let text = err.to_string();
            let dbg = format!("{err:?}");
            for secret in SECRET_VALUES {
                assert!(
                    !text.contains(secret) && !dbg.contains(secret),
                    "{s:?}: {text}"
                );
            }
            let Error::InvalidProperty { key, .. } = err else {
                unreachable!()
            };
            assert!(text.contains(&key), "{text}");
            key
        }
        other => panic!("{s:?}: expected InvalidProperty, got {other:?}"),
    }
}

#[test]
fn defaults() {
    let p = props("Url=https://example.cybozu.com;User=alice;Password=pw");
    assert_eq!(p.url.as_str(), "https://example.cybozu.com/");
    assert_eq!(p.guest_space_id, None);
    assert!(p.app_ids.is_empty());
    assert_eq!(p.timeout, Some(Duration::from_secs(60)));
    assert_eq!(p.page_size, 500);
    assert_eq!(p.max_rows, None);
    assert!(p.use_cursor);
    assert_eq!(p.max_concurrent_requests, 4);

    assert_eq!(p.auth.scheme, AuthScheme::Password);
    assert_eq!(p.auth.user.as_deref(), Some("alice"));
    assert_eq!(p.auth.password, Some(Secret::from("pw")));
    assert!(p.auth.api_tokens.is_empty());
    assert_eq!(p.auth.basic, None);

    assert_eq!(p.oauth.client_id, None);
    assert_eq!(p.oauth.client_secret, None);
    assert_eq!(p.oauth.callback_url.as_str(), "http://localhost:33333/");
    assert_eq!(p.oauth.initiate, InitiateOAuth::Off);
    assert_eq!(p.oauth.access_token, None);
    assert_eq!(p.oauth.refresh_token, None);
    assert_eq!(p.oauth.settings_location, None);
    assert_eq!(
        p.oauth.scope,
        "k:app_record:read k:app_record:write k:app_settings:read k:file:read k:file:write"
    );

    assert_eq!(p.tls.client_cert, None);
    assert_eq!(p.tls.client_cert_password, None);
    assert_eq!(p.tls.client_cert_subject, "*");
    assert_eq!(p.tls.server_cert, None);

    assert_eq!(p.proxy.server, None);
    assert_eq!(p.proxy.port, 80);
    assert_eq!(p.proxy.user, None);
    assert_eq!(p.proxy.password, None);
    assert!(!p.proxy.auto_detect);

    assert_eq!(p.logging.logfile, None);
    assert_eq!(p.logging.verbosity, 1);

    assert!(!p.schema.use_code_for_field_name);
    assert_eq!(p.schema.subtable_separator, "_");
    assert_eq!(p.schema.check_for_subtables_in, SubtableScope::All);
    assert!(!p.schema.number_map_to_double);

    assert_eq!(p.driver_manager, DriverManagerKeys::default());
    assert!(p.warnings().is_empty());
}

#[test]
fn empty_values_mean_default() {
    let p = with_base(
        "GuestSpaceId=;AppId=;Timeout=;Pagesize=;MaxRows=;UseCursor=;MaxConcurrentRequests=;\
         InitiateOAuth=;Scope=;CallbackURL=;SSLClientCertType=;SSLClientCertSubject=;\
         ProxyPort=;Verbosity=;SubtableSeparatorCharacter=;CheckForSubtablesIn=;\
         NumberMapToDouble=;APIToken=",
    );
    assert_eq!(p, props(BASE));
}

#[test]
fn every_property_parses() {
    let p = props(
        "url=HTTPS://Example.Cybozu.com/prefix;GuestSpaceId=7;AppId=3, 1,3;Timeout=5;\
         Pagesize=100;MaxRows=0;UseCursor=off;MaxConcurrentRequests=100;\
         AuthScheme=apitoken;APIToken= tok-SECRET-2 ,tok-SECRET-3;\
         BasicAuthUser=gate;BasicAuthPassword=basic-SECRET-4;\
         OAuthClientId=cid;OAuthClientSecret=client-SECRET-5;CallbackURL=http://127.0.0.1:5000/cb;\
         InitiateOAuth=getandrefresh;OAuthAccessToken=access-SECRET-6;\
         OAuthRefreshToken=refresh-SECRET-7;OAuthSettingsLocation=/tmp/oauth.txt;\
         Scope=  k:app_record:read   k:file:read ;\
         SSLClientCert=/c.pfx;SSLClientCertType=PFXFILE;SSLClientCertPassword=cert-SECRET-8;\
         SSLClientCertSubject=CN=me;SSLServerCert=*;\
         ProxyServer=proxy.local;ProxyPort=3128;ProxyUser=pu;ProxyPassword=proxy-SECRET-9;\
         ProxyAutoDetect=YES;Logfile=/tmp/k.log;Verbosity=5;UseCodeForFieldName=1;\
         SubtableSeparatorCharacter=__;CheckForSubtablesIn=2,1;NumberMapToDouble=true",
    );
    assert_eq!(p.url.as_str(), "https://example.cybozu.com/prefix/");
    assert_eq!(p.guest_space_id, Some(7));
    assert_eq!(p.app_ids, [3, 1]);
    assert_eq!(p.timeout, Some(Duration::from_secs(5)));
    assert_eq!(p.page_size, 100);
    assert_eq!(p.max_rows, Some(0));
    assert!(!p.use_cursor);
    assert_eq!(p.max_concurrent_requests, 100);
    assert_eq!(p.auth.scheme, AuthScheme::ApiToken);
    assert_eq!(
        p.auth.api_tokens,
        [Secret::from("tok-SECRET-2"), Secret::from("tok-SECRET-3")]
    );
    assert_eq!(
        p.auth.basic,
        Some(BasicAuth {
            user: "gate".into(),
            password: Secret::from("basic-SECRET-4")
        })
    );
    assert_eq!(p.oauth.client_id.as_deref(), Some("cid"));
    assert_eq!(p.oauth.callback_url.as_str(), "http://127.0.0.1:5000/cb");
    assert_eq!(p.oauth.initiate, InitiateOAuth::GetAndRefresh);
    assert_eq!(
        p.oauth.settings_location,
        Some(PathBuf::from("/tmp/oauth.txt"))
    );
    assert_eq!(p.oauth.scope, "k:app_record:read k:file:read");
    assert_eq!(
        p.tls.client_cert,
        Some(ClientCert {
            cert_type: ClientCertType::PfxFile,
            data: CertData::File("/c.pfx".into())
        })
    );
    assert_eq!(p.tls.client_cert_subject, "CN=me");
    assert_eq!(p.tls.server_cert, Some(ServerCert::AcceptAny));
    assert_eq!(p.proxy.server.as_deref(), Some("proxy.local"));
    assert_eq!(p.proxy.port, 3128);
    assert_eq!(p.proxy.user.as_deref(), Some("pu"));
    assert!(p.proxy.auto_detect);
    assert_eq!(p.logging.logfile, Some(PathBuf::from("/tmp/k.log")));
    assert_eq!(p.logging.verbosity, 5);
    assert!(p.schema.use_code_for_field_name);
    assert_eq!(p.schema.subtable_separator, "__");
    assert_eq!(
        p.schema.check_for_subtables_in,
        SubtableScope::Apps(vec![2, 1])
    );
    assert!(p.schema.number_map_to_double);
    assert!(p.warnings().is_empty(), "{:?}", p.warnings());
}

#[test]
fn timeout_zero_means_none() {
    assert_eq!(with_base("Timeout=0").timeout, None);
    assert_eq!(with_base("MaxRows=-1").max_rows, None);
    assert_eq!(with_base("MaxRows=123").max_rows, Some(123));
}

#[test]
fn range_bounds_are_inclusive() {
    assert_eq!(with_base("Pagesize=1").page_size, 1);
    assert_eq!(with_base("Pagesize=500").page_size, 500);
    assert_eq!(
        with_base("MaxConcurrentRequests=1").max_concurrent_requests,
        1
    );
    assert_eq!(with_base("ProxyPort=1").proxy.port, 1);
    assert_eq!(with_base("ProxyPort=65535").proxy.port, 65535);
    assert_eq!(with_base("Verbosity=1").logging.verbosity, 1);
    assert_eq!(
        with_base("Timeout=2147483647").timeout,
        Some(Duration::from_secs(2_147_483_647))
    );
}

#[test]
fn every_validation_error_names_its_key() {
    let cases: &[(&str, &str)] = &[
        ("GuestSpaceId=0", "GuestSpaceId"),
        ("GuestSpaceId=-3", "GuestSpaceId"),
        ("GuestSpaceId=abc", "GuestSpaceId"),
        ("AppId=1,x", "AppId"),
        ("AppId=0", "AppId"),
        ("AppId=1;AppId=2", ""), // repeated: only a warning (checked elsewhere)
        ("Timeout=-1", "Timeout"),
        ("Timeout=1.5", "Timeout"),
        ("Timeout=2147483648", "Timeout"),
        ("Pagesize=0", "Pagesize"),
        ("Pagesize=501", "Pagesize"),
        ("Pagesize=ten", "Pagesize"),
        ("MaxRows=-2", "MaxRows"),
        ("MaxRows=many", "MaxRows"),
        ("UseCursor=maybe", "UseCursor"),
        ("MaxConcurrentRequests=0", "MaxConcurrentRequests"),
        ("MaxConcurrentRequests=101", "MaxConcurrentRequests"),
        ("AuthScheme=Kerberos", "AuthScheme"),
        ("APIToken=tok-SECRET-2 tok-SECRET-3", "APIToken"),
        ("BasicAuthUser=gate", "BasicAuthPassword"),
        ("BasicAuthPassword=basic-SECRET-4", "BasicAuthUser"),
        (
            "BasicAuthUser=a:b;BasicAuthPassword=basic-SECRET-4",
            "BasicAuthUser",
        ),
        ("CallbackURL=localhost:33333", "CallbackURL"),
        ("CallbackURL=ftp://h/", "CallbackURL"),
        ("InitiateOAuth=ALWAYS", "InitiateOAuth"),
        ("SSLClientCertType=JKSFILE", "SSLClientCertType"),
        ("SSLClientCertType=nonsense", "SSLClientCertType"),
        ("ProxyServer=http://proxy:8080", "ProxyServer"),
        ("ProxyPort=0", "ProxyPort"),
        ("ProxyPort=65536", "ProxyPort"),
        ("ProxyAutoDetect=sometimes", "ProxyAutoDetect"),
        ("Verbosity=0", "Verbosity"),
        ("Verbosity=6", "Verbosity"),
        ("UseCodeForFieldName=2", "UseCodeForFieldName"),
        (
            "SubtableSeparatorCharacter={\t}",
            "SubtableSeparatorCharacter",
        ),
        ("CheckForSubtablesIn=all", "CheckForSubtablesIn"),
        ("CheckForSubtablesIn=,", "CheckForSubtablesIn"),
        ("NumberMapToDouble=nah", "NumberMapToDouble"),
    ];
    for (extra, key) in cases {
        let s = format!("{BASE}{extra}");
        if key.is_empty() {
            assert!(Properties::parse(&s).is_ok(), "{s}");
        } else {
            assert_eq!(error_key(&s), *key, "{s}");
        }
    }
}

#[test]
fn url_is_required_and_checked() {
    let cases = [
        "User=a;Password=pw-SECRET-1",
        "Url=;User=a;Password=pw-SECRET-1",
        "Url={  };User=a;Password=pw-SECRET-1",
        "Url=ftp://example.com;User=a;Password=pw-SECRET-1",
        "Url=https://;User=a;Password=pw-SECRET-1",
        "Url=https://u:pw-SECRET-1@example.com;User=a;Password=pw-SECRET-1",
        "Url={https://example.com/?a=b};User=a;Password=pw-SECRET-1",
        "Url=https://example.com/#top;User=a;Password=pw-SECRET-1",
        "Url=https://exa mple.com;User=a;Password=pw-SECRET-1",
    ];
    for s in cases {
        assert_eq!(error_key(s), "Url", "{s}");
    }
}

#[test]
fn url_scheme_defaults_to_https_and_keeps_the_path_prefix() {
    let url = |u: &str| props(&format!("Url={u};User=a;Password=b")).url.to_string();
    assert_eq!(url("example.cybozu.com"), "https://example.cybozu.com/");
    assert_eq!(
        url("example.cybozu.com:8443/kintone"),
        "https://example.cybozu.com:8443/kintone/"
    );
    assert_eq!(url("https://example.com/a/b/"), "https://example.com/a/b/");
    assert_eq!(url("https://example.com/a/b"), "https://example.com/a/b/");
    assert_eq!(url("localhost:8080"), "https://localhost:8080/");
    // The prefix survives joining an API path.
    let base = props("Url=https://example.com/proxy;User=a;Password=b").url;
    assert_eq!(
        base.join("k/v1/records.json").unwrap().as_str(),
        "https://example.com/proxy/k/v1/records.json"
    );
}

#[test]
fn http_only_on_loopback() {
    for ok in [
        "http://localhost:8080",
        "HTTP://LOCALHOST",
        "http://127.0.0.1:1234/prefix",
        "http://127.8.9.10",
        "http://[::1]:8080",
        "http://[::ffff:127.0.0.1]",
    ] {
        let p = props(&format!("Url={ok};User=a;Password=b"));
        assert_eq!(p.url.scheme(), "http", "{ok}");
    }
    for bad in [
        "http://example.com",
        "http://10.0.0.1",
        "http://192.168.1.1:8080",
        "http://[::2]",
        "http://localhost.example.com",
        "http://0.0.0.0",
    ] {
        let s = format!("Url={bad};User=a;Password=b");
        assert_eq!(error_key(&s), "Url", "{bad}");
        let msg = Properties::parse(&s).unwrap_err().to_string();
        assert!(msg.contains("loopback"), "{msg}");
    }
}

#[test]
fn app_page_url_gives_a_warning() {
    let p = props("Url=https://example.cybozu.com/k/12/;User=a;Password=b");
    assert_eq!(p.warnings().len(), 1);
    assert!(p.warnings()[0].contains("/k/"));
}

#[test]
fn auth_scheme_default_rule() {
    let url = "Url=https://example.com;";
    let scheme = |s: &str| props(&format!("{url}{s}")).auth.scheme;
    assert_eq!(scheme("APIToken=t"), AuthScheme::ApiToken);
    assert_eq!(scheme("User=a;Password=b"), AuthScheme::Password);
    // Both present: the password scheme (Kintone also prefers the password).
    assert_eq!(scheme("User=a;Password=b;APIToken=t"), AuthScheme::Password);
    assert_eq!(
        scheme("AuthScheme=APITOKEN;User=a;APIToken=t"),
        AuthScheme::ApiToken
    );
    assert_eq!(
        scheme("authscheme=oauth;OAuthAccessToken=x"),
        AuthScheme::OAuth
    );
    assert_eq!(
        scheme("AuthScheme=password;User=a;Password=b"),
        AuthScheme::Password
    );

    let key = |s: &str| error_key(&format!("{url}{s}"));
    assert_eq!(key(""), "User");
    assert_eq!(key("Password=pw-SECRET-1"), "User");
    assert_eq!(key("User=a"), "Password");
    assert_eq!(key("User=a;APIToken=tok-SECRET-2"), "Password");
    assert_eq!(key("User=a:b;Password=pw-SECRET-1"), "User");
    assert_eq!(
        key("AuthScheme=APIToken;User=a;Password=pw-SECRET-1"),
        "APIToken"
    );
    assert_eq!(key("AuthScheme=APIToken;APIToken={ , }"), "APIToken");
    assert_eq!(key("AuthScheme=OAuth"), "OAuthClientId");
    assert_eq!(key("AuthScheme=OAuth;OAuthClientId=c"), "OAuthClientSecret");
    assert_eq!(
        scheme("AuthScheme=OAuth;OAuthClientId=c;OAuthClientSecret=client-SECRET-5"),
        AuthScheme::OAuth
    );
}

#[test]
fn uid_and_pwd_are_aliases() {
    let p = props("Url=https://example.com;UID=alice;PWD={p;w}");
    assert_eq!(p.auth.user.as_deref(), Some("alice"));
    assert_eq!(p.auth.password, Some(Secret::from("p;w")));
    let p = props("Url=https://example.com;User=alice;Password=x;uid=bob");
    assert_eq!(p.auth.user.as_deref(), Some("alice"));
    assert_eq!(p.warnings().len(), 1, "{:?}", p.warnings());
}

#[test]
fn connection_string_overrides_dsn() {
    let dsn = [
        ("Url", "https://dsn.example.com"),
        ("User", "dsn-user"),
        ("Password", "dsn-pw"),
        ("Pagesize", "50"),
        ("Description", "Sales apps"),
        ("Driver", "/usr/lib/libkintone_odbc.so"),
    ];
    let p =
        Properties::from_connection_string("DSN=sales;User=conn-user;PWD=conn-pw", dsn).unwrap();
    assert_eq!(p.url.as_str(), "https://dsn.example.com/");
    assert_eq!(p.auth.user.as_deref(), Some("conn-user"));
    assert_eq!(p.auth.password, Some(Secret::from("conn-pw")));
    assert_eq!(p.page_size, 50);
    assert_eq!(p.driver_manager.dsn.as_deref(), Some("sales"));
    assert_eq!(
        p.driver_manager.driver.as_deref(),
        Some("/usr/lib/libkintone_odbc.so")
    );
    assert!(p.warnings().is_empty(), "{:?}", p.warnings());

    // An empty value in the connection string clears the DSN's value.
    let p = Properties::from_connection_string("Pagesize=", dsn).unwrap();
    assert_eq!(p.page_size, 500);

    let p = Properties::from_pairs([("pagesize", "7")], dsn).unwrap();
    assert_eq!(p.page_size, 7);
}

#[test]
fn driver_manager_keys_are_kept() {
    let p = with_base("DSN=a;DRIVER={Kintone ODBC};FILEDSN=/f.dsn;SAVEFILE=/s.dsn");
    assert_eq!(
        p.driver_manager,
        DriverManagerKeys {
            dsn: Some("a".into()),
            driver: Some("Kintone ODBC".into()),
            file_dsn: Some("/f.dsn".into()),
            save_file: Some("/s.dsn".into()),
        }
    );
    assert!(p.warnings().is_empty());
}

#[test]
fn unknown_and_repeated_keys_are_warnings() {
    let p = with_base("Foo=1;Pagesize=10;PAGESIZE=20;Bar={x};foo=2");
    assert_eq!(p.page_size, 10);
    assert_eq!(
        p.warnings(),
        [
            "unknown connection property 'Foo' ignored",
            "unknown connection property 'Bar' ignored",
            "connection property Pagesize is given more than once; the first value is used",
        ]
    );
}

#[test]
fn syntax_errors_come_through() {
    let err = Properties::parse("Url=https://x;Password={pw-SECRET-1").unwrap_err();
    assert!(matches!(err, Error::ConnectionString { .. }), "{err:?}");
    assert!(!err.to_string().contains("pw-SECRET-1"));
    let err = Properties::parse("Url=https://x;Password=pw-SECRET;1").unwrap_err();
    assert!(!err.to_string().contains("SECRET"), "{err}");
}

fn full_with_secrets() -> Properties {
    props(
        "Url=https://example.com;User=alice;Password=pw-SECRET-1;\
         APIToken=tok-SECRET-2,tok-SECRET-3;BasicAuthUser=gate;BasicAuthPassword=basic-SECRET-4;\
         OAuthClientId=cid;OAuthClientSecret=client-SECRET-5;OAuthAccessToken=access-SECRET-6;\
         OAuthRefreshToken=refresh-SECRET-7;SSLClientCertPassword=cert-SECRET-8;\
         ProxyServer=p;ProxyUser=pu;ProxyPassword=proxy-SECRET-9;\
         SSLClientCertType=PEMKEY_BLOB;SSLClientCert={-----BEGIN KEY-----\nKEY-SECRET-10\n-----END KEY-----}",
    )
}

#[test]
fn secrets_lists_every_secret() {
    let p = full_with_secrets();
    let secrets = p.secrets();
    for s in &SECRET_VALUES[..9] {
        assert!(secrets.contains(s), "{s} missing from {}", secrets.len());
    }
    assert!(secrets.iter().any(|s| s.contains("KEY-SECRET-10")));
    assert_eq!(secrets.len(), 10);
    assert!(with_base("").secrets() == ["pw-SECRET-1"]);
    let p = props("Url=https://example.com;APIToken=t1,t2");
    assert_eq!(p.secrets(), ["t1", "t2"]);
}

#[test]
fn debug_never_shows_a_secret() {
    let p = full_with_secrets();
    for dbg in [format!("{p:?}"), format!("{p:#?}")] {
        for s in SECRET_VALUES {
            assert!(!dbg.contains(s), "{s} in {dbg}");
        }
        assert!(dbg.contains("***"));
        assert!(dbg.contains("alice"), "non-secrets stay visible");
    }
}

#[test]
fn errors_never_show_a_secret() {
    // Each secret sits next to a mistake in a neighbouring or the same property.
    let secrets = "Password=pw-SECRET-1;APIToken=tok-SECRET-2;BasicAuthPassword=basic-SECRET-4;\
                   OAuthClientSecret=client-SECRET-5;OAuthAccessToken=access-SECRET-6;\
                   OAuthRefreshToken=refresh-SECRET-7;SSLClientCertPassword=cert-SECRET-8;\
                   ProxyPassword=proxy-SECRET-9;";
    let mistakes = [
        "Url=http://example.com",
        "Url=https://example.com;Pagesize=0",
        "Url=https://example.com;AuthScheme=OAuth;OAuthAccessToken=;OAuthClientSecret=",
        "Url=https://example.com;AuthScheme=x",
        "Url=https://example.com;User=u;BasicAuthUser=g;BasicAuthPassword=",
        "Url=https://example.com;APIToken={tok-SECRET-2 x}",
        "Url=https://example.com;SSLClientCertType=PFXFILE;SSLClientCert={-----BEGIN KEY-SECRET-10}",
    ];
    for mistake in mistakes {
        // The mistake comes first so that its (first-wins) values are the ones used.
        let s = format!("{mistake};{secrets}");
        let err = Properties::parse(&s).unwrap_err();
        let (text, dbg) = (err.to_string(), format!("{err:?}"));
        for secret in SECRET_VALUES {
            assert!(
                !text.contains(secret) && !dbg.contains(secret),
                "{mistake}: {text}"
            );
        }
    }
}

#[test]
fn minimal_connection_string_output() {
    let p = props("dsn=k;url=example.com;user=a;password={b;c}");
    assert_eq!(
        p.to_connection_string(),
        "DSN=k;Url=https://example.com/;AuthScheme=Password;User=a;Password={b;c}"
    );
}

#[test]
fn connection_string_output_round_trips() {
    let inputs = [
        BASE.to_owned(),
        "Url=http://localhost:3000/x;APIToken=a,b".to_owned(),
        "Url=https://e.com;AuthScheme=OAuth;OAuthAccessToken={ a;b}}c }".to_owned(),
        "DSN=k;Url=https://e.com;User={ al}}ice };Password={ p=w; };Timeout=0;\
         MaxRows=10;Pagesize=1;UseCursor=false;SSLServerCert=/ca.pem;\
         SubtableSeparatorCharacter={ / };CheckForSubtablesIn=4"
            .to_owned(),
        "Url=https://e.com;User=a;Password=b;SSLClientCert={-----BEGIN X-----\nabc\n-----END X-----\n};\
         SSLServerCert={-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----}"
            .to_owned(),
        full_with_secrets().to_connection_string(),
    ];
    for input in &inputs {
        let p = props(input);
        let out = p.to_connection_string();
        let back = props(&out);
        assert_eq!(back, p, "{input}\n=> {out}");
        assert_eq!(back.to_connection_string(), out);
    }
    // Every non-default value is written out.
    assert!(with_base("Pagesize=9")
        .to_connection_string()
        .contains("Pagesize=9"));
}
