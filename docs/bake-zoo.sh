#!/usr/bin/env bash
# Bakes every shipped model (models/*.onnx) with the sampler and steps models/zoo.tsv recommends for
# it into OUT_DIR as NAME-SAMPLER-STEPS.onnx (e.g. moons-ddim-50.onnx), for hosts without our
# runtime such as a browser page. Each bake checks the graph against the runtime's sampler first.
# Run from anywhere after building the jars:
#   mvn -B -ntp -q package -DskipTests && bash docs/bake-zoo.sh OUT_DIR
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: bash docs/bake-zoo.sh OUT_DIR   (e.g. docs/demo/models)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
out=$1
mkdir -p "$out"
trainer() { java -jar trainer/target/trainer.jar "$@"; }
grep -v '^#' models/zoo.tsv | while IFS=$'\t' read -r name sampler steps _; do
  [ -n "$name" ] || continue
  trainer bake --model "models/$name.onnx" --sampler "$sampler" --steps "$steps" \
    --out "$out/$name-$sampler-$steps.onnx"
done
