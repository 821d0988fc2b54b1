#!/usr/bin/env bash
# Installs the real peers and tools that flashlab's tests and benchmarks drive or compare against:
# curl and ab (clients), wrk (load generator), nginx (reference server), Chromium (report check),
# gcc and SimPy (the simulator's M/M/1 peers in `npm run bench sim`), what the grader's sandbox needs
# (ip from iproute2; unshare, setpriv, prlimit from util-linux), and the engines of "beyond one
# machine": SLURM with munge (a one-node cluster for the sharded-sweep test), OpenSSH's server (a second
# host in a network namespace) and JupyterHub (the class deployment).
# Debian/Ubuntu as root only; elsewhere it prints the command to run.
set -euo pipefail

# One line per Debian package: the package, then a shell test that is true when it is present.
checks=$(cat <<'LIST'
curl            command -v curl
apache2-utils   command -v ab
wrk             command -v wrk
nginx-light     command -v nginx || [ -x /usr/sbin/nginx ]
chromium        command -v chromium
gcc             command -v gcc
libc6-dev       [ -f /usr/include/stdio.h ]
python3-simpy3  /usr/bin/python3 -c "import simpy"
iproute2        command -v ip || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ]
util-linux      command -v unshare && command -v setpriv && command -v prlimit
slurm-wlm       command -v slurmctld && command -v slurmd && command -v sbatch
munge           command -v munged || [ -x /usr/sbin/munged ]
openssh-server  [ -x /usr/sbin/sshd ]
jupyterhub      command -v jupyterhub
LIST
)

packages=""
missing=""
while read -r package test; do
  [ -n "$package" ] || continue
  packages="$packages $package"
  sh -c "$test" >/dev/null 2>&1 || missing="$missing $package"
done <<< "$checks"

if [ -z "$missing" ]; then
  echo "peers: all installed:$packages"
  exit 0
fi
if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then
  echo "peers: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "peers: missing$missing. On Debian/Ubuntu: sudo apt-get install --no-install-recommends$packages" >&2
  exit 1
fi
