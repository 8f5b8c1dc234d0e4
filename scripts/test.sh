#!/usr/bin/env bash
# Installs what the tests need, then runs every test:
#   Python packages; Debian's Chromium, PostgreSQL, nginx and Node.js when missing (needs root or sudo);
#   the OpenID provider's npm packages (tests/e2e/oidc, installed by the tests themselves with `npm ci`).
#   ./scripts/test.sh            everything: lint, unit, AppTest, browser tests (in parallel), then the timed ones
#   ./scripts/test.sh -k mask    extra arguments go to pytest (both passes)
#   STUDIO_TEST_WORKERS=2 ./scripts/test.sh    fewer pytest-xdist workers (default 4)
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

began=$SECONDS
trap 'took=$((SECONDS - began)); echo "Test suite: $((took / 60)) min $((took % 60)) s (lint, then the tests)"' EXIT

python3 -m ruff check .

# Most of the suite waits (on a simulated task, a browser, a server starting), so it runs on several pytest-xdist
# workers: STUDIO_TEST_WORKERS (default 4, two per core on the 2-core machine the suite is sized for). Each worker
# has its own ports, temp folders, PostgreSQL cluster, moto server, OpenID provider and Chromium; a browser test
# module stays on one worker (--dist loadgroup) so that its shared app starts once. Tests marked `serial` (they
# hold a time limit) run afterwards, one at a time. Both passes print their slowest tests.
workers="${STUDIO_TEST_WORKERS:-4}"
status=0
python3 -m pytest -q --timeout=300 --durations=25 -n "$workers" --dist loadgroup -m "not serial" "$@" || status=$?
[ "$status" -eq 5 ] && status=0  # "no tests collected": the arguments picked only serial tests
serial=0
python3 -m pytest -q --timeout=300 --durations=5 -m serial "$@" || serial=$?
[ "$serial" -eq 5 ] && serial=0
[ "$status" -ne 0 ] && exit "$status"
exit "$serial"
