#!/usr/bin/env bash
# Runs several replicas of the studio on this machine behind nginx with sticky sessions. Ctrl+C stops them all.
#   deploy/run-replicas.sh                                     3 replicas on 8601..8603, nginx on 8080
#   STUDIO_REPLICAS=2 STUDIO_PROXY_PORT=9000 deploy/run-replicas.sh
# Settings (environment): STUDIO_REPLICAS (3), STUDIO_FIRST_PORT (8601), STUDIO_PROXY_PORT (8080),
# STUDIO_REPLICA_ADDRESS (127.0.0.1; 0.0.0.0 when nginx runs on another machine), STUDIO_APP (app.py),
# STUDIO_COOKIE_SECRET (shared by all replicas; generated for this run when unset), NGINX (/usr/sbin/nginx).
# STUDIO_DATABASE_URL, STUDIO_OBJECT_STORE_URL, AWS_*, KIE_* and the rest reach every replica unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

REPLICAS="${STUDIO_REPLICAS:-3}"
FIRST_PORT="${STUDIO_FIRST_PORT:-8601}"
PROXY_PORT="${STUDIO_PROXY_PORT:-8080}"
ADDRESS="${STUDIO_REPLICA_ADDRESS:-127.0.0.1}"
APP="${STUDIO_APP:-app.py}"
NGINX="${NGINX:-/usr/sbin/nginx}"
[ -x "$NGINX" ] || { echo "nginx not found at $NGINX (apt-get install -y nginx)" >&2; exit 1; }

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/studio-run.XXXXXX")"
# As root, nginx's workers run as nobody and must reach the temp folders nginx makes in here.
chmod 755 "$RUN_DIR"

pids=()
stop_all() {
  trap - EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$RUN_DIR"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# One cookie secret for every replica, or a cookie signed by one replica is refused by the next.
# It travels in the environment only: never on a command line (ps shows those), a file or a log.
if [ -z "${STUDIO_COOKIE_SECRET:-}" ]; then
  STUDIO_COOKIE_SECRET="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
  echo "STUDIO_COOKIE_SECRET is not set: using a random one for this run (sign-ins end when it stops)."
fi
if [ -z "${STUDIO_DATABASE_URL:-}" ]; then
  echo "STUDIO_DATABASE_URL is not set: the replicas share the SQLite history under STUDIO_DATA_DIR (one machine only)."
fi

upstreams=()
for ((i = 0; i < REPLICAS; i++)); do
  port=$((FIRST_PORT + i))
  STREAMLIT_SERVER_COOKIE_SECRET="$STUDIO_COOKIE_SECRET" \
    python3 -m streamlit run "$APP" --server.port "$port" --server.address "$ADDRESS" --server.headless true \
      --server.fileWatcherType none --browser.gatherUsageStats false >"$RUN_DIR/replica-$port.log" 2>&1 &
  pids+=($!)
  upstreams+=("127.0.0.1:$port")
done

# Wait for each replica to answer Streamlit's own health check before sending it browsers.
for upstream in "${upstreams[@]}"; do
  if ! python3 - "$upstream" <<'EOF'
import sys, time, urllib.request
url = f"http://{sys.argv[1]}/_stcore/health"
deadline = time.monotonic() + 90
while time.monotonic() < deadline:
    try:
        urllib.request.urlopen(url, timeout=2).read()
        sys.exit(0)
    except OSError:
        time.sleep(0.3)
sys.exit(1)
EOF
  then
    echo "replica $upstream did not start; its log:" >&2
    cat "$RUN_DIR/replica-${upstream##*:}.log" >&2
    exit 1
  fi
  echo "replica ready: http://$upstream  (log: $RUN_DIR/replica-${upstream##*:}.log)"
done

python3 deploy/render_nginx.py --listen "$PROXY_PORT" --run-dir "$RUN_DIR" "${upstreams[@]}" >"$RUN_DIR/nginx.conf"
env -u STUDIO_COOKIE_SECRET "$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e stderr -g 'daemon off;' &
pids+=($!)
echo "nginx on port $PROXY_PORT in front of ${#upstreams[@]} replicas: open http://localhost:$PROXY_PORT"
echo "(access log: $RUN_DIR/access.log)"

# When any replica or nginx stops, stop everything: a half-running cluster is worse than none.
wait -n
echo "a process stopped; stopping the rest" >&2
exit 1
