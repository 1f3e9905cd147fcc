# Sourced by the scripts that build or run the images. Sets $engine to docker where a Docker engine
# answers, else podman, and prepare_engine makes podman usable on a machine without it.
engine=${CONTAINER_ENGINE:-}
if [ -z "$engine" ]; then
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then engine=docker; else engine=podman; fi
fi

install_packages() {
  local sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# podman, podman-compose, and the settings that let them run on a Debian 12 host whose cgroups are in
# hybrid mode (crun refuses those) and whose default ulimits a container may not raise.
prepare_engine() {
  [ "$engine" = podman ] || return 0
  local need=() pkg
  for pkg in podman runc podman-compose slirp4netns uidmap; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
  done
  [ ${#need[@]} -eq 0 ] || install_packages "${need[@]}"
  if [ ! -f /etc/containers/containers.conf ] && [ "$(id -u)" = 0 ]; then
    mkdir -p /etc/containers
    cat > /etc/containers/containers.conf <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
  fi
}
