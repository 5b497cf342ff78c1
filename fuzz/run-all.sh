#!/bin/sh
# Runs every libFuzzer target for N minutes each (default 2), one after the other, on its seed
# corpus (fuzz/corpus/<target>, read-only) plus a working corpus in the build directory.
# Crashes land in fuzz/findings/<target>/; turn each into a file in fuzz/regressions/<target>/.
# Build first (docs/hardening.md):
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
#         -DGAVEL_FUZZ=ON -DGAVEL_BUILD_TESTS=OFF -DGAVEL_BUILD_BENCH=OFF
#   cmake --build build-fuzz --target fuzz_all
# Usage: fuzz/run-all.sh [minutes] [build dir]   (GAVEL_FUZZ_JOBS=2 runs two targets at a time;
# GAVEL_FUZZ_TARGETS="fuzz_csv fuzz_policy" runs only those)
set -eu
minutes=${1:-2}
src=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$src/build-fuzz}
jobs=${GAVEL_FUZZ_JOBS:-1}
targets=${GAVEL_FUZZ_TARGETS:-"fuzz_pageparser fuzz_objects fuzz_ratelimitheaders fuzz_snapshot fuzz_policy fuzz_csv fuzz_dceimport fuzz_sourcecred"}
seconds=$((minutes * 60))
status=0

run_one() {
    t=$1
    bin=$build/fuzz/$t
    if [ ! -x "$bin" ]; then
        echo "$t: not built ($bin missing)" >&2
        return 1
    fi
    work=$build/fuzz/corpus-work/$t
    findings=$src/fuzz/findings/$t
    mkdir -p "$work" "$findings"
    log=$build/fuzz/$t.log
    # -max_len 65536: Discord pages are bigger, but longer inputs only slow the search down.
    if "$bin" "$work" "$src/fuzz/corpus/$t" -max_total_time="$seconds" -max_len=65536 \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$findings/" >"$log" 2>&1; then
        result=ok
    else
        result=FAILED
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1)
    echo "$t: $result, ${execs:-?} execs, ${rate:-?} execs/s, ${cov:-cov: ?}, ${ft:-ft: ?} (log $log)"
    [ "$result" = ok ]
}

# Targets run in batches of $jobs, each batch waited for as a whole.
batch=""
n=0
for t in $targets; do
    run_one "$t" &
    batch="$batch $!"
    n=$((n + 1))
    if [ "$n" -ge "$jobs" ]; then
        for p in $batch; do wait "$p" || status=1; done
        batch=""
        n=0
    fi
done
for p in $batch; do wait "$p" || status=1; done
exit $status
