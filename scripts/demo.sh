#!/usr/bin/env bash
# The README's first command: builds the ODBC driver and the Kintone
# emulator, starts the emulator with the demo CRM, points a private unixODBC
# configuration (target/demo-odbc/, nothing system-wide) at the driver with
# the DSN KintoneDemo, and runs a few telling queries through isql, the
# unixODBC driver manager's own client. Then says how to connect by hand.
#   scripts/demo.sh                  run the demo and stop the emulator
#   scripts/demo.sh --keep-running   leave the emulator running for your own queries
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prereqs.sh
need_cmd python3 python3
need_unixodbc

echo "building the driver and the emulator (the first build takes several minutes)..."
cargo build --quiet -p kintone-emulator --bin kintone-emulator -p kintone-odbc --lib
target="$(cargo_target_dir)/debug"
emulator="$target/kintone-emulator"
driver="$target/libkintone_odbc.so"

out=$(mktemp)
"$emulator" --listen 127.0.0.1:0 --dataset demo >"$out" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$out")
[ -n "$url" ] || { echo "the emulator did not start" >&2; exit 1; }

# The private unixODBC configuration: the driver and one DSN.
odbc="$PWD/target/demo-odbc"
mkdir -p "$odbc"
cat >"$odbc/odbcinst.ini" <<INI
[KintoneODBC]
Description=Kintone ODBC driver
Driver=$driver
INI
cat >"$odbc/odbc.ini" <<INI
[KintoneDemo]
Driver=KintoneODBC
Description=Kintone demo CRM (local emulator)
Url=$url
User=demo-admin
Password=demo-password
UseCodeForFieldName=true
INI
export ODBCSYSINI="$odbc" ODBCINSTINI=odbcinst.ini ODBCINI="$odbc/odbc.ini"

echo "Kintone emulator with the demo CRM at $url; DSN KintoneDemo in $odbc"
echo "Tables, as the driver lists them (SQLTables):"
echo "help" | isql KintoneDemo -b -x0x09 | awk -F'\t' 'NF >= 4 { printf "  %-28s %s\n", $3, $4 }'

status=0
for file in tests/odbc/demo/*.sql; do
  echo
  echo "== $(sed -n 's/^-- //p' "$file" | head -1)"
  grep -v '^--' "$file" | sed 's/^/  /'
  # isql reads one statement per line.
  sql=$(grep -v '^--' "$file" | tr '\n' ' ')
  result=$(printf '%s\n' "$sql" | isql KintoneDemo -b -v -m40 2>&1) || status=1
  printf '%s\n' "$result"
  # isql -b prints diagnostics as `[SQLSTATE]...` and exits 0: look for them.
  if printf '%s\n' "$result" | grep -qE '^\[[0-9A-Z]{5}\]|\[ISQL\]ERROR'; then status=1; fi
done

cat <<TXT

== Connect by hand (while the emulator runs: scripts/demo.sh --keep-running)
  export ODBCSYSINI=$odbc ODBCINSTINI=odbcinst.ini ODBCINI=$odbc/odbc.ini
  isql -v KintoneDemo                          # the A functions; type SQL, one statement a line
  iusql -v KintoneDemo                         # the W (Unicode) functions
  isql -v -k "Driver=KintoneODBC;Url=$url;User=demo-admin;Password=demo-password"
  python3 -c 'import pyodbc; c = pyodbc.connect("DSN=KintoneDemo"); print(c.execute("SELECT title, amount FROM Deals ORDER BY amount DESC LIMIT 3").fetchall())'
  (pyodbc: python3 -m pip install pyodbc)
TXT
if [ "${1:-}" = "--keep-running" ]; then
  echo
  echo "The emulator keeps running until Ctrl-C."
  wait $pid
fi
exit $status
