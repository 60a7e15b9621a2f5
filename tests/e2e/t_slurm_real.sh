# t_slurm_real.sh: scripts/slurm-sweep.sh on a real single-node Slurm cluster
# (tests/e2e/slurm-cluster.sh): the sharded sweep submitted through the real
# `sbatch --array`, merged by the dependent job, equals the same sweep run
# here byte for byte; a failing shard gets its merge job cancelled, not left
# pending. Skipped, with the reason, where Slurm cannot be started.
. tests/e2e/lib.sh

skip() { echo "skip $NAME: $*"; exit 0; }
for c in slurmctld slurmd munged sbatch scontrol sinfo; do
    command -v $c >/dev/null 2>&1 || skip "$c not installed (apt-get install slurm-wlm munge)"
done
[ "$(id -u)" = 0 ] || skip "not root: slurmd must run as root to start jobs"
C="$T/cluster"
export SLURM_CONF
SLURM_CONF=$(sh tests/e2e/slurm-cluster.sh up "$C" 2>"$T/up.err") || skip "the cluster did not start: $(tail -1 "$T/up.err")"
trap 'sh "$ROOT/tests/e2e/slurm-cluster.sh" down "$C"; rm -rf "$T"' EXIT

# wait_job ID: until the job has left the queue (at most 120 s); prints its state
wait_job() {
    i=0
    while [ $i -lt 600 ]; do
        st=$(scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | sort -u | tr '\n' ' ')
        case $st in *PENDING*|*RUNNING*|*CONFIGURING*|*COMPLETING*|"") ;; *) echo "$st"; return 0 ;; esac
        sleep 0.2; i=$((i + 1))
    done
    echo "TIMEOUT"
}

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
SESIM="$SESIM" sh "$ROOT/scripts/slurm-sweep.sh" 3 "$out" "$T/s.ini" --vary "$vary" --reps 2 >"$T/submit" \
    || fail "slurm-sweep.sh failed: $(cat "$T/submit")"
# the merge job's id: sbatch's own line for the second submission
merge_id() { sed -n 's/^Submitted batch job \([0-9]*\).*/\1/p' "$1" | tail -1; }
merge=$(merge_id "$T/submit")
[ -n "$merge" ] || fail "no merge job id in: $(cat "$T/submit")"
state=$(wait_job "$merge")
[ "$state" = "COMPLETED " ] || fail "merge job $merge ended $state (logs: $(cat "$out"/*.log 2>/dev/null | tail -3))"
"$SESIM" sweep "$T/s.ini" --vary "$vary" --reps 2 -o "$T/whole" -q || fail "local sweep failed"
cmp -s "$T/whole/sweep.csv" "$out/all/sweep.csv" || fail "Slurm's merged sweep.csv differs from the local one"
cmp -s "$T/whole/runs.csv" "$out/all/runs.csv" || fail "Slurm's merged runs.csv differs from the local one"

# A shard that fails: its merge job is cancelled (kill_invalid_depend), not left pending.
SESIM=/nonexistent/sesim sh "$ROOT/scripts/slurm-sweep.sh" 2 "$T/bad" "$T/s.ini" --vary "$vary" \
    >"$T/submit2" || fail "slurm-sweep.sh (failing shards) did not submit"
state=$(wait_job "$(merge_id "$T/submit2")")
case $state in CANCELLED*) ;; *) fail "merge after failed shards ended '$state', expected CANCELLED" ;; esac
[ ! -e "$T/bad/all/sweep.csv" ] || fail "a merge ran after failed shards"
pass "real Slurm: 3 array tasks and the dependent merge equal the local sweep byte for byte; failed shards cancel the merge"
