#!/usr/bin/env bash
# Whole-process scale of the micro-identity model: seconds per simulated day
# and bytes per agent (scenarios/mim/baseline.toml with online out-degree 20,
# k = 10 feed items, D = 3, 2 threads). Called by bench/run.sh; figures in
# docs/performance.md ("Micro-identity model: current figures").
#
# A day costs more once communities exist (founding starts on day 40 and the
# groups' posts, statistics and spaces grow with them), so three figures:
# - early day: one run of a few days without checkpoints, which also gives
#   set-up and peak memory;
# - mean day: a run of T1 days (loop time / T1);
# - late day: that run saves a checkpoint at T1 and `microcosm resume` runs
#   T1..T2, so the late days are timed without set-up or subtraction.
# At 1e7 agents only the first run (3 days): it shows that the model fits.
# MIM_LATE=0 skips the long runs.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/release}
OUT=${OUT:-build/bench}
SIZES=${MIM_SIZES:-"10000 100000 1000000 10000000"}
THREADS=${MIM_THREADS:-2}
LATE=${MIM_LATE:-1}
mkdir -p "$OUT"
declare -A late_days  # days in each size's late run

common=(--set model.online.out_degree=20 --set model.feed.k=10 --set model.dims=3
        --set simulation.threads="$THREADS" --set output.agents=false)

# timings DIR TIMEFILE: prints "loop_s setup_s peak_KiB"
timings() {
  /usr/bin/python3 - "$1/run.json" "$2" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["timings_seconds"]
print(t["run"], t["setup"], open(sys.argv[2]).read().split()[-1])
PY
}

echo "== micro-identity model: baseline, out-degree 20, k = 10, D = 3, $THREADS threads"
printf "%-10s %-12s %-12s %-16s %-16s %-9s %-9s %-10s\n" agents early_s/day mean_s/day \
  late_s/day late_us/agent days_T1-T2 setup_s bytes/agent
for n in $SIZES; do
  case $n in
    10000) short=60 t1=365 t2=395 ;;
    100000) short=60 t1=365 t2=385 ;;
    1000000) short=30 t1=200 t2=210 ;;
    *) short=3 t1=0 t2=0 ;;
  esac
  [ "$LATE" = 1 ] || t1=0
  dir="$OUT/run_mim_${n}_short"
  /usr/bin/time -f "%M" -o "$dir.time" "$BUILD/microcosm" run scenarios/mim/baseline.toml \
    --set model.population="$n" --set simulation.steps="$short" \
    --set simulation.record_every="$short" "${common[@]}" --out "$dir" --overwrite --quiet
  read -r loop_s setup_s kib < <(timings "$dir" "$dir.time")
  mean_day=- late_day=- late_us=- window=-
  if [ "$t1" -gt 0 ]; then
    long="$OUT/run_mim_${n}_long"
    /usr/bin/time -f "%M" -o "$long.time" "$BUILD/microcosm" run scenarios/mim/baseline.toml \
      --set model.population="$n" --set simulation.steps="$t1" --set simulation.record_every="$t1" \
      "${common[@]}" --out "$long" --overwrite --quiet --checkpoint-at "$t1"
    read -r loop_long _ _ < <(timings "$long" "$long.time")
    late="$OUT/run_mim_${n}_late"
    /usr/bin/time -f "%M" -o "$late.time" "$BUILD/microcosm" resume \
      "$long/checkpoints/step_$t1.ckpt" --steps "$t2" --set simulation.record_every=1000000 \
      --out "$late" --overwrite --quiet
    read -r loop_late _ _ < <(timings "$late" "$late.time")
    rm -rf "$long/checkpoints"
    read -r mean_day late_day late_us < <(/usr/bin/python3 -c \
      "print(f'{$loop_long/$t1:.4f} {$loop_late/($t2-$t1):.4f} {$loop_late/($t2-$t1)/$n*1e6:.2f}')")
    window="$t1-$t2"
    late_days[$n]=$((t2 - t1))
  fi
  /usr/bin/python3 - "$n" "$short" "$loop_s" "$setup_s" "$kib" "$mean_day" "$late_day" "$late_us" \
    "$window" <<'PY'
import sys
n, short = int(sys.argv[1]), int(sys.argv[2])
loop, setup, kib = (float(v) for v in sys.argv[3:6])
mean_day, late_day, late_us, window = sys.argv[6:10]
print(f"{n:<10} {loop / short:<12.4f} {mean_day:<12} {late_day:<16} {late_us:<16} {window:<9} "
      f"{setup:<9.2f} {kib * 1024 / n:<10.0f}")
PY
done

# Where a late day goes: each phase's seconds per day in the late runs
# (run.json timings_seconds.phases), largest first.
# (A resumed run's steps_done counts from day 0, so the days are passed.)
for n in $SIZES; do
  late="$OUT/run_mim_${n}_late/run.json"
  [ -n "${late_days[$n]:-}" ] && [ -f "$late" ] || continue
  echo "== late day at $n agents, seconds per day by phase"
  /usr/bin/python3 - "$late" "${late_days[$n]}" <<'PY'
import json, sys
info = json.load(open(sys.argv[1]))
days = int(sys.argv[2])
phases = sorted(info["timings_seconds"]["phases"], key=lambda p: -p["seconds"])
total = sum(p["seconds"] for p in phases)
for p in phases:
    if p["seconds"] > 0:
        print(f"  {p['phase']:<28} {p['seconds'] / days:8.4f}  {100 * p['seconds'] / total:5.1f} %")
PY
done
