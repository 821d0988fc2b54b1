#!/usr/bin/env bash
# Makes the reference runs the notebooks draw beside a fresh run: each built-in spec's full profile
# (or the specs named as arguments), then a trimmed copy in datasets/reference/<spec>. Run it once, on
# a quiet machine (about 2 h 15 min for all eight; `npx flashlab run SPEC --profile full --dry-run`
# estimates each). It is safe to stop: run it again and each sweep resumes where it stopped, from
# datasets/results/reference/<spec> (a spec whose sweep is complete is only trimmed again).
# Check the load average first: every run records it, and the notebooks print it beside the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f dist/cli.js ] || { echo "make-reference: the library is not built; run \`npm run build\`" >&2; exit 1; }
flashlab() { node_modules/.bin/node dist/cli.js "$@"; }

if [ "$#" -gt 0 ]; then specs=("$@"); else mapfile -t specs < <(flashlab run --list --json | node_modules/.bin/node -e 'for (const spec of JSON.parse(require("fs").readFileSync(0, "utf8"))) console.log(spec.name)'); fi

printf 'make-reference: %s; load average now: %s\n' "${specs[*]}" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
for spec in "${specs[@]}"; do
  work="datasets/results/reference/$spec"
  if [ -f "$work/run.json" ]; then
    flashlab run --resume "$work"
  else
    flashlab run "$spec" --profile full --out "$work"
  fi
  flashlab reference trim "$work" --replace
done
flashlab reference list
