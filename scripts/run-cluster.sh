#!/usr/bin/env bash
# Runs an Assay cluster on this machine without Docker: one gateway and N worker JVMs against a RabbitMQ and a
# PostgreSQL that are already running. Ctrl-C (or SIGTERM) stops them all, workers first, gracefully.
#
#   scripts/run-cluster.sh [WORKERS]      # default 2
#
# The broker, database, users and ports come from the usual variables (see the README's configuration table):
# SPRING_RABBITMQ_HOST/PORT/USERNAME/PASSWORD, SPRING_DATASOURCE_URL/USERNAME/PASSWORD, ASSAY_USERS, SERVER_PORT,
# ASSAY_STORAGE_DIR (shared by the gateway and every worker), ASSAY_WORKER_CONCURRENCY. Worker n serves its health and
# metrics on port ASSAY_WORKER_MANAGEMENT_PORT + n - 1 (8081, 8082, ... by default).
set -euo pipefail
cd "$(dirname "$0")/.."

workers=${1:-2}
[[ "$workers" =~ ^[0-9]+$ ]] || { echo "usage: $0 [WORKERS]" >&2; exit 2; }

export ASSAY_MODE=cluster
export SPRING_RABBITMQ_HOST=${SPRING_RABBITMQ_HOST:-127.0.0.1}
export SPRING_RABBITMQ_PORT=${SPRING_RABBITMQ_PORT:-5672}
export SPRING_DATASOURCE_URL=${SPRING_DATASOURCE_URL:-jdbc:postgresql://127.0.0.1:5432/assay}
export SPRING_DATASOURCE_USERNAME=${SPRING_DATASOURCE_USERNAME:-postgres}
export ASSAY_STORAGE_DIR=${ASSAY_STORAGE_DIR:-$PWD/data/cluster/uploads}
if [[ -z "${ASSAY_USERS:-}" ]]; then
  # Never a well-known password: an administrator with a random one, told once below.
  admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  export ASSAY_USERS="admin:$admin_password:ADMIN"
fi
port=${SERVER_PORT:-8080}
logs=data/cluster/logs
mkdir -p "$ASSAY_STORAGE_DIR" "$logs"

gateway_jar=$(ls api-gateway/target/api-gateway-*-exec.jar 2>/dev/null | head -n 1 || true)
worker_jar=$(ls worker-service/target/worker-service-*-exec.jar 2>/dev/null | head -n 1 || true)
if [[ -z "$gateway_jar" || -z "$worker_jar" ]]; then
  echo "Building the jars (once) ..."
  ./mvnw -B package -DskipTests >"$logs/build.log" 2>&1 || { echo "build failed, see $logs/build.log" >&2; exit 1; }
  gateway_jar=$(ls api-gateway/target/api-gateway-*-exec.jar | head -n 1)
  worker_jar=$(ls worker-service/target/worker-service-*-exec.jar | head -n 1)
fi

# Create the database on a local PostgreSQL when it is missing (the default URL points at one).
if [[ "$SPRING_DATASOURCE_URL" =~ ^jdbc:postgresql://(127\.0\.0\.1|localhost):([0-9]+)/([A-Za-z0-9_]+)$ ]] && command -v psql >/dev/null; then
  db=${BASH_REMATCH[3]}
  psql -h 127.0.0.1 -p "${BASH_REMATCH[2]}" -U "$SPRING_DATASOURCE_USERNAME" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "${BASH_REMATCH[2]}" -U "$SPRING_DATASOURCE_USERNAME" -d postgres -qc "CREATE DATABASE $db"
fi

pids=()
stopping=
stop() {
  trap - INT TERM EXIT
  stopping=1
  echo "Stopping ..."
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

SERVER_PORT=$port java -jar "$gateway_jar" >"$logs/gateway.log" 2>&1 &
pids+=($!)
echo "gateway  pid $! (log $logs/gateway.log)"
for _ in $(seq 1 300); do
  curl -fsS "http://localhost:$port/actuator/health" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "the gateway stopped, see $logs/gateway.log" >&2; exit 1; }
  sleep 1
done

management_port=${ASSAY_WORKER_MANAGEMENT_PORT:-8081}
for n in $(seq 1 "$workers"); do
  ASSAY_WORKER_MANAGEMENT_PORT=$((management_port + n - 1)) java -jar "$worker_jar" >"$logs/worker-$n.log" 2>&1 &
  pids+=($!)
  echo "worker $n pid $! (log $logs/worker-$n.log, metrics http://localhost:$((management_port + n - 1))/actuator/prometheus)"
done

echo "Assay cluster: http://localhost:$port with $workers worker(s). Ctrl-C stops it."
[[ -n "${admin_password:-}" ]] && echo "Sign in as admin / $admin_password (set ASSAY_USERS to choose users)."
# A worker that dies (even with kill -9) loses nothing: its job goes back to the queue and the others go on.
# Only the end of the gateway ends the cluster.
wait "${pids[0]}" || true
[[ -n $stopping ]] || echo "The gateway ended (see $logs/gateway.log); stopping the workers." >&2
