/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* What the pipeline benchmarks share: the process's CPU time, launching a
 * pipeline (a benchmark that cannot is over), the caps a pad ended with,
 * and the median of the rounds. */

#pragma once

#include <gst/gst.h>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

/* User and system time of the process so far, in seconds. */
double
cpuSeconds ()
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
      + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* The pipeline `description` makes; exits with the parser's error. */
GstElement *
launchOrExit (const std::string &description)
{
  GError *error = nullptr;
  GstElement *pipeline = gst_parse_launch (description.c_str (), &error);
  if (!pipeline) {
    std::fprintf (stderr, "%s: %s\n", description.c_str (), error->message);
    std::exit (1);
  }
  return pipeline;
}

/* The pad's current caps as text ("" before any). */
std::string
currentCapsText (GstPad *pad)
{
  GstCaps *caps = gst_pad_get_current_caps (pad);
  if (!caps)
    return "";
  gchar *text = gst_caps_to_string (caps);
  std::string result = text;
  g_free (text);
  gst_caps_unref (caps);
  return result;
}

double
medianOf (std::vector<double> values)
{
  std::sort (values.begin (), values.end ());
  return values[values.size () / 2];
}

}  // namespace
