# Shared by the bench scripts (sourced, after `cd` to the repository root).

# Redis and PostgreSQL as bin/stack and .ci/run want them: started if installed but down, the crowdpulse
# role and database created if missing; otherwise it says what is missing and the script stops.
bench_infra() {
  # shellcheck source=bin/lib/infra.sh
  source bin/lib/infra.sh
  ensure_redis || { echo "error: Redis is not available at 127.0.0.1:6379" >&2; exit 1; }
  ensure_postgres || { echo "error: PostgreSQL is not available at 127.0.0.1:5432" >&2; exit 1; }
  ensure_database || { echo "error: the crowdpulse database is not usable (user/password crowdpulse)" >&2; exit 1; }
}

# bench_session_prerequisites JAR: wrk (installed with apt-get if missing), the other tools the
# session-service benches use, Redis and PostgreSQL, and session-service's jar (built if missing).
bench_session_prerequisites() {
  local jar=$1 tool
  if ! command -v wrk >/dev/null; then
    printf '\n==> %s\n' "wrk is missing: installing it with apt-get (apt-get update && apt-get install -y wrk)"
    apt-get update -q && apt-get install -y -q wrk
  fi
  for tool in java curl redis-cli psql ss awk; do
    command -v "$tool" >/dev/null || { echo "error: $tool is needed" >&2; exit 1; }
  done
  bench_infra
  if [[ ! -f $jar ]]; then
    printf '\n==> %s\n' "$jar is missing: building it (./mvnw -B -q -pl common,session-service install -DskipTests)"
    ./mvnw -B -q -pl common,session-service install -DskipTests
  fi
}
