#!/usr/bin/env python3
"""validate_tick.py: sim.tick = auto against the 1-minute tick, as distributions.

    bench/validate_tick.py SESIM REPS SCENARIO...

For each scenario, runs REPS replications with sim.tick = 1m (seed 1) and REPS
with sim.tick = auto (seed 2, so the two samples are independent), and compares
the summary.csv columns below with a two-sample Kolmogorov-Smirnov test
(asymptotic p-value; conservative for discrete columns). Prints one line per
scenario, account and column, and exits 1 if any p-value is below 1%.
Columns that are constant and equal in both samples are reported as `same`."""
import csv
import math
import os
import subprocess
import sys
import tempfile

COLUMNS = ["days_to_50k", "days_to_100k", "days_to_1M", "total_overflow", "total_sent",
           "total_dropped", "peak_bounce_rate", "peak_complaint_rate", "days_paused",
           "times_paused", "times_reviewed", "final_max24h"]
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


def main():
    sesim, reps, scns = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    worst = 1.0
    with tempfile.TemporaryDirectory() as tmp:
        for scn in scns:
            rows = {t: run(sesim, scn, reps, t, seed, os.path.join(tmp, t))
                    for t, seed in (("1m", 1), ("auto", 2))}
            for acct in sorted({r["account"] for r in rows["1m"]}):
                for col in COLUMNS:
                    if col not in rows["1m"][0]:
                        continue
                    a = [value(r[col]) for r in rows["1m"] if r["account"] == acct]
                    b = [value(r[col]) for r in rows["auto"] if r["account"] == acct]
                    if len(set(a)) == 1 and set(a) == set(b):
                        print("%s,%s,%s,same,%g" % (os.path.basename(scn), acct, col, a[0]))
                        continue
                    d, p = ks_p(a, b)
                    worst = min(worst, p)
                    print("%s,%s,%s,D=%.4f,p=%.4f%s" % (os.path.basename(scn), acct, col, d, p,
                                                       "  <-- below 1%" if p < LEVEL else ""))
    print("smallest p-value: %.4f" % worst)
    return 1 if worst < LEVEL else 0


if __name__ == "__main__":
    sys.exit(main())
