/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* CPU per frame of constraintfilter against the plain GStreamer pipeline
 * doing the same work, measured side by side in one run:
 *   - passthrough: the source already gives the settings;
 *   - crop-and-scale 1080p -> 720p, against videoconvertscale ! videorate.
 * Each pipeline runs as fast as it can (no clock) over the same frames;
 * CPU time is the process's user + system time while it runs. */

#include "pipeline-measure.h"

#include <utility>

namespace {

struct Run {
  double cpuPerFrame = 0;   /* seconds */
  int frames = 0;
  std::string caps;
};

/* Runs `description` to EOS; "sink" is the fakesink to count at and "f",
 * when there is one, the constraintfilter to give `constraints`. */
Run
measure (const std::string & description, const char *constraints)
{
  GstElement *pipeline = launchOrExit (description);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  if (GstElement * filter = gst_bin_get_by_name (GST_BIN (pipeline), "f")) {
    g_object_set (filter, "constraints", constraints, nullptr);
    gst_object_unref (filter);
  }
  Run run;
  GstPad *pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER,
      [] (GstPad *, GstPadProbeInfo *, gpointer data) {
        static_cast<Run *> (data)->frames++;
        return GST_PAD_PROBE_OK;
      }, &run, nullptr);

  const double start = cpuSeconds ();
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *m = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
      (GstMessageType) (GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
  const double cpu = cpuSeconds () - start;
  if (GST_MESSAGE_TYPE (m) == GST_MESSAGE_ERROR) {
    GError *error = nullptr;
    gst_message_parse_error (m, &error, nullptr);
    std::fprintf (stderr, "%s: %s\n", description.c_str (), error->message);
    std::exit (1);
  }
  run.caps = currentCapsText (pad);
  gst_message_unref (m);
  gst_object_unref (bus);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  run.cpuPerFrame = run.frames ? cpu / run.frames : 0;
  return run;
}

/* The median of several runs, alternating the pipelines so that any drift
 * of the machine affects both alike. */
std::pair<Run, Run>
compare (const std::string & plain, const std::string & ours,
    const char *constraints, int rounds)
{
  std::vector<double> a, b;
  Run lastA, lastB;
  for (int i = 0; i < rounds; i++) {
    lastA = measure (plain, nullptr);
    lastB = measure (ours, constraints);
    a.push_back (lastA.cpuPerFrame);
    b.push_back (lastB.cpuPerFrame);
  }
  lastA.cpuPerFrame = medianOf (a);
  lastB.cpuPerFrame = medianOf (b);
  return { lastA, lastB };
}

bool
sameSize (const std::string & a, const std::string & b)
{
  GstCaps *ca = gst_caps_from_string (a.c_str ());
  GstCaps *cb = gst_caps_from_string (b.c_str ());
  int wa = 0, ha = 0, wb = 0, hb = 0;
  gst_structure_get_int (gst_caps_get_structure (ca, 0), "width", &wa);
  gst_structure_get_int (gst_caps_get_structure (ca, 0), "height", &ha);
  gst_structure_get_int (gst_caps_get_structure (cb, 0), "width", &wb);
  gst_structure_get_int (gst_caps_get_structure (cb, 0), "height", &hb);
  gst_caps_unref (ca);
  gst_caps_unref (cb);
  return wa == wb && ha == hb;
}

}  // namespace

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  const int frames = argc > 1 ? std::atoi (argv[1]) : 300;
  const int rounds = argc > 2 ? std::atoi (argv[2]) : 5;
  const std::string source = "videotestsrc num-buffers=" +
      std::to_string (frames) + " pattern=ball ! ";
  const std::string sink = " ! fakesink name=sink sync=false";

  struct Case {
    const char *name;
    std::string plain;
    std::string ours;
    const char *constraints;
  } cases[] = {
    { "passthrough 720p30",
        source + "video/x-raw,format=I420,width=1280,height=720,framerate=30/1"
        + sink,
        source + "video/x-raw,format=I420,width=1280,height=720,framerate=30/1"
        " ! constraintfilter name=f" + sink, "{\"width\":1280}" },
    { "crop-and-scale 1080p30 -> 720p15",
        source + "video/x-raw,format=I420,width=1920,height=1080,"
        "framerate=30/1 ! videoconvertscale ! videorate drop-only=true ! "
        "video/x-raw,width=1280,height=720,framerate=15/1" + sink,
        source + "video/x-raw,format=I420,width=1920,height=1080,"
        "framerate=30/1 ! constraintfilter name=f" + sink,
        "{\"width\":{\"exact\":1280},\"height\":{\"exact\":720},"
        "\"frameRate\":{\"exact\":15}}" },
  };

  std::printf ("%-34s %14s %14s %8s\n", "case", "plain µs/frame",
      "ours µs/frame", "ratio");
  int status = 0;
  for (const Case & c : cases) {
    auto [plain, ours] = compare (c.plain, c.ours, c.constraints, rounds);
    if (!sameSize (plain.caps, ours.caps) || plain.frames != ours.frames) {
      std::fprintf (stderr, "%s: the pipelines did not do the same work "
          "(%d frames of %s vs %d of %s)\n", c.name, plain.frames,
          plain.caps.c_str (), ours.frames, ours.caps.c_str ());
      status = 1;
    }
    std::printf ("%-34s %14.1f %14.1f %8.3f\n", c.name,
        plain.cpuPerFrame * 1e6, ours.cpuPerFrame * 1e6,
        ours.cpuPerFrame / plain.cpuPerFrame);
  }
  return status;
}
