#!/usr/bin/env bash
# Proves the library on its aws-cdk-lib floor (2.257.0, the peer dependency's lower bound): packs the
# compiled library (run after the jsii compile), installs it beside aws-cdk-lib 2.257.0 in a scratch
# copy of compat/floor, and runs the node:test suite there (with the acknowledgement matrix of
# compat/acknowledgements, through the CDK CLI).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start=$SECONDS
cp "$root/compat/floor/package.json" "$root/compat/floor/floor.test.js" "$root/compat/acknowledgements/matrix.js" "$work/"
tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
(cd "$work" && npm install --no-audit --no-fund --silent "./$tarball")
# The acknowledgement matrix runs the CDK CLI of the repository (the one users run today) on apps
# that load aws-cdk-lib 2.257.0 from the scratch directory.
(cd "$work" && CDK_CLI="$root/node_modules/aws-cdk/bin/cdk" node --test floor.test.js)
echo "floor check (aws-cdk-lib 2.257.0) took $((SECONDS - start))s"
