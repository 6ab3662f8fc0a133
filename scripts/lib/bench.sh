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
  echo "==> Building a release binary"
  swift build -c release --product inspectorate
  INSPECTORATE_BIN="$(swift build -c release --show-bin-path)/inspectorate"
  export INSPECTORATE_BIN
}
