#!/bin/sh
# Builds Loopbench and opens it on a demo workspace (installs missing Debian packages first).
# The demo workspace holds generated RAG, agent and chat traces with planted failures, plus the
# real exports in tests/data/samples (Langfuse, LangSmith, OpenInference, OTLP).
set -eu
cd "$(dirname "$0")"
./packaging/install-deps.sh
cmake --preset release
cmake --build --preset release
bin=build/release/app/loopbench
demo=build/demo/demo.loopbench
if [ ! -f "$demo" ]; then
    mkdir -p build/demo
    "$bin" demo -w "$demo"
    find tests/data/samples -type f \( -name '*.json' -o -name '*.jsonl' \) ! -path '*Agents_Failure*' \
        -exec "$bin" import -q -w "$demo" {} + > /dev/null || true
fi
exec "$bin" "$demo"
