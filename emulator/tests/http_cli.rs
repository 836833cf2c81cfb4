//! The command line: `kintone-emulator --listen 127.0.0.1:0 ...` prints
//! exactly one line `listening on http(s)://127.0.0.1:PORT` and serves.

mod http_support;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use http_support::*;

const BIN: &str = env!("CARGO_BIN_EXE_kintone-emulator");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixture_example.json");

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary and returns it with the first stdout line.
fn spawn(args: &[&str]) -> (Running, BufReader<std::process::ChildStdout>, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    (Running(child), stdout, line)
}

fn port_of(line: &str, scheme: &str) -> u16 {
    let prefix = format!("listening on {scheme}://127.0.0.1:");
    let port = line
        .strip_suffix('\n')
        .and_then(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    port.parse().expect("a port number")
}

#[tokio::test]
async fn cli_prints_one_line_and_serves_the_fixture() {
    let (mut child, mut stdout, line) = spawn(&[
        "--listen",
        "127.0.0.1:0",
        "--fixture",
        FIXTURE,
        "--latency-ms",
        "1",
        "--max-concurrent",
        "7",
        "--time-zone",
        "Asia/Tokyo",
    ]);
    let port = port_of(&line, "http");
    let (name, value) = password_header(SATO);
    let response = client()
        .get(format!("http://127.0.0.1:{port}/k/v1/records.json?app=1"))
        .header(name, value)
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-concurrencylimit-limit"], "7");
    let (status, body) = json_of(response).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["records"].as_array().unwrap().len(), 3);
    // Nothing else is printed on stdout.
    child.0.kill().unwrap();
    child.0.wait().unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "");
}

#[tokio::test]
async fn cli_basic_gate_option() {
    let (_child, _stdout, line) = spawn(&["--listen", "127.0.0.1:0", "--basic-auth", "u:p"]);
    let port = port_of(&line, "http");
    let response = client()
        .get(format!("http://127.0.0.1:{port}/k/v1/apps.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
    assert!(response.headers().contains_key("www-authenticate"));
}

#[test]
fn cli_refuses_bad_options() {
    for args in [
        vec!["--listen", "127.0.0.1:0", "--time-zone", "Nowhere/Place"],
        vec!["--listen", "127.0.0.1:0", "--basic-auth", "no-colon"],
        vec!["--listen", "127.0.0.1:0", "--fixture", "/no/such/file.json"],
        vec!["--listen", "127.0.0.1:0", "--dataset", "nonsense"],
        vec!["--listen", "127.0.0.1:0", "--tls-cert", "x.pem"],
    ] {
        let output = Command::new(BIN).args(&args).output().unwrap();
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(output.stdout.is_empty(), "{args:?} printed on stdout");
        assert!(!output.stderr.is_empty(), "{args:?} explains on stderr");
    }
}
