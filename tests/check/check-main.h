/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A main for gst-check suites that reports each test case in TAP (meson
 * runs the suites with protocol 'tap' and CK_TAP_LOG_FILE_NAME=-, so every
 * case is counted). GST_CHECK_MAIN's own progress output would break the
 * TAP stream, hence CK_SILENT. */

#pragma once

#include <gst/check/gstcheck.h>

#define GST_MEDIASTREAM_CHECK_MAIN(name)                                  \
  int main (int argc, char **argv)                                        \
  {                                                                       \
    gst_check_init (&argc, &argv);                                        \
    SRunner *sr = srunner_create (name##_suite ());                       \
    srunner_run_all (sr, CK_SILENT);                                      \
    const int failed = srunner_ntests_failed (sr);                        \
    srunner_free (sr);                                                    \
    return failed == 0 ? 0 : 1;                                           \
  }
