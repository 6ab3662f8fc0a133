# Shared set-up for scripts/bench and scripts/load. Sourced, not run.

# A release build, wrk and sqlite3 from Debian's packages, and pandas and requests from PyPI in
# .build/venv-bench; says clearly and stops when any cannot be had.
prepare_benchmarks() {
  ensure_swift
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
  command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-venv)
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
  local venv=.build/venv-bench
  if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv" || { apt_install python3-venv && python3 -m venv "$venv"; } ||
      { echo "error: could not create a Python virtual environment in $venv." >&2; exit 1; }
  fi
  if ! cmp -s benchmarks/requirements.txt "$venv/.installed-requirements"; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r benchmarks/requirements.txt ||
      { echo "error: could not install the benchmarks' Python tools from PyPI (see above)." >&2; exit 1; }
    cp benchmarks/requirements.txt "$venv/.installed-requirements"
  fi
  BENCH_PYTHON="$(pwd)/$venv/bin/python"
  start_bench_postgres
  echo "==> Building a release binary"
  swift build -c release --product inspectorate
  INSPECTORATE_BIN="$(swift build -c release --show-bin-path)/inspectorate"
  export INSPECTORATE_BIN
}

# A PostgreSQL for the load test on its own port and data directory, with the durability the
# tests' cluster turns off (fsync, synchronous commit, full-page writes all on, as in
# production), so saves per second on PostgreSQL mean what they would in service. Sets
# BENCH_POSTGRES_URL (a database the load test may empty) and stops the cluster on exit.
start_bench_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z $bin || ! -x $bin/initdb ]]; then
    apt_install postgresql
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -x $bin/initdb ]] || { echo "error: postgresql installed but initdb was not found" >&2; exit 1; }
  fi
  local data="$PWD/.build/postgres-bench" port=${BENCH_POSTGRES_PORT:-54339} as=()
  if [[ $(id -u) -eq 0 ]]; then as=(runuser -u postgres --); fi
  mkdir -p "$data"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$data"
  chmod 700 "$data"
  if [[ ! -f $data/PG_VERSION ]]; then
    "${as[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$data.initdb.log" 2>&1 ||
      { cat "$data.initdb.log" >&2; echo "error: initdb failed for the benchmarks' PostgreSQL" >&2; exit 1; }
  fi
  if ! "${as[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "==> Starting a durable PostgreSQL for the load test on 127.0.0.1:$port"
    "${as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port -k $data" start >/dev/null ||
      { tail -n 20 "$data/server.log" >&2; echo "error: the benchmarks' PostgreSQL did not start" >&2; exit 1; }
    # shellcheck disable=SC2064  # expanded now: the locals are gone when the trap runs
    trap "$(printf '%q ' "${as[@]}" "$bin/pg_ctl" -D "$data" -m fast stop) >/dev/null 2>&1 || true" EXIT
  fi
  export BENCH_POSTGRES_ADMIN_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
  export BENCH_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/inspectorate_bench?sslmode=disable"
}
