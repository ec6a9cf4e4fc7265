/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* How SelectSettings scales with the number of native modes of a camera
 * (10, 100, 1 000, 10 000), for a few typical constraint sets, what
 * parsing a constraints document costs, and what choosing one shared
 * capture for several cloned tracks of a 300-mode camera costs. See
 * benchmarks/README.md.
 *
 * Usage: bench-select-settings [--json] [--min-time SECONDS] */

#include "json.h"
#include "select-settings.h"
#include "shared-capture.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using namespace mediastream;

namespace {

using Clock = std::chrono::steady_clock;

/* The median time of one call of `fn`, in microseconds, over batches run
 * until `minSeconds` have passed. A batch is long enough (about 5 ms) for
 * the clock's resolution not to matter; the median keeps a stray
 * descheduling out of the figure. */
struct Timing {
  double medianUs = 0;
  long calls = 0;
};

Timing
measure (const std::function<void ()> &fn, double minSeconds)
{
  fn ();  /* warm the caches and the allocator */

  /* Grow the batch until it takes about 5 ms. */
  long batch = 1;
  for (;;) {
    auto start = Clock::now ();
    for (long i = 0; i < batch; i++)
      fn ();
    std::chrono::duration<double> took = Clock::now () - start;
    if (took.count () >= 0.005 || batch >= (1L << 24))
      break;
    batch *= 2;
  }

  std::vector<double> perCallUs;
  long calls = 0;
  auto begin = Clock::now ();
  do {
    auto start = Clock::now ();
    for (long i = 0; i < batch; i++)
      fn ();
    std::chrono::duration<double, std::micro> took = Clock::now () - start;
    perCallUs.push_back (took.count () / batch);
    calls += batch;
  } while (std::chrono::duration<double> (Clock::now () - begin).count () < minSeconds
      || perCallUs.size () < 5);

  std::sort (perCallUs.begin (), perCallUs.end ());
  const std::size_t n = perCallUs.size ();
  double median = n % 2 ? perCallUs[n / 2]
      : (perCallUs[n / 2 - 1] + perCallUs[n / 2]) / 2;
  return { median, calls };
}

/* A camera with `count` native modes, spread the way real devices and
 * capture cards spread them: widths 96..4096 in several aspect ratios,
 * frame rates 5..60, raw and MJPEG. The common sizes come first, so even the
 * 10-mode camera has 640x480 and 1280x720; the rest is drawn from a fixed
 * seed, so every run measures the same camera. */
DeviceDescription
syntheticCamera (std::size_t count)
{
  struct Ratio { int w, h; };
  static const Ratio ratios[] = { {4, 3}, {16, 9}, {16, 10}, {5, 4}, {3, 2},
    {1, 1}, {21, 9} };
  static const Fraction rates[] = { {5, 1}, {15, 2}, {10, 1}, {15, 1},
    {20, 1}, {24, 1}, {25, 1}, {30000, 1001}, {30, 1}, {50, 1}, {60, 1} };
  static const int ladder[][2] = { {640, 480}, {1280, 720}, {320, 240},
    {1920, 1080}, {160, 120}, {800, 600}, {3840, 2160}, {96, 96},
    {1024, 768}, {2560, 1440} };

  DeviceDescription camera;
  camera.kind = Kind::Video;
  camera.deviceId = "bench-camera-" + std::to_string (count);
  camera.groupId = "bench-group";
  camera.label = "Benchmark camera (" + std::to_string (count) + " modes)";
  camera.facingMode = "user";

  std::set<std::tuple<int, int, int, int, bool>> seen;
  auto add = [&] (int width, int height, Fraction rate, bool jpeg) {
    if (!seen.insert ({ width, height, rate.num, rate.den, jpeg }).second)
      return;
    VideoMode mode;
    mode.mediaType = jpeg ? "image/jpeg" : "video/x-raw";
    if (!jpeg)
      mode.formats = { "YUY2", "NV12" };
    mode.width = { width, width, 1 };
    mode.height = { height, height, 1 };
    mode.frameRate = { rate, rate };
    camera.videoModes.push_back (mode);
  };

  /* The ladder: raw at 30 fps up to 720p, MJPEG above (as USB 2 cameras). */
  for (const auto &size : ladder) {
    if (camera.videoModes.size () >= count)
      break;
    add (size[0], size[1], { 30, 1 }, size[0] * size[1] > 1280 * 720);
  }

  std::mt19937 random (20261125);
  std::uniform_int_distribution<int> widthSteps (0, (4096 - 96) / 8);
  std::uniform_int_distribution<std::size_t> pickRatio (0, std::size (ratios) - 1);
  std::uniform_int_distribution<std::size_t> pickRate (0, std::size (rates) - 1);
  std::bernoulli_distribution jpeg (0.4);
  while (camera.videoModes.size () < count) {
    const Ratio r = ratios[pickRatio (random)];
    const int width = 96 + 8 * widthSteps (random);
    const int height = std::max (72, (width * r.h / r.w) & ~1);
    add (width, height, rates[pickRate (random)], jpeg (random));
  }
  return camera;
}

struct Case {
  const char *name;
  const char *json;
  bool expectError;  /* OverconstrainedError expected */
};

const Case kCases[] = {
  { "unconstrained", "{}", false },
  { "ideal 1280x720@30",
    R"({"width": {"ideal": 1280}, "height": {"ideal": 720}, "frameRate": {"ideal": 30}})",
    false },
  { "exact width, resizeMode none",
    R"({"width": {"exact": 640}, "resizeMode": "none"})", false },
  { "exact 1000x600, crop-and-scale",
    R"({"width": {"exact": 1000}, "height": {"exact": 600}, "resizeMode": "crop-and-scale"})",
    false },
  { "advanced list",
    R"({"width": {"min": 320}, "advanced": [{"width": 4096, "height": 2160},
        {"aspectRatio": 1.7777777778}, {"frameRate": {"min": 50}}, {"width": 1920}]})",
    false },
  { "impossible (OverconstrainedError)",
    R"({"width": {"min": 8192}})", true },
};

/* A document of the size and shape a web page sends. */
const char *kTypicalDocument = R"({
  "deviceId": {"exact": "bench-camera-1000"},
  "width": {"min": 640, "ideal": 1280, "max": 1920},
  "height": {"min": 480, "ideal": 720},
  "aspectRatio": {"ideal": 1.7777777778},
  "frameRate": {"ideal": 30, "max": 60},
  "facingMode": "user",
  "resizeMode": "crop-and-scale",
  "advanced": [{"width": 1920, "height": 1080}, {"frameRate": {"min": 30}}]
})";

/* Cloned tracks of one camera: each case lists the tracks' documents. */
struct SharedCase {
  const char *name;
  std::vector<const char *> tracks;
  bool expectError;
};

const SharedCase kSharedCases[] = {
  { "1 track, ideal 1280x720@30",
    { R"({"width": 1280, "height": 720, "frameRate": 30})" }, false },
  { "3 tracks, 720p + VGA + QVGA@15",
    { R"({"width": 1280, "height": 720, "frameRate": 30})",
      R"({"width": 640, "height": 480})",
      R"({"width": 320, "height": 240, "frameRate": 15})" }, false },
  { "3 tracks, exact sizes, advanced",
    { R"({"width": {"exact": 1920}, "height": {"exact": 1080}})",
      R"({"aspectRatio": {"exact": 1.3333333333}, "advanced": [{"width": 800}]})",
      R"({"resizeMode": "crop-and-scale", "frameRate": {"max": 15}, "advanced": [{"height": 360}]})" },
    false },
  { "4 tracks, 1080p/720p/VGA/QVGA",
    { R"({"width": 1920, "height": 1080})", R"({"width": 1280, "height": 720})",
      R"({"width": 640, "height": 480})", R"({"width": 320, "height": 240})" },
    false },
  { "3 tracks, conflict (OverconstrainedError)",
    { R"({"width": {"exact": 1920}})", R"({})",
      R"({"resizeMode": {"exact": "none"}, "width": {"exact": 640}})" }, true },
};

std::string
describeShared (const DeviceDescription &camera,
    const Result<SharedCapture> &result)
{
  if (!result.ok ()) {
    const Error &e = result.error ();
    return std::string (errorNameString (e.name)) + "(" + e.constraint + ")";
  }
  const SharedCapture &c = result.value ();
  char buf[160];
  std::snprintf (buf, sizeof buf, "%dx%d@%.4g (%s), %zu tracks",
      c.nativeWidth, c.nativeHeight, c.nativeFrameRate.asDouble (),
      camera.videoModes[c.modeIndex].mediaType.c_str (), c.tracks.size ());
  return buf;
}

std::string
describe (const DeviceDescription &camera, const Result<Selection> &result)
{
  if (!result.ok ()) {
    const Error &e = result.error ();
    std::string s (errorNameString (e.name));
    if (!e.constraint.empty ())
      s += "(" + e.constraint + ")";
    return s;
  }
  const Selection &sel = result.value ();
  auto number = [&] (Property p) {
    std::optional<double> v = sel.settings.number (p);
    return v ? *v : 0.0;
  };
  char buf[160];
  std::snprintf (buf, sizeof buf, "%gx%g@%.4g%s (%s)",
      number (Property::Width), number (Property::Height),
      number (Property::FrameRate), sel.rescaled ? " scaled" : "",
      sel.modeIndex < camera.videoModes.size ()
      ? camera.videoModes[sel.modeIndex].mediaType.c_str () : "?");
  return buf;
}

int
usage (const char *argv0)
{
  std::fprintf (stderr, "usage: %s [--json] [--min-time SECONDS]\n", argv0);
  return 2;
}

}  // namespace

int
main (int argc, char **argv)
{
  bool json = false;
  double minSeconds = 0.2;
  for (int i = 1; i < argc; i++) {
    if (std::strcmp (argv[i], "--json") == 0) {
      json = true;
    } else if (std::strcmp (argv[i], "--min-time") == 0 && i + 1 < argc) {
      minSeconds = std::atof (argv[++i]);
      if (!(minSeconds > 0))
        return usage (argv[0]);
    } else {
      return usage (argv[0]);
    }
  }

  nlohmann::ordered_json report;
  report["minTimeSeconds"] = minSeconds;
  bool allAsExpected = true;

  /* Parsing first: it is independent of the devices. */
  {
    volatile bool sink = false;
    Timing t = measure ([&] {
      sink = parseTrackConstraints (kTypicalDocument).ok ();
    }, minSeconds);
    if (!parseTrackConstraints (kTypicalDocument).ok ()) {
      std::fprintf (stderr, "the typical document does not parse: %s\n",
          parseTrackConstraints (kTypicalDocument).error ().message.c_str ());
      return 1;
    }
    report["parseTrackConstraints"] = {
      { "bytes", std::strlen (kTypicalDocument) },
      { "medianMicroseconds", t.medianUs },
      { "calls", t.calls },
    };
    if (!json)
      std::printf ("parseTrackConstraints, typical document (%zu bytes): %.2f µs per call\n\n",
          std::strlen (kTypicalDocument), t.medianUs);
  }

  /* Each document parsed once, restricted to video as getUserMedia does. */
  std::vector<TrackConstraints> constraints;
  for (const Case &c : kCases) {
    Result<TrackConstraints> parsed = parseTrackConstraints (c.json);
    if (!parsed.ok ()) {
      std::fprintf (stderr, "case \"%s\" does not parse: %s\n", c.name,
          parsed.error ().message.c_str ());
      return 1;
    }
    constraints.push_back (parsed.value ().forKind (Kind::Video));
  }

  if (!json) {
    std::printf ("selectSettings, one camera, median of batches over >= %.2g s per row\n",
        minSeconds);
    std::printf ("%6s  %-34s %12s %12s  %s\n", "modes", "constraints",
        "µs/call", "ns/mode", "selected");
  }
  nlohmann::ordered_json rows = nlohmann::ordered_json::array ();
  for (std::size_t count : { 10, 100, 1000, 10000 }) {
    const std::vector<DeviceDescription> devices = { syntheticCamera (count) };
    for (std::size_t i = 0; i < std::size (kCases); i++) {
      const Case &c = kCases[i];
      Result<Selection> result = selectSettings (devices, Kind::Video, constraints[i]);
      const bool asExpected = result.ok () != c.expectError;
      allAsExpected = allAsExpected && asExpected;

      volatile double sink = 0;
      Timing t = measure ([&] {
        Result<Selection> r = selectSettings (devices, Kind::Video, constraints[i]);
        sink = r.ok () ? r.value ().fitness : -1;
      }, minSeconds);

      const double nsPerMode = t.medianUs * 1000.0 / count;
      const std::string selected = describe (devices[0], result);
      rows.push_back ({
        { "modes", count },
        { "constraints", c.name },
        { "medianMicroseconds", t.medianUs },
        { "nanosecondsPerMode", nsPerMode },
        { "calls", t.calls },
        { "selected", selected },
        { "asExpected", asExpected },
      });
      if (!json) {
        std::printf ("%6zu  %-34s %12.2f %12.1f  %s%s\n", count, c.name,
            t.medianUs, nsPerMode, selected.c_str (),
            asExpected ? "" : "  <- unexpected");
        std::fflush (stdout);
      }
    }
  }
  report["selectSettings"] = rows;

  /* Cloned tracks sharing one capture of a real camera's size. */
  constexpr std::size_t kSharedModes = 300;
  const DeviceDescription sharedCamera = syntheticCamera (kSharedModes);
  if (!json) {
    std::printf ("\nselectSharedCapture, one camera with %zu modes\n",
        kSharedModes);
    std::printf ("%-42s %12s  %s\n", "tracks", "µs/call", "capture");
  }
  nlohmann::ordered_json sharedRows = nlohmann::ordered_json::array ();
  for (const SharedCase &c : kSharedCases) {
    std::vector<TrackConstraints> tracks;
    for (const char *document : c.tracks) {
      Result<TrackConstraints> parsed = parseTrackConstraints (document);
      if (!parsed.ok ()) {
        std::fprintf (stderr, "case \"%s\" does not parse: %s\n", c.name,
            parsed.error ().message.c_str ());
        return 1;
      }
      tracks.push_back (parsed.value ().forKind (Kind::Video));
    }
    Result<SharedCapture> result = selectSharedCapture (sharedCamera,
        Kind::Video, tracks);
    const bool asExpected = result.ok () != c.expectError;
    allAsExpected = allAsExpected && asExpected;

    volatile std::size_t sink = 0;
    Timing t = measure ([&] {
      Result<SharedCapture> r = selectSharedCapture (sharedCamera,
          Kind::Video, tracks);
      sink = r.ok () ? r.value ().modeIndex : 0;
    }, minSeconds);

    const std::string capture = describeShared (sharedCamera, result);
    sharedRows.push_back ({
      { "modes", kSharedModes },
      { "tracks", c.tracks.size () },
      { "constraints", c.name },
      { "medianMicroseconds", t.medianUs },
      { "calls", t.calls },
      { "capture", capture },
      { "asExpected", asExpected },
    });
    if (!json) {
      std::printf ("%-42s %12.2f  %s%s\n", c.name, t.medianUs,
          capture.c_str (), asExpected ? "" : "  <- unexpected");
      std::fflush (stdout);
    }
  }
  report["selectSharedCapture"] = sharedRows;

  if (json)
    std::printf ("%s\n", report.dump (2).c_str ());
  if (!allAsExpected) {
    std::fprintf (stderr, "some constraint sets did not give the expected "
        "result (see \"selected\"): the figures measure the wrong path\n");
    return 1;
  }
  return 0;
}
