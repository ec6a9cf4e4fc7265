#!/usr/bin/env bash
# Runs TAP-producing programs one after the other and prints their results
# as one TAP stream, so that everything the vm suite checks shares one boot
# (a boot costs 10-20 s) while meson still counts every check.
#
#   tap-join.sh [--timeout S] PROGRAM [ARG...] [';' PROGRAM [ARG...]]...
#
# Checks are renumbered and named after their program ("self-check: ...");
# diagnostics pass through, other output becomes diagnostics. A program that
# runs longer than S seconds (default 150), stops short of its plan, bails
# out or exits non-zero without a failed check adds a failed check saying
# so; the programs after it still run. Exits 0 when every check passed.
set -euo pipefail

per_program=150
if [[ ${1:-} == --timeout ]]; then
  per_program=$2
  shift 2
fi
[[ $# -gt 0 && $per_program =~ ^[0-9]+$ ]] || {
  echo "usage: tap-join.sh [--timeout S] PROGRAM [ARG...] [';' PROGRAM [ARG...]]..." >&2
  exit 2
}

n=0
failed=0

# run PROGRAM [ARG...]: its checks, renumbered, on stdout.
run() {
  local name=${1##*/} planned='' seen=0 failures=0 status=0 started=$SECONDS line
  name=${name%.sh}
  while IFS= read -r line; do
    if [[ $line =~ ^1\.\.([0-9]+) ]]; then
      planned=${BASH_REMATCH[1]}
    elif [[ $line =~ ^(not ok|ok)([[:space:]]+[0-9]+)?([[:space:]]+-)?[[:space:]]*(.*)$ ]]; then
      n=$((n + 1))
      seen=$((seen + 1))
      if [[ ${BASH_REMATCH[1]} == "not ok" ]]; then
        failures=$((failures + 1))
        failed=$((failed + 1))
      fi
      echo "${BASH_REMATCH[1]} $n - $name: ${BASH_REMATCH[4]}"
    elif [[ $line == "Bail out!"* ]]; then
      n=$((n + 1))
      failures=$((failures + 1))
      failed=$((failed + 1))
      echo "not ok $n - $name: ${line#Bail out!}"
    elif [[ $line == "#"* ]]; then
      echo "$line"
    else
      echo "#   $line"
    fi
  done < <(timeout --kill-after=5 "$per_program" "$@")
  # $! is the process substitution; its status is the program's.
  wait $! || status=$?

  local why=
  if [[ ($status == 124 || $status == 137) && $((SECONDS - started)) -ge $per_program ]]; then
    why="timed out after ${per_program}s"
  elif [[ -z $planned || $seen -lt $planned ]]; then
    why="ran $seen of ${planned:-its unknown number of} checks (exit status $status)"
  elif [[ $status != 0 && $failures == 0 ]]; then
    why="exited with status $status although every check passed"
  fi
  if [[ -n $why ]]; then
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $name: $why: $*"
  fi
}

program=()
for arg in "$@" ';'; do
  if [[ $arg == ';' ]]; then
    [[ ${#program[@]} == 0 ]] || run "${program[@]}"
    program=()
  else
    program+=("$arg")
  fi
done

echo "1..$n"
[[ $failed == 0 ]]
