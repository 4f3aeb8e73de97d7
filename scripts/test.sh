#!/usr/bin/env bash
# Runs every test and benchmark-free check. Installs and starts what the tests need by itself:
# Debian's chromium (Playwright drives it), npm maildev (a real SMTP server the tests start on loopback ports).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium (Debian) for the browser tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if [ ! -x "$root/.tools/node_modules/.bin/maildev" ]; then
  echo "== installing maildev (npm) as the SMTP server for the email tests"
  npm install --silent --no-audit --no-fund --prefix "$root/.tools" maildev@2.2.1 >/dev/null
fi

export MAILDEV_BIN="$root/.tools/node_modules/.bin/maildev"
export CHROMIUM_PATH="$(command -v chromium)"

echo "== building (Release)"
dotnet build Serverless.sln -c Release -nologo -clp:ErrorsOnly

echo "== running tests"
log=$(mktemp)
set +e
dotnet test Serverless.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line for CI, summed over the test projects.
sum_of() { grep -oE "$1: +[0-9]+" "$log" | awk '{s += $2} END {print s + 0}'; }
passed=$(sum_of Passed)
failed=$(sum_of Failed)
skipped=$(sum_of Skipped)
rm -f "$log"
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "${passed:-0}" -eq 0 ]; then echo "no test ran"; exit 1; fi
