#!/bin/sh
# Builds Loopbench with its tests and runs the whole suite (installs missing Debian packages first).
set -eu
cd "$(dirname "$0")"
./packaging/install-deps.sh
cmake --preset dev
cmake --build --preset dev
export QT_QPA_PLATFORM=offscreen
ctest --preset dev --output-on-failure
