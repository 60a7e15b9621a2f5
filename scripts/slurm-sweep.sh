#!/bin/sh
# slurm-sweep.sh: run a sesim sweep as a Slurm job array, one shard per array
# task, then merge the shards in a job that depends on the whole array.
#
#   scripts/slurm-sweep.sh SHARDS OUTDIR SCENARIO --vary KEY=SPEC [more sweep options]
#
# e.g. scripts/slurm-sweep.sh 16 /scratch/ramp scenarios/ramp-to-1m.ini \
#          --vary policy.ramp_factor=1.1:2:10 --vary traffic.all.invalid=0.2%:4%:8 --reps 50
#
# Each task writes OUTDIR/shard-K; the merge job writes OUTDIR/all (runs.csv,
# sweep.csv). OUTDIR must be on storage every node sees. Array tasks are
# resumable: a resubmitted task skips points its shard already completed.
# Set SESIM to the binary (default: sesim on PATH) and pass sbatch options
# through SBATCH_OPTS, e.g. SBATCH_OPTS="--partition=short --time=02:00:00".
set -eu
if [ $# -lt 4 ]; then
    sed -n '2,16p' "$0" >&2
    exit 2
fi
shards=$1 outdir=$2
shift 2
sesim=${SESIM:-sesim}
mkdir -p "$outdir"
# Quote the sweep arguments once for the job scripts.
args=""
for a in "$@"; do
    args="$args '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
done
array=$(sbatch --parsable ${SBATCH_OPTS:-} --array=1-"$shards" --cpus-per-task=1 \
    --job-name=sesim-sweep --output="$outdir/shard-%a.log" --wrap \
    "$sesim sweep $args --shard \$SLURM_ARRAY_TASK_ID/$shards -j 1 --resume --progress -o '$outdir/shard-'\$SLURM_ARRAY_TASK_ID")
shard_dirs=""
k=1
while [ "$k" -le "$shards" ]; do
    shard_dirs="$shard_dirs '$outdir/shard-$k'"
    k=$((k + 1))
done
sbatch ${SBATCH_OPTS:-} --dependency=afterok:"$array" --job-name=sesim-merge \
    --output="$outdir/merge.log" --wrap "$sesim merge $shard_dirs -o '$outdir/all'"
echo "submitted array $array ($shards shards) and its merge; results in $outdir/all"
