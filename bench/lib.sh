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
