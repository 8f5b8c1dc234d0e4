#!/usr/bin/env bash
# Installs what the tests need, then runs every test:
#   Python packages; Debian's Chromium, PostgreSQL, nginx and Node.js when missing (needs root or sudo);
#   the OpenID provider's npm packages (tests/e2e/oidc, installed by the tests themselves with `npm ci`).
#   ./scripts/test.sh            everything: lint, unit, AppTest, browser tests
#   ./scripts/test.sh -k mask    extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages for the tests: ${need[*]}…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
(cd tests/e2e/oidc && [ -d node_modules/oidc-provider ] || npm ci --silent --no-audit --no-fund)

python3 -m ruff check .
python3 -m pytest -q --timeout=300 --durations=25 "$@"  # the slowest tests, to keep the whole run short
