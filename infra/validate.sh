#!/usr/bin/env bash
# Compiles and lints infra/ with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64, restored by
# infra/tools/BicepCli.csproj; nothing else is downloaded). Prints one line per check and fails on any error or
# warning: the CLI exits 0 on warnings, so its diagnostics are read as well as its exit code.
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.49.2
if ! restore_log=$(dotnet restore infra/tools/BicepCli.csproj -nologo 2>&1); then
  echo "FAIL restore Azure.Bicep.CommandLine.linux-x64 $version"
  echo "$restore_log"
  exit 1
fi
bicep="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -f "$bicep" ]; then echo "FAIL no Bicep CLI at $bicep"; exit 1; fi
[ -x "$bicep" ] || chmod +x "$bicep"
actual=$("$bicep" --version)
case "$actual" in
  *"version $version "*) echo "ok   $actual" ;;
  *) echo "FAIL expected Bicep CLI $version, found: $actual"; exit 1 ;;
esac

failed=0
# check LABEL COMMAND...: the command's diagnostics (stderr; lint prints them there too) must be free of
# "Error" and "Warning", and its exit code 0. Compiled output on stdout is discarded.
check() {
  local label=$1 out status=0
  shift
  out=$("$@" 2>&1 >/dev/null) || status=$?
  if [ "$status" -ne 0 ] || grep -qE 'Error|Warning' <<<"$out"; then
    echo "FAIL $label (exit $status)"
    [ -z "$out" ] || sed 's/^/     /' <<<"$out"
    failed=1
  else
    echo "ok   $label"
  fi
}

check "bicep build infra/main.bicep" "$bicep" build infra/main.bicep --stdout
for params in infra/main.*.bicepparam; do
  check "bicep build-params $params" "$bicep" build-params "$params" --stdout
done
check "bicep lint infra/main.bicep" "$bicep" lint infra/main.bicep
for params in infra/main.*.bicepparam; do
  check "bicep lint $params" "$bicep" lint "$params"
done

if [ "$failed" -ne 0 ]; then
  echo "infra: Bicep has errors or warnings (above)"
  exit 1
fi
