//! Facts that the first wave's tests did not prove through HTTP: parameter
//! transport on every GET/DELETE endpoint, `fields` limits, empty cursor
//! pages, `GAIA_ST02` in queries, the `like` cap header, message language.

mod http_support;

use http_support::*;
use kintone_emulator::model::{Record, Store, Value};
use kintone_emulator::{Config, Emulator, EmulatorHandle};
use serde_json::{json, Value as Json};

/// A request as sato with a JSON body.
async fn with_body(emu: &EmulatorHandle, method: &str, path: &str, body: &Json) -> (u16, Json) {
    let (name, value) = password_header(SATO);
    let response = client()
        .request(
            reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
            format!("{}{path}", emu.base_url()),
        )
        .header(name, value)
        .json(body)
        .send()
        .await
        .unwrap();
    json_of(response).await
}

/// A request as sato with the parameters in the query string.
async fn with_query(emu: &EmulatorHandle, method: &str, path_and_query: &str) -> (u16, Json) {
    let (name, value) = password_header(SATO);
    let response = client()
        .request(
            reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
            format!("{}{path_and_query}", emu.base_url()),
        )
        .header(name, value)
        .send()
        .await
        .unwrap();
    json_of(response).await
}

#[tokio::test]
async fn facts_1_every_get_endpoint_takes_parameters_in_the_query_string_or_a_json_body() {
    let emu = start().await;
    let app = NUMBERS_APP;
    let cases: Vec<(&str, String, Json)> = vec![
        (
            "/k/v1/records.json",
            format!("app={app}&query=n%20%3C%3D%203&fields%5B0%5D=n&totalCount=true"),
            json!({"app": app, "query": "n <= 3", "fields": ["n"], "totalCount": true}),
        ),
        (
            "/k/v1/record.json",
            format!("app={app}&id=3"),
            json!({"app": app, "id": 3}),
        ),
        ("/k/v1/app.json", format!("id={app}"), json!({"id": app})),
        (
            "/k/v1/apps.json",
            format!("ids%5B0%5D={app}"),
            json!({"ids": [app]}),
        ),
        (
            "/k/v1/app/form/fields.json",
            format!("app={app}"),
            json!({"app": app}),
        ),
        (
            "/k/v1/app/form/layout.json",
            format!("app={app}"),
            json!({"app": app}),
        ),
        (
            "/k/v1/app/views.json",
            format!("app={app}"),
            json!({"app": app}),
        ),
        (
            "/k/v1/app/status.json",
            format!("app={app}"),
            json!({"app": app}),
        ),
        (
            "/k/v1/app/settings.json",
            format!("app={app}"),
            json!({"app": app}),
        ),
        (
            "/k/v1/record/comments.json",
            format!("app={app}&record=3&order=asc&limit=5"),
            json!({"app": app, "record": 3, "order": "asc", "limit": 5}),
        ),
    ];
    for (path, query, body) in cases {
        let (s1, by_query) = with_query(&emu, "GET", &format!("{path}?{query}")).await;
        let (s2, by_body) = with_body(&emu, "GET", path, &body).await;
        assert_eq!((s1, s2), (200, 200), "{path}: {by_query} / {by_body}");
        assert_eq!(by_query, by_body, "{path}");
    }
}

#[tokio::test]
async fn facts_1_every_delete_endpoint_takes_parameters_in_the_query_string_or_a_json_body() {
    let emu = start().await;
    let app = NUMBERS_APP;
    // records.json
    let (s, body) = with_query(
        &emu,
        "DELETE",
        &format!("/k/v1/records.json?app={app}&ids%5B0%5D=1"),
    )
    .await;
    assert_eq!((s, body), (200, json!({})));
    let (s, body) = with_body(
        &emu,
        "DELETE",
        "/k/v1/records.json",
        &json!({"app": app, "ids": [2]}),
    )
    .await;
    assert_eq!((s, body), (200, json!({})));
    for id in [1, 2] {
        let (s, body) =
            with_query(&emu, "GET", &format!("/k/v1/record.json?app={app}&id={id}")).await;
        assert_error(s, &body, 404, "GAIA_RE01");
    }
    // records/cursor.json
    for by_body in [false, true] {
        let (s, created) = with_body(
            &emu,
            "POST",
            "/k/v1/records/cursor.json",
            &json!({"app": app}),
        )
        .await;
        assert_eq!(s, 200, "{created}");
        let id = created["id"].as_str().unwrap().to_string();
        let (s, body) = if by_body {
            with_body(
                &emu,
                "DELETE",
                "/k/v1/records/cursor.json",
                &json!({"id": id}),
            )
            .await
        } else {
            with_query(
                &emu,
                "DELETE",
                &format!("/k/v1/records/cursor.json?id={id}"),
            )
            .await
        };
        assert_eq!((s, body), (200, json!({})));
        let (s, body) =
            with_query(&emu, "GET", &format!("/k/v1/records/cursor.json?id={id}")).await;
        assert_error(s, &body, 404, "GAIA_CN01");
    }
    // record/comment.json
    for by_body in [false, true] {
        let (s, posted) = with_body(
            &emu,
            "POST",
            "/k/v1/record/comment.json",
            &json!({"app": app, "record": 5, "comment": {"text": "hello"}}),
        )
        .await;
        assert_eq!(s, 200, "{posted}");
        let comment = posted["id"].as_str().unwrap().to_string();
        let (s, body) = if by_body {
            with_body(
                &emu,
                "DELETE",
                "/k/v1/record/comment.json",
                &json!({"app": app, "record": 5, "comment": comment}),
            )
            .await
        } else {
            with_query(
                &emu,
                "DELETE",
                &format!("/k/v1/record/comment.json?app={app}&record=5&comment={comment}"),
            )
            .await
        };
        assert_eq!((s, body), (200, json!({})));
    }
}

#[tokio::test]
async fn facts_4_fields_up_to_100_in_a_query_string_and_1000_in_a_body() {
    let emu = start().await;
    let list = |n: usize| -> String {
        (0..n)
            .map(|i| format!("&fields%5B{i}%5D=f{i}"))
            .collect::<String>()
    };
    let (s, body) = with_query(
        &emu,
        "GET",
        &format!("/k/v1/records.json?app={NUMBERS_APP}{}", list(100)),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let (s, body) = with_query(
        &emu,
        "GET",
        &format!("/k/v1/records.json?app={NUMBERS_APP}{}", list(101)),
    )
    .await;
    assert_error(s, &body, 400, "CB_VA01");
    let codes = |n: usize| -> Vec<String> {
        let mut v: Vec<String> = (0..n - 1).map(|i| format!("f{i}")).collect();
        v.push("n".into());
        v
    };
    let (s, body) = with_body(
        &emu,
        "GET",
        "/k/v1/records.json",
        &json!({"app": NUMBERS_APP, "fields": codes(1000)}),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let keys: Vec<&String> = body["records"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, vec!["n"]);
    let (s, body) = with_body(
        &emu,
        "GET",
        "/k/v1/records.json",
        &json!({"app": NUMBERS_APP, "fields": codes(1001)}),
    )
    .await;
    assert_error(s, &body, 400, "CB_VA01");
    // The same limit for a cursor's fields (a body).
    let (s, body) = with_body(
        &emu,
        "POST",
        "/k/v1/records/cursor.json",
        &json!({"app": NUMBERS_APP, "fields": codes(1001)}),
    )
    .await;
    assert_error(s, &body, 400, "CB_VA01");
    // A field inside a table cannot be listed in a body either.
    let (s, body) = with_body(
        &emu,
        "GET",
        "/k/v1/records.json",
        &json!({"app": NUMBERS_APP, "fields": ["sub"]}),
    )
    .await;
    assert_error(s, &body, 400, "CB_VA01");
}

#[tokio::test]
async fn facts_5_records_may_be_empty_while_next_is_true() {
    let emu = start().await;
    let (s, created) = with_body(
        &emu,
        "POST",
        "/k/v1/records/cursor.json",
        &json!({"app": NUMBERS_APP, "query": "n <= 4", "size": 2}),
    )
    .await;
    assert_eq!((s, created["totalCount"].clone()), (200, json!("4")));
    let id = created["id"].as_str().unwrap().to_string();
    // The set (4, 3, 2, 1) is fixed at creation; 4 and 3 go away.
    let (s, _) = with_body(
        &emu,
        "DELETE",
        "/k/v1/records.json",
        &json!({"app": NUMBERS_APP, "ids": [4, 3]}),
    )
    .await;
    assert_eq!(s, 200);
    let (s, page) = with_query(&emu, "GET", &format!("/k/v1/records/cursor.json?id={id}")).await;
    assert_eq!(s, 200);
    assert_eq!(page, json!({"records": [], "next": true}));
    let (_, page) = with_query(&emu, "GET", &format!("/k/v1/records/cursor.json?id={id}")).await;
    let ids: Vec<&str> = page["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["$id"]["value"].as_str().unwrap())
        .collect();
    assert_eq!((ids, page["next"].clone()), (vec!["2", "1"], json!(false)));
}

#[tokio::test]
async fn facts_3_status_query_without_process_management_is_gaia_st02() {
    let emu = start().await;
    let (s, fields) = with_query(
        &emu,
        "GET",
        &format!("/k/v1/app/form/fields.json?app={NUMBERS_APP}"),
    )
    .await;
    assert_eq!(s, 200);
    let props = fields["properties"].as_object().unwrap();
    let status = props
        .values()
        .find(|f| f["type"] == "STATUS")
        .expect("a STATUS field")["code"]
        .as_str()
        .unwrap()
        .to_string();
    let assignee = props
        .values()
        .find(|f| f["type"] == "STATUS_ASSIGNEE")
        .expect("an assignee field")["code"]
        .as_str()
        .unwrap()
        .to_string();
    for query in [
        format!("{status} = \"Open\""),
        format!("{assignee} in (\"sato\")"),
    ] {
        let (s, body) = with_body(
            &emu,
            "GET",
            "/k/v1/records.json",
            &json!({"app": NUMBERS_APP, "query": query}),
        )
        .await;
        assert_error(s, &body, 400, "GAIA_ST02");
    }
}

#[tokio::test]
async fn facts_3_messages_are_english_by_default_and_japanese_with_accept_language_ja() {
    let emu = start().await;
    let url = format!(
        "{}/k/v1/record.json?app={NUMBERS_APP}&id=99999",
        emu.base_url()
    );
    let (name, value) = password_header(SATO);
    for (lang, expected) in [
        (None, "The specified record (ID: 99999) is not found."),
        (
            Some("en-US"),
            "The specified record (ID: 99999) is not found.",
        ),
        (Some("ja"), "指定したレコードが見つかりません。"),
    ] {
        let mut request = client().get(&url).header(name, value.clone());
        if let Some(lang) = lang {
            request = request.header("Accept-Language", lang);
        }
        let (s, body) = json_of(request.send().await.unwrap()).await;
        assert_error(s, &body, 404, "GAIA_RE01");
        assert_eq!(body["message"], expected, "{lang:?}");
    }
    let (s, body) = json_of(
        client()
            .get(&url)
            .header("Accept-Language", "ja-JP")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_error(s, &body, 401, "CB_AU01");
    assert_eq!(body["message"], "ログインしてください。");
}

#[tokio::test]
async fn facts_4_like_stops_at_100000_matches_with_x_cybozu_warning() {
    let mut store = Store::default();
    let form = json!({"users": [{"code": SATO.0, "password": SATO.1}], "apps": [{
        "appId": 30, "code": "", "name": "Many",
        "properties": {"t": {"type": "SINGLE_LINE_TEXT", "code": "t", "label": "t"}},
        "records": [],
    }]});
    kintone_emulator::fixture::load_json(&mut store, &form).unwrap();
    let app = store.apps.get_mut(&30).unwrap();
    let t = app.fields.iter().position(|f| f.code == "t").unwrap();
    for id in 1..=100_001u64 {
        let mut values = app.blank_values();
        values[t] = Value::Text(format!("word {id}"));
        app.records.insert(
            id,
            Record {
                id,
                revision: 1,
                values,
            },
        );
    }
    let emu = Emulator::start(Config {
        store: Some(store),
        ..Config::default()
    })
    .await
    .unwrap();
    let (name, value) = password_header(SATO);
    let ask = |query: &str| {
        client()
            .get(format!("{}/k/v1/records.json", emu.base_url()))
            .header(name, value.clone())
            .json(&json!({"app": 30, "query": query, "totalCount": true, "fields": ["$id"]}))
            .send()
    };
    let capped = ask("t like \"word\" limit 1").await.unwrap();
    assert_eq!(capped.status(), 200);
    assert!(capped.headers().contains_key("x-cybozu-warning"));
    let (_, body) = json_of(capped).await;
    assert_eq!(body["totalCount"], "100000");
    let plain = ask("t != \"x\" limit 1").await.unwrap();
    assert!(!plain.headers().contains_key("x-cybozu-warning"));
    let (_, body) = json_of(plain).await;
    assert_eq!(body["totalCount"], "100001");
}

#[tokio::test]
async fn facts_9_daily_budget_is_counted_per_app_and_day_not_enforced() {
    let emu = start().await;
    for _ in 0..3 {
        let (s, _) = with_query(
            &emu,
            "GET",
            &format!("/k/v1/records.json?app={NUMBERS_APP}"),
        )
        .await;
        assert_eq!(s, 200);
    }
    let (s, _) = with_body(
        &emu,
        "GET",
        "/k/v1/records.json",
        &json!({"app": OTHER_APP}),
    )
    .await;
    assert_eq!(s, 200);
    let counts = emu.stats().requests_per_app_day;
    let of = |app: u64| -> Vec<u64> {
        counts
            .iter()
            .filter(|(key, _)| key.ends_with(&format!(" {app}")))
            .map(|(_, n)| *n)
            .collect()
    };
    assert_eq!(
        (of(NUMBERS_APP), of(OTHER_APP)),
        (vec![3], vec![1]),
        "{counts:?}"
    );
    let key = counts.keys().next().unwrap();
    assert!(
        chrono::NaiveDate::parse_from_str(&key[..10], "%Y-%m-%d").is_ok(),
        "{key}"
    );
}
