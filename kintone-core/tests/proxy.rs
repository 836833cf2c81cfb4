//! Proxy properties: `ProxyServer`/`ProxyPort` with `ProxyUser` and
//! `ProxyPassword`; `ProxyAutoDetect` reads the environment's proxy
//! variables, and without it the environment is ignored. One test per
//! process, since it sets environment variables.

mod common;

use base64::Engine;
use common::*;
use serde_json::json;

#[tokio::test]
async fn explicit_environment_and_no_proxy() {
    let emu = demo().await;
    let proxy = proxy::start(emu.addr().to_string()).await;
    let login = "User=demo-admin;Password=demo-password";
    let read = |c: kintone_core::Client| async move {
        c.get("app", &json!({"id": 1}), &[1]).await.unwrap();
    };

    read(client(
        &emu,
        &format!(
            "{login};ProxyServer=127.0.0.1;ProxyPort={};ProxyUser=pu;ProxyPassword=pp",
            proxy.port
        ),
    ))
    .await;
    let heads = proxy.heads.lock().clone();
    assert_eq!(heads.len(), 1);
    let auth = base64::engine::general_purpose::STANDARD.encode("pu:pp");
    assert!(
        heads[0].to_ascii_lowercase().contains(&format!(
            "proxy-authorization: basic {}",
            auth.to_ascii_lowercase()
        )),
        "{}",
        heads[0]
    );
    // The absolute-form request line of a proxied request.
    assert!(
        heads[0].starts_with(&format!("GET {}/k/v1/app.json", emu.base_url())),
        "{}",
        heads[0]
    );

    // SAFETY (edition 2021: set_var is safe): this test binary runs only this test.
    std::env::set_var("HTTP_PROXY", format!("http://127.0.0.1:{}", proxy.port));
    std::env::set_var("http_proxy", format!("http://127.0.0.1:{}", proxy.port));
    std::env::remove_var("NO_PROXY");
    std::env::remove_var("no_proxy");
    read(client(&emu, login)).await;
    assert_eq!(
        proxy.heads.lock().len(),
        1,
        "the environment is ignored by default"
    );
    read(client(&emu, &format!("{login};ProxyAutoDetect=true"))).await;
    assert_eq!(
        proxy.heads.lock().len(),
        2,
        "ProxyAutoDetect uses HTTP_PROXY"
    );
}
