#!/usr/bin/env bash
# Registers flashlab's tslab kernel for every user of this machine (a class on JupyterHub), pinned to
# the project's Node: the kernelspec runs the project's .jupyter/tslab-kernel, which `npm run setup`
# made. Default prefix /usr/local (kernels in /usr/local/share/jupyter/kernels, which Jupyter searches
# for everyone); --prefix DIR registers it elsewhere. Also checks that the project can be read by the
# students, whose notebooks import it.
#   usage: deploy/jupyterhub/install-kernel.sh [--prefix DIR]
set -euo pipefail
project=$(cd "$(dirname "$0")/../.." && pwd)
prefix=/usr/local
if [ "${1:-}" = "--prefix" ] && [ -n "${2:-}" ]; then prefix=$2
elif [ $# -gt 0 ]; then echo "usage: $0 [--prefix DIR]" >&2; exit 2; fi
wrapper="$project/.jupyter/tslab-kernel"
python_for_jupyter=$(cat "$project/.jupyter/python" 2>/dev/null || true)
if [ ! -x "$wrapper" ] || [ -z "$python_for_jupyter" ]; then
  echo "install-kernel: $wrapper is missing; run \`npm run setup\` in $project first" >&2
  exit 1
fi
# Every student runs the project's Node, tslab, library and notebooks: they must be able to read them.
for path in "$project" "$project/node_modules" "$project/dist" "$project/notebooks" "$wrapper"; do
  probe=$path
  while [ "$probe" != "/" ]; do
    mode=$(stat -c %A "$probe")
    if [ "${mode:9:1}" != "x" ] && [ "${mode:9:1}" != "t" ]; then
      echo "install-kernel: $probe is not open to other users ($mode); students could not run the kernel. Put the project where everyone can read it (e.g. /opt/flashlab)." >&2
      exit 1
    fi
    probe=$(dirname "$probe")
  done
done
"$project/node_modules/.bin/node" "$project/node_modules/tslab/bin/tslab" install \
  --python="$python_for_jupyter" --binary="$wrapper" --prefix="$prefix" >/dev/null
chmod -R a+rX "$prefix/share/jupyter/kernels/tslab" "$prefix/share/jupyter/kernels/jslab"
echo "install-kernel: the tslab kernel is registered in $prefix/share/jupyter/kernels/tslab, running $wrapper"
