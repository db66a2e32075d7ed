#!/usr/bin/env bash
# Rebakes the demo's models from the zoo: each models/zoo.tsv line with a gaussian base becomes
# docs/demo/models/NAME-SAMPLER-STEPS.onnx (its recommended sampler and steps), and index.json lists
# them with the zoo's guidance. Needs the trainer jar:
#   mvn -B -ntp -q package -DskipTests -pl trainer -am && bash docs/demo/models/bake.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
out=docs/demo/models
entries=()
while IFS=$'\t' read -r name sampler steps guidance args; do
  case "$name" in ''|'#'*) continue ;; esac
  if [[ " $args " == *" --base "* ]]; then echo "skipped $name: the demo draws gaussian noise only"; continue; fi
  file="$name-$sampler-$steps.onnx"
  java -jar trainer/target/trainer.jar bake --model "models/$name.onnx" --sampler "$sampler" --steps "$steps" --out "$out/$file"
  entries+=("  {\"name\": \"$name\", \"file\": \"$file\", \"guidance\": $guidance}")
done < models/zoo.tsv
{ echo "["; (IFS=$'\n'; echo "${entries[*]}" | sed '$!s/$/,/'); echo "]"; } > "$out/index.json.tmp"
mv "$out/index.json.tmp" "$out/index.json"
echo "wrote $out/index.json (${#entries[@]} models)"
