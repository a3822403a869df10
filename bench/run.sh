#!/usr/bin/env bash
# Benchmarks ioc-lookup against a local stand-in for Datadog (loopback only), next to Datadog's official
# TypeScript client and a bare Node client on the same server. Not part of the tests: run it by hand on a
# quiet machine and copy the figures into docs/performance.md.
#
#   bench/run.sh [--runs R] [--with-rate-limits]     (default: 3 runs of each client, alternating)
#   bench/run.sh --concurrent-gates [--runs R] [--jar J]
#       only K gates at once in one JVM under an organization's rate limit (ConcurrentGates), R runs of each
#       scenario; J is the ioc-lookup.jar whose core to measure (default cli/target/ioc-lookup.jar), for a
#       before/after comparison with a build of an earlier commit
#
# Needs Java 17+, Maven, Node 18+ and npm (the official client is installed into bench/node/node_modules;
# not for --concurrent-gates).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=3
RATE_LIMITS=
CONCURRENT_GATES=
JAR=cli/target/ioc-lookup.jar
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --with-rate-limits) RATE_LIMITS=1; shift ;;
    --concurrent-gates) CONCURRENT_GATES=1; shift ;;
    --jar) JAR=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--runs R] [--with-rate-limits] | --concurrent-gates [--runs R] [--jar J]" >&2; exit 2 ;;
  esac
done
mvn -B -q package -DskipTests -Pbench >/dev/null
[ -n "$CONCURRENT_GATES" ] || (cd bench/node && npm install --no-audit --no-fund --silent >/dev/null)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export DD_API_KEY=bench-api-key DD_APP_KEY=bench-app-key
# The launcher's class-data archive goes to a cache of this run's own; its first run makes it.
export XDG_CACHE_HOME=$work/cache

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

stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
}

stat() { # the server's counter $1
  curl -s "http://127.0.0.1:$PORT/stats" | sed -E "s/.*\"$1\":([0-9]+).*/\1/"
}

# One run: appends "wall cpu rss_mb" to $work/<label>.runs after checking that every indicator is in the output.
run_once() { # label, expected results, then the command
  local label=$1 expected=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$work/out.json" 2> "$work/err" || true
  local results; results=$(grep -cE '"status" ?:' "$work/out.json" || true)
  if [ "$results" != "$expected" ]; then
    echo "$label: $results results, not $expected:" >&2; tail -5 "$work/err" >&2; exit 1
  fi
  awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 / 1024 }' "$work/time" >> "$work/$label.runs"
}

median() { # column $1 of file $2
  sort -n -k"$1" "$2" | awk -v c="$1" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

compare() { # N: every client on N indicators, RUNS times, alternating
  local n=$1 file=$work/$1.txt
  indicators "$n" > "$file"
  local url="http://127.0.0.1:$PORT"
  local -a labels=(launcher java-jar official bare)
  rm -f "$work"/*.runs
  # One untimed round first: the launcher makes its class-data archive, the file cache fills.
  for _ in $(seq 0 "$RUNS"); do
    JAVA_OPTS=-Xmx256m run_once launcher "$n" cli/target/ioc-lookup --base-url "$url" -f "$file" --format json
    run_once java-jar "$n" java -Xmx256m -jar cli/target/ioc-lookup.jar --base-url "$url" -f "$file" --format json
    run_once official "$n" node bench/node/official.mjs "$url" "$file"
    run_once bare "$n" node bench/node/bare.mjs "$url" "$file"
    [ -f "$work/warm" ] || { rm -f "$work"/*.runs; touch "$work/warm"; }
  done
  rm -f "$work/warm"
  echo
  echo "$n indicators, median of $RUNS alternating runs (ioc-lookup with -Xmx256m, default options otherwise):"
  printf '  %-44s %8s %8s %10s\n' client wall CPU "peak RSS"
  declare -A wall
  local names=("cli/target/ioc-lookup (the launcher)" "java -jar cli/target/ioc-lookup.jar"
    "official TypeScript client 1.64, 8 in flight" "bare keep-alive node:http, 8 in flight")
  for i in "${!labels[@]}"; do
    local f=$work/${labels[$i]}.runs
    wall[${labels[$i]}]=$(median 1 "$f")
    printf '  %-44s %7.2fs %7.2fs %7d MB\n' "${names[$i]}" "${wall[${labels[$i]}]}" "$(median 2 "$f")" "$(median 3 "$f")"
  done
  awk -v l="${wall[launcher]}" -v j="${wall[java-jar]}" -v o="${wall[official]}" -v b="${wall[bare]}" 'BEGIN {
    printf "  launcher / official client: %.2fx   launcher / bare floor: %.2fx   java -jar / official: %.2fx\n", l / o, l / b, j / o }'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1)" \
  "$([ -n "$CONCURRENT_GATES" ] || echo ", node $(node --version)")"

if [ -n "$CONCURRENT_GATES" ]; then
  # As the issue measured it in Jenkins: 6 builds at once, 30 indicators each, one organization limited to 20
  # requests per 1 s window; the plugin's defaults (4 lookups at once per build, the shared cache).
  gates() { # label, same|distinct, distinct indicators in all
    local label=$1 kind=$2 distinct=$3 i
    for i in $(seq 1 "$RUNS"); do
      start_server --limit 20 --period 1
      local line; line=$(java -cp "bench/target/bench-server.jar:$JAR" io.jenkins.plugins.datadog.ioc.bench.ConcurrentGates \
        "http://127.0.0.1:$PORT" 6 30 "$kind")
      local answered limited; answered=$(stat answered); limited=$(stat too_many_requests)
      stop_server
      # Ideal: as many 1 s windows as the distinct indicators need, the first at once.
      printf '%-34s %s  requests %d (429: %d) for %d distinct  ideal %d s\n' "$label" "$line" \
        $(( answered + limited )) "$limited" "$distinct" $(( (distinct + 19) / 20 - 1 ))
    done
  }
  echo "core from $JAR"
  gates "6 gates x 30 distinct indicators" distinct 180
  gates "6 gates x the same 30, cache on" same 30
  exit 0
fi

start_server
compare 2000
compare 10000
for c in 1 4 8 16; do # the default concurrency's measurements
  indicators 2000 > "$work/c.txt"
  rm -f "$work/c$c.runs"
  for _ in $(seq 1 "$RUNS"); do
    run_once "c$c" 2000 cli/target/ioc-lookup --base-url "http://127.0.0.1:$PORT" -f "$work/c.txt" --format json --concurrency "$c"
  done
  printf '2000 lookups, launcher, --concurrency %-2d  wall %5.2f s  CPU %5.2f s\n' "$c" "$(median 1 "$work/c$c.runs")" "$(median 2 "$work/c$c.runs")"
done
stop_server

if [ -n "$RATE_LIMITS" ]; then
  rate_limited() { # label, N, then server args
    local label=$1 n=$2; shift 2
    indicators "$n" > "$work/rl.txt"
    start_server "$@"
    local limited0; limited0=$(stat too_many_requests)
    rm -f "$work/rl.runs"
    run_once rl "$n" cli/target/ioc-lookup --base-url "http://127.0.0.1:$PORT" -f "$work/rl.txt" --format json --timeout 120
    printf '%-44s wall %6.2f s  429s %d\n' "$label" "$(cut -d' ' -f1 "$work/rl.runs")" $(( $(stat too_many_requests) - limited0 ))
    stop_server
  }
  rate_limited "500 lookups, limit 100 per 2 s" 500 --limit 100 --period 2
  rate_limited "2000 lookups, limit 300 per 10 s" 2000 --limit 300 --period 10
  echo "    theoretical minimum: 500 at 100 per 2 s = 5 windows, 4 resets to wait for (6 to 8 s, by where in its"
  echo "    window the run starts, plus up to 1 s a window for whole-second resets); 2000 at 300 per 10 s = 7 windows,"
  echo "    6 resets (50 to 60 s, plus the same)"
fi
