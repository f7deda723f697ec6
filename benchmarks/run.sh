#!/usr/bin/env bash
# Builds analytics-core and the benchmark, then measures everything (see BENCHMARKS.md at the repository root).
# Arguments go to the runner, e.g. --sizes 200MB --candidates duckdb-t1,core-users --profile
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -Pbenchmarks -pl benchmarks -am package -DskipTests
exec java -jar benchmarks/target/benchmarks.jar "$@"
