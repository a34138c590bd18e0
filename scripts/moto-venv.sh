#!/usr/bin/env bash
# Creates cli/.venv-moto: moto's server, the local AWS emulator the CLI's tests audit (no AWS account
# is reachable from CI), pinned so that a new release cannot change what the tests see.
# Idempotent: does nothing when the venv already has this exact version.
set -euo pipefail

MOTO_VERSION=5.2.5

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${MOTO_VENV:-$root/cli/.venv-moto}"
stamp="$venv/.pinned"
want="moto[server]==$MOTO_VERSION"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$venv/bin/moto_server" ]]; then
  echo "moto venv up to date: $venv ($want)"
  exit 0
fi

python="${PYTHON:-python3}"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$want"
"$venv/bin/python" -c 'import moto; print("moto", moto.__version__)'
echo "$want" > "$stamp"
echo "moto venv ready: $venv ($want)"
