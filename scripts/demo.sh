#!/usr/bin/env bash
# The main job, for now: start the Kintone emulator with the demo CRM and
# show that it answers like Kintone (apps, fields, a filtered query).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prereqs.sh
need_cmd python3 python3
need_cmd curl curl

cargo build --quiet -p kintone-emulator --bin kintone-emulator
bin="$(cargo_target_dir)/debug/kintone-emulator"
out=$(mktemp)
"$bin" --listen 127.0.0.1:0 --dataset demo >"$out" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$out")
echo "Kintone emulator with the demo CRM at $url (user demo-admin / demo-password)"
auth="X-Cybozu-Authorization: $(printf 'demo-admin:demo-password' | base64)"
show() { # show TITLE PATH: prints a request and a short summary of its answer
  echo; echo "== $1"; echo "GET $2"
  curl -sS -H "$auth" "$url$2" | python3 -c "$3"
}
show "Apps" "/k/v1/apps.json" '
import json,sys
for a in json.load(sys.stdin)["apps"]:
    print("  app %3s  %-20s space=%s" % (a["appId"], a["name"], a["spaceId"]))'
show "Fields of app 2 (Deals)" "/k/v1/app/form/fields.json?app=2" '
import json,sys
for code,f in json.load(sys.stdin)["properties"].items():
    print("  %-24s %-20s %s" % (code, f["type"], f.get("label", "")))'
q='stage in ("Won") order by amount desc limit 5'
show "Deals won, largest first: $q" "/k/v1/records.json?app=2&totalCount=true&query=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$q")" '
import json,sys
d=json.load(sys.stdin)
print("  %s matching; first %d:" % (d["totalCount"], len(d["records"])))
for r in d["records"]:
    print("  #%3s %12s  %s" % (r["$id"]["value"], r["amount"]["value"], r["title"]["value"]))'
echo
if [ "${1:-}" = "--keep-running" ]; then
  echo "The emulator keeps running until Ctrl-C. Try: curl -H '$auth' '$url/k/v1/records.json?app=1'"
  wait $pid
else
  echo "Run it yourself: $bin --listen 127.0.0.1:8080 --dataset demo   (or: scripts/demo.sh --keep-running)"
fi
