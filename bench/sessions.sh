#!/usr/bin/env bash
# Benchmarks session-service on this machine, against loopback only, in about two minutes:
# memory at rest, the HTTP ceiling, single and batch heartbeat ingest, GET /concurrent-users with
# 1,000,000 active users, and memory under load. Prints a summary table; with --append, also adds
# it as a dated section to bench/RESULTS.md (which explains each figure).
#
#   bench/sessions.sh [--append]
#
# BENCH_JAVA_OPTS adds JVM options for a profiling run (e.g. -Xlog:gc or
# -XX:StartFlightRecording=...); figures of such a run are not for RESULTS.md.
#
# Needs Redis at 127.0.0.1:6379 and PostgreSQL at 127.0.0.1:5432 (crowdpulse/crowdpulse). The
# service gets its own key prefix, channel namespace and schema (cpbench, sessions_bench), all
# removed at the end. Installs wrk with apt-get if it is missing.
set -euo pipefail

usage() { sed -n '2,14s/^# \{0,1\}//p' "$0"; }
APPEND=false
case "${1:-}" in
  "") ;;
  --append) APPEND=true ;;
  -h | --help) usage; exit 0 ;;
  *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
esac
COMMAND="bench/sessions.sh${1:+ $1}"

cd "$(dirname "$0")/.."
ROOT=$PWD
LUA=$ROOT/bench/lua
JAR=session-service/target/quarkus-app/quarkus-run.jar
PREFIX=cpbench
SCHEMA=sessions_bench
export BENCH_INGEST_KEY=bench-ingest BENCH_VIEWER_KEY=bench-viewer
ADMIN_KEY=bench-admin
export PGPASSWORD=crowdpulse

# Targets (DESIGN.md: one machine serves about a million concurrent users).
HEARTBEAT_MIN_PCT=50      # single-heartbeat req/s, % of the HTTP ceiling
BATCH_MIN_EVENTS=100000   # events/s through POST /activity/batch
QUERY_MAX_P99_MS=5        # GET /concurrent-users p99 at 1,000,000 users
RSS_MAX_MIB=350           # max resident memory during the load steps
USERS=1000000

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- prerequisites --------------------------------------------------------------------------
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_session_prerequisites "$JAR"

WORK=$(mktemp -d /tmp/crowdpulse-bench.XXXXXX)
PID="" SAMPLER="" UNWRITTEN_SAMPLER=""

clean_data() {
  redis-cli --scan --pattern "$PREFIX*" | xargs -r -n 1000 redis-cli unlink >/dev/null
  PGOPTIONS='-c client_min_messages=warning' \
    psql -h 127.0.0.1 -U crowdpulse -d crowdpulse -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
}

cleanup() {
  local status=$?
  set +e
  [[ -n $SAMPLER ]] && kill "$SAMPLER" 2>/dev/null
  [[ -n $UNWRITTEN_SAMPLER ]] && kill "$UNWRITTEN_SAMPLER" 2>/dev/null
  if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
    echo "==> stopping session-service (pid $PID)"
    kill "$PID"
    for _ in $(seq 40); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$PID" 2>/dev/null && kill -9 "$PID"
  fi
  echo "==> removing the $PREFIX* Redis keys and schema $SCHEMA"
  clean_data
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- helpers --------------------------------------------------------------------------------
free_port() {
  local p
  for p in $(shuf -i 20000-40000 -n 100); do
    [[ -z $(ss -Htln "sport = :$p") ]] && { echo "$p"; return; }
  done
  die "no free port found"
}
rss_mib() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }                 # calc FORMAT EXPRESSION
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }        # 1234567 -> 1,234,567
proc_ticks() {                                               # CPU ticks (user + system) of a pid
  local stat f
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  read -r -a f <<<"${stat##*) }"                               # fields from 3 (state) on
  echo $((f[11] + f[12]))                                      # 14 utime, 15 stime
}
sys_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }  # busy idle
HZ=$(getconf CLK_TCK)
CORES=$(nproc)

# field STEP KEY: a value of the BENCH line that bench/lua/report.lua printed for that step
field() { sed -n "s/^BENCH.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.out"; }

# run_wrk STEP WRK-ARGS...: runs wrk, keeps its output, and records how the CPU was shared
# during it (in % of one core) between the service, Redis, wrk and everything else.
CPU_ROWS=""
run_wrk() {
  local step=$1 busy0 idle0 busy1 idle1 jvm0 redis0 t0 t1 wrk_cpu
  shift
  echo "    \$ wrk $*"
  read -r busy0 idle0 < <(sys_ticks)
  jvm0=$(proc_ticks "$PID") redis0=$(proc_ticks "$REDIS_PID") t0=$(date +%s.%N)
  local TIMEFORMAT='%U %S'
  if ! { time wrk "$@" >"$WORK/$step.out" 2>&1; } 2>"$WORK/$step.time"; then
    cat "$WORK/$step.out" >&2
    die "wrk failed in step $step"
  fi
  t1=$(date +%s.%N)
  read -r busy1 idle1 < <(sys_ticks)
  grep -q '^BENCH' "$WORK/$step.out" || { cat "$WORK/$step.out" >&2; die "no BENCH line from wrk in step $step"; }
  wrk_cpu=$(awk '{ print ($1 + $2) * '"$HZ"' }' "$WORK/$step.time")
  CPU_ROWS+=$(awk -v step="$step" -v wall="$(calc '%.3f' "$t1 - $t0")" -v hz="$HZ" -v cores="$CORES" \
    -v jvm="$(($(proc_ticks "$PID") - jvm0))" -v redis="$(($(proc_ticks "$REDIS_PID") - redis0))" \
    -v wrk="$wrk_cpu" -v busy="$((busy1 - busy0))" -v idle="$((idle1 - idle0))" 'BEGIN {
      pct = 100 / (wall * hz); other = busy - jvm - redis - wrk; if (other < 0) other = 0
      printf "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |\n", step, wall, jvm * pct, redis * pct,
        wrk * pct, other * pct, idle * pct }')$'\n'
}

# metric NAME: a value of the service's /q/metrics, rounded
metric() { curl -sf "$BASE/q/metrics" | awk -v m="$1" '$1 == m { printf "%.0f", $2 }'; }

concurrent_users() {
  curl -sf -H "Authorization: Bearer $BENCH_VIEWER_KEY" "$BASE/api/v1/concurrent-users" \
    | sed -n 's/.*"concurrentUsers":\([0-9]*\).*/\1/p'
}

# verdict MEASURED TARGET ge|le: "met"/"MISSED" and how far from the target
verdict() {
  awk -v m="$1" -v t="$2" -v op="$3" 'BEGIN {
    ok = (op == "ge") ? m >= t : m <= t
    printf "%s (%.0f %% of %s)", ok ? "met" : "MISSED", 100 * m / t, op == "ge" ? "target" : "budget" }'
}

# How busy the machine is without us: other work on these few cores skews every figure.
read -r busy0 idle0 < <(sys_ticks); sleep 2; read -r busy1 idle1 < <(sys_ticks)
BUSY_BEFORE=$(calc '%.0f' "100 * $CORES * ($busy1 - $busy0) / ($busy1 - $busy0 + $idle1 - $idle0)")
say "CPU already in use by other processes: $BUSY_BEFORE % of one core (of $((CORES * 100)) %)"
((BUSY_BEFORE < 20)) || echo "    WARNING: the machine is busy; the figures will be low and noisy" >&2

# --- the service ----------------------------------------------------------------------------
# It runs from a copy, so that a rebuild of the jar meanwhile cannot change it under the JVM. The heap
# is sized as for production (256 MiB: users live in Redis, not in the heap); with 512 MiB the JVM grows
# its heap under the batch step and RSS rises to ~360 MiB without any gain in throughput (2026-12-01).
cp -r session-service/target/quarkus-app "$WORK/app"
JAR_BUILT=$(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC')
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
REDIS_PID=$(redis-cli info server | sed -n 's/^process_id:\([0-9]*\).*/\1/p')

say "cleaning old $PREFIX* keys and schema $SCHEMA"
clean_data
redis_mib() { redis-cli info memory | awk -F: '/^used_memory:/ { printf "%.0f", $2 / 1048576 }'; }
REDIS_MIB_BEFORE=$(redis_mib)
say "starting session-service on 127.0.0.1:$PORT (log: $WORK/service.log)"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
java -Xmx256m ${BENCH_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
  -Dcrowdpulse.security.ingest-keys="$BENCH_INGEST_KEY" \
  -Dcrowdpulse.security.viewer-keys="$BENCH_VIEWER_KEY" \
  -Dcrowdpulse.security.admin-keys="$ADMIN_KEY" \
  -Dcrowdpulse.sessions.key-prefix=$PREFIX -Dcrowdpulse.events.namespace=$PREFIX \
  -Dcrowdpulse.db.schema=$SCHEMA \
  -jar "$WORK/app/quarkus-run.jar" >"$WORK/service.log" 2>&1 &
PID=$!
for _ in $(seq 120); do
  kill -0 "$PID" 2>/dev/null || { tail -30 "$WORK/service.log" >&2; die "session-service exited at startup"; }
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready") == 200 ]] && break
  sleep 0.5
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready") == 200 ]] \
  || { tail -30 "$WORK/service.log" >&2; die "session-service not ready after 60 s"; }
echo "    ready (pid $PID)"

# 1. RSS at rest
say "1. RSS at rest (VmRSS, 3 s after ready)"
sleep 3
RSS_REST=$(rss_mib "$PID")
echo "    $RSS_REST MiB"

# Warm-up, not measured: a freshly started JVM serves a fraction of its later rate until the JIT
# has compiled the hot paths; without it the ceiling and step 3 would measure the JIT. 15 s each:
# on a slower machine (2026-12-01, second session) C2 was still compiling after 10 s, and the
# ceiling kept rising from one 5 s round to the next for 30 s.
say "warm-up (not measured): 15 s of /q/health/live, 15 s of single heartbeats"
run_wrk warmup-live -t2 -c64 -d15s -s "$LUA/report.lua" "$BASE/q/health/live"
run_wrk warmup-heartbeat -t2 -c64 -d15s -s "$LUA/heartbeat.lua" "$BASE"
CPU_ROWS=""

# 2. HTTP ceiling
say "2. HTTP ceiling: GET /q/health/live"
run_wrk ceiling -t2 -c64 -d15s --latency -s "$LUA/report.lua" "$BASE/q/health/live"
CEIL_RPS=$(calc '%.0f' "$(field ceiling ok) / $(field ceiling seconds)")
echo "    $(commas "$CEIL_RPS") req/s, p50 $(field ceiling p50_ms) ms, p99 $(field ceiling p99_ms) ms"

# RSS under load: sampled every 0.5 s from here to the end of step 5.
( while RSS=$(rss_mib "$PID" 2>/dev/null); do echo "$RSS"; sleep 0.5; done ) >"$WORK/rss" &
SAMPLER=$!

# 3. Single heartbeats
sleep 2
say "3. single heartbeats: POST /api/v1/activity (100,000 users, 200 organizations, 10 modules)"
( while kill -0 "$PID" 2>/dev/null; do metric crowdpulse_ingest_unwritten; echo; sleep 0.5; done ) >"$WORK/unwritten" &
UNWRITTEN_SAMPLER=$!
run_wrk heartbeat -t2 -c64 -d15s --latency -s "$LUA/heartbeat.lua" "$BASE"
kill "$UNWRITTEN_SAMPLER"
wait "$UNWRITTEN_SAMPLER" 2>/dev/null || true
UNWRITTEN_SAMPLER=""
UNWRITTEN_MAX=$(sort -n "$WORK/unwritten" | tail -1)
HB_RPS=$(calc '%.0f' "$(field heartbeat ok) / $(field heartbeat seconds)")
HB_PCT=$(calc '%.0f' "100 * $HB_RPS / $CEIL_RPS")
echo "    $(commas "$HB_RPS") req/s = $HB_PCT % of ceiling, p50 $(field heartbeat p50_ms) ms," \
  "p99 $(field heartbeat p99_ms) ms, non-2xx $(field heartbeat non2xx) ($(field heartbeat codes))"
# A single heartbeat is answered once queued for the next write: every one answered must reach Redis.
t0=$(date +%s.%N)
for _ in $(seq 100); do [[ $(metric crowdpulse_ingest_unwritten) == 0 ]] && break; sleep 0.1; done
[[ $(metric crowdpulse_ingest_unwritten) == 0 ]] || die "answered heartbeats still unwritten 10 s after step 3"
DRAIN_S=$(calc '%.1f' "$(date +%s.%N) - $t0")
FAILED_WRITES=$(metric crowdpulse_ingest_failed_writes_total)
echo "    at most $(commas "$UNWRITTEN_MAX") answered and not yet written (sampled every 0.5 s); all written" \
  "$DRAIN_S s after the step; $FAILED_WRITES failed writes"

# 4. Batches of 1000
sleep 2
say "4. batch ingest: POST /api/v1/activity/batch, 1000 heartbeats each (100,000 users)"
run_wrk batch -t2 -c16 -d15s --latency --timeout 10s -s "$LUA/batch.lua" "$BASE"
BATCH_RPS=$(calc '%.1f' "$(field batch ok) / $(field batch seconds)")
BATCH_EPS=$(calc '%.0f' "$BATCH_RPS * 1000")
echo "    $BATCH_RPS batches/s = $(commas "$BATCH_EPS") events/s, per batch p50 $(field batch p50_ms) ms," \
  "p99 $(field batch p99_ms) ms, non-2xx $(field batch non2xx) ($(field batch codes))"

# 5. 1,000,000 active users, then GET /concurrent-users
sleep 2
BEFORE=$(concurrent_users)
say "5. loading $(commas $USERS) distinct users bu-0 … bu-999999 (1000 batches of 1000; $(commas "$BEFORE") users active from steps 3-4)"
run_wrk load -t1 -c8 -d60s --timeout 10s -s "$LUA/load.lua" "$BASE"
LOAD_S=$(field load seconds)
LOADED=$(field load accepted)
LOAD_EPS=$(calc '%.0f' "$LOADED / $LOAD_S")
AFTER=$(concurrent_users)
REDIS_MIB_LOADED=$(redis_mib)
echo "    $(commas "$LOADED") accepted in $LOAD_S s ($(commas "$LOAD_EPS") events/s), non-2xx $(field load non2xx);" \
  "concurrentUsers now $(commas "$AFTER")"
VALID=true
if ((LOADED < USERS || AFTER < USERS)); then
  VALID=false
  echo "    WARNING: fewer than $(commas $USERS) users are active: the query figures below are not at 1M users" >&2
fi
say "5. GET /api/v1/concurrent-users with $(commas "$AFTER") active users"
run_wrk query -t2 -c16 -d10s --latency -s "$LUA/concurrent.lua" "$BASE"
QUERY_RPS=$(calc '%.0f' "$(field query ok) / $(field query seconds)")
AT_END=$(concurrent_users)
echo "    p50 $(field query p50_ms) ms, p99 $(field query p99_ms) ms, $(commas "$QUERY_RPS") req/s," \
  "non-2xx $(field query non2xx); concurrentUsers after it $(commas "$AT_END")"
((AT_END >= USERS)) || VALID=false

# 6. RSS under load
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=""
RSS_MAX=$(sort -n "$WORK/rss" | tail -1)
say "6. max RSS during steps 3-5: $RSS_MAX MiB ($(wc -l <"$WORK/rss") samples)"

# --- summary --------------------------------------------------------------------------------
non2xx() { local n; n=$(field "$1" non2xx); [[ $n == 0 ]] && echo "0 non-2xx" || echo "**$n non-2xx** ($(field "$1" codes))"; }
CPU_TABLE=${CPU_ROWS%$'\n'}
USERS_NOTE=$([[ $VALID == true ]] && echo "" || echo " — **not at 1M users, not valid**")
TABLE=$(cat <<EOF
| # | figure | measured | target | verdict |
|---|---|---|---|---|
| 1 | RSS at rest | $RSS_REST MiB | — | — |
| 2 | HTTP ceiling, GET /q/health/live (c64) | $(commas "$CEIL_RPS") req/s; p50 $(field ceiling p50_ms) ms, p99 $(field ceiling p99_ms) ms; $(non2xx ceiling) | reference | — |
| 3 | single heartbeat, POST /activity (c64) | $(commas "$HB_RPS") req/s = **$HB_PCT % of ceiling**; p50 $(field heartbeat p50_ms) ms, p99 $(field heartbeat p99_ms) ms; $(non2xx heartbeat); at most $(commas "$UNWRITTEN_MAX") answered and unwritten, all written $DRAIN_S s after, $FAILED_WRITES failed writes | ≥ $HEARTBEAT_MIN_PCT % of ceiling | $(verdict "$HB_PCT" "$HEARTBEAT_MIN_PCT" ge) |
| 4 | batch ingest, POST /activity/batch ×1000 (c16) | $BATCH_RPS batches/s = **$(commas "$BATCH_EPS") events/s**; per batch p50 $(field batch p50_ms) ms, p99 $(field batch p99_ms) ms; $(non2xx batch) | ≥ $(commas $BATCH_MIN_EVENTS) events/s | $(verdict "$BATCH_EPS" "$BATCH_MIN_EVENTS" ge) |
| 5a | load $(commas $USERS) distinct users (c8) | $(commas "$LOADED") in $LOAD_S s = $(commas "$LOAD_EPS") events/s; $(non2xx load); concurrentUsers $(commas "$AFTER") (of which ≤ $(commas "$BEFORE") from steps 3–4) | all within the 60 s window | $( ((AFTER >= USERS)) && echo met || echo MISSED) |
| 5b | GET /concurrent-users at $(commas "$AFTER") users (c16) | p50 $(field query p50_ms) ms, **p99 $(field query p99_ms) ms**; $(commas "$QUERY_RPS") req/s; $(non2xx query)$USERS_NOTE | p99 ≤ $QUERY_MAX_P99_MS ms | $(verdict "$(field query p99_ms)" "$QUERY_MAX_P99_MS" le) |
| 6 | max RSS during steps 3–5 | **$RSS_MAX MiB** | ≤ $RSS_MAX_MIB MiB | $(verdict "$RSS_MAX" "$RSS_MAX_MIB" le) |
| 7 | Redis memory after step 5a (used_memory, less what it held before the run) | $((REDIS_MIB_LOADED - REDIS_MIB_BEFORE)) MiB for $(commas "$AFTER") users | — | — |

CPU during each step, in % of one core ($CORES cores = $((CORES * 100)) %); "other" is everything
else on the machine (builds, tests, other services) and should be near 0 for clean figures:

| step | seconds | session-service | Redis | wrk | other | idle |
|---|---|---|---|---|---|---|
$CPU_TABLE
EOF
)
say "summary"
echo
echo "$TABLE"

if [[ $APPEND == true ]]; then
  DIRTY=$(git status --porcelain -- common session-service | head -1)
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- command: \`$COMMAND\`"
    echo "- machine: $(uname -srm), $(nproc) cores, $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "- java: $(java -version 2>&1 | head -1)"
    echo "- CPU in use by other processes just before the run: $BUSY_BEFORE % of one core"
    echo "- commit: $(git rev-parse --short HEAD)${DIRTY:+ (plus uncommitted changes in common/ or session-service/)}; jar built $JAR_BUILT"
    echo
    echo "$TABLE"
  } >>bench/RESULTS.md
  say "appended to bench/RESULTS.md"
fi
[[ $VALID == true ]]
