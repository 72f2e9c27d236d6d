#!/usr/bin/env bash
# Debian's chromium is the browser for Playwright and Kaleido (they must never download one).
# Installs it when missing and we are root; otherwise says what to install.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium (for the PNG and briefing exports and the browser tests)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is missing. Install Debian's package first: sudo apt-get install chromium" >&2
echo "(the browser tests use /usr/bin/chromium; never 'playwright install', there is no internet)" >&2
exit 1
