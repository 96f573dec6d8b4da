#!/usr/bin/env bash
# Demonstrates optimizer-service end to end on this machine, loopback only: a real session-service started
# with a deliberately poor sessions.cleanup-interval (300 s: visitors who come once leave sessions behind for
# minutes), a real metrics-collector scraping it (so the snapshots are real), a steady wrk load of new
# visitors, and the optimizer in auto mode. It records p99 latency and throughput before and after the
# optimizer's change, the action and its measured impact; then it injects a harmful change
# (sessions.activity-window 60 s -> 3600 s, through POST /api/v1/actions, so the optimizer tracks it) and
# shows the automatic rollback.
#
#   cp-bench bench/optimizer.sh [--append] [--window SECONDS]
#
# Memory pressure: the collector measures memory for the host only, so this script pushes session-service's
# memory as RSS / MEMORY_LIMIT_MIB (default 256, its -Xmx: the memory it is meant to run in) as its
# system.memory, and its CPU share as system.cpu, once a second through the collector's POST /api/v1/metrics.
# Needs Redis, PostgreSQL (crowdpulse/crowdpulse), wrk, curl, jq, and the three jars (built beforehand:
# ./mvnw -B -q -pl session-service,metrics-collector,optimizer-service -am package -DskipTests).
# Everything gets its own key prefix, channel namespace and schemas, removed at the end. About 8 minutes.
set -euo pipefail

APPEND=false WINDOW=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --append) APPEND=true; shift ;;
    --window) WINDOW=$2; shift 2 ;;
    -h | --help) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
COMMAND="bench/optimizer.sh --window $WINDOW"
if [[ $APPEND == true ]]; then COMMAND+=" --append"; fi
cd "$(dirname "$0")/.."

SS_JAR=session-service/target/quarkus-app/quarkus-run.jar
MC_JAR=metrics-collector/target/quarkus-app/quarkus-run.jar
OPT_JAR=optimizer-service/target/quarkus-app/quarkus-run.jar
RUN=cobench$$
INGEST=bench-ingest VIEWER=bench-viewer ADMIN=bench-admin
MEMORY_LIMIT_MIB=${MEMORY_LIMIT_MIB:-256}
POOR_CLEANUP=300
LOAD_SECONDS=$((WINDOW * 8))
export PGPASSWORD=crowdpulse BENCH_INGEST_KEY=$INGEST BENCH_RUN=$RUN BENCH_DELAY_MS=${BENCH_DELAY_MS:-5}

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date -u +%s; }

for tool in java curl jq wrk redis-cli psql python3; do command -v "$tool" >/dev/null || die "$tool is needed"; done
for jar in "$SS_JAR" "$MC_JAR" "$OPT_JAR"; do
  [[ -f $jar ]] || die "$jar is missing: ./mvnw -B -q -pl session-service,metrics-collector,optimizer-service -am package -DskipTests"
done

WORK=$(mktemp -d /tmp/crowdpulse-optimizer.XXXXXX)
PIDS=()
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  redis-cli --scan --pattern "$RUN*" | xargs -r redis-cli unlink >/dev/null
  for schema in sessions_cobench metrics_cobench optimizer_cobench; do
    PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U crowdpulse -d crowdpulse -qc "DROP SCHEMA IF EXISTS $schema CASCADE"
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

SS_PORT=$(free_port) MC_PORT=$(free_port) OPT_PORT=$(free_port)
SS=http://127.0.0.1:$SS_PORT MC=http://127.0.0.1:$MC_PORT OPT=http://127.0.0.1:$OPT_PORT
KEYS=(-Dcrowdpulse.security.ingest-keys=$INGEST -Dcrowdpulse.security.viewer-keys=$VIEWER
  -Dcrowdpulse.security.admin-keys=$ADMIN -Dcrowdpulse.events.namespace=$RUN)
DOWN=http://127.0.0.1:9

LAST_PID=""
start() { # name port jar args...: starts a service in the background; its pid goes to PIDS and LAST_PID
  local name=$1 port=$2 jar=$3
  shift 3
  java -Xmx256m -Dquarkus.http.port="$port" "${KEYS[@]}" "$@" -jar "$jar" >"$WORK/$name.log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}
await_ready() { # name base
  local i
  for i in $(seq 1 180); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$2/q/health/ready") == 200 ]] && return 0
    sleep 0.5
  done
  tail -20 "$WORK/$1.log"
  die "$1 did not become ready"
}
opt() { curl -sf -H "Authorization: Bearer $VIEWER" "$OPT$1"; }
knob() { curl -sf -H "Authorization: Bearer $VIEWER" "$SS/api/v1/tuning/$1" | jq -r .value; }
# The final state of action $1 (waits up to $2 seconds while it is applied).
await_final() {
  local id=$1 limit=$2 start state
  start=$(now)
  while :; do
    state=$(opt "/api/v1/actions/$id" | jq -r .action.state)
    [[ $state != applied && $state != applying ]] && { echo "$state"; return 0; }
    (($(now) - start > limit)) && { echo "$state"; return 0; }
    sleep 2
  done
}
# Mean of column 2 (value) of $1 for rows whose column 1 (epoch s) lies in [$2, $3).
mean_between() { awk -v a="$2" -v b="$3" '$1 >= a && $1 < b && $2 != "null" {s += $2; n++} END {if (n) printf "%.2f", s / n; else print "n/a"}' "$1"; }

say "machine: $(nproc) cores, $(uname -srm), $(java -version 2>&1 | head -1)"
say "starting session-service on :$SS_PORT with sessions.cleanup-interval=${POOR_CLEANUP}s (poor on purpose)"
start session-service "$SS_PORT" "$SS_JAR" -Dcrowdpulse.sessions.key-prefix="$RUN" \
  -Dcrowdpulse.db.schema=sessions_cobench -Dcrowdpulse.sessions.cleanup-interval=${POOR_CLEANUP}s
SS_PID=$LAST_PID
await_ready session-service "$SS"

say "starting metrics-collector on :$MC_PORT, scraping session-service every second"
start metrics-collector "$MC_PORT" "$MC_JAR" -Dcrowdpulse.metrics.replicas.key-prefix="$RUN" \
  -Dcrowdpulse.db.schema=metrics_cobench \
  -Dcrowdpulse.metrics.targets.session-service="$SS/q/metrics" \
  -Dcrowdpulse.metrics.targets.metrics-collector="$DOWN/q/metrics" \
  -Dcrowdpulse.metrics.targets.alerting-service="$DOWN/q/metrics" \
  -Dcrowdpulse.metrics.targets.optimizer-service="$DOWN/q/metrics" \
  -Dcrowdpulse.metrics.targets.report-service="$DOWN/q/metrics"
await_ready metrics-collector "$MC"

say "starting optimizer-service on :$OPT_PORT in auto mode (verification window ${WINDOW}s, rollback threshold 10 %)"
start optimizer-service "$OPT_PORT" "$OPT_JAR" -Dcrowdpulse.optimizer.key-prefix="$RUN" \
  -Dcrowdpulse.db.schema=optimizer_cobench -Dcrowdpulse.optimizer.mode=auto \
  -Dcrowdpulse.optimizer.evaluation-interval=5s -Dcrowdpulse.optimizer.verification-window=${WINDOW}s \
  -Dcrowdpulse.optimizer.cooldown=30m -Dcrowdpulse.optimizer.kubernetes.enabled=false \
  -Dcrowdpulse.optimizer.targets.session-service.url="$SS" -Dcrowdpulse.optimizer.targets.session-service.api-key=$ADMIN \
  -Dcrowdpulse.optimizer.targets.metrics-collector.url=$DOWN -Dcrowdpulse.optimizer.targets.alerting-service.url=$DOWN
await_ready optimizer-service "$OPT"

say "pushing session-service's memory (RSS / ${MEMORY_LIMIT_MIB} MiB) and CPU share every second; sampling its p99 and rps"
(
  ticks=$(awk '{print $14 + $15}' "/proc/$SS_PID/stat") hz=$(getconf CLK_TCK) cores=$(nproc)
  while kill -0 "$SS_PID" 2>/dev/null; do
    sleep 1
    t=$(awk '{print $14 + $15}' "/proc/$SS_PID/stat" 2>/dev/null) || exit 0
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$SS_PID/status")
    mem=$(awk -v r="$rss" -v l="$MEMORY_LIMIT_MIB" 'BEGIN {m = r / (l * 1024); printf "%.4f", m > 1 ? 1 : m}')
    cpu=$(awk -v d=$((t - ticks)) -v hz="$hz" -v c="$cores" 'BEGIN {printf "%.4f", d / hz / c}')
    ticks=$t
    curl -s -o /dev/null -H "Authorization: Bearer $INGEST" -H 'Content-Type: application/json' "$MC/api/v1/metrics" \
      -d "{\"samples\":[{\"metric\":\"system.memory\",\"target\":\"session-service\",\"value\":$mem},{\"metric\":\"system.cpu\",\"target\":\"session-service\",\"value\":$cpu}]}"
    current=$(curl -s -H "Authorization: Bearer $VIEWER" "$MC/api/v1/metrics/current?target=session-service")
    s=$(now)
    for m in http.p99_ms http.rps sessions.active_sessions sessions.concurrent_users; do
      echo "$s $(jq -r --arg m "$m" '[.samples[] | select(.metric == $m and .labels == {}) | .value][0]' <<<"$current")" >>"$WORK/$m"
    done
    echo "$s $mem" >>"$WORK/system.memory"
  done
) &
PIDS+=($!)

say "load: wrk -t2 -c4 for ${LOAD_SECONDS}s, one heartbeat per new visitor, ${BENCH_DELAY_MS} ms pause per connection"
wrk -t2 -c4 -d"${LOAD_SECONDS}s" --timeout 5s -s bench/lua/fresh.lua "$SS" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
PIDS+=($WRK_PID)
LOAD_START=$(now)

say "waiting (up to $((WINDOW * 4)) s) for the optimizer to act on session-service"
FIRST=""
for _ in $(seq 1 $((WINDOW * 2))); do
  FIRST=$(opt "/api/v1/actions?target=session-service&origin=auto" | jq -r '.items[-1].id // empty')
  [[ -n $FIRST ]] && break
  sleep 2
done
if [[ -z $FIRST ]]; then
  opt "/api/v1/recommendations?target=session-service" | jq -c '.items[] | {strategy, knob, from, to, status, rationale}' || true
  tail -5 "$WORK/system.memory" "$WORK/sessions.active_sessions" "$WORK/sessions.concurrent_users" || true
  die "no automatic action within $((WINDOW * 4)) s (see the figures above)"
fi
opt "/api/v1/actions/$FIRST" | jq -c '.action | {strategy, knob, from, to, state, rationale}'
say "verifying (the window after is ${WINDOW}s)"
FIRST_STATE=$(await_final "$FIRST" $((WINDOW + 60)))
A1=$(opt "/api/v1/actions/$FIRST")
jq -c '.action | {state, measuredImpact, summary}' <<<"$A1"
APPLIED1=$(date -u -d "$(jq -r .action.appliedAt <<<"$A1")" +%s)
VERIFIED1=$(date -u -d "$(jq -r .action.verifyAt <<<"$A1")" +%s)
CLEANUP_AFTER=$(knob sessions.cleanup-interval)

say "injecting a harmful change: sessions.activity-window 60 s -> 3600 s (POST /api/v1/actions, tracked)"
SECOND=$(curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$OPT/api/v1/actions" \
  -d '{"target":"session-service","knob":"sessions.activity-window","value":3600,"note":"harmful on purpose (bench/optimizer.sh)"}' | jq -r .id)
WINDOW_DURING=$(knob sessions.activity-window)
SECOND_STATE=$(await_final "$SECOND" $((WINDOW + 60)))
A2=$(opt "/api/v1/actions/$SECOND")
jq -c '.action | {state, measuredImpact, summary}' <<<"$A2"
APPLIED2=$(date -u -d "$(jq -r .action.appliedAt <<<"$A2")" +%s)
VERIFIED2=$(date -u -d "$(jq -r .action.verifyAt <<<"$A2")" +%s)
WINDOW_AFTER=$(knob sessions.activity-window)

say "stopping the load"
kill "$WRK_PID" 2>/dev/null || true
wait "$WRK_PID" 2>/dev/null || true
LOAD_END=$(now)

fig() { jq -r "$1 // \"n/a\" | if type == \"number\" then (. * 1000 | round / 1000) else . end" <<<"$2"; }
P99_B1=$(mean_between "$WORK/http.p99_ms" $((APPLIED1 - WINDOW)) "$APPLIED1")
P99_A1=$(mean_between "$WORK/http.p99_ms" "$APPLIED1" "$VERIFIED1")
RPS_B1=$(mean_between "$WORK/http.rps" $((APPLIED1 - WINDOW)) "$APPLIED1")
RPS_A1=$(mean_between "$WORK/http.rps" "$APPLIED1" "$VERIFIED1")
P99_A2=$(mean_between "$WORK/http.p99_ms" "$APPLIED2" "$VERIFIED2")
RPS_A2=$(mean_between "$WORK/http.rps" "$APPLIED2" "$VERIFIED2")
USERS_B2=$(mean_between "$WORK/sessions.concurrent_users" $((APPLIED2 - WINDOW)) "$APPLIED2")
USERS_A2=$(mean_between "$WORK/sessions.concurrent_users" "$APPLIED2" "$VERIFIED2")
MEM_B1=$(mean_between "$WORK/system.memory" $((APPLIED1 - WINDOW)) "$APPLIED1")
ACTIVE_B1=$(mean_between "$WORK/sessions.active_sessions" $((APPLIED1 - 5)) "$APPLIED1")
USERS_B1=$(mean_between "$WORK/sessions.concurrent_users" $((APPLIED1 - 5)) "$APPLIED1")
EVENTS=$(opt "/api/v1/actions?target=session-service" | jq -r '.total')

RESULT=$(
  cat <<EOF

## optimizer-service demonstration ($(date -u '+%Y-%m-%d %H:%M UTC'))

Machine: \`$(uname -srm)\`, $(nproc) cores, $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD).
Command: \`cp-bench $COMMAND\`. Real session-service (started with \`sessions.cleanup-interval=${POOR_CLEANUP}s\`),
real metrics-collector scraping it every second, optimizer-service in auto mode (verification window ${WINDOW} s,
rollback threshold 10 %), wrk -t2 -c4 posting one heartbeat per new visitor (${BENCH_DELAY_MS} ms pause per
connection) for $((LOAD_END - LOAD_START)) s. Injected, not measured by the collector: session-service's system.memory
= RSS / ${MEMORY_LIMIT_MIB} MiB and its CPU share, pushed once a second. Latency and throughput below are the collector's
http.p99_ms and http.rps of session-service, averaged over each window (the optimizer's own before/after figures
are means of the same series).

| step | what happened | p99 before → after (ms) | throughput before → after (req/s) | measured impact | state |
|---|---|---|---|---|---|
| 1. optimizer's change | $(fig .action.strategy "$A1"): $(fig .action.knob "$A1") $(fig .action.from "$A1") → $(fig .action.to "$A1") (memory $MEM_B1, $ACTIVE_B1 active sessions for $USERS_B1 users); knob now $CLEANUP_AFTER | $P99_B1 → $P99_A1 | $RPS_B1 → $RPS_A1 | $(fig .action.measuredImpact "$A1") | **$FIRST_STATE** |
| 2. harmful change | operator: sessions.activity-window 60 → 3600 (knob $WINDOW_DURING during, $WINDOW_AFTER after); concurrent users $USERS_B2 → $USERS_A2 | $P99_A1 → $P99_A2 | $RPS_A1 → $RPS_A2 | $(fig .action.measuredImpact "$A2") | **$SECOND_STATE** |

Verdicts, as stored: (1) $(fig .action.summary "$A1"); (2) $(fig .action.summary "$A2").
Actions recorded for session-service: $EVENTS. wrk: $(grep -E 'Requests/sec' "$WORK/wrk.txt" | tr -s ' '), $(grep -E '^ +Latency' "$WORK/wrk.txt" | tr -s ' ').
EOF
)
echo "$RESULT"
if [[ $APPEND == true ]]; then
  echo "$RESULT" >>bench/RESULTS.md
  say "appended to bench/RESULTS.md"
fi
