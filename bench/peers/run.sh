#!/usr/bin/env bash
# npm run bench:peers — Sluice, the floor (plain node:http), Node-RED and n8n side by side, on this
# machine, with the peers harness (../shared/bench/peers, read-only): builds Sluice, installs the
# peers (idempotent), runs the harness REPEATS times, measures memory after 100,000 stored runs,
# then prints one table of medians with ratios and goals, writes bench/results/<stamp>.json and
# regenerates bench/RESULTS.md. See bench/README.md.
#
#   npm run bench:peers
#   DURATION=5 WARMUP=2 REPEATS=1 PEERS="sluice baseline" STORED_RUNS=0 npm run bench:peers   # quick try
#
# Knobs (environment): PEERS ("sluice baseline nodered n8n"), REPEATS (3), DURATION (20), WARMUP (5),
# CONCS ("1 32"), W2_N (10), LOADGEN, N8N_VARIANTS (the harness's); STORED_RUNS (100000, 0 = skip);
# PEERS_CACHE (bench/.peers: peer installs, harness copy, raw results); PEERS_HARNESS (the harness
# folder, ../shared/bench/peers); BENCH_SKIP_BUILD=1 to use dist/ as it is; SLUICE_PORT, BASELINE_PORT,
# NODERED_PORT, N8N_PORT, N8N_RUNNERS_BROKER_PORT (a free port is picked when the default is taken).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
T0=$(date +%s)
# other work on a shared machine moves the figures: the load average before and after is recorded
export BENCH_LOADAVG_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)"
log() { printf '[bench:peers %s] %s\n' "$(date +%T)" "$*" >&2; }

HARNESS_SRC="${PEERS_HARNESS:-$ROOT/../shared/bench/peers}"
[[ -x "$HARNESS_SRC/run.sh" ]] || { log "peers harness not found at $HARNESS_SRC (set PEERS_HARNESS)"; exit 1; }
mkdir -p "${PEERS_CACHE:-$ROOT/bench/.peers}"
PEERS_CACHE="$(cd "${PEERS_CACHE:-$ROOT/bench/.peers}" && pwd)"
export PEERS_CACHE
export PEERS="${PEERS:-sluice baseline nodered n8n}"
export DURATION="${DURATION:-20}" WARMUP="${WARMUP:-5}" CONCS="${CONCS:-1 32}" W2_N="${W2_N:-10}"
export REPEATS="${REPEATS:-3}"
STORED_RUNS="${STORED_RUNS:-100000}"
export SLUICE_ROOT="$ROOT" SLUICE_PREFIX="${SLUICE_PREFIX-hooks/}"
has_peer() { [[ " $PEERS " == *" $1 "* ]]; }

# One bench:peers at a time per cache: the harness copy, pid files and ports are shared.
exec 9>"$PEERS_CACHE/.bench-peers.lock"
flock -n 9 || { log "another bench:peers is running with PEERS_CACHE=$PEERS_CACHE"; exit 1; }

H="$PEERS_CACHE/harness"
CHILD=""
descendants() { local k; for k in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$k"; descendants "$k"; done; }
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # the child runs in its own process group: stop all of it (harness, peer servers), and every
  # descendant by pid too (`timeout` puts wrk in a group of its own)
  if [[ -n "$CHILD" ]] && kill -0 "$CHILD" 2>/dev/null; then
    local tree; tree=$(descendants "$CHILD")
    kill -TERM -- "-$CHILD" 2>/dev/null || true
    kill -TERM $tree 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
  fi
  [[ -x "$H/stop.sh" ]] && "$H/stop.sh" $PEERS >/dev/null 2>&1 || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# Run a command as a job in its own process group and wait for it: a signal reaches our trap at
# once (not after a 20 s load run), and the trap can stop the child's whole group.
run_child() { set -m; "$@" & CHILD=$!; set +m; wait "$CHILD"; local rc=$?; CHILD=""; return "$rc"; }

# Ports: the harness's defaults unless taken (another bench, a developer's server), then a free one.
port_for() { # VAR DEFAULT
  local var=$1 def=$2
  if [[ -n "${!var:-}" ]]; then export "$var=${!var}"; return; fi
  export "$var=$(node -e '
    const net=require("net"); const want=Number(process.argv[1]);
    const tryPort=(p)=>new Promise((res)=>{const s=net.createServer().once("error",()=>res(-1)).listen(p,"127.0.0.1",()=>{const a=s.address().port;s.close(()=>res(a));});});
    (async()=>{let p=await tryPort(want); if(p<0)p=await tryPort(0); console.log(p);})();' "$def")"
}
port_for SLUICE_PORT 0   # any free port: other work on this machine starts Sluice on fixed ones
port_for BASELINE_PORT 1990
port_for NODERED_PORT 1880
port_for N8N_PORT 5678
port_for N8N_RUNNERS_BROKER_PORT 5679
log "PEERS=\"$PEERS\" REPEATS=$REPEATS DURATION=$DURATION WARMUP=$WARMUP CONCS=\"$CONCS\" W2_N=$W2_N; ports sluice $SLUICE_PORT baseline $BASELINE_PORT nodered $NODERED_PORT n8n $N8N_PORT/$N8N_RUNNERS_BROKER_PORT"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  log "building Sluice (npm run build)"
  run_child npm run build --silent >&2
fi

# A fresh copy of the read-only harness with start-sluice.sh beside its start-*.sh.
log "copying the harness from $HARNESS_SRC to $H"
[[ -d "$H" ]] && { chmod -R u+w "$H"; rm -rf "$H"; }
mkdir -p "$H"
( cd "$HARNESS_SRC" && tar --exclude=./.cache -cf - . ) | ( cd "$H" && tar -xf - )
chmod -R u+w "$H"
# The copy sits inside this project, whose package.json says "type": "module": without a
# package.json of its own, node would load the harness's CommonJS files (nodered-settings.js) as ESM.
printf '{ "private": true, "type": "commonjs" }\n' > "$H/package.json"
cp "$ROOT/bench/peers/start-sluice.sh" "$H/start-sluice.sh"
chmod +x "$H/start-sluice.sh"

install_peers=""
for p in nodered n8n; do has_peer "$p" && install_peers="$install_peers $p"; done
log "installing peers:${install_peers:- none} (idempotent; into $PEERS_CACHE)"
INSTALL_PEERS="${install_peers:-none}" run_child "$H/install.sh" >&2

dirs=()
for i in $(seq 1 "$REPEATS"); do
  log "=== repeat $i of $REPEATS"
  before=$(ls "$PEERS_CACHE/results" 2>/dev/null | sort || true)
  run_child "$H/run.sh" >&2   # its rows and per-run table go to the log; stdout keeps the final tables
  new=$(comm -13 <(printf '%s\n' "$before") <(ls "$PEERS_CACHE/results" | sort) | tail -1)
  [[ -n "$new" && -f "$PEERS_CACHE/results/$new/results.jsonl" ]] || { log "repeat $i left no results"; exit 1; }
  out="$PEERS_CACHE/results/$new"
  # the harness records a database size for n8n only; Sluice's is left in its data folder
  if has_peer sluice; then
    du -ck "$PEERS_CACHE/run/sluice/data"/sluice.db* 2>/dev/null | tail -1 | cut -f1 > "$out/sluice-db-kb.txt" || true
    cp "$PEERS_CACHE/run/sluice.log" "$out/" 2>/dev/null || true
  fi
  dirs+=("$out")
done

stored_args=()
if has_peer sluice && [[ "$STORED_RUNS" != 0 ]]; then
  log "=== Sluice: memory after $STORED_RUNS stored runs"
  STORED_RUNS="$STORED_RUNS" run_child node dist/bench/stored-runs.js --out "${dirs[-1]}/stored-runs.json" >&2
  stored_args=(--stored "${dirs[-1]}/stored-runs.json")
fi

run_child node dist/bench/peers/summarize.js --versions "$PEERS_CACHE/versions.txt" "${stored_args[@]}" --started "$T0" "${dirs[@]}"
log "done in $(( ($(date +%s) - T0) / 60 )) min $(( ($(date +%s) - T0) % 60 )) s; raw harness results: ${dirs[*]}"
