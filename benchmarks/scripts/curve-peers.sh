#!/usr/bin/env bash
# CURVE side by side: jzmtp (this project's perf jar with BENCH_CURVE=1) and libzmq (benchmarks/native/curve_peer.c),
# the binding side the CURVE server, under the shared perf contract (../shared/bench/README.md) over loopback tcp.
# Prints one RESULT line per run, then the medians and jzmtp/libzmq (throughput: >1 is faster; RTT: >1 is slower).
#
#   benchmarks/scripts/curve-peers.sh [reps]        (from the project's root, after mvn package)
set -euo pipefail
reps=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/benchmarks/target/jzmtp-benchmarks.jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$jar" ] || { echo "missing $jar: run mvn package first" >&2; exit 1; }
peer="$work/curve_peer"
gcc -O2 -o "$peer" "$root/benchmarks/native/curve_peer.c" -lzmq

impl_cmd() {   # impl -> command prefix
    case $1 in
        jzmtp) echo "java -jar $jar" ;;
        libzmq) echo "$peer" ;;
    esac
}

endpoint() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print("tcp://127.0.0.1:%d" % s.getsockname()[1])'
}

run_pair() {   # impl test size count
    local cmd ep binder connecter
    cmd=$(impl_cmd "$1"); ep=$(endpoint)
    case $2 in
        thr) binder=thr-recv; connecter=thr-send ;;
        lat) binder=lat-server; connecter=lat-client ;;
    esac
    BENCH_CURVE=1 timeout 120 $cmd "$binder" "$ep" "$3" "$4" > "$work/bound.out" &
    local bound=$!
    BENCH_CURVE=1 timeout 120 $cmd "$connecter" "$ep" "$3" "$4" > "$work/connected.out"
    wait $bound
    cat "$work/bound.out" "$work/connected.out" | grep '^RESULT' | sed "s/impl=[^ ]*/impl=$1/"
}

tests=("thr 64 4000000" "thr 65536 60000" "lat 1 20000" "lat 1024 20000")   # runs of about 3-5 s each
for ((r = 1; r <= reps; r++)); do
    for t in "${tests[@]}"; do
        for impl in libzmq jzmtp; do
            run_pair $impl $t
        done
    done
done | tee "$work/results"

python3 - "$work/results" <<'PY'
import sys, statistics, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = dict(kv.split('=', 1) for kv in line.split()[1:] if '=' in kv)
    key = (f['test'], int(f['size']))
    value = float(f['msgs_per_s']) if f['test'] == 'thr' else float(f['rtt_p50_us'])
    runs[(key, f['impl'])].append(value)
print()
print("CURVE  %6s %14s %14s %12s" % ("size", "libzmq", "jzmtp", "jzmtp/libzmq"))
for key in sorted({k for k, _ in runs}):
    lib = statistics.median(runs[(key, 'libzmq')]); ours = statistics.median(runs[(key, 'jzmtp')])
    unit = 'msg/s' if key[0] == 'thr' else 'us RTT p50'
    print("%-6s %6d %14.0f %14.0f %12.3f  (%s, median of %d)" % (key[0], key[1], lib, ours, ours / lib, unit,
          len(runs[(key, 'jzmtp')])))
PY
