# lib.sh: helpers for end-to-end tests (sourced by tests/e2e/t_*.sh).
# Each test runs $SESIM on scenarios in its own temporary folder $T and reads
# the CSV outputs with awk. fail() reports and ends the test with status 1.
set -u
SESIM=${SESIM:-./sesim}
case $SESIM in /*) ;; *) SESIM=$(pwd)/$SESIM ;; esac
ROOT=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/sesim-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
NAME=$(basename "$0" .sh)

fail() { echo "FAIL $NAME: $*" >&2; exit 1; }
pass() { echo "ok   $NAME: $*"; }
# For tests of many checks: miss WHAT records a failed check and goes on;
# ok WHAT passes WHAT if no check failed since the last ok. End with
# [ "$failed" = 0 ] || fail "...".
failed=0 seen=0
miss() { echo "FAIL $NAME: $*" >&2; failed=$((failed + 1)); }
ok() { [ "$failed" = "$seen" ] && pass "$1"; seen=$failed; }

# col FILE NAME: the 1-based index of column NAME in FILE's header.
col() { head -1 "$1" | tr ',' '\n' | grep -n -x "$2" | cut -d: -f1; }

# sum FILE NAME [ACCOUNT]: the sum of a column (over rows of ACCOUNT when given).
sum() {
    c=$(col "$1" "$2"); a=$(col "$1" account)
    awk -F, -v c="$c" -v a="$a" -v acct="${3:-}" \
        'NR > 1 && (acct == "" || $a == acct) { s += $c } END { printf "%.0f\n", s }' "$1"
}

# expect_bad_input FILE_OR_ARGS...: the run must exit 2 with one stderr line
# "sesim: ..." and leave no output files in $T/bad-out.
expect_bad_input() {
    rm -rf "$T/bad-out"
    "$SESIM" run "$@" -o "$T/bad-out" >"$T/stdout" 2>"$T/stderr"; rc=$?
    [ "$rc" = 2 ] || fail "expected exit 2, got $rc for: $*"
    [ "$(wc -l < "$T/stderr")" = 1 ] || fail "expected one stderr line for: $* (got: $(cat "$T/stderr"))"
    grep -q '^sesim: ' "$T/stderr" || fail "stderr does not start with 'sesim: ': $(cat "$T/stderr")"
    if [ -d "$T/bad-out" ] && [ -n "$(ls -A "$T/bad-out")" ]; then
        fail "output left behind for: $*: $(ls -A "$T/bad-out")"
    fi
}

# golden_run OUT: the golden reference run (tests/golden/README.md): every
# shipped scenario as one batch with two replications, into OUT.
# wait_for DIR PATTERN: wait (at most 30 s) until a file matching PATTERN is in DIR.
wait_for() {
    i=0
    while [ $i -lt 3000 ]; do
        ls -A "$1" 2>/dev/null | grep -q -E "$2" && return 0
        sleep 0.01
        i=$((i + 1))
    done
    return 1
}

golden_run() { "$SESIM" batch "$ROOT/scenarios" --reps 2 -o "$1" -j 2 -q; }
# golden_sums OUT: the SHA-256 of every output file of a golden run, by
# relative path (not the .sesim marks: they say who wrote the folder, and a
# run's names its data files by absolute path; t_owner.sh checks them).
# scenario.ini records data files by absolute path: the checkout's own folder
# is replaced by @ROOT@ first, so the sums do not depend on where it is.
golden_sums() {
    (cd "$1" && find . -type f ! -name .sesim | LC_ALL=C sort | while read -r f; do
        printf '%s  %s\n' "$(sed "s|$ROOT|@ROOT@|g" "$f" | sha256sum | cut -d' ' -f1)" "$f"
    done)
}

# children PID: the process ids whose parent is PID (from /proc, no procps needed).
children() {
    for s in /proc/[0-9]*/stat; do
        read -r cpid _ _ ppid _ 2>/dev/null < "$s" && [ "$ppid" = "$1" ] && echo "$cpid"
    done
}

# first_child PID: wait (up to 5 s) for PID's first child process and print it;
# fail when none appears.
first_child() {
    i=0; c=""
    while [ -z "$c" ] && [ $i -lt 100 ]; do
        c=$(children "$1" | head -1); i=$((i + 1)); [ -n "$c" ] || sleep 0.05
    done
    [ -n "$c" ] || fail "no worker process seen"
    echo "$c"
}

