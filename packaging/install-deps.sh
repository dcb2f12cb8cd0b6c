#!/bin/sh
# Installs the Debian 12 packages Loopbench needs to build, run and test, when any are missing.
# Runs apt-get as root (directly, or through sudo when available).
set -eu

PACKAGES="cmake ninja-build g++ pkg-config python3
qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6svg6 qt6-qpa-plugins libqt6sql6-sqlite
qtkeychain-qt6-dev libsqlite3-dev nlohmann-json3-dev libspdlog-dev libsimdjson-dev libxxhash-dev zlib1g-dev
libjemalloc-dev libyaml-cpp-dev libdtl-dev
fonts-dejavu-core xvfb xauth desktop-file-utils appstream"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

echo "Installing missing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "These packages are missing and installing them needs root:$missing" >&2
    echo "Run this script as root, or install them with apt-get." >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
