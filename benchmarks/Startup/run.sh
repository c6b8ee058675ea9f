#!/usr/bin/env bash
# Whole-process startup comparison (docs/benchmarks.md): packs the library as a user gets it (IL plus ReadyToRun
# images), builds both apps on the JIT, ReadyToRun and Native AOT, then runs all of them side by side, alternating,
# ROUNDS times (default 30).
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)

# The package, under a version of its own so that no cached 0.1.0 stands in for it; restored into a folder of its own
# (the machine's package folder serves everything else, read-only).
version="0.1.0-startup.$(date +%s)"
dotnet pack -c Release ../../src/Config.Providers --nologo -v:q -o "$out/feed" -p:Version="$version"
package=(-p:ConfigProvidersPackageVersion="$version" -p:RestoreAdditionalProjectSources="$out/feed"
  -p:RestorePackagesPath="$out/packages" -p:RestoreFallbackFolders="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  -p:BaseIntermediateOutputPath=obj/package/)

dotnet build -c Release WithSettings --nologo -v:q -o "$out/jit-il/WithSettings"
dotnet build -c Release WithSettings --nologo -v:q -o "$out/jit/WithSettings" "${package[@]}"
dotnet publish -c Release WithSettings --nologo -v:q -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r/WithSettings" "${package[@]}"
dotnet publish -c Release WithSettings --nologo -v:q -p:StartupAot=true -o "$out/aot/WithSettings" "${package[@]}"
dotnet build -c Release WithOptions --nologo -v:q -o "$out/jit/WithOptions"
dotnet publish -c Release WithOptions --nologo -v:q -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r/WithOptions"
dotnet publish -c Release WithOptions --nologo -v:q -p:StartupAot=true -o "$out/aot/WithOptions"
dotnet build -c Release StartupComparison --nologo -v:q -o "$out/runner"
dotnet "$out/runner/StartupComparison.dll" --rounds="${ROUNDS:-30}" \
  "Config.Providers (YAML + .env), JIT=$out/jit/WithSettings/WithSettings" \
  "Config.Providers (YAML + .env), JIT, IL only (project reference)=$out/jit-il/WithSettings/WithSettings" \
  "Config.Providers (JSON + environment), JIT=$out/jit/WithSettings/WithSettings json" \
  "Config.Providers (YAML + .env), ReadyToRun=$out/r2r/WithSettings/WithSettings" \
  "Config.Providers (YAML + .env), Native AOT=$out/aot/WithSettings/WithSettings" \
  "options + [OptionsValidator], Native AOT=$out/aot/WithOptions/WithOptions" \
  "options + [OptionsValidator], ReadyToRun=$out/r2r/WithOptions/WithOptions" \
  "options + [OptionsValidator], JIT=$out/jit/WithOptions/WithOptions" \
  "options + ValidateDataAnnotations, JIT=$out/jit/WithOptions/WithOptions annotations"
