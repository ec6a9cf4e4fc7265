# gst-mediastream
# Copyright (C) 2026 gst-mediastream contributors
#
# This library is free software; you can redistribute it and/or
# modify it under the terms of the GNU Library General Public
# License as published by the Free Software Foundation; either
# version 2.1 of the License, or (at your option) any later version.

"""The Python tests' harness: one TAP line per case, so that meson (with
protocol 'tap') and scripts/count-test-cases count every case.

A case is a function taking `cleanup`; what it registers there (a
pipeline to stop, say) runs after the case has returned or failed, once its
local variables are gone.
"""

import sys
import traceback


class Failure(Exception):
    pass


def check(condition, message="check failed"):
    """`assert` that python -O cannot take away."""
    if not condition:
        raise Failure(message)


def run(cases):
    """Runs the cases and prints TAP; returns the exit status."""
    print(f"1..{len(cases)}", flush=True)
    failed = 0
    for number, case in enumerate(cases, 1):
        name = case.__name__.removeprefix("test_")
        cleanups = []
        problems = []
        try:
            case(cleanups.append)
        except Exception:
            problems.append(traceback.format_exc())
        for cleanup in reversed(cleanups):
            try:
                cleanup()
            except Exception:
                problems.append(traceback.format_exc())
        if problems:
            failed += 1
            print(f"not ok {number} - {name}")
            for line in "".join(problems).splitlines():
                print(f"# {line}")
        else:
            print(f"ok {number} - {name}")
        sys.stdout.flush()
    return 1 if failed else 0


def main(cases):
    sys.exit(run(cases))
