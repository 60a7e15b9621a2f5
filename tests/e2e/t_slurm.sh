# t_slurm.sh: scripts/slurm-sweep.sh against a stand-in sbatch that runs each
# array task and the merge here, in order: the job scripts' quoting and the
# shard/merge wiring are checked for real; only the scheduler is pretended.
. tests/e2e/lib.sh

mkdir -p "$T/bin"
cat > "$T/bin/sbatch" <<'SH'
#!/bin/sh
# stand-in: --array=1-N runs the --wrap command N times with SLURM_ARRAY_TASK_ID
array="" wrap=""
while [ $# -gt 0 ]; do
    case $1 in
        --array=*) array=${1#--array=1-} ;;
        --wrap) shift; wrap=$1 ;;
    esac
    shift
done
if [ -n "$array" ]; then
    k=1
    while [ "$k" -le "$array" ]; do SLURM_ARRAY_TASK_ID=$k sh -c "$wrap" >/dev/null 2>&1 || exit 1; k=$((k + 1)); done
else
    sh -c "$wrap" >/dev/null 2>&1 || exit 1
fi
echo 4242
SH
chmod +x "$T/bin/sbatch"
cat > "$T/s.ini" <<INI
[sim]
duration = 5d
interval = 1d
[account.a]
[traffic.t]
daily = 30k
INI
vary="policy.ramp_factor=1.2:2:5"
out="$T/out dir"   # a space in the path
PATH="$T/bin:$PATH" SESIM="$SESIM" sh "$ROOT/scripts/slurm-sweep.sh" 2 "$out" "$T/s.ini" --vary "$vary" \
    --reps 2 >/dev/null || fail "slurm-sweep.sh failed"
"$SESIM" sweep "$T/s.ini" --vary "$vary" --reps 2 -o "$T/whole" -q || fail "whole sweep failed"
cmp -s "$T/whole/sweep.csv" "$out/all/sweep.csv" || fail "slurm shards merged differ from the whole sweep"
pass "slurm-sweep.sh: 2 array tasks and the merge job give the whole sweep's sweep.csv"
