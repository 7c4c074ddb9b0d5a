#!/bin/bash
# A parameter sweep on a SLURM cluster as a job array: each array task runs
# one shard of the sweep (`--shard i/n`: runs whose index % n == i) into its
# own SQLite file, and a dependent job merges the shards. See docs/sweeps.md.
#
#   sbatch docs/slurm_example.sh scenarios/sweeps/deffuant_epsilon.toml
#
# A task that is killed (time limit, preemption) can simply be resubmitted:
# the shard database keeps every finished run and the rerun does the rest.
# Alternative on a cluster with MPI: one job, `srun microcosm sweep SWEEP.toml`
# or `mpirun microcosm sweep SWEEP.toml` (rank 0 writes one database).
#SBATCH --job-name=microcosm-sweep
#SBATCH --array=0-15              # 16 shards; keep SHARDS below in step
#SBATCH --cpus-per-task=8         # runs in parallel within a shard (--jobs)
#SBATCH --mem-per-cpu=1G
#SBATCH --time=04:00:00
#SBATCH --output=runs/slurm-%A_%a.out
set -euo pipefail

SWEEP=${1:?usage: sbatch docs/slurm_example.sh SWEEP.toml}
SHARDS=16
NAME=$(basename "$SWEEP" .toml)
OUT=runs/$NAME
MICROCOSM=${MICROCOSM:-build/release/microcosm}
mkdir -p "$OUT"

if [[ -n "${SLURM_ARRAY_TASK_ID:-}" && "${MERGE:-0}" != 1 ]]; then
  # One shard per array task, written to the task's own database (no two
  # processes ever write one SQLite file, which network file systems do
  # badly). Catching up on a rerun is automatic.
  "$MICROCOSM" sweep "$SWEEP" --quiet --jobs "${SLURM_CPUS_PER_TASK:-1}" \
    --shard "$SLURM_ARRAY_TASK_ID/$SHARDS" \
    --db "$OUT/shard-$SLURM_ARRAY_TASK_ID.sqlite" || status=$?
  # Exit status 1 means some runs failed (recorded in the database); keep
  # going so the merge still happens, but fail on anything else.
  [[ ${status:-0} == 0 || ${status:-0} == 1 ]] || exit "$status"
  # Task 0 submits the merge job once; it waits for every task of the array
  # (afterany: it merges even if a task failed, and the merged database and
  # `microcosm merge` then say which runs are missing).
  if [[ "$SLURM_ARRAY_TASK_ID" == 0 ]]; then
    sbatch --dependency=afterany:"$SLURM_ARRAY_JOB_ID" --array=0 --cpus-per-task=1 \
      --export=ALL,MERGE=1 "$0" "$SWEEP"
  fi
  exit 0
fi

# Merge step: one database with every run, then a first look.
rm -f "$OUT/all.sqlite"
shards=()
for ((i = 0; i < SHARDS; i++)); do shards+=("$OUT/shard-$i.sqlite"); done
"$MICROCOSM" merge "$OUT/all.sqlite" "${shards[@]}"
"$MICROCOSM" summarize "$OUT/all.sqlite" > "$OUT/summary.txt"
"$MICROCOSM" export "$OUT/all.sqlite" --csv "$OUT/csv"
