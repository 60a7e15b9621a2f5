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
case $shards in
    '' | *[!0-9]* | 0*) echo "slurm-sweep.sh: SHARDS must be a positive number, not '$shards'" >&2; exit 2 ;;
esac
[ -n "$outdir" ] || { echo "slurm-sweep.sh: OUTDIR is empty" >&2; exit 2; }
sesim=${SESIM:-sesim}
mkdir -p -- "$outdir"

# q WORD: WORD quoted for sh -c, whatever it holds ('it'\''s', $(...), spaces).
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
# sbatch expands %a, %j, ... in --output file names: a literal % is written %%.
pct() { printf '%s' "$1" | sed 's/%/%%/g'; }

# Everything the job scripts run is quoted once here; the task's shard number
# comes from Slurm, outside any quotes, and is a number.
args=""
for a in "$@"; do
    args="$args $(q "$a")"
done
array=$(sbatch --parsable ${SBATCH_OPTS:-} --array=1-"$shards" --cpus-per-task=1 \
    --job-name=sesim-sweep --output="$(pct "$outdir")/shard-%a.log" --wrap \
    "$(q "$sesim") sweep$args --shard \"\$SLURM_ARRAY_TASK_ID\"/$shards -j 1 --resume --progress -o $(q "$outdir/shard-")\"\$SLURM_ARRAY_TASK_ID\"")
shard_dirs=""
k=1
while [ "$k" -le "$shards" ]; do
    shard_dirs="$shard_dirs $(q "$outdir/shard-$k")"
    k=$((k + 1))
done
sbatch ${SBATCH_OPTS:-} --dependency=afterok:"$array" --job-name=sesim-merge \
    --output="$(pct "$outdir")/merge.log" --wrap "$(q "$sesim") merge$shard_dirs -o $(q "$outdir/all")"
echo "submitted array $array ($shards shards) and its merge; results in $outdir/all"
