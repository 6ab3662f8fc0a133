# Shared helpers for the scripts in scripts/. Sourced, not run.

# Finds the Swift toolchain: on PATH, or at /opt/swift where this project's machines keep it.
ensure_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    if [[ -x /opt/swift/usr/bin/swift ]]; then
      export PATH="/opt/swift/usr/bin:$PATH"
    else
      echo "error: the Swift toolchain is not installed (looked on PATH and in /opt/swift)." >&2
      exit 1
    fi
  fi
}

# Runs apt-get as root, or through sudo; says clearly when neither is possible.
apt_install() {
  local runner=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then runner=(sudo); else
      echo "error: need to install $*, but this is not root and sudo is missing; install them and run again." >&2
      exit 1
    fi
  fi
  echo "==> Installing $* from Debian's packages"
  if ! "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null ||
     ! "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; then
    echo "error: could not install $* with apt-get; install them by hand and run again." >&2
    exit 1
  fi
}

# Debian's Chromium, which the browser tests drive headless through Playwright.
ensure_chromium() {
  export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
  if [[ ! -x $CHROMIUM ]]; then
    apt_install chromium
    [[ -x $CHROMIUM ]] || { echo "error: chromium was installed but $CHROMIUM is missing; set CHROMIUM to its path." >&2; exit 1; }
  fi
}
