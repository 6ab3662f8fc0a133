# Python test tools in a private virtual environment, .build/venv. Sourced, not run.

# Creates the environment and installs Tests/tools/requirements.txt from PyPI when anything is
# missing; says clearly and stops when it cannot. Exports INSPECTORATE_PYTHON for the tests.
ensure_python_tools() {
  local venv=.build/venv
  if ! command -v python3 >/dev/null 2>&1; then apt_install python3 python3-venv python3-pip; fi
  if [[ ! -x $venv/bin/python ]]; then
    echo "==> Creating the Python environment for test tools ($venv)"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
      apt_install python3-venv
      python3 -m venv "$venv" || { echo "error: could not create a Python virtual environment in $venv." >&2; exit 1; }
    fi
  fi
  if ! cmp -s Tests/tools/requirements.txt "$venv/.installed-requirements"; then
    echo "==> Installing Python test tools from PyPI: $(grep -v '^#' Tests/tools/requirements.txt | tr '\n' ' ')"
    if ! "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/tools/requirements.txt; then
      echo "error: could not install the Python test tools from PyPI (see above); the OpenAPI and browser tests need them." >&2
      exit 1
    fi
    cp Tests/tools/requirements.txt "$venv/.installed-requirements"
  fi
  INSPECTORATE_PYTHON="$(pwd)/$venv/bin/python"
  export INSPECTORATE_PYTHON
}

# The wapiti web scanner, in its own environment (.build/venv-wapiti) because its pinned
# libraries differ from the other tools'. Exports INSPECTORATE_WAPITI for Tests/e2e/scanner.py.
ensure_wapiti() {
  local venv=.build/venv-wapiti requirements=Tests/tools/wapiti-requirements.txt
  if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv" || { echo "error: could not create a Python virtual environment in $venv." >&2; exit 1; }
  fi
  if ! cmp -s $requirements "$venv/.installed-requirements"; then
    echo "==> Installing the wapiti web scanner from PyPI: $(grep -v '^#' $requirements | tr '\n' ' ')"
    if ! "$venv/bin/pip" install --quiet --disable-pip-version-check -r $requirements; then
      echo "error: could not install wapiti from PyPI (see above); the scanner suite needs it." >&2
      exit 1
    fi
    cp $requirements "$venv/.installed-requirements"
  fi
  INSPECTORATE_WAPITI="$(pwd)/$venv/bin/wapiti"
  export INSPECTORATE_WAPITI
}
