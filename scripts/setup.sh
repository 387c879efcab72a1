#!/usr/bin/env bash
# Creates the virtual environment with Python 3.10 and installs the pinned dependencies.
set -euo pipefail
venv=${1:-.venv}
here=$(cd "$(dirname "$0")/.." && pwd)
python=$("$here/scripts/find-python.sh")
if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv with $python"
  "$python" -m venv "$venv"
fi
echo "installing pinned dependencies (a few minutes the first time)..."
# The machine's pip configuration names local wheel folders that may not exist: hide that noise.
quiet() { "$@" 2> >(grep -v "is ignored: it is neither" >&2); }
quiet "$venv/bin/python" -m pip install --quiet --upgrade "pip==24.0"
quiet "$venv/bin/python" -m pip install --quiet -r "$here/requirements-dev.txt" -c "$here/constraints.txt"
"$venv/bin/python" -m pip check
# Telemetry off in Rasa's own configuration too, not only through the environment.
RASA_TELEMETRY_ENABLED=false "$venv/bin/python" -m rasa telemetry disable >/dev/null 2>&1 || true
echo "dependencies installed"
