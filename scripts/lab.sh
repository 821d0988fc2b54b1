#!/usr/bin/env bash
# `npm run lab`: opens flashlab's notebooks in Jupyter with the project's tslab kernel (the one
# `npm run setup` registered under .jupyter/, pinned to the project's Node), bound to 127.0.0.1.
# Uses JupyterLab when the Python that owns Jupyter has it, else Jupyter Notebook; FLASHLAB_JUPYTER=
# notebook|lab chooses. FLASHLAB_LAB_PORT sets the port (default 8888; the next free one is taken
# when it is busy). FLASHLAB_PROFILE (quick|full, default quick) reaches the notebooks. Further
# arguments go to Jupyter, e.g. `npm run lab -- --no-browser`.
set -euo pipefail
cd "$(dirname "$0")/.."
project_root=$(pwd)

fail() { printf 'lab: %s\n' "$*" >&2; exit 1; }

[ -s .jupyter/python ] && [ -f .jupyter/share/jupyter/kernels/tslab/kernel.json ] \
  || fail "the tslab kernel is not registered; run \`npm run setup\` first"
python=$(cat .jupyter/python)
[ -f dist/index.js ] || fail "the library is not built (dist/ is missing); run \`npm run build\`"

export JUPYTER_PATH="$project_root/.jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export FLASHLAB_PROFILE="${FLASHLAB_PROFILE:-quick}"
case "$FLASHLAB_PROFILE" in quick|full) ;; *) fail "FLASHLAB_PROFILE must be quick or full; got \"$FLASHLAB_PROFILE\"" ;; esac

app="${FLASHLAB_JUPYTER:-}"
if [ -z "$app" ]; then
  if "$python" -c 'import jupyterlab' 2>/dev/null; then app=lab; else app=notebook; fi
fi
case "$app" in
  lab) module=jupyterlab ;;
  notebook) module=notebook ;;
  *) fail "FLASHLAB_JUPYTER must be notebook or lab; got \"$app\"" ;;
esac
"$python" -c "import $module" 2>/dev/null || fail "$python cannot import $module; install it or set FLASHLAB_JUPYTER"

port="${FLASHLAB_LAB_PORT:-8888}"
extra=()
[ "$(id -u)" = 0 ] && extra+=(--allow-root)
printf 'lab: Jupyter %s on http://127.0.0.1:%s (profile %s, kernel "TypeScript" = tslab on %s)\n' \
  "$app" "$port" "$FLASHLAB_PROFILE" "$("$project_root/node_modules/.bin/node" --version)"
printf 'lab: open the URL with the token printed below; press Ctrl-C twice to stop.\n'
exec "$python" -m "$module" --ip=127.0.0.1 --port="$port" --notebook-dir="$project_root/notebooks" "${extra[@]}" "$@"
