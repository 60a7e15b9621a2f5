#!/bin/sh
# slurm-cluster.sh up|down DIR: a single-node Slurm cluster (Debian's slurm-wlm
# and munge) whose every file lives under DIR: the munge key and socket, the
# generated slurm.conf, state, spool and logs. No systemd, nothing under /etc.
# `up` prints the SLURM_CONF to export and returns once the node is idle; `down`
# stops the daemons and waits for them to exit. Needs root (slurmd runs jobs as
# their user). Used by tests/e2e/t_slurm_real.sh; the recipe is in docs/sweeps.md.
#
# What bit when this was first set up: munged refuses a socket folder of mode
# 0700 (0755 here); a job with afterok on a failed job pends forever unless
# DependencyParameters=kill_invalid_depend is set when slurmctld starts;
# proctrack/linuxproc and task/none need no cgroups; accounting is off, so ask
# `scontrol show job` rather than sacct; killed daemons linger for a few seconds.
set -eu
cmd=$1 D=$2
export SLURM_CONF="$D/slurm.conf"

down() {
    [ -f "$SLURM_CONF" ] && scontrol shutdown >/dev/null 2>&1 || true
    for f in "$D/slurmctld.pid" "$D/slurmd.pid" "$D/munge/munged.pid"; do
        [ -f "$f" ] || continue
        pid=$(cat "$f")
        kill "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$f"
    done
}

up() {
    mkdir -p "$D/munge" "$D/state" "$D/spool" "$D/log"
    chmod 755 "$D" "$D/munge"
    dd if=/dev/urandom of="$D/munge/munge.key" bs=1024 count=1 2>/dev/null
    chmod 600 "$D/munge/munge.key"
    munged --key-file="$D/munge/munge.key" --socket="$D/munge/socket" --pid-file="$D/munge/munged.pid" \
        --log-file="$D/munge/munged.log" --seed-file="$D/munge/seed" --force
    host=$(hostname -s)
    port=$((20000 + $$ % 20000))   # away from the default 6817/6818 and from other runs
    cat > "$SLURM_CONF" <<CONF
ClusterName=sesimtest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$D/munge/socket
CredType=cred/munge
SlurmctldPort=$port
SlurmdPort=$((port + 1))
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
DependencyParameters=kill_invalid_depend
ReturnToService=2
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
    slurmctld -i
    slurmd
    i=0
    until [ "$(sinfo -h -o %t 2>/dev/null)" = idle ]; do
        i=$((i + 1))
        if [ $i -gt 150 ]; then
            echo "slurm-cluster: the node did not become idle in 30 s (logs in $D/log)" >&2
            down
            return 1
        fi
        sleep 0.2
    done
    echo "$SLURM_CONF"
}

case $cmd in
    up) up ;;
    down) down ;;
    *) echo "usage: slurm-cluster.sh up|down DIR" >&2; exit 2 ;;
esac
