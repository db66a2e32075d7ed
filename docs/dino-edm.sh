#!/usr/bin/env bash
# The dino rows of docs/recipes.md (EDM preconditioning): one model file, each sampler at the given
# model calls, over 3 sample seeds × 10 000 points against 10 000 fresh dino points (seed 11), as
# docs/samplers.sh scores; prints MMD², precision and recall as mean ± standard error over the seeds.
# Usage (after building the jars):  bash docs/dino-edm.sh MODEL.onnx LABEL [SAMPLER:CALLS ...]
# e.g.  bash docs/dino-edm.sh runs/dino-edm/model.onnx "vp, edm" dpm++2m:15 unipc:15 heun:8
set -euo pipefail
cd "$(dirname "$0")/.."
model=$1 label=$2
shift 2
[ $# -gt 0 ] || set -- dpm++2m:15 unipc:15
runtime() { java -jar runtime-cli/target/runtime.jar "$@"; }
trainer() { java -jar trainer/target/trainer.jar "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
metric() { sed -n "s/.*\"$1\": *\([^,]*\),*/\1/p" "$2"; }
trainer dataset --dataset dino -n 10000 --seed 11 --out "$tmp/real.csv" >/dev/null 2>&1
echo "| recipe | sampler, steps | MMD² | precision | recall |"
echo "|---|---|---|---|---|"
for spec in "$@"; do
  sampler=${spec%%:*} steps=${spec##*:}
  : >"$tmp/values"
  for seed in 1 2 3; do
    runtime sample --model "$model" --sampler "$sampler" --steps "$steps" -n 10000 --seed "$seed" \
      --out "$tmp/g.csv" 2>/dev/null
    runtime eval --real "$tmp/real.csv" --generated "$tmp/g.csv" >"$tmp/e.json" 2>/dev/null
    echo "$(metric mmd2 "$tmp/e.json") $(metric precision "$tmp/e.json") $(metric recall "$tmp/e.json")" \
      >>"$tmp/values"
  done
  awk -v label="$label" -v what="$sampler, $steps" '
    { for (j = 1; j <= 3; j++) { s[j] += $j; q[j] += $j * $j } n++ }
    END {
      printf "| %s | %s |", label, what
      for (j = 1; j <= 3; j++) {
        m = s[j] / n; v = (q[j] - n * m * m) / (n - 1); if (v < 0) v = 0
        printf (j == 1 ? " %.1e ± %.1e |" : " %.3f ± %.3f |"), m, sqrt(v / n)
      }
      printf "\n"
    }' "$tmp/values"
done
