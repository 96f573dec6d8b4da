# shellcheck shell=bash
# Shared environment preparation for .ci/run and bin/stack: makes sure Redis
# and PostgreSQL answer on this machine and that the crowdpulse role and
# database exist. Sourced, never executed; callers set `set -euo pipefail`.
#
# Settings (environment, with defaults):
#   CROWDPULSE_REDIS_HOST=127.0.0.1  CROWDPULSE_REDIS_PORT=6379
#   CROWDPULSE_PG_HOST=127.0.0.1     CROWDPULSE_PG_PORT=5432
#   CROWDPULSE_DB_NAME=crowdpulse    CROWDPULSE_DB_USER=crowdpulse
#   CROWDPULSE_DB_PASSWORD=crowdpulse
#   CROWDPULSE_INFRA_INSTALL=0       1: install missing servers with apt-get
#   CROWDPULSE_INFRA_WAIT=60         seconds to wait for a server to answer
#
# A server is started (or installed) only when it is meant to be local: host
# 127.0.0.1/localhost/::1 and the standard port. Anything else is the
# operator's to start; the functions then say so and return 1.
# Servers started here are left running: they are shared, not ours to stop.

CROWDPULSE_REDIS_HOST=${CROWDPULSE_REDIS_HOST:-127.0.0.1}
CROWDPULSE_REDIS_PORT=${CROWDPULSE_REDIS_PORT:-6379}
CROWDPULSE_PG_HOST=${CROWDPULSE_PG_HOST:-127.0.0.1}
CROWDPULSE_PG_PORT=${CROWDPULSE_PG_PORT:-5432}
CROWDPULSE_DB_NAME=${CROWDPULSE_DB_NAME:-crowdpulse}
CROWDPULSE_DB_USER=${CROWDPULSE_DB_USER:-crowdpulse}
CROWDPULSE_DB_PASSWORD=${CROWDPULSE_DB_PASSWORD:-crowdpulse}
CROWDPULSE_INFRA_INSTALL=${CROWDPULSE_INFRA_INSTALL:-0}
CROWDPULSE_INFRA_WAIT=${CROWDPULSE_INFRA_WAIT:-60}

_INFRA_APT_UPDATED=0

infra_say() { printf '==> %s\n' "$*"; }
infra_warn() { printf '!!  %s\n' "$*" >&2; }

_infra_is_local_host() {
    case "$1" in 127.0.0.1 | localhost | ::1) return 0 ;; *) return 1 ;; esac
}

# True when something accepts TCP connections on host:port.
infra_port_open() {
    # shellcheck disable=SC2016 # $1/$2 expand in the inner bash
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# Installs Debian packages; needs root and CROWDPULSE_INFRA_INSTALL=1.
_infra_apt_install() {
    if [[ "$CROWDPULSE_INFRA_INSTALL" != 1 ]]; then
        infra_warn "$* is not installed (set CROWDPULSE_INFRA_INSTALL=1 to let this script apt-get install it)"
        return 1
    fi
    if [[ $(id -u) -ne 0 ]]; then
        infra_warn "$* is not installed and installing it needs root: apt-get install -y $*"
        return 1
    fi
    if [[ "$_INFRA_APT_UPDATED" != 1 ]]; then
        infra_say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -q
        _INFRA_APT_UPDATED=1
    fi
    infra_say "apt-get install -y --no-upgrade $*"
    # Package scripts may start the server: it must not inherit our descriptors.
    # --no-upgrade: a package that is already there stays at its version.
    DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 _infra_daemon apt-get install -y -q --no-upgrade "$@" </dev/null
}

# Runs a command that leaves a daemon behind, with descriptors 3-9 closed so
# the daemon does not keep the caller's files open (bin/stack's lock is fd 9).
_infra_daemon() {
    "$@" 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
}

# Polls "$@" once a second until it succeeds or CROWDPULSE_INFRA_WAIT passes.
_infra_wait_for() {
    local what=$1 deadline=$((SECONDS + CROWDPULSE_INFRA_WAIT))
    shift
    until "$@"; do
        if ((SECONDS >= deadline)); then
            infra_warn "$what did not answer within ${CROWDPULSE_INFRA_WAIT}s"
            return 1
        fi
        sleep 1
    done
}

# ---------------------------------------------------------------- Redis ----

redis_ready() {
    local reply
    if command -v redis-cli >/dev/null 2>&1; then
        reply=$(timeout 3 redis-cli -h "$CROWDPULSE_REDIS_HOST" -p "$CROWDPULSE_REDIS_PORT" ping 2>/dev/null) || return 1
    else
        # No client installed (e.g. Redis runs in a container): speak RESP directly.
        # shellcheck disable=SC2016 # $1/$2 expand in the inner bash
        reply=$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "PING\r\n" >&3 && head -c 5 <&3' \
            _ "$CROWDPULSE_REDIS_HOST" "$CROWDPULSE_REDIS_PORT" 2>/dev/null) || return 1
    fi
    [[ "$reply" == *PONG* ]]
}

redis_start_hint() {
    cat >&2 <<EOF
    Redis is not reachable at $CROWDPULSE_REDIS_HOST:$CROWDPULSE_REDIS_PORT. Start it with one of:
      mkdir -p /var/lib/redis /var/log/redis && redis-server --daemonize yes --bind 127.0.0.1 -::1 --port $CROWDPULSE_REDIS_PORT --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
      bin/stack keys && docker compose --env-file .stack/keys.env up -d redis postgres
    (or point CROWDPULSE_REDIS_HOST / CROWDPULSE_REDIS_PORT at a running one)
EOF
}

_redis_start() {
    infra_say "starting redis-server on 127.0.0.1:6379 (log /var/log/redis/ci.log)"
    mkdir -p /var/lib/redis /var/log/redis || return 1
    _infra_daemon redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log
}

ensure_redis() {
    infra_say "checking Redis at $CROWDPULSE_REDIS_HOST:$CROWDPULSE_REDIS_PORT"
    if redis_ready; then
        infra_say "Redis answers PONG"
        return 0
    fi
    if ! _infra_is_local_host "$CROWDPULSE_REDIS_HOST" || [[ "$CROWDPULSE_REDIS_PORT" != 6379 ]]; then
        infra_warn "Redis does not answer at $CROWDPULSE_REDIS_HOST:$CROWDPULSE_REDIS_PORT (not the local default, so not starting one)"
        redis_start_hint
        return 1
    fi
    if infra_port_open "$CROWDPULSE_REDIS_HOST" "$CROWDPULSE_REDIS_PORT"; then
        # Something holds the port but does not answer PING: starting another would fail.
        infra_warn "port $CROWDPULSE_REDIS_PORT is open but does not answer a Redis PING; still waiting for it"
    else
        if ! command -v redis-server >/dev/null 2>&1; then
            infra_say "redis-server is not installed"
            _infra_apt_install redis-server || { redis_start_hint; return 1; }
        fi
        # The package's own init script may already have started it.
        if ! redis_ready; then
            _redis_start || { infra_warn "redis-server failed to start"; redis_start_hint; return 1; }
        fi
    fi
    if ! _infra_wait_for "Redis" redis_ready; then
        redis_start_hint
        return 1
    fi
    infra_say "Redis answers PONG"
}

# ----------------------------------------------------------- PostgreSQL ----

postgres_ready() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -t 3 -h "$CROWDPULSE_PG_HOST" -p "$CROWDPULSE_PG_PORT"
    else
        infra_port_open "$CROWDPULSE_PG_HOST" "$CROWDPULSE_PG_PORT"
    fi
}

# Newest PostgreSQL cluster version configured here (the name of a directory
# in /etc/postgresql), or nothing.
_pg_cluster_version() {
    [[ -d /etc/postgresql ]] || return 0
    find /etc/postgresql -mindepth 2 -maxdepth 2 -name main -type d -printf '%P\n' 2>/dev/null |
        cut -d/ -f1 | sort -V | tail -n 1
}

# Newest PostgreSQL server version installed (from /usr/lib/postgresql), or nothing.
_pg_server_version() {
    [[ -d /usr/lib/postgresql ]] || return 0
    find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' -printf '%P\n' 2>/dev/null |
        cut -d/ -f1 | sort -V | tail -n 1
}

postgres_start_hint() {
    local version
    version=$(_pg_cluster_version)
    cat >&2 <<EOF
    PostgreSQL is not reachable at $CROWDPULSE_PG_HOST:$CROWDPULSE_PG_PORT. Start it with one of:
      pg_ctlcluster --skip-systemctl-redirect ${version:-15} main start
      bin/stack keys && docker compose --env-file .stack/keys.env up -d redis postgres
    (or point CROWDPULSE_PG_HOST / CROWDPULSE_PG_PORT at a running one)
EOF
}

_postgres_start() {
    local version rc=0
    version=$(_pg_cluster_version)
    if [[ -z "$version" ]]; then
        version=$(_pg_server_version)
        [[ -n "$version" ]] || { infra_warn "no PostgreSQL server found under /usr/lib/postgresql"; return 1; }
        infra_say "creating PostgreSQL cluster $version/main"
        pg_createcluster "$version" main || return 1
    fi
    infra_say "starting PostgreSQL: pg_ctlcluster --skip-systemctl-redirect $version main start"
    _infra_daemon pg_ctlcluster --skip-systemctl-redirect "$version" main start || rc=$?
    # Exit code 2 means "already running", which is what we want.
    [[ $rc -eq 0 || $rc -eq 2 ]]
}

ensure_postgres() {
    infra_say "checking PostgreSQL at $CROWDPULSE_PG_HOST:$CROWDPULSE_PG_PORT"
    if postgres_ready; then
        infra_say "PostgreSQL accepts connections"
        return 0
    fi
    if ! _infra_is_local_host "$CROWDPULSE_PG_HOST" || [[ "$CROWDPULSE_PG_PORT" != 5432 ]]; then
        infra_warn "PostgreSQL does not answer at $CROWDPULSE_PG_HOST:$CROWDPULSE_PG_PORT (not the local default, so not starting one)"
        postgres_start_hint
        return 1
    fi
    if [[ -z "$(_pg_server_version)" ]] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
        infra_say "PostgreSQL server is not installed"
        _infra_apt_install postgresql || { postgres_start_hint; return 1; }
    fi
    # The package's own init script may already have started it.
    if ! postgres_ready; then
        _postgres_start || { infra_warn "PostgreSQL failed to start"; postgres_start_hint; return 1; }
    fi
    if ! _infra_wait_for "PostgreSQL" postgres_ready; then
        postgres_start_hint
        return 1
    fi
    infra_say "PostgreSQL accepts connections"
}

# Runs psql as the postgres superuser with the given arguments. Tries the
# local socket as the postgres OS user first (what a default Debian install
# allows), then TCP as user postgres (trust or ~/.pgpass).
_PG_SUPER_MODE=

_pg_super_try() {
    case "$1" in
        socket) (cd / && runuser -u postgres -- psql -X -q -At -v ON_ERROR_STOP=1 -p "$CROWDPULSE_PG_PORT" "${@:2}") ;;
        sudo) (cd / && sudo -n -u postgres psql -X -q -At -v ON_ERROR_STOP=1 -p "$CROWDPULSE_PG_PORT" "${@:2}") ;;
        tcp) PGCONNECT_TIMEOUT=5 psql -X -q -At -v ON_ERROR_STOP=1 -w -h "$CROWDPULSE_PG_HOST" -p "$CROWDPULSE_PG_PORT" -U postgres "${@:2}" ;;
    esac
}

pg_super() {
    local mode
    if [[ -z "$_PG_SUPER_MODE" ]]; then
        for mode in socket sudo tcp; do
            if [[ $mode != tcp ]]; then
                # The socket is only ours on this machine; runuser needs root, sudo does not.
                if ! _infra_is_local_host "$CROWDPULSE_PG_HOST" || ! id postgres >/dev/null 2>&1; then continue; fi
                if [[ $mode == socket ]]; then
                    [[ $(id -u) -eq 0 ]] || continue
                else
                    if [[ $(id -u) -eq 0 ]] || ! command -v sudo >/dev/null 2>&1; then continue; fi
                fi
            fi
            if _pg_super_try "$mode" -d postgres -c 'select 1' >/dev/null 2>&1; then
                _PG_SUPER_MODE=$mode
                break
            fi
        done
        if [[ -z "$_PG_SUPER_MODE" ]]; then
            infra_warn "cannot connect to PostgreSQL as superuser postgres (tried: local socket as OS user postgres, sudo -u postgres, TCP -U postgres)"
            return 1
        fi
    fi
    _pg_super_try "$_PG_SUPER_MODE" "$@"
}

# True when the application user can log in over TCP with its password.
crowdpulse_db_login() {
    PGPASSWORD=$CROWDPULSE_DB_PASSWORD PGCONNECT_TIMEOUT=5 psql -X -q -At -w \
        -h "$CROWDPULSE_PG_HOST" -p "$CROWDPULSE_PG_PORT" -U "$CROWDPULSE_DB_USER" -d "$CROWDPULSE_DB_NAME" \
        -c 'select 1'
}

# Adds a password line for the application user in front of pg_hba.conf and
# reloads. Last resort when the installed rules refuse it; local servers only.
_pg_allow_password_login() {
    local hba line
    hba=$(pg_super -d postgres -c 'show hba_file') || return 1
    line="host $CROWDPULSE_DB_NAME $CROWDPULSE_DB_USER 127.0.0.1/32 scram-sha-256"
    if grep -qxF "$line" "$hba" 2>/dev/null; then
        return 1
    fi
    [[ -w "$hba" ]] || { infra_warn "cannot edit $hba to allow password login"; return 1; }
    infra_say "adding '$line' to $hba and reloading"
    { printf '# added by crowdpulse bin/lib/infra.sh\n%s\n' "$line"; cat "$hba"; } >"$hba.crowdpulse.tmp"
    # Keep the owner and mode of the original file.
    chown --reference="$hba" "$hba.crowdpulse.tmp" && chmod --reference="$hba" "$hba.crowdpulse.tmp"
    mv -f "$hba.crowdpulse.tmp" "$hba"
    pg_super -d postgres -c 'select pg_reload_conf()' >/dev/null
}

ensure_database() {
    local user=$CROWDPULSE_DB_USER db=$CROWDPULSE_DB_NAME owner
    infra_say "ensuring role '$user' and database '$db' exist"
    if crowdpulse_db_login >/dev/null 2>&1; then
        infra_say "'$user' can already log in to '$db' with its password"
        return 0
    fi
    pg_super -d postgres -c 'select 1' >/dev/null || return 1

    if [[ -z "$(pg_super -d postgres -v u="$user" <<<"select 1 from pg_roles where rolname = :'u'")" ]]; then
        infra_say "creating role $user (LOGIN, password '$CROWDPULSE_DB_PASSWORD')"
        pg_super -d postgres -v u="$user" -v p="$CROWDPULSE_DB_PASSWORD" <<<"create role :\"u\" login password :'p'" || return 1
    else
        infra_say "role $user exists"
    fi

    owner=$(pg_super -d postgres -v d="$db" <<<"select pg_get_userbyid(datdba) from pg_database where datname = :'d'") || return 1
    if [[ -z "$owner" ]]; then
        infra_say "creating database $db owned by $user"
        pg_super -d postgres -v d="$db" -v u="$user" <<<"create database :\"d\" owner :\"u\"" || return 1
    elif [[ "$owner" != "$user" ]]; then
        infra_say "database $db exists (owner $owner); granting $user CONNECT, CREATE, TEMP on it"
        pg_super -d postgres -v d="$db" -v u="$user" <<<"grant connect, create, temporary on database :\"d\" to :\"u\"" || return 1
    else
        infra_say "database $db exists (owner $user)"
    fi

    infra_say "verifying: PGPASSWORD=*** psql -h $CROWDPULSE_PG_HOST -p $CROWDPULSE_PG_PORT -U $user -d $db -c 'select 1'"
    if crowdpulse_db_login >/dev/null 2>&1; then
        infra_say "'$user' logs in to '$db' with its password"
        return 0
    fi
    # The role existed with another password or without LOGIN: make it match.
    infra_say "password login failed; setting LOGIN and the expected password on role $user"
    pg_super -d postgres -v u="$user" -v p="$CROWDPULSE_DB_PASSWORD" <<<"alter role :\"u\" login password :'p'" || return 1
    if crowdpulse_db_login >/dev/null 2>&1; then
        infra_say "'$user' logs in to '$db' with its password"
        return 0
    fi
    if _infra_is_local_host "$CROWDPULSE_PG_HOST" && _pg_allow_password_login && crowdpulse_db_login >/dev/null 2>&1; then
        infra_say "'$user' logs in to '$db' with its password"
        return 0
    fi
    infra_warn "'$user' still cannot log in to '$db' over TCP; psql says:"
    crowdpulse_db_login >&2 || true
    return 1
}
