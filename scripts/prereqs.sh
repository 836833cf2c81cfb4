# Shared by the scripts: find or install what they need.
# Installs with apt-get when running as root, otherwise prints the exact
# command and stops.

# apt_install PKG...: installs Debian packages that are missing.
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing: ${missing[*]}" >&2
    if [ -z "${KINTONE_ODBC_APT_UPDATED:-}" ]; then
      apt-get update -qq >&2 && export KINTONE_ODBC_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "missing packages; run: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
}

# need_cmd CMD PKG: makes sure CMD exists, installing Debian package PKG if not.
need_cmd() {
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
}

# need_unixodbc: the unixODBC driver manager (libodbc, linked by the ODBC
# tests and loaded by pyodbc), its clients isql/iusql and odbcinst.
need_unixodbc() {
  apt_install unixodbc unixodbc-dev odbcinst
}

# cargo_target_dir: where cargo puts its build output (honours CARGO_TARGET_DIR).
cargo_target_dir() {
  cargo metadata --format-version 1 --no-deps 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])'
}

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust with https://rustup.rs (curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh)" >&2
  exit 1
fi
