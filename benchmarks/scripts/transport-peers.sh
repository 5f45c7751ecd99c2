#!/usr/bin/env bash
# tcp and ipc side by side, for jzmtp (this project's perf jar) and libzmq (the shared toolkit's C peer, zbench.c),
# each test run as two processes with the shared perf contract (../shared/bench/README.md), which the toolkit's own
# runner only drives over tcp. Prints one RESULT line per run, then the medians and the ratio to libzmq.
#
#   benchmarks/scripts/transport-peers.sh [reps]        (from the project's root, after mvn package)
set -euo pipefail
reps=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/benchmarks/target/jzmtp-benchmarks.jar"
toolkit=${JZMTP_BENCH_TOOLKIT:-$root/../shared/bench}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$jar" ] || { echo "missing $jar: run mvn package first" >&2; exit 1; }
zbench="$work/zbench"
gcc -O2 -o "$zbench" "$toolkit/libzmq/zbench.c" -lzmq -lm

impl_cmd() {   # impl -> command prefix
    case $1 in
        jzmtp) echo "java -jar $jar" ;;
        libzmq) echo "$zbench" ;;
    esac
}

endpoint() {   # transport -> a fresh endpoint
    case $1 in
        tcp) python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print("tcp://127.0.0.1:%d" % s.getsockname()[1])' ;;
        ipc) echo "ipc://$work/bench-$RANDOM$RANDOM.ipc" ;;
    esac
}

run_pair() {   # impl transport test size count
    local cmd ep binder connecter
    cmd=$(impl_cmd "$1"); ep=$(endpoint "$2")
    case $3 in
        thr) binder=thr-recv; connecter=thr-send ;;     # the receiver binds and prints
        lat) binder=lat-server; connecter=lat-client ;;  # the echo server binds; the client prints
    esac
    timeout 120 $cmd "$binder" "$ep" "$4" "$5" > "$work/bound.out" &
    local bound=$!
    timeout 120 $cmd "$connecter" "$ep" "$4" "$5" > "$work/connected.out"
    wait $bound
    cat "$work/bound.out" "$work/connected.out" | grep '^RESULT' | sed "s/impl=[^ ]*/impl=$1 transport=$2/"
}

tests=("thr 64 2000000" "thr 1024 500000" "lat 1 20000")
for ((r = 1; r <= reps; r++)); do
    for t in "${tests[@]}"; do
        for transport in tcp ipc; do
            for impl in libzmq jzmtp; do
                run_pair $impl $transport $t
            done
        done
    done
done | tee "$work/results"

python3 - "$work/results" <<'PY'
import sys, statistics, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = dict(kv.split('=', 1) for kv in line.split()[1:] if '=' in kv)
    key = (f['test'], int(f['size']), f['transport'])
    value = float(f['msgs_per_s']) if f['test'] == 'thr' else float(f['rtt_mean_us'])
    runs[(key, f['impl'])].append(value)
print()
print("%-6s %6s %-4s %14s %14s %10s" % ("test", "size", "tr", "libzmq", "jzmtp", "jzmtp/libzmq"))
for key in sorted({k for k, _ in runs}):
    lib = statistics.median(runs[(key, 'libzmq')]); ours = statistics.median(runs[(key, 'jzmtp')])
    unit = 'msg/s' if key[0] == 'thr' else 'us RTT'
    print("%-6s %6d %-4s %14.0f %14.0f %10.3f  (%s, median of %d)" % (key[0], key[1], key[2], lib, ours, ours / lib,
          unit, len(runs[(key, 'jzmtp')])))
PY
