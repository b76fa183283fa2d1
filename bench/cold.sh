#!/usr/bin/env bash
# Cold, whole-process benchmark: `rewards replay HISTORY` as a fresh process, side by side with a fresh
# process that only streams the same file through Jackson (org.planetrewards.bench.ParseOnly), alternating,
# RUNS times each. Prints every run, the median of each, their ratio and the peak RSS of each (from
# /usr/bin/time). What users meet: JVM start, class loading, rule compilation and JIT warm-up included.
#
#   bench/cold.sh [--runs N] [--against DIR] HISTORY.jsonl [HISTORY.jsonl ...]
#   bench/cold.sh --runs 5 /tmp/dense-10000x60.jsonl examples/histories/demo.jsonl
#   bench/cold.sh --runs 3 --against /tmp/before /tmp/dense-10000x60.jsonl   # /tmp/before: git worktree add /tmp/before <commit>
#
# --against DIR: also runs DIR/rewards replay (another checkout, e.g. a worktree of an earlier commit, built by its
# launcher before the first run) after each replay, in the same minutes, with its own ratio to the same parse-only;
# its decisions are compared with this checkout's (cmp) and a difference is said.
#
# JVM: the one the launcher runs, $JAVA_HOME/bin/java when JAVA_HOME is set, else java on the PATH; the
# parse-only runs on it too, and its `java -version` is printed first. Options: the launcher's own defaults
# for replay (JAVA_OPTS as ./rewards reads it); the parse-only process gets the same JAVA_OPTS and the serial
# collector, its fastest (dense 10,000 x 60, three runs each: serial 2.5 to 3.2 s, G1 3.0 to 4.1 s, the
# throughput collector as the JVM sizes it 4.0 to 5.3 s), so that the ratio is never flattered by a slow
# parse-only. The replay's collector is the launcher's own choice.
# Each run also shows the CPU seconds (user + system) of each process: on a machine shared with other
# work the wall time swings with the load, the CPU a process needed much less.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5
against=""
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --against) against="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done
[ ${#files[@]} -gt 0 ] || { echo "usage: bench/cold.sh [--runs N] HISTORY.jsonl..." >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/cold.sh needs /usr/bin/time (Debian package: time)" >&2; exit 2; }

# Build both once, outside the timing: the launcher builds itself; the parse-only class lives in bench.
"$here/rewards" check >/dev/null 2>&1 || true
if [ -n "$against" ]; then
  [ -x "$against/rewards" ] || { echo "bench/cold.sh: --against $against has no rewards launcher" >&2; exit 2; }
  "$against/rewards" check >/dev/null 2>&1 || true
fi
bench_jar="$here/bench/target/benchmarks.jar"
if [ ! -f "$bench_jar" ] || [ -n "$(find "$here/bench/src" -newer "$bench_jar" -print -quit)" ]; then
  mvn_cmd="$here/mvnw"; [ -x "$mvn_cmd" ] || mvn_cmd=mvn
  (cd "$here" && "$mvn_cmd" -B -q -DskipTests package -pl bench -am) >/dev/null
fi
# The launcher's choice of JVM (./rewards): a replay on JDK 25 against a parse-only on 17 would compare JVMs.
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java || true)"; fi
[ -n "$java" ] && [ -x "$java" ] || { echo "bench/cold.sh: no java (set JAVA_HOME or put java on the PATH)" >&2; exit 2; }
echo "JVM of both: $java"
"$java" -version 2>&1 | sed 's/^/  /'
gc="-XX:+UseSerialGC" # the parse-only's fastest collector (see above)
case " ${JAVA_OPTS:-} " in *" -XX:+Use"*"GC "*) gc="" ;; esac

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for f in "${files[@]}"; do
  lines=$(grep -c . "$f" || true)
  mb=$(du -m "$f" | cut -f1)
  echo "== $f ($lines lines, $mb MB), $runs runs each, alternating"
  tmp=$(mktemp -d)
  for i in $(seq 1 "$runs"); do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %M %U %S" -o "$tmp/p$i" "$java" $gc ${JAVA_OPTS:-} -cp "$bench_jar" org.planetrewards.bench.ParseOnly "$f" >/dev/null
    /usr/bin/time -f "%e %M %U %S" -o "$tmp/r$i" "$here/rewards" replay "$f" >"$tmp/decisions" 2>/dev/null
    read -r ps pk pu psy <"$tmp/p$i"; read -r rs rk ru rsy <"$tmp/r$i"
    rc=$(awk -v a="$ru" -v b="$rsy" 'BEGIN{print a+b}'); pc=$(awk -v a="$pu" -v b="$psy" 'BEGIN{print a+b}')
    echo "$rc" >"$tmp/rc$i"; echo "$pc" >"$tmp/pc$i"
    printf '  run %d: replay %6.2f s (%5d MB, cpu %6.2f s)   parse-only %6.2f s (%5d MB, cpu %5.2f s)   ratio %.2f\n' \
      "$i" "$rs" $((rk / 1024)) "$rc" "$ps" $((pk / 1024)) "$pc" "$(awk -v a="$rs" -v b="$ps" 'BEGIN{print a/b}')"
    if [ -n "$against" ]; then
      /usr/bin/time -f "%e %M %U %S" -o "$tmp/a$i" "$against/rewards" replay "$f" >"$tmp/decisions-against" 2>/dev/null
      read -r as ak au asy <"$tmp/a$i"
      ac=$(awk -v a="$au" -v b="$asy" 'BEGIN{print a+b}'); echo "$ac" >"$tmp/ac$i"
      same="same decisions"; cmp -s "$tmp/decisions" "$tmp/decisions-against" || same="DIFFERENT DECISIONS"
      printf '         against: replay %6.2f s (%5d MB, cpu %6.2f s)   ratio %.2f   %s\n' \
        "$as" $((ak / 1024)) "$ac" "$(awk -v a="$as" -v b="$ps" 'BEGIN{print a/b}')" "$same"
    fi
  done
  rmed=$(cat "$tmp"/r[0-9]* | cut -d' ' -f1 | median); pmed=$(cat "$tmp"/p[0-9]* | cut -d' ' -f1 | median)
  rrss=$(cat "$tmp"/r[0-9]* | cut -d' ' -f2 | sort -n | tail -1); prss=$(cat "$tmp"/p[0-9]* | cut -d' ' -f2 | sort -n | tail -1)
  rcpu=$(cat "$tmp"/rc* | median); pcpu=$(cat "$tmp"/pc* | median)
  printf '  median: replay %.2f s, parse-only %.2f s, ratio %.2f; cpu replay %.2f s, parse-only %.2f s, ratio %.2f; peak RSS replay %d MB, parse-only %d MB; %d decisions\n' \
    "$rmed" "$pmed" "$(awk -v a="$rmed" -v b="$pmed" 'BEGIN{print a/b}')" "$rcpu" "$pcpu" "$(awk -v a="$rcpu" -v b="$pcpu" 'BEGIN{print a/b}')" \
    $((rrss / 1024)) $((prss / 1024)) "$(wc -l <"$tmp/decisions")"
  if [ -n "$against" ]; then
    amed=$(cat "$tmp"/a[0-9]* | cut -d' ' -f1 | median); acpu=$(cat "$tmp"/ac* | median)
    arss=$(cat "$tmp"/a[0-9]* | cut -d' ' -f2 | sort -n | tail -1)
    printf '  median against %s: replay %.2f s, ratio %.2f; cpu %.2f s; peak RSS %d MB\n' \
      "$against" "$amed" "$(awk -v a="$amed" -v b="$pmed" 'BEGIN{print a/b}')" "$acpu" $((arss / 1024))
  fi
  rm -rf "$tmp"
done
