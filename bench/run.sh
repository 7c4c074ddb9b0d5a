#!/usr/bin/env bash
# `make bench`: Google Benchmark suites plus whole-process runs with peak
# memory, then the micro-identity model's scale (bench/mim_scale.sh). Results
# go to build/bench/; summary tables are printed. Figures in
# docs/performance.md were produced by this script.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/release}
OUT=build/bench
mkdir -p "$OUT"
SIZES=${BENCH_SIZES:-"10000 100000 1000000 10000000"}

echo "== machine"
echo "cores: $(nproc), memory: $(free -g | awk '/Mem:/{print $2}') GiB, cpu: $(lscpu | awk -F: '/Model name/{gsub(/^ +/,"",$2); print $2}')"

echo "== Google Benchmark (one iteration = one step = N updates; items_per_second = updates/s)"
"$BUILD/bench/microcosm_bench" --benchmark_min_time=${BENCH_MIN_TIME:-1} \
  --benchmark_out="$OUT/benchmark.json" --benchmark_out_format=json \
  ${BENCH_FILTER:+--benchmark_filter="$BENCH_FILTER"}

echo
echo "== whole process: microcosm run (Deffuant, Erdős–Rényi mean degree 10, 20 sweeps, 1 thread)"
printf "%-10s %-12s %-12s %-14s %-16s\n" nodes wall_s peak_MiB updates_per_s bytes_per_node+edge
for n in $SIZES; do
  steps=20
  log="$OUT/deffuant_$n.time"
  /usr/bin/time -f "%e %M" -o "$log" "$BUILD/microcosm" run scenarios/deffuant.toml \
    --set network.n="$n" --set simulation.steps=$steps --set model.tolerance=0 \
    --set output.agents=false --set simulation.record_every=$steps \
    --out "$OUT/run_deffuant_$n" --overwrite --quiet
  read -r wall rss_kib < "$log"
  run_s=$(/usr/bin/python3 -c "import json;print(json.load(open('$OUT/run_deffuant_$n/run.json'))['timings_seconds']['run'])")
  /usr/bin/python3 - "$n" "$wall" "$rss_kib" "$run_s" "$steps" <<'PY'
import sys
n, wall, rss, run_s, steps = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
edges = 5 * n  # mean degree 10
print(f"{n:<10} {wall:<12.2f} {rss/1024:<12.0f} {n*steps/run_s:<14.3g} {rss*1024/(n+edges):<16.1f}")
PY
done

echo
MIM_SIZES=${MIM_SIZES:-$SIZES} OUT="$OUT" BUILD="$BUILD" bash bench/mim_scale.sh
