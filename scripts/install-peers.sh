#!/usr/bin/env bash
# Installs the real peers that flashlab's tests and benchmarks compare against or drive:
# curl and ab (clients), wrk (load generator), nginx (reference server), Chromium (report check),
# gcc and SimPy (the simulator's M/M/1 peers in `npm run bench sim`), and the engines of "beyond one
# machine": SLURM with munge (a one-node cluster for the sharded-sweep test), OpenSSH's server and
# iproute2 (a second host in a network namespace), and JupyterHub (the class deployment).
# Debian/Ubuntu as root only; elsewhere it prints the command to run.
set -euo pipefail
packages="curl apache2-utils wrk nginx-light chromium gcc libc6-dev python3-simpy3 slurm-wlm munge openssh-server iproute2 jupyterhub"
missing=""
command -v curl >/dev/null || missing="$missing curl"
command -v ab >/dev/null || missing="$missing apache2-utils"
command -v wrk >/dev/null || missing="$missing wrk"
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
command -v chromium >/dev/null || missing="$missing chromium"
command -v gcc >/dev/null || missing="$missing gcc"
[ -f /usr/include/stdio.h ] || missing="$missing libc6-dev"
/usr/bin/python3 -c "import simpy" 2>/dev/null || missing="$missing python3-simpy3"
{ command -v slurmctld && command -v slurmd && command -v sbatch; } >/dev/null || missing="$missing slurm-wlm"
command -v munged >/dev/null || [ -x /usr/sbin/munged ] || missing="$missing munge"
[ -x /usr/sbin/sshd ] || missing="$missing openssh-server"
command -v ip >/dev/null || [ -x /usr/sbin/ip ] || missing="$missing iproute2"
command -v jupyterhub >/dev/null || missing="$missing jupyterhub"
if [ -z "$missing" ]; then
  echo "peers: curl, ab, wrk, nginx, chromium, gcc, SimPy, SLURM, munge, sshd, ip and JupyterHub are installed"
  exit 0
fi
if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then
  echo "peers: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "peers: missing$missing. On Debian/Ubuntu: sudo apt-get install --no-install-recommends $packages" >&2
  exit 1
fi
