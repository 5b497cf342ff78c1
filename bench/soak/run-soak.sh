#!/bin/sh
# The soak of issue 10 in one command: builds gavel_soak (RelWithDebInfo, in build-soak unless
# GAVEL_SOAK_BUILD names another build directory) and runs it for N minutes (default 30)
# against the in-process emulator with 5% injected faults. Writes soak.csv (one line per round:
# times, RSS, counts), the databases and the canonical dumps to GAVEL_SOAK_OUT (default
# /tmp/gavel-soak), then prints the memory summary. Exit status: gavel_soak's (non-zero on any
# failure: sync error, integrity check, analysis, push, or a final state different from a clean
# sync). Extra arguments go to gavel_soak (see gavel_soak --help).
set -eu

minutes=${1:-30}
[ $# -gt 0 ] && shift
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${GAVEL_SOAK_BUILD:-$src/build-soak}
out=${GAVEL_SOAK_OUT:-/tmp/gavel-soak}

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAVEL_WERROR=ON
fi
cmake --build "$build" --target gavel_soak -j2

status=0
"$build/bench/soak/gavel_soak" --minutes "$minutes" --out "$out" "$@" || status=$?

# RSS per round: first, last, min, max, and the least-squares slope over the second half (the
# first rounds include the full sync and the allocator settling).
awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) col[$i] = i; next }
    {
        n++; r[n] = $col["rss_kib"]; t[n] = $col["elapsed_s"]; h = $col["hwm_kib"]
        ms[n] = $col["round_ms"]
    }
    END {
        if (n == 0) { print "no rounds recorded"; exit }
        min = r[1]; max = r[1]
        for (i = 1; i <= n; ++i) { if (r[i] < min) min = r[i]; if (r[i] > max) max = r[i] }
        from = int(n / 2) + 1; m = n - from + 1; sx = sy = sxx = sxy = 0
        for (i = from; i <= n; ++i) { sx += t[i]; sy += r[i]; sxx += t[i] * t[i]; sxy += t[i] * r[i] }
        d = m * sxx - sx * sx
        slope = (m > 1 && d != 0) ? (m * sxy - sx * sy) / d * 60 : 0
        printf "rounds %d; RSS first %.1f MiB, last %.1f MiB, min %.1f MiB, max %.1f MiB, peak (VmHWM) %.1f MiB\n",
            n, r[1] / 1024, r[n] / 1024, min / 1024, max / 1024, h / 1024
        printf "RSS slope over rounds %d..%d: %+.1f KiB/min\n", from, n, slope
    }' "$out/soak.csv"
exit $status
