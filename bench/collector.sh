#!/usr/bin/env bash
# Benchmarks metrics-collector on this machine, loopback only: its CPU share and heap while it scrapes
# 5 targets (about 500 series) every second for --minutes (default 10), the snapshot latency (end of a
# collection round to the message on Redis) from its own histogram, and push ingest in samples/s.
#
#   bench/collector.sh [--minutes N] [--push-only] [--append]
#
# --push-only measures push ingest alone (after a 10 s push warm-up), without the overhead run.
#
# Needs Redis, PostgreSQL (crowdpulse/crowdpulse), python3 and wrk (installed with apt if missing).
# The collector gets its own key prefix, channel namespace and schema (cmbench, metrics_bench),
# removed at the end.
set -euo pipefail

MINUTES=10 APPEND=false PUSH_ONLY=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --push-only) PUSH_ONLY=true; shift ;;
    --append) APPEND=true; shift ;;
    -h | --help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
COMMAND="bench/collector.sh --minutes $MINUTES"
if [[ $PUSH_ONLY == true ]]; then COMMAND="bench/collector.sh --push-only"; fi
if [[ $APPEND == true ]]; then COMMAND+=" --append"; fi
cd "$(dirname "$0")/.."
JAR=metrics-collector/target/quarkus-app/quarkus-run.jar
PREFIX=cmbench SCHEMA=metrics_bench
export BENCH_INGEST_KEY=bench-ingest PGPASSWORD=crowdpulse
CPU_MAX_PCT=3 HEAP_MAX_MIB=128 SNAPSHOT_P99_MAX_MS=50 PUSH_MIN=200000

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
metric() { curl -s "$BASE/q/metrics" | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {printf "%.0f", s}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }

if ! command -v wrk >/dev/null; then
  say "wrk is missing: installing it with apt-get"; apt-get update -q && apt-get install -y -q wrk
fi
for tool in java curl python3 redis-cli psql; do command -v "$tool" >/dev/null || die "$tool is needed"; done
if [[ ! -f $JAR ]]; then
  say "building $JAR"; ./mvnw -B -q -pl metrics-collector -am install -DskipTests
fi

WORK=$(mktemp -d /tmp/crowdpulse-collector.XXXXXX)
PID="" EXPORTER=""
cleanup() {
  set +e
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [[ -n $EXPORTER ]] && kill "$EXPORTER" 2>/dev/null
  redis-cli --scan --pattern "$PREFIX*" | xargs -r redis-cli unlink >/dev/null
  PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U crowdpulse -d crowdpulse -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
  rm -rf "$WORK"
}
trap cleanup EXIT

PORTS=() TARGETS=()
for i in 0 1 2 3 4; do
  p=$(free_port); PORTS+=("$p"); TARGETS+=("-Dcrowdpulse.metrics.targets.bench-$i=http://127.0.0.1:$p/metrics")
done
say "starting 5 exporters on ports ${PORTS[*]}"
python3 bench/collector/exporter.py "${PORTS[@]}" & EXPORTER=$!

PORT=$(free_port); BASE=http://127.0.0.1:$PORT
say "starting metrics-collector on $BASE"
java -Xmx256m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -Dquarkus.profile=bench \
  -Dcrowdpulse.security.ingest-keys=bench-ingest -Dcrowdpulse.security.viewer-keys=bench-viewer \
  -Dcrowdpulse.events.namespace=$PREFIX -Dcrowdpulse.metrics.replicas.key-prefix=$PREFIX \
  -Dcrowdpulse.db.schema=$SCHEMA "${TARGETS[@]}" -jar "$JAR" > "$WORK/service.log" 2>&1 & PID=$!
for _ in $(seq 120); do curl -sf "$BASE/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/q/health/ready" >/dev/null || { tail -20 "$WORK/service.log"; die "the collector did not become ready"; }

push_ingest() {
  say "push ingest: wrk -t2 -c16 -d15s, 5,000 samples a request"
  WRK=$(wrk -t2 -c16 -d15s --latency -s bench/lua/push.lua "$BASE" | grep '^BENCH')
  OK=$(sed -E 's/.* ok=([0-9]+).*/\1/' <<<"$WRK"); SECS=$(sed -E 's/.* seconds=([0-9.]+).*/\1/' <<<"$WRK")
  NON2XX=$(sed -E 's/.* non2xx=([0-9]+).*/\1/' <<<"$WRK"); PUSH_P99=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$WRK")
  PUSH=$(python3 -c "print(int($OK * 5000 / $SECS))")
}
verdict() { python3 -c "print('met' if $1 else 'MISSED')"; }

if [[ $PUSH_ONLY == true ]]; then
  say "warming up the push path 10 s (not measured)"
  wrk -t2 -c16 -d10s -s bench/lua/push.lua "$BASE" >/dev/null
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg); T0=$(cpu_ticks); S0=$(date +%s.%N)
  push_ingest
  T1=$(cpu_ticks); S1=$(date +%s.%N); LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
  CPU_PCT=$(python3 -c "print(round(($T1-$T0)/$(getconf CLK_TCK)/($S1-$S0)*100))")
  TABLE=$(cat <<EOT
| figure | measured | target | verdict |
|---|---|---|---|
| push ingest (c16) | $PUSH samples/s, p99 $PUSH_P99 ms a request, non-2xx $NON2XX; collector CPU $CPU_PCT % of one core | ≥ $PUSH_MIN | $(verdict "$PUSH >= $PUSH_MIN") |
EOT
)
  say "summary (load average at start $LOAD_START, at end $LOAD_END)"
  echo "$TABLE"
  if [[ $APPEND == true ]]; then
    {
      printf '\n## metrics-collector push ingest (%s)\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
      printf 'Machine: `%s`, %s cores, %s; commit %s; load average %s at start, %s at end.\n' \
        "$(uname -srm)" "$(nproc)" "$(java -version 2>&1 | head -1)" "$(git rev-parse --short HEAD)" "$LOAD_START" "$LOAD_END"
      printf 'Command: `%s`: wrk -t2 -c16 -d15s of 5,000-sample pushes after a 10 s push warm-up.\n\n' "$COMMAND"
      echo "$TABLE"
    } >> bench/RESULTS.md
    say "appended to bench/RESULTS.md"
  fi
  exit 0
fi

say "warming up 30 s"; sleep 30
SERIES=$(curl -s -H 'X-API-Key: bench-viewer' "$BASE/api/v1/metrics/series?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
curl -s "$BASE/q/metrics" | grep '^crowdpulse_metrics_snapshot_latency_seconds_bucket' > "$WORK/latency-start"
T0=$(cpu_ticks); S0=$(date +%s.%N)
HEAPS=()
say "collecting for $MINUTES minutes ($SERIES series held); heap every 30 s"
for _ in $(seq $((MINUTES * 2))); do
  sleep 30
  HEAPS+=("$(( $(metric 'jvm_memory_used_bytes{area="heap"') / 1048576 ))")
done
T1=$(cpu_ticks); S1=$(date +%s.%N)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
curl -s "$BASE/q/metrics" | grep '^crowdpulse_metrics_snapshot_latency_seconds_bucket' > "$WORK/latency-end"
CPU_PCT=$(python3 -c "print(round(($T1-$T0)/$(getconf CLK_TCK)/($S1-$S0)*100, 2))")
LIVE=$(( $(metric 'jvm_gc_live_data_size_bytes') / 1048576 ))
HEAP_END=${HEAPS[-1]}
read -r P50 P99 ROUNDS < <(python3 - "$WORK/latency-start" "$WORK/latency-end" <<'PY'
import re, sys
def read(path):
    b = {}
    for line in open(path):
        le = float(re.search(r'le="([^"]+)"', line).group(1).replace("+Inf", "inf"))
        b[le] = b.get(le, 0) + float(line.split()[-1])
    return b
a, z = read(sys.argv[1]), read(sys.argv[2])
bounds = sorted(z)
cum = [z[b] - a.get(b, 0) for b in bounds]
total = cum[-1]
def q(x):
    rank, prev_b, prev_c = x * total, 0.0, 0.0
    for b, c in zip(bounds, cum):
        if c >= rank:
            if b == float("inf"):
                return prev_b
            return prev_b + (b - prev_b) * (rank - prev_c) / max(c - prev_c, 1e-12)
        prev_b, prev_c = b, c
print(f"{q(0.5) * 1000:.2f} {q(0.99) * 1000:.2f} {int(total)}")
PY
)

push_ingest

TABLE=$(cat <<EOT
| figure | measured | target | verdict |
|---|---|---|---|
| series held | $SERIES (5 targets, host and self) | ≈ 500 | — |
| CPU of the collector over $MINUTES min | $CPU_PCT % of one core | < $CPU_MAX_PCT % | $(verdict "$CPU_PCT < $CPU_MAX_PCT") |
| heap used, every 30 s (MiB) | ${HEAPS[*]} | stable | — |
| heap at the end / live after last GC | $HEAP_END MiB / $LIVE MiB | < $HEAP_MAX_MIB MiB | $(verdict "$HEAP_END < $HEAP_MAX_MIB") |
| snapshot latency ($ROUNDS rounds) | p50 $P50 ms, p99 $P99 ms | p99 ≤ $SNAPSHOT_P99_MAX_MS ms | $(verdict "$P99 <= $SNAPSHOT_P99_MAX_MS") |
| push ingest (c16) | $PUSH samples/s, p99 $PUSH_P99 ms a request, non-2xx $NON2XX | ≥ $PUSH_MIN | $(verdict "$PUSH >= $PUSH_MIN") |
EOT
)
say "summary (load average at start $LOAD_START, at end $LOAD_END)"
echo "$TABLE"
if [[ $APPEND == true ]]; then
  {
    printf '\n## metrics-collector (%s)\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'Machine: `%s`, %s cores, %s; commit %s; load average %s at start, %s at end.\n' \
      "$(uname -srm)" "$(nproc)" "$(java -version 2>&1 | head -1)" "$(git rev-parse --short HEAD)" "$LOAD_START" "$LOAD_END"
    printf 'Command: `%s`. CPU is utime + stime of the JVM over the run after a 30 s warm-up; snapshot\n' "$COMMAND"
    printf 'latency is read from its own `crowdpulse.metrics.snapshot.latency` histogram (PromQL-style interpolation).\n\n'
    echo "$TABLE"
  } >> bench/RESULTS.md
  say "appended to bench/RESULTS.md"
fi
