#!/bin/sh
# deps.sh: what `make bench` needs beyond the build (scripts/deps.sh does that):
# Debian's python3-simpy (SimPy 2.3, the old SimPy.Simulation API) for the
# /usr/bin/python3 that the hold-model comparison runs, and GNU time
# (/usr/bin/time) for peak RSS. As root they are installed with apt-get when
# missing; otherwise the SimPy variant is skipped (peak RSS reads nan) with a note.
set -u
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
    echo "bench: $PY is missing (Debian package python3)" >&2
    if [ "$(id -u)" = 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 || exit 1
    else
        exit 1
    fi
fi
if ! "$PY" -c 'import SimPy.Simulation' 2>/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        echo "bench: installing python3-simpy"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-simpy ||
            echo "bench: could not install python3-simpy: the SimPy variant will be skipped" >&2
    else
        echo "bench: python3-simpy is missing (sudo apt-get install python3-simpy):" \
             "the SimPy variant will be skipped" >&2
    fi
fi
if [ ! -x /usr/bin/time ]; then  # GNU time measures the peak RSS of the runs
    if [ "$(id -u)" = 0 ]; then
        echo "bench: installing time"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq --no-install-recommends time ||
            echo "bench: could not install time: peak RSS will read nan" >&2
    else
        echo "bench: /usr/bin/time is missing (sudo apt-get install time): peak RSS will read nan" >&2
    fi
fi
exit 0
