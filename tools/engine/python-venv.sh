#!/usr/bin/env bash
# The Python environment the engine's Python programs run in (tools/engine/language-python): a venv in
# .tools/engine/python with the pinned Pulumi Python SDK (tools/engine/python-requirements.txt, every file
# hash-checked, wheels only), made once: a venv whose stamp matches the requirements and the interpreter is
# kept, so a second run takes well under a second.
# The SDK is 3.272.0, not the CLI's 3.274.1: the newest release PyPI serves (3.273.0 only as pre-releases).
# Needs python3 (3.10 or later, with venv) and PyPI; nothing else is downloaded.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.tools/engine/python"
requirements="$here/python-requirements.txt"
python="${PULUMI_ENGINE_PYTHON:-python3}"

want="$("$python" -c 'import sys; print(sys.version)' | head -1) $(sha256sum "$requirements" | cut -c1-16)"
if [[ -x "$venv/bin/python" && -f "$venv.stamp" && "$(cat "$venv.stamp")" == "$want" ]]; then
  exit 0
fi
echo "engine: making the Python venv .tools/engine/python (first time takes a minute)" >&2
start=$SECONDS
rm -rf "$venv" "$venv.stamp"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
  --require-hashes --only-binary=:all: --no-deps -r "$requirements"
echo "$want" >"$venv.stamp"
echo "engine: made the Python venv in $((SECONDS - start)) s" >&2
