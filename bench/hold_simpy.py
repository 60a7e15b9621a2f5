"""hold_simpy.py: the hold model of bench/hold.c in SimPy 2.3 (SimPy.Simulation).

    /usr/bin/python3 bench/hold_simpy.py N EVENTS REPS

Run with Debian's /usr/bin/python3 and its python3-simpy package (the classic
process-oriented API: `yield hold, self, delay`). N processes each hold for an
exponential delay again and again: every resumption is one event popped from
SimPy's heap and one new event pushed, the same work as hold.c. The delays are
the same table of integer milliseconds as hold.c, drawn in the same order, so
the event sequence and the final time are the same as the C variants' (the
driver checks final_time_ms). After a warm-up of max(4N, 100k) events, EVENTS
events are timed. One CSV line per run: simpy,n,rep,events,seconds,final_time_ms
"""
import math
import sys
import time

from SimPy.Simulation import Process, Simulation, hold

TABLE_SIZE = 1 << 16
MASK64 = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def fill_table():
    """The delays of hold.c, bit for bit: llround(-log(u) * 1000)."""
    s, table = 42, []
    for _ in range(TABLE_SIZE):
        s, z = splitmix64(s)
        u = ((z >> 11) + 0.5) / 9007199254740992.0
        x = -math.log(u) * 1000.0
        table.append(int(math.floor(x + 0.5)))  # llround for x >= 0
    return table


class State:
    pass


def run_once(n, events, table):
    st = State()
    st.next = 0
    st.count = 0
    warm = max(4 * n, 100000)
    st.t0 = st.t1 = 0.0
    st.final = 0
    sim = Simulation()
    sim.initialize()

    class Holder(Process):
        def go(self):
            mask = TABLE_SIZE - 1
            while True:
                d = table[st.next & mask]
                st.next += 1
                yield hold, self, d
                st.count += 1
                if st.count == warm:
                    st.t0 = time.perf_counter()
                elif st.count == warm + events:
                    st.t1 = time.perf_counter()
                    st.final = sim.now()
                    sim.stopSimulation()

    for i in range(n):
        p = Holder(sim=sim)
        sim.activate(p, p.go())
    sim.simulate(until=float("inf"))
    return st.t1 - st.t0, st.final


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: hold_simpy.py N EVENTS REPS")
    n, events, reps = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    table = fill_table()
    for r in range(1, reps + 1):
        t, final = run_once(n, events, table)
        print("simpy,%d,%d,%d,%.6f,%d" % (n, r, events, t, final), flush=True)


if __name__ == "__main__":
    main()
