#!/usr/bin/env bash
# Guildhall benchmark: core-api under wrk on loopback, measured against ../shared/bench/ceiling in
# the same run. One command: bench/run.sh   (see bench/README.md)
#
# Env: DURATION (s, 15), WARMUP (s, least warm-up, 40), WARMUP_MAX (s, 120), CEILING_WARMUP (s, 30),
#      JVM_WARMUP (s, 30: each scenario's load for that long before any is measured), CONNECTIONS (64), THREADS (2), BENCH_PORT (8097),
#      SCENARIOS (comma list, default all), CEILING (1; 0 skips it: no ratios), CEILING_DIR,
#      BENCH_PG_HOST/PORT/USER/PASSWORD (127.0.0.1/5432/postgres/''), BENCH_DB (guildhall_bench),
#      JAVA_OPTS (for core-api; default "-Xmx97m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 -XX:-ClassUnloadingWithConcurrentMark -XX:TrimNativeHeapInterval=1000", what the JVM gets in the
#      512Mi container of docker/; JAVA_OPTS= for the JVM's defaults, as the ceiling), LOG_DIR, RESULTS_FILE
#      (bench/last-run.md), PROFILE (1: JFR on the measured core-api, summary via profile-summary.sh;
#      async: async-profiler from Maven Central over each scenario's measured run, CPU samples every 1 ms;
#      PROFILE_EVENT=alloc samples allocations instead, one every 512 KiB allocated),
#      BENCH_JAVA (the java that runs core-api, default java on PATH), AOT (auto: on when BENCH_JAVA is JDK 25+;
#      1 or 0): core-api packaged as aot-jar, the first start (migrations, fixtures, docker/core-api-aot-train.sh)
#      is the training run that writes a JDK AOT cache, and the measured start uses it, as docker/ does.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
export BENCH_DIR

DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-40}"
WARMUP_MAX="${WARMUP_MAX:-120}"
CEILING_WARMUP="${CEILING_WARMUP:-30}"
JVM_WARMUP="${JVM_WARMUP:-30}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PORT="${BENCH_PORT:-8097}"
BASE="http://127.0.0.1:${PORT}"
CEILING="${CEILING:-1}"
CEILING_DIR="${CEILING_DIR:-$ROOT/../shared/bench/ceiling}"
PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
PG_PORT="${BENCH_PG_PORT:-5432}"
PG_USER="${BENCH_PG_USER:-postgres}"
PG_PASSWORD="${BENCH_PG_PASSWORD:-${PGPASSWORD:-}}"
DB="${BENCH_DB:-guildhall_bench}"
JAVA_OPTS="${JAVA_OPTS-"-Xmx97m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 -XX:-ClassUnloadingWithConcurrentMark -XX:TrimNativeHeapInterval=1000"}"
ALL_SCENARIOS="create-war,get-war,leaderboard,check-automod-off,check-automod-on,check-automod-on-keyed,create-case,mixed,server-config"
SCENARIOS="${SCENARIOS:-$ALL_SCENARIOS}"
LOG_DIR="${LOG_DIR:-$(mktemp -d -t guildhall-bench.XXXXXX)}"
RESULTS_FILE="${RESULTS_FILE:-$BENCH_DIR/last-run.md}"
JAR="$ROOT/core-api/target/quarkus-app/quarkus-run.jar"
BENCH_JAVA="${BENCH_JAVA:-java}"
AOT="${AOT:-auto}"
APP_LOG="$LOG_DIR/core-api.log"
APP_PID=""
WRK_PID=""
mkdir -p "$LOG_DIR"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

die() { echo "bench: ERROR: $*" >&2; exit 1; }
say() { echo "bench: $*"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

stop_app() { # stop_app [SECONDS to wait before SIGKILL, 10]
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 $((${1:-10} * 10))); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
cleanup() {
  if [[ -n "$WRK_PID" ]] && kill -0 "$WRK_PID" 2>/dev/null; then kill -TERM "$WRK_PID" 2>/dev/null || true; fi
  stop_app
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -----------------------------------------------------------------
command -v "$BENCH_JAVA" >/dev/null || die "$BENCH_JAVA not found (need JDK 17+; set BENCH_JAVA)"
JAVA_FEATURE=$("$BENCH_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
# jcmd of the same JDK (PROFILE=async attaches through it)
JCMD="$(dirname "$(readlink -f "$(command -v "$BENCH_JAVA")")")/jcmd"
[[ -x "$JCMD" ]] || JCMD=jcmd
case "$AOT" in
  auto) [[ "${JAVA_FEATURE:-0}" -ge 25 ]] && AOT=1 || AOT=0 ;;
  1) [[ "${JAVA_FEATURE:-0}" -ge 25 ]] || die "AOT=1 needs JDK 25+ (-XX:AOTCacheOutput); $BENCH_JAVA is ${JAVA_FEATURE:-?}" ;;
  0) ;;
  *) die "AOT is auto, 1 or 0, not $AOT" ;;
esac
command -v curl >/dev/null || die "curl not found"
if ! command -v wrk >/dev/null; then
  say "wrk not found, installing (apt-get)..."
  [[ "$(id -u)" == 0 ]] || die "wrk missing and not root; install it: apt-get install -y wrk"
  { apt-get update -qq && apt-get install -y -qq wrk; } >"$LOG_DIR/apt.log" 2>&1 \
    || die "apt-get install wrk failed, see $LOG_DIR/apt.log"
fi

# --- async-profiler (PROFILE=async), from Maven Central -----------------------------
ASPROF_LIB=""
if [[ "${PROFILE:-0}" == async ]]; then
  command -v mvn >/dev/null || die "PROFILE=async needs mvn to fetch tools.profiler:async-profiler"
  ASPROF_VERSION="${ASPROF_VERSION:-4.1}"
  ASPROF_JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$ASPROF_VERSION/async-profiler-$ASPROF_VERSION.jar"
  [[ -f "$ASPROF_JAR" ]] || mvn -B -ntp -q dependency:get -Dartifact="tools.profiler:async-profiler:$ASPROF_VERSION" \
    >"$LOG_DIR/asprof-fetch.log" 2>&1 || die "could not fetch async-profiler, see $LOG_DIR/asprof-fetch.log"
  command -v unzip >/dev/null || die "PROFILE=async needs unzip"
  (cd "$LOG_DIR" && unzip -o -q "$ASPROF_JAR" 'linux-x64/*') || die "could not unpack $ASPROF_JAR"
  ASPROF_LIB="$LOG_DIR/linux-x64/libasyncProfiler.so"
  case "${PROFILE_EVENT:-cpu}" in
    cpu) ASPROF_EVENT="event=cpu,interval=1ms" ASPROF_COUNT="" ;;
    alloc) ASPROF_EVENT="event=alloc,alloc=512k" ASPROF_COUNT=",total" ;;  # weighted by bytes, not samples
    *) die "PROFILE_EVENT is cpu or alloc, not ${PROFILE_EVENT}" ;;
  esac
fi
# asprof COMMAND: drives the profiler inside the running core-api (jcmd loads it as a JVMTI agent)
asprof() { "$JCMD" "$APP_PID" JVMTI.agent_load "$ASPROF_LIB" "\"$1\"" >>"$LOG_DIR/asprof.log" 2>&1; }

# --- build -----------------------------------------------------------------
# fast-jar (Quarkus's default) or aot-jar (every jar on the JDK's class path, which the AOT cache needs);
# an aot-jar's manifest names the application jar itself.
JAR_TYPE=fast-jar
[[ "$AOT" == 1 ]] && JAR_TYPE=aot-jar
built_type() { unzip -p "$JAR" META-INF/MANIFEST.MF 2>/dev/null | tr -d '\r\n ' | grep -q 'app/core-api' && echo aot-jar || echo fast-jar; }
command -v unzip >/dev/null || die "unzip not found (it tells a fast-jar from an aot-jar)"
if [[ ! -f "$JAR" || "$(built_type)" != "$JAR_TYPE" ]]; then
  command -v mvn >/dev/null || die "mvn not found and no $JAR_TYPE at $JAR"
  say "building core-api as $JAR_TYPE (mvn -pl core-api -am package -DskipTests -Dquarkus.package.jar.type=$JAR_TYPE)..."
  (cd "$ROOT" && mvn -B -ntp -q -pl core-api -am package -DskipTests -Dquarkus.package.jar.type="$JAR_TYPE") >"$LOG_DIR/build.log" 2>&1 \
    || { tail -40 "$LOG_DIR/build.log" >&2; die "build failed, see $LOG_DIR/build.log"; }
fi

# --- database: the local PostgreSQL the ceiling uses, else the embedded one ---
DB_MODE=embedded
AUTOVACUUM=on
APP_ENV=()
if command -v psql >/dev/null \
   && PGPASSWORD="$PG_PASSWORD" psql -qAtX -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "SELECT 1" >/dev/null 2>&1; then
  DB_MODE=external
  # a fresh database each run: identical starting conditions, and the ceiling's tables stay apart
  PGPASSWORD="$PG_PASSWORD" psql -qAtX -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >"$LOG_DIR/db.log" 2>&1 \
    || die "could not create database $DB, see $LOG_DIR/db.log"
  PG_VERSION=$(PGPASSWORD="$PG_PASSWORD" psql -qAtX -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "SHOW server_version")
  APP_ENV=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB"
           QUARKUS_DATASOURCE_USERNAME="$PG_USER" QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD")
  say "database: PostgreSQL $PG_VERSION at $PG_HOST:$PG_PORT, fresh database $DB"
  AUTOVACUUM=$(PGPASSWORD="$PG_PASSWORD" psql -qAtX -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "SHOW autovacuum")
  [[ "$AUTOVACUUM" == off ]] && say "autovacuum is off on this PostgreSQL: the bench runs VACUUM ANALYZE before each scenario instead"
else
  PG_VERSION="embedded (zonky)"
  APP_ENV=(GUILDHALL_DATA_DIR="$LOG_DIR/data")
  say "database: no PostgreSQL at $PG_HOST:$PG_PORT, using core-api's embedded one (start-up time then includes it)"
fi
ADMIN_KEY="ghk_bench-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
APP_ENV+=(GUILDHALL_ADMIN_KEY="$ADMIN_KEY" QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1)
# as in docker/: two malloc arenas, not 8 per core (the JIT's and the driver's freed memory otherwise stays in RSS)
APP_ENV+=(MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}")
# Rate limiting stays on (its cost is part of every call) with limits the load never reaches.
APP_ENV+=(GUILDHALL_RATE_LIMIT_PLATFORM=1000000000 GUILDHALL_RATE_LIMIT_ADMIN=1000000000
          GUILDHALL_RATE_LIMIT_APP=1000000000 GUILDHALL_RATE_LIMIT_ACTOR=1000000000)

# --- the ceiling, same machine, same run ------------------------------------
# run_ceiling DIR -> prints "ping_rps ping_p50 ping_p99 insert_rps insert_p50 insert_p99 ready_s" (empty on failure)
run_ceiling() {
  local dir=$1 ping insert ready
  if DURATION="$DURATION" WARMUP="$CEILING_WARMUP" CONNECTIONS="$CONNECTIONS" THREADS="$THREADS" LOG_DIR="$dir" \
      bash "$CEILING_DIR/run.sh" >"$dir.txt" 2>&1; then :; else
    say "the ceiling failed (see $dir.txt)" >&2
    return 0
  fi
  ping=$(sed -n 's/^ceiling ping: \([0-9.]*\) req\/s p50 \([0-9.]*\) ms p99 \([0-9.]*\) ms.*/\1 \2 \3/p' "$dir.txt")
  insert=$(sed -n 's/^ceiling insert: \([0-9.]*\) req\/s p50 \([0-9.]*\) ms p99 \([0-9.]*\) ms.*/\1 \2 \3/p' "$dir.txt")
  ready=$(sed -n 's/^ceiling: app ready in \([0-9.]*\) s wall.*/\1/p' "$dir.txt")
  [[ -n "$ping" && -n "$insert" ]] && echo "$ping $insert $ready"
}
ceil_ping_rps="" ceil_ping_p99="" ceil_insert_rps="" ceil_insert_p99="" ceil_ping_p50="" ceil_insert_p50="" ceil_ready=""
if [[ "$CEILING" == 1 ]]; then
  [[ -x "$CEILING_DIR/run.sh" || -f "$CEILING_DIR/run.sh" ]] || die "no ceiling at $CEILING_DIR (set CEILING_DIR, or CEILING=0)"
  say "running the ceiling ($CEILING_DIR/run.sh)..."
  read -r ceil_ping_rps ceil_ping_p50 ceil_ping_p99 ceil_insert_rps ceil_insert_p50 ceil_insert_p99 ceil_ready \
    < <(run_ceiling "$LOG_DIR/ceiling") || say "the ceiling gave no numbers: no ratios this run"
  say "ceiling: ping ${ceil_ping_rps:-?} req/s (p99 ${ceil_ping_p99:-?} ms), insert ${ceil_insert_rps:-?} req/s (p99 ${ceil_insert_p99:-?} ms)"
fi

# --- core-api ----------------------------------------------------------------
start_app() { # start_app LOGFILE -> sets APP_PID, READY_S, QUARKUS_S
  local log=$1 t0
  if curl -s -o /dev/null --max-time 1 "$BASE/q/health/live" 2>/dev/null; then
    die "something already answers on $BASE; stop it or set BENCH_PORT"
  fi
  t0=$(now)
  # shellcheck disable=SC2086
  env "${APP_ENV[@]}" "$BENCH_JAVA" ${JAVA_OPTS:-} ${AOT_OPTS:-} -jar "$JAR" >"$log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 1200); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$log" >&2; APP_PID=""; die "core-api exited during start-up, log: $log"; }
    if curl -sf -o /dev/null --max-time 1 "$BASE/q/health/ready"; then
      READY_S=$(elapsed "$t0" "$(now)")
      QUARKUS_S=$(sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' "$log" | head -1)
      return 0
    fi
    sleep 0.05
  done
  tail -30 "$log" >&2
  die "core-api not ready after 60 s, log: $log"
}

api() { # api METHOD PATH [BODY] [extra curl args...] -> prints "STATUS BODY"
  local method=$1 path=$2 body=${3:-} out code
  shift 3 || shift $#
  out="$LOG_DIR/last-response.json"
  if [[ -n "$body" ]]; then
    code=$(curl -s -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${KEY:-$ADMIN_KEY}" \
      -H 'Content-Type: application/json' "$@" --data "$body" "$BASE$path") || code=000
  else
    code=$(curl -s -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${KEY:-$ADMIN_KEY}" "$@" "$BASE$path") || code=000
  fi
  echo "$code $(tr -d '\n' <"$out" 2>/dev/null | head -c 400)"
}
json_field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | sed "s/^\"$1\":\"\(.*\)\"$/\1/"; }

AOT_CACHE="$LOG_DIR/app.aot"
AOT_OPTS=""
if [[ "$AOT" == 1 ]]; then
  AOT_OPTS="-XX:AOTCacheOutput=$AOT_CACHE"
  say "starting core-api (first start: runs the migrations; the AOT training run, with the fixtures and docker/core-api-aot-train.sh)..."
else
  say "starting core-api (first start: runs the migrations)..."
fi
start_app "$LOG_DIR/core-api-first.log"
FIRST_READY_S=$READY_S FIRST_QUARKUS_S=$QUARKUS_S

# --- fixtures, through the API ---------------------------------------------------
S1="discord:9001"   # automod off
S2="discord:9002"   # automod on: banned words + duplicate and rate windows
KEY=""
r=$(api POST /v1/admin/api-keys '{"name":"bench-platform","kind":"platform","scopes":[],"servers":[]}')
[[ "${r%% *}" == 201 ]] || die "could not create a platform key: $r"
KEY=$(json_field key <<<"${r#* }")
[[ -n "$KEY" ]] || die "no key in: $r"
export BENCH_KEY="$KEY"
for s in "$S1" "$S2"; do
  r=$(api PUT "/v1/servers/$s" '{"name":"Bench '"$s"'","owner":"discord:1"}')
  [[ "${r%% *}" == 201 || "${r%% *}" == 200 ]] || die "could not register $s: $r"
done
r=$(api PATCH "/v1/servers/$S2/config" \
  '{"automod":{"enabled":true,"bannedWords":["noobface","scrub","cheater"],"blockInvites":true,"maxMentions":5,"duplicateLimit":{"count":3,"seconds":30},"rateLimit":{"count":8,"seconds":10},"capsRatio":0.7,"action":"delete"}}')
[[ "${r%% *}" == 200 ]] || say "automod config for $S2 was refused: $r"

# Which endpoints exist yet: a 404 on a registered server means the route is not there.
declare -A AVAILABLE=() WHY=()
probe() { # probe NAME STATUS_BODY
  local name=$1 code=${2%% *}
  if [[ "$code" =~ ^2 ]]; then AVAILABLE[$name]=1
  elif [[ "$code" == 404 ]]; then WHY[$name]="not available yet (404)"
  else WHY[$name]="fixture call answered ${2:0:200}"
  fi
}
WAR_IDS=()
war_body() { echo '{"game":"chess","format":"ft1","duration":"12h","sides":[["discord:'"$1"'"],["discord:'"$2"'"]]}'; }
r=$(api POST "/v1/servers/$S1/wars" "$(war_body 1000001 1000002)" -H "X-Actor-Id: discord:1000001")
probe create-war "$r"
if [[ -n "${AVAILABLE[create-war]:-}" ]]; then
  # 100 wars for get-war; the first 40 accepted and finished (loser reports) so the leaderboard has rows
  for n in $(seq 1 100); do
    a=$((1000000 + 2 * n)) b=$((1000000 + 2 * n + 1))
    r=$(api POST "/v1/servers/$S1/wars" "$(war_body $a $b)" -H "X-Actor-Id: discord:$a")
    id=$(json_field id <<<"${r#* }")
    [[ -n "$id" ]] && WAR_IDS+=("$id")
    if [[ -n "$id" && $n -le 40 ]]; then
      api POST "/v1/wars/$id/accept" '{}' -H "X-Actor-Id: discord:$b" >/dev/null
      api POST "/v1/wars/$id/rounds" '{"winner":0}' -H "X-Actor-Id: discord:$b" >/dev/null
    fi
  done
  say "fixtures: ${#WAR_IDS[@]} wars"
fi
if [[ ${#WAR_IDS[@]} -gt 0 ]]; then probe get-war "$(api GET "/v1/wars/${WAR_IDS[0]}")"; else WHY[get-war]="${WHY[create-war]:-no war could be created}"; fi
probe leaderboard "$(api GET "/v1/servers/$S1/leaderboard?game=chess")"
probe profile "$(api GET "/v1/servers/$S1/players/discord:1000002")"
check_body='{"messageId":"probe","channel":"general","author":{"user":"discord:5","roles":[]},"content":"hello","mentions":0}'
probe check-automod-off "$(api POST "/v1/servers/$S1/messages/check" "$check_body")"
probe check-automod-on "$(api POST "/v1/servers/$S2/messages/check" "$check_body")"
[[ -n "${AVAILABLE[check-automod-on]:-}" ]] && AVAILABLE[check-automod-on-keyed]=1
probe create-case "$(api POST "/v1/servers/$S1/cases" '{"type":"warn","target":{"user":"discord:7","owner":false,"topRole":1},"reason":"probe"}' \
  -H 'X-Actor-Id: discord:1' -H 'X-Actor-Owner: true' -H 'X-Actor-Top-Role: 100' -H 'X-Actor-Permissions: MODERATE_MEMBERS,KICK_MEMBERS,BAN_MEMBERS')"
probe server-config "$(api GET "/v1/servers/$S1/config")"
# the mixed player workload: whatever of it exists
MIX=""
add_mix() { [[ -n "${AVAILABLE[$1]:-}" ]] && MIX="${MIX:+$MIX,}$2"; return 0; }
add_mix get-war getwar:40; add_mix leaderboard leaderboard:20; add_mix profile profile:10
add_mix check-automod-off check:20; add_mix create-war createwar:10
if [[ -n "$MIX" ]]; then AVAILABLE[mixed]=1; else WHY[mixed]="none of its endpoints (wars, leaderboard, profile, messages/check) available yet"; fi
export BENCH_WAR_IDS
BENCH_WAR_IDS=$(IFS=,; echo "${WAR_IDS[*]:-}")

# --- restart: the start-up a rolling deploy sees (migrated database) ---------------
if [[ "$AOT" == 1 ]]; then
  GUILDHALL_ADMIN_KEY="$ADMIN_KEY" "$ROOT/docker/core-api-aot-train.sh" --against "$BASE" >"$LOG_DIR/aot-train.log" 2>&1 \
    || { tail -5 "$LOG_DIR/aot-train.log" >&2; die "the AOT training workload failed, see $LOG_DIR/aot-train.log"; }
  stop_app 180   # the JVM writes the cache as it exits
  [[ -s "$AOT_CACHE" ]] || die "no AOT cache was written, see $LOG_DIR/core-api-first.log"
  # AOTMode=on: a cache the JVM cannot use stops the bench instead of measuring a start without it
  AOT_OPTS="-XX:AOTMode=on -XX:AOTCache=$AOT_CACHE"
  AOT_CACHE_MIB=$(($(stat -c %s "$AOT_CACHE") / 1048576))
  say "AOT cache: $AOT_CACHE_MIB MiB"
fi
stop_app
say "restarting core-api (database already migrated)..."
if [[ "${PROFILE:-0}" == 1 ]]; then
  JAVA_OPTS="${JAVA_OPTS:-} -XX:FlightRecorderOptions=stackdepth=128 -XX:StartFlightRecording=settings=profile,filename=$LOG_DIR/core-api.jfr,dumponexit=true"
fi
start_app "$APP_LOG"
RSS_IDLE_KB=$(ps -o rss= -p "$APP_PID" | tr -d ' ')
say "core-api ready in ${READY_S} s (Quarkus: ${QUARKUS_S:-?} s); first start with migrations ${FIRST_READY_S} s; RSS idle $((RSS_IDLE_KB / 1024)) MiB"

# --- load ----------------------------------------------------------------------
declare -A RPS=() P50=() P99=() PEAK=() NOTE=() KIND=() WARMED=() CPU_SPLIT=() SERVER_P50=() SERVER_P99=()
RSS_PEAK_KB=0 RSS_PEAK_ANON_KB=0
# Where the two cores went during a measured run: clock ticks of core-api, of every PostgreSQL process
# and of the whole machine (/proc/stat), so each scenario shows core-api / PostgreSQL / the rest (wrk).
proc_ticks() { local t=0 p v; for p in "$@"; do v=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}') && t=$((t + ${v:-0})); done; echo "$t"; }
machine_busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
pg_pids() { pgrep -x postgres || true; }
# core-api's own request timings (http_server_requests, a Prometheus histogram with the same buckets for every
# endpoint), summed over endpoints: a snapshot before and after a measured run gives the time core-api spent on
# the run's requests, from reading each request to its answer. wrk's own latency adds what waited in the kernel,
# on a busy event loop and in wrk itself. /q/ requests (this scrape) are left out.
server_histogram() { # server_histogram FILE: "le count" lines, counts summed over endpoints
  curl -s --max-time 5 "$BASE/q/metrics" 2>/dev/null | grep '^http_server_requests_seconds_bucket{' | grep -v 'uri="/q/' \
    | sed 's/.*le="\([^"]*\)"} \([0-9.eE+]*\)$/\1 \2/' \
    | awk '{ c[$1] += $2 } END { for (le in c) print le, c[le] }' | sort -g >"$1" || : >"$1"
}
server_percentiles() { # server_percentiles BEFORE AFTER -> "p50 p99" in ms, each the upper bound of its bucket
  awk 'NR == FNR { b[$1] = $2; next }
    { le[++n] = $1; c[n] = $2 - b[$1] }
    END { if (n == 0 || c[n] <= 0) { print "? ?"; exit }
          split("0.5 0.99", q, " ")
          for (k = 1; k <= 2; k++) for (i = 1; i <= n; i++) if (c[i] >= q[k] * c[n]) {
            printf "%s%s", (le[i] == "+Inf" ? ">10000" : sprintf("%.1f", le[i] * 1000)), (k == 1 ? " " : "\n"); break } }' "$1" "$2"
}
# rss_parts SMAPS: what the RSS at the peak is made of, summed per kind of mapping from /proc/PID/smaps (taken at
# the peak), with the heap's and the code cache's address ranges from jcmd: the Java heap, the class metadata
# archive (the AOT cache, or the JDK's CDS archive), the code cache, libjvm, other files (jars, libraries) and the
# rest (malloc's arenas: the JIT's working memory, nmethod metadata, the driver's; thread stacks; metaspace).
rss_parts() {
  [[ -s "$1" ]] || return 0
  local heap code
  heap=$("$JCMD" "$APP_PID" GC.heap_info 2>/dev/null | sed -n 's/.*\[0x\([0-9a-f]*\), 0x\([0-9a-f]*\)).*/\1 \2/p' | head -1)
  code=$("$JCMD" "$APP_PID" Compiler.codecache 2>/dev/null | sed -n 's/^ *bounds \[0x\([0-9a-f]*\), 0x[0-9a-f]*, 0x\([0-9a-f]*\)\]/\1 \2/p' \
    | awk 'NR == 1 || $1 < lo { lo = $1 } $2 > hi { hi = $2 } END { if (NR) print lo, hi }')
  awk -v heap="$heap" -v code="$code" '
    # hex addresses as 16-digit strings, prefixed so that awk compares them as strings, not numbers
    function key(h) { h = sprintf("%16s", h); gsub(/ /, "0", h); return "x" h }
    BEGIN { split(heap, hp, " "); split(code, cp, " ")
            hl = key(hp[1]); hh = key(hp[2]); cl = key(cp[1]); ch = key(cp[2]) }
    /^[0-9a-f]+-[0-9a-f]+ / { split($1, r, "-"); a = key(r[1]); path = $6
      if (heap != "" && a >= hl && a < hh) kind = "heap"
      else if (code != "" && a >= cl && a < ch) kind = "code"
      else if (path ~ /\.(aot|jsa)$/) kind = "classes"
      else if (path ~ /libjvm\.so$/) kind = "libjvm"
      else if (path ~ /^\//) kind = "files"
      else kind = "rest"
      next }
    /^Rss:/ { kb[kind] += $2 }
    END { printf "heap %.0f, class archive %.0f, code cache %.0f, libjvm %.0f, other files %.0f, the rest (malloc, thread stacks, metaspace) %.0f MiB",
            kb["heap"] / 1024, kb["classes"] / 1024, kb["code"] / 1024, kb["libjvm"] / 1024, kb["files"] / 1024, kb["rest"] / 1024 }' "$1"
}
run_wrk() { # run_wrk NAME KIND(insert|ping) SCRIPT PATH [ENV...]
  local name=$1 kind=$2 script=$3 path=$4 out="$LOG_DIR/wrk-$1.txt" peak=0 peak_anon=0 r a wpid line
  shift 4
  KIND[$name]=$kind
  # Without autovacuum, dead rows and stale statistics pile up from one scenario into the next (a
  # planner that believes war holds 600 rows, GIN pending lists never merged); production runs it.
  if [[ "$AUTOVACUUM" == off ]]; then
    PGPASSWORD="$PG_PASSWORD" psql -qAtX -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -c "VACUUM (ANALYZE)" \
      >>"$LOG_DIR/vacuum.log" 2>&1 || say "VACUUM failed, see $LOG_DIR/vacuum.log"
  fi
  # Warm-up until the JIT has settled: 5 s steps until two in a row agree within 5 % (at least
  # WARMUP s, at most WARMUP_MAX s). A cold core-api runs at a third of its speed for the first minute
  # on 2 busy cores (C2 compiles a large application slowly while the load takes the CPUs), so a fixed
  # 10 s warm-up measured the compiler, not the service. The ceiling, a few classes, settles in seconds.
  local warm=0 prev="" cur
  : >"$LOG_DIR/wrk-$name-warmup.txt"
  while :; do
    env "$@" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$BENCH_DIR/$script" "$BASE$path" \
      >>"$LOG_DIR/wrk-$name-warmup.txt" 2>&1 || { NOTE[$name]="wrk warm-up failed, see $LOG_DIR/wrk-$name-warmup.txt"; return 0; }
    warm=$((warm + 5))
    cur=$(sed -n 's/^BENCH_RESULT.* rps=\([0-9.]*\).*/\1/p' "$LOG_DIR/wrk-$name-warmup.txt" | tail -1)
    [[ $warm -ge $WARMUP_MAX ]] && break
    if [[ $warm -ge $WARMUP && -n "$prev" && -n "$cur" ]] \
       && awk -v a="$prev" -v b="$cur" 'BEGIN { d = (b - a) / (a > 0 ? a : 1); exit !(d < 0.05 && d > -0.05) }'; then
      break
    fi
    prev=$cur
  done
  WARMED[$name]=$warm
  [[ -n "$ASPROF_LIB" ]] && asprof "start,$ASPROF_EVENT"
  local pgs app0 pg0 all0 t0
  pgs=$(pg_pids)
  server_histogram "$LOG_DIR/server-$name-before.txt"
  # shellcheck disable=SC2086
  app0=$(proc_ticks "$APP_PID") pg0=$(proc_ticks $pgs) all0=$(machine_busy_ticks) t0=$(now)
  env "$@" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH_DIR/$script" "$BASE$path" >"$out" 2>&1 &
  wpid=$!
  WRK_PID=$wpid
  while kill -0 "$wpid" 2>/dev/null; do
    read -r r a < <(awk '/^VmRSS/ {r = $2} /^RssAnon/ {a = $2} END {print r + 0, a + 0}' "/proc/$APP_PID/status" 2>/dev/null || echo 0 0)
    if [[ "$r" -gt "$peak" ]]; then
      peak=$r peak_anon=$a
      # the mappings at the run's highest RSS so far, for the breakdown in the report
      [[ "$r" -gt "$RSS_PEAK_KB" ]] && cp "/proc/$APP_PID/smaps" "$LOG_DIR/smaps-peak.txt" 2>/dev/null
    fi
    sleep 1
  done
  local app1 pg1 all1 secs hz
  # shellcheck disable=SC2086
  app1=$(proc_ticks "$APP_PID") pg1=$(proc_ticks $pgs) all1=$(machine_busy_ticks)
  secs=$(elapsed "$t0" "$(now)") hz=$(getconf CLK_TCK)
  server_histogram "$LOG_DIR/server-$name-after.txt"
  read -r SERVER_P50[$name] SERVER_P99[$name] < <(server_percentiles "$LOG_DIR/server-$name-before.txt" "$LOG_DIR/server-$name-after.txt")
  CPU_SPLIT[$name]=$(awk -v a=$((app1 - app0)) -v p=$((pg1 - pg0)) -v m=$((all1 - all0)) -v s="$secs" -v hz="$hz" \
    'BEGIN { printf "%.0f / %.0f / %.0f", 100 * a / hz / s, 100 * p / hz / s, 100 * (m - a - p) / hz / s }')
  if [[ -n "$ASPROF_LIB" ]]; then
    asprof "stop,file=$LOG_DIR/profile-$name.collapsed,collapsed$ASPROF_COUNT"
    "$BENCH_DIR/profile-summary.sh" "$LOG_DIR/profile-$name.collapsed" >"$LOG_DIR/profile-$name.txt" 2>&1 || true
  fi
  wait "$wpid" || { NOTE[$name]="wrk failed, see $out"; WRK_PID=""; return 0; }
  WRK_PID=""
  line=$(grep '^BENCH_RESULT' "$out") || { NOTE[$name]="no result from wrk, see $out"; return 0; }
  local req st so
  req=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
  RPS[$name]=$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$line")
  P50[$name]=$(awk -v u="$(sed -n 's/.* p50_us=\([0-9]*\).*/\1/p' <<<"$line")" 'BEGIN{printf "%.2f", u/1000}')
  P99[$name]=$(awk -v u="$(sed -n 's/.* p99_us=\([0-9]*\).*/\1/p' <<<"$line")" 'BEGIN{printf "%.2f", u/1000}')
  st=$(sed -n 's/.* status_errors=\([0-9]*\).*/\1/p' <<<"$line")
  so=$(sed -n 's/.* socket_errors=\([0-9]*\).*/\1/p' <<<"$line")
  PEAK[$name]=$((peak / 1024))
  [[ $peak -gt $RSS_PEAK_KB ]] && RSS_PEAK_KB=$peak RSS_PEAK_ANON_KB=$peak_anon
  if [[ "$st" -ne 0 || "$so" -ne 0 ]]; then
    NOTE[$name]="$st non-2xx, $so socket errors of $req requests"
  fi
  printf 'bench %s: %.0f req/s p50 %s ms p99 %s ms (in core-api: p50 ≤ %s ms, p99 ≤ %s ms; warm-up %d s, RSS peak %d MiB, CPU %% core-api / PostgreSQL / rest %s)%s\n' \
    "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "${SERVER_P50[$name]}" "${SERVER_P99[$name]}" "${WARMED[$name]}" "${PEAK[$name]}" "${CPU_SPLIT[$name]}" \
    "${NOTE[$name]:+ — ${NOTE[$name]}}"
}

# scenario NAME -> SCENARIO_KIND (the ceiling endpoint it is compared with), SCENARIO_SCRIPT, SCENARIO_ENV
scenario() {
  SCENARIO_KIND=insert
  case "$1" in
    create-war) SCENARIO_SCRIPT=create-war.lua SCENARIO_ENV=(BENCH_SERVER="$S1") ;;
    get-war) SCENARIO_SCRIPT=read.lua SCENARIO_ENV=(BENCH_PATHS="$(printf '/v1/wars/%s,' "${WAR_IDS[@]}")") ;;
    leaderboard) SCENARIO_SCRIPT=read.lua SCENARIO_ENV=(BENCH_PATHS="/v1/servers/$S1/leaderboard?game=chess") ;;
    check-automod-off) SCENARIO_KIND=ping SCENARIO_SCRIPT=check-message.lua SCENARIO_ENV=(BENCH_SERVER="$S1" BENCH_IDEMPOTENCY=1) ;;
    check-automod-on) SCENARIO_KIND=ping SCENARIO_SCRIPT=check-message.lua SCENARIO_ENV=(BENCH_SERVER="$S2" BENCH_SPAMMY=1) ;;
    # each keyed check reads and writes its key's record: a database round trip, the insert kind
    check-automod-on-keyed) SCENARIO_SCRIPT=check-message.lua
      SCENARIO_ENV=(BENCH_SERVER="$S2" BENCH_SPAMMY=1 BENCH_IDEMPOTENCY=1) ;;
    create-case) SCENARIO_SCRIPT=create-case.lua SCENARIO_ENV=(BENCH_SERVER="$S1") ;;
    mixed) SCENARIO_SCRIPT=mixed.lua SCENARIO_ENV=(BENCH_SERVER="$S1" BENCH_MIX="$MIX") ;;
    server-config) SCENARIO_KIND=ping SCENARIO_SCRIPT=read.lua SCENARIO_ENV=(BENCH_PATHS="/v1/servers/$S1/config") ;;
    *) die "unknown scenario $1 (known: $ALL_SCENARIOS)" ;;
  esac
}

# A warm-up tour first: every selected scenario's load for JVM_WARMUP s, one after the other, so each
# measurement finds the code of all of them compiled. A single shared warm-up (60 s of the mixed load)
# left create-war between 1.5k and 3.3k req/s from run to run, depending on which scenarios had run
# before it: on 2 busy cores C2 takes minutes to compile a service this size (bench/RESULTS.md, run 8).
IFS=, read -r -a WANTED <<<"$SCENARIOS"
if [[ "$JVM_WARMUP" -gt 0 ]]; then
  say "warming up the JVM: each scenario's load for ${JVM_WARMUP} s..."
  for s in "${WANTED[@]}"; do
    [[ -n "${AVAILABLE[$s]:-}" ]] || continue
    scenario "$s"
    env "${SCENARIO_ENV[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${JVM_WARMUP}s" -s "$BENCH_DIR/$SCENARIO_SCRIPT" "$BASE/" \
      >>"$LOG_DIR/wrk-jvm-warmup.txt" 2>&1 || say "JVM warm-up with $s failed (see $LOG_DIR/wrk-jvm-warmup.txt); going on"
  done
fi
say "load: wrk -t$THREADS -c$CONNECTIONS, warm-up until steady (${WARMUP}-${WARMUP_MAX} s), measured ${DURATION} s per scenario; logs in $LOG_DIR"
for s in "${WANTED[@]}"; do
  if [[ -z "${AVAILABLE[$s]:-}" ]]; then
    say "$s: ${WHY[$s]:-unknown scenario}"
    continue
  fi
  scenario "$s"
  run_wrk "$s" "$SCENARIO_KIND" "$SCENARIO_SCRIPT" "/" "${SCENARIO_ENV[@]}"
done
RSS_LOAD_MB=$((RSS_PEAK_KB / 1024))
RSS_PARTS=$(rss_parts "$LOG_DIR/smaps-peak.txt")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
stop_app

# The ceiling once more: a shared box's speed can drift by tens of per cent within a run (RESULTS.md, run 16),
# and the ratios are only as good as the ceiling they divide by. The report shows how far it moved.
after_ping="" after_insert="" drift_note=""
if [[ "$CEILING" == 1 && "${CEILING_AGAIN:-1}" == 1 && -n "$ceil_ping_rps" ]]; then
  say "running the ceiling again, to see whether the box's speed moved during the run..."
  read -r after_ping _ _ after_insert _ _ _ < <(run_ceiling "$LOG_DIR/ceiling-after") || true
  if [[ -n "$after_ping" ]]; then
    drift_note=$(awk -v p0="$ceil_ping_rps" -v p1="$after_ping" -v i0="$ceil_insert_rps" -v i1="$after_insert" 'BEGIN {
      dp = (p1 - p0) / p0 * 100; di = (i1 - i0) / i0 * 100
      printf "The ceiling again after the scenarios: ping %.0f req/s (%+.0f %%), insert %.0f req/s (%+.0f %%).", p1, dp, i1, di
      if (dp > 10 || dp < -10 || di > 10 || di < -10) printf " **The box moved by more than 10 %% during the run: the ratios carry that much error; re-run on a quiet box.**"
    }')
    say "$drift_note"
  fi
fi

# --- report --------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
declare -A TARGET_RPS=([create-war]=0.5 [get-war]=1.0 [check-automod-off]=0.7 [check-automod-on]=0.4)
declare -A TARGET_RPS_REF=([create-war]=insert [get-war]=insert [check-automod-off]=ping [check-automod-on]=ping)
CPU=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
MEM=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
JAVA_V=$("$BENCH_JAVA" -version 2>&1 | head -1)
{
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) CPUs ($CPU), $MEM RAM, $(uname -sr); $JAVA_V; PostgreSQL $PG_VERSION ($DB_MODE, autovacuum $AUTOVACUUM$([[ $AUTOVACUUM == off ]] && echo ': VACUUM ANALYZE before each scenario'))."
  echo "wrk -t$THREADS -c$CONNECTIONS, loopback, measured ${DURATION} s per scenario after a warm-up tour (each scenario's load for ${JVM_WARMUP} s) and a warm-up per scenario until steady (5 s steps until two agree within 5 %, ${WARMUP}-${WARMUP_MAX} s; the ceiling: ${CEILING_WARMUP} s); core-api JAVA_OPTS='${JAVA_OPTS:-}', $JAR_TYPE$([[ $AOT == 1 ]] && echo ", JDK AOT cache from the first start's training run ($AOT_CACHE_MIB MiB)")."
  echo "core-api commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')." \
       "Load average (1/5/15 min) before the run: $LOAD_BEFORE; after: $LOAD_AFTER (other work on the box shares the cores)."
  echo
  echo "| | req/s | p50 ms | p99 ms |"
  echo "|---|---:|---:|---:|"
  echo "| ceiling ping | ${ceil_ping_rps:-n/a} | ${ceil_ping_p50:-n/a} | ${ceil_ping_p99:-n/a} |"
  echo "| ceiling insert | ${ceil_insert_rps:-n/a} | ${ceil_insert_p50:-n/a} | ${ceil_insert_p99:-n/a} |"
  echo
  [[ -n "$drift_note" ]] && { echo "$drift_note"; echo; }
  echo "| scenario | req/s | p50 ms | p99 ms | kind | req/s ÷ ceiling | p99 ÷ ceiling p99 | issue target | met | in core-api: p50 / p99 ms ≤ | warm-up s | CPU % core-api / PostgreSQL / rest | note |"
  echo "|---|---:|---:|---:|---|---:|---:|---|---|---:|---:|---|---|"
  for s in "${WANTED[@]}"; do
    if [[ -z "${RPS[$s]:-}" ]]; then
      echo "| $s | | | | | | | | | | | | ${NOTE[$s]:-${WHY[$s]:-not run}} |"
      continue
    fi
    if [[ "${KIND[$s]}" == insert ]]; then ref_rps=$ceil_insert_rps ref_p99=$ceil_insert_p99; else ref_rps=$ceil_ping_rps ref_p99=$ceil_ping_p99; fi
    p99_ratio=$(ratio "${P99[$s]}" "$ref_p99")
    target="p99 ≤ 3×" met=$(awk -v r="$p99_ratio" 'BEGIN { print (r == "n/a") ? "?" : (r <= 3 ? "yes" : "no") }')
    if [[ -n "${TARGET_RPS[$s]:-}" ]]; then
      # the issue states each throughput target against one ceiling endpoint (get war: against insert)
      [[ "${TARGET_RPS_REF[$s]}" == insert ]] && t_ref=$ceil_insert_rps || t_ref=$ceil_ping_rps
      t_ratio=$(ratio "${RPS[$s]}" "$t_ref")
      target="≥ ${TARGET_RPS[$s]}× ${TARGET_RPS_REF[$s]} (is ${t_ratio}×), $target"
      met=$(awk -v r="$t_ratio" -v t="${TARGET_RPS[$s]}" -v m="$met" 'BEGIN { print (r == "n/a" || m == "?") ? "?" : ((r >= t && m == "yes") ? "yes" : "no") }')
    fi
    note="${NOTE[$s]:-}"
    [[ $s == mixed ]] && note="${note:+$note; }mix $MIX"
    [[ -n "${NOTE[$s]:-}" ]] && met="invalid"
    printf '| %s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s |\n' "$s" "${RPS[$s]}" "${P50[$s]}" "${P99[$s]}" "${KIND[$s]}" \
      "$(ratio "${RPS[$s]}" "$ref_rps")" "$p99_ratio" "$target" "$met" "${SERVER_P50[$s]}" "${SERVER_P99[$s]}" "${WARMED[$s]}" "${CPU_SPLIT[$s]}" "$note"
  done
  echo
  echo "Start-up to ready (/q/health/ready): ${READY_S} s on a migrated database (Quarkus says ${QUARKUS_S:-?} s);" \
       "${FIRST_READY_S} s on the first start, which runs the Flyway migrations. Target ≤ 3 s." \
       "${ceil_ready:+The ceiling, a handful of classes, was ready in ${ceil_ready} s in this run: core-api took $(ratio "$READY_S" "$ceil_ready")× as long.}"
  echo "RSS: $((RSS_IDLE_KB / 1024)) MiB idle after start, ${RSS_LOAD_MB} MiB ($((RSS_PEAK_KB * 1024 / 1000000)) MB) peak under load, of it $((RSS_PEAK_ANON_KB / 1024)) MiB anonymous" \
       "(heap, JIT, threads$([[ $AOT == 1 ]] && echo ", and the AOT cache's pages the JVM relocated"); the rest is file-backed: jars$([[ $AOT == 1 ]] && echo ', the AOT cache'), which the kernel can reclaim). Target ≤ 300 MB (286 MiB)."
  [[ -n "$RSS_PARTS" ]] && echo "RSS at that peak by mapping (/proc/PID/smaps): $RSS_PARTS."
} >"$RESULTS_FILE"

if [[ "${PROFILE:-0}" == 1 && -f "$LOG_DIR/core-api.jfr" ]]; then
  "$BENCH_DIR/profile-summary.sh" "$LOG_DIR/core-api.jfr" >"$LOG_DIR/profile.txt" 2>&1 || true
  say "JFR profile of the whole load phase: $LOG_DIR/core-api.jfr, summary in $LOG_DIR/profile.txt"
fi
[[ -n "$ASPROF_LIB" ]] && say "async-profiler, one per scenario's measured run: $LOG_DIR/profile-<scenario>.collapsed (flame-graph input), summaries in profile-<scenario>.txt"

echo
cat "$RESULTS_FILE"
echo
say "written to $RESULTS_FILE; logs in $LOG_DIR"
