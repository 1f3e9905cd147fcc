#!/usr/bin/env bash
# Builds the service's images: gridsearch-api and gridsearch-worker (deploy/docker/Dockerfile), on a
# machine with Docker or, where none runs, with podman. Base images that cannot be pulled are made once,
# locally, under the names the Dockerfiles and docker-compose.yml ask for:
#   debian:bookworm-slim  debootstrapped from this machine's Debian mirror;
#   postgres:15           a stand-in from Debian's postgresql-15 (deploy/docker/postgres), same environment;
#   the .NET SDK          a stand-in from this machine's own SDK (deploy/docker/dotnet-sdk), passed to the
#                         build as DOTNET_SDK_IMAGE.
# Prints the images' sizes at the end. CONTAINER_ENGINE=docker|podman chooses the engine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/container-engine.sh
. scripts/container-engine.sh

sdk_default=mcr.microsoft.com/dotnet/sdk:10.0
sdk_standin=localhost/gridsearch-dotnet-sdk-standin:10.0
sdk=${DOTNET_SDK_IMAGE:-$sdk_default}

has_image() { "$engine" image inspect "$1" >/dev/null 2>&1; }
# A registry that cannot be reached answers at once; the timeout only guards a hanging one.
pull() { timeout 600 "$engine" pull -q "$1" >/dev/null 2>&1; }

debian_mirror() {
  local uri
  uri=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n 1)
  [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
  [ -n "$uri" ] || { echo "no Debian mirror in this machine's apt sources" >&2; return 1; }
  echo "$uri"
}

make_debian_base() {
  local dir mirror
  command -v debootstrap >/dev/null || install_packages debootstrap
  mirror=$(debian_mirror)
  dir=$(mktemp -d /var/tmp/gridsearch-bookworm.XXXXXX)
  echo "making debian:bookworm-slim locally (debootstrap from $mirror)"
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >/dev/null
  # The same apt sources as this machine's, security updates included, in deb822 form as the real image has.
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    cp /etc/apt/sources.list.d/debian.sources "$dir/etc/apt/sources.list.d/debian.sources"
    rm -f "$dir/etc/apt/sources.list"
  fi
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | "$engine" import -q - docker.io/library/debian:bookworm-slim >/dev/null
  rm -rf "$dir"
}

prepare_engine
has_image docker.io/library/debian:bookworm-slim || pull docker.io/library/debian:bookworm-slim || make_debian_base
# The stand-in is built again whenever it is the one here (its layers are cached), so a change to
# deploy/docker/postgres reaches it; a pulled postgres:15 is kept as it is.
standin=$("$engine" image inspect --format '{{index .Config.Labels "org.gridsearch.stand-in"}}' docker.io/library/postgres:15 2>/dev/null || true)
if [ -n "$standin" ] || { ! has_image docker.io/library/postgres:15 && ! pull docker.io/library/postgres:15; }; then
  echo "making the postgres:15 stand-in from Debian's postgresql-15"
  "$engine" build -q -t docker.io/library/postgres:15 deploy/docker/postgres >/dev/null
fi
if ! has_image "$sdk" && ! pull "$sdk"; then
  [ "$sdk" = "$sdk_default" ] || { echo "DOTNET_SDK_IMAGE=$sdk can be neither found nor pulled" >&2; exit 1; }
  sdk=$sdk_standin
  if ! has_image "$sdk"; then
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    echo "making the offline .NET SDK stand-in from $dotnet_root"
    "$engine" build -q -t "$sdk" -f deploy/docker/dotnet-sdk/Dockerfile "$dotnet_root" >/dev/null
  fi
fi

# This machine's certificate bundle, for the stages that fetch over HTTPS behind a proxy that re-signs TLS.
secret=()
[ -f /etc/ssl/certs/ca-certificates.crt ] && secret=(--secret id=ca-certificates,src=/etc/ssl/certs/ca-certificates.crt)
# Docker format: OCI images have no HEALTHCHECK, and podman's default is OCI.
format=()
[ "$engine" = podman ] && format=(--format docker)
for target in api worker; do
  echo "building gridsearch-$target"
  "$engine" build -q "${format[@]}" "${secret[@]}" --build-arg DOTNET_SDK_IMAGE="$sdk" --target "$target" \
    -t "gridsearch-$target:latest" -f deploy/docker/Dockerfile . >/dev/null
done
"$engine" image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'gridsearch-(api|worker)|postgres:15' | sort
