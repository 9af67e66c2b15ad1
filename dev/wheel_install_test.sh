#!/usr/bin/env bash
# Install from the built package, as an administrator of an existing portal would.
#
# Builds the sdist and the wheel (`python -m build`), makes a fresh virtualenv with
# CKAN (`pip install ckan[requirements]==$CKAN_VERSION`, from the pip cache, no system
# site-packages), a configuration from `ckan generate config` and a database of its
# own, then runs the README's install block word for word (between the
# `install-steps` markers), checks the Solr fields the installed package names against
# the running Solr core, starts CKAN and opens a dataset page and pages of ours.
# Called by `dev/portal.sh wheel-test` (after `services`), from .ci/run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${CKAN_VERSION:?}" "${DATA_DIR:?}" "${PG_PORT:?}" "${REDIS_PORT:?}" "${SOLR_PORT:?}" "${VENV:?}"
WORK="$DATA_DIR/wheel-test"
WVENV="$WORK/venv"
CONFIG="$WORK/portal.ini"
LOG="$WORK/ckan.log"
PORT=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CKAN_PID=

say() { printf '\033[1m--> %s\033[0m\n' "$*"; }
fail() { echo "wheel-test: FAILED: $*" >&2; [ -f "$LOG" ] && tail -n 40 "$LOG" >&2; exit 1; }
cleanup() { if [ -n "$CKAN_PID" ]; then kill "$CKAN_PID" 2>/dev/null || true; wait "$CKAN_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

rm -rf "$WORK"
mkdir -p "$WORK/dist" "$WORK/storage"

say "build: sdist and wheel (python -m build)"
"$VENV/bin/python" -m build --outdir "$WORK/dist" "$ROOT" >"$WORK/build.log" 2>&1 \
  || { tail -n 30 "$WORK/build.log" >&2; fail "python -m build"; }
WHEEL=$(ls "$WORK"/dist/*.whl)
ls "$WORK"/dist/*.tar.gz >/dev/null

say "fresh virtualenv with CKAN $CKAN_VERSION (the existing portal)"
python3 -m venv "$WVENV"
"$WVENV/bin/python" -c 'import sys; assert sys.prefix != sys.base_prefix' # a venv...
grep -q "include-system-site-packages = false" "$WVENV/pyvenv.cfg" || fail "venv sees system packages"
"$WVENV/bin/pip" install -q --upgrade pip setuptools wheel
"$WVENV/bin/pip" install -q "ckan[requirements]==$CKAN_VERSION"

say "a portal configuration and database of its own"
"$ROOT/dev/services.sh" pg-db ckan_wheel ckan ckan >/dev/null
export CKAN_SQLALCHEMY_URL="postgresql://ckan:ckan@127.0.0.1:$PG_PORT/ckan_wheel"
export CKAN_SOLR_URL="http://127.0.0.1:$SOLR_PORT/solr/ckan"
export CKAN_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/3"
export CKAN_STORAGE_PATH="$WORK/storage"
export CKAN_SITE_URL="http://127.0.0.1:$PORT"
export CKAN_SITE_ID="lutsk-charter-wheel-test"
"$WVENV/bin/ckan" generate config "$CONFIG" >/dev/null
# The existing portal: CKAN's generated configuration with the activity plugin (as 2.11+ ship).
"$WVENV/bin/ckan" config-tool "$CONFIG" "ckan.site_id = $CKAN_SITE_ID" "ckan.site_url = $CKAN_SITE_URL" \
  "ckan.plugins = activity"
# An empty database each run (`ckan db clean` keeps the plugins' alembic tables).
"$WVENV/bin/python" -c 'import sys, psycopg2; c = psycopg2.connect(sys.argv[1]); c.autocommit = True; c.cursor().execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")' \
  "$CKAN_SQLALCHEMY_URL"
"$WVENV/bin/ckan" -c "$CONFIG" db init >"$WORK/db.log" 2>&1 || { tail "$WORK/db.log"; fail "db init"; }

say "the README's install steps, word for word"
awk '/<!-- install-steps -->/{on=1; next} /<!-- \/install-steps -->/{on=0} on' "$ROOT/README.md" \
  | sed '/^```/d' >"$WORK/install-steps.sh"
[ -s "$WORK/install-steps.sh" ] || fail "no install-steps block in README.md"
cat "$WORK/install-steps.sh"
cp "$WHEEL" "$WORK/"
(
  cd "$WORK"
  export PATH="$WVENV/bin:$PATH" CONFIG
  set -x
  # shellcheck disable=SC1091
  . "$WORK/install-steps.sh"
) >"$WORK/install.log" 2>&1 || { tail -n 40 "$WORK/install.log" >&2; fail "README install steps"; }
tail -n 1 "$WORK/install.log"

say "the wheel installed what it should, and nothing of the tests"
"$WVENV/bin/python" - <<'PY' || fail "installed files"
from importlib.metadata import distribution, entry_points
files = [str(f) for f in distribution("ckanext-lutsk_charter").files]
for needed in ("ckanext/lutsk_charter/solr/schema-fields.xml", "ckanext/lutsk_charter/data/835-list.csv",
               "ckanext/lutsk_charter/i18n/uk/LC_MESSAGES/ckanext-lutsk_charter.mo"):
    assert needed in files, needed
assert not [f for f in files if f.startswith("tests/")], "tests shipped"
ours = distribution("ckanext-lutsk_charter").entry_points
assert not [ep for ep in ours if ep.group == "ckan.test_plugins"], "test plugins registered"
assert [ep.value for ep in ours if ep.group == "ckan.plugins"] == ["ckanext.lutsk_charter.plugin:LutskCharterPlugin"]
assert entry_points(group="ckan.plugins", name="lutsk_charter")
print("ok:", len(files), "files")
PY

say "Solr: the fields the installed package names are in the core"
FIELDS=$(grep -v '^+' "$WORK/install.log" | grep 'schema-fields.xml$' | tail -n 1 || true)
[ -f "$FIELDS" ] || fail "the install steps did not print the installed schema-fields.xml ($FIELDS)"
case "$FIELDS" in "$WVENV"/*) ;; *) fail "$FIELDS is not the installed copy" ;; esac
"$WVENV/bin/python" - "$FIELDS" "$CKAN_SOLR_URL" <<'PY' || fail "Solr fields"
import json, re, sys, urllib.request
fields, solr = sys.argv[1], sys.argv[2]
declared = re.findall(r'<field name="([^"]+)" type="([^"]+)"[^>]*?(multiValued="true")?\s*/>', open(fields).read())
assert declared, "schema-fields.xml declares no field"
for name, kind, multi in declared:
    with urllib.request.urlopen(f"{solr}/schema/fields/{name}?wt=json", timeout=10) as r:
        field = json.load(r)["field"]
    assert field["type"] == kind, (name, field)
    assert bool(field.get("multiValued")) == bool(multi), (name, field)
print("ok:", ", ".join(n for n, _, _ in declared))
PY

say "a sysadmin, a body and a dataset"
"$WVENV/bin/ckan" -c "$CONFIG" user add wheeladmin email=wheel@lutskrada.gov.ua \
  password=Lutsk-Wheel-Test-1 >>"$WORK/users.log" 2>&1 || { tail "$WORK/users.log"; fail "user add"; }
"$WVENV/bin/ckan" -c "$CONFIG" sysadmin add wheeladmin >>"$WORK/users.log" 2>&1 \
  || { tail "$WORK/users.log"; fail "sysadmin add"; }
TOKEN=$("$WVENV/bin/ckan" -c "$CONFIG" user token add wheeladmin wheel-test 2>>"$WORK/users.log" \
  | tail -n 1 | tr -d '[:space:]')
[ -n "$TOKEN" ] || fail "no API token"

say "start CKAN at http://127.0.0.1:$PORT"
"$WVENV/bin/ckan" -c "$CONFIG" run -H 127.0.0.1 -p "$PORT" >"$LOG" 2>&1 &
CKAN_PID=$!
for _ in $(seq 90); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/3/action/status_show" 2>/dev/null && break
  kill -0 "$CKAN_PID" 2>/dev/null || fail "CKAN exited"
  sleep 1
done

"$WVENV/bin/python" - "http://127.0.0.1:$PORT" "$TOKEN" <<'PY' || fail "pages"
import json, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]

def call(action, **data):
    request = urllib.request.Request(
        f"{base}/api/3/action/{action}", json.dumps(data).encode(),
        {"Authorization": token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as r:
        return json.load(r)["result"]

def page(path, **headers):
    with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=30) as r:
        assert r.status == 200, (path, r.status)
        return r.read().decode()

status = call("status_show")
assert "lutsk_charter" in status["extensions"], status["extensions"]
from ckanext.lutsk_charter.identifiers import edrpou_check_digit
org = call("organization_create", name="upravlinnia-osvity", title="Управління освіти",
           edrpou="0214229" + str(edrpou_check_digit("0214229")), body_kind="executive_body")
dataset = call(
    "package_create", name="merezha-shkil", title="Мережа закладів освіти", owner_org=org["id"],
    notes="Перелік закладів загальної середньої освіти Луцької міської територіальної громади.",
    tag_string="освіта, пам'ятки", update_frequency="once a year",
    purpose_of_collecting_information="Облік закладів освіти.",
    resources=[{"name": "Школи", "url": "https://example.com/schools.csv", "format": "CSV"}])
assert sorted(t["name"] for t in dataset["tags"]) == ["освіта", "памʼятки"], dataset["tags"]

html = page("/uk/dataset/merezha-shkil")
for text in ("Мережа закладів освіти", "Частота оновлення", "Якість метаданих", "Дані: "):
    assert text in html, text                     # schema labels, our templates and catalog
css = [l for l in html.split('"') if "lutsk_charter" in l and l.endswith(".css")]
assert css, "our stylesheet is not linked"
page(css[0])
assert "Відповідальні особи" in page("/uk/organization/responsible/upravlinnia-osvity")
assert "Мережа закладів освіти" in page("/dataset-register.csv")
items = call("lutsk_charter_required_dataset_list")
assert len(items) == 73, len(items)               # seeded by the migration from data/835-list.csv
print("ok: dataset page, responsible persons, 835 register, 73 items of Resolution 835")
PY
echo "wheel-test: passed (CKAN $CKAN_VERSION, $(basename "$WHEEL"))"
