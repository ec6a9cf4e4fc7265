/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Assertions on native modes, shared by the tests that read them from caps
 * and from V4L2. */

#pragma once

#include "device.h"

#include <gst/check/gstcheck.h>

static inline void
assertRange (const mediastream::IntRange & range, int min, int max, int step)
{
  fail_unless_equals_int (range.min, min);
  fail_unless_equals_int (range.max, max);
  fail_unless_equals_int (range.step, step);
}

static inline void
assertRate (const mediastream::FractionRange & rate, int minNum, int minDen,
    int maxNum, int maxDen)
{
  fail_unless_equals_int (rate.min.num, minNum);
  fail_unless_equals_int (rate.min.den, minDen);
  fail_unless_equals_int (rate.max.num, maxNum);
  fail_unless_equals_int (rate.max.den, maxDen);
}
