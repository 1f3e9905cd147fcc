#!/usr/bin/env bash
# Installs what the project needs from Debian's packages, only where missing.
set -euo pipefail
need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
# libopenblas0-pthread: without it libtorch falls back to the reference BLAS, about 6× slower.
# curl and jq: make demo and the README's walkthrough (which a test runs) call the API with them.
for pkg in libtorch-dev libopenblas0-pthread cmake g++ make postgresql dataset-fashion-mnist chromium curl jq; do
  have "$pkg" || need+=("$pkg")
done
command -v npm >/dev/null || need+=(npm)
# kubectl renders deploy/k8s in the deploy tests; Debian's kubernetes-client where none is installed.
command -v kubectl >/dev/null || need+=(kubernetes-client)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
