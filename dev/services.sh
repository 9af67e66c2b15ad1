#!/usr/bin/env bash
# PostgreSQL, Redis and Apache Solr for the portal and its tests, on loopback only,
# with all their data in $DATA_DIR (default .data/, ignored by git).
#
#   dev/services.sh start [pg|redis|solr ...]   start (default: all); a running one is left alone
#   dev/services.sh stop  [pg|redis|solr ...]   stop (default: all), by the recorded pid only
#   dev/services.sh status
#   dev/services.sh pg-db NAME USER PASSWORD    create role USER and database NAME if missing
#   dev/services.sh env                         print the settings as shell exports
#
# Settings (environment): DATA_DIR, PG_PORT=54329, REDIS_PORT=63799, SOLR_PORT=8989,
# VENV (the CKAN whose schema.xml Solr serves; default .venv), SOLR_JAVA_OPTS (extra JVM flags).
# Solr for CKAN: solr_url = http://127.0.0.1:$SOLR_PORT/solr/ckan
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Absolute, so the paths stay right for postgres (runuser) and the Solr JVM (own cwd).
DATA_DIR=$(realpath -m "${DATA_DIR:-$ROOT/.data}")
PG_PORT=${PG_PORT:-54329}
REDIS_PORT=${REDIS_PORT:-63799}
SOLR_PORT=${SOLR_PORT:-8989}
VENV=$(realpath -m "${VENV:-$ROOT/.venv}")
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
SOLR_SRC="$ROOT/dev/solr"
SOLR_DIR="$DATA_DIR/solr"
# postgres must reach its cluster: a checkout in a private home (mode 700) cannot
# hold it, so then the cluster lives under /var/lib, keyed by this data folder.
PG_HOME="$DATA_DIR"
if id postgres >/dev/null 2>&1 && mkdir -p "$DATA_DIR" \
    && ! runuser -u postgres -- test -x "$DATA_DIR" 2>/dev/null; then
  PG_HOME="/var/lib/lutsk-charter/$(printf %s "$DATA_DIR" | sha256sum | cut -c1-12)"
  mkdir -p "$PG_HOME"
  chown postgres:postgres "$PG_HOME"
fi
PG_DATA="$PG_HOME/pg"
START_TIMEOUT=${SOLR_START_TIMEOUT:-120}

for p in "$PG_PORT" "$REDIS_PORT" "$SOLR_PORT"; do
  [[ $p =~ ^[0-9]+$ ]] || { echo "ports must be numbers: $p" >&2; exit 2; }
done

die() { echo "services.sh: $*" >&2; exit 1; }
dirs() { mkdir -p "$RUN_DIR" "$LOG_DIR"; }

# A pid file counts only if its process is alive AND is the program we started: after a
# reboot or a crash the pid may belong to something else, which we must never signal.
running() {  # running PIDFILE PATTERN
  local pid
  [ -s "$1" ] || return 1
  pid=$(head -n 1 "$1")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

stop_by_pidfile() {  # stop_by_pidfile NAME PIDFILE PATTERN: TERM, wait up to 30 s, then KILL
  local pid i
  if running "$2" "$3"; then
    pid=$(head -n 1 "$2")
    kill "$pid" 2>/dev/null || true
    for i in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$1 (pid $pid) ignored SIGTERM for 30 s; killing it" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
    echo "stopped $1"
  fi
  rm -f "$2"
}

# --- packages: only what is missing, one apt-get update ---------------------------------

pg_bin() {  # the binaries of the cluster's own major version, else the newest installed
  local v
  v=$(cat "$PG_DATA/PG_VERSION" 2>/dev/null || true)
  if [ -n "$v" ] && [ -x "/usr/lib/postgresql/$v/bin/postgres" ]; then
    echo "/usr/lib/postgresql/$v/bin"
  else
    find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1
  fi
}

ensure_packages() {  # ensure_packages SERVICE...
  local missing=() s
  for s in "$@"; do
    case $s in
      pg) [ -n "$(pg_bin)" ] || missing+=(postgresql) ;;
      redis) command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
               || missing+=(redis-server) ;;
      solr) command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
            command -v mvn >/dev/null || missing+=(maven)
            command -v curl >/dev/null || missing+=(curl) ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; run as root or install them"
  echo "apt: installing ${missing[*]}" >&2
  # Wait for a concurrent apt/dpkg instead of failing on its lock.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}

# --- PostgreSQL: a cluster of our own, run as the postgres user --------------------------

# The unix socket lives in $DATA_DIR/run/pg, or in /tmp when that path would pass the
# 107-byte limit of socket paths (a deep checkout).
pg_sockdir() {
  local d="$PG_HOME/run/pg"
  if [ $(( ${#d} + 20 )) -lt 107 ]; then echo "$d"; else echo /tmp; fi
}

pg_running() {
  [ -s "$PG_DATA/PG_VERSION" ] || return 1
  runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

pg_start() {
  local bin sock log="$PG_HOME/logs/postgres.log"
  bin=$(pg_bin)
  id postgres >/dev/null 2>&1 || die "no postgres user (is the postgresql package installed?)"
  dirs
  mkdir -p "$PG_HOME/logs"
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    chown postgres:postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    runuser -u postgres -- "$bin/initdb" -D "$PG_DATA" -E UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  fi
  if pg_running; then
    [ "$(sed -n 4p "$PG_DATA/postmaster.pid")" = "$PG_PORT" ] \
      || echo "postgresql: already running on port $(sed -n 4p "$PG_DATA/postmaster.pid"), not $PG_PORT; restart it to move" >&2
    return 0
  fi
  sock=$(pg_sockdir)
  if [ "$sock" != /tmp ]; then
    mkdir -p "$sock"; chown postgres:postgres "$sock"; chmod 755 "$sock"
  fi
  touch "$log"; chown postgres:postgres "$log"  # pg_ctl opens it as postgres
  # Port, address and socket are passed at each start, so changing PG_PORT just works.
  # fsync & co. off: a throw-away dev/test cluster, speed over crash safety. The buffer
  # cache as a production server would size it for a national portal (PostgreSQL's own
  # default, 128 MB, is a tenth of bench_scale's 100,000 datasets).
  if ! runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" -l "$log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k '$sock' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=${PG_SHARED_BUFFERS:-1GB}" \
      start >/dev/null; then
    tail -n 20 "$log" >&2
    die "postgresql did not start; log: $log"
  fi
  echo "started postgresql on 127.0.0.1:$PG_PORT"
}

pg_stop() {
  pg_running || return 0
  runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
  echo "stopped postgresql"
}

# psql as the postgres superuser over the running cluster's own socket and port (read from
# postmaster.pid, so it works even when PG_PORT differs from the running cluster's).
psql_admin() {
  local port sock
  port=$(sed -n 4p "$PG_DATA/postmaster.pid")
  sock=$(sed -n 5p "$PG_DATA/postmaster.pid")
  runuser -u postgres -- "$(pg_bin)/psql" -h "$sock" -p "$port" -d postgres \
    -X -v ON_ERROR_STOP=1 -qtA "$@"
}

pg_db() {  # pg_db NAME USER PASSWORD: role and database, created if missing
  [ $# -eq 3 ] || die "usage: pg-db NAME USER PASSWORD"
  ensure_packages pg
  pg_start >/dev/null
  # psql variables (:'x' literal, :"x" identifier) do the quoting; they work on stdin only.
  psql_admin -v db="$1" -v role="$2" -v pw="$3" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') AS need_role \gset
\if :need_role
  CREATE ROLE :"role" LOGIN PASSWORD :'pw';
\else
  ALTER ROLE :"role" LOGIN PASSWORD :'pw';
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') AS need_db \gset
\if :need_db
  CREATE DATABASE :"db" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
\endif
SQL
  echo "postgresql://$2:***@127.0.0.1:$(sed -n 4p "$PG_DATA/postmaster.pid")/$1"
}

# --- Redis: cache and job queue only, so no persistence ---------------------------------------

redis_ours() {  # the Redis answering on our port is the process in our pid file
  local pid
  pid=$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info server 2>/dev/null \
        | tr -d '\r' | sed -n 's/^process_id://p')
  [ -n "$pid" ] && [ "$pid" = "$(head -n 1 "$RUN_DIR/redis.pid" 2>/dev/null)" ]
}

redis_start() {
  local pidfile="$RUN_DIR/redis.pid" pid i
  dirs
  if running "$pidfile" redis-server; then return 0; fi
  rm -f "$pidfile"
  mkdir -p "$DATA_DIR/redis"
  # Backgrounded by us rather than --daemonize: then $! is its pid (exec chain as for Solr)
  # and a failed bind shows up at once as a dead pid.
  (
    cd "$DATA_DIR/redis"
    exec setsid nohup redis-server --bind 127.0.0.1 --port "$REDIS_PORT" \
      --dir "$DATA_DIR/redis" --daemonize no --logfile "$LOG_DIR/redis.log" \
      --save "" --appendonly no
  ) >/dev/null 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$pidfile"
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    if redis_ours; then
      echo "started redis on 127.0.0.1:$REDIS_PORT"
      return 0
    fi
    sleep 0.1
  done
  tail -n 5 "$LOG_DIR/redis.log" >&2
  stop_by_pidfile redis "$pidfile" redis-server >/dev/null
  die "redis did not start on 127.0.0.1:$REDIS_PORT; log: $LOG_DIR/redis.log"
}

redis_stop() { stop_by_pidfile redis "$RUN_DIR/redis.pid" redis-server; }

# --- Solr 9.10.1 from Maven Central artifacts (see dev/solr/) --------------------------------

SOLR_CP="$SOLR_DIR/classpath.txt"
SOLR_CLASSES="$SOLR_DIR/classes"
SOLR_HOME="$SOLR_DIR/home"
SOLR_PIDFILE="$RUN_DIR/solr.pid"
SOLR_READY="$RUN_DIR/solr.ready"

solr_classpath() {  # resolve into ~/.m2 once; again when the pom changes or a jar vanished
  local stale=0 jar
  if [ ! -s "$SOLR_CP" ] || [ "$SOLR_SRC/pom.xml" -nt "$SOLR_CP" ]; then
    stale=1
  else
    while IFS= read -r jar; do
      [ -f "$jar" ] || { stale=1; break; }
    done < <(tr ':' '\n' < "$SOLR_CP")
  fi
  [ $stale = 1 ] || return 0
  mkdir -p "$SOLR_DIR"
  echo "maven: resolving Solr 9.10.1 (first time: ~110 MB into ~/.m2)" >&2
  # Pinned plugin: Maven 3.8's default dependency plugin is an old 2.x.
  if ! mvn -B -q -f "$SOLR_SRC/pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -DincludeScope=runtime -Dmdep.outputFile="$SOLR_CP.tmp" >"$LOG_DIR/maven.log" 2>&1; then
    tail -n 30 "$LOG_DIR/maven.log" >&2
    die "maven could not resolve dev/solr/pom.xml; log: $LOG_DIR/maven.log"
  fi
  mv "$SOLR_CP.tmp" "$SOLR_CP"
}

solr_compile() {  # javac once, so start-up skips source-mode compilation
  if [ -f "$SOLR_CLASSES/SolrRunner.class" ] \
     && [ ! "$SOLR_SRC/SolrRunner.java" -nt "$SOLR_CLASSES/SolrRunner.class" ]; then
    return 0
  fi
  rm -rf "$SOLR_CLASSES.tmp"; mkdir -p "$SOLR_CLASSES.tmp"
  javac --release 17 -nowarn -cp "$(cat "$SOLR_CP")" -d "$SOLR_CLASSES.tmp" \
    "$SOLR_SRC/SolrRunner.java"
  rm -rf "$SOLR_CLASSES"; mv "$SOLR_CLASSES.tmp" "$SOLR_CLASSES"
}

ckan_schema() {  # CKAN's own schema.xml, from the CKAN installed in $VENV
  local f
  [ -x "$VENV/bin/python" ] || die "no venv at $VENV (set VENV=...); Solr needs CKAN's schema.xml"
  f=$("$VENV/bin/python" -c 'import ckan, os; print(os.path.join(os.path.dirname(ckan.__file__), "config", "solr", "schema.xml"))') \
    || die "CKAN is not importable in $VENV"
  [ -f "$f" ] || die "CKAN's schema.xml not found at $f"
  echo "$f"
}

solr_home() {  # build/refresh $SOLR_HOME: solr.xml + the ckan core; idempotent
  local schema conf="$SOLR_HOME/ckan/conf" f
  schema=$(ckan_schema)
  mkdir -p "$conf"
  # install -C copies only what changed, so a rebuild leaves identical files alone.
  install -C -m 644 "$SOLR_SRC/conf/solr.xml" "$SOLR_HOME/solr.xml"
  install -C -m 644 "$SOLR_SRC/conf/core.properties" "$SOLR_HOME/ckan/core.properties"
  for f in solrconfig.xml protwords.txt synonyms.txt stopwords.txt; do
    install -C -m 644 "$SOLR_SRC/conf/$f" "$conf/$f"
  done
  local built="$SOLR_HOME/schema.xml.new"
  extended_schema "$schema" >"$built"
  if ! cmp -s "$built" "$conf/schema.xml"; then
    # Another CKAN version (e.g. 2.11 vs 2.12) or new fields of ours: that schema,
    # and an index built anew (`ckan search-index rebuild`), never one indexed
    # under another schema.
    [ -f "$conf/schema.xml" ] && echo "solr: new schema ($(grep -o 'schema name="[^"]*"' "$schema")); index emptied" >&2
    rm -rf "$SOLR_HOME/ckan/data"
    install -m 644 "$built" "$conf/schema.xml"
  fi
  rm -f "$built"
}

extended_schema() {  # CKAN's schema.xml with the extension's fields added inside <fields>
  local fields="$ROOT/ckanext/lutsk_charter/solr/schema-fields.xml"
  awk -v fields="$fields" '
    /<\/fields>/ && !done { while ((getline line < fields) > 0) print line; done = 1 }
    { print }
  ' "$1"
}

solr_up() {
  curl -fsS --max-time 5 -o /dev/null \
    "http://127.0.0.1:$SOLR_PORT/solr/ckan/admin/ping?wt=json" 2>/dev/null
}

solr_wait() {  # solr_wait PID: until ready, or fail with the log's tail
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Solr exited while starting; last lines of $LOG_DIR/solr.log:" >&2
      tail -n 40 "$LOG_DIR/solr.log" >&2
      rm -f "$SOLR_PIDFILE" "$SOLR_READY"
      return 1
    fi
    # The ready file comes from our launcher only: another Solr on the port can't fool us.
    if [ -s "$SOLR_READY" ] && solr_up; then return 0; fi
    sleep 0.25
  done
  echo "Solr did not answer within $START_TIMEOUT s; last lines of $LOG_DIR/solr.log:" >&2
  tail -n 40 "$LOG_DIR/solr.log" >&2
  solr_stop >/dev/null
  return 1
}

solr_start() {
  local pid t0=$SECONDS
  dirs
  if running "$SOLR_PIDFILE" SolrRunner; then
    # Running (or still starting, from a parallel call): wait for it, don't restart it.
    solr_wait "$(head -n 1 "$SOLR_PIDFILE")" || die "solr failed"
    if cmp -s <(extended_schema "$(ckan_schema)") "$SOLR_HOME/ckan/conf/schema.xml"; then
      return 0
    fi
    # The extension's fields (or CKAN) changed since it started: serve the new schema.
    echo "solr: the schema changed; restarting with the new one" >&2
    solr_stop >/dev/null
  fi
  rm -f "$SOLR_PIDFILE" "$SOLR_READY"
  solr_classpath
  solr_compile
  solr_home
  [ -f "$LOG_DIR/solr.log" ] && mv -f "$LOG_DIR/solr.log" "$LOG_DIR/solr.log.1"
  # env -u: SOLR_MODULES & co. would make Solr look for an install dir it doesn't have.
  # setsid + nohup: the JVM outlives this shell and its terminal. Each of cd/exec/env/setsid/
  # nohup execs in place (the subshell is no group leader, so setsid doesn't fork), so $! is
  # the JVM's own pid. SOLR_JAVA_OPTS is split on spaces on purpose.
  (
    cd "$SOLR_DIR"
    exec env -u SOLR_MODULES -u SOLR_INSTALL_DIR -u SOLR_HOME \
      setsid nohup java -Xms256m -Xmx512m ${SOLR_JAVA_OPTS:-} \
        -Dsolr.log.dir="$LOG_DIR" -Dlog4j2.configurationFile="$SOLR_SRC/log4j2.xml" \
        -cp "$SOLR_CLASSES:$(cat "$SOLR_CP")" \
        SolrRunner "$SOLR_HOME" "$SOLR_PORT" "$SOLR_READY"
  ) >"$LOG_DIR/solr.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$SOLR_PIDFILE"
  solr_wait "$pid" || die "solr failed"
  echo "started solr at http://127.0.0.1:$SOLR_PORT/solr/ckan ($((SECONDS - t0)) s)"
}

solr_stop() { stop_by_pidfile solr "$SOLR_PIDFILE" SolrRunner; rm -f "$SOLR_READY"; }

# --- commands ------------------------------------------------------------------------------------

services_of() {  # validate names; none = all three
  local s
  [ $# -eq 0 ] && set -- pg redis solr
  for s in "$@"; do
    case $s in pg|redis|solr) ;; *) echo "unknown service: $s (pg|redis|solr)" >&2; exit 2 ;; esac
  done
  echo "$@"
}

cmd=${1:-}; shift || true
case "$cmd" in
  start)
    list=$(services_of "$@")
    # shellcheck disable=SC2086
    ensure_packages $list
    for s in $list; do "${s}_start"; done ;;
  stop)
    for s in $(services_of "$@"); do "${s}_stop"; done ;;
  status)
    if [ -n "$(pg_bin)" ] && pg_running; then
      echo "postgresql: running on 127.0.0.1:$(sed -n 4p "$PG_DATA/postmaster.pid") (pid $(head -n 1 "$PG_DATA/postmaster.pid"))"
    else echo "postgresql: stopped"; fi
    if running "$RUN_DIR/redis.pid" redis-server; then
      echo "redis: running on 127.0.0.1:$REDIS_PORT (pid $(cat "$RUN_DIR/redis.pid"))"
    else echo "redis: stopped"; fi
    if running "$SOLR_PIDFILE" SolrRunner; then
      if solr_up; then echo "solr: running at http://127.0.0.1:$SOLR_PORT/solr/ckan (pid $(cat "$SOLR_PIDFILE"))"
      else echo "solr: starting or not answering (pid $(cat "$SOLR_PIDFILE"))"; fi
    else echo "solr: stopped"; fi ;;
  pg-db) pg_db "$@" ;;
  env)
    printf 'export DATA_DIR=%q PG_PORT=%q REDIS_PORT=%q SOLR_PORT=%q\n' \
      "$DATA_DIR" "$PG_PORT" "$REDIS_PORT" "$SOLR_PORT"
    printf 'export SOLR_URL=%q REDIS_URL=%q\n' \
      "http://127.0.0.1:$SOLR_PORT/solr/ckan" "redis://127.0.0.1:$REDIS_PORT/0" ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
