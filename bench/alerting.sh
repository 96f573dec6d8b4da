#!/usr/bin/env bash
# Breach-to-alert latency, on this machine, loopback only, in about three minutes: alerting-service with
# 1,000 rules and 500 series per snapshot (from publishing the breaching snapshot to its firing event on
# Redis), then the same breach through Prometheus and Alertmanager from Debian's packages (from flipping
# the scraped gauge to Alertmanager holding the alert). Prints a summary table; with --append, also adds
# it as a dated section to bench/RESULTS.md.
#
#   bench/alerting.sh [--append]
#
# Needs Redis at 127.0.0.1:6379 and PostgreSQL at 127.0.0.1:5432 (crowdpulse/crowdpulse). The service gets
# its own channel namespace, key prefix and schema (cpbench, cabench, alerting_bench), removed at the end.
# Installs prometheus and prometheus-alertmanager with apt-get if they are missing.
set -euo pipefail

usage() { sed -n '2,12s/^# \{0,1\}//p' "$0"; }
APPEND=false
case "${1:-}" in
  "") ;;
  --append) APPEND=true ;;
  -h | --help) usage; exit 0 ;;
  *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
esac
COMMAND="bench/alerting.sh${1:+ $1}"

cd "$(dirname "$0")/.."
HERE=$PWD/bench/alerting
JAR=alerting-service/target/quarkus-app/quarkus-run.jar
NAMESPACE=cpbench
KEY_PREFIX=cabench
SCHEMA=alerting_bench
export PGPASSWORD=crowdpulse

SERIES=500           # series per snapshot; two rules each, so 1,000 rules
INTERVAL_MS=150      # one snapshot every 150 ms
WARMUP=20            # breaches not measured (a fresh JVM runs at a fraction of its later speed)
BREACHES=100         # measured breaches through alerting-service
PROM_RUNS=20         # measured breaches through Prometheus + Alertmanager (about 2 s each)
TARGET_P99_MS=100

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- prerequisites --------------------------------------------------------------------------
missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null || missing+=(prometheus-alertmanager)
if ((${#missing[@]})); then
  say "${missing[*]} missing: installing with apt-get (apt-get update && apt-get install -y ${missing[*]})"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
for tool in java curl redis-cli psql ss awk promtool; do
  command -v "$tool" >/dev/null || die "$tool is needed"
done
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_infra
if [[ ! -f $JAR ]]; then
  say "$JAR is missing: building it (./mvnw -B -q -pl alerting-service -am install -DskipTests)"
  ./mvnw -B -q -pl alerting-service -am install -DskipTests
fi

WORK=$(mktemp -d /tmp/crowdpulse-alerting-bench.XXXXXX)
PIDS=()             # every process this script starts, stopped by PID at exit
declare -A NAME_OF  # and what it is
track() { PIDS+=("$1"); NAME_OF[$1]=$2; }   # track PID NAME

clean_data() {
  redis-cli --scan --pattern "$KEY_PREFIX*" | xargs -r -n 1000 redis-cli unlink >/dev/null
  PGOPTIONS='-c client_min_messages=warning' \
    psql -h 127.0.0.1 -U crowdpulse -d crowdpulse -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
}

stop() {   # stop PID NAME: TERM, up to 20 s, then KILL
  kill -0 "$1" 2>/dev/null || return 0
  echo "==> stopping $2 (pid $1)"
  kill "$1" 2>/dev/null
  for _ in $(seq 40); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$1" 2>/dev/null
}

cleanup() {
  local status=$? pid
  set +e
  for pid in "${PIDS[@]}"; do stop "$pid" "${NAME_OF[$pid]}"; done
  echo "==> removing the $KEY_PREFIX* Redis keys and schema $SCHEMA"
  clean_data
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- helpers --------------------------------------------------------------------------------
free_ports() {   # free_ports N: N distinct loopback ports nothing listens on
  local p found=()
  for p in $(shuf -i 20000-40000 -n 200); do
    [[ -z $(ss -Htln "sport = :$p") ]] && found+=("$p")
    ((${#found[@]} == $1)) && { echo "${found[*]}"; return; }
  done
  die "no free port found"
}
calc() { awk "BEGIN { printf \"$1\", $2 }"; }                 # calc FORMAT EXPRESSION
proc_ticks() {                                               # CPU ticks (user + system) of a pid
  local stat f
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  read -r -a f <<<"${stat##*) }"                               # fields from 3 (state) on
  echo $((f[11] + f[12]))                                      # 14 utime, 15 stime
}
sys_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }  # busy idle
HZ=$(getconf CLK_TCK)
CORES=$(nproc)

# wait_ready URL PID NAME LOG: until URL answers 200, failing if PID exits or after 60 s
wait_ready() {
  for _ in $(seq 120); do
    kill -0 "$2" 2>/dev/null || { tail -n 30 "$4" >&2; die "$3 exited at startup"; }
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$1") == 200 ]] && return
    sleep 0.5
  done
  tail -n 30 "$4" >&2
  die "$3 not ready after 60 s"
}

# run_client NAME JAVA-ARGS...: runs a bench/alerting/*.java program in the background (so the trap can
# stop it), keeping its output in $WORK/NAME.out and showing it as it comes
run_client() {
  local name=$1 status=0 tailer
  shift
  java "$@" >"$WORK/$name.out" 2>&1 &
  CLIENT=$!
  track "$CLIENT" "$name client"
  tail -n +1 -f --pid="$CLIENT" "$WORK/$name.out" &
  tailer=$!
  track "$tailer" "tail of $name.out"
  wait "$CLIENT" || status=$?
  wait "$tailer" || true
  ((status == 0)) || die "$name failed (exit $status)"
}

# field NAME KEY: a value of the RESULT line a client printed
field() { sed -n "s/^RESULT.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.out"; }

# How busy the machine is without us: other work on these few cores skews every figure.
read -r busy0 idle0 < <(sys_ticks); sleep 2; read -r busy1 idle1 < <(sys_ticks)
BUSY_BEFORE=$(calc '%.0f' "100 * $CORES * ($busy1 - $busy0) / ($busy1 - $busy0 + $idle1 - $idle0)")
say "CPU already in use by other processes: $BUSY_BEFORE % of one core (of $((CORES * 100)) %)"
((BUSY_BEFORE < 20)) || echo "    WARNING: the machine is busy; the figures will be high and noisy" >&2

# --- 1. alerting-service --------------------------------------------------------------------
# It runs from a copy, so that a rebuild of the jar meanwhile cannot change it under the JVM.
cp -r alerting-service/target/quarkus-app "$WORK/app"
JAR_BUILT=$(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC')
PORT=$(free_ports 1)
BASE=http://127.0.0.1:$PORT
REDIS_PID=$(redis-cli info server | sed -n 's/^process_id:\([0-9]*\).*/\1/p')

say "cleaning old $KEY_PREFIX* keys and schema $SCHEMA"
clean_data
say "starting alerting-service on 127.0.0.1:$PORT, default rules off (log: $WORK/service.log)"
java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
  -Dcrowdpulse.security.viewer-keys=bench-viewer -Dcrowdpulse.security.admin-keys=bench-admin \
  -Dcrowdpulse.security.ingest-keys=bench-ingest \
  -Dcrowdpulse.events.namespace=$NAMESPACE -Dcrowdpulse.alerting.evaluation.key-prefix=$KEY_PREFIX \
  -Dcrowdpulse.db.schema=$SCHEMA -Dcrowdpulse.alerting.defaults.enabled=false \
  -jar "$WORK/app/quarkus-run.jar" >"$WORK/service.log" 2>&1 &
SERVICE=$!
track "$SERVICE" alerting-service
wait_ready "$BASE/q/health/ready" "$SERVICE" alerting-service "$WORK/service.log"
echo "    ready (pid $SERVICE)"

say "1. alerting-service: $((2 * SERIES)) rules, $SERIES series every $INTERVAL_MS ms, $WARMUP warm-up and $BREACHES measured breaches"
echo "    \$ java bench/alerting/AlertLatency.java $BASE $NAMESPACE $SERIES $INTERVAL_MS $WARMUP $BREACHES crowdpulse.csv"
# CPU is counted over the whole client run (rule creation included); top also looks at 15-30 s into it.
top -b -d 15 -n 3 -w 160 >"$WORK/top.txt" &
TOP=$!
track "$TOP" top
read -r busy0 idle0 < <(sys_ticks)
svc0=$(proc_ticks "$SERVICE") redis0=$(proc_ticks "$REDIS_PID") t0=$(date +%s.%N)
TIMEFORMAT='%U %S'
{ time run_client crowdpulse bench/alerting/AlertLatency.java "$BASE" $NAMESPACE $SERIES $INTERVAL_MS \
    $WARMUP $BREACHES "$WORK/crowdpulse.csv" 2>&3; } 3>&2 2>"$WORK/client.time"
t1=$(date +%s.%N)
read -r busy1 idle1 < <(sys_ticks)
CPU_ROW=$(awk -v wall="$(calc '%.3f' "$t1 - $t0")" -v hz="$HZ" \
  -v svc="$(($(proc_ticks "$SERVICE") - svc0))" -v redis="$(($(proc_ticks "$REDIS_PID") - redis0))" \
  -v client="$(awk -v hz="$HZ" '{ print ($1 + $2) * hz }' "$WORK/client.time")" \
  -v busy="$((busy1 - busy0))" -v idle="$((idle1 - idle0))" 'BEGIN {
    pct = 100 / (wall * hz); other = busy - svc - redis - client; if (other < 0) other = 0
    printf "| %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |", wall, svc * pct, redis * pct, client * pct, other * pct, idle * pct }')
CP_P50=$(field crowdpulse p50_ms) CP_P99=$(field crowdpulse p99_ms)
stop "$TOP" top
stop "$SERVICE" alerting-service   # so that it takes no CPU from Prometheus and Alertmanager

# --- 2. Prometheus + Alertmanager -----------------------------------------------------------
read -r EXPORTER_PORT PROM_PORT AM_PORT < <(free_ports 3)
[[ -n ${AM_PORT:-} ]] || die "no free ports found"
sed -e "s#@EXPORTER@#127.0.0.1:$EXPORTER_PORT#" -e "s#@ALERTMANAGER@#127.0.0.1:$AM_PORT#" \
  -e "s#@RULES@#$HERE/rules.yml#" "$HERE/prometheus.yml" >"$WORK/prometheus.yml"
promtool check config "$WORK/prometheus.yml" >/dev/null || die "promtool rejects $WORK/prometheus.yml"

say "2. Prometheus + Alertmanager: starting Alertmanager on 127.0.0.1:$AM_PORT (clustering off) and Prometheus on 127.0.0.1:$PROM_PORT"
prometheus-alertmanager --config.file="$HERE/alertmanager.yml" --storage.path="$WORK/alertmanager" \
  --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address= >"$WORK/alertmanager.log" 2>&1 &
AM=$!
track "$AM" Alertmanager
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prometheus" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PROM=$!
track "$PROM" Prometheus
wait_ready "http://127.0.0.1:$AM_PORT/-/ready" "$AM" Alertmanager "$WORK/alertmanager.log"
wait_ready "http://127.0.0.1:$PROM_PORT/-/ready" "$PROM" Prometheus "$WORK/prometheus.log"
echo "    ready (Alertmanager pid $AM, Prometheus pid $PROM); exporter on 127.0.0.1:$EXPORTER_PORT"
echo "    \$ java bench/alerting/PromLatency.java $EXPORTER_PORT http://127.0.0.1:$PROM_PORT http://127.0.0.1:$AM_PORT $PROM_RUNS prometheus.csv"
run_client prometheus bench/alerting/PromLatency.java "$EXPORTER_PORT" "http://127.0.0.1:$PROM_PORT" \
  "http://127.0.0.1:$AM_PORT" $PROM_RUNS "$WORK/prometheus.csv"
PHASE=$(sed -n 's/.*scrape-to-evaluation phase this run: \([0-9]*\) ms.*/\1/p' "$WORK/prometheus.out")
PA_P50=$(field prometheus p50_ms) PA_P99=$(field prometheus p99_ms)

# --- summary --------------------------------------------------------------------------------
VERDICT=$(awk -v m="$CP_P99" -v t=$TARGET_P99_MS 'BEGIN { printf "%s (%.0f %% of the budget)", m <= t ? "met" : "MISSED", 100 * m / t }')
ratio() { calc '%.0f×' "$1 / $2"; }
TABLE=$(cat <<EOF
| breach to alert | Crowdpulse alerting-service | Prometheus + Alertmanager | ratio (P+A / Crowdpulse) |
|---|---:|---:|---:|
| breaches measured | $BREACHES (after $WARMUP warm-up) | $PROM_RUNS | |
| p50 | **$CP_P50 ms** | **$PA_P50 ms** | **$(ratio "$PA_P50" "$CP_P50")** |
| p99 | **$CP_P99 ms** | $PA_P99 ms (= max, $PROM_RUNS runs) | $(ratio "$PA_P99" "$CP_P99") |
| max | $(field crowdpulse max_ms) ms | $(field prometheus max_ms) ms | |
| min | $(field crowdpulse min_ms) ms | $(field prometheus min_ms) ms | |
| first stage, p50 / p99 (max) | publish → evaluation: $(field crowdpulse eval_p50_ms) / $(field crowdpulse eval_p99_ms) ms | flip → rule active (activeAt): $(field prometheus prom_p50_ms) / $(field prometheus prom_max_ms) ms | |
| second stage, p50 / p99 | evaluation → event received: $(field crowdpulse write_p50_ms) / $(field crowdpulse write_p99_ms) ms | active → held by Alertmanager: the rest | |

Crowdpulse target p99 ≤ $TARGET_P99_MS ms: **$VERDICT**. Duplicate firing events: $(field crowdpulse duplicates);
events for other rules: $(field crowdpulse unexpected); snapshots published: $(field crowdpulse snapshots).
Prometheus's scrape-to-evaluation phase in this run: ${PHASE:-unknown} ms (its mean latency is about
500 ms + this phase, so from run to run its p50 lies between about 0.5 and 1.5 s).

CPU during step 1 (rule creation, warm-up and measurement), in % of one core ($CORES cores = $((CORES * 100)) %);
"other" is everything else (PostgreSQL included, and any builds or tests running meanwhile):

| seconds | alerting-service | Redis | client | other | idle |
|---|---|---|---|---|---|
$CPU_ROW
EOF
)
say "summary"
echo
echo "$TABLE"
if awk -v m="$CP_P99" -v t=$TARGET_P99_MS 'BEGIN { exit !(m > t) }' && [[ -s $WORK/top.txt ]]; then
  echo
  echo "p99 over the target; top over 15-30 s into step 1:"
  awk '/^top - / { n++ } n == 3' "$WORK/top.txt" | head -n 20
fi

if [[ $APPEND == true ]]; then
  DIRTY=$(git status --porcelain -- common alerting-service | head -n 1)
  {
    echo
    echo "## Alerting: breach to alert ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo
    echo "- command: \`$COMMAND\`"
    echo "- machine: $(uname -srm), $(nproc) cores"
    echo "- java: $(java -version 2>&1 | head -n 1)"
    echo "- $(prometheus --version 2>&1 | head -n 1)"
    echo "- $(prometheus-alertmanager --version 2>&1 | head -n 1)"
    echo "- CPU in use by other processes just before the run: $BUSY_BEFORE % of one core"
    echo "- commit: $(git rev-parse --short HEAD)${DIRTY:+ (plus uncommitted changes in common/ or alerting-service/)}; jar built $JAR_BUILT"
    echo
    cat <<'EOF'
What each number includes:

- **Crowdpulse**: one alerting-service (JVM, `-Xmx512m`, local Redis and PostgreSQL) with 1,000 threshold
  rules (`bench-hi-N`: `bench.mN > 100`, warning; `bench-lo-N`: `bench.mN < 10`, info; `for` and
  `keepFiringFor` 0 s), fed a snapshot of 500 series (`bench.m0` … `bench.m499`, values 40–79) every
  150 ms on `cpbench.metrics.snapshots`, so every snapshot is evaluated against all 1,000 rules.
  `bench/alerting/AlertLatency.java` (plain sockets, RESP) breaches one series per measurement (150 or 5,
  alternately, a different series each time), and times from just before that snapshot's `PUBLISH` is
  written to the moment the `firing` event is read from `cpbench.alerts.events`: Redis delivery both
  ways, parsing the 500-sample snapshot, evaluating it, storing the change in PostgreSQL (one
  transaction) and publishing the event. The next breach waits for the `resolved` event. The first
  stage ends at the event's `timestamp` (the engine's clock when it starts evaluating the snapshot,
  after parsing it); the second is the rest (evaluation, PostgreSQL, publish, delivery).
- **Prometheus + Alertmanager** (Debian's packages): `bench/alerting/PromLatency.java` serves one gauge
  `bench_value{run="N"}` on loopback; Prometheus scrapes it and evaluates `bench_value > 100` (`for: 0s`)
  every second and sends to Alertmanager (`group_wait: 0s`, `group_interval: 1s`, null receiver). Each
  run waits until the gauge (0) has been scraped, then a random 0–1 s, flips it to 150 and polls
  `GET /api/v2/alerts` every 10 ms until the alert is there: waiting for the next scrape (0–1 s),
  then for the next rule evaluation (the fixed scrape-to-evaluation phase Prometheus derives from
  hashes, 0–1 s, different from run to run), the notifier's send, and up to 10 ms of polling. The
  first stage ends at the alert's `activeAt` in Prometheus's `/api/v1/alerts`.
- Percentiles are nearest-rank over the measured breaches; with 20 runs the p99 is the maximum. The
  ratio divides the Prometheus + Alertmanager figure by the Crowdpulse one.

EOF
    echo "$TABLE"
  } >>bench/RESULTS.md
  say "appended to bench/RESULTS.md"
fi
