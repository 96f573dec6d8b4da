#!/usr/bin/env bash
# Overload protection of session-service, on this machine, against loopback only, in about four
# minutes: the service is driven at 3.5 times the load it sustains, once with the adaptive limiter
# (the default) and once without it (a second start with crowdpulse.limiter.enabled=false), and
# goodput and latency of the admitted requests are compared with the same service's unloaded p99 and
# peak throughput, measured in the same run. Also measures what the limiter costs a single heartbeat.
# Prints a summary table; with --append, also adds it as a dated section to bench/RESULTS.md.
#
#   bench/overload.sh [--append] [--seconds N]     (N: length of each overload phase, default 30)
#
# The route under load is the long-range history query, GET /api/v1/concurrent-users/peak?from=24h:
# it reads 1,440 per-minute rollups from PostgreSQL through the pool of 8 connections, on worker
# threads, so the service's capacity is bounded by something shedding cannot make faster, and a
# shed request (a 503 written on the event loop) costs a small fraction of an admitted one. Load is
# open-loop: hey with -q (requests per second per worker) and enough workers that the offered rate
# is kept while admitted requests are slow. Degraded mode is off in both starts: it would answer
# these very queries 503 at once after 10 s of overload (by design), and this measures the limiter.
#
# Needs Redis at 127.0.0.1:6379 and PostgreSQL at 127.0.0.1:5432 (crowdpulse/crowdpulse). The
# service gets its own key prefix, channel namespace and schema (cpoverload, sessions_overload),
# all removed at the end. Installs wrk and hey with apt-get if they are missing.
set -euo pipefail

usage() { sed -n '2,21s/^# \{0,1\}//p' "$0"; }
COMMAND="bench/overload.sh${*:+ $*}"
APPEND=false
SECONDS_PER_PHASE=30
while (($#)); do
  case "$1" in
    --append) APPEND=true ;;
    --seconds) SECONDS_PER_PHASE=${2:?--seconds needs a number}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

cd "$(dirname "$0")/.."
ROOT=$PWD
LUA=$ROOT/bench/lua
JAR=session-service/target/quarkus-app/quarkus-run.jar
PREFIX=cpoverload
SCHEMA=sessions_overload
export BENCH_INGEST_KEY=overload-ingest BENCH_VIEWER_KEY=overload-viewer
ADMIN_KEY=overload-admin
export PGPASSWORD=crowdpulse
QUERY_PATH="/api/v1/concurrent-users/peak?from=24h"
OVERLOAD_FACTOR=3.5
WORKERS=1000               # hey workers during overload: enough to keep the rate while requests queue

# Targets (issue 5): with the limiter, goodput >= 90 % of peak and admitted p99 <= 3 x unloaded p99.
GOODPUT_MIN_PCT=90
P99_MAX_FACTOR=3

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- prerequisites --------------------------------------------------------------------------
for tool in wrk hey; do
  if ! command -v "$tool" >/dev/null; then
    say "$tool is missing: installing it with apt-get (apt-get update && apt-get install -y $tool)"
    apt-get update -q && apt-get install -y -q "$tool"
  fi
done
for tool in java curl redis-cli psql ss awk sort; do
  command -v "$tool" >/dev/null || die "$tool is needed"
done
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || die "Redis is not reachable at 127.0.0.1:6379"
psql -h 127.0.0.1 -U crowdpulse -d crowdpulse -qAtc 'select 1' >/dev/null 2>&1 \
  || die "PostgreSQL is not reachable at 127.0.0.1:5432 (database/user/password crowdpulse)"
if [[ ! -f $JAR ]]; then
  say "$JAR is missing: building it (./mvnw -B -q -pl common,session-service install -DskipTests)"
  ./mvnw -B -q -pl common,session-service install -DskipTests
fi

WORK=$(mktemp -d /tmp/crowdpulse-overload.XXXXXX)
PID=""

clean_data() {
  redis-cli --scan --pattern "$PREFIX*" | xargs -r -n 1000 redis-cli unlink >/dev/null
  PGOPTIONS='-c client_min_messages=warning' \
    psql -h 127.0.0.1 -U crowdpulse -d crowdpulse -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
}

stop_service() {
  if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
    echo "==> stopping session-service (pid $PID)"
    kill "$PID"
    for _ in $(seq 40); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$PID" 2>/dev/null && kill -9 "$PID"
  fi
  PID=""
}

cleanup() {
  local status=$?
  set +e
  stop_service
  echo "==> removing the $PREFIX* Redis keys and schema $SCHEMA"
  clean_data
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  local p
  for p in $(shuf -i 20000-40000 -n 100); do
    [[ -z $(ss -Htln "sport = :$p") ]] && { echo "$p"; return; }
  done
  die "no free port found"
}
calc() { awk "BEGIN { printf \"$1\", $2 }"; }                 # calc FORMAT EXPRESSION
sys_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }  # busy idle
CORES=$(nproc)

# start_service NAME JAVA-OPTS...: starts session-service on a free port and waits until it is ready.
start_service() {
  local name=$1
  shift
  PORT=$(free_port)
  BASE=http://127.0.0.1:$PORT
  say "starting session-service ($name) on 127.0.0.1:$PORT (log: $WORK/$name.log)"
  echo "    java $* -jar quarkus-run.jar"
  java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -Dcrowdpulse.security.ingest-keys="$BENCH_INGEST_KEY" \
    -Dcrowdpulse.security.viewer-keys="$BENCH_VIEWER_KEY" \
    -Dcrowdpulse.security.admin-keys="$ADMIN_KEY" \
    -Dcrowdpulse.sessions.key-prefix=$PREFIX -Dcrowdpulse.events.namespace=$PREFIX \
    -Dcrowdpulse.db.schema=$SCHEMA -Dcrowdpulse.degraded.enabled=false "$@" \
    -jar "$WORK/app/quarkus-run.jar" >"$WORK/$name.log" 2>&1 &
  PID=$!
  for _ in $(seq 120); do
    kill -0 "$PID" 2>/dev/null || { tail -30 "$WORK/$name.log" >&2; die "session-service exited at startup"; }
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready") == 200 ]] && break
    sleep 0.5
  done
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready") == 200 ]] \
    || { tail -30 "$WORK/$name.log" >&2; die "session-service not ready after 60 s"; }
  echo "    ready (pid $PID)"
}

# One row per minute of the last 24 h, so the query reads 1,440 rollups from PostgreSQL. The
# previous month's partition is created the way the service names it, for runs early in a month.
seed_rollups() {
  local prev this
  prev=$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m-01)
  this=$(date -u +%Y-%m-01)
  PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U crowdpulse -d crowdpulse -q -v ON_ERROR_STOP=1 <<SQL
SET search_path TO $SCHEMA;
CREATE TABLE IF NOT EXISTS concurrency_rollups_$(date -u -d "$prev" +%Y_%m) PARTITION OF concurrency_rollups
  FOR VALUES FROM ('$prev 00:00:00+00') TO ('$this 00:00:00+00');
INSERT INTO concurrency_rollups (scope, scope_id, minute, min_users, avg_users, max_users, covered_seconds, samples)
SELECT 'all', '*', m, 900 + (i % 50), 1000 + (i % 100), 1100 + (i % 200), 60, 60
FROM (SELECT date_trunc('minute', now()) - make_interval(mins => i) AS m, i FROM generate_series(1, 1440) AS i) AS t
ON CONFLICT DO NOTHING;
SQL
}

# run_hey STEP HEY-ARGS...: hey with one CSV row per request (seconds, …, status, offset) in STEP.csv.
run_hey() {
  local step=$1
  shift
  echo "    \$ hey $* -H 'X-API-Key: …' '$BASE$QUERY_PATH'"
  hey "$@" -o csv -H "X-API-Key: $BENCH_VIEWER_KEY" "$BASE$QUERY_PATH" >"$WORK/$step.csv" 2>"$WORK/$step.err" \
    || { cat "$WORK/$step.err" >&2; die "hey failed in step $step"; }
}

# stats STEP SECONDS: "ok shed other goodput p50_ms p99_ms" of a hey CSV; latency of 200s only.
stats() {
  awk -F, -v secs="$2" 'NR > 1 && $7 != "" {
      if ($7 == 200) { ok++; print $1 * 1000 > "/dev/stderr" } else if ($7 == 503) shed++; else other++ }
    END { printf "%d %d %d %.1f", ok, shed, other, ok / secs }' "$WORK/$1.csv" 2>"$WORK/$1.ok-ms"
  sort -g "$WORK/$1.ok-ms" | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print " - -"; exit }
    i50 = int(0.50 * NR + 0.5); i99 = int(0.99 * NR + 0.5); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
    printf " %.1f %.1f\n", v[i50], v[i99] }'
}

# run_wrk STEP WRK-ARGS...: wrk with bench/lua's BENCH summary line in STEP.out.
run_wrk() {
  local step=$1
  shift
  echo "    \$ wrk $*"
  wrk "$@" >"$WORK/$step.out" 2>&1 || { cat "$WORK/$step.out" >&2; die "wrk failed in step $step"; }
}
field() { sed -n "s/^BENCH.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.out"; }

cpu_during() {  # cpu_during COMMAND...: runs it, then prints the machine's busy % of all cores
  local b0 i0 b1 i1
  read -r b0 i0 < <(sys_ticks)
  "$@"
  read -r b1 i1 < <(sys_ticks)
  CPU_BUSY=$(calc '%.0f' "100 * ($b1 - $b0) / ($b1 - $b0 + $i1 - $i0)")
}

read -r busy0 idle0 < <(sys_ticks); sleep 2; read -r busy1 idle1 < <(sys_ticks)
BUSY_BEFORE=$(calc '%.0f' "100 * $CORES * ($busy1 - $busy0) / ($busy1 - $busy0 + $idle1 - $idle0)")
say "CPU already in use by other processes: $BUSY_BEFORE % of one core (of $((CORES * 100)) %)"
((BUSY_BEFORE < 20)) || echo "    WARNING: the machine is busy; the figures will be low and noisy" >&2

cp -r session-service/target/quarkus-app "$WORK/app"
JAR_BUILT=$(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC')
say "cleaning old $PREFIX* keys and schema $SCHEMA"
clean_data

# --- run 1: with the limiter (the default) ----------------------------------------------------
start_service limiter
say "seeding 1,440 per-minute rollups (the last 24 h) into $SCHEMA.concurrency_rollups"
seed_rollups
SOURCE=$(curl -sf -H "X-API-Key: $BENCH_VIEWER_KEY" "$BASE$QUERY_PATH" | sed -n 's/.*"source":"\([a-z]*\)".*/\1/p')
[[ $SOURCE == rollups ]] || die "the query did not read the rollups (source: ${SOURCE:-none})"

warm_up() {
  say "warm-up (not measured): 10 s of the query (c16), 5 s of single heartbeats (c64)"
  run_hey warmup -z 10s -c 16
  run_wrk warmup-hb -t2 -c64 -d5s -s "$LUA/heartbeat.lua" "$BASE"
}
warm_up

say "1. unloaded latency: one client, 50 queries/s, 15 s"
run_hey unloaded -z 15s -c 1 -q 50
read -r U_OK U_SHED U_OTHER U_RPS U_P50 U_P99 < <(stats unloaded 15)
echo "    p50 $U_P50 ms, p99 $U_P99 ms ($U_OK ok, $U_SHED shed, $U_OTHER other)"

say "2. peak throughput: 16 clients back to back (2 per pooled connection), 15 s"
run_hey peak -z 15s -c 16
read -r P_OK P_SHED P_OTHER P_RPS P_P50 P_P99 < <(stats peak 15)
echo "    $P_RPS req/s, p50 $P_P50 ms, p99 $P_P99 ms ($P_SHED shed, $P_OTHER other)"

RATE=$(calc '%.0f' "$P_RPS * $OVERLOAD_FACTOR")
PER_WORKER=$(calc '%.2f' "$RATE / $WORKERS")
[[ $(calc '%d' "$PER_WORKER * 100") -ge 1 ]] || die "peak too low to derive an overload rate ($P_RPS req/s)"

say "3. heartbeat cost of the limiter: POST /api/v1/activity, c64, 10 s (limiter on)"
run_wrk hb-limiter -t2 -c64 -d10s --latency -s "$LUA/heartbeat.lua" "$BASE"
HB_ON_RPS=$(calc '%.0f' "$(field hb-limiter ok) / $(field hb-limiter seconds)")
echo "    $HB_ON_RPS req/s, p50 $(field hb-limiter p50_ms) ms, p99 $(field hb-limiter p99_ms) ms"

say "4. overload with the limiter: $RATE queries/s offered (${OVERLOAD_FACTOR} x peak; $WORKERS workers x $PER_WORKER/s), ${SECONDS_PER_PHASE} s"
cpu_during run_hey over-limiter -z "${SECONDS_PER_PHASE}s" -c "$WORKERS" -q "$PER_WORKER" -t 10
L_CPU=$CPU_BUSY
read -r L_OK L_SHED L_OTHER L_RPS L_P50 L_P99 < <(stats over-limiter "$SECONDS_PER_PHASE")
L_SENT=$((L_OK + L_SHED + L_OTHER))
echo "    goodput $L_RPS req/s; admitted p50 $L_P50 ms, p99 $L_P99 ms; $L_SHED shed (503), $L_OTHER other; CPU $L_CPU %"
L_CONC=$(curl -sf -H "X-API-Key: $ADMIN_KEY" "$BASE/api/v1/concurrency")
L_LIMIT=$(sed -n 's/.*"limiter":{[^}]*"limit":\([0-9]*\).*/\1/p' <<<"$L_CONC")
stop_service

# --- run 2: without the limiter -------------------------------------------------------------
start_service no-limiter -Dcrowdpulse.limiter.enabled=false
warm_up
say "5. heartbeat without the limiter: POST /api/v1/activity, c64, 10 s"
run_wrk hb-none -t2 -c64 -d10s --latency -s "$LUA/heartbeat.lua" "$BASE"
HB_OFF_RPS=$(calc '%.0f' "$(field hb-none ok) / $(field hb-none seconds)")
echo "    $HB_OFF_RPS req/s, p50 $(field hb-none p50_ms) ms, p99 $(field hb-none p99_ms) ms"

say "6. overload without the limiter: the same $RATE queries/s offered, ${SECONDS_PER_PHASE} s"
cpu_during run_hey over-none -z "${SECONDS_PER_PHASE}s" -c "$WORKERS" -q "$PER_WORKER" -t 10
N_CPU=$CPU_BUSY
read -r N_OK N_SHED N_OTHER N_RPS N_P50 N_P99 < <(stats over-none "$SECONDS_PER_PHASE")
N_SENT=$((N_OK + N_SHED + N_OTHER))
N_ERRORS=$(grep -c . "$WORK/over-none.err" || true)
echo "    goodput $N_RPS req/s; admitted p50 $N_P50 ms, p99 $N_P99 ms; $N_SHED 503, $N_OTHER other; CPU $N_CPU %"
stop_service

# --- summary --------------------------------------------------------------------------------
pct() { calc '%.0f' "100 * $1 / $2"; }
verdict() { awk -v m="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "ge") ? m >= t : m <= t; print ok ? "met" : "MISSED" }'; }
L_GOOD_PCT=$(pct "$L_RPS" "$P_RPS")
N_GOOD_PCT=$(pct "$N_RPS" "$P_RPS")
L_P99_X=$(calc '%.1f' "$L_P99 / $U_P99")
N_P99_X=$([[ $N_P99 == - ]] && echo "-" || calc '%.1f' "$N_P99 / $U_P99")
HB_COST=$(calc '%.1f' "100 * ($HB_OFF_RPS - $HB_ON_RPS) / $HB_OFF_RPS")
TABLE=$(cat <<EOF
Route under load: \`GET $QUERY_PATH\` (1,440 rollups from PostgreSQL, pool of 8). Overload: open loop,
hey -c $WORKERS -q $PER_WORKER = $RATE requests/s offered (${OVERLOAD_FACTOR} × peak) for ${SECONDS_PER_PHASE} s, timeout 10 s.

| figure | with limiter (Gradient2, default settings) | without limiter | target (with limiter) | verdict |
|---|---|---|---|---|
| unloaded p50 / p99 (1 client, 50/s) | $U_P50 / **$U_P99 ms** | (same service) | reference | — |
| peak throughput (16 clients, closed loop) | **$P_RPS req/s** (p99 $P_P99 ms) | (same service) | reference | — |
| requests sent during overload | $L_SENT | $N_SENT | — | — |
| goodput (200s per second) | **$L_RPS req/s = $L_GOOD_PCT % of peak** | $N_RPS req/s = $N_GOOD_PCT % of peak | ≥ $GOODPUT_MIN_PCT % of peak | $(verdict "$L_GOOD_PCT" "$GOODPUT_MIN_PCT" ge) |
| admitted p50 / p99 | $L_P50 / **$L_P99 ms = $L_P99_X × unloaded p99** | $N_P50 / $N_P99 ms = $N_P99_X × unloaded p99 | p99 ≤ $P99_MAX_FACTOR × unloaded p99 | $(verdict "$L_P99_X" "$P99_MAX_FACTOR" le) |
| shed (503 with Retry-After) / other failures | $L_SHED / $L_OTHER | $N_SHED / $N_OTHER (client errors logged: $N_ERRORS) | — | — |
| concurrency limit at the end | ${L_LIMIT:-?} | — | — | — |
| machine CPU busy during overload | $L_CPU % of $CORES cores | $N_CPU % | — | — |
| single heartbeat, POST /activity (wrk c64, 10 s) | $HB_ON_RPS req/s, p99 $(field hb-limiter p99_ms) ms | $HB_OFF_RPS req/s, p99 $(field hb-none p99_ms) ms | limiter cost small | cost $HB_COST % |
EOF
)
say "summary"
echo
echo "$TABLE"

if [[ $APPEND == true ]]; then
  DIRTY=$(git status --porcelain -- common session-service | head -1)
  {
    echo
    echo "## Overload protection, session-service ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo
    echo "- command: \`$COMMAND\` (under \`cp-bench\`, alone on the machine)"
    echo "- machine: $(uname -srm), $(nproc) cores, $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "- java: $(java -version 2>&1 | head -1)"
    echo "- CPU in use by other processes just before the run: $BUSY_BEFORE % of one core"
    echo "- commit: $(git rev-parse --short HEAD)${DIRTY:+ (plus uncommitted changes in common/ or session-service/)}; jar built $JAR_BUILT"
    echo
    echo "$TABLE"
  } >>bench/RESULTS.md
  say "appended to bench/RESULTS.md"
fi
