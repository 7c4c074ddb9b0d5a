#!/usr/bin/env bash
# Installs the Debian packages microcosm needs. Idempotent: when everything is
# present it only runs dpkg-query and returns in well under a second.
set -euo pipefail

packages=(
  cmake ninja-build g++ make pkg-config
  libgtest-dev libgmock-dev libbenchmark-dev
  libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  libigraph-dev libsqlite3-dev sqlite3
  openmpi-bin libopenmpi-dev
  pybind11-dev python3-pybind11 python3-dev
  libcpp-httplib-dev
  python3 python3-numpy python3-networkx python3-igraph python3-pytest
  python3-pandas python3-scipy python3-matplotlib python3-nbclient python3-nbformat python3-ipykernel
  time
  libssl-dev zlib1g-dev libbrotli-dev chromium
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "deps: installing ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  sudo=sudo
else
  sudo=
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists once if they are missing or older than a day.
if [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -1)" ]]; then
  $sudo apt-get update -q
fi
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
