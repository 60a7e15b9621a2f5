"""run.py: sesim's benchmarks (`make bench`; see bench/README.md).

    /usr/bin/python3 bench/run.py [--quick] [--build DIR] [--only NAME,...]

Runs the benchmarks, prints a table and writes bench/results.csv with the
columns benchmark,variant,metric,value,unit,ratio_to,ratio.

ratio: the cost (time per unit of work) of this row's variant divided by the
cost of the `ratio_to` variant for the same work, measured side by side in the
same run (paired repetitions, median of the per-pair ratios) where possible.
So ratio > 1 means "this many times slower than ratio_to". Scaling rows use the
smallest size as ratio_to: a ratio near 1 there means the per-batch cost is flat,
that is the total cost grows linearly.

Figures are medians over repetitions; the machine is shared and noisy, so read
the ratios rather than the absolute numbers. Standard library only.
"""
import argparse
import csv
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"  # Debian's, with python3-simpy (not a pyenv shim)

ROWS = []
TARGETS = []
NOISY = []  # (benchmark, cores other processes kept busy meanwhile)


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def add(bench, variant, metric, value, unit, ratio_to="", ratio=""):
    ROWS.append(dict(benchmark=bench, variant=variant, metric=metric, value=value, unit=unit,
                     ratio_to=ratio_to, ratio=ratio))


def target(name, measured, unit, goal, met):
    TARGETS.append((name, measured, unit, goal, met))


def peak_mib(values):
    """Largest peak RSS in MiB, or nan when GNU time was not there to measure it."""
    return max(values) / 1024 if values and None not in values else float("nan")


class Load:
    """What else used the CPUs while a benchmark ran: busy time of the whole
    machine (/proc/stat) less this process's and its children's, and the time
    the hypervisor stole from this virtual machine (when it reports it)."""

    def __init__(self):
        self.t0, self.own0 = time.perf_counter(), self.own()
        self.busy0, self.steal0 = self.stat()

    @staticmethod
    def stat():
        try:
            with open("/proc/stat") as f:
                v = [int(x) for x in f.readline().split()[1:]] + [0] * 8
            hz = os.sysconf("SC_CLK_TCK")
            return (v[0] + v[1] + v[2] + v[5] + v[6]) / hz, v[7] / hz
        except (OSError, ValueError, IndexError):
            return float("nan"), float("nan")

    @staticmethod
    def own():
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def cores(self):
        """(cores other processes kept busy, cores stolen by the host), means over the section."""
        wall = time.perf_counter() - self.t0
        busy, steal = self.stat()
        if wall <= 0:
            return float("nan"), float("nan")
        other = (busy - self.busy0) - (self.own() - self.own0)
        return round(max(0.0, other / wall), 3), round((steal - self.steal0) / wall, 3)


def med(xs):
    return statistics.median(xs) if xs else float("nan")


TIME = "/usr/bin/time"  # GNU time: its own small RSS, so the child's peak is not hidden


def measure(cmd, cwd=ROOT, rss=False, cpu=None):
    """Run cmd (stdout discarded); return (wall seconds, peak RSS of cmd in KiB or None).
    cpu: run it on that CPU alone (sched_setaffinity), or anywhere when None.

    The peak RSS comes from GNU time (%M): Linux carries a process's peak RSS
    across exec, so wait4() on a child forked from this Python would report
    Python's own RSS (about 14 MiB) for any smaller program."""
    full = cmd
    rss_file = None
    if rss and os.access(TIME, os.X_OK):
        fd, rss_file = tempfile.mkstemp(prefix="sesim-bench-rss-")
        os.close(fd)
        full = [TIME, "-f", "%M", "-o", rss_file] + cmd
    t0 = time.perf_counter()
    pin = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
    p = subprocess.run(full, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       preexec_fn=pin)
    wall = time.perf_counter() - t0
    peak = None
    if rss_file:
        with open(rss_file) as f:
            text = f.read().split()
        os.remove(rss_file)
        peak = int(text[-1]) if text and text[-1].isdigit() else None
    if p.returncode != 0:
        raise RuntimeError("%s exited %s: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()[-2000:]))
    return wall, peak


def run_lines(cmd):
    """Run cmd and return its stdout lines (the drivers report their own timings)."""
    p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()[-2000:]))
    return [l for l in p.stdout.splitlines() if l.strip()]


def gen_scenario(path, accounts, duration, tick, interval):
    with open(path, "w") as f:
        subprocess.run(["sh", os.path.join(HERE, "gen-scenario.sh"), str(accounts), duration, tick,
                        interval], stdout=f, check=True)


def ms(text):
    units = {"m": 60000, "h": 3600000, "d": 86400000}
    return int(text[:-1]) * units[text[-1]]


def sum_sent(outdir):
    # the accounts' rows; the organisation's `*` row already holds their sum
    with open(os.path.join(outdir, "summary.csv")) as f:
        return sum(int(r["total_sent"]) for r in csv.DictReader(f) if r["account"] != "*")


# ---------------------------------------------------------------- 1. hold model

def bench_hold(cfg, bin_dir):
    hold = os.path.join(bin_dir, "hold")
    have_simpy = subprocess.run([PY, "-c", "import SimPy.Simulation"], stderr=subprocess.DEVNULL).returncode == 0
    if not have_simpy:
        log("SimPy 2.3 (python3-simpy) is not importable by %s: SimPy variant skipped" % PY)
    for n in cfg["hold_n"]:
        events = cfg["hold_events"][n]
        log("hold model N=%d: floor and sesim, %d reps of %d events" % (n, cfg["reps_hold"], events))
        rows = [l.split(",") for l in run_lines([hold, "both", str(n), str(events), str(cfg["reps_hold"])])]
        t = {"floor": [], "sesim": []}
        final = set()
        for v, _, _, ev, sec, fin in rows:
            t[v].append(float(sec))
            final.add(fin)
        pair = [s / f for f, s in zip(t["floor"], t["sesim"])]
        b = "hold_n%d" % n
        floor_eps = events / med(t["floor"])
        sesim_eps = events / med(t["sesim"])
        add(b, "floor", "events_per_s", floor_eps, "events/s")
        add(b, "sesim", "events_per_s", sesim_eps, "events/s", "floor", med(pair))
        add(b, "sesim", "ns_per_event", 1e9 / sesim_eps, "ns")
        add(b, "floor", "ns_per_event", 1e9 / floor_eps, "ns")
        target("engine within 1.5x of the floor, N=%d" % n, med(pair), "x", "<= 1.5", med(pair) <= 1.5)
        if have_simpy:
            # SimPy and sesim alternate, one repetition each, and the ratio is the
            # median of the pairs: the host's speed drifts by tens of percent between
            # minutes, which separate medians would read as a change of ratio.
            sev = cfg["simpy_events"][n]
            log("hold model N=%d: SimPy and sesim alternating, %d pairs (%d SimPy events)"
                % (n, cfg["reps_simpy"], sev))
            simpy_secs, pairs = [], []
            for _ in range(cfg["reps_simpy"]):
                srow = [l.split(",") for l in run_lines([PY, os.path.join(HERE, "hold_simpy.py"), str(n),
                                                          str(sev), "1"])][0]
                hrows = [l.split(",") for l in run_lines([hold, "both", str(n), str(events), "1"])]
                sesim_sec = [float(r[4]) for r in hrows if r[0] == "sesim"][0]
                simpy_secs.append(float(srow[4]))
                pairs.append((events / sesim_sec) / (sev / float(srow[4])))
                # the same event sequence: SimPy's final time matches the C variants' at equal counts
                if sev == events:
                    final.add(srow[5])
            ratio = med(pairs)
            add(b, "simpy", "events_per_s", sev / med(simpy_secs), "events/s", "sesim", ratio)
            target("engine >= 15x SimPy, N=%d" % n, ratio, "x", ">= 15", ratio >= 15)
        if len(final) != 1:
            log("WARNING: hold N=%d: the variants ended at different times %s" % (n, sorted(final)))


# ---------------------------------------------------------------- M/M/1 beside Cimba and SimPy

# Cimba (ambonvik/cimba v3 RC1, C with stackful coroutines) ran its M/M/1
# benchmark (benchmark/MM1_single.c) on this machine on 2026-11-28 at about
# 5.6 M customers/s with its profile-guided build (3.6 M/s without). Not
# vendored or rebuilt here: the mark to beat, as measured then.
CIMBA_MM1_PER_S = 5.6e6


def bench_mm1(cfg, bin_dir):
    mm1 = os.path.join(bin_dir, "mm1")
    n, sn = cfg["mm1_customers"], cfg["mm1_simpy_customers"]
    have_simpy = subprocess.run([PY, "-c", "import SimPy.Simulation"], stderr=subprocess.DEVNULL).returncode == 0
    log("M/M/1 (arrival 0.9, service 1.0): sesim %d customers%s, %d reps" % (
        n, (" and SimPy %d alternating" % sn) if have_simpy else "", cfg["reps_mm1"]))
    secs, gsl_secs, simpy_secs, pairs, means = [], [], [], [], []
    for _ in range(cfg["reps_mm1"]):
        row = run_lines([mm1, str(n), "1"])[0].split(",")
        secs.append(float(row[3]))
        means.append(float(row[4]))
        gsl_secs.append(float(run_lines([mm1, str(n), "1", "gsl"])[0].split(",")[3]))
        if have_simpy:
            srow = run_lines([PY, os.path.join(HERE, "mm1_simpy.py"), str(sn), "1"])[0].split(",")
            simpy_secs.append(float(srow[3]))
            pairs.append((n / float(row[3])) / (sn / float(srow[3])))
    rate = n / med(secs)
    b = "mm1"
    add(b, "sesim", "customers_per_s", rate, "customers/s", "cimba_2026-11-28", CIMBA_MM1_PER_S / rate)
    add(b, "sesim", "mean_system_time", med(means), "time units (expected 10)")
    add(b, "cimba_2026-11-28", "customers_per_s", CIMBA_MM1_PER_S, "customers/s")
    # The same queue with GSL's taus2 and inversion for the variates (mm1.c):
    # what the engine does with a slower generator than Cimba's.
    add(b, "sesim_gsl_rng", "customers_per_s", n / med(gsl_secs), "customers/s", "sesim", med(secs) / med(gsl_secs))
    target("M/M/1 faster than Cimba's 5.6 M customers/s", rate / 1e6, "M/s", "> 5.6", rate > CIMBA_MM1_PER_S)
    if have_simpy:
        add(b, "simpy", "customers_per_s", sn / med(simpy_secs), "customers/s", "sesim", med(pairs))


# ---------------------------------------------------------------- studies

def bench_clients(cfg, bin_dir, tmp):
    """Message-level sending (traffic.client): one stream at 50 calls a second
    for 30 days, 129.6 M calls, each with a latency draw and a bucket check."""
    sesim = os.path.join(bin_dir, "sesim")
    scn = os.path.join(tmp, "clients-50.ini")
    with open(scn, "w") as f:
        f.write("[sim]\nduration = 30d\n[policy]\npreset = modern\n[account.main]\n"
                "max24h = unlimited\nmax_rate = 100\n[traffic.bulk]\nkind = constant\n"
                "daily = 4.32M\nnoise = none\nclient = bucket\nclient_rate = 50\nsender = drop\n")
    out = os.path.join(tmp, "clients-50")
    log("clients: 50 calls/s for 30 days, message by message")
    w, _ = measure([sesim, "run", scn, "-o", out, "-q"])
    shutil.rmtree(out, ignore_errors=True)
    add("clients_50_per_s_30d", "sesim", "wall_s", w, "s")
    add("clients_50_per_s_30d", "sesim", "messages_per_s", 129.6e6 / w, "msg/s")
    target("message-level sending, 50/s for 30 days", w, "s", "< 10", w < 10)


def bench_studies(cfg, bin_dir, tmp):
    """What users run now: a sweep of the default scenario, points x reps."""
    sesim = os.path.join(bin_dir, "sesim")
    points, reps = cfg["study_sweep"]
    log("study: sweep of the default scenario, %d points x %d reps, -j 2" % (points, reps))
    out = os.path.join(tmp, "study-sweep")
    scn = os.path.join(ROOT, "scenarios", "default.ini")
    w, _ = measure([sesim, "sweep", scn, "--vary", "policy.ramp_factor=1.2:2:%d" % points, "--reps",
                    str(reps), "-j", "2", "-o", out, "-q"])
    shutil.rmtree(out, ignore_errors=True)
    add("study_sweep", "sesim", "wall_s", w, "s")
    add("study_sweep", "sesim", "runs_per_s", points * reps / w, "runs/s")
    if points == 100 and reps == 100:
        target("sweep of the default scenario, 100 points x 100 reps", w, "s", "< 60", w < 60)
    if not shutil.which("valgrind"):
        return
    # What one of its replications costs, start-up and each point's reading,
    # summary and tables cancelled (4 points of the same axis, r1 and r2
    # replications, -j 1): the figure the 60 s stands on, whatever the machine
    # is doing (a replication's work depends on the point's ramp_factor).
    r1, r2 = cfg["instr_sweep_reps"]
    log("instructions (callgrind): sweep of the default scenario, 4 points x %d and %d reps" % (r1, r2))
    per_rep = marginal(lambda r: [sesim, "sweep", scn, "--vary", "policy.ramp_factor=1.2:2:4", "--reps", str(r),
                                  "-j", "1", "-o", "%s-%d" % (out, r), "-q"], r1, r2, tmp) / 4
    for r in (r1, r2):
        shutil.rmtree("%s-%d" % (out, r), ignore_errors=True)
    add("instructions", "sweep_replication", "per_replication", per_rep, "instructions")
    target("sweep replication instructions, default scenario", per_rep / 1e6, "M instr",
           "<= %.1f" % (INSTR_TARGETS["sweep_rep"] / 1e6), per_rep <= INSTR_TARGETS["sweep_rep"])


def bench_decisions(cfg, bin_dir, tmp):
    """The decision studies of the default scenario: the default screening of all its
    assumption keys (sesim sensitivity: 10 Morris trajectories, 64 Sobol samples) and a
    default plan (sesim plan --target 100k --by 14d, 20 replications a candidate)."""
    sesim = os.path.join(bin_dir, "sesim")
    scn = os.path.join(ROOT, "scenarios", "default.ini")
    traj, sobol = cfg["study_sensitivity"]
    log("study: sensitivity of the default scenario, %d trajectories, %d Sobol samples, -j 2" % (traj, sobol))
    out = os.path.join(tmp, "study-sensitivity")
    w, _ = measure([sesim, "sensitivity", scn, "--trajectories", str(traj), "--sobol", str(sobol),
                    "-j", "2", "-o", out, "-q"])
    with open(os.path.join(out, "design.csv")) as f:
        points = sum(1 for _ in f) - 1
    shutil.rmtree(out, ignore_errors=True)
    add("study_sensitivity", "sesim", "wall_s", w, "s")
    add("study_sensitivity", "sesim", "points", points, "points")
    if (traj, sobol) == (10, 64):
        target("default screening of the default scenario's assumptions", w, "s", "< 60", w < 60)
    log("study: plan of the default scenario, 100k by 14d, -j 2")
    out = os.path.join(tmp, "study-plan")
    w, _ = measure([sesim, "plan", scn, "--target", "100k", "--by", "14d", "-j", "2", "-o", out, "-q"])
    with open(os.path.join(out, "candidates.csv")) as f:
        candidates = sum(1 for _ in f) - 1
    shutil.rmtree(out, ignore_errors=True)
    add("study_plan", "sesim", "wall_s", w, "s")
    add("study_plan", "sesim", "candidates", candidates, "schedules")
    target("plan for the default scenario (100k by 14d)", w, "s", "< 60", w < 60)


# ---------------------------------------------------------------- instruction counts

def callgrind_instructions(cmd, tmp):
    """Instructions the command executes, counted by valgrind's callgrind:
    the same for the same binary, inputs and environment, whatever else the
    machine is doing (timings on this VM drift by tens of percent)."""
    out = os.path.join(tmp, "callgrind.out")
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + cmd, cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError("callgrind of %s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr[-2000:]))
    with open(out) as f:
        total = next(int(l.split()[1]) for l in f if l.startswith("summary:"))
    os.remove(out)
    return total


def marginal(cmd_of, small, large, tmp):
    """Instructions per unit of work: the difference between a run of `large`
    units and one of `small`, so start-up (reading, allocation, output headers)
    cancels out. cmd_of(size) gives the command."""
    a = callgrind_instructions(cmd_of(small), tmp)
    b = callgrind_instructions(cmd_of(large), tmp)
    return (b - a) / (large - small)


# Targets on instruction counts: what commit 381440b executed (full model 816 a
# batch, default scenario 1.46 M a simulated day, CSV replay 2,793 a row, with
# the time targets of the other sections met) plus 15%, so a regression of more
# than 15% reads NOT MET on any machine, loaded or not.
# The M/M/1 customer: 374 instructions at 2026-12-05's engine (packed heap
# keys) and bench (Cimba's generator and ziggurat), plus 15%.
# A replication of the default scenario's sweep: 29.6 M at 2026-12-05's e1a4217, plus 15%.
INSTR_TARGETS = {"batch": 940, "day": 1.68e6, "row": 3210, "customer": 430, "sweep_rep": 34.0e6}


def bench_instructions(cfg, bin_dir, tmp):
    if not shutil.which("valgrind"):
        log("valgrind is not installed: instruction counts skipped (apt-get install valgrind)")
        return
    sesim, hold, mm1 = (os.path.join(bin_dir, x) for x in ("sesim", "hold", "mm1"))
    out = os.path.join(tmp, "instr-out")
    d1, d2 = cfg["instr_days"]
    log("instructions (callgrind): full model, 50 accounts x %d and %d days" % (d1, d2))

    def full(days):
        scn = os.path.join(tmp, "instr-full-%d.ini" % days)
        gen_scenario(scn, 50, "%dd" % days, "1m", "1h")
        return [sesim, "run", scn, "-o", out, "-q"]
    a = callgrind_instructions(full(d1), tmp)
    b = callgrind_instructions(full(d2), tmp)
    per_batch = (b - a) / ((d2 - d1) * 50 * 1440)
    floor = marginal(lambda e: [hold, "floor", "51", str(e), "1"], 200000, 400000, tmp)
    ib = "instructions"
    add(ib, "full_model", "per_batch", per_batch, "instructions", "heap_loop", per_batch / floor)
    add(ib, "heap_loop", "per_event", floor, "instructions")
    target("full model instructions per batch", per_batch, "instr", "<= %d" % INSTR_TARGETS["batch"],
           per_batch <= INSTR_TARGETS["batch"])

    log("instructions (callgrind): default scenario, %d and %d days" % (d1, d2))
    per_day = marginal(lambda d: [sesim, "run", "-o", out, "-q", "--set", "sim.duration=%dd" % d], d1, d2, tmp)
    add(ib, "default_scenario", "per_simulated_day", per_day, "instructions")
    target("default scenario instructions per simulated day", per_day / 1e6, "M instr",
           "<= %.2f" % (INSTR_TARGETS["day"] / 1e6), per_day <= INSTR_TARGETS["day"])

    log("instructions (callgrind): default scenario, 90 days, tick = 1m and tick = auto")
    whole = {t: callgrind_instructions([sesim, "run", "-o", out, "-q", "--set", "sim.tick=" + t], tmp)
             for t in ("1m", "auto")}
    add(ib, "default_scenario_1m", "per_run", whole["1m"], "instructions")
    add(ib, "default_scenario_auto", "per_run", whole["auto"], "instructions", "default_scenario_1m",
        whole["auto"] / whole["1m"])
    target("default scenario, tick = auto: times fewer instructions than 1m", whole["1m"] / whole["auto"],
           "x", ">= 5", whole["1m"] / whole["auto"] >= 5)

    r1, r2 = cfg["instr_csv_rows"]
    log("instructions (callgrind): CSV replay, %d and %d rows" % (r1, r2))

    def replay(rows):
        path = os.path.join(tmp, "instr-%d.csv" % rows)
        subprocess.run([os.path.join(bin_dir, "gencsv"), path, str(rows), "3"], check=True)
        scn = os.path.join(tmp, "instr-csv-%d.ini" % rows)
        with open(scn, "w") as f:
            f.write("[sim]\nstart = 2026-01-05T00:00:00Z\nduration = %dd\ntick = 1h\ninterval = 1d\n\n"
                    "[account.main]\nstage = production\n\n[traffic.replay]\naccount = main\nkind = csv\n"
                    "file = %s\nsender = pace\nlist_size = 1000M\n" % (r2 * 3 // 86400 + 1, path))
        return [sesim, "run", scn, "-o", out, "-q"]
    per_row = marginal(replay, r1, r2, tmp)
    add(ib, "csv_replay", "per_row", per_row, "instructions")
    target("CSV replay instructions per row", per_row, "instr", "<= %d" % INSTR_TARGETS["row"],
           per_row <= INSTR_TARGETS["row"])

    hold_s = marginal(lambda e: [hold, "sesim", "1000", str(e), "1"], 200000, 400000, tmp)
    hold_f = marginal(lambda e: [hold, "floor", "1000", str(e), "1"], 200000, 400000, tmp)
    add(ib, "hold_n1000_sesim", "per_event", hold_s, "instructions", "hold_n1000_floor", hold_s / hold_f)
    add(ib, "hold_n1000_floor", "per_event", hold_f, "instructions")
    target("engine instructions within 1.5x of the floor, N=1000", hold_s / hold_f, "x", "<= 1.5",
           hold_s / hold_f <= 1.5)
    per_customer = marginal(lambda c: [mm1, str(c), "1"], 100000, 200000, tmp)
    add(ib, "mm1", "per_customer", per_customer, "instructions")
    target("M/M/1 instructions per customer", per_customer, "instr", "<= %d" % INSTR_TARGETS["customer"],
           per_customer <= INSTR_TARGETS["customer"])
    per_customer_gsl = marginal(lambda c: [mm1, str(c), "1", "gsl"], 100000, 200000, tmp)
    add(ib, "mm1_gsl_rng", "per_customer", per_customer_gsl, "instructions", "mm1", per_customer_gsl / per_customer)
    shutil.rmtree(out, ignore_errors=True)


# ---------------------------------------------------------------- 2. full model

def bench_full(cfg, bin_dir, tmp):
    sesim = os.path.join(bin_dir, "sesim")
    hold = os.path.join(bin_dir, "hold")
    acc, dur, tick = cfg["full"]
    scn = os.path.join(tmp, "full.ini")
    gen_scenario(scn, acc, dur, tick, "1h")
    batches = acc * (ms(dur) // ms(tick))
    events = batches + ms(dur) // 3600000  # + the hourly boundaries
    walls, rss, floors, draws, sent = [], [], [], [], None
    for r in range(cfg["reps_full"]):
        log("full model %d accounts x %s at %s (%d batches): rep %d/%d" % (acc, dur, tick, batches, r + 1,
                                                                           cfg["reps_full"]))
        out = os.path.join(tmp, "full-out")
        w, m = measure([sesim, "run", scn, "-o", out, "-q"], rss=True)
        sent = sum_sent(out)
        shutil.rmtree(out)
        f = float(run_lines([hold, "floor", str(acc + 1), str(events), "1"])[0].split(",")[4])
        d = float(run_lines([hold, "draws", str(acc + 1), str(cfg["draw_events"]), "1"])[0].split(",")[4])
        draws.append(d / cfg["draw_events"])
        walls.append(w)
        rss.append(m)
        floors.append(f)
    b = "full_model"
    wall = med(walls)
    ratio = med([w / f for w, f in zip(walls, floors)])
    add(b, "sesim", "wall_s", wall, "s", "heap_loop", ratio)
    add(b, "heap_loop", "wall_s", med(floors), "s")
    add(b, "heap_loop", "ns_per_event", med(floors) / events * 1e9, "ns")
    add(b, "sesim", "ns_per_batch", wall / batches * 1e9, "ns", "heap_loop+draws",
        med([w / batches / d for w, d in zip(walls, draws)]))
    add(b, "heap_loop+draws", "ns_per_event", med(draws) * 1e9, "ns", "heap_loop",
        med([d / (f / events) for d, f in zip(draws, floors)]))
    add(b, "sesim", "batches", batches, "batches")
    add(b, "sesim", "batches_per_s", batches / wall, "batches/s")
    add(b, "sesim", "messages_per_s", sent / wall, "messages/s")
    add(b, "sesim", "messages_sent", sent, "messages")
    add(b, "sesim", "peak_rss", peak_mib(rss), "MiB")
    target("full model within 3x of the heap loop", ratio, "x", "<= 3", ratio <= 3)
    target("full model peak RSS", peak_mib(rss), "MiB", "< 200", peak_mib(rss) < 200)


# ---------------------------------------------------------------- 3. CSV replay

def bench_csv(cfg, bin_dir, tmp):
    sesim = os.path.join(bin_dir, "sesim")
    rows, step = cfg["csv_rows"], 3
    path = os.path.join(tmp, "replay.csv")
    log("CSV replay: generating %d rows into %s" % (rows, path))
    subprocess.run([os.path.join(bin_dir, "gencsv"), path, str(rows), str(step)], check=True)
    size = os.path.getsize(path)
    days = rows * step // 86400 + 1
    # list_size is large so that outcomes take the O(1) binomial path: with the
    # default 1M list, hourly batches are a sizeable part of the list and GSL's
    # O(n) hypergeometric would dominate (a finding of its own, see README).
    head = ("[sim]\nstart = 2026-01-05T00:00:00Z\nduration = %dd\ntick = 1h\ninterval = 1d\n\n"
            "[account.main]\nstage = production\n\n" % days)
    scn = os.path.join(tmp, "csv.ini")
    with open(scn, "w") as f:
        f.write("; CSV replay benchmark: one account, a row every %d s, a 1-hour tick so the\n"
                "; model's own work (%d batches) is small beside the reading\n" % (step, days * 24)
                + head + "[traffic.replay]\naccount = main\nkind = csv\nfile = %s\nsender = pace\n"
                "list_size = 1000M\n" % path)
    twin = os.path.join(tmp, "csv-twin.ini")
    with open(twin, "w") as f:  # the same model work with synthetic demand: what is not reading
        f.write(head + "[traffic.replay]\naccount = main\nkind = constant\ndaily = %d\nnoise = none\n"
                "sender = pace\nlist_size = 1000M\n" % round(100.5 * 86400 / step))
    try:
        walls, rss, wcs, twins = [], [], [], []
        for r in range(cfg["reps_csv"]):
            log("CSV replay: rep %d/%d" % (r + 1, cfg["reps_csv"]))
            wc, _ = measure(["wc", "-l", path])
            out = os.path.join(tmp, "csv-out")
            w, m = measure([sesim, "run", scn, "-o", out, "-q"], rss=True)
            shutil.rmtree(out)
            t, _ = measure([sesim, "run", twin, "-o", out, "-q"])
            shutil.rmtree(out)
            walls.append(w)
            rss.append(m)
            wcs.append(wc)
            twins.append(t)
    finally:
        os.remove(path)
    b = "csv_replay"
    wall = med(walls)
    ratio = med([w / c for w, c in zip(walls, wcs)])
    add(b, "sesim", "rows_per_s", rows / wall, "rows/s", "wc_l", ratio)
    add(b, "sesim", "mb_per_s", size / wall / 1e6, "MB/s")
    add(b, "sesim", "wall_s", wall, "s")
    add(b, "sesim", "peak_rss", peak_mib(rss), "MiB")
    add(b, "model_only", "wall_s", med(twins), "s")
    net = med([w - t for w, t in zip(walls, twins)])
    add(b, "sesim-model_only", "rows_per_s", rows / net if net > 0 else float("nan"), "rows/s")
    add(b, "wc_l", "rows_per_s", rows / med(wcs), "rows/s")
    add(b, "wc_l", "mb_per_s", size / med(wcs) / 1e6, "MB/s")
    add(b, "input", "rows", rows, "rows")
    add(b, "input", "size", size / 1e6, "MB")
    target("CSV replay rows/s", rows / wall, "rows/s", ">= 2e6", rows / wall >= 2e6)


# ---------------------------------------------------------------- 4. scaling

def scaling_series(bench, label, sizes, make_scn, reps, sesim, tmp):
    """Runs each size `reps` times, interleaved; returns the per-batch cost ratios."""
    scns = [(s, make_scn(s)) for s in sizes]
    walls = {s: [] for s in sizes}
    rss = {s: [] for s in sizes}
    for r in range(reps):
        for s, (scn, batches) in scns:
            log("%s %s: rep %d/%d (%d batches)" % (bench, label(s), r + 1, reps, batches))
            out = os.path.join(tmp, "scale-out")
            w, m = measure([sesim, "run", scn, "-o", out, "-q"], rss=True)
            shutil.rmtree(out)
            walls[s].append(w)
            rss[s].append(m)
    base = None
    for s, (scn, batches) in scns:
        wall = med(walls[s])
        per = wall / batches * 1e9
        if base is None:
            base, base_label = per, label(sizes[0])
            add(bench, label(s), "ns_per_batch", per, "ns")
        else:
            add(bench, label(s), "ns_per_batch", per, "ns", base_label, per / base)
        add(bench, label(s), "wall_s", wall, "s")
        add(bench, label(s), "batches", batches, "batches")
        add(bench, label(s), "peak_rss", peak_mib(rss[s]), "MiB")
    return {s: peak_mib(rss[s]) for s in sizes}


def bench_scaling(cfg, bin_dir, tmp):
    sesim = os.path.join(bin_dir, "sesim")

    def by_duration(d):
        scn = os.path.join(tmp, "dur-%s.ini" % d)
        gen_scenario(scn, 1, d, "1m", "1h")
        return scn, ms(d) // ms("1m")

    mem = scaling_series("scaling_duration", lambda d: "1acct_%s" % d, cfg["scale_dur"], by_duration,
                         cfg["reps_scale"], sesim, tmp)
    ds = cfg["scale_dur"]
    growth = mem[ds[-1]] / mem[ds[0]]
    target("memory flat with duration (RSS %s / %s)" % (ds[-1], ds[0]), growth, "x", "<= 1.5",
           growth <= 1.5)

    tick = cfg["scale_acct_tick"]

    def by_accounts(n):
        scn = os.path.join(tmp, "acct-%d.ini" % n)
        gen_scenario(scn, n, "30d", tick, "1d")
        return scn, n * (ms("30d") // ms(tick))

    scaling_series("scaling_accounts", lambda n: "%dacct_30d_tick%s" % (n, tick), cfg["scale_acct"],
                   by_accounts, cfg["reps_scale"], sesim, tmp)


# ---------------------------------------------------------------- 5. sweep

def inproc_seconds(inproc, scn, points, tmp, cpu):
    """The sum of the points' run times in one process (bench/inproc.c) on `cpu`."""
    p = subprocess.run([inproc, scn, os.path.join(tmp, "inproc-out")], cwd=ROOT,
                       input="\n".join(points) + "\n", stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True,
                       preexec_fn=lambda: os.sched_setaffinity(0, {cpu}))
    if p.returncode != 0:
        raise RuntimeError("inproc failed: " + p.stderr[-2000:])
    return sum(float(l.split(",")[1]) + float(l.split(",")[2]) for l in p.stdout.split())


def bench_sweep(cfg, bin_dir, tmp):
    sesim = os.path.join(bin_dir, "sesim")
    inproc = os.path.join(bin_dir, "inproc")
    axes = [("policy.ramp_factor", ["1.2", "1.36", "1.52", "1.68", "1.84", "2"]),
            ("policy.ramp_utilization", ["50%", "60%", "70%", "80%"])]
    points = [" ".join("%s=%s" % (k, v) for (k, _), v in zip(axes, combo))
              for combo in itertools.product(*[vals for _, vals in axes])]
    vary = []
    for k, vals in axes:
        vary += ["--vary", "%s=%s" % (k, ",".join(vals))]
    npts = len(points)
    acc, dur = cfg["sweep"]
    real = os.path.join(tmp, "sweep.ini")
    gen_scenario(real, acc, dur, "1m", "1h")
    tiny = os.path.join(tmp, "sweep-tiny.ini")
    gen_scenario(tiny, 1, "1d", "1m", "1h")
    startup = med([measure([sesim, "--version"])[0] for _ in range(5)])
    add("sweep", "sesim --version", "wall_s", startup, "s")
    # The cores of a virtual machine need not be equally fast (one measured 45%
    # slower than the other when its host was busy): -j 1 runs once pinned to
    # each core, and -j 2 is compared with the harmonic mean of the two, the
    # time of one core of the average speed (2 is then the ideal speed-up
    # whatever the cores' speeds).
    cpus = sorted(os.sched_getaffinity(0))[:2]
    for name, scn in (("sweep", real), ("sweep_tiny", tiny)):
        w1, w2, inp, per_cpu = [], [], [], {c: [] for c in cpus}
        for r in range(cfg["reps_sweep"]):
            log("%s: %d points, -j 1 on each core / -j 2 / in-process, rep %d/%d"
                % (name, npts, r + 1, cfg["reps_sweep"]))
            out = os.path.join(tmp, "sweep-out")
            for c in cpus:
                w, _ = measure([sesim, "sweep", scn] + vary + ["-j", "1", "-o", out, "-q"], cpu=c)
                shutil.rmtree(out)
                per_cpu[c].append(w)
            w1.append(len(cpus) / sum(1 / per_cpu[c][-1] for c in cpus))
            w, _ = measure([sesim, "sweep", scn] + vary + ["-j", "2", "-o", out, "-q"])
            shutil.rmtree(out)
            w2.append(w)
            sums = [inproc_seconds(inproc, scn, points, tmp, c) for c in cpus]
            inp.append(len(cpus) / sum(1 / t for t in sums))
        speed = [a / b for a, b in zip(w1, w2)]
        ov1 = [(a - s) / npts for a, s in zip(w1, inp)]
        ov2 = [(2 * b - s) / npts for b, s in zip(w2, inp)]
        for c in cpus:
            add(name, "-j 1 on cpu %d" % c, "wall_s", med(per_cpu[c]), "s")
        add(name, "-j 1", "wall_s", med(w1), "s")
        add(name, "-j 2", "wall_s", med(w2), "s", "-j 1", med([b / a for a, b in zip(w1, w2)]))
        add(name, "in-process", "sum_of_point_runs_s", med(inp), "s")
        add(name, "-j 2", "speedup", med(speed), "x")
        add(name, "-j 2", "parallel_efficiency", med(speed) / 2, "")
        add(name, "-j 1", "overhead_per_point", med(ov1) * 1e3, "ms")
        add(name, "-j 2", "overhead_per_point", med(ov2) * 1e3, "core-ms")
        add(name, "", "points", npts, "points")
        if name == "sweep":
            target("sweep speed-up -j 2 over -j 1", med(speed), "x", ">= 1.8", med(speed) >= 1.8)
        else:
            worst = max(med(ov1), med(ov2)) * 1e3
            target("per-point overhead (tiny points, worse of -j 1/-j 2)", worst, "ms", "< 5", worst < 5)


# ---------------------------------------------------------------- output

def fmt(v):
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return "{:,}".format(v)
    if v != v:
        return "nan"
    a = abs(v)
    if a == 0:
        return "0"
    if a >= 1e5:
        return "%.3g" % v if a >= 1e9 else "{:,.0f}".format(v)
    if a >= 100:
        return "%.0f" % v
    if a >= 1:
        return "%.3g" % v if a < 10 else "%.1f" % v
    return "%.3g" % v


def print_table():
    cols = ["benchmark", "variant", "metric", "value", "unit", "ratio_to", "ratio"]
    cells = [[r[c] if c not in ("value", "ratio") else (fmt(r[c]) if r[c] != "" else "") for c in cols]
             for r in ROWS]
    width = [max(len(c), *(len(x[i]) for x in cells)) for i, c in enumerate(cols)]
    line = "  ".join(c.ljust(width[i]) if i not in (3, 6) else c.rjust(width[i]) for i, c in enumerate(cols))
    print(line)
    print("-" * len(line))
    prev = None
    for x in cells:
        if prev is not None and x[0] != prev:
            print()
        prev = x[0]
        print("  ".join(v.ljust(width[i]) if i not in (3, 6) else v.rjust(width[i]) for i, v in enumerate(x)))
    print()
    print("targets (reported, not asserted):")
    for name, measured, unit, goal, met in TARGETS:
        print("  %-55s %12s %-7s target %-8s %s" % (name, fmt(measured), unit, goal, "met" if met else "NOT MET"))


def write_csv(path):
    with open(path + ".tmp", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["benchmark", "variant", "metric", "value", "unit", "ratio_to", "ratio"])
        for r in ROWS:
            val = r["value"]
            rat = r["ratio"]
            w.writerow([r["benchmark"], r["variant"], r["metric"],
                        "%.6g" % val if not isinstance(val, str) else val, r["unit"], r["ratio_to"],
                        "%.4g" % rat if rat != "" else ""])
    os.replace(path + ".tmp", path)


def config(quick):
    if quick:
        return dict(
            hold_n=[10, 1000, 10000], hold_events={10: 1000000, 1000: 1000000, 10000: 1000000},
            simpy_events={10: 100000, 1000: 100000, 10000: 100000}, reps_hold=3, reps_simpy=1,
            full=(10, "7d", "1m"), reps_full=1, draw_events=200000,
            csv_rows=1000000, reps_csv=1,
            scale_dur=["7d", "30d", "90d"], scale_acct=[10, 100, 1000], scale_acct_tick="1h", reps_scale=1,
            sweep=(1, "7d"), reps_sweep=1,
            mm1_customers=200000, mm1_simpy_customers=20000, reps_mm1=1,
            instr_days=(1, 2), instr_csv_rows=(20000, 40000), study_sweep=(10, 10), instr_sweep_reps=(2, 4),
            study_sensitivity=(2, 8))
    return dict(
        hold_n=[10, 1000, 100000], hold_events={10: 10000000, 1000: 10000000, 100000: 5000000},
        simpy_events={10: 300000, 1000: 300000, 100000: 300000}, reps_hold=5, reps_simpy=5,
        full=(50, "365d", "1m"), reps_full=3, draw_events=3000000,
        csv_rows=10000000, reps_csv=3,
        scale_dur=["30d", "90d", "365d", "3650d"], scale_acct=[10, 100, 1000, 10000], scale_acct_tick="1h",
        reps_scale=3,
        sweep=(4, "60d"), reps_sweep=3,
        mm1_customers=1000000, mm1_simpy_customers=100000, reps_mm1=5,
        instr_days=(2, 4), instr_csv_rows=(100000, 200000), study_sweep=(100, 100), instr_sweep_reps=(10, 20),
        study_sensitivity=(10, 64))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, one repetition: a smoke run")
    ap.add_argument("--build", default=os.path.join(HERE, "build"), help="folder of sesim and the drivers")
    ap.add_argument("--only", default="", help="comma-separated subset of instr,hold,mm1,full,csv,scaling,sweep,studies,decisions,clients")
    ap.add_argument("--out", default=os.path.join(HERE, "results.csv"))
    a = ap.parse_args()
    cfg = config(a.quick)
    bin_dir = os.path.abspath(a.build)
    only = set(a.only.split(",")) if a.only else {"instr", "hold", "mm1", "full", "csv", "scaling", "sweep", "studies",
                                                   "decisions", "clients"}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "sim", "models"], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True).stdout.strip()
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    t0 = time.perf_counter()
    tmp = tempfile.mkdtemp(prefix="sesim-bench-")
    try:
        for name, fn, args in (("instr", bench_instructions, (cfg, bin_dir, tmp)),
                               ("hold", bench_hold, (cfg, bin_dir)),
                               ("mm1", bench_mm1, (cfg, bin_dir)),
                               ("full", bench_full, (cfg, bin_dir, tmp)),
                               ("csv", bench_csv, (cfg, bin_dir, tmp)),
                               ("scaling", bench_scaling, (cfg, bin_dir, tmp)),
                               ("sweep", bench_sweep, (cfg, bin_dir, tmp)),
                               ("studies", bench_studies, (cfg, bin_dir, tmp)),
                               ("decisions", bench_decisions, (cfg, bin_dir, tmp)),
                               ("clients", bench_clients, (cfg, bin_dir, tmp))):
            if name not in only:
                continue
            load = Load()
            fn(*args)
            busy, steal = load.cores()
            add("load", "others during " + name, "busy_cores", busy, "cores")
            add("load", "host steal during " + name, "stolen_cores", steal, "cores")
            if busy + steal > 0.2:
                NOISY.append((name, busy + steal))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    total = time.perf_counter() - t0
    print("sesim bench%s: commit %s%s, %s, %d cores, %s; %.0f s" % (
        " (QUICK: small sizes, one repetition)" if a.quick else "", commit or "?",
        " + uncommitted changes in sim/ or models/" if dirty else "", cpu or platform.machine(),
        os.cpu_count() or 0, time.strftime("%Y-%m-%d %H:%M"), total))
    print("ratio = cost of the variant / cost of ratio_to for the same work (> 1: slower); "
          "medians of repetitions")
    print()
    print_table()
    write_csv(a.out)
    if NOISY:
        print("WARNING: other processes kept cores busy (of %d) during %s: those figures, above "
              "all the -j 2 speed-up, are not trustworthy; run again on a quiet machine"
              % (os.cpu_count() or 0, ", ".join("%s %.2f" % nb for nb in NOISY)))
    print()
    print("written: %s" % os.path.relpath(a.out, ROOT))


if __name__ == "__main__":
    main()
