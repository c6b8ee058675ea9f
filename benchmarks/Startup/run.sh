#!/usr/bin/env bash
# Whole-process startup comparison (docs/benchmarks.md): builds both apps on the JIT, ReadyToRun and Native AOT,
# then runs all of them side by side, alternating, ROUNDS times (default 30).
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
for app in WithSettings WithOptions; do
  dotnet build -c Release "$app" --nologo -v:q -o "$out/jit/$app"
  dotnet publish -c Release "$app" --nologo -v:q -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r/$app"
  dotnet publish -c Release "$app" --nologo -v:q -p:StartupAot=true -o "$out/aot/$app"
done
dotnet build -c Release StartupComparison --nologo -v:q -o "$out/runner"
dotnet "$out/runner/StartupComparison.dll" --rounds="${ROUNDS:-30}" \
  "Config.Providers (YAML + .env), JIT=$out/jit/WithSettings/WithSettings" \
  "Config.Providers (JSON + environment), JIT=$out/jit/WithSettings/WithSettings json" \
  "Config.Providers (YAML + .env), ReadyToRun=$out/r2r/WithSettings/WithSettings" \
  "Config.Providers (YAML + .env), Native AOT=$out/aot/WithSettings/WithSettings" \
  "options + [OptionsValidator], Native AOT=$out/aot/WithOptions/WithOptions" \
  "options + [OptionsValidator], ReadyToRun=$out/r2r/WithOptions/WithOptions" \
  "options + [OptionsValidator], JIT=$out/jit/WithOptions/WithOptions" \
  "options + ValidateDataAnnotations, JIT=$out/jit/WithOptions/WithOptions annotations"
