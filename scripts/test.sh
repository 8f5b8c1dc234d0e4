#!/usr/bin/env bash
# Installs what the tests need (Python packages, and Debian's Chromium when missing), then runs every test.
#   ./scripts/test.sh            everything: lint, unit, AppTest, browser tests
#   ./scripts/test.sh -k mask    extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package) for the browser tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

python3 -m ruff check .
python3 -m pytest -q --timeout=300 "$@"
