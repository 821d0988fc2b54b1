#!/usr/bin/env bash
# Installs the real peers that flashlab's tests and benchmarks compare against or drive:
# curl and ab (clients), wrk (load generator), nginx (reference server) and Chromium (report check);
# and what the grader's sandbox needs: ip (iproute2) and unshare, setpriv, prlimit (util-linux).
# Debian/Ubuntu as root only; elsewhere it prints the command to run.
set -euo pipefail
packages="curl apache2-utils wrk nginx-light chromium iproute2 util-linux"
missing=""
command -v curl >/dev/null || missing="$missing curl"
command -v ab >/dev/null || missing="$missing apache2-utils"
command -v wrk >/dev/null || missing="$missing wrk"
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
command -v chromium >/dev/null || missing="$missing chromium"
command -v ip >/dev/null || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || missing="$missing iproute2"
{ command -v unshare && command -v setpriv && command -v prlimit; } >/dev/null || missing="$missing util-linux"
if [ -z "$missing" ]; then
  echo "peers: curl, ab, wrk, nginx, chromium, ip, unshare, setpriv and prlimit are installed"
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
