#!/usr/bin/env bash
# Builds the jsii packages of this library (Python, Java, Go; .NET source only) from the compiled
# assembly and runs the consumer test suites in consumers/ against them.
#
# Run from anywhere after `npx jsii` (or `npx projen compile`) has produced .jsii and lib/:
#   bash scripts/test-consumers.sh
#
# Needs: node (the repo's node_modules, aws-cdk included: each suite runs `cdk synth` on an app),
# python3 with venv, Java 17 + Maven, Go; network access to PyPI, Maven Central and the Go module
# proxy on a cold cache.
#
# Writes (all ignored by git): dist/{python,java,go,dotnet} (jsii-pacmak output), consumers/python/.venv/
# (Python venv), consumers/java/target/, test-reports/consumers/ (JUnit XML). Java's dependencies
# and the library jar go to the default local Maven repository (~/.m2/repository), Go's to the module
# cache (go env GOMODCACHE).
#
# Environment:
#   CONSUMERS_FRESH_VENV=1  recreate consumers/python/.venv even if its requirements did not change
#   CONSUMERS_SKIP=go,java  skip some languages (for local iteration only; CI runs all)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DIST=$ROOT/dist
# Under consumers/ so that `npm pack` (run by jsii-pacmak) leaves it out: .npmignore has /consumers/.
VENV=$ROOT/consumers/python/.venv
REPORTS=$ROOT/test-reports/consumers
LIB_VERSION=$(node -p 'require("./package.json").version')
# The jsii runtime prints a banner on every start when node is older than it likes.
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1

TIMINGS=()
TOTAL_START=$SECONDS

log() { printf '\n[consumers] %s\n' "$*"; }

# step NAME COMMAND...: runs the command, prints and records its elapsed seconds.
step() {
  local name=$1; shift
  local start=$SECONDS
  log "$name"
  "$@"
  local elapsed=$((SECONDS - start))
  TIMINGS+=("$(printf '%-28s %5ds' "$name" "$elapsed")")
  log "$name: done in ${elapsed}s"
}

skipped() { [[ ",${CONSUMERS_SKIP:-}," == *",$1,"* ]]; }
if [[ -n ${CONSUMERS_SKIP:-} && -n ${CI:-} ]]; then
  echo "error: CONSUMERS_SKIP is for local runs only; CI runs every consumer suite" >&2
  exit 1
fi

summary() {
  local rc=$?
  log "timings (total $((SECONDS - TOTAL_START))s)"
  local line
  for line in "${TIMINGS[@]}"; do echo "  $line"; done
  if [[ $rc -ne 0 ]]; then log "FAILED (exit $rc)"; fi
}
trap summary EXIT

if [[ ! -f .jsii || ! -f lib/index.js ]]; then
  echo "error: .jsii or lib/index.js is missing; compile first (npx jsii, or npx projen compile)" >&2
  exit 1
fi

pacmak() {
  # --no-npmignore: pacmak must not touch the projen-managed .npmignore.
  npx --no-install jsii-pacmak --no-npmignore --outdir "$DIST" "$@"
}

check_snippets() {
  python3 consumers/snippets.py --check
}

# --- jsii-pacmak, one target at a time so that each is timed --------------------------------
if ! skipped python; then step "pacmak python" pacmak --target python; fi
if ! skipped java; then step "pacmak java" pacmak --target java; fi
# Go: the generated module requires aws-cdk-go at the aws-cdk-lib version installed for development
# (2.278.0), which the Go module proxy does not serve (its newest is 2.277.0). Generate the source only and
# require the aws-cdk-go version the consumer pins (consumers/go/go.mod): the library's floor is 2.257.0,
# so the bindings it uses are there; `go test` below builds the generated module.
go_source() {
  pacmak --target go --code-only
  local pinned
  pinned=$(awk '$1 == "github.com/aws/aws-cdk-go/awscdk/v2" { print $2 }' consumers/go/go.mod)
  # Its indirect requirements are pinned at what aws-cdk-go 2.278.0 needs, which the proxy does not serve
  # either: leave them to the consumer's go.mod.
  local indirect
  indirect=$(awk '/\/\/ indirect/ { printf " -droprequire=%s", $1 }' "$DIST/go/cdkcompliantlambdatrail/go.mod")
  # shellcheck disable=SC2086
  (cd "$DIST/go/cdkcompliantlambdatrail" && go mod edit -require="github.com/aws/aws-cdk-go/awscdk/v2@$pinned" $indirect)
}
if ! skipped go; then step "pacmak go (source)" go_source; fi

# .NET: jsii-pacmak builds the NuGet package with the .NET SDK; without it, generate and check
# the C# source only (nothing compiles or runs it).
dotnet_source() {
  if command -v dotnet >/dev/null 2>&1; then
    pacmak --target dotnet
  else
    echo "no .NET SDK: generating C# source only (--code-only)"
    pacmak --target dotnet --code-only
    local src=$DIST/dotnet/CdkCompliantLambdaTrail
    local file
    for file in CdkCompliantLambdaTrail.csproj CdkCompliantLambdaTrail/CompliantLambdaTrail.cs \
      CdkCompliantLambdaTrail/CostLimitedLambdaTrail.cs CdkCompliantLambdaTrail/LambdaFunctionSelection.cs; do
      [[ -s $src/$file ]] || { echo "error: $src/$file was not generated" >&2; return 1; }
    done
    grep -q 'namespace CdkCompliantLambdaTrail' "$src/CdkCompliantLambdaTrail/CompliantLambdaTrail.cs"
  fi
}
if ! skipped dotnet; then step "pacmak dotnet (source)" dotnet_source; fi

step "README snippets in sync" check_snippets

# Every jsii package embeds the npm tarball (`npm pack` of this folder, filtered by .npmignore).
# A few hundred KB is expected; megabytes mean .npmignore lets in a venv, cdk.out or the like.
check_package_sizes() {
  local max_kb=5120 file kb ok=0
  for file in "$DIST"/python/*.whl "$DIST"/java/io/github/compliantlambdatrail/cdk-compliant-lambda-trail/"$LIB_VERSION"/*-"$LIB_VERSION".jar \
    "$DIST"/go/cdkcompliantlambdatrail/jsii/*.tgz; do
    [[ -f $file ]] || continue
    kb=$(( $(stat -c %s "$file") / 1024 ))
    echo "  ${kb} KB  ${file#"$ROOT"/}"
    if (( kb > max_kb )); then
      echo "error: ${file#"$ROOT"/} is ${kb} KB (limit ${max_kb} KB); check .npmignore (npm pack --dry-run lists what goes in)" >&2
      ok=1
    fi
  done
  return $ok
}
step "package sizes" check_package_sizes

# --- Python -------------------------------------------------------------------------------
python_venv() {
  local stamp=$VENV/.requirements.sha256
  local want
  want=$(sha256sum consumers/python/requirements.txt | cut -d' ' -f1)
  if [[ ${CONSUMERS_FRESH_VENV:-} == 1 || ! -x $VENV/bin/python || ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r consumers/python/requirements.txt
    echo "$want" > "$stamp"
  fi
  local wheels=("$DIST"/python/cdk_compliant_lambda_trail-"$LIB_VERSION"-py3-none-any.whl)
  [[ -f ${wheels[0]} ]] || { echo "error: no wheel in $DIST/python" >&2; return 1; }
  # The library always from this build, never from a cache; its dependencies are already in.
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "${wheels[0]}"
  "$VENV/bin/pip" check
}
python_tests() {
  # pytest exits 5 when it collects no test, which fails this script like any other failure.
  "$VENV/bin/python" -m pytest consumers/python/test_consumer.py -p no:cacheprovider -ra \
    --junitxml="$REPORTS/python.xml"
}
if ! skipped python; then
  step "python venv + pip" python_venv
  step "pytest" python_tests
fi

# --- Java ---------------------------------------------------------------------------------
java_install() {
  local dir=$DIST/java/io/github/compliantlambdatrail/cdk-compliant-lambda-trail/$LIB_VERSION
  local base=$dir/cdk-compliant-lambda-trail-$LIB_VERSION
  [[ -f $base.jar && -f $base.pom ]] || { echo "error: no jar/pom in $dir" >&2; return 1; }
  # Overwrites any earlier build of the same version in the local repository.
  mvn -B -q -ntp install:install-file -Dfile="$base.jar" -DpomFile="$base.pom"
}
java_tests() {
  # Surefire's failIfNoTests (pom.xml) fails a run that executes no test.
  mvn -B -ntp -f consumers/java/pom.xml test -Dlibrary.version="$LIB_VERSION"
  mkdir -p "$REPORTS/java"
  cp consumers/java/target/surefire-reports/*.xml "$REPORTS/java/"
}
if ! skipped java; then
  step "java install jar" java_install
  step "mvn test" java_tests
fi

# --- Go -----------------------------------------------------------------------------------
go_tests() {
  local out
  out=$(mktemp)
  # go.mod replaces the library's module with $DIST/go/cdkcompliantlambdatrail.
  (cd consumers/go && go test -count=1 -v ./...) 2>&1 | grep -v '^!!' | tee "$out"
  # `go test` exits 0 when a package has no test: require at least one passing test.
  if ! grep -q '^--- PASS' "$out" || grep -q 'no test files' "$out"; then
    echo "error: go test ran no test" >&2
    return 1
  fi
}
if ! skipped go; then step "go test" go_tests; fi

log "all consumer suites passed"
