#!/usr/bin/env bash
# Assembles the Functions custom-handler package: the self-contained service, host.json and one folder
# per function (infra/functions/<Name>/function.json). Zip-deploy the result, e.g.
#   az functionapp deployment source config-zip -g RG -n APP --src artifacts/functionapp.zip
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/functionapp
rm -rf "$out" artifacts/functionapp.zip
dotnet publish functions/CareTransitions.Service -c Release -r linux-x64 --self-contained -o "$out" -nologo -clp:ErrorsOnly
cp host.json "$out/"
cp -r infra/functions/* "$out/"
(cd "$out" && python3 -m zipfile -c ../functionapp.zip .)
echo "package: artifacts/functionapp.zip"
