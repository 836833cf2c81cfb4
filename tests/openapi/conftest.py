"""Starts the emulator binary with the demo dataset (and a small bench app,
which has a field of every queryable type) for the OpenAPI tests and offers
a small HTTP client for it."""

import base64
import json
import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ADMIN = ("demo-admin", "demo-password")


def emulator_binary() -> Path:
    env = os.environ.get("KINTONE_EMULATOR_BIN")
    if env:
        return Path(env)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO_ROOT / "target"))
    if not target.is_absolute():
        target = REPO_ROOT / target
    return target / "debug" / "kintone-emulator"


class Response:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw

    def json(self):
        return json.loads(self.raw)


class Emulator:
    def __init__(self, base_url):
        self.base_url = base_url

    def call(self, method, api, params=None, body=None, guest=None, user=ADMIN, raw_body=None,
             content_type=None):
        """Calls `/k/v1/{api}.json` (or the guest path) and returns a Response."""
        prefix = f"/k/guest/{guest}/v1/" if guest else "/k/v1/"
        url = f"{self.base_url}{prefix}{api}.json"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        headers = {}
        data = raw_body
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if content_type:
            headers["Content-Type"] = content_type
        if user:
            token = base64.b64encode(f"{user[0]}:{user[1]}".encode()).decode()
            headers["X-Cybozu-Authorization"] = token
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return Response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())


@pytest.fixture(scope="session")
def emulator():
    binary = emulator_binary()
    if not binary.is_file():
        pytest.fail(f"emulator binary not found at {binary}: run cargo build -p kintone-emulator "
                    "or set KINTONE_EMULATOR_BIN")
    process = subprocess.Popen(
        [str(binary), "--listen", "127.0.0.1:0", "--dataset", "demo", "--dataset", "bench:200:3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = process.stdout.readline().strip()
    if not line.startswith("listening on http://"):
        process.kill()
        pytest.fail(f"emulator did not start: {line!r} {process.stderr.read()}")
    try:
        yield Emulator(line.removeprefix("listening on "))
    finally:
        process.terminate()
        process.wait(timeout=10)

