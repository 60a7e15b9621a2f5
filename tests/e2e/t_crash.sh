# t_crash.sh: crash safety. SIGINT, SIGTERM and SIGHUP during a run (while it
# simulates, and while it writes its files), during a sweep and during a
# report (Ctrl-C reaching gnuplot too); SIGHUP ignored (nohup); SIGKILL, whose
# leftovers the next run into the folder removes; a full disk or a file size
# limit; sizes that would exhaust memory or never end. Each must end with one
# clear line and its exit status (130 interrupted, 1 failed, 2 refused), leave
# no partial or temporary file nor a worker running, and leave an earlier
# complete output in the same folder untouched; an interrupted sweep resumes
# to the same files as an uninterrupted one.
. tests/e2e/lib.sh


# leftovers DIR: temporary files or folders sesim left in DIR (empty: none).
leftovers() { ls -A "$1" 2>/dev/null | grep -E '^\.sesim-|\.tmp|^\.parts-|\.part$' | tr '\n' ' '; }

# A complete earlier output, and its checksums.
cat > "$T/small.ini" <<INI
[sim]
duration = 3d
[account.a]
[traffic.t]
daily = 5k
INI
earlier() {
    rm -rf "$1"
    "$SESIM" run "$T/small.ini" -o "$1" -q || fail "the small run failed"
    (cd "$1" && cksum * > "$T/earlier.sum")
}
untouched() { (cd "$1" && cksum * | cmp -s - "$T/earlier.sum"); }


# A run long enough to be interrupted (seconds, not a fraction of one: the 0.3 s
# wait below must fall inside it): two replications of two accounts over ten
# years at 1-minute ticks.
cat > "$T/long.ini" <<INI
[sim]
duration = 3650d
tick = 1m
interval = 1h
reps = 2
[account.a]
[account.b]
[traffic.t]
account = a
daily = 40k
[traffic.u]
account = b
daily = 40k
INI

# ---- signals while simulating ----
for sig in INT TERM; do
    earlier "$T/o"
    "$SESIM" run "$T/long.ini" -o "$T/o" -j 2 -q 2>"$T/err" & pid=$!
    wait_for "$T/o" '^\.sesim-parts-' || miss "$sig: the run never started"
    sleep 0.3
    kill -$sig $pid; wait $pid; rc=$?
    [ "$rc" = 130 ] || miss "SIG$sig while simulating: exit $rc, expected 130"
    [ "$(cat "$T/err")" = "sesim: interrupted: no output written" ] ||
        miss "SIG$sig while simulating: stderr '$(cat "$T/err")'"
    [ -z "$(leftovers "$T/o")" ] || miss "SIG$sig while simulating left: $(leftovers "$T/o")"
    untouched "$T/o" || miss "SIG$sig while simulating changed the earlier output"
done
ok "SIGINT and SIGTERM while simulating: exit 130, one line, nothing left, earlier output untouched"

# ---- signals while writing the output files ----
# The output files exist under temporary names only while the run combines
# its replications: wait for one, then signal.
cat > "$T/bands.ini" <<INI
[sim]
duration = 120d
interval = 1h
reps = 24
[account.a]
[account.b]
[traffic.t]
account = a
daily = 5k
[traffic.u]
account = b
daily = 5k
INI
for sig in INT TERM; do
    earlier "$T/w"
    "$SESIM" run "$T/bands.ini" -o "$T/w" -j 2 -q 2>"$T/err" & pid=$!
    if wait_for "$T/w" '^\.sesim-(timeseries|events|summary|bands)\.csv-'; then
        kill -$sig $pid; wait $pid; rc=$?
        [ "$rc" = 130 ] || miss "SIG$sig while writing the files: exit $rc, expected 130"
        [ -z "$(leftovers "$T/w")" ] || miss "SIG$sig while writing the files left: $(leftovers "$T/w")"
        untouched "$T/w" || miss "SIG$sig while writing the files changed the earlier output"
    else
        wait $pid
        miss "SIG$sig while writing the files: no temporary output file ever seen"
    fi
done
ok "SIGINT and SIGTERM while writing the output files: exit 130, nothing left, earlier output untouched"

# ---- SIGHUP (the terminal closed): like SIGINT and SIGTERM, workers stopped ----
# alive PID...: the processes of the list still running
alive() { for p in "$@"; do kill -0 "$p" 2>/dev/null && echo "$p"; done; }
earlier "$T/h"
"$SESIM" run "$T/long.ini" -o "$T/h" -j 2 -q 2>"$T/err" & pid=$!
wait_for "$T/h" '^\.sesim-parts-' || miss "HUP: the run never started"
sleep 0.3
workers=$(children $pid)
kill -HUP $pid; wait $pid; rc=$?
[ "$rc" = 130 ] || miss "SIGHUP while simulating: exit $rc, expected 130"
[ "$(cat "$T/err")" = "sesim: interrupted: no output written" ] || miss "SIGHUP: stderr '$(cat "$T/err")'"
[ -z "$(leftovers "$T/h")" ] || miss "SIGHUP left: $(leftovers "$T/h")"
untouched "$T/h" || miss "SIGHUP changed the earlier output"
sleep 0.2
[ -z "$(alive $workers)" ] || miss "SIGHUP left workers running: $(alive $workers)"
kill $(alive $workers) 2>/dev/null
# ignored, as under nohup: the run goes on to the end
sh -c 'trap "" HUP; exec "$0" run "$1" --set sim.duration=730d -o "$2" -j 2 -q' "$SESIM" "$T/long.ini" "$T/nohup" \
    2>"$T/err" & pid=$!
wait_for "$T/nohup" '^\.sesim-parts-' || miss "nohup: the run never started"
kill -HUP $pid; wait $pid; rc=$?
[ "$rc" = 0 ] && [ -f "$T/nohup/summary.csv" ] || miss "SIGHUP ignored (nohup): exit $rc: $(cat "$T/err")"
ok "SIGHUP: exit 130, one line, nothing left, no worker running; ignored under nohup, the run completes"

# ---- SIGKILL: what it leaves, the next run into the folder removes ----
for j in 1 2; do
    earlier "$T/k"
    "$SESIM" run "$T/long.ini" -o "$T/k" -j $j -q 2>/dev/null & pid=$!
    wait_for "$T/k" '^\.sesim-parts-' || miss "SIGKILL -j $j: the run never started"
    sleep 0.2
    workers=$(children $pid)
    kill -KILL $pid; { wait $pid; } 2>/dev/null
    [ -n "$(leftovers "$T/k")" ] || miss "SIGKILL -j $j: no parts left to clean (test too slow?)"
    i=0 # the workers end with their parent
    while [ -n "$(alive $workers)" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    [ -z "$(alive $workers)" ] || miss "SIGKILL -j $j: workers still running 5 s after their parent died"
    kill $(alive $workers) 2>/dev/null
    "$SESIM" run "$T/small.ini" -o "$T/k" -q 2>"$T/err" || miss "the run after SIGKILL failed: $(cat "$T/err")"
    [ -z "$(leftovers "$T/k")" ] || miss "SIGKILL -j $j: the next run did not remove $(leftovers "$T/k")"
    untouched "$T/k" || miss "SIGKILL -j $j: the next run's files differ from the earlier same run"
done
ok "SIGKILL (-j 1, -j 2): workers end with their parent; the next run into the folder removes the parts left"

# ---- signals during a report: Ctrl-C (to sesim and gnuplot), SIGTERM, SIGHUP ----
# Ctrl-C reaches gnuplot too, which then fails; it is stood in for by SIGTERM
# to gnuplot: gnuplot's own SIGINT handler can deadlock (seen under load, in a
# futex), which would hang the test rather than test sesim.
if command -v gnuplot >/dev/null 2>&1; then
    "$SESIM" run "$T/small.ini" --set sim.reps=3 -o "$T/rep" -q && "$SESIM" report "$T/rep" -q ||
        fail "run and report failed"
    (cd "$T/rep/report" && cksum * > "$T/report.sum")
    for sig in INT TERM HUP; do
        "$SESIM" report "$T/rep" -q 2>"$T/err" & pid=$!
        gp=$(first_child $pid) || exit 1
        if [ $sig = INT ]; then kill -INT $pid; kill -TERM $gp 2>/dev/null; else kill -$sig $pid; fi
        wait $pid; rc=$?
        [ "$rc" = 130 ] || miss "SIG$sig during a report: exit $rc, expected 130 ($(cat "$T/err"))"
        [ "$(cat "$T/err")" = "sesim: interrupted: no report written" ] ||
            miss "SIG$sig during a report: stderr '$(cat "$T/err")'"
        [ -z "$(leftovers "$T/rep")" ] || miss "SIG$sig during a report left: $(leftovers "$T/rep")"
        (cd "$T/rep/report" && cksum * | cmp -s - "$T/report.sum") || miss "SIG$sig changed the earlier report"
    done
    ok "Ctrl-C (sesim and gnuplot), SIGTERM, SIGHUP during a report: exit 130, no staging folder, earlier report kept"
    # SIGTERM to sesim alone stops the plot being drawn and starts no other: a
    # gnuplot that draws for 20 s notes the SIGTERM it gets (sesim used to wait
    # for it, then draw the remaining plots, and only then say interrupted).
    mkdir -p "$T/slowgp"
    cat > "$T/slowgp/gnuplot" <<SH
#!/bin/sh
echo start >> "$T/slowgp/log"
trap 'echo term >> "$T/slowgp/log"; exit 1' TERM
i=0; while [ \$i -lt 200 ]; do sleep 0.1; i=\$((i + 1)); done
SH
    chmod +x "$T/slowgp/gnuplot"
    PATH="$T/slowgp:$PATH" "$SESIM" report "$T/rep" -q 2>"$T/err" & pid=$!
    gp=$(first_child $pid) || exit 1
    kill -TERM $pid; wait $pid; rc=$?
    [ "$rc" = 130 ] && [ "$(cat "$T/slowgp/log" | tr '\n' ' ')" = "start term " ] ||
        miss "SIGTERM during a slow plot: exit $rc, gnuplot log: $(cat "$T/slowgp/log" | tr '\n' ' ')"
    ok "SIGTERM during a report stops the plot being drawn and starts no other"
else
    echo "skip $NAME: signals during a report (no gnuplot)"
fi

# ---- a sweep stopped by SIGTERM, then resumed ----
# Stopped once a point is complete (points of about 0.4 s, 12 of them, so that
# a slow machine still has points to stop): exit 130.
cat > "$T/sweep.ini" <<INI
[sim]
duration = 1200d
interval = 1d
reps = 2
[account.a]
[traffic.t]
daily = 40k
INI
vary="--vary policy.ramp_factor=1.1:2:12"
"$SESIM" sweep "$T/sweep.ini" $vary -o "$T/whole" -j 2 -q || fail "the sweep failed"
"$SESIM" sweep "$T/sweep.ini" $vary -o "$T/cut" -j 2 -q 2>"$T/err" & pid=$!
wait_for "$T/cut/points" '^[^.]' || miss "the sweep never completed a point"
kill -TERM $pid; wait $pid; rc=$?
[ "$rc" = 130 ] || miss "sweep after SIGTERM: exit $rc, expected 130"
[ -z "$(leftovers "$T/cut")$(leftovers "$T/cut/points")" ] ||
    miss "sweep after SIGTERM left: $(leftovers "$T/cut") $(leftovers "$T/cut/points")"
[ "$rc" = 130 ] && [ -e "$T/cut/runs.csv" ] && miss "runs.csv written by an interrupted sweep"
"$SESIM" sweep "$T/sweep.ini" $vary -o "$T/cut" -j 2 --resume -q || miss "resume after SIGTERM failed"
for f in runs.csv sweep.csv; do
    cmp -s "$T/whole/$f" "$T/cut/$f" || miss "resumed $f differs from the uninterrupted sweep"
done
ok "sweep stopped by SIGTERM (exit $rc), resumed: the same runs.csv and sweep.csv"

# ---- a full disk, and a file size limit ----
# check_full DIR WHAT RC...: the run into DIR failed with exit 1, one line,
# nothing left, the earlier output untouched.
check_full() {
    [ "$rc" = 1 ] || miss "$1: exit $rc, expected 1 ($(cat "$T/err"))"
    [ "$(wc -l < "$T/err")" = 1 ] || miss "$1: stderr is not one line: $(cat "$T/err")"
    grep -q -E "$2" "$T/err" || miss "$1: the message does not say why: $(cat "$T/err")"
    [ -z "$(leftovers "$3")" ] || miss "$1 left: $(leftovers "$3")"
    untouched "$3" || miss "$1 changed the earlier output"
}
mnt="$T/tmpfs"
mkdir -p "$mnt"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256k tmpfs "$mnt" 2>/dev/null; then
    earlier "$mnt/o"
    "$SESIM" run "$T/long.ini" --set sim.reps=1 --set sim.duration=120d -o "$mnt/o" -q 2>"$T/err"; rc=$?
    check_full "full disk (256 kB tmpfs)" 'No space left on device' "$mnt/o"
    umount "$mnt"
    ok "full disk: exit 1, '$(cat "$T/err")', nothing left, earlier output untouched"
else
    echo "skip $NAME: full disk (needs root and mount for a small tmpfs)"
fi
# ulimit -f: the limit (200 kB) is hit by the replication's part files, or
# (two replications of 150 kB) only when they are combined into the final
# files. Its unit is 512 bytes in dash (POSIX) and 1024 in bash.
if (ulimit -f 1; trap '' XFSZ; printf '%0600d' 0 > "$T/unit") 2>/dev/null; then blk=1024; else blk=512; fi
kb200=$((200 * 1024 / blk))
earlier "$T/f"
(ulimit -f $kb200; exec "$SESIM" run "$T/small.ini" --set sim.duration=120d -o "$T/f" -q) 2>"$T/err"; rc=$?
check_full "ulimit -f, part files" 'File too large' "$T/f"
(ulimit -f $kb200; exec "$SESIM" run "$T/small.ini" --set sim.duration=60d --set sim.reps=2 -j 1 -o "$T/f" -q) \
    2>"$T/err"; rc=$?
check_full "ulimit -f, final files" 'File too large' "$T/f"
# Both replications over the limit: still one line.
(ulimit -f $((100 * 1024 / blk)); exec "$SESIM" run "$T/small.ini" --set sim.duration=60d --set sim.reps=2 \
    -j 1 -o "$T/f" -q) 2>"$T/err"; rc=$?
check_full "ulimit -f, every replication over the limit" 'File too large' "$T/f"
ok "file size limit (ulimit -f) while simulating and while combining: exit 1, one line, nothing left"

# ---- absurd sizes ----
# 100 years at 1 s ticks with 10,000 accounts: refused before anything runs.
awk 'BEGIN { print "[sim]\nduration = 36500d\ntick = 1s\ninterval = 1d"
             for (i = 0; i < 10000; i++) printf "[account.a%d]\n[traffic.t%d]\naccount = a%d\n", i, i, i }' \
    > "$T/huge.ini"
"$SESIM" run "$T/huge.ini" -o "$T/huge" -q 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q 'sim.duration: is over a billion ticks' "$T/err" ||
    miss "100 years at 1 s ticks, 10,000 accounts: exit $rc: $(cat "$T/err")"
[ -z "$(ls -A "$T/huge" 2>/dev/null)" ] || miss "100 years at 1 s ticks: output written"
"$SESIM" sweep "$T/small.ini" --vary policy.ramp_factor=1:2:100000 --vary traffic.t.daily=1k:1M:100000 \
    -o "$T/huge" -q 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q 'points: at most a million' "$T/err" || miss "10^10 sweep points: exit $rc: $(cat "$T/err")"
ok "100 years at 1 s ticks with 10,000 accounts, 10^10 sweep points: refused up front (exit 2)"

# Accepted sizes that must run in bounded memory: under a 1 GB address space
# limit they either finish, or go on until stopped, and never die of it.
# (Not under AddressSanitizer, which reserves terabytes of address space.)
if sh -c 'ulimit -v 1000000; exec "$0" --version' "$SESIM" >/dev/null 2>&1; then
    # a list of 2^53 addresses, a month of bounces from it
    (ulimit -v 1000000; exec "$SESIM" run "$T/small.ini" --set sim.duration=30d \
        --set traffic.t.list_size=9007199254740992 --set traffic.t.invalid=20% -o "$T/l" -q) 2>"$T/err"; rc=$?
    [ "$rc" = 0 ] || miss "list_size 2^53: exit $rc: $(cat "$T/err")"
    # a million replications, stopped after a second
    (ulimit -v 1000000; exec "$SESIM" run "$T/small.ini" --set sim.duration=1h --set sim.reps=1000000 \
        -o "$T/r" -j 2 -q) 2>"$T/err" & pid=$!
    sleep 1; kill -TERM $pid; wait $pid; rc=$?
    [ "$rc" = 130 ] || miss "a million replications, stopped: exit $rc: $(cat "$T/err")"
    [ -z "$(ls -A "$T/r" 2>/dev/null)" ] || miss "a million replications left: $(ls -A "$T/r")"
    ok "list_size 2^53 runs; a million replications run until stopped (exit 130, nothing left), in 1 GB"
else
    echo "skip $NAME: bounded memory (ulimit -v does not work with this binary)"
fi

# 10,000 accounts: a stop request during the set-up of the run ends it with
# exit 130 and nothing left. (How soon is not tested: a wall-clock bound here
# depended on the load of the machine.)
awk 'BEGIN { print "[sim]\nduration = 1d\ntick = 1h\ninterval = 1d"
             for (i = 0; i < 10000; i++) printf "[account.a%d]\n[traffic.t%d]\naccount = a%d\n", i, i, i }' \
    > "$T/many.ini"
"$SESIM" run "$T/many.ini" -o "$T/many" -q 2>"$T/err" & pid=$!
wait_for "$T/many" '^\.sesim-parts-' || miss "10,000 accounts: the run never started"
kill -TERM $pid
wait $pid; rc=$?
[ "$rc" = 130 ] || miss "10,000 accounts, SIGTERM: exit $rc, expected 130"
[ -z "$(leftovers "$T/many")" ] || miss "10,000 accounts, SIGTERM left: $(leftovers "$T/many")"
ok "10,000 accounts: SIGTERM during the set-up ends the run (exit 130, nothing left)"

[ "$failed" = 0 ] || fail "$failed crash-safety checks failed (above)"
