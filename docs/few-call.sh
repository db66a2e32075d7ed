#!/usr/bin/env bash
# The few-call table of docs/few-call.md: each model at the given sampler and steps over SEEDS sample
# seeds × 10 000 points against 10 000 fresh moons points (seed 11); prints MMD², precision and
# recall as mean ± standard error of the mean over the seeds, as markdown rows.
# Usage: bash docs/few-call.sh LABEL MODEL.onnx SAMPLER STEPS [LABEL MODEL SAMPLER STEPS ...]
# SPACING=NAME samples with that --spacing (default: the card's with its sampler, else auto).
# Run after building the jars:  mvn -B -ntp -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
RUNTIME_JAR=${RUNTIME_JAR:-runtime-cli/target/runtime.jar}
TRAINER_JAR=${TRAINER_JAR:-trainer/target/trainer.jar}
runtime() { java -jar "$RUNTIME_JAR" "$@"; }
trainer() { java -jar "$TRAINER_JAR" "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seeds=${SEEDS:-"1 2 3 4 5"}
dataset=${DATASET:-moons}

metric() { sed -n "s/.*\"$1\": *\([^,]*\),*/\1/p" "$2"; }

trainer dataset --dataset "$dataset" -n 10000 --seed 11 --out "$tmp/real.csv" >/dev/null 2>&1
echo "| model | sampler, model calls | MMD² | precision | recall |"
echo "|---|---|---|---|---|"
while [ $# -ge 4 ]; do
  label=$1 model=$2 sampler=$3 steps=$4
  shift 4
  : >"$tmp/values"
  for seed in $seeds; do
    runtime sample --model "$model" --sampler "$sampler" --steps "$steps" -n 10000 --seed "$seed" \
      ${SPACING:+--spacing "$SPACING"} --out "$tmp/g.csv" 2>/dev/null
    runtime eval --real "$tmp/real.csv" --generated "$tmp/g.csv" >"$tmp/e.json"
    echo "$(metric mmd2 "$tmp/e.json") $(metric precision "$tmp/e.json") $(metric recall "$tmp/e.json")" \
      >>"$tmp/values"
  done
  awk -v label="$label" -v s="$sampler, $steps" '
    { for (j = 1; j <= 3; j++) { sum[j] += $j; sq[j] += $j * $j } n++ }
    END {
      printf "| %s | %s |", label, s
      for (j = 1; j <= 3; j++) {
        m = sum[j] / n; v = (sq[j] - n * m * m) / (n - 1); if (v < 0) v = 0
        printf (j == 1 ? " %.1e ± %.1e |" : " %.3f ± %.3f |"), m, sqrt(v / n)
      }
      printf "\n"
    }' "$tmp/values"
done
