#!/usr/bin/env bash
# Regenerates every picture in docs/gallery/ from the shipped models (models/*.onnx).
# Run from anywhere after building the jars:  mvn -B -ntp -q package -DskipTests && bash docs/gallery.sh
# Takes about a minute per model plus a minute for the ablation on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runtime() { java -jar runtime-cli/target/runtime.jar "$@"; }
trainer() { java -jar trainer/target/trainer.jar "$@"; }
out=docs/gallery
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# Real data for the pictures: a fresh draw of the dataset each model's card names.

dataset_of() { runtime info --json "$1" | sed -n 's/.*"dataset": *"\([^"]*\)".*/\1/p' | head -n 1; }

for model in models/*.onnx; do
  name=$(basename "$model" .onnx)
  real="$tmp/$name-real.csv"
  real_args=()
  if trainer dataset --dataset "$(dataset_of "$model")" -n 1000 --seed 7 --out "$real"; then
    real_args=(--real "$real")
  fi
  runtime plot samples --model "$model" "${real_args[@]}" --panel 360 --out "$out/$name-samples.png"
  runtime plot reverse --model "$model" --sampler ddim --steps 50 --at-steps 0,25,35,40,45,48 --panel 260 \
    --out "$out/$name-reverse.png"
  runtime plot trajectories --model "$model" "${real_args[@]}" -n 100 --panel 420 --out "$out/$name-trajectories.png"
  runtime plot density --model "$model" --grid 32 --panel 420 --out "$out/$name-density.png"
  runtime plot grid --model "$model" --seeds 9 -n 500 --panel 240 --out "$out/$name-grid.png"
  runtime animate --model "$model" "${real_args[@]}" --frames 30 --size 320 -n 1000 --out "$out/$name-sampling.gif"
done

# The forward process and closed-form denoisers need no trained model: 200 moons points as data.
trainer dataset --dataset moons -n 200 --seed 3 --out "$tmp/points.csv"
runtime plot forward --data "$tmp/points.csv" --times 0,0.05,0.1,0.25,0.5,1 --panel 260 --out "$out/forward-vp.png"
runtime plot forward --data "$tmp/points.csv" --process flow --times 0,0.2,0.4,0.6,0.8,1 --panel 260 --out "$out/forward-flow.png"
for process in vp flow; do
  runtime plot trajectories --model "points:$tmp/points.csv" --process "$process" --sampler ddim --steps 50 -n 60 \
    --range -3,4,-3,3.5 --panel 420 --out "$out/points-trajectories-$process.png"
done

# tiny-diffusion's ablation grid: three learning rates, four checkpoints each.
trainer ablate --param lr=1e-4,1e-3,1e-2 --dataset moons --steps 1500 --checkpoints 4 --samples 500 --out "$tmp/ablate"
cp "$tmp/ablate/ablation.png" "$tmp/ablate/ablation.md" "$out/"
cp "$tmp/ablate/lr=1e-3/loss.png" "$out/loss.png"
ls -l "$out"
