# t_owner.sh: sesim writes and removes only what it owns (docs/formats.md,
# "Output folders"). Every output folder gets the .sesim mark; files and
# folders in the way that sesim did not write are refused (exit 2) and left as
# they were; temporaries are new names, never reached through a symbolic link
# planted at a guessable name; removing never follows a link; one sesim at a
# time writes into a folder; nothing is ever written into /.
. tests/e2e/lib.sh


# refused WHAT MESSAGE: the last command exited 2 with one line matching MESSAGE.
refused() {
    [ "$rc" = 2 ] || miss "$1: exit $rc, expected 2 ($(cat "$T/err"))"
    [ "$(wc -l < "$T/err")" = 1 ] || miss "$1: stderr is not one line: $(cat "$T/err")"
    grep -q -- "$2" "$T/err" || miss "$1: stderr '$(cat "$T/err")' does not say '$2'"
}
# sums DIR: checksums of everything in DIR (hidden files too), to compare.
sums() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs cksum 2>/dev/null); }

cat > "$T/s.ini" <<INI
[sim]
duration = 3d
reps = 2
[account.a]
[traffic.t]
daily = 5k
INI
# a run long enough (about a second) to act while it runs
cat > "$T/long.ini" <<INI
[sim]
duration = 1460d
tick = 1m
interval = 1d
[account.a]
[traffic.t]
daily = 40k
INI

# ---- the mark ----
"$SESIM" run "$T/s.ini" -o "$T/run" -q || fail "run failed"
"$SESIM" sweep "$T/s.ini" --vary policy.ramp_factor=1.5,2 -o "$T/sweep" -q || fail "sweep failed"
mkdir -p "$T/in" && cp "$T/s.ini" "$T/in/s1.ini" && cp "$T/s.ini" "$T/in/s2.ini"
"$SESIM" batch "$T/in" -o "$T/batch" -q || fail "batch failed"
for f in run/.sesim:run sweep/.sesim:sweep sweep/points/0001/.sesim:run batch/.sesim:batch \
         batch/s1/.sesim:run; do
    [ "$(head -1 "$T/${f%%:*}")" = "sesim ${f#*:}" ] || miss "${f%%:*}: first line '$(head -1 "$T/${f%%:*}")'"
done
if command -v gnuplot >/dev/null 2>&1; then
    "$SESIM" report "$T/run" -q || miss "report failed"
    [ "$(cat "$T/run/report/.sesim")" = "sesim report" ] || miss "run/report/.sesim: $(cat "$T/run/report/.sesim")"
fi
ok "every output folder carries its .sesim mark (run, sweep and its points, batch and its scenarios, report)"

# ---- -o '' and -o FILE ----
mkdir "$T/cwd"
for cmd in "run $T/s.ini" "sweep $T/s.ini --vary policy.ramp_factor=1.5" "batch $T/s.ini" "merge $T/sweep"; do
    (cd "$T/cwd" && "$SESIM" $cmd -o '' -q) 2>"$T/err"; rc=$?
    refused "$cmd -o ''" "needs a folder, not an empty string"
done
[ -z "$(ls -A "$T/cwd")" ] || miss "-o '' wrote into the current folder: $(ls -A "$T/cwd")"
for f in /runs.csv /sweep.csv /sweep.ini /points /timeseries.csv /batch.csv /.sesim; do
    [ ! -e "$f" ] || miss "$f exists: written into / ?"
done
echo "a file of the user's" > "$T/file"
before=$(cksum < "$T/file")
for cmd in "run $T/s.ini" "sweep $T/s.ini --vary policy.ramp_factor=1.5" "batch $T/s.ini" "merge $T/sweep"; do
    "$SESIM" $cmd -o "$T/file" -q 2>"$T/err"; rc=$?
    refused "$cmd -o FILE" "$T/file: exists and is not a folder"
done
"$SESIM" report "$T/file" 2>"$T/err"; rc=$?
refused "report FILE" "$T/file: is not a folder"
[ "$(cksum < "$T/file")" = "$before" ] || miss "-o FILE changed the file"
ok "-o '' (run, sweep, batch, merge) and -o FILE exit 2, nothing written"

# -o / is refused before anything is written: checked where / is read-only
# (a private mount namespace), so that a failure cannot write there.
if unshare -m sh -c 'mount --bind / / && mount -o remount,bind,ro /' 2>/dev/null; then
    unshare -m sh -c 'mount --bind / / && mount -o remount,bind,ro / &&
        exec "$0" run "$1" -o / -q' "$SESIM" "$T/s.ini" 2>"$T/err"; rc=$?
    refused "-o /" "/: is the root folder"
    mkdir -p "$T/links" && ln -s / "$T/links/root"
    unshare -m sh -c 'mount --bind / / && mount -o remount,bind,ro / &&
        exec "$0" sweep "$1" --vary policy.ramp_factor=1.5 -o "$2" -q' "$SESIM" "$T/s.ini" "$T/links/root" \
        2>"$T/err"; rc=$?
    refused "-o LINK-TO-/" "is the root folder"
    ok "-o / and -o a link to / exit 2 (tried where / is read-only)"
else
    echo "skip $NAME: -o / (needs unshare -m to make / read-only first)"
fi

# ---- files and folders in the way that sesim did not write ----
mkdir -p "$T/user" && echo "my notes" > "$T/user/summary.csv"
before=$(sums "$T/user")
"$SESIM" run "$T/s.ini" -o "$T/user" -q 2>"$T/err"; rc=$?
refused "run over a user's summary.csv" "user/summary.csv: exists and was not written by sesim"
[ "$(sums "$T/user")" = "$before" ] || miss "the user's folder changed"

mkdir -p "$T/out/docs" && echo "my notes" > "$T/out/docs/notes.txt"
cp "$T/s.ini" "$T/docs.ini"
before=$(sums "$T/out")
"$SESIM" batch "$T/docs.ini" "$T/in/s1.ini" -o "$T/out" -q 2>"$T/err"; rc=$?
refused "batch over a user's out/docs" "out/docs: exists and was not written by sesim"
[ "$(sums "$T/out")" = "$before" ] || miss "batch: the user's out/ changed: $(ls -A "$T/out")"

# a marked batch folder: the user's hidden files (named like the temporaries
# of earlier versions) stay, and so does a folder beside the scenario folders
echo keep > "$T/batch/.notes.tmp-1" && mkdir -p "$T/batch/.docs.tmp-2" "$T/batch/mine" &&
    echo keep > "$T/batch/.docs.tmp-2/x" && echo keep > "$T/batch/mine/y"
"$SESIM" batch "$T/in" -o "$T/batch" -q || miss "batch rerun failed"
for f in .notes.tmp-1 .docs.tmp-2/x mine/y; do
    [ "$(cat "$T/batch/$f" 2>/dev/null)" = keep ] || miss "batch rerun removed the user's $f"
done

# a report folder the user made
mkdir -p "$T/run2" && cp "$T/run"/*.csv "$T/run"/*.ini "$T/run/.sesim" "$T/run2/" &&
    rm -rf "$T/run2/report" && mkdir "$T/run2/report" && echo "my notes" > "$T/run2/report/notes.txt"
if command -v gnuplot >/dev/null 2>&1; then
    "$SESIM" report "$T/run2" -q 2>"$T/err"; rc=$?
    refused "report over a user's DIR/report" "run2/report: exists and was not written by sesim"
    [ "$(cat "$T/run2/report/notes.txt")" = "my notes" ] || miss "report replaced the user's DIR/report"
    [ -z "$(ls -A "$T/run2" | grep '^\.sesim-')" ] || miss "report left a staging folder"
fi

# a run folder that holds a batch folder (the default out/ and out/batch)
"$SESIM" batch "$T/in/s1.ini" -o "$T/nest/batch" -q && "$SESIM" run "$T/s.ini" -o "$T/nest" -q &&
    "$SESIM" run "$T/s.ini" --reps 1 -o "$T/nest" -q || miss "run beside a batch folder failed"
[ -f "$T/nest/batch/s1/summary.csv" ] && [ -f "$T/nest/batch/batch.csv" ] ||
    miss "a run into out/ removed out/batch"
ok "run, batch, report refuse files and folders sesim did not write (exit 2, left as they were); others stay"

# ---- symbolic links ----
# report on a batch folder does not follow a symbolic link to a scenario folder
if command -v gnuplot >/dev/null 2>&1; then
    mkdir -p "$T/elsewhere" && mv "$T/batch/s2" "$T/elsewhere/s2" && ln -s "$T/elsewhere/s2" "$T/batch/s2"
    "$SESIM" report "$T/batch" -q 2>"$T/err"; rc=$?
    refused "report through a symlinked scenario folder" "batch/s2: is a symbolic link inside a folder sesim wrote"
    [ ! -e "$T/elsewhere/s2/report" ] || miss "report wrote elsewhere/s2/report through the link"
    rm "$T/batch/s2" && mv "$T/elsewhere/s2" "$T/batch/s2"
fi

# a sweep's point replaced by a link to a folder elsewhere: not taken as a
# complete point (its files are not read into runs.csv), and not replaced
mkdir -p "$T/elsewhere2" && cp -r "$T/sweep/points/0002/." "$T/elsewhere2/" &&
    rm -rf "$T/sweep/points/0002" && ln -s "$T/elsewhere2" "$T/sweep/points/0002"
before=$(sums "$T/elsewhere2")
"$SESIM" sweep "$T/s.ini" --vary policy.ramp_factor=1.5,2 -o "$T/sweep" --resume -q 2>"$T/err"; rc=$?
[ "$rc" = 1 ] && grep -q 'points/0002: exists and was not written by sesim' "$T/err" ||
    miss "a point that is a link: exit $rc: $(cat "$T/err")"
[ -L "$T/sweep/points/0002" ] && [ "$(sums "$T/elsewhere2")" = "$before" ] || miss "the linked point was replaced"

# links planted at the names earlier versions used for temporaries (they were
# guessable: NAME.tmpPID, .parts-PID, .report.tmpPID) are not followed: sh -c
# plants them for its own PID, which sesim then has.
mkdir -p "$T/victim" && echo precious > "$T/victim/file" && echo precious > "$T/victimfile"
victims() { [ "$(cat "$T/victimfile")" = precious ] && [ "$(ls -A "$T/victim")" = file ] &&
            [ "$(cat "$T/victim/file")" = precious ]; }
sh -c 'for n in timeseries.csv events.csv summary.csv scenario.ini bands.csv; do
           ln -s "$3" "$2/.$n.tmp$$"; done
       ln -s "$4" "$2/.parts-$$"
       exec "$0" run "$1" -o "$2" -q' "$SESIM" "$T/s.ini" "$T/run" "$T/victimfile" "$T/victim" 2>"$T/err" ||
    miss "run with planted links failed: $(cat "$T/err")"
victims || miss "a run wrote through a planted link: $(cat "$T/victimfile"); $(ls -A "$T/victim")"
if command -v gnuplot >/dev/null 2>&1; then
    sh -c 'ln -s "$2" "$1/.report.tmp$$"; exec "$0" report "$1" -q' "$SESIM" "$T/run" "$T/victim" 2>"$T/err" ||
        miss "report with a planted link failed: $(cat "$T/err")"
    victims || miss "a report removed or wrote through a planted link: $(ls -A "$T/victim")"
fi
# temporaries are new names: .sesim-TAG-XXXXXX
"$SESIM" run "$T/long.ini" -o "$T/tmpnames" -q & pid=$!
wait_for "$T/tmpnames" '^\.sesim-parts-' || miss "never saw the run's parts folder"
names=$(ls -A "$T/tmpnames" | grep '^\.sesim-')
wait $pid || miss "the long run failed"
echo "$names" | grep -q -v -E '^\.sesim-[a-z0-9._-]+-[a-z0-9]{6}$' && miss "temporary names: $names"
# removing a stale temporary that is a link removes the link, not its target
ln -s "$T/victim" "$T/batch/.sesim-run-aaaaaa"
ln -s "$T/victim" "$T/batch/s1/planted"
"$SESIM" batch "$T/in" -o "$T/batch" -q || miss "batch rerun failed"
[ ! -e "$T/batch/.sesim-run-aaaaaa" ] && [ ! -L "$T/batch/.sesim-run-aaaaaa" ] || miss "stale temporary link left"
victims || miss "removing a link removed what it points to: $(ls -A "$T/victim")"
ok "links: a symlinked scenario folder or sweep point is refused, planted links at old temporary names are not followed, removal unlinks links"

# ---- one sesim at a time per folder ----
"$SESIM" run "$T/long.ini" -o "$T/ref" -q && "$SESIM" run "$T/s.ini" -o "$T/busy" -q || fail "runs failed"
"$SESIM" run "$T/long.ini" -o "$T/busy" -q & pid=$!
wait_for "$T/busy" '^\.sesim-parts-' || miss "the first run never started"
"$SESIM" run "$T/s.ini" -o "$T/busy" -q 2>"$T/err"; rc=$?
refused "a second run into a busy folder" "busy: another sesim is using this folder"
"$SESIM" report "$T/busy" -q 2>"$T/err"; rc=$?
refused "a report of a folder being written" "another sesim is using this folder"
wait $pid || miss "the first run failed"
for f in timeseries.csv events.csv summary.csv; do
    cmp -s "$T/ref/$f" "$T/busy/$f" || miss "the first run's $f differs from a run alone"
done
"$SESIM" sweep "$T/long.ini" --vary policy.ramp_factor=1.5,2 -o "$T/busysweep" -j 1 -q & pid=$!
wait_for "$T/busysweep/points" '^\.sesim-point-' || miss "the first sweep never started"
"$SESIM" sweep "$T/long.ini" --vary policy.ramp_factor=1.5,2 -o "$T/busysweep" --resume -q 2>"$T/err"; rc=$?
refused "a second sweep into a busy folder" "another sesim is using this folder"
wait $pid || miss "the first sweep failed"
ok "a second run, report or sweep into a folder being written is refused (exit 2); the first completes unchanged"

[ "$failed" = 0 ] || fail "$failed ownership checks failed (above)"
