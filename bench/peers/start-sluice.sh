#!/usr/bin/env bash
# Start Sluice for the peers harness (modelled on its start-baseline.sh): a real server process,
# `node dist/engine/cli.js serve`, on 127.0.0.1:$SLUICE_PORT with a fresh data folder (the default
# durable SQLite store: every run and action history persisted, default retention), a folder
# datastore (no Azurite), bench/workloads/w1.json and w2.json saved at start and opened at
# /hooks/w1 and /hooks/w2 without a signature. Waits until both answer the harness's expected JSON.
# PID in .cache/run/sluice.pid, start time in .cache/run/sluice.ready_s, log in .cache/run/sluice.log.
#
# bench/peers/run.sh copies this file beside the harness's own start-*.sh (its run.sh only runs
# scripts that sit there) and exports SLUICE_ROOT (the project), SLUICE_PORT and SLUICE_PREFIX.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/common.sh"
: "${SLUICE_ROOT:?set SLUICE_ROOT to the Sluice project folder}"
: "${SLUICE_PORT:=7171}"; export SLUICE_PORT
CLI="$SLUICE_ROOT/dist/engine/cli.js"
[[ -f "$CLI" ]] || { log "Sluice is not built ($CLI missing): run npm run build"; exit 1; }
if [[ -f "$RUN_DIR/sluice.pid" ]] && pid_alive "$(cat "$RUN_DIR/sluice.pid")"; then
  log "sluice already running (pid $(cat "$RUN_DIR/sluice.pid"))"; exit 0
fi
DIR="$RUN_DIR/sluice"
rm -rf "$DIR"; mkdir -p "$DIR/data" "$DIR/blobs"
cat > "$DIR/sluice.config.json" <<JSON
{
  "host": "127.0.0.1",
  "port": $SLUICE_PORT,
  "dataDir": "$DIR/data",
  "datastores": { "workspaceblobstore": { "kind": "folder", "path": "$DIR/blobs" } },
  "hooks": {
    "w1": { "workflow": "w1", "trigger": "manual" },
    "w2": { "workflow": "w2", "trigger": "manual" }
  }
}
JSON
# record (not block) any non-loopback DNS lookup / connect attempt, as for the other peers
EGRESS_LOG="$RUN_DIR/egress-sluice.log"; : > "$EGRESS_LOG"
t0=$(date +%s.%N)
# The machine's node, not $(peer_node): Sluice's better-sqlite3 addon is built for it.
# SLUICE_* settings of the caller's shell (other than the port) would override the file: unset.
# (cd and start as separate commands, so $! is the server itself and not a subshell around it)
( cd "$DIR"
  nohup env -u SLUICE_HOST -u SLUICE_DATA -u SLUICE_RETENTION_DAYS -u SLUICE_AZUREBLOB_CONNECTION_STRING \
    EGRESS_LOG="$EGRESS_LOG" NODE_OPTIONS="--require $PEERS_DIR/lib/egress-log.cjs ${NODE_OPTIONS:-}" \
    node "$CLI" serve --config "$DIR/sluice.config.json" --host 127.0.0.1 --port "$SLUICE_PORT" \
    --examples "$SLUICE_ROOT/bench/workloads" --no-azurite >"$RUN_DIR/sluice.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/sluice.pid" )
log "sluice starting (pid $(cat "$RUN_DIR/sluice.pid")), log $RUN_DIR/sluice.log"
# Our own process must be the one listening (not another server that happens to hold the port and
# would answer the readiness check): wait for its "serving at" line first.
for _ in $(seq 1 120); do
  grep -q "Sluice is serving at http://127.0.0.1:$SLUICE_PORT/" "$RUN_DIR/sluice.log" 2>/dev/null && break
  pid_alive "$(cat "$RUN_DIR/sluice.pid")" || { log "sluice exited during start"; tail -30 "$RUN_DIR/sluice.log"; exit 1; }
  sleep 0.5
done
grep -q "Sluice is serving at" "$RUN_DIR/sluice.log" || { log "sluice did not start within 60 s"; tail -30 "$RUN_DIR/sluice.log"; exit 1; }
base="http://127.0.0.1:$SLUICE_PORT/${SLUICE_PREFIX-hooks/}"
wait_http_ok "${base}w1" "$WORKLOADS/w1-body.json" "$WORKLOADS/w1-expected.json" 60 "$(cat "$RUN_DIR/sluice.pid")" &&
wait_http_ok "${base}w2" "$WORKLOADS/w2-body.json" "$WORKLOADS/w2-expected.json" 30 "$(cat "$RUN_DIR/sluice.pid")" ||
  { tail -30 "$RUN_DIR/sluice.log"; exit 1; }
node -e "console.log((Date.now()/1000-$t0).toFixed(1))" > "$RUN_DIR/sluice.ready_s"
log "sluice ready at $base{w1,w2} after $(cat "$RUN_DIR/sluice.ready_s") s"
