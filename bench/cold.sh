#!/usr/bin/env bash
# Cold, whole-process benchmark: `rewards replay HISTORY` as a fresh process, side by side with a fresh
# process that only streams the same file through Jackson (org.planetrewards.bench.ParseOnly), alternating,
# RUNS times each. Prints every run, the median of each, their ratio and the peak RSS of each (from
# /usr/bin/time). What users meet: JVM start, class loading, rule compilation and JIT warm-up included.
#
#   bench/cold.sh [--runs N] [--against DIR] [--floor] HISTORY.jsonl [HISTORY.jsonl ...]
#   bench/cold.sh --runs 5 /tmp/dense-10000x60.jsonl examples/histories/demo.jsonl
#   bench/cold.sh --runs 3 --against /tmp/before /tmp/dense-10000x60.jsonl   # /tmp/before: git worktree add /tmp/before <commit>
#
# --against DIR: also runs DIR/rewards replay (another checkout, e.g. a worktree of an earlier commit, built by its
# launcher before the first run) after each replay, in the same minutes, with its own ratio to the same parse-only;
# its decisions are compared with this checkout's (cmp) and a difference is said.
# --floor: also runs `rewards replay --rules bench/empty-pack` (the default settings without campaigns, a rule file
# with no rules) after each replay: the whole replay with every fact read, checked, routed and put through its
# shard's session, but no rule to evaluate. Its ratio is the floor under any rule pack's.
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
floor=""
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --against) against="$(cd "$2" && pwd)"; shift 2 ;;
    --floor) floor="$here/bench/empty-pack"; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench/cold.sh: unknown option $1 (--runs N, --against DIR, --floor; --help)" >&2; exit 2 ;;
    *) files+=("$1"); shift ;;
  esac
done
[ ${#files[@]} -gt 0 ] || { echo "usage: bench/cold.sh [--runs N] [--against DIR] [--floor] HISTORY.jsonl..." >&2; exit 2; }
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

# timed TAG i OUT CMD...: runs CMD under /usr/bin/time, its output to OUT; "$tmp/TAGi" holds "wall peakKB user sys",
# "$tmp/TAGci" its CPU seconds; prints "wall MB cpu" for the run's line.
timed() {
  local tag="$1" i="$2" out="$3"; shift 3
  if ! /usr/bin/time -f "%e %M %U %S" -o "$tmp/$tag$i" "$@" >"$out" 2>"$tmp/stderr"; then
    { echo "bench/cold.sh: this run failed, so its time means nothing: $*"; head -3 "$tmp/stderr"; } >"$tmp/failed"
    return
  fi
  local s k u sy; read -r s k u sy <"$tmp/$tag$i"
  awk -v a="$u" -v b="$sy" 'BEGIN{print a+b}' >"$tmp/${tag}c$i"
  echo "$s $((k / 1024)) $(cat "$tmp/${tag}c$i")"
}
# failed: stops with what the run said when the last timed run failed (a failed run's time is no measurement).
failed() { if [ -f "$tmp/failed" ]; then cat "$tmp/failed" >&2; rm -rf "$tmp"; exit 1; fi; }
# summary TAG: "median wall, median cpu, peak RSS in MB" of TAG's runs.
summary() {
  echo "$(cat "$tmp/$1"[0-9]* | cut -d' ' -f1 | median) $(cat "$tmp/$1"c* | median) $(($(cat "$tmp/$1"[0-9]* | cut -d' ' -f2 | sort -n | tail -1) / 1024))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }

for f in "${files[@]}"; do
  lines=$(grep -c . "$f" || true)
  mb=$(du -m "$f" | cut -f1)
  echo "== $f ($lines lines, $mb MB), $runs runs each, alternating"
  tmp=$(mktemp -d)
  for i in $(seq 1 "$runs"); do
    # shellcheck disable=SC2086
    read -r ps pm pc < <(timed p "$i" /dev/null "$java" $gc ${JAVA_OPTS:-} -cp "$bench_jar" org.planetrewards.bench.ParseOnly "$f") || true
    failed
    read -r rs rm rc < <(timed r "$i" "$tmp/decisions" "$here/rewards" replay "$f") || true
    failed
    printf '  run %d: replay %6.2f s (%5d MB, cpu %6.2f s)   parse-only %6.2f s (%5d MB, cpu %5.2f s)   ratio %.2f\n' \
      "$i" "$rs" "$rm" "$rc" "$ps" "$pm" "$pc" "$(ratio "$rs" "$ps")"
    if [ -n "$against" ]; then
      read -r as am ac < <(timed a "$i" "$tmp/decisions-against" "$against/rewards" replay "$f") || true
      failed
      same="same decisions"; cmp -s "$tmp/decisions" "$tmp/decisions-against" || same="DIFFERENT DECISIONS"
      printf '         against: replay %6.2f s (%5d MB, cpu %6.2f s)   ratio %.2f   %s\n' "$as" "$am" "$ac" "$(ratio "$as" "$ps")" "$same"
    fi
    if [ -n "$floor" ]; then
      read -r fs fm fc < <(timed f "$i" "$tmp/decisions-floor" "$here/rewards" replay --rules "$floor" "$f") || true
      failed
      printf '         floor:   replay %6.2f s (%5d MB, cpu %6.2f s)   ratio %.2f   (no rules: %d decisions)\n' \
        "$fs" "$fm" "$fc" "$(ratio "$fs" "$ps")" "$(wc -l <"$tmp/decisions-floor")"
    fi
  done
  read -r rmed rcpu rrss < <(summary r); read -r pmed pcpu prss < <(summary p)
  printf '  median: replay %.2f s, parse-only %.2f s, ratio %.2f; cpu replay %.2f s, parse-only %.2f s, ratio %.2f; peak RSS replay %d MB, parse-only %d MB; %d decisions\n' \
    "$rmed" "$pmed" "$(ratio "$rmed" "$pmed")" "$rcpu" "$pcpu" "$(ratio "$rcpu" "$pcpu")" "$rrss" "$prss" "$(wc -l <"$tmp/decisions")"
  if [ -n "$against" ]; then
    read -r amed acpu arss < <(summary a)
    printf '  median against %s: replay %.2f s, ratio %.2f; cpu %.2f s; peak RSS %d MB\n' "$against" "$amed" "$(ratio "$amed" "$pmed")" "$acpu" "$arss"
  fi
  if [ -n "$floor" ]; then
    read -r fmed fcpu frss < <(summary f)
    printf '  median floor (%s): replay %.2f s, ratio %.2f; cpu %.2f s; peak RSS %d MB\n' "$floor" "$fmed" "$(ratio "$fmed" "$pmed")" "$fcpu" "$frss"
  fi
  rm -rf "$tmp"
done
