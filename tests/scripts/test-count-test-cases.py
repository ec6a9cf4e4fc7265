#!/usr/bin/python3
"""scripts/count-test-cases over hand-made testlogs: TAP and non-TAP entries,
failures that only show in meson's result, and a missing log."""

import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
counter = os.path.join(here, "..", "..", "scripts", "count-test-cases")


def count(*logs):
    r = subprocess.run([counter, *(os.path.join(here, l) for l in logs)],
                       capture_output=True, text=True)
    return r.stdout.splitlines()[-1], r.returncode


cases = [
    # 2 TAP ok (one SKIP), 1 ok + 1 TODO + 1 not ok, 1 ok + crash,
    # no-TAP OK, SKIP, TIMEOUT, EXPECTEDFAIL
    (("testlog-mixed.json",), ("8 passed, 3 failed", 1)),
    (("testlog-passing.json",), ("3 passed, 0 failed", 0)),
    (("testlog-passing.json", "testlog-mixed.json"), ("11 passed, 3 failed", 1)),
    (("testlog-passing.json", "no-such-testlog.json"), ("3 passed, 1 failed", 1)),
]
failed = 0
print(f"1..{len(cases)}")
for i, (logs, expected) in enumerate(cases, 1):
    got = count(*logs)
    ok = got == expected
    failed += not ok
    print(f"{'ok' if ok else 'not ok'} {i} - {' '.join(logs)}: {got[0]!r} exit {got[1]}"
          + ("" if ok else f", expected {expected[0]!r} exit {expected[1]}"))
sys.exit(1 if failed else 0)
