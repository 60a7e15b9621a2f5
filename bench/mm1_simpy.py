"""mm1_simpy.py: the M/M/1 queue of bench/mm1.c in SimPy 2.3 (SimPy.Simulation),
written as Cimba's benchmark/MM1_single.py writes it for SimPy 4: an arrival
process puts each customer's arrival time in a Store, a service process gets
them one at a time and holds for the service time.

    /usr/bin/python3 bench/mm1_simpy.py CUSTOMERS REPS

One CSV line per timed run: mm1_simpy,customers,rep,seconds,mean_system_time
(near 1 / (1.0 - 0.9) = 10).
"""
import random
import sys
import time

from SimPy.Simulation import Process, Simulation, Store, get, hold, put

ARRIVAL_RATE = 0.9
SERVICE_RATE = 1.0


def run_once(customers, seed):
    rnd = random.Random(seed)
    sim = Simulation()
    sim.initialize()
    store = Store(sim=sim, unitName="customer", capacity="unbounded")
    stats = {"sum": 0.0, "n": 0}

    class Arrivals(Process):
        def go(self):
            for _ in range(customers):
                yield hold, self, rnd.expovariate(ARRIVAL_RATE)
                yield put, self, store, [self.sim.now()]

    class Server(Process):
        def go(self):
            while True:
                yield get, self, store, 1
                arrived = self.got[0]
                yield hold, self, rnd.expovariate(SERVICE_RATE)
                stats["sum"] += self.sim.now() - arrived
                stats["n"] += 1

    a, s = Arrivals(sim=sim), Server(sim=sim)
    sim.activate(a, a.go())
    sim.activate(s, s.go())
    t0 = time.perf_counter()
    sim.simulate(until=1e18)
    return time.perf_counter() - t0, stats["n"], stats["sum"] / max(stats["n"], 1)


def main():
    customers, reps = int(sys.argv[1]), int(sys.argv[2])
    for rep in range(1, reps + 1):
        secs, n, mean = run_once(customers, rep)
        print("mm1_simpy,%d,%d,%.6f,%.4f" % (n, rep, secs, mean), flush=True)


if __name__ == "__main__":
    main()
