# Starts a private PostgreSQL for the tests, installing Debian's postgresql when it is missing.
# Sourced by scripts/test. Sets INSPECTORATE_TEST_POSTGRES_URL and registers a stop on exit.
#
# The cluster lives under .build/postgres, listens only on 127.0.0.1, trusts local
# connections (it holds nothing but test data) and runs with fsync off for speed.

POSTGRES_PORT=${POSTGRES_PORT:-54329}

postgres_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_test_postgres() {
  if [[ -n ${INSPECTORATE_TEST_POSTGRES_URL:-} ]]; then
    echo "==> Using the PostgreSQL given in INSPECTORATE_TEST_POSTGRES_URL"
    return
  fi
  local bin
  bin=$(postgres_bin_dir)
  if [[ -z $bin || ! -x $bin/initdb ]]; then
    apt_install postgresql
    bin=$(postgres_bin_dir)
    [[ -x $bin/initdb ]] || { echo "error: postgresql installed but initdb was not found" >&2; exit 1; }
  fi

  local data="$PWD/.build/postgres"
  # PostgreSQL refuses to run as root; as root, the cluster belongs to the postgres user.
  local as=()
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { echo "error: running as root but there is no postgres user to own the test cluster" >&2; exit 1; }
    as=(runuser -u postgres --)
  fi
  mkdir -p "$data"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$data"
  chmod 700 "$data"
  if [[ ! -f $data/PG_VERSION ]]; then
    echo "==> Creating a test PostgreSQL cluster in $data"
    "${as[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$data.initdb.log" 2>&1 ||
      { cat "$data.initdb.log" >&2; echo "error: initdb failed" >&2; exit 1; }
  fi
  if ! "${as[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "==> Starting PostgreSQL on 127.0.0.1:$POSTGRES_PORT"
    "${as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $POSTGRES_PORT -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { tail -n 20 "$data/server.log" >&2; echo "error: PostgreSQL did not start" >&2; exit 1; }
    POSTGRES_STARTED_HERE=1
    trap stop_test_postgres EXIT
  fi
  "${as[@]}" "$bin/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'inspectorate_test'" | grep -q 1 ||
    "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres inspectorate_test
  export INSPECTORATE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$POSTGRES_PORT/inspectorate_test?sslmode=disable"
  POSTGRES_DATA=$data
  POSTGRES_AS=("${as[@]}")
  POSTGRES_BIN=$bin
}

stop_test_postgres() {
  if [[ -n ${POSTGRES_STARTED_HERE:-} ]]; then
    "${POSTGRES_AS[@]}" "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DATA" -m fast stop >/dev/null 2>&1 || true
  fi
}
