#!/usr/bin/env bash
# Runs every test and benchmark-free check. Installs and starts what the tests need by itself:
# Debian's chromium (Playwright drives it), npm maildev (a real SMTP server the tests start on loopback ports), npm azurite (Blob Storage for the report archive),
# npm oidc-provider (the OpenID provider the sign-in tests start on loopback; tests/TestSupport/Services/oidc/provider.mjs),
# Debian's postgresql (one cluster for the whole run, TEST_POSTGRES; each test makes its own database in it).
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

if [ ! -x "$root/.tools/node_modules/.bin/azurite" ]; then
  echo "== installing azurite (npm) as the Blob Storage emulator for the monthly-report tests"
  npm install --silent --no-audit --no-fund --prefix "$root/.tools" azurite@3.37.0 >/dev/null
fi

if [ ! -f "$root/.tools/node_modules/oidc-provider/package.json" ]; then
  echo "== installing oidc-provider (npm) as the OpenID provider for the sign-in tests"
  npm install --silent --no-audit --no-fund --prefix "$root/.tools" oidc-provider@9.13.3 >/dev/null
fi

pg_bin=/usr/lib/postgresql/15/bin
if [ ! -x "$pg_bin/initdb" ]; then
  echo "== installing postgresql (Debian) for the PostgreSQL store's tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# One PostgreSQL cluster for the run, in a temporary folder on a free loopback port, stopped at exit.
# initdb refuses to run as root: as root the cluster belongs to (and runs as) the postgres user.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_dir=$(mktemp -d)
trap 'as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pg_dir"; fi
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
pg_port=
for port in $(shuf -i 20000-60000 -n 10); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi # taken
  if as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 \
      -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off" start >/dev/null; then
    pg_port=$port
    break
  fi
done
if [ -z "$pg_port" ]; then echo "PostgreSQL did not start:"; cat "$pg_dir/postgres.log"; exit 1; fi
echo "== PostgreSQL 15 for the tests on 127.0.0.1:$pg_port"
export TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"

export MAILDEV_BIN="$root/.tools/node_modules/.bin/maildev"
export AZURITE_BIN="$root/.tools/node_modules/.bin/azurite"
export OIDC_PROVIDER_DIR="$root/.tools"
export CHROMIUM_PATH="$(command -v chromium)"

# The Bicep under infra/ compiles and lints without a warning (Bicep CLI from NuGet; one line per check).
echo "== infra: bicep build and lint"
bash infra/validate.sh

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
