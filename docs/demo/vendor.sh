#!/usr/bin/env bash
# Re-fetches the three onnxruntime-web files the demo page needs from npm, at the pinned version,
# and checks them against vendor/SHA256SUMS. Needs npm (for `npm pack`) and sha256sum.
# Run from anywhere: bash docs/demo/vendor.sh
set -euo pipefail
VERSION=1.30.0
FILES=(ort.wasm.min.js ort-wasm-simd-threaded.mjs ort-wasm-simd-threaded.wasm)
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "onnxruntime-web@$VERSION" >/dev/null)
tar -xzf "$tmp/onnxruntime-web-$VERSION.tgz" -C "$tmp" "${FILES[@]/#/package/dist/}"
(cd "$tmp/package/dist" && sha256sum -c --quiet "$here/vendor/SHA256SUMS") \
  || { echo "error: onnxruntime-web@$VERSION does not match vendor/SHA256SUMS" >&2; exit 1; }
for f in "${FILES[@]}"; do cp "$tmp/package/dist/$f" "$here/vendor/$f.tmp" && mv "$here/vendor/$f.tmp" "$here/vendor/$f"; done
echo "vendor/: onnxruntime-web@$VERSION, ${#FILES[@]} files, sha256 checked"
