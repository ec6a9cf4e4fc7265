#!/usr/bin/env bash
# Runs TAP-producing commands one after the other and prints a single TAP
# stream, so that several test programs share one VM boot (a boot costs more
# than most programs). Each command's test lines are renumbered into one
# sequence, everything else it prints becomes a TAP comment, and the plan
# comes last.
#
#   tap-sequence.sh [--timeout S] COMMAND [ARGS...] [--next COMMAND [ARGS...]]...
#
# A command that fails without a "not ok" of its own (it crashed, timed out,
# bailed out, or ran fewer tests than it planned) adds one saying so.
# Exits 0 when every test was ok. --timeout applies to each command
# (default 150 s).
set -uo pipefail

timeout=150
if [[ ${1:-} == --timeout ]]; then
  timeout=$2
  shift 2
fi
[[ $# -gt 0 ]] || {
  echo "usage: tap-sequence.sh [--timeout S] COMMAND [ARGS...] [--next COMMAND [ARGS...]]..." >&2
  exit 2
}

n=0
failed=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

result() {  # ok|not-ok DESCRIPTION
  n=$((n + 1))
  if [[ $1 == ok ]]; then
    echo "ok $n - $2"
  else
    failed=$((failed + 1))
    echo "not ok $n - $2"
  fi
}

run() {  # COMMAND [ARGS...]
  local name status=0 planned='' ran=0 not_ok=0 bailed='' line took
  local started=$SECONDS
  name=$(basename -- "$1")
  echo "# $name"
  timeout --kill-after=5 "$timeout" "$@" >"$scratch/out" 2>&1 || status=$?
  took=$((SECONDS - started))
  while IFS= read -r line || [[ -n $line ]]; do
    # "ok", "ok 3", "ok 3 - description", "not ok description"...
    if [[ $line =~ ^(not\ )?ok(([[:space:]]+[0-9]+)?([[:space:]]+-)?([[:space:]]+(.*))?)?$ ]]; then
      ran=$((ran + 1))
      if [[ -n ${BASH_REMATCH[1]} ]]; then
        not_ok=$((not_ok + 1))
        result not-ok "${BASH_REMATCH[6]}"
      else
        result ok "${BASH_REMATCH[6]}"
      fi
    elif [[ $line =~ ^1\.\.([0-9]+) ]]; then
      planned=${BASH_REMATCH[1]}
    elif [[ $line =~ ^Bail\ out!(.*)$ ]]; then
      not_ok=$((not_ok + 1))
      bailed=yes
      result not-ok "$name bailed out:${BASH_REMATCH[1]}"
    elif [[ $line == \#* ]]; then
      echo "$line"
    else
      echo "#   $line"
    fi
  done <"$scratch/out"
  # For whoever keeps the suite within its time budget.
  echo "# $name took $took s"

  # A bail-out has said what went wrong already.
  [[ -z $bailed ]] || return 0
  if [[ $status == 124 || $status == 137 ]]; then
    result not-ok "$name timed out after ${timeout}s"
  elif [[ -n $planned && $ran -lt $planned ]]; then
    result not-ok "$name ran $ran of $planned planned tests (exit status $status)"
  elif [[ $status != 0 && $not_ok == 0 ]]; then
    result not-ok "$name exited with status $status"
  elif [[ -z $planned && $ran == 0 ]]; then
    result not-ok "$name printed no TAP"
  fi
}

command=()
for arg in "$@"; do
  if [[ $arg == --next ]]; then
    run "${command[@]}"
    command=()
  else
    command+=("$arg")
  fi
done
[[ ${#command[@]} == 0 ]] || run "${command[@]}"

echo "1..$n"
[[ $failed == 0 ]]
