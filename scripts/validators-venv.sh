#!/usr/bin/env bash
# Creates .venv-validators: the Python validators that test/validators runs on synthesized
# templates (cfn-lint, checkov), pinned so that a new release cannot change the findings.
# Idempotent: does nothing when the venv already has these exact versions.
set -euo pipefail

CFN_LINT_VERSION=1.58.0
CHECKOV_VERSION=3.3.30

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${VALIDATORS_VENV:-$root/.venv-validators}"
stamp="$venv/.pinned"
want="cfn-lint==$CFN_LINT_VERSION checkov==$CHECKOV_VERSION"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$venv/bin/cfn-lint" && -x "$venv/bin/checkov" ]]; then
  echo "validators venv up to date: $venv ($want)"
  exit 0
fi

python="${PYTHON:-python3}"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
# shellcheck disable=SC2086
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check $want
"$venv/bin/cfn-lint" --version
"$venv/bin/checkov" --version
echo "$want" > "$stamp"
echo "validators venv ready: $venv ($want)"
