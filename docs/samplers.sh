#!/usr/bin/env bash
# The few-step table of docs/samplers.md: for models/moons.onnx and models/dino.onnx, each sampler at
# 5, 8, 10, 15 and 25 model calls, and DDPM with 1000, over 3 sample seeds × 10 000 points against
# 10 000 fresh dataset points; prints MMD², precision and recall as mean ± standard error of the
# mean over the seeds, as markdown rows.
# Run after building the jars:  mvn -B -ntp -q package -DskipTests && bash docs/samplers.sh
# Takes about 25 minutes on a busy 2-core machine (DDPM-1000 is 35 s a run).
set -euo pipefail
cd "$(dirname "$0")/.."
runtime() { java -jar runtime-cli/target/runtime.jar "$@"; }
trainer() { java -jar trainer/target/trainer.jar "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
samplers=${SAMPLERS:-"unipc dpm++2m dpm++3m"}
seeds="1 2 3"

metric() { sed -n "s/.*\"$1\": *\([^,]*\),*/\1/p" "$2"; }

# one row: model, label, then the sample arguments
row() {
  local model=$1 label=$2
  shift 2
  : >"$tmp/values"
  for seed in $seeds; do
    runtime sample --model "models/$model.onnx" "$@" -n 10000 --seed "$seed" --out "$tmp/g.csv" 2>/dev/null
    runtime eval --real "$tmp/$model-real.csv" --generated "$tmp/g.csv" >"$tmp/e.json"
    echo "$(metric mmd2 "$tmp/e.json") $(metric precision "$tmp/e.json") $(metric recall "$tmp/e.json")" \
      >>"$tmp/values"
  done
  awk -v model="$model" -v label="$label" '
    { for (j = 1; j <= 3; j++) { s[j] += $j; q[j] += $j * $j } n++ }
    END {
      printf "| %s | %s |", model, label
      for (j = 1; j <= 3; j++) {
        m = s[j] / n; v = (q[j] - n * m * m) / (n - 1); if (v < 0) v = 0
        printf (j == 1 ? " %.1e ± %.1e |" : " %.3f ± %.3f |"), m, sqrt(v / n)
      }
      printf "\n"
    }' "$tmp/values"
}

echo "| model | sampler, model calls | MMD² | precision | recall |"
echo "|---|---|---|---|---|"
for model in moons dino; do
  trainer dataset --dataset "$model" -n 10000 --seed 11 --out "$tmp/$model-real.csv" >/dev/null 2>&1
  row "$model" "ddpm, 1000" --sampler ddpm --steps 1000
  for sampler in $samplers; do
    for calls in 5 8 10 15 25; do
      row "$model" "$sampler, $calls" --sampler "$sampler" --steps "$calls"
    done
  done
done
