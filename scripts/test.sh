#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, the Rust
# tests (unit tests and end-to-end tests over loopback HTTP), the ODBC
# driver through the unixODBC driver manager (odbc-api with the A and then
# the W functions, raw call sequences, isql/iusql, pyodbc), the official
# Kintone JavaScript client against the emulator, and the validation of the
# emulator's responses against Kintone's OpenAPI description.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prereqs.sh
need_cmd python3 python3
need_cmd node nodejs
need_cmd npm npm
python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
need_unixodbc

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check
step "cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "Rust tests"
cargo build --workspace --bins --quiet
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
else
  cargo test --workspace --no-fail-fast
fi
# The workspace run above ran tests/odbc-api with odbc-api's default on
# Linux, the A functions; once more through the W functions. Same
# workspace feature resolution, so only odbc-api and the tests rebuild.
step "ODBC driver through odbc-api's W functions (feature wide)"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --features odbc-api-tests/wide --no-fail-fast \
    -E 'package(odbc-api-tests) & binary(odbc_api)'
else
  cargo test --workspace --features odbc-api-tests/wide --no-fail-fast --test odbc_api
fi
export KINTONE_EMULATOR_BIN="$(cargo_target_dir)/debug/kintone-emulator"
# Built by the Rust tests (tests/odbc-api depends on the driver).
export KINTONE_ODBC_DRIVER="$(cargo_target_dir)/debug/deps/libkintone_odbc.so"

if [ -f tests/js/package.json ]; then
  step "official JavaScript client (@kintone/rest-api-client) against the emulator"
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error && npm test)
fi

venv="$(cargo_target_dir)/py-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# `python -m pip` installs into this venv even when the folder was copied.
pip_install() { "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$1"; }

if [ -f tests/openapi/requirements.txt ]; then
  step "emulator responses against the OpenAPI description"
  pip_install tests/openapi/requirements.txt
  "$venv/bin/python" -m pytest -q tests/openapi
fi

if [ -f tests/pyodbc/requirements.txt ]; then
  step "pyodbc against the ODBC driver"
  pip_install tests/pyodbc/requirements.txt
  "$venv/bin/python" -m pytest -q tests/pyodbc
fi
step "all tests passed"
