# t_slurm.sh: scripts/slurm-sweep.sh against a stand-in sbatch that runs each
# array task and the merge here, in order: the job scripts' quoting and the
# shard/merge wiring are checked for real; only the scheduler is pretended.
# Hostile names (a quote, a command substitution, a %) in the output folder,
# the binary's path and a --set value must reach sesim as they are, and run
# nothing.
. tests/e2e/lib.sh

mkdir -p "$T/bin"
cat > "$T/bin/sbatch" <<'SH'
#!/bin/sh
# stand-in: --array=1-N runs the --wrap command N times with SLURM_ARRAY_TASK_ID;
# the --output names are kept in $SBATCH_LOG
array="" wrap=""
while [ $# -gt 0 ]; do
    case $1 in
        --array=*) array=${1#--array=1-} ;;
        --output=*) printf '%s\n' "${1#--output=}" >> "$SBATCH_LOG" ;;
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
export SBATCH_LOG="$T/sbatch.log"
out="$T/out dir"   # a space in the path
PATH="$T/bin:$PATH" SESIM="$SESIM" sh "$ROOT/scripts/slurm-sweep.sh" 2 "$out" "$T/s.ini" --vary "$vary" \
    --reps 2 >/dev/null || fail "slurm-sweep.sh failed"
"$SESIM" sweep "$T/s.ini" --vary "$vary" --reps 2 -o "$T/whole" -q || fail "whole sweep failed"
cmp -s "$T/whole/sweep.csv" "$out/all/sweep.csv" || fail "slurm shards merged differ from the whole sweep"
pass "slurm-sweep.sh: 2 array tasks and the merge job give the whole sweep's sweep.csv"

# Hostile names, run from a folder of their own where a command that ran
# would leave its file.
mkdir -p "$T/cwd" "$T/bin dir"
ln -s "$SESIM" "$T/bin dir/se'sim \$(touch pwned-bin)"
out="$T/o'brien \$(touch pwned) \`touch pwned2\` %j \"q\""
: > "$SBATCH_LOG"
(cd "$T/cwd" && PATH="$T/bin:$PATH" SESIM="$T/bin dir/se'sim \$(touch pwned-bin)" \
    sh "$ROOT/scripts/slurm-sweep.sh" 2 "$out" "$T/s.ini" --vary "$vary" --reps 2 \
    --set "sim.seed=1" >/dev/null 2>"$T/err") || fail "slurm-sweep.sh with hostile names failed: $(cat "$T/err")"
[ -z "$(ls -A "$T/cwd")" ] || fail "a hostile name ran a command: $(ls -A "$T/cwd")"
[ ! -e "$ROOT/pwned" ] || fail "a hostile name ran a command in the repository"
"$SESIM" sweep "$T/s.ini" --vary "$vary" --reps 2 --set sim.seed=1 -o "$T/whole1" -q || fail "whole sweep failed"
cmp -s "$T/whole1/sweep.csv" "$out/all/sweep.csv" || fail "hostile names: merged sweep differs from the whole"
grep -qxF "$(printf '%s' "$out" | sed 's/%/%%/g')/shard-%a.log" "$SBATCH_LOG" ||
    fail "sbatch --output does not escape the %: $(cat "$SBATCH_LOG")"
pass "hostile names (a quote, \$(...), backquotes, %j, double quotes) in OUTDIR and SESIM: nothing run, same sweep.csv"
