# t_resume.sh: reruns and --resume lose nothing and never go stale. --resume
# (batch and sweep) notices a replayed data file that changed; an interrupted
# or failed batch rerun keeps the earlier complete batch.csv; a run replaces
# the earlier run's files as one set (no bands.csv of an earlier run beside a
# new one; a rename that fails leaves the earlier set whole); a scenario just
# under the size limit runs again from its scenario.ini.
. tests/e2e/lib.sh


# A replayed CSV and a scenario that reads it.
mkdir -p "$T/in"
cp "$ROOT/tests/bad/base-replay.ini" "$T/in/replay.ini" # replays base-replay.csv beside it
printf 'time,account,messages\n2026-01-05T00:00:00Z,main,500\n2026-01-05T06:30:00Z,main,700\n' > "$T/in/base-replay.csv"
printf '[sim]\nduration = 2d\n[account.a]\n[traffic.t]\ndaily = 5k\n' > "$T/in/plain.ini"
demand() { sum "$1/summary.csv" total_demand; }

# ---- batch --resume: a changed data file runs its scenario again ----
"$SESIM" batch "$T/in" -o "$T/b" -q || fail "batch failed"
[ "$(demand "$T/b/replay")" = 1200 ] || miss "replay demand $(demand "$T/b/replay"), expected 1200"
touch -d '2000-01-01' "$T/b/plain/summary.csv"
printf '2026-01-05T09:00:00Z,main,300\n' >> "$T/in/base-replay.csv"
"$SESIM" batch "$T/in" -o "$T/b" --resume -q || miss "batch --resume failed"
[ "$(demand "$T/b/replay")" = 1500 ] || miss "batch --resume kept the stale replay (demand $(demand "$T/b/replay"), expected 1500)"
grep -q '^replay,1,main,.*,1500,' "$T/b/batch.csv" || miss "batch.csv has the stale replay: $(grep '^replay' "$T/b/batch.csv")"
[ "$(date -r "$T/b/plain/summary.csv" +%Y)" = 2000 ] || miss "batch --resume ran the unchanged scenario again"
"$SESIM" batch "$T/in" -o "$T/b" --resume -q && [ "$(date -r "$T/b/plain/summary.csv" +%Y)" = 2000 ] ||
    miss "a second --resume ran something again"
ok "batch --resume runs again the scenario whose data file changed (demand 1200 -> 1500), and only it"

# ---- sweep --resume: a changed data file is another sweep ----
"$SESIM" sweep "$T/in/replay.ini" --vary policy.ramp_factor=1.5,2 -o "$T/sw" -q || fail "sweep failed"
cp "$T/sw/runs.csv" "$T/runs.before"
printf '2026-01-05T10:00:00Z,main,100\n' >> "$T/in/base-replay.csv"
"$SESIM" sweep "$T/in/replay.ini" --vary policy.ramp_factor=1.5,2 -o "$T/sw" --resume -q 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q 'holds a different sweep (another scenario, data files' "$T/err" ||
    miss "sweep --resume after the data changed: exit $rc: $(cat "$T/err")"
cmp -s "$T/runs.before" "$T/sw/runs.csv" || miss "the earlier sweep's runs.csv changed"
# a data file named by a --vary value
cp "$T/in/base-replay.csv" "$T/in/b.csv"
"$SESIM" sweep "$T/in/replay.ini" --vary "traffic.replay.file=$T/in/base-replay.csv,$T/in/b.csv" -o "$T/swf" -q ||
    fail "sweep over files failed"
printf '2026-01-05T11:00:00Z,main,100\n' >> "$T/in/b.csv"
"$SESIM" sweep "$T/in/replay.ini" --vary "traffic.replay.file=$T/in/base-replay.csv,$T/in/b.csv" -o "$T/swf" \
    --resume -q 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q 'holds a different sweep' "$T/err" ||
    miss "sweep --resume after a varied file changed: exit $rc: $(cat "$T/err")"
ok "sweep --resume refuses a folder whose points read other data (base scenario's file, or a --vary value's)"

# ---- a batch rerun that stops keeps the earlier complete batch.csv ----
for i in 1 2 3 4; do
    # tick = 1m and 12 reps: long enough (about 1.5 s a scenario) that the
    # rerun is still running when one of its folders is replaced; with the
    # hour batches of sim.tick = auto the whole batch took 0.2 s and ended
    # before the signal
    printf '[sim]\nduration = 800d\ninterval = 1d\ntick = 1m\nreps = 12\nseed = %s\n[account.a]\n[traffic.t]\ndaily = 40k\n' \
        "$i" > "$T/long$i.ini"
done
"$SESIM" batch "$T"/long*.ini -o "$T/bl" -j 2 -q || fail "long batch failed"
cp "$T/bl/batch.csv" "$T/earlier.csv"
"$SESIM" batch "$T"/long*.ini -o "$T/bl" -j 2 --set policy.ramp_factor=1.25 -q 2>/dev/null & pid=$!
sleep 0.2
# wait for one scenario folder of the rerun to be replaced
i=0
while [ $i -lt 3000 ] && ! grep -qs 'ramp_factor = 1.25' "$T"/bl/long*/scenario.ini; do sleep 0.01; i=$((i + 1)); done
kill -INT $pid; wait $pid; rc=$?
[ "$rc" = 130 ] || miss "interrupted rerun: exit $rc, expected 130"
cmp -s "$T/earlier.csv" "$T/bl/batch.csv" || miss "an interrupted rerun lost the earlier batch.csv"
# every scenario of a rerun fails (the file size limit): the earlier batch.csv stays
if (ulimit -f 1; trap '' XFSZ; printf '%0600d' 0 > "$T/unit") 2>/dev/null; then blk=1024; else blk=512; fi
(ulimit -f $((64 * 1024 / blk)); exec "$SESIM" batch "$T"/long*.ini -o "$T/bl" -j 2 --set policy.ramp_factor=1.7 -q) \
    2>"$T/err"; rc=$?
[ "$rc" = 1 ] || miss "a rerun over the file size limit: exit $rc, expected 1 ($(cat "$T/err"))"
cmp -s "$T/earlier.csv" "$T/bl/batch.csv" || miss "a failed rerun lost the earlier batch.csv"
ok "an interrupted batch rerun (exit 130) and a failed one (exit 1) keep the earlier complete batch.csv"

# ---- a run's files are one set ----
cat > "$T/s.ini" <<INI
[sim]
duration = 3d
reps = 3
[account.a]
[traffic.t]
daily = 5k
INI
"$SESIM" run "$T/s.ini" -o "$T/r" -q && [ -f "$T/r/bands.csv" ] || fail "run with bands failed"
"$SESIM" run "$T/s.ini" --reps 1 -o "$T/r" -q || fail "run of one replication failed"
[ ! -e "$T/r/bands.csv" ] || miss "the earlier run's bands.csv is left beside a run of one replication"
"$SESIM" run "$T/s.ini" --reps 1 -o "$T/r1" -q
for f in timeseries.csv events.csv summary.csv scenario.ini; do
    cmp -s "$T/r/$f" "$T/r1/$f" || miss "$f differs from a run into a new folder"
done
# the last rename fails (a stand-in rename() that fails for bands.csv): the
# earlier run stays whole
cat > "$T/shim.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
int rename(const char *from, const char *to)
{
    static int (*real)(const char *, const char *);
    const char *bad = getenv("SHIM_FAIL_RENAME_TO");
    size_t n = bad ? strlen(bad) : 0, m = strlen(to);
    if (bad && m >= n && !strcmp(to + m - n, bad)) {
        errno = EIO;
        return -1;
    }
    if (!real)
        real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    return real(from, to);
}
C
if ${CC:-cc} -shared -fPIC -o "$T/shim.so" "$T/shim.c" -ldl 2>/dev/null; then
    "$SESIM" run "$T/s.ini" -o "$T/r" -q && (cd "$T/r" && cksum * > "$T/r.sum") || fail "run failed"
    SHIM_FAIL_RENAME_TO=/bands.csv LD_PRELOAD="$T/shim.so" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
        "$SESIM" run "$T/s.ini" --seed 7 -o "$T/r" -q 2>"$T/err"; rc=$?
    [ "$rc" = 1 ] && grep -q 'bands.csv: cannot rename into place' "$T/err" ||
        miss "a failing last rename: exit $rc: $(cat "$T/err")"
    (cd "$T/r" && cksum * | cmp -s - "$T/r.sum") || miss "a failing last rename left a folder mixing two runs"
    [ -z "$(ls -A "$T/r" | grep '^\.sesim-')" ] || miss "a failing last rename left temporaries: $(ls -A "$T/r")"
    ok "a run replaces the earlier one as a set: no stale bands.csv; a failing last rename keeps the earlier run whole"
else
    ok "a run replaces the earlier one as a set: no stale bands.csv (no C compiler for the rename stand-in)"
fi

# ---- the size limit: a scenario just under it runs again from its scenario.ini ----
{ yes '; a leading comment block that the resolved scenario keeps, line after line' |
    head -c $((16 * 1048576 - 8192)); printf '\n[sim]\nduration = 1d\n[account.a]\n[traffic.t]\ndaily = 5k\n'; } > "$T/big.ini"
"$SESIM" run "$T/big.ini" -o "$T/big" -q 2>"$T/err" || miss "a scenario 8 kB under the limit: $(cat "$T/err")"
"$SESIM" run "$T/big/scenario.ini" -o "$T/big2" -q 2>"$T/err" || miss "its scenario.ini does not run again: $(cat "$T/err")"
cmp -s "$T/big/scenario.ini" "$T/big2/scenario.ini" && cmp -s "$T/big/timeseries.csv" "$T/big2/timeseries.csv" ||
    miss "the rerun from scenario.ini differs"
ok "a scenario of $(wc -c < "$T/big.ini") bytes (the limit is 16 MiB) runs again from its $(wc -c < "$T/big/scenario.ini")-byte scenario.ini"

[ "$failed" = 0 ] || fail "$failed resume and rerun checks failed (above)"
