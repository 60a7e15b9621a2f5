# t_study_owner.sh: the folders of `sesim plan` and `sesim sensitivity` are
# owned as every output folder is (docs/formats.md, "Output folders"): the
# folder and its points/ carry the .sesim mark, a folder without it that holds
# points/ (or the study's files) is refused and left as it was, a folder of
# another kind is refused, and an interrupted study leaves the earlier
# complete study (files and points) as it was. Before, the studies removed
# DIR/points of any folder and an interrupted study had already removed the
# earlier points.
. tests/e2e/lib.sh

sums() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs cksum 2>/dev/null); }

cat > "$T/s.ini" <<INI
[sim]
duration = 20d
reps = 2
[account.a]
[traffic.t]
daily = 150k
sender = overflow
INI
quick="--keys policy.ramp_factor,policy.ramp_utilization --metric total_overflow --trajectories 2 --sobol 0 -q"

# An unmarked folder with a points/ of the user's: refused, left as it was.
mkdir -p "$T/mine/points/0001"
echo "my data" > "$T/mine/points/0001/notes.txt"
before=$(sums "$T/mine")
for cmd in sensitivity plan; do
    if [ $cmd = plan ]; then args="--target 100k --by 14d -q"; else args=$quick; fi
    "$SESIM" $cmd "$T/s.ini" $args -o "$T/mine" 2>"$T/err"; rc=$?
    [ "$rc" = 2 ] || miss "$cmd into an unmarked folder with points/: exit $rc ($(cat "$T/err"))"
    grep -q "points: exists and was not written by sesim" "$T/err" || miss "$cmd: stderr $(cat "$T/err")"
    [ "$(sums "$T/mine")" = "$before" ] || miss "$cmd changed an unmarked folder"
done
[ ! -e "$T/mine/.sesim" ] || miss "the refused folder got a mark"
ok "an unmarked folder holding points/: refused (exit 2) and left as it was"

# The marks: DIR for its kind, DIR/points for points; a rerun replaces both.
"$SESIM" plan "$T/s.ini" --target 100k --by 14d -q -o "$T/plan" || miss "plan failed"
"$SESIM" sensitivity "$T/s.ini" $quick -o "$T/sens" || miss "sensitivity failed"
[ "$(head -1 "$T/plan/.sesim")" = "sesim plan" ] || miss "plan folder mark: $(cat "$T/plan/.sesim")"
[ "$(head -1 "$T/sens/.sesim")" = "sesim sensitivity" ] || miss "sensitivity mark: $(cat "$T/sens/.sesim")"
for d in plan sens; do
    [ "$(head -1 "$T/$d/points/.sesim")" = "sesim points" ] || miss "$d/points has no mark"
    [ -z "$(ls -A "$T/$d" | grep '^\.sesim-')" ] || miss "$d: temporaries left: $(ls -A "$T/$d")"
done
"$SESIM" sensitivity "$T/s.ini" $quick --trajectories 3 -o "$T/sens" || miss "a second sensitivity failed"
[ "$(ls "$T/sens/points" | wc -l)" = 9 ] || miss "the rerun's points: $(ls "$T/sens/points" | wc -l), expected 9"
"$SESIM" sensitivity "$T/s.ini" $quick -o "$T/plan" 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q "holds a sesim plan, not a sensitivity" "$T/err" ||
    miss "sensitivity into a plan folder: exit $rc, $(cat "$T/err")"
[ -d "$T/plan/points" ] && [ -s "$T/plan/plan.csv" ] || miss "the refused plan folder lost its files"
ok "marks on the study folder and its points/; reruns replace them; another kind is refused"

# Interrupted while running its points: the earlier study is untouched, no
# temporary is left.
before=$(sums "$T/sens")
"$SESIM" sensitivity "$T/s.ini" --trajectories 200 --sobol 0 --metric total_overflow -q -j 2 \
    -o "$T/sens" 2>"$T/err" & pid=$!
i=0
while [ $i -lt 600 ] && ! ls -d "$T"/sens/.sesim-study-*/points/0001 >/dev/null 2>&1; do
    sleep 0.05; i=$((i + 1))
done
[ $i -lt 600 ] || miss "the study never started its points"
kill -INT $pid; wait $pid; rc=$?
[ "$rc" = 130 ] || miss "interrupted study: exit $rc, expected 130 ($(cat "$T/err"))"
[ "$(sums "$T/sens")" = "$before" ] || miss "the interrupted study changed the earlier one"
[ -z "$(ls -A "$T/sens" | grep '^\.sesim-')" ] || miss "temporaries left: $(ls -A "$T/sens")"
ok "an interrupted study: exit 130, the earlier study's files and points untouched, nothing left"

[ "$failed" = 0 ] || fail "$failed checks failed"
