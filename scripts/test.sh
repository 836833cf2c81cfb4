#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, the Rust
# tests (unit tests and end-to-end tests over loopback HTTP), the official
# Kintone JavaScript client against the emulator, and the validation of the
# emulator's responses against Kintone's OpenAPI description.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prereqs.sh
need_cmd python3 python3
need_cmd node nodejs
need_cmd npm npm
python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv

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
export KINTONE_EMULATOR_BIN="$(cargo_target_dir)/debug/kintone-emulator"

if [ -f tests/js/package.json ]; then
  step "official JavaScript client (@kintone/rest-api-client) against the emulator"
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error && npm test)
fi

if [ -f tests/openapi/requirements.txt ]; then
  step "emulator responses against the OpenAPI description"
  venv="$(cargo_target_dir)/py-venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/openapi/requirements.txt
  "$venv/bin/python" -m pytest -q tests/openapi
fi
step "all tests passed"
