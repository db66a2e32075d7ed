#!/usr/bin/env bash
# The frontier pictures and tables of docs/frontier.md: model calls against MMD², precision and
# recall for the moons and dino teachers' samplers, their students and (moons) DDPM-1000, over 3 sample
# seeds × 10 000 points against 10 000 fresh dataset points (seed 11), as docs/few-call.sh scores.
# Writes docs/frontier/{moons,dino}.{md,tsv,json,png}.
# Run after building the jars:  mvn -B -ntp -q package -DskipTests && bash docs/frontier.sh
# JOBS (default 2) runs sampled and scored at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNTIME_JAR=${RUNTIME_JAR:-runtime-cli/target/runtime.jar}
TRAINER_JAR=${TRAINER_JAR:-trainer/target/trainer.jar}
runtime() { java -jar "$RUNTIME_JAR" "$@"; }
trainer() { java -jar "$TRAINER_JAR" "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jobs=${JOBS:-2}
students=models
mkdir -p docs/frontier

frontier() {
  local name=$1 dataset=$2
  shift 2
  trainer dataset --dataset "$dataset" -n 10000 --seed 11 --out "$tmp/$dataset-real.csv" >/dev/null 2>&1
  runtime frontier --real "$tmp/$dataset-real.csv" --seeds 1,2,3 -n 10000 --jobs "$jobs" \
    "$@" \
    --md "docs/frontier/$name.md" --tsv "docs/frontier/$name.tsv" \
    --json "docs/frontier/$name.json" --plot "docs/frontier/$name.png" >/dev/null
}

frontier moons moons --model models/moons.onnx --title moons --samplers dpm++2m,unipc,heun,ddim,euler \
  --student "$students/moons-1call.onnx" --student "$students/moons-2call.onnx" \
  --student "$students/moons-4call.onnx"
# no DDPM-1000 line for dino: its 1000 calls a seed are 4 times all the calls below (see docs/frontier.md)
frontier dino dino --model models/dino-edm.onnx --title dino-edm --samplers unipc,dpm++2m,heun,ddim,euler \
  --reference none \
  --student "$students/dino-4call.onnx"
