#!/usr/bin/env bash
# Runs the peft4j benchmark harness: builds framework/bench (and what it needs) in the reactor, writes its runtime class
# path with dependency:build-classpath, and starts dev.peft4j.bench.BenchMain with PyTorch set up to run offline.
# All arguments go to BenchMain, e.g.:  framework/bench/run-bench.sh --quick --out bench.json
# Environment: MVN_ARGS (default -o: offline, add nothing to ~/.m2), BENCH_JAVA_OPTS (options of the parent JVM).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
classpath_file="$here/target/bench-classpath.txt"
tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4

# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS--o} -f "$root/pom.xml" -pl framework/bench -am compile dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime

# torch-tuned preloads tcmalloc (Debian: libtcmalloc-minimal4); install it when we can, else BenchMain says what to do.
if [[ ! -e "$tcmalloc" && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  echo "installing libtcmalloc-minimal4 for the torch-tuned engine" >&2
  apt-get install -y -qq libtcmalloc-minimal4 >/dev/null || echo "could not install libtcmalloc-minimal4" >&2
fi

export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-1}"
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx512m} \
  -Dai.djl.offline=true -DPYTORCH_VERSION=2.7.1 -DENGINE_CACHE_DIR="$here/target/djl-cache" \
  -cp "$here/target/classes:$(cat "$classpath_file")" dev.peft4j.bench.BenchMain "$@"
