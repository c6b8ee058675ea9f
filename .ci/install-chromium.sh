#!/usr/bin/env bash
# Prints the path of Debian's Chromium for the inspector's browser tests (PuppeteerSharp drives it; nothing is
# downloaded at test time). Uses it when installed; otherwise installs the `chromium` package with apt-get, which
# needs root (CI runs as root). A Chromium that cannot be had fails the browser tests in CI (BROWSER_REQUIRED=1).
set -euo pipefail

for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$candidate" ]; then
    echo "$candidate"
    exit 0
  fi
done

if [ "$(id -u)" != 0 ]; then
  echo "install-chromium: chromium is not installed, and installing it needs root: apt-get install chromium" >&2
  exit 1
fi

echo "install-chromium: apt-get install chromium" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q chromium >&2; then
  apt-get update -q >&2
  apt-get install -y -q chromium >&2
fi
echo /usr/bin/chromium
