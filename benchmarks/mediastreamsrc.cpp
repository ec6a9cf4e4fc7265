/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* mediastreamsrc against the pipeline a user would write by hand for the
 * same camera mode: the fake 720p30 camera's own source and a capsfilter.
 * For each: the time from PLAYING to the first buffer at the sink, the CPU
 * per frame, and the resident memory the running stream adds. Medians of a
 * few rounds, the two pipelines alternating. A program, not a test: it
 * fails only when the two did not deliver the same frames. */

#include "pipeline-measure.h"

#include <unistd.h>

#include <fstream>

namespace {

/* Resident memory in KiB. */
long
residentKiB ()
{
  std::ifstream statm ("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

struct Run {
  double firstBuffer = 0;   /* seconds after set_state (PLAYING) */
  double cpuPerFrame = 0;   /* seconds */
  long residentKiB = 0;     /* added while running */
  std::string caps;
};

struct Counter {
  GstElement *pipeline;
  int wanted;
  int frames = 0;
  gint64 first = 0;
};

/* Runs `description` until `frames` buffers reached "sink". */
Run
measure (const std::string & description, int frames)
{
  GstElement *pipeline = launchOrExit (description);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  GstPad *pad = gst_element_get_static_pad (sink, "sink");
  Counter counter { pipeline, frames };
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER,
      [] (GstPad *, GstPadProbeInfo *, gpointer data) {
        auto *c = static_cast<Counter *> (data);
        if (c->frames++ == 0)
          c->first = g_get_monotonic_time ();
        if (c->frames == c->wanted)
          gst_element_post_message (c->pipeline,
              gst_message_new_application (nullptr,
                  gst_structure_new_empty ("done")));
        return GST_PAD_PROBE_OK;
      }, &counter, nullptr);

  const long before = residentKiB ();
  const double cpuStart = cpuSeconds ();
  const gint64 start = g_get_monotonic_time ();
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *m = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
      (GstMessageType) (GST_MESSAGE_APPLICATION | GST_MESSAGE_ERROR));
  Run run;
  run.cpuPerFrame = (cpuSeconds () - cpuStart) / frames;
  run.residentKiB = residentKiB () - before;
  if (!m || GST_MESSAGE_TYPE (m) == GST_MESSAGE_ERROR) {
    std::fprintf (stderr, "%s: %s\n", description.c_str (),
        m ? "error" : "no frames within a minute");
    std::exit (1);
  }
  run.firstBuffer = (counter.first - start) / 1e6;
  run.caps = currentCapsText (pad);
  gst_message_unref (m);
  gst_object_unref (bus);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  return run;
}

template <typename Field>
double
median (const std::vector<Run> &runs, Field field)
{
  std::vector<double> values;
  for (const Run & r : runs)
    values.push_back (static_cast<double> (r.*field));
  return medianOf (std::move (values));
}

}  // namespace

int
main (int argc, char **argv)
{
  g_setenv ("GST_MEDIASTREAM_FAKE_DEVICES", "chromium", TRUE);
  gst_init (&argc, &argv);
  const int frames = argc > 1 ? std::atoi (argv[1]) : 150;
  const int rounds = argc > 2 ? std::atoi (argv[2]) : 3;
  const std::string sink = " ! fakesink name=sink";
  const std::string plain = "mediastreamfakesrc ! video/x-raw,width=1280,"
      "height=720,framerate=30/1" + sink;
  const std::string ours = "mediastreamsrc name=s constraints="
      "{\"video\":{\"width\":{\"exact\":1280},\"height\":{\"exact\":720}}} "
      "s.video_0" + sink;

  /* Warm up once: the first pipeline of a process loads the plugins. */
  measure (plain, 5);
  measure (ours, 5);
  std::vector<Run> a, b;
  for (int i = 0; i < rounds; i++) {
    a.push_back (measure (plain, frames));
    b.push_back (measure (ours, frames));
  }
  if (a.back ().caps != b.back ().caps) {
    std::fprintf (stderr, "the pipelines did not deliver the same frames: "
        "%s vs %s\n", a.back ().caps.c_str (), b.back ().caps.c_str ());
    return 1;
  }
  std::printf ("live 720p30 fake camera, %d frames, median of %d rounds\n",
      frames, rounds);
  std::printf ("%-28s %12s %12s %8s\n", "measure", "by hand", "ours",
      "ratio");
  const struct {
    const char *name;
    double scale;
    double plain, ours;
  } rows[] = {
    { "PLAYING to 1st buffer (ms)", 1e3, median (a, &Run::firstBuffer),
        median (b, &Run::firstBuffer) },
    { "CPU per frame (µs)", 1e6, median (a, &Run::cpuPerFrame),
        median (b, &Run::cpuPerFrame) },
    { "resident memory (KiB)", 1, median (a, &Run::residentKiB),
        median (b, &Run::residentKiB) },
  };
  for (const auto &row : rows) {
    std::printf ("%-28s %12.1f %12.1f %8.3f\n", row.name,
        row.plain * row.scale, row.ours * row.scale,
        row.plain != 0 ? row.ours / row.plain : 0.0);
  }
  return 0;
}
