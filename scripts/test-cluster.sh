#!/usr/bin/env bash
# `npm run test:cluster` (issue 19 item 5): scale-out on a real cluster engine, exercised. Installs
# Debian's Slurm (slurm-wlm) and MUNGE when they are missing, starts a one-node Slurm cluster on
# this machine (its own munged, slurmctld and slurmd, on private ports, state in a temporary
# folder), submits a sweep as an `sbatch --array` of `authsim sweep --shard i/n` jobs, waits for
# them, joins the parts with `authsim merge`, and checks the merged sweep byte for byte against
# the same sweep run on this machine alone. Stops only the daemons it started. Needs root (it
# installs packages and runs slurmd), as on this project's machines and CI.
# Usage: bash scripts/test-cluster.sh [shards]   (default 3; AUTHSIM_CLUSTER_KEEP=1 keeps the folder)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
shards=${1:-3}

say() { echo "test:cluster: $*"; }

if ! command -v sbatch >/dev/null 2>&1 || ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  say "installing slurm-wlm and munge (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
say "slurm-wlm $(dpkg-query -W -f='${Version}' slurm-wlm 2>/dev/null || echo '?'), $(munged --version 2>&1 | head -1)"

work=$(mktemp -d /tmp/authsim-cluster.XXXXXX)
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    say "FAILED (exit $status); daemon logs:"
    tail -n 20 "$work"/*.log 2>/dev/null || true
  fi
  if [ "${AUTHSIM_CLUSTER_KEEP:-}" = "1" ]; then say "kept $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT

# MUNGE: a key and a daemon of our own, on a socket in the work folder.
mkdir -p "$work/munge" "$work/spool/ctld" "$work/spool/d" "$work/parts"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge.log" --seed-file="$work/munge/seed"
for _ in $(seq 50); do [ -f "$work/munge/munged.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/munge/munged.pid")")

# One node: this machine, with its cores and most of its memory; ports picked free.
host=$(hostname -s)
cpus=$(nproc)
mem=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 8 / 10))
port=$((20000 + RANDOM % 20000))
cat >"$work/slurm.conf" <<EOF
ClusterName=authsim
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/spool/ctld
SlurmdSpoolDir=$work/spool/d
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SchedulerType=sched/backfill
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=authsim Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"

say "starting slurmctld and slurmd (one node: $host, $cpus CPUs, port $port)"
slurmctld -D -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
pids+=("$!")
slurmd -D -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
pids+=("$!")
for _ in $(seq 100); do
  state=$(sinfo -h -o %T 2>/dev/null | head -1 || true)
  case "$state" in idle* | mixed* | allocated*) break ;; esac
  sleep 0.3
done
say "node state: ${state:-unknown}"
case "$state" in idle* | mixed* | allocated*) ;; *) say "the node did not come up"; exit 1 ;; esac

# The sweep: the quickstart, 4 variants x 2 replications (a few seconds each).
sweep=(sweep scenarios/quickstart.yaml --replications 2 --quiet
  --vary 'identityProvider.tokenLifetime={ constant: 30m },{ constant: 60m }'
  --vary 'identityProvider.ssoShare=50%,80%')
printf '%q ' "${sweep[@]}" >"$work/sweep-args"
cat >"$work/shard.sh" <<EOF
#!/bin/bash
#SBATCH --job-name=authsim-sweep
#SBATCH --cpus-per-task=1
#SBATCH --mem=3G
#SBATCH --output=$work/parts/slurm-%A_%a.out
set -euo pipefail
cd "$repo"
eval "node bin/authsim.js $(cat "$work/sweep-args") --workers 1" \\
  --shard "\$SLURM_ARRAY_TASK_ID/\$SLURM_ARRAY_TASK_COUNT" --out "$work/parts/part-\$SLURM_ARRAY_TASK_ID" --force
EOF

node bin/authsim.js --version >/dev/null # builds the CLI bundle once, before the tasks start
say "sbatch --array=1-$shards (authsim sweep --shard i/$shards), waiting"
started=$(date +%s)
job=$(sbatch --parsable --wait --array=1-"$shards" "$work/shard.sh") || {
  say "an array task failed:"
  cat "$work"/parts/slurm-*.out
  exit 1
}
say "array job ${job%%;*} done in $(($(date +%s) - started)) s"
ls -d "$work"/parts/part-* | sed 's/^/  /'

node bin/authsim.js merge "$work"/parts/part-* --out "$work/merged" >/dev/null
eval "node bin/authsim.js $(cat "$work/sweep-args") --out \"$work/whole\" --force"

# Byte for byte, every file but the two that say how each folder was made (run.json: merge of
# parts or one run; .authsim-manifest.json: command, run id, time, folder name).
compared=0
for f in $(cd "$work/whole" && find . -type f ! -name run.json ! -name .authsim-manifest.json | sort); do
  cmp "$work/whole/$f" "$work/merged/$f" || { say "differs: $f"; exit 1; }
  compared=$((compared + 1))
done
extra=$(cd "$work/merged" && find . -type f ! -name run.json ! -name .authsim-manifest.json | wc -l)
[ "$extra" -eq "$compared" ] || { say "merged has $extra files, the one-machine sweep $compared"; exit 1; }
say "merged sweep of $shards Slurm array tasks == one-machine sweep, byte for byte ($compared files)"
echo "1 passed, 0 failed"
