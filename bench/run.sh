#!/usr/bin/env bash
# Benchmarks the ioc-lookup CLI against a local stand-in for Datadog (loopback only). Not part of the
# tests: run it by hand on a quiet machine and copy the figures into docs/performance.md.
#
#   bench/run.sh [N]    (default N=2000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
mvn -B -q package -DskipTests -Pbench >/dev/null
CLI="java -jar cli/target/ioc-lookup.jar"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export DD_API_KEY=bench-api-key DD_APP_KEY=bench-app-key

indicators() { # N distinct public-looking addresses
  for i in $(seq 1 "$1"); do echo "198.$(( (i / 65536) % 256 )).$(( (i / 256) % 256 )).$(( i % 256 ))"; done
}

start_server() { # args for BenchServer; sets PORT and SERVER_PID
  : > "$work/server.out"
  java -jar bench/target/bench-server.jar "$@" > "$work/server.out" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do grep -q '^port' "$work/server.out" 2>/dev/null && break; sleep 0.1; done
  PORT=$(awk '/^port/ {print $2}' "$work/server.out")
}

stat() { # the server's counter $1
  curl -s "http://127.0.0.1:$PORT/stats" | sed -E "s/.*\"$1\":([0-9]+).*/\1/"
}

measure() { # label, then the command; prints wall time, peak RSS, results and what the server saw
  local label=$1; shift
  local answered0 limited0; answered0=$(stat answered); limited0=$(stat too_many_requests)
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out.json" 2> "$work/err" || true
  read -r wall rss < "$work/time"
  local results; results=$(grep -c '"status" :' "$work/out.json" || true)
  printf '%-52s wall %6.2f s  peak RSS %4d MB  results %6s  requests answered %6d  429s %4d\n' "$label" "$wall" \
    $((rss / 1024)) "$results" $(( $(stat answered) - answered0 )) $(( $(stat too_many_requests) - limited0 ))
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1)"

indicators "$N" > "$work/n.txt"
start_server
measure "(a) $N lookups, fast server, concurrency 1 (a plain loop)" $CLI --base-url "http://127.0.0.1:$PORT" -f "$work/n.txt" --concurrency 1 --format json
measure "(a) $N lookups, fast server, concurrency 8" $CLI --base-url "http://127.0.0.1:$PORT" -f "$work/n.txt" --concurrency 8 --format json
measure "(a) $N lookups, fast server, concurrency 16" $CLI --base-url "http://127.0.0.1:$PORT" -f "$work/n.txt" --concurrency 16 --format json
measure "(a) $N lookups, concurrency 16, C1 JIT only" java -XX:TieredStopAtLevel=1 -jar cli/target/ioc-lookup.jar --base-url "http://127.0.0.1:$PORT" -f "$work/n.txt" --concurrency 16 --format json
indicators 10000 > "$work/10k.txt"
measure "(c) 10000 lookups, -Xmx256m, concurrency 16" java -Xmx256m -jar cli/target/ioc-lookup.jar --base-url "http://127.0.0.1:$PORT" -f "$work/10k.txt" --concurrency 16 --format json
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true

indicators 500 > "$work/500.txt"
start_server --limit 100 --period 2
measure "(b) 500 lookups, limit 100 per 2 s, concurrency 1" $CLI --base-url "http://127.0.0.1:$PORT" -f "$work/500.txt" --concurrency 1 --format json --timeout 120
measure "(b) 500 lookups, limit 100 per 2 s, concurrency 8" $CLI --base-url "http://127.0.0.1:$PORT" -f "$work/500.txt" --concurrency 8 --format json --timeout 120
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
indicators 2000 > "$work/2k.txt"
start_server --limit 300 --period 10
measure "(b) 2000 lookups, limit 300 per 10 s, concurrency 16" $CLI --base-url "http://127.0.0.1:$PORT" -f "$work/2k.txt" --concurrency 16 --format json --timeout 120
echo "    theoretical minimum: 500 at 100 per 2 s = 5 windows (8 to 10 s, by where in its window the run starts);"
echo "    2000 at 300 per 10 s = 7 windows (60 to 70 s)"
