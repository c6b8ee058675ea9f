#!/usr/bin/env bash
# Prints the path of a `consul` binary for the integration tests.
# Uses `consul` from PATH when there is one; otherwise installs Consul 1.8.7 from Debian's bullseye suite into
# .tools/consul/ (git-ignored), with apt state, sources and cache kept in a temporary folder: the machine's
# package state, sources and /usr are not touched. The archive URI is the machine's own Debian source.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if command -v consul >/dev/null 2>&1; then
  command -v consul
  exit 0
fi

dest="$root/.tools/consul"
if [ -x "$dest/consul" ]; then
  echo "$dest/consul"
  exit 0
fi

uri=$( { grep -hE '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{ for (i = 2; i <= NF; i++) print $i }';
         grep -hE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
           awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; break } }'; } |
       grep -E '/debian/?$' | head -n 1 || true)
if [ -z "$uri" ]; then
  echo "install-consul: no Debian archive found in /etc/apt sources; put consul on PATH instead" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/extract"
echo "deb ${uri%/} bullseye main" > "$work/sources.list"
opts=(-qq
  -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::Archives=$work/archives"
  -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=" -o "APT::Sandbox::User=root")

echo "install-consul: fetching consul from ${uri%/} bullseye into $dest" >&2
apt-get "${opts[@]}" update >&2
(cd "$work" && apt-get "${opts[@]}" download consul >&2)
dpkg-deb -x "$work"/consul_*.deb "$work/extract"
mkdir -p "$dest"
install -m 0755 "$work/extract/usr/bin/consul" "$dest/consul"
"$dest/consul" version >&2
echo "$dest/consul"
