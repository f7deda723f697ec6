#!/usr/bin/env bash
# Runs Assay in one process (standalone mode: in-process workers, H2 and uploads under ./data) at
# http://localhost:8080. Builds the runnable jar first when it is missing. Extra arguments go to the app, e.g.
#   scripts/run.sh --server.port=9090
set -euo pipefail
cd "$(dirname "$0")/.."

jar=$(ls api-gateway/target/api-gateway-*-exec.jar 2>/dev/null | head -n 1 || true)
if [[ -z "$jar" || "${ASSAY_REBUILD:-false}" == "true" ]]; then
  echo "Building Assay (once; set ASSAY_REBUILD=true to rebuild) ..."
  ./mvnw -B -pl api-gateway -am package -DskipTests >/dev/null || {
    echo "The build failed; run ./mvnw -B -pl api-gateway -am package -DskipTests to see why." >&2
    exit 1
  }
  jar=$(ls api-gateway/target/api-gateway-*-exec.jar | head -n 1)
fi
exec java -jar "$jar" "$@"
