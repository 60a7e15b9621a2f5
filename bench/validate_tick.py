#!/usr/bin/env python3
"""validate_tick.py: sim.tick = auto against the 1-minute tick, as distributions.

    bench/validate_tick.py SESIM REPS SCENARIO...

For each scenario, runs REPS replications with sim.tick = 1m (seed 1) and REPS
with sim.tick = auto (seed 2, so the two samples are independent), and compares
the summary.csv columns below with a two-sample Kolmogorov-Smirnov test
(asymptotic p-value; conservative for discrete columns). Prints one line per
scenario, account and column, and exits 1 if any p-value is below 1% divided
by the number of tests made (Bonferroni: a family-wise level of 1%).
A scenario where auto batches no hour (one replication with SESIM_BATCHES=1
gives the same count) must give byte-identical outputs with the same seed
instead: that is checked and no KS test is made.
Columns that are constant and equal in both samples are reported as `same`."""
import csv
import math
import os
import subprocess
import sys
import tempfile

COLUMNS = ["total_overflow", "total_sent", "total_dropped", "total_rejected", "total_throttled",
           "peak_bounce_rate", "peak_complaint_rate", "days_paused", "days_under_review",
           "times_paused", "times_reviewed", "times_flagged", "final_max24h",
           # with sim.mailboxes = on
           "mailbox_sent", "inbox", "spam_folder", "deferred", "blocked", "expired",
           "inbox_share", "deferred_share"]


def columns(header):
    """Every days_to_<target> column of the scenario (its sim.targets), then COLUMNS."""
    return [c for c in header if c.startswith("days_to_")] + [c for c in COLUMNS if c in header]
LEVEL = 0.01


def ks_p(a, b):
    """Two-sample KS statistic and its asymptotic p-value (Kolmogorov)."""
    a, b = sorted(a), sorted(b)
    i = j = 0
    d = 0.0
    while i < len(a) and j < len(b):
        x = min(a[i], b[j])
        while i < len(a) and a[i] == x:
            i += 1
        while j < len(b) and b[j] == x:
            j += 1
        d = max(d, abs(i / len(a) - j / len(b)))
    n = len(a) * len(b) / (len(a) + len(b))
    lam = (math.sqrt(n) + 0.12 + 0.11 / math.sqrt(n)) * d
    if lam < 1e-3:
        return d, 1.0
    p = 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))
    return d, min(1.0, max(0.0, p))


def value(s):
    return float(s) if s not in ("", None) else float("inf")  # not reached: +inf


def run(sesim, scn, reps, tick, seed, out):
    subprocess.run([sesim, "run", scn, "--set", "sim.tick=" + tick, "--set", "sim.seed=%d" % seed,
                    "--reps", str(reps), "-q", "-o", out], check=True)
    with open(os.path.join(out, "summary.csv")) as f:
        return list(csv.DictReader(f))


def never_batched(sesim, scn, tmp):
    """1 when auto batched no hour of one replication; then the outputs must
    be those of the fine tick, byte for byte (an assertion)."""
    counts, files = {}, {}
    for t in ("1m", "auto"):
        out = os.path.join(tmp, "probe-" + t)
        p = subprocess.run([sesim, "run", scn, "--set", "sim.tick=" + t, "-q", "-o", out],
                           env=dict(os.environ, SESIM_BATCHES="1"), stderr=subprocess.PIPE,
                           text=True, check=True)
        counts[t] = sorted(p.stderr.splitlines())  # replications finish in any order
        files[t] = {f: open(os.path.join(out, f), "rb").read() for f in
                    ("timeseries.csv", "events.csv", "summary.csv")}
    if counts["1m"] != counts["auto"]:
        return 0
    if files["1m"] != files["auto"]:
        raise SystemExit("%s: no hour batched, but the outputs differ" % scn)
    return 1


def main():
    sesim, reps, scns = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for scn in scns:
            if never_batched(sesim, scn, tmp):
                print("%s,no hour batched: outputs byte-identical to tick = 1m" % os.path.basename(scn))
                continue
            rows = {t: run(sesim, scn, reps, t, seed, os.path.join(tmp, t))
                    for t, seed in (("1m", 1), ("auto", 2))}
            for acct in sorted({r["account"] for r in rows["1m"]}):
                for col in columns(list(rows["1m"][0])):
                    a = [value(r[col]) for r in rows["1m"] if r["account"] == acct]
                    b = [value(r[col]) for r in rows["auto"] if r["account"] == acct]
                    if len(set(a)) == 1 and set(a) == set(b):
                        print("%s,%s,%s,same,%g" % (os.path.basename(scn), acct, col, a[0]))
                        continue
                    d, p = ks_p(a, b)
                    results.append(p)
                    print("%s,%s,%s,D=%.4f,p=%.4f" % (os.path.basename(scn), acct, col, d, p))
    level = LEVEL / max(1, len(results))
    worst = min(results, default=1.0)
    print("%d tests, smallest p-value: %.4f, level 1%%/%d = %.6f: %s" %
          (len(results), worst, max(1, len(results)), level, "FAIL" if worst < level else "pass"))
    return 1 if worst < level else 0


if __name__ == "__main__":
    sys.exit(main())
