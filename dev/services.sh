#!/usr/bin/env bash
# PostgreSQL, Redis and Apache Solr for the portal and its tests, on loopback,
# with their data in $DATA_DIR (default .data/, ignored by git).
#
#   dev/services.sh start [pg|redis|solr ...]   start (default: all); a running one is left alone
#   dev/services.sh stop  [pg|redis|solr ...]   stop by the pid each start recorded
#   dev/services.sh status
#   dev/services.sh pg-db NAME USER PASSWORD    create a role and a database if missing
#   dev/services.sh env                         print the settings as shell exports
#
# Settings (environment): DATA_DIR, PG_PORT=54329, REDIS_PORT=63799, SOLR_PORT=8989.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA_DIR=${DATA_DIR:-$ROOT/.data}
PG_PORT=${PG_PORT:-54329}
REDIS_PORT=${REDIS_PORT:-63799}
SOLR_PORT=${SOLR_PORT:-8989}
VENV=${VENV:-$ROOT/.venv}
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
SOLR_SRC="$ROOT/dev/solr"

mkdir -p "$RUN_DIR" "$LOG_DIR"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
alive() { [ -s "$1" ] && kill -0 "$(head -n 1 "$1")" 2>/dev/null; }

ensure_packages() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# --- PostgreSQL: a cluster of our own, run as the postgres user -------------------------

PG_DATA="$DATA_DIR/pg"

pg_start() {
  local bin; bin=$(pg_bin)
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    chown postgres:postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    runuser -u postgres -- "$bin/initdb" -D "$PG_DATA" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  fi
  if runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    return 0
  fi
  # The log must be writable by postgres; sockets stay inside the data folder.
  touch "$LOG_DIR/postgres.log"; chown postgres:postgres "$LOG_DIR/postgres.log"
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" -l "$LOG_DIR/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
}

pg_stop() {
  local bin; bin=$(pg_bin)
  [ -s "$PG_DATA/postmaster.pid" ] || return 0
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  echo "stopped postgresql"
}

psql_admin() {
  runuser -u postgres -- "$(pg_bin)/psql" -h "$PG_DATA" -p "$PG_PORT" -d postgres \
    -v ON_ERROR_STOP=1 -qtA "$@"
}

pg_db() {  # pg_db NAME USER PASSWORD
  local name=$1 user=$2 password=$3
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != 1 ]; then
    psql_admin -c "CREATE ROLE \"$user\" LOGIN PASSWORD '$password'"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE \"$name\" OWNER \"$user\" ENCODING 'UTF8' TEMPLATE template0"
  fi
  echo "postgresql://$user:$password@127.0.0.1:$PG_PORT/$name"
}

# --- Redis ----------------------------------------------------------------------------------

redis_start() {
  local pidfile="$RUN_DIR/redis.pid"
  alive "$pidfile" && return 0
  mkdir -p "$DATA_DIR/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DATA_DIR/redis" \
    --daemonize yes --pidfile "$pidfile" --logfile "$LOG_DIR/redis.log" \
    --save "" --appendonly no
  local i
  for i in $(seq 50); do
    alive "$pidfile" && redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "redis did not start; see $LOG_DIR/redis.log" >&2
  return 1
}

# --- Solr 9.10.1 from Maven Central --------------------------------------------------------

SOLR_DIR="$DATA_DIR/solr"

solr_classpath() {
  local cp="$SOLR_DIR/classpath.txt"
  if [ ! -s "$cp" ] || [ "$SOLR_SRC/pom.xml" -nt "$cp" ]; then
    mkdir -p "$SOLR_DIR"
    mvn -B -q -Dstyle.color=never -f "$SOLR_SRC/pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -DincludeScope=runtime -Dmdep.outputFile="$cp" >&2
  fi
  echo "$cp"
}

solr_compile() {  # compile the launcher once; again only when its source changes
  local classes="$SOLR_DIR/classes"
  if [ ! -f "$classes/SolrRunner.class" ] || [ "$SOLR_SRC/SolrRunner.java" -nt "$classes/SolrRunner.class" ]; then
    mkdir -p "$classes"
    javac --release 17 -nowarn -cp "$(cat "$1")" -d "$classes" "$SOLR_SRC/SolrRunner.java"
  fi
}

solr_home() {  # the ckan core, with the schema.xml of the CKAN installed in the venv
  local home="$SOLR_DIR/home" schema
  schema=$("$VENV/bin/python" -c 'import ckan, os; print(os.path.join(os.path.dirname(ckan.__file__), "config", "solr", "schema.xml"))')
  [ -f "$schema" ] || { echo "CKAN's schema.xml not found (is CKAN installed in $VENV?)" >&2; return 1; }
  mkdir -p "$home/ckan/conf"
  cp "$SOLR_SRC/conf/solr.xml" "$home/solr.xml"
  echo "name=ckan" > "$home/ckan/core.properties"
  cp "$SOLR_SRC/conf/solrconfig.xml" "$SOLR_SRC/conf/protwords.txt" "$SOLR_SRC/conf/synonyms.txt" \
     "$home/ckan/conf/"
  if ! cmp -s "$schema" "$home/ckan/conf/schema.xml"; then
    # Another CKAN version: its schema, and an index built anew.
    cp "$schema" "$home/ckan/conf/schema.xml"
    rm -rf "$home/ckan/data"
  fi
  echo "$home"
}

solr_up() { curl -fsS -o /dev/null "http://127.0.0.1:$SOLR_PORT/solr/ckan/admin/ping?wt=json" 2>/dev/null; }

solr_start() {
  local pidfile="$RUN_DIR/solr.pid" cp home pid i
  if alive "$pidfile" && solr_up; then return 0; fi
  [ -s "$pidfile" ] && solr_stop >/dev/null
  cp=$(solr_classpath)
  solr_compile "$cp"
  home=$(solr_home)
  rm -f "$RUN_DIR/solr.ready"
  # Solr reads these from the environment; they would make it look for an install dir.
  env -u SOLR_MODULES -u SOLR_INSTALL_DIR setsid nohup java -Xms256m -Xmx512m \
    -Dsolr.log.dir="$LOG_DIR" -Dlog4j2.configurationFile="$SOLR_SRC/conf/log4j2.xml" \
    -cp "$SOLR_DIR/classes:$(cat "$cp")" SolrRunner "$home" "$SOLR_PORT" "$RUN_DIR/solr.ready" \
    >"$LOG_DIR/solr.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$pidfile"
  for i in $(seq 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Solr exited while starting; last lines of $LOG_DIR/solr.log:" >&2
      tail -n 30 "$LOG_DIR/solr.log" >&2
      rm -f "$pidfile"
      return 1
    fi
    if [ -s "$RUN_DIR/solr.ready" ] && solr_up; then return 0; fi
    sleep 0.5
  done
  echo "Solr did not answer within 120 s; see $LOG_DIR/solr.log" >&2
  return 1
}

stop_by_pidfile() {  # stop_by_pidfile NAME PIDFILE: TERM, wait up to 20 s, then KILL
  local pidfile=$2 pid i
  if alive "$pidfile"; then
    pid=$(cat "$pidfile")
    kill "$pid"
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" || true
    echo "stopped $1"
  fi
  rm -f "$pidfile"
}

solr_stop() { stop_by_pidfile solr "$RUN_DIR/solr.pid"; rm -f "$RUN_DIR/solr.ready"; }
redis_stop() { stop_by_pidfile redis "$RUN_DIR/redis.pid"; }

# --- commands ----------------------------------------------------------------------------------

which_services() { if [ $# -eq 0 ]; then echo pg redis solr; else echo "$@"; fi; }

cmd=${1:-}; shift || true
case "$cmd" in
  start)
    ensure_packages
    for s in $(which_services "$@"); do
      case $s in
        pg) pg_start ;; redis) redis_start ;; solr) solr_start ;;
        *) echo "unknown service $s" >&2; exit 2 ;;
      esac
    done ;;
  stop)
    for s in $(which_services "$@"); do
      case $s in
        pg) pg_stop ;; redis) redis_stop ;; solr) solr_stop ;;
        *) echo "unknown service $s" >&2; exit 2 ;;
      esac
    done ;;
  status)
    if [ -n "$(pg_bin)" ] && [ -d "$PG_DATA" ] && runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
      echo "postgresql: running on 127.0.0.1:$PG_PORT"; else echo "postgresql: stopped"; fi
    if alive "$RUN_DIR/redis.pid"; then echo "redis: running on 127.0.0.1:$REDIS_PORT"; else echo "redis: stopped"; fi
    if alive "$RUN_DIR/solr.pid" && solr_up; then echo "solr: running at http://127.0.0.1:$SOLR_PORT/solr/ckan"; else echo "solr: stopped"; fi ;;
  pg-db) pg_db "$@" ;;
  env)
    echo "export DATA_DIR='$DATA_DIR' PG_PORT=$PG_PORT REDIS_PORT=$REDIS_PORT SOLR_PORT=$SOLR_PORT" ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
