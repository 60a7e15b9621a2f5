# t_bad.sh: the bad-input catalogue, tests/bad/ (see tests/bad/README.md).
#
# Each case NAME has NAME.expect, the exact stderr line, and its input:
#   NAME.ini   run as     sesim run tests/bad/NAME.ini -o OUT
#   NAME.csv   replayed:  sesim run tests/bad/base-replay.ini
#                             --set traffic.replay.file=tests/bad/NAME.csv -o OUT
#              (ses-NAME.csv through base-ses.ini and traffic.export.file)
#   NAME.json  JSON input: ses-NAME.json as traffic.export.file of base-ses.ini
#   NAME.jsonl SES event records: traffic.export of base-ses.ini, kind = ses-events
#   NAME.args  the whole command line instead, one argument a line, printf %b
#              escapes expanded; @OUT@, @T@ (this test's temporary folder) and
#              @ROOT@ (the repository) are replaced, in .expect files too
#   NAME.gen   a shell script run first with $1 = @T@, to make inputs that do
#              not belong in git (huge, unreadable); exit 77 skips the case
#   NAME.status  the expected exit status when not 2 (0: accepted input)
#   NAME.demand  for an accepted replay: the total demand it must produce
# An accepted case must also write a scenario.ini that resolves to itself.
# Every case must exit with that status, print exactly the expected stderr
# (one line, or nothing when accepted) and, when refused, leave nothing in OUT.
. tests/e2e/lib.sh
B=tests/bad
TO=$(command -v timeout >/dev/null 2>&1 && echo "timeout 60" || echo "")

# miss NAME WHAT: record a failed case and go on with the next one.
failed=0
miss() { echo "FAIL $NAME: $1: $2" >&2; failed=$((failed + 1)); }

subst() { printf '%s\n' "$1" | sed "s|@OUT@|$T/out|g; s|@T@|$T|g; s|@ROOT@|$ROOT|g"; }

cases=0 skipped=0 accepted=0
for exp in "$B"/*.expect; do
    name=$(basename "$exp" .expect)
    rm -rf "$T/out"
    if [ -f "$B/$name.gen" ]; then
        sh "$B/$name.gen" "$T"; g=$?
        if [ "$g" = 77 ]; then
            skipped=$((skipped + 1))
            echo "skip $NAME: $name (its .gen says it cannot be made here)"
            continue
        fi
        [ "$g" = 0 ] || fail "$name: $name.gen exited $g"
    fi
    # The command line of the case, as the positional parameters.
    if [ -f "$B/$name.args" ]; then
        set --
        while IFS= read -r a || [ -n "$a" ]; do
            case $a in *@*) a=$(subst "$a") ;; esac
            case $a in *\\*) a=$(printf '%b' "$a") ;; esac
            set -- "$@" "$a"
        done < "$B/$name.args"
    elif [ -f "$B/$name.ini" ]; then
        set -- run "$B/$name.ini" -o "$T/out"
    elif [ -f "$B/$name.csv" ]; then
        case $name in
        ses-*) set -- run "$B/base-ses.ini" --set "traffic.export.file=$B/$name.csv" -o "$T/out" ;;
        *) set -- run "$B/base-replay.ini" --set "traffic.replay.file=$B/$name.csv" -o "$T/out" ;;
        esac
    elif [ -f "$B/$name.json" ]; then
        case $name in
        ses-*) set -- run "$B/base-ses.ini" --set "traffic.export.file=$B/$name.json" -o "$T/out" ;;
        *) miss "$name" "a .json case must start with ses-"; continue ;;
        esac
    elif [ -f "$B/$name.jsonl" ]; then
        set -- run "$B/base-ses.ini" --set traffic.export.kind=ses-events \
            --set "traffic.export.file=$B/$name.jsonl" -o "$T/out"
    else
        miss "$name" "no $name.args, $name.ini, $name.csv or $name.json"; continue
    fi
    want_rc=2
    [ -f "$B/$name.status" ] && want_rc=$(cat "$B/$name.status")
    want=$(cat "$exp")
    case $want in *@*) want=$(subst "$want") ;; esac
    $TO "$SESIM" "$@" > "$T/stdout" 2> "$T/stderr" < /dev/null; rc=$?
    cases=$((cases + 1))
    got=$(cat "$T/stderr")
    if [ "$rc" != "$want_rc" ]; then
        miss "$name" "exit $rc, expected $want_rc (stderr: $got)"
    elif [ "$got" != "$want" ]; then
        miss "$name" "stderr
  got:      $got
  expected: $want"
    elif [ "$want_rc" = 0 ]; then
        accepted=$((accepted + 1))
        d=
        [ -f "$B/$name.demand" ] && d=$(sum "$T/out/timeseries.csv" demand)
        [ "$d" = "$(cat "$B/$name.demand" 2>/dev/null)" ] ||
            miss "$name" "demand $d, expected $(cat "$B/$name.demand") (the file's total)"
        # the resolved scenario the run wrote resolves to itself
        rm -rf "$T/again"
        "$SESIM" run "$T/out/scenario.ini" -o "$T/again" -q 2>"$T/stderr" &&
            cmp -s "$T/out/scenario.ini" "$T/again/scenario.ini" ||
            miss "$name" "its scenario.ini does not reproduce itself: $(cat "$T/stderr")"
    elif [ "$(wc -l < "$T/stderr")" != 1 ]; then
        miss "$name" "stderr is not one line"
    elif [ -d "$T/out" ] && [ -n "$(ls -A "$T/out")" ]; then
        miss "$name" "output left behind: $(ls -A "$T/out")"
    fi
done
[ "$cases" -ge 40 ] || fail "only $cases cases in $B"
[ "$failed" = 0 ] || fail "$failed of $cases catalogue cases failed (above)"
pass "$cases catalogue cases ($((cases - accepted)) refused with exit 2 and their exact line, nothing written; $accepted accepted), $skipped skipped"
