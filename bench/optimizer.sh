#!/usr/bin/env bash
# Demonstrates optimizer-service end to end on this machine, loopback only: a real session-service, a real
# metrics-collector scraping it every second (so the snapshots are real), a steady wrk load of new visitors,
# and the optimizer in auto mode.
#
# Step 1, the optimizer's own change: session-service's per-client rate limit (ratelimit.per-client-rate,
# registered by the overload protection) is set to its minimum, and the rate-limiting strategy should raise it;
# the script records p99 and throughput before and after, the action and its measured impact. On a build
# whose session-service has no such knob the step is skipped and says so: none of its other knobs
# (activity window, session TTL, cleanup interval, history batch size) is one a standard strategy tunes from
# the figures the collector really measures.
# Step 2, a harmful change the optimizer tracks: sessions.activity-window 60 s -> 3600 s through
# POST /api/v1/actions. Users who left keep counting, throughput per user falls, and the optimizer rolls the
# change back when its verification window ends.
#
#   cp-bench bench/optimizer.sh [--append] [--window SECONDS]
#
# The collector measures CPU and memory for the host only, so the script pushes session-service's CPU share
# and its memory as RSS / MEMORY_LIMIT_MIB (default 256, its -Xmx) once a second (POST /api/v1/metrics).
# Needs Redis, PostgreSQL (crowdpulse/crowdpulse), wrk, curl, jq, and the three jars (built beforehand:
# ./mvnw -B -q -pl session-service,metrics-collector,optimizer-service -am package -DskipTests).
# Everything gets its own key prefix, channel namespace and schemas, removed at the end. 5 to 10 minutes.
set -euo pipefail

APPEND=false WINDOW=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --append) APPEND=true; shift ;;
    --window) WINDOW=$2; shift 2 ;;
    -h | --help) sed -n '2,23s/^# \{0,1\}//p' "$0"; exit 0 ;;
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
ACT_WAIT=240
LOAD_SECONDS=$((ACT_WAIT + 4 * WINDOW + 120))
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
say "starting session-service on :$SS_PORT"
start session-service "$SS_PORT" "$SS_JAR" -Dcrowdpulse.sessions.key-prefix="$RUN" -Dcrowdpulse.db.schema=sessions_cobench
SS_PID=$LAST_PID
await_ready session-service "$SS"
# The poor setting: the per-client rate limit far below the offered load (about 700 requests/s from one
# ingest key), with a small burst so it bites at once, when session-service has one (overload protection
# registers ratelimit.per-client-rate); the rate-limiting strategy raises it on needless throttling: CPU has
# headroom, yet most requests get 429. At its minimum (1/s) nearly no heartbeat would be accepted, users
# would stop counting and step 2 would have nothing to degrade.
POOR_KNOB="" POOR_VALUE=${POOR_RATE:-150}
if curl -sf -o /dev/null -H "Authorization: Bearer $VIEWER" "$SS/api/v1/tuning/ratelimit.per-client-rate"; then
  POOR_KNOB=ratelimit.per-client-rate
  say "poor setting: $POOR_KNOB = $POOR_VALUE requests/s, ratelimit.per-client-burst = $POOR_VALUE"
  for knob in ratelimit.per-client-burst "$POOR_KNOB"; do
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
      "$SS/api/v1/tuning/$knob" -d "{\"value\":$POOR_VALUE}"
  done
fi

say "starting metrics-collector on :$MC_PORT, scraping session-service every second"
start metrics-collector "$MC_PORT" "$MC_JAR" -Dcrowdpulse.metrics.replicas.key-prefix="$RUN" \
  -Dcrowdpulse.db.schema=metrics_cobench \
  -Dcrowdpulse.metrics.targets.session-service="$SS/q/metrics" \
  -Dcrowdpulse.metrics.targets.metrics-collector="$DOWN/q/metrics" \
  -Dcrowdpulse.metrics.targets.alerting-service="$DOWN/q/metrics" \
  -Dcrowdpulse.metrics.targets.optimizer-service="$DOWN/q/metrics" \
  -Dcrowdpulse.metrics.targets.report-service="$DOWN/q/metrics"
await_ready metrics-collector "$MC"

say "starting optimizer-service on :$OPT_PORT in recommend mode, auto once the load is steady (verification window ${WINDOW}s, rollback threshold 10 %)"
start optimizer-service "$OPT_PORT" "$OPT_JAR" -Dcrowdpulse.optimizer.key-prefix="$RUN" \
  -Dcrowdpulse.db.schema=optimizer_cobench -Dcrowdpulse.optimizer.mode=recommend \
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
    mem=$(awk -v r="$rss" -v l="$MEMORY_LIMIT_MIB" 'BEGIN {m = r / (l * 1024); printf "%.4f", (m > 1 ? 1 : m)}')
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

fig() { jq -r "$1 // \"n/a\" | if type == \"number\" then (. * 1000 | round / 1000) else . end" <<<"$2"; }
# p99, rps and users over the windows before and after action JSON $1: "p99b p99a rpsb rpsa usersb usersa".
windows() {
  local applied verified
  applied=$(date -u -d "$(jq -r .action.appliedAt <<<"$1")" +%s)
  verified=$(date -u -d "$(jq -r .action.verifyAt <<<"$1")" +%s)
  echo "$(mean_between "$WORK/http.p99_ms" $((applied - WINDOW)) "$applied") $(mean_between "$WORK/http.p99_ms" "$applied" "$verified")" \
    "$(mean_between "$WORK/http.rps" $((applied - WINDOW)) "$applied") $(mean_between "$WORK/http.rps" "$applied" "$verified")" \
    "$(mean_between "$WORK/sessions.concurrent_users" $((applied - WINDOW)) "$applied") $(mean_between "$WORK/sessions.concurrent_users" "$applied" "$verified")"
}

# Auto mode only once a full window of steady load lies behind: users are new visitors, so their count
# ramps up for one activity window after the load starts, and a window before a change taken during that
# ramp would make any change look like a loss of throughput per user.
while (($(now) - LOAD_START < WINDOW + 15)); do sleep 2; done
say "switching the optimizer to auto mode"
curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  "$OPT/api/v1/optimizer/config" -d '{"mode":"auto"}'

# Step 1: the optimizer's own change, from a poor setting its strategies can see in real figures.
if [[ -n $POOR_KNOB ]]; then
  say "waiting (up to $ACT_WAIT s) for the optimizer to act on session-service"
  FIRST=""
  for _ in $(seq 1 $((ACT_WAIT / 2))); do
    FIRST=$(opt "/api/v1/actions?target=session-service&origin=auto" | jq -r '.items[-1].id // empty')
    [[ -n $FIRST ]] && break
    sleep 2
  done
  if [[ -n $FIRST ]]; then
    opt "/api/v1/actions/$FIRST" | jq -c '.action | {strategy, knob, from, to, state, rationale}'
    say "verifying (the window after is ${WINDOW}s)"
    FIRST_STATE=$(await_final "$FIRST" $((WINDOW + 60)))
    A1=$(opt "/api/v1/actions/$FIRST")
    jq -c '.action | {state, measuredImpact, summary}' <<<"$A1"
    read -r P99B P99A RPSB RPSA _ _ <<<"$(windows "$A1")"
    ROW1="| 1. optimizer's change | $(fig .action.strategy "$A1"): $(fig .action.knob "$A1") $(fig .action.from "$A1") → $(fig .action.to "$A1"); $(fig .action.rationale "$A1") | $P99B → $P99A | $RPSB → $RPSA | $(fig .action.measuredImpact "$A1") | **$FIRST_STATE** |"
  else
    opt "/api/v1/recommendations?target=session-service" | jq -c '.items[] | {strategy, knob, from, to, status}' || true
    ROW1="| 1. optimizer's change | $POOR_KNOB set to $POOR_VALUE; no strategy acted within $ACT_WAIT s | | | | none |"
  fi
else
  ROW1="| 1. optimizer's change | skipped: this session-service registers no knob a standard strategy tunes from its real figures (no ratelimit.per-client-rate yet) | | | | — |"
  say "step 1 skipped: session-service has no ratelimit.per-client-rate knob on this build"
  # The harmful change below needs a full window of history before it.
  while (($(now) - LOAD_START < WINDOW + 15)); do sleep 2; done
fi

say "injecting a harmful change: sessions.activity-window 60 s -> 3600 s (POST /api/v1/actions, tracked)"
SECOND=$(curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$OPT/api/v1/actions" \
  -d '{"target":"session-service","knob":"sessions.activity-window","value":3600,"note":"harmful on purpose (bench/optimizer.sh)"}' | jq -r .id)
WINDOW_DURING=$(knob sessions.activity-window)
SECOND_STATE=$(await_final "$SECOND" $((WINDOW + 60)))
A2=$(opt "/api/v1/actions/$SECOND")
jq -c '.action | {state, measuredImpact, summary}' <<<"$A2"
WINDOW_AFTER=$(knob sessions.activity-window)
read -r P99B P99A RPSB RPSA USERSB USERSA <<<"$(windows "$A2")"
ROW2="| 2. harmful change | operator: sessions.activity-window 60 → 3600 (knob $WINDOW_DURING s during, $WINDOW_AFTER s after); concurrent users $USERSB → $USERSA, throughput per user $(fig .action.before.throughputPerUser "$A2") → $(fig .action.after.throughputPerUser "$A2") | $P99B → $P99A | $RPSB → $RPSA | $(fig .action.measuredImpact "$A2") | **$SECOND_STATE** |"

say "stopping the load"
kill -INT "$WRK_PID" 2>/dev/null || true # wrk prints its summary on SIGINT
wait "$WRK_PID" 2>/dev/null || true
LOAD_END=$(now)
EVENTS=$(opt "/api/v1/actions?target=session-service" | jq -r '.total')

RESULT=$(
  cat <<EOF

## optimizer-service demonstration ($(date -u '+%Y-%m-%d %H:%M UTC'))

Machine: \`$(uname -srm)\`, $(nproc) cores, $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD).
Command: \`cp-bench $COMMAND\`. A real session-service, a real metrics-collector scraping it every second,
optimizer-service in auto mode (verification window ${WINDOW} s, rollback threshold 10 %), wrk -t2 -c4 posting one
heartbeat per new visitor (${BENCH_DELAY_MS} ms pause per connection) for $((LOAD_END - LOAD_START)) s. Pushed by the
script, because the collector measures CPU and memory for the host only: session-service's CPU share and its
memory as RSS / ${MEMORY_LIMIT_MIB} MiB. Latency and throughput are the collector's http.p99_ms and http.rps of
session-service, averaged over the ${WINDOW} s before a change and over its verification window.

| step | what happened | p99 before → after (ms) | throughput before → after (req/s) | measured impact | state |
|---|---|---|---|---|---|
$ROW1
$ROW2

Verdict of step 2, as stored: $(fig .action.summary "$A2").
Actions recorded for session-service: $EVENTS (each state change also published on the run's optimizer.actions channel).
wrk over the whole run (its own view): $(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt") requests/s; latency $(awk '/^ +Latency/ {print "avg " $2 ", stdev " $3 ", max " $4}' "$WORK/wrk.txt").
EOF
)
echo "$RESULT"
if [[ $APPEND == true ]]; then
  echo "$RESULT" >>bench/RESULTS.md
  say "appended to bench/RESULTS.md"
fi
