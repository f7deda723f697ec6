#!/usr/bin/env bash
# Builds analytics-core and the benchmark, then measures everything (see BENCHMARKS.md at the repository root).
# Arguments go to the runner, e.g. --sizes 200MB --candidates duckdb-t1,core-users --profile
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -Pbenchmarks -pl benchmarks -am package -DskipTests
engine="analytics-core at $(git log -1 --format='%h %cI' -- analytics-core 2>/dev/null || echo 'unknown commit')"
if ! git diff --quiet HEAD -- analytics-core 2>/dev/null; then
  engine="$engine with uncommitted changes"
fi
exec java -jar benchmarks/target/benchmarks.jar --label "$engine" "$@"
