#!/usr/bin/env bash
# The portal's life cycle on a development or CI machine: install, services,
# database, demo data, serve, test, stop. Every step is idempotent: running a
# command twice changes nothing the second time. Called by the Makefile.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CKAN_VERSION=${CKAN_VERSION:-2.12.0}

# Each CKAN version gets its own venv, data folder and ports, so both can be
# installed (and even running) side by side.
if [ "$CKAN_VERSION" = "2.12.0" ]; then
  VENV=${VENV:-$ROOT/.venv}
  DATA_DIR=${DATA_DIR:-$ROOT/.data}
  PG_PORT=${PG_PORT:-54329}; REDIS_PORT=${REDIS_PORT:-63799}; SOLR_PORT=${SOLR_PORT:-8989}
  CKAN_PORT=${CKAN_PORT:-5000}; TEST_LIVE_PORT=${TEST_LIVE_PORT:-5055}
else
  VENV=${VENV:-$ROOT/.venv-ckan$CKAN_VERSION}
  DATA_DIR=${DATA_DIR:-$ROOT/.data/ckan-$CKAN_VERSION}
  PG_PORT=${PG_PORT:-54319}; REDIS_PORT=${REDIS_PORT:-63789}; SOLR_PORT=${SOLR_PORT:-8979}
  CKAN_PORT=${CKAN_PORT:-5010}; TEST_LIVE_PORT=${TEST_LIVE_PORT:-5065}
fi
# The demo's mail catcher (make run): an SMTP server on loopback that keeps every mail.
SMTP_PORT=${SMTP_PORT:-8025}
export CKAN_VERSION VENV DATA_DIR PG_PORT REDIS_PORT SOLR_PORT TEST_LIVE_PORT SMTP_PORT

SERVICES="$ROOT/dev/services.sh"
CKAN="$VENV/bin/ckan"
DEV_INI="$ROOT/dev/development.ini"
TEST_INI="$ROOT/test.ini"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
ADMIN_USER=admin
ADMIN_EMAIL=admin@lutskrada.gov.ua

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# --- installation ----------------------------------------------------------

apt_install_missing() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  command -v pg_config >/dev/null || missing+=(libpq-dev)
  command -v gcc >/dev/null || missing+=(gcc)
  [ -e /usr/lib/x86_64-linux-gnu/libmagic.so.1 ] || missing+=(libmagic1)
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

venv_install() {
  local python stamp
  # Debian's interpreter first: every user can run it (the unprivileged web user too).
  python=$(command -v /usr/bin/python3.11 || command -v python3.11 || command -v python3)
  if [ ! -x "$VENV/bin/python" ]; then
    say "venv: creating $VENV"
    "$python" -m venv "$VENV"
  fi
  stamp=$(cat "$ROOT/requirements.txt" "$ROOT/dev-requirements.txt" "$ROOT/pyproject.toml" \
          | sha256sum | cut -c1-16)-$CKAN_VERSION
  if [ "$(cat "$VENV/.lutsk_charter-stamp" 2>/dev/null)" != "$stamp" ]; then
    say "venv: installing CKAN $CKAN_VERSION, the extension and its dependencies"
    "$VENV/bin/pip" install -q --upgrade pip setuptools wheel
    "$VENV/bin/pip" install -q "ckan[requirements]==$CKAN_VERSION" \
      -r "$ROOT/requirements.txt" -r "$ROOT/dev-requirements.txt"
    "$VENV/bin/pip" install -q -e "$ROOT"
    echo "$stamp" > "$VENV/.lutsk_charter-stamp"
  fi
}

install() {
  apt_install_missing
  venv_install
}

# --- services and configuration -----------------------------------------------

services() {
  "$SERVICES" start
  "$SERVICES" pg-db ckan_dev ckan ckan >/dev/null
  "$SERVICES" pg-db ckan_test ckan ckan >/dev/null
  # the second portal of the ckanapi dump/load round trip (tests/test_roundtrip.py)
  "$SERVICES" pg-db ckan_target ckan ckan >/dev/null
}

# CKAN reads these over the .ini values, so ports stay settings.
use_env() {  # use_env dev|test|bench
  local db=ckan_dev redis_db=0 storage=storage site="http://127.0.0.1:$CKAN_PORT"
  if [ "$1" = test ]; then
    db=ckan_test redis_db=1 storage=storage-test site="http://127.0.0.1:$TEST_LIVE_PORT"
    # The tests' mail servers: ports of this run's own (tests/conftest.py smtp_server), so
    # two suites (CKAN 2.12 and 2.11) or a running demo's mail catcher never meet.
    export TEST_SMTP_PORT=${TEST_SMTP_PORT:-$((TEST_LIVE_PORT + 3000))}
  elif [ "$1" = bench ]; then  # its own database: benchmarks write 10,000 datasets
    db=ckan_bench redis_db=2 storage=storage-bench site="http://127.0.0.1:$TEST_LIVE_PORT"
  fi
  export CKAN_SQLALCHEMY_URL="postgresql://ckan:ckan@127.0.0.1:$PG_PORT/$db"
  export CKAN_SOLR_URL="http://127.0.0.1:$SOLR_PORT/solr/ckan"
  export CKAN_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/$redis_db"
  export CKAN_STORAGE_PATH="$DATA_DIR/$storage"
  export CKAN_SITE_URL="$site"
  mkdir -p "$CKAN_STORAGE_PATH" "$RUN_DIR" "$LOG_DIR"
}

db_setup() {  # db_setup INI
  "$CKAN" -c "$1" db init >>"$LOG_DIR/setup.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/setup.log" >&2; return 1; }
  "$CKAN" -c "$1" db upgrade -p lutsk_charter >>"$LOG_DIR/setup.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/setup.log" >&2; return 1; }
}

admin_password() {
  local file="$DATA_DIR/admin-password"
  if [ ! -s "$file" ]; then
    mkdir -p "$DATA_DIR"
    "$VENV/bin/python" -c 'import secrets; print("Lutsk-" + secrets.token_urlsafe(9))' > "$file"
    chmod 600 "$file"
  fi
  cat "$file"
}

ensure_sysadmin() {
  local password
  password=$(admin_password)
  # grep without -q reads to the end: with pipefail, -q could SIGPIPE the list and fail.
  if ! "$CKAN" -c "$DEV_INI" sysadmin list 2>/dev/null | grep -w "$ADMIN_USER" >/dev/null; then
    "$CKAN" -c "$DEV_INI" user add "$ADMIN_USER" "email=$ADMIN_EMAIL" "password=$password" \
      "fullname=Адміністратор порталу" >>"$LOG_DIR/setup.log" 2>&1
    "$CKAN" -c "$DEV_INI" sysadmin add "$ADMIN_USER" >>"$LOG_DIR/setup.log" 2>&1
  fi
}

# --- processes started by pid ------------------------------------------------------

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_bg() {  # start_bg NAME CMD... : start once, remember the pid
  local pidfile="$RUN_DIR/$1.pid" log="$LOG_DIR/$1.log" name=$1
  shift
  if alive "$pidfile"; then return 0; fi
  setsid nohup "$@" >>"$log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
}

stop_pid() {  # stop_pid NAME
  local pidfile="$RUN_DIR/$1.pid" pid i
  if alive "$pidfile"; then
    pid=$(cat "$pidfile")
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 -- "-$pid" 2>/dev/null || true
    echo "stopped $1"
  fi
  rm -f "$pidfile"
}

wait_http() {  # wait_http URL SECONDS NAME
  local i
  for i in $(seq "$2"); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "$3 did not answer at $1 within $2 s; log: $LOG_DIR/$3.log" >&2
  tail -n 30 "$LOG_DIR/$3.log" >&2 || true
  return 1
}

# --- serving as production does: gunicorn, an unprivileged user, several workers ------

SERVICE_USER=${SERVICE_USER:-ckan}
WEB_WORKERS=${WEB_WORKERS:-3}
JOB_WORKERS=${JOB_WORKERS:-2}

ensure_service_user() {  # the system user the web and job processes run as (idempotent)
  if ! id "$SERVICE_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      "$SERVICE_USER"
  fi
  chown -R "$SERVICE_USER:" "$CKAN_STORAGE_PATH"
  # The venv's interpreter must be reachable by that user (not one under /root): point the
  # venv at Debian's python3.11 (same minor version, the installed packages stay).
  if ! runuser -u "$SERVICE_USER" -- "$VENV/bin/python" -c '' 2>/dev/null; then
    say "venv: $VENV's interpreter is not usable by $SERVICE_USER; switching it to /usr/bin/python3.11"
    /usr/bin/python3.11 -m venv --upgrade --without-pip "$VENV"  # pyvenv.cfg
    ln -sf /usr/bin/python3.11 "$VENV/bin/python3.11"  # --upgrade keeps an existing link
    runuser -u "$SERVICE_USER" -- "$VENV/bin/python" -c '' \
      || { echo "user $SERVICE_USER cannot run $VENV/bin/python" >&2; return 1; }
  fi
}

as_service_user() { runuser -u "$SERVICE_USER" -- "$@"; }

start_web_and_workers() {
  local n
  for n in $(seq "$JOB_WORKERS"); do
    start_bg "worker$n" runuser -u "$SERVICE_USER" -- \
      "$CKAN" -c "$DEV_INI" jobs worker default lutsk_charter
  done
  export CKAN_INI="$DEV_INI"
  start_bg web runuser -u "$SERVICE_USER" -- \
    "$VENV/bin/gunicorn" --workers "$WEB_WORKERS" --bind "127.0.0.1:$CKAN_PORT" \
    --timeout 120 --graceful-timeout 30 --chdir "$ROOT/dev" \
    --access-logfile - wsgi:application
}

# --- commands -------------------------------------------------------------------------

cmd_run() {
  install
  services
  use_env dev
  say "database: init and lutsk_charter migrations"
  db_setup "$DEV_INI"
  ensure_sysadmin
  say "demo data"
  "$CKAN" -c "$DEV_INI" lutsk-charter demo load 2>>"$LOG_DIR/setup.log" | tail -n 1
  say "quality checks, today's monitoring figures, search index"
  # What cron does daily; and the index anew when Solr's core was rebuilt (a new schema).
  "$CKAN" -c "$DEV_INI" lutsk-charter check 2>>"$LOG_DIR/setup.log" | tail -n 1
  "$CKAN" -c "$DEV_INI" lutsk-charter snapshot 2>>"$LOG_DIR/setup.log" | tail -n 1
  "$CKAN" -c "$DEV_INI" search-index rebuild -o -q >>"$LOG_DIR/setup.log" 2>&1
  # Notices and reminders go to a mail catcher on loopback: a maildir to read them in.
  MAILDIR="$DATA_DIR/mail"
  mkdir -p "$MAILDIR/tmp" "$MAILDIR/new" "$MAILDIR/cur"
  start_bg mail "$VENV/bin/python" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" \
    -c aiosmtpd.handlers.Mailbox "$MAILDIR"
  export CKAN_SMTP_SERVER="127.0.0.1:$SMTP_PORT"
  if [ "${1:-}" = dev ]; then  # make dev: Werkzeug with the reloader, one worker, as now
    start_bg worker1 "$CKAN" -c "$DEV_INI" jobs worker default lutsk_charter
    start_bg web "$CKAN" -c "$DEV_INI" run -H 127.0.0.1 -p "$CKAN_PORT" -r
  else  # make run: gunicorn workers and RQ workers as an unprivileged user, no debugger
    ensure_service_user
    start_web_and_workers
  fi
  wait_http "http://127.0.0.1:$CKAN_PORT/api/3/action/status_show" 120 web
  cat <<MSG

  CKAN $CKAN_VERSION with ckanext-lutsk_charter is at http://127.0.0.1:$CKAN_PORT
  Log in as:  $ADMIN_USER
  Password:   $(admin_password)
  Config:     dev/development.ini        Logs: $LOG_DIR/{web,worker1,worker2,mail}.log
  Mails:      caught by an SMTP server on 127.0.0.1:$SMTP_PORT, kept in the maildir
              $MAILDIR/new (one file a mail; or: mutt -f $MAILDIR)
  Stop with:  make stop

MSG
}

cmd_test() {
  install
  services
  use_env test
  db_setup "$TEST_INI"
  cd "$ROOT"
  local rc=0
  "$VENV/bin/python" -m pytest "$@" || rc=$?
  if [ $rc -eq 5 ]; then echo "pytest collected no tests" >&2; fi
  return $rc
}

cmd_wheel_test() {  # install from the built wheel into a fresh venv, as the README says
  install
  services
  bash "$ROOT/dev/wheel_install_test.sh"
}

cmd_stop() {
  local n
  mkdir -p "$RUN_DIR"
  stop_pid web
  stop_pid worker
  for n in $(seq 9); do stop_pid "worker$n"; done
  stop_pid mail
  [ -x "$SERVICES" ] && "$SERVICES" stop
}

cmd_status() {
  local n
  for n in web worker1 worker2 mail; do
    if alive "$RUN_DIR/$n.pid"; then echo "$n: running (pid $(cat "$RUN_DIR/$n.pid"))";
    else echo "$n: stopped"; fi
  done
  "$SERVICES" status
}

cmd_lint() {
  venv_install
  "$VENV/bin/ruff" check "$ROOT/ckanext" "$ROOT/tests" "$ROOT/bench"
  # pyright (standard mode, [tool.pyright] in pyproject.toml) over the whole package: 0 errors.
  (cd "$ROOT" && "$VENV/bin/pyright" --pythonpath "$VENV/bin/python")
}

cmd_i18n() {
  venv_install
  cd "$ROOT"
  "$VENV/bin/python" setup.py -q extract_messages
  "$VENV/bin/python" setup.py -q update_catalog -l uk
  "$VENV/bin/python" setup.py -q compile_catalog -l uk
}

cmd_bench() {
  install
  services
  "$SERVICES" pg-db ckan_bench ckan ckan >/dev/null
  use_env bench
  db_setup "$TEST_INI"
  local b
  local only="${BENCH:-bench_*.py}"  # BENCH=bench_plan.py BENCH_ARGS="--size small": one of them
  for b in "$ROOT"/bench/$only; do
    [ -e "$b" ] || { echo "no benchmarks yet"; return 0; }
    say "$(basename "$b")"
    # shellcheck disable=SC2086
    "$VENV/bin/python" "$b" ${BENCH_ARGS:-}
  done
}

cmd_logs() { tail -n 50 "$LOG_DIR"/*.log; }

case "${1:-}" in
  run) cmd_run ;;
  dev) cmd_run dev ;;
  test) shift; cmd_test "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  install) install ;;
  services) install; services ;;
  lint) cmd_lint ;;
  i18n) cmd_i18n ;;
  bench) cmd_bench ;;
  wheel-test) cmd_wheel_test ;;
  logs) cmd_logs ;;
  *) echo "usage: $0 run|dev|test [pytest args]|wheel-test|stop|status|install|services|lint|i18n|bench|logs" >&2; exit 2 ;;
esac
