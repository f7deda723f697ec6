#!/usr/bin/env bash
# End-to-end figures of chunked analysis (issue 7), on a local RabbitMQ and PostgreSQL that already run:
#   1. a generated event CSV (default 1 GB) uploaded to a cluster of one gateway and W worker processes (each one
#      consumer thread), for W in WORKERS (default "1 2"): upload time, upload -> COMPLETED and 202 -> COMPLETED
#      times, per W;
#   2. upload throughput next to `cp` of the same file onto the same disk;
#   3. the gateway's peak heap (jstat, every 200 ms) while a file of BIG_GB (default 5) GB is uploaded.
#
#   benchmarks/chunked-cluster.sh            # SIZE_MB=1000 WORKERS="1 2" BIG_GB=5 (0 skips step 3)
#
# It builds the exec jars when missing (or takes GATEWAY_JAR and WORKER_JAR).
#
# Each cluster gets its own RabbitMQ virtual host, PostgreSQL database and storage folder under $WORK
# (default data/bench-chunks), all removed at the end. Figures go to standard output and $WORK/report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${SIZE_MB:-1000}
workers_list=${WORKERS:-1 2}
big_gb=${BIG_GB:-5}
work=${WORK:-$PWD/data/bench-chunks}
port=${PORT:-18080}
user=bench
password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
mkdir -p "$work"
report=$work/report.txt
: >"$report"
say() { echo "$*" | tee -a "$report"; }

gateway_jar=${GATEWAY_JAR:-$(ls api-gateway/target/api-gateway-*-exec.jar 2>/dev/null | head -n 1 || true)}
worker_jar=${WORKER_JAR:-$(ls worker-service/target/worker-service-*-exec.jar 2>/dev/null | head -n 1 || true)}
if [[ -z "$gateway_jar" || -z "$worker_jar" ]]; then
  ./mvnw -B -pl api-gateway,worker-service -am package -DskipTests >"$work/build.log" 2>&1
  gateway_jar=$(ls api-gateway/target/api-gateway-*-exec.jar | head -n 1)
  worker_jar=$(ls worker-service/target/worker-service-*-exec.jar | head -n 1)
fi

csv=$work/events-${size_mb}MB.csv
if [[ ! -f "$csv" ]]; then
  echo "Generating $csv ..."
  # A 50 MB block of user_id,event_time,action,bytes rows (5,000 users, a timestamp a second), repeated up to the size.
  awk -v target=50000000 'BEGIN {
      srand(7); n = 0; t = 1767225600
      split("view,click,buy,login,logout", actions, ",")
      while (n < target) {
        line = sprintf("u%d,%s,%s,%d", int(rand() * rand() * 5000), strftime("%Y-%m-%dT%H:%M:%SZ", t++, 1),
                       actions[1 + int(rand() * 5)], int(rand() * 100000))
        print line; n += length(line) + 1
      } }' >"$work/block.csv"
  echo "user_id,event_time,action,bytes" >"$csv"
  while [[ $(stat -c %s "$csv") -lt $((size_mb * 1000000)) ]]; do cat "$work/block.csv" >>"$csv"; done
  rm -f "$work/block.csv"
fi
size=$(stat -c %s "$csv")

pids=()
vhost=""
db=""
stop_cluster() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  [[ -n "$vhost" ]] && rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
  [[ -n "$db" ]] && psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  vhost=""; db=""
}
trap 'stop_cluster; rm -rf "$work/storage"' EXIT

# start_cluster WORKERS [extra gateway JVM options]
start_cluster() {
  local workers=$1 gateway_opts=${2:-}
  vhost=assay-bench-$$-$workers
  db=assay_bench_$$_$workers
  rabbitmqctl -q add_vhost "$vhost" >/dev/null
  rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
  psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db" >/dev/null
  rm -rf "$work/storage" && mkdir -p "$work/storage" "$work/logs"
  export ASSAY_MODE=cluster SPRING_RABBITMQ_HOST=127.0.0.1 SPRING_RABBITMQ_VIRTUAL_HOST=$vhost
  export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SPRING_DATASOURCE_USERNAME=postgres
  export ASSAY_STORAGE_DIR=$work/storage ASSAY_USERS="$user:$password" ASSAY_UPLOAD_MAX_FILE_SIZE=$((big_gb + 1))GB
  # shellcheck disable=SC2086
  SERVER_PORT=$port java $gateway_opts -jar "$gateway_jar" >"$work/logs/gateway-$workers.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    curl -fsS "http://localhost:$port/actuator/health" >/dev/null 2>&1 && break
    sleep 1
  done
  for n in $(seq 1 "$workers"); do
    ASSAY_WORKER_CONCURRENCY=1 ASSAY_WORKER_MANAGEMENT_PORT=0 java -jar "$worker_jar" >"$work/logs/worker-$workers-$n.log" 2>&1 &
    pids+=($!)
  done
  sleep 15 # let the workers connect
}

# sign_in: a session in $work/cookies for the status polls (HTTP Basic would check the password with BCrypt on
# every poll, five times a second, taking CPU from the run being measured)
sign_in() {
  local jar=$work/cookies xsrf
  rm -f "$jar"
  curl -fsS -c "$jar" -b "$jar" "http://localhost:$port/api/auth/csrf" >/dev/null
  xsrf=$(awk '$6 == "XSRF-TOKEN" { print $7 }' "$jar")
  curl -fsS -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $xsrf" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$user\",\"password\":\"$password\"}" "http://localhost:$port/api/auth/login" >/dev/null
}

# upload FILE: prints "seconds job_id"
upload() {
  local out
  out=$(curl -sS -u "$user:$password" -F "files=@$1" -w '\n%{time_total}' "http://localhost:$port/api/jobs")
  echo "$(tail -n 1 <<<"$out") $(head -n 1 <<<"$out" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)"
}

say "# Chunked analysis, $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "file: $csv, $size bytes"
for workers in $workers_list; do
  start_cluster "$workers"
  sign_in
  start=$(date +%s.%N)
  read -r upload_s job < <(upload "$csv")
  accepted=$(date +%s.%N)
  while :; do
    status=$(curl -sS -b "$work/cookies" "http://localhost:$port/api/jobs/$job" | grep -o '"status":"[A-Z]*"' | cut -d'"' -f4)
    [[ "$status" == COMPLETED || "$status" == FAILED || "$status" == CANCELLED ]] && break
    sleep 0.2
  done
  end=$(date +%s.%N)
  chunks=$(grep -ho 'cut into [0-9]* chunks' "$work"/logs/worker-"$workers"-*.log | head -n 1 || true)
  say "$workers worker process(es): upload ${upload_s}s ($(awk -v b="$size" -v s="$upload_s" 'BEGIN{printf "%.0f", b/s/1e6}') MB/s), upload -> $status $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}')s, accepted -> $status $(awk -v a="$accepted" -v b="$end" 'BEGIN{printf "%.1f", b-a}')s, $chunks"
  stop_cluster
done

cp_start=$(date +%s.%N)
cp "$csv" "$work/copy.csv" && sync "$work/copy.csv"
cp_end=$(date +%s.%N)
rm -f "$work/copy.csv"
say "cp of the same file: $(awk -v a="$cp_start" -v b="$cp_end" -v s="$size" 'BEGIN{printf "%.1fs (%.0f MB/s)", b-a, s/(b-a)/1e6}')"

if [[ "$big_gb" -gt 0 ]]; then
  big=$work/big-${big_gb}GB.csv
  if [[ ! -f "$big" ]]; then
    head -n 1 "$csv" >"$big"
    while [[ $(stat -c %s "$big") -lt $((big_gb * 1000000000)) ]]; do tail -n +2 "$csv" >>"$big"; done
  fi
  start_cluster 0 "-Xmx512m"
  gateway_pid=${pids[0]}
  (while kill -0 "$gateway_pid" 2>/dev/null; do jstat -gc "$gateway_pid" 2>/dev/null | tail -n 1; sleep 0.2; done) >"$work/jstat.txt" &
  sampler=$!
  read -r upload_s job < <(upload "$big")
  kill "$sampler" 2>/dev/null || true
  # jstat -gc columns: S0U S1U EU OU are the 3rd, 4th, 6th and 8th (KB)
  peak=$(awk '$1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%.0f", max / 1024 }' "$work/jstat.txt")
  say "$(stat -c %s "$big") bytes uploaded in ${upload_s}s ($(awk -v b="$(stat -c %s "$big")" -v s="$upload_s" 'BEGIN{printf "%.0f", b/s/1e6}') MB/s) with -Xmx512m; gateway peak heap used ${peak} MB"
  stop_cluster
fi
