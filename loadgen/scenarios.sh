#!/usr/bin/env bash
# Runs the load scenarios of issue 8 against an Assay started here, on the local RabbitMQ and PostgreSQL, with a
# virtual host, database, port and working folder of its own (other test runs share the broker and the server).
#
#   loadgen/scenarios.sh [cluster|standalone|all|auth|compare|fairness]      # default all
#
# cluster:    gateway + 1 worker: scenario 3 (10 MB files) with 1 worker; a 2nd worker joins: scenario 3 with 2,
#             scenario 1 (20 users x 50 files of 1 KB), scenario 5 (scenario 1 + 200 idle dashboards), scenario 4
#             (RabbitMQ baseline, same broker and virtual host).
# standalone: the gateway alone (H2, in-process workers): scenario 2 (= scenario 1).
# auth:       scenario 1 (gateway + 2 workers) and scenario 2, each once with --auth basic and once with --auth
#             session, after a short warm-up run on each fresh gateway.
# compare:    before/after: scenarios 1 and 2 (session) with the jars built in the checkout BEFORE (e.g. a
#             `git worktree add --detach /tmp/before <commit>`) and with this checkout's jars, interleaved (before,
#             after, before, after), each on fresh JVMs, virtual host and database, after a warm-up run.
# fairness:   issue 7's "one user alone is not slower with the fair dispatcher": one user x 1000 files of 1 KB
#             (--concurrency 8) on gateway + 2 workers, with the default dispatch window (ASSAY_DISPATCH_PREFETCH=8)
#             and with an unbounded one (prefetch 1000000: every accepted job is published at once, as before fair
#             dispatch), interleaved twice, each on fresh JVMs, virtual host and database, after a warm-up run
#             (FAIRNESS_PREFETCHES and FAIRNESS_ROUNDS change the windows compared and the rounds).
# Reports land in $LOADGEN_WORK/reports (JSON + HTML per scenario); the tables are printed.
# Variables: GATEWAY_JAR, WORKER_JAR (default: the repo's built jars), LOADGEN_PORT (18080), LOADGEN_VHOST
# (loadgen), LOADGEN_DB (loadgen), LOADGEN_WORK (/tmp/assay-loadgen), GATEWAY_JAVA_OPTS (e.g. a JFR recording),
# LOADGEN_AUTH (session or basic, the load generator's default is session), LOADGEN_JFR=1 (a JFR profile of the
# gateway per scenario, $LOADGEN_WORK/reports/<label>-gateway.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
gateway_jar=$(realpath "${GATEWAY_JAR:-$(ls api-gateway/target/api-gateway-*-exec.jar | head -n 1)}")
worker_jar=$(realpath "${WORKER_JAR:-$(ls worker-service/target/worker-service-*-exec.jar | head -n 1)}")
loadgen_jar=$PWD/loadgen/target/loadgen.jar
port=${LOADGEN_PORT:-18080}
vhost=${LOADGEN_VHOST:-loadgen}
db=${LOADGEN_DB:-loadgen}
work=${LOADGEN_WORK:-/tmp/assay-loadgen}
reports=$work/reports
users=$(seq -s, -f 'load%g:secret' 1 20)
# the load users' quotas are raised so that the load is measured, not refused with 429 (older gateways ignore these)
export ASSAY_QUOTA_MAX_ACTIVE_JOBS=100000 ASSAY_QUOTA_UPLOADS_PER_MINUTE=100000
[[ -f "$loadgen_jar" ]] || ./mvnw -B -Pbenchmarks -pl loadgen -am package -DskipTests
mkdir -p "$reports" "$work/logs"

pids=()
stop_all() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 1; done; done
  pids=()
}
trap stop_all EXIT INT TERM

fresh_broker_and_database() {
  rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
  rabbitmqctl -q add_vhost "$vhost"
  rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*'
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  rm -rf "$work/uploads" "$work/standalone"
}

cluster_env() {
  export ASSAY_MODE=cluster ASSAY_USERS="$users" ASSAY_STORAGE_DIR="$work/uploads" \
    SPRING_RABBITMQ_HOST=127.0.0.1 SPRING_RABBITMQ_PORT=5672 SPRING_RABBITMQ_USERNAME=guest \
    SPRING_RABBITMQ_PASSWORD=guest SPRING_RABBITMQ_VIRTUAL_HOST="$vhost" \
    SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$db" SPRING_DATASOURCE_USERNAME=postgres
}

start_gateway() { # $1: log name; the working directory is $PWD
  # shellcheck disable=SC2086
  SERVER_PORT=$port java ${GATEWAY_JAVA_OPTS:-} -jar "$gateway_jar" >"$work/logs/$1.log" 2>&1 &
  pids+=($!)
  gateway_pid=$!
  until curl -fsS "http://localhost:$port/actuator/health" >/dev/null 2>&1; do
    kill -0 "$gateway_pid" 2>/dev/null || { echo "gateway stopped, see $work/logs/$1.log" >&2; exit 1; }
    sleep 2
  done
  echo "gateway pid $gateway_pid on port $port"
}

start_worker() { # $1: number
  # each worker's actuator on a port of its own (any free one)
  ASSAY_WORKER_MANAGEMENT_PORT=0 java -jar "$worker_jar" >"$work/logs/worker-$1.log" 2>&1 &
  pids+=($!)
  until grep -q "Started WorkerApplication" "$work/logs/worker-$1.log"; do
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "worker $1 stopped, see $work/logs/worker-$1.log" >&2; exit 1; }
    sleep 2
  done
  echo "worker $1 pid ${pids[-1]}"
}

load() { # $1: label, then loadgen options
  local label=$1
  shift
  echo "== $label   (uptime:$(uptime | sed 's/.*load average/ load average/'))"
  [[ ${LOADGEN_JFR:-0} == 1 ]] && jcmd "$gateway_pid" JFR.start name="$label" settings=profile \
    filename="$reports/$label-gateway.jfr" >/dev/null
  java -jar "$loadgen_jar" --url "http://localhost:$port" --label "$label" --out "$reports" \
    --gateway-pid "$gateway_pid" ${LOADGEN_AUTH:+--auth "$LOADGEN_AUTH"} "$@" || echo "!! $label did not pass its checks"
  [[ ${LOADGEN_JFR:-0} == 1 ]] && jcmd "$gateway_pid" JFR.stop name="$label" >/dev/null
  return 0
}

if [[ $what == cluster || $what == all ]]; then
  fresh_broker_and_database
  (
    trap stop_all EXIT INT TERM
    cluster_env
    start_gateway gateway-cluster
    start_worker 1
    load s3-10MB-1-worker --users 10 --files 10 --size 10MB --concurrency 1
    start_worker 2
    load s3-10MB-2-workers --users 10 --files 10 --size 10MB --concurrency 1
    load s1-cluster-1KB --users 20 --files 50 --size 1KB --concurrency 4
    load s5-cluster-1KB-200-idle --users 20 --files 50 --size 1KB --concurrency 4 --idle 200
    echo "== s4-rabbitmq-baseline"
    java -jar "$loadgen_jar" --mode rabbit --amqp "amqp://guest:guest@127.0.0.1:5672/$vhost" --messages 10000 \
      --message-size 400 --publishers 4 --consumers 4 --label s4-rabbitmq-baseline --out "$reports"
  )
fi

if [[ $what == auth ]]; then
  s1=(--users 20 --files 50 --size 1KB --concurrency 4)
  fresh_broker_and_database
  (
    trap stop_all EXIT INT TERM
    cluster_env
    start_gateway gateway-cluster
    start_worker 1
    start_worker 2
    load s1-warm-up --users 20 --files 5 --size 1KB --concurrency 4 --auth session
    load s1-cluster-1KB-basic "${s1[@]}" --auth basic
    load s1-cluster-1KB-session "${s1[@]}" --auth session
  )
  rm -rf "$work/standalone" && mkdir -p "$work/standalone"
  (
    trap stop_all EXIT INT TERM
    cd "$work/standalone"
    export ASSAY_MODE=standalone ASSAY_USERS="$users"
    start_gateway gateway-standalone
    load s2-warm-up --users 20 --files 5 --size 1KB --concurrency 4 --auth session
    load s2-standalone-1KB-basic "${s1[@]}" --auth basic
    load s2-standalone-1KB-session "${s1[@]}" --auth session
  )
fi

if [[ $what == compare ]]; then
  before=$(realpath "${BEFORE:?BEFORE=<a checkout of the before commit with its jars built>}")
  s1=(--users 20 --files 50 --size 1KB --concurrency 4 --auth session)
  for round in 1 2; do
    for version in before after; do
      root=$PWD
      [[ $version == before ]] && root=$before
      gateway_jar=$(realpath "$(ls "$root"/api-gateway/target/api-gateway-*-exec.jar | head -n 1)")
      worker_jar=$(realpath "$(ls "$root"/worker-service/target/worker-service-*-exec.jar | head -n 1)")
      fresh_broker_and_database
      (
        trap stop_all EXIT INT TERM
        cluster_env
        start_gateway "gateway-cluster-$version-$round"
        start_worker 1
        start_worker 2
        load "s1-warm-up-$version-$round" --users 20 --files 5 --size 1KB --concurrency 4 --auth session
        load "s1-cluster-1KB-$version-$round" "${s1[@]}"
      )
      rm -rf "$work/standalone" && mkdir -p "$work/standalone"
      (
        trap stop_all EXIT INT TERM
        cd "$work/standalone"
        export ASSAY_MODE=standalone ASSAY_USERS="$users"
        start_gateway "gateway-standalone-$version-$round"
        load "s2-warm-up-$version-$round" --users 20 --files 5 --size 1KB --concurrency 4 --auth session
        load "s2-standalone-1KB-$version-$round" "${s1[@]}"
      )
    done
  done
fi

if [[ $what == fairness ]]; then
  for round in $(seq 1 "${FAIRNESS_ROUNDS:-2}"); do
    for prefetch in ${FAIRNESS_PREFETCHES:-8 1000000}; do
      fresh_broker_and_database
      (
        trap stop_all EXIT INT TERM
        cluster_env
        export ASSAY_DISPATCH_PREFETCH=$prefetch
        start_gateway "gateway-fairness-$prefetch-$round"
        start_worker 1
        start_worker 2
        load "fairness-warm-up-$prefetch-$round" --users 1 --files 100 --size 1KB --concurrency 8
        load "fairness-1-user-prefetch-$prefetch-$round" --users 1 --files 1000 --size 1KB --concurrency 8
      )
    done
  done
fi

if [[ $what == standalone || $what == all ]]; then
  rm -rf "$work/standalone" && mkdir -p "$work/standalone"
  (
    trap stop_all EXIT INT TERM
    cd "$work/standalone"
    export ASSAY_MODE=standalone ASSAY_USERS="$users"
    start_gateway gateway-standalone
    load s2-standalone-1KB --users 20 --files 50 --size 1KB --concurrency 4
  )
fi
