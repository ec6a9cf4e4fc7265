/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Cloned tracks sharing one capture: one track alone gets exactly what
 * SelectSettings gives it, several get the capture that serves them all
 * best, each converted from it, and a clone that cannot join the others is
 * refused with its own constraint named. */

/* nlohmann/json.hpp must come before check.h, whose fail() macro it trips */
#include "engine-fixtures.h"
#include "fake-devices.h"
#include "conversion-plan.h"
#include "gst-caps.h"
#include "gst-ptr.h"
#include "shared-capture.h"

#include <nlohmann/json.hpp>

#include "check-main.h"

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace mediastream;
using namespace fixtures;

static DeviceDescription
profileDevice (const char *profile, const char *label)
{
  auto devices = loadFakeDevices (profile);
  fail_unless (devices.ok ());
  for (const DeviceDescription & d : devices.value ()) {
    if (d.label == label)
      return d;
  }
  fail ("profile %s has no device %s", profile, label);
  return {};
}

static Result<SharedCapture>
share (const DeviceDescription &device, std::vector<const char *> documents)
{
  std::vector<TrackConstraints> tracks;
  for (const char *json : documents)
    tracks.push_back (track (json).forKind (device.kind));
  return selectSharedCapture (device, device.kind, tracks);
}

static SharedCapture
shareOk (const DeviceDescription &device, std::vector<const char *> documents)
{
  auto r = share (device, documents);
  fail_unless (r.ok (), "%s", r.ok () ? "" : r.error ().message.c_str ());
  fail_unless_equals_int (r->tracks.size (), documents.size ());
  return r.value ();
}

/* Every track carries the capture's mode and native values. */
static void
assertServedFromCapture (const SharedCapture &capture)
{
  for (const Selection & s : capture.tracks) {
    fail_unless_equals_int (s.deviceIndex, 0);
    fail_unless_equals_int (s.modeIndex, capture.modeIndex);
    fail_unless_equals_int (s.nativeWidth, capture.nativeWidth);
    fail_unless_equals_int (s.nativeHeight, capture.nativeHeight);
    fail_unless (s.nativeFrameRate == capture.nativeFrameRate);
    fail_unless_equals_int (s.nativeSampleRate, capture.nativeSampleRate);
    fail_unless_equals_int (s.nativeChannels, capture.nativeChannels);
  }
}

static void
assertCapsString (GstCaps * caps, const char *expected)
{
  CapsPtr owned (caps);
  CapsPtr want (gst_caps_from_string (expected));
  GCharPtr text (gst_caps_to_string (caps));
  fail_unless (gst_caps_is_strictly_equal (caps, want.get ()),
      "got %s, expected %s", text.get (), expected);
}

static const VideoMode &
captureMode (const DeviceDescription &device, const SharedCapture &capture)
{
  return device.videoModes[capture.modeIndex];
}

/* --- one track is SelectSettings --- */

static const char *const kVideoDocuments[] = {
  "{}",
  "{\"width\":1280,\"height\":720}",
  "{\"width\":{\"exact\":640}}",
  "{\"width\":{\"exact\":2000}}",
  "{\"width\":{\"min\":640}}",
  "{\"width\":{\"max\":30}}",
  "{\"width\":{\"max\":320}}",
  "{\"width\":{\"min\":750,\"max\":850}}",
  "{\"width\":320}",
  "{\"width\":{\"ideal\":321}}",
  "{\"height\":{\"ideal\":1079}}",
  "{\"height\":{\"exact\":1080}}",
  "{\"width\":{\"exact\":1000},\"height\":{\"exact\":600},"
      "\"resizeMode\":\"crop-and-scale\"}",
  "{\"width\":{\"exact\":640},\"resizeMode\":\"none\"}",
  "{\"width\":{\"exact\":320},\"resizeMode\":{\"exact\":\"none\"}}",
  "{\"resizeMode\":{\"exact\":\"crop-and-scale\"}}",
  "{\"resizeMode\":{\"exact\":\"crop-and-scale\"},\"width\":{\"max\":160}}",
  "{\"aspectRatio\":{\"exact\":1.3333333333}}",
  "{\"aspectRatio\":1.7777777778}",
  "{\"aspectRatio\":{\"min\":2}}",
  "{\"width\":640,\"aspectRatio\":1}",
  "{\"frameRate\":{\"exact\":30}}",
  "{\"frameRate\":{\"exact\":50}}",
  "{\"frameRate\":60}",
  "{\"frameRate\":{\"max\":10}}",
  "{\"frameRate\":{\"min\":20,\"max\":24}}",
  "{\"frameRate\":5,\"width\":1920}",
  "{\"frameRate\":29.97,\"width\":1280,\"height\":720}",
  "{\"width\":{\"exact\":1920},\"frameRate\":24}",
  "{\"facingMode\":{\"exact\":\"user\"}}",
  "{\"facingMode\":\"environment\"}",
  "{\"deviceId\":{\"exact\":\"nope\"}}",
  "{\"groupId\":\"nope\"}",
  "{\"zoom\":true}",
  "{\"zoom\":false}",
  "{\"zoom\":250}",
  "{\"zoom\":{\"exact\":300}}",
  "{\"brightness\":{\"min\":200}}",
  "{\"focusMode\":\"manual\",\"torch\":true}",
  "{\"whiteBalanceMode\":{\"exact\":\"manual\"},\"colorTemperature\":5000}",
  "{\"width\":{\"min\":1280},\"advanced\":[{\"width\":4096,\"height\":2160},"
      "{\"aspectRatio\":1.7777777778},{\"frameRate\":{\"min\":50}},"
      "{\"width\":1920}]}",
  "{\"resizeMode\":\"none\",\"advanced\":[{\"width\":1920,\"height\":1080},"
      "{\"aspectRatio\":1.3333333333}]}",
  "{\"advanced\":[{\"width\":{\"min\":1024,\"max\":800}},{\"width\":640}]}",
  "{\"advanced\":[{\"width\":1000}]}",
  "{\"frameRate\":{\"min\":30},\"advanced\":[{\"frameRate\":{\"min\":50}},"
      "{\"frameRate\":{\"min\":40}}]}",
  "{\"advanced\":[{\"zoom\":400,\"brightness\":10},{\"focusMode\":\"manual\"}]}",
  "{\"width\":{\"min\":8192}}",
  "{\"height\":{\"min\":100,\"max\":10}}",
  "{\"resizeMode\":{\"exact\":\"none\"},\"width\":{\"exact\":320},"
      "\"frameRate\":{\"exact\":60}}",
};

static const char *const kAudioDocuments[] = {
  "{}",
  "{\"echoCancellation\":false}",
  "{\"echoCancellation\":{\"exact\":true}}",
  "{\"echoCancellation\":\"all\"}",
  "{\"echoCancellation\":false,\"autoGainControl\":true}",
  "{\"sampleRate\":16000}",
  "{\"sampleRate\":44100}",
  "{\"sampleRate\":{\"exact\":22050},\"channelCount\":{\"exact\":1}}",
  "{\"echoCancellation\":false,\"sampleRate\":{\"exact\":22050}}",
  "{\"echoCancellation\":{\"exact\":true},\"sampleRate\":{\"exact\":44100}}",
  "{\"channelCount\":2}",
  "{\"channelCount\":{\"exact\":6}}",
  "{\"sampleSize\":{\"exact\":24}}",
  "{\"sampleSize\":32}",
  "{\"sampleSize\":20}",
  "{\"latency\":{\"max\":0.001}}",
  "{\"latency\":0.05}",
  "{\"deviceId\":{\"exact\":\"nope\"}}",
  "{\"groupId\":\"usb-webcam\"}",
  "{\"advanced\":[{\"sampleRate\":32000},{\"channelCount\":1}]}",
  "{\"advanced\":[{\"echoCancellation\":false,\"sampleRate\":44100}]}",
};

static std::vector<DeviceDescription>
equivalenceDevices ()
{
  std::vector<DeviceDescription> devices = chromiumFixture ();
  for (const char *profile : { "chromium", "laptop", "phone", "usb-webcam" }) {
    auto loaded = loadFakeDevices (profile);
    fail_unless (loaded.ok ());
    devices.insert (devices.end (), loaded->begin (), loaded->end ());
  }
  devices.push_back (camera ("any-size", { rangedMode (IntRange { 1,
                  2147483647, 1 }, IntRange { 1, 2147483647, 1 },
              FractionRange { Fraction { 0, 1 }, Fraction { 2147483647, 1 } })
        }));
  devices.push_back (camera ("capture-card", {
            rangedMode (IntRange { 320, 1920, 8 }, IntRange { 180, 1080, 2 },
                FractionRange { Fraction { 15, 1 }, Fraction { 60, 1 } }),
            rangedMode (IntRange { 160, 640, 1 }, IntRange { 120, 480, 1 },
                FractionRange { Fraction { 60, 1 }, Fraction { 120, 1 } }),
            videoMode (1280, 720, 30, "MJPG") }));
  DeviceDescription wide = microphone ("wide-mic", 48000, 2, false,
      "S16LE");
  wide.audioModes[0].sampleRate = IntRange { 8000, 96000, 1 };
  wide.audioModes[0].channels = IntRange { 1, 8, 1 };
  wide.audioModes[0].formats = { "S16LE", "S32LE" };
  devices.push_back (wide);
  return devices;
}

static void
assertSameAsSelectSettings (const DeviceDescription &device,
    const char *json)
{
  const TrackConstraints constraints = track (json).forKind (device.kind);
  auto alone = selectSettings ({ device }, device.kind, constraints);
  auto shared = selectSharedCapture (device, device.kind, { constraints });
  const char *id = device.deviceId.c_str ();
  fail_unless_equals_int (shared.ok (), alone.ok ());
  if (!alone.ok ()) {
    fail_unless_equals_int ((int) shared.error ().name,
        (int) alone.error ().name);
    fail_unless (shared.error ().constraint == alone.error ().constraint,
        "%s %s: error names %s, selectSettings %s", id, json,
        shared.error ().constraint.c_str (),
        alone.error ().constraint.c_str ());
    return;
  }

  fail_unless_equals_int (shared->tracks.size (), 1);
  const Selection &a = alone.value ();
  const Selection &s = shared->tracks[0];
  fail_unless (s.settings == a.settings, "%s %s: other settings", id, json);
  fail_unless (s.modeIndex == a.modeIndex, "%s %s: mode %d, not %d", id, json,
      (int) s.modeIndex, (int) a.modeIndex);
  fail_unless (s.nativeWidth == a.nativeWidth
      && s.nativeHeight == a.nativeHeight
      && s.nativeFrameRate == a.nativeFrameRate
      && s.frameRate == a.frameRate
      && s.nativeSampleRate == a.nativeSampleRate
      && s.nativeChannels == a.nativeChannels, "%s %s: other native values",
      id, json);
  fail_unless (s.rescaled == a.rescaled && s.processed == a.processed
      && s.deviceIndex == a.deviceIndex, "%s %s: other conversion", id, json);
  fail_unless (std::fabs (s.fitness - a.fitness) < 1e-12,
      "%s %s: fitness %g, not %g", id, json, s.fitness, a.fitness);
  assertServedFromCapture (shared.value ());
}

/* Constraint documents drawn from a fixed seed: every form of a numeric
 * constraint on the properties that steer the choice of a mode, with
 * advanced sets, so the equivalence is checked beyond the cases written by
 * hand. */
class DocumentGenerator {
public:
  explicit DocumentGenerator (Kind kind) : kind_ (kind) {}

  std::string next () {
    nlohmann::json doc = members (false);
    const int advanced = pick (0, 2);
    for (int i = 0; i < advanced; i++)
      doc["advanced"].push_back (members (true));
    return doc.dump ();
  }

private:
  int pick (int lo, int hi) {
    return std::uniform_int_distribution<int> (lo, hi) (random_);
  }
  template <typename T> T one (const std::vector<T> &values) {
    return values[pick (0, static_cast<int> (values.size ()) - 1)];
  }

  nlohmann::json numeric (const std::vector<double> &values, bool advanced) {
    const double a = one (values);
    const double b = one (values);
    switch (pick (0, advanced ? 1 : 5)) {
      case 0: return a;
      case 1: return { { "min", std::min (a, b) }, { "max", std::max (a, b) } };
      case 2: return { { "ideal", a } };
      case 3: return { { "exact", a } };
      case 4: return { { "min", a } };
      default: return { { "max", a } };
    }
  }

  nlohmann::json choice (const std::vector<nlohmann::json> &values,
      bool advanced) {
    const nlohmann::json v = one (values);
    if (advanced || pick (0, 1) == 0)
      return v;
    return { { pick (0, 1) ? "exact" : "ideal", v } };
  }

  nlohmann::json members (bool advanced) {
    nlohmann::json set = nlohmann::json::object ();
    const int count = pick (advanced ? 1 : 0, advanced ? 2 : 3);
    for (int i = 0; i < count; i++) {
      if (kind_ == Kind::Video) {
        switch (pick (0, 5)) {
          case 0: set["width"] = numeric ({ 96, 160, 320, 321, 480, 640, 800,
                      1000, 1280, 1920, 2000, 3840 }, advanced); break;
          case 1: set["height"] = numeric ({ 90, 120, 240, 360, 480, 600,
                      720, 1079, 1080, 2160 }, advanced); break;
          case 2: set["aspectRatio"] = numeric ({ 1, 1.3333333333,
                      1.7777777778, 2.4 }, advanced); break;
          case 3: set["frameRate"] = numeric ({ 1, 5, 10, 15, 20, 24, 29.97,
                      30, 50, 60, 120 }, advanced); break;
          case 4: set["resizeMode"] = choice ({ "none", "crop-and-scale" },
                advanced); break;
          default: set["zoom"] = numeric ({ 1, 2, 100, 250, 500 }, advanced);
        }
      } else {
        switch (pick (0, 5)) {
          case 0: set["sampleRate"] = numeric ({ 8000, 16000, 22050, 44100,
                      48000, 96000 }, advanced); break;
          case 1: set["channelCount"] = numeric ({ 1, 2, 6 }, advanced);
            break;
          case 2: set["sampleSize"] = numeric ({ 16, 24, 32 }, advanced);
            break;
          case 3: set["latency"] = numeric ({ 0.005, 0.01, 0.05 }, advanced);
            break;
          case 4: set["echoCancellation"] = choice ({ true, false, "all" },
                advanced); break;
          default: set["autoGainControl"] = choice ({ true, false },
                advanced);
        }
      }
    }
    return set;
  }

  Kind kind_;
  std::mt19937 random_ { 20260517 };
};

GST_START_TEST (test_one_track_is_select_settings)
{
  int compared = 0;
  for (const DeviceDescription & device : equivalenceDevices ()) {
    if (device.kind == Kind::Video) {
      for (const char *json : kVideoDocuments)
        assertSameAsSelectSettings (device, json);
      compared += std::size (kVideoDocuments);
    } else {
      for (const char *json : kAudioDocuments)
        assertSameAsSelectSettings (device, json);
      compared += std::size (kAudioDocuments);
    }
    DocumentGenerator generator (device.kind);
    for (int i = 0; i < 150; i++, compared++)
      assertSameAsSelectSettings (device, generator.next ().c_str ());
  }
  fail_unless (compared > 2500);
}
GST_END_TEST;

/* What every answer for clones must hold, whatever the constraints: each
 * track served from the capture (never more than it, exactly it when
 * "none"), its required numeric constraints met, device-wide settings equal
 * across tracks. */
static void
assertConsistent (const DeviceDescription &device,
    const std::vector<TrackConstraints> &tracks, const SharedCapture &c,
    const std::string &what)
{
  assertServedFromCapture (c);
  const char *w = what.c_str ();
  for (std::size_t t = 0; t < tracks.size (); t++) {
    const Selection &s = c.tracks[t];
    if (device.kind == Kind::Video) {
      fail_unless (setting (s, Property::Width) <= c.nativeWidth
          && setting (s, Property::Height) <= c.nativeHeight
          && setting (s, Property::FrameRate) <=
          c.nativeFrameRate.asDouble () + 1e-6, "%s: track %d above capture",
          w, (int) t);
      if (stringSetting (s, Property::ResizeMode) == "none")
        fail_if (s.rescaled, "%s: track %d converted as none", w, (int) t);
    }
    for (const PropertyInfo & info : allProperties ()) {
      const auto & constraint = tracks[t].basic.get (info.id);
      const auto *n = constraint ? std::get_if<NumericConstraint>
          (&*constraint) : nullptr;
      const auto v = s.settings.number (info.id);
      if (!n || !v || info.id == Property::AspectRatio)
        continue;
      const double slack = 1e-5 * std::max (1.0, std::fabs (*v));
      fail_if ((n->min && *v < *n->min - slack) || (n->max && *v > *n->max +
              slack) || (n->exact && std::fabs (*v - *n->exact) > slack),
          "%s: track %d %s=%g breaks its constraint", w, (int) t,
          std::string (info.name).c_str (), *v);
    }
  }
  for (const PropertyInfo & info : allProperties ()) {
    for (const Selection & s : c.tracks) {
      const Property p = info.id;
      const bool perTrack = p == Property::Width || p == Property::Height
          || p == Property::AspectRatio || p == Property::FrameRate
          || p == Property::ResizeMode || p == Property::SampleRate
          || p == Property::ChannelCount || p == Property::EchoCancellation
          || p == Property::AutoGainControl
          || p == Property::NoiseSuppression;
      fail_unless (perTrack || s.settings.get (p) ==
          c.tracks[0].settings.get (p), "%s: %s differs between tracks", w,
          std::string (info.name).c_str ());
    }
  }
}

GST_START_TEST (test_random_clones_are_consistent)
{
  int served = 0;
  for (const DeviceDescription & device : equivalenceDevices ()) {
    DocumentGenerator generator (device.kind);
    for (int i = 0; i < 40; i++) {
      const std::string a = generator.next ();
      const std::string b = generator.next ();
      const TrackConstraints ta = track (a.c_str ()).forKind (device.kind);
      const TrackConstraints tb = track (b.c_str ()).forKind (device.kind);
      const std::string what = device.label + " " + a + " + " + b;

      /* identical clones get what one alone gets */
      auto alone = selectSettings ({ device }, device.kind, ta);
      auto twins = selectSharedCapture (device, device.kind, { ta, ta });
      fail_unless_equals_int (twins.ok (), alone.ok ());
      if (alone.ok ()) {
        for (const Selection & s : twins->tracks) {
          fail_unless (s.settings == alone->settings, "%s twins differ",
              a.c_str ());
          fail_unless_equals_int (s.modeIndex, alone->modeIndex);
        }
      }

      auto ab = selectSharedCapture (device, device.kind, { ta, tb });
      auto ba = selectSharedCapture (device, device.kind, { tb, ta });
      fail_unless_equals_int (ab.ok (), ba.ok ());
      if (!ab.ok ()) {
        fail_unless_equals_int ((int) ab.error ().name,
            (int) ErrorName::OverconstrainedError);
        continue;
      }
      served++;
      assertConsistent (device, { ta, tb }, ab.value (), what);
      if (!ta.advanced.empty () || !tb.advanced.empty ())
        continue;
      /* without advanced sets the order of the tracks does not matter */
      fail_unless (ab->modeIndex == ba->modeIndex
          && ab->nativeWidth == ba->nativeWidth
          && ab->nativeHeight == ba->nativeHeight
          && ab->nativeFrameRate == ba->nativeFrameRate
          && ab->nativeSampleRate == ba->nativeSampleRate
          && ab->nativeChannels == ba->nativeChannels, "%s: order matters",
          what.c_str ());
      fail_unless (ab->tracks[0].settings == ba->tracks[1].settings
          && ab->tracks[1].settings == ba->tracks[0].settings,
          "%s: order changes the settings", what.c_str ());
    }
  }
  fail_unless (served > 200);
}
GST_END_TEST;

/* --- video clones --- */

GST_START_TEST (test_large_and_small_clones)
{
  const DeviceDescription cam = profileDevice ("chromium", "Fake Camera");
  SharedCapture c = shareOk (cam, { "{\"width\":1280,\"height\":720}",
        "{\"width\":320,\"height\":240}" });
  assertServedFromCapture (c);
  fail_unless_equals_int (c.nativeWidth, 1280);
  fail_unless_equals_int (c.nativeHeight, 720);
  fail_unless_equals_int (c.nativeFrameRate.num, 30);
  fail_unless_equals_int (c.nativeFrameRate.den, 1);
  assert_size (c.tracks[0], 1280, 720);
  fail_if (c.tracks[0].rescaled);
  fail_unless_equals_string (stringSetting (c.tracks[0],
          Property::ResizeMode).c_str (), "none");
  assert_size (c.tracks[1], 320, 240);
  fail_unless (c.tracks[1].rescaled);
  fail_unless_equals_string (stringSetting (c.tracks[1],
          Property::ResizeMode).c_str (), "crop-and-scale");
  fail_unless_equals_float (c.tracks[0].fitness + c.tracks[1].fitness, 0);

  /* The first clone passes through, the second is cropped to 4:3 and
   * scaled down. */
  assertCapsString (sourceCapsForCapture (cam, c),
      "video/x-raw, format=I420, width=1280, height=720, framerate=30/1");
  ConversionPlan first = planConversion (cam, c.tracks[0], false);
  fail_unless (first.passthrough ());
  ConversionPlan second = planConversion (cam, c.tracks[1], false);
  fail_unless (second.crop.has_value ());
  fail_unless_equals_int (second.crop->left + second.crop->right, 320);
  fail_unless (second.scale);
  fail_if (second.decimate);
}
GST_END_TEST;

GST_START_TEST (test_wide_and_square_clones)
{
  const DeviceDescription cam = profileDevice ("chromium", "Fake Camera");
  SharedCapture c = shareOk (cam, {
        "{\"aspectRatio\":{\"exact\":1.7777777778},\"width\":1280}",
        "{\"aspectRatio\":{\"exact\":1.3333333333},\"height\":480}" });
  fail_unless_equals_int (c.nativeWidth, 1280);
  fail_unless_equals_int (c.nativeHeight, 720);
  assert_size (c.tracks[0], 1280, 720);
  assert_size (c.tracks[1], 640, 480);
  fail_unless_equals_float (setting (c.tracks[1], Property::AspectRatio),
      1.3333333333);
  ConversionPlan second = planConversion (cam, c.tracks[1], false);
  fail_unless (second.crop.has_value ());
  fail_unless (second.crop.value () == (CropRect { 160, 160, 0, 0 }));
}
GST_END_TEST;

GST_START_TEST (test_frame_rates_decimate_from_the_fastest)
{
  const DeviceDescription cam = profileDevice ("chromium", "Fake Camera");
  SharedCapture c = shareOk (cam, { "{\"frameRate\":30}",
        "{\"frameRate\":{\"exact\":15}}" });
  fail_unless_equals_int (c.nativeFrameRate.num / c.nativeFrameRate.den, 30);
  assert_size (c.tracks[0], 640, 480);
  assert_size (c.tracks[1], 640, 480);
  fail_if (c.tracks[0].rescaled);
  fail_unless_equals_float (setting (c.tracks[1], Property::FrameRate), 15);
  fail_unless_equals_int (c.tracks[1].frameRate.num, 15);
  fail_unless_equals_int (c.tracks[1].frameRate.den, 1);
  fail_unless (c.tracks[1].rescaled);
  fail_unless (planConversion (cam, c.tracks[1], false).decimate);

  /* A webcam with 15 and 30 fps modes still opens 30 for both. */
  const DeviceDescription webcam = profileDevice ("usb-webcam",
      "USB HD Webcam");
  c = shareOk (webcam, { "{\"width\":640,\"height\":480,\"frameRate\":30}",
        "{\"width\":640,\"height\":480,\"frameRate\":15}" });
  const VideoMode &mode = captureMode (webcam, c);
  fail_unless_equals_int (mode.width.max, 640);
  fail_unless_equals_int (mode.frameRate.max.num, 30);
  fail_unless (mode.isRaw ());
  fail_unless_equals_float (setting (c.tracks[1], Property::FrameRate), 15);
  fail_unless_equals_float (c.tracks[0].fitness + c.tracks[1].fitness, 0);
}
GST_END_TEST;

GST_START_TEST (test_four_clones_open_the_largest)
{
  const DeviceDescription webcam = profileDevice ("usb-webcam",
      "USB HD Webcam");
  SharedCapture c = shareOk (webcam, {
        "{\"width\":1920,\"height\":1080,\"frameRate\":30}",
        "{\"width\":1280,\"height\":720}", "{\"width\":640,\"height\":480}",
        "{\"width\":320,\"height\":240,\"frameRate\":15}" });
  assertServedFromCapture (c);
  const VideoMode &mode = captureMode (webcam, c);
  fail_unless_equals_string (mode.mediaType.c_str (), "image/jpeg");
  fail_unless_equals_int (c.nativeWidth, 1920);
  fail_unless_equals_int (c.nativeFrameRate.num, 30);
  assert_size (c.tracks[1], 1280, 720);
  assert_size (c.tracks[2], 640, 480);
  assert_size (c.tracks[3], 320, 240);
  for (const Selection & s : c.tracks)
    fail_unless_equals_float (s.fitness, 0);
  fail_unless_equals_float (setting (c.tracks[3], Property::FrameRate), 15);
}
GST_END_TEST;

GST_START_TEST (test_clone_without_constraints_follows_the_capture)
{
  /* Opening a native 320x240 serves the second clone as is and costs the
   * first nothing it asked for: it gets the capture's size. */
  const DeviceDescription cam = profileDevice ("chromium", "Fake Camera");
  SharedCapture c = shareOk (cam, { "{}", "{\"width\":320,\"height\":240}" });
  fail_unless_equals_int (c.nativeWidth, 320);
  assert_size (c.tracks[0], 320, 240);
  fail_if (c.tracks[0].rescaled);
  fail_if (c.tracks[1].rescaled);
}
GST_END_TEST;

/* --- conflicts --- */

GST_START_TEST (test_conflict_names_the_last_track)
{
  const DeviceDescription cam = profileDevice ("chromium", "Fake Camera");
  const char *wide = "{\"width\":{\"exact\":1920}}";
  const char *nativeWidth =
      "{\"resizeMode\":{\"exact\":\"none\"},\"width\":{\"exact\":640}}";
  const char *nativeHeight =
      "{\"resizeMode\":{\"exact\":\"none\"},\"height\":{\"exact\":480}}";
  /* resizeMode alone still joins (1920 opened natively for both); the
   * exact size is what breaks it */
  assert_overconstrained (share (cam, { wide, nativeWidth }), "width");
  assert_overconstrained (share (cam, { wide, nativeHeight }), "height");
  /* the other way round the wide clone is the one refused */
  assert_overconstrained (share (cam, { nativeHeight, wide }), "width");
  /* a track that joins without trouble does not take the blame */
  assert_overconstrained (share (cam, { wide, nativeHeight, "{}" }),
      "height");
  /* one that fails alone is named as selectSettings names it */
  assert_overconstrained (share (cam, { "{}", "{\"width\":{\"min\":8192}}" }),
      "width");
  assert_overconstrained (share (cam, { "{}",
              "{\"frameRate\":{\"exact\":60}}" }), "frameRate");
  /* both served once the second may be scaled */
  SharedCapture c = shareOk (cam, { wide, "{\"width\":{\"exact\":640}}" });
  fail_unless_equals_int (c.nativeWidth, 1920);
  assert_size (c.tracks[1], 640, 360);
}
GST_END_TEST;

GST_START_TEST (test_camera_controls_are_shared)
{
  const DeviceDescription webcam = profileDevice ("usb-webcam",
      "USB HD Webcam");
  /* one camera, one zoom: the clone that does not ask reports it too */
  SharedCapture c = shareOk (webcam, { "{\"zoom\":200}", "{}" });
  fail_unless_equals_float (setting (c.tracks[0], Property::Zoom), 200);
  fail_unless_equals_float (setting (c.tracks[1], Property::Zoom), 200);
  fail_unless_equals_float (c.tracks[1].fitness, 0);
  /* two ideals: the value with the smallest sum of distances */
  c = shareOk (webcam, { "{\"zoom\":200}", "{\"zoom\":400}",
        "{\"zoom\":{\"ideal\":400}}" });
  for (const Selection & s : c.tracks)
    fail_unless_equals_float (setting (s, Property::Zoom), 400);
  fail_unless_equals_float (c.tracks[0].fitness, 0.5);
  c = shareOk (webcam, { "{\"focusMode\":\"manual\"}", "{}" });
  fail_unless_equals_string (stringSetting (c.tracks[1],
          Property::FocusMode).c_str (), "manual");
  /* required values that differ cannot share the camera */
  assert_overconstrained (share (webcam, { "{\"zoom\":{\"exact\":200}}",
              "{\"zoom\":{\"exact\":300}}" }), "zoom");
  /* an advanced set another clone's requirement rules out is skipped */
  c = shareOk (webcam, { "{\"advanced\":[{\"focusMode\":\"manual\"}]}",
        "{\"focusMode\":{\"exact\":\"continuous\"}}" });
  fail_unless_equals_string (stringSetting (c.tracks[0],
          Property::FocusMode).c_str (), "continuous");
  c = shareOk (webcam, { "{\"zoom\":{\"max\":150}}",
        "{\"advanced\":[{\"zoom\":300}],\"zoom\":120}" });
  fail_unless_equals_float (setting (c.tracks[1], Property::Zoom), 120);
}
GST_END_TEST;

GST_START_TEST (test_device_and_group_id_are_per_track)
{
  const DeviceDescription cam = profileDevice ("chromium", "Fake Camera");
  const std::string exactId = "{\"deviceId\":{\"exact\":\"" + cam.deviceId +
      "\"}}";
  SharedCapture c = shareOk (cam, { exactId.c_str (), "{}",
        "{\"groupId\":\"elsewhere\"}" });
  fail_unless_equals_float (c.tracks[0].fitness, 0);
  fail_unless_equals_float (c.tracks[1].fitness, 0);
  fail_unless_equals_float (c.tracks[2].fitness, 1);
  fail_unless_equals_string (stringSetting (c.tracks[2],
          Property::DeviceId).c_str (), cam.deviceId.c_str ());
  assert_overconstrained (share (cam, { "{}",
              "{\"deviceId\":{\"exact\":\"another\"}}" }), "deviceId");
  assert_overconstrained (share (cam, { "{}",
              "{\"groupId\":{\"exact\":\"another\"}}" }), "groupId");
}
GST_END_TEST;

/* --- ranged modes --- */

GST_START_TEST (test_ranged_mode_opens_a_size_covering_both)
{
  const DeviceDescription card = camera ("card", { rangedMode (IntRange { 1,
                  4096, 1 }, IntRange { 1, 2160, 1 }, FractionRange {
                Fraction { 1, 1 }, Fraction { 60, 1 } }) });
  /* 2.4:1 and 5:4: neither's own size serves the other, their cover does */
  SharedCapture c = shareOk (card, {
        "{\"width\":{\"exact\":1920},\"height\":{\"exact\":800}}",
        "{\"width\":{\"exact\":1280},\"height\":{\"exact\":1024}}" });
  fail_unless_equals_int (c.nativeWidth, 1920);
  fail_unless_equals_int (c.nativeHeight, 1024);
  fail_unless_equals_int (c.nativeFrameRate.num, 30);
  assert_size (c.tracks[0], 1920, 800);
  assert_size (c.tracks[1], 1280, 1024);
  fail_unless (c.tracks[0].rescaled && c.tracks[1].rescaled);
  assertCapsString (sourceCapsForCapture (card, c),
      "video/x-raw, format=I420, width=1920, height=1024, framerate=30/1");

  /* the size of one, the rate of the other */
  c = shareOk (card, { "{\"width\":1280,\"height\":720}",
        "{\"width\":640,\"height\":480,\"frameRate\":60}" });
  fail_unless_equals_int (c.nativeWidth, 1280);
  fail_unless_equals_int (c.nativeHeight, 720);
  fail_unless_equals_int (c.nativeFrameRate.num, 60);
  assert_size (c.tracks[0], 1280, 720);
  assert_size (c.tracks[1], 640, 480);
  fail_unless_equals_float (setting (c.tracks[1], Property::FrameRate), 60);
  fail_unless_equals_float (c.tracks[0].fitness + c.tracks[1].fitness, 0);
}
GST_END_TEST;

GST_START_TEST (test_ranged_frame_rate_served_natively_when_it_can)
{
  const DeviceDescription front = profileDevice ("phone", "Front Camera");
  /* 15 fps suits both natively (the first only has a maximum) */
  SharedCapture c = shareOk (front, {
        "{\"frameRate\":{\"max\":20},\"resizeMode\":{\"exact\":\"none\"}}",
        "{\"frameRate\":15}" });
  fail_unless_equals_int (c.nativeFrameRate.num / c.nativeFrameRate.den, 15);
  fail_if (c.tracks[0].rescaled);
  fail_if (c.tracks[1].rescaled);
  /* 30 and an exact 20: 30 opened, 20 decimated */
  c = shareOk (front, { "{\"frameRate\":30}",
        "{\"frameRate\":{\"exact\":20}}" });
  fail_unless_equals_int (c.nativeFrameRate.num / c.nativeFrameRate.den, 30);
  fail_unless_equals_float (setting (c.tracks[1], Property::FrameRate), 20);
  fail_unless (c.tracks[1].rescaled);
}
GST_END_TEST;

/* --- advanced sets --- */

GST_START_TEST (test_advanced_sets_earlier_tracks_first)
{
  const DeviceDescription cam = profileDevice ("chromium", "Fake Camera");
  const char *full =
      "{\"advanced\":[{\"width\":1920,\"height\":1080}]}";
  const char *nativeVga =
      "{\"advanced\":[{\"width\":640,\"height\":480,\"resizeMode\":\"none\"}]}";
  SharedCapture c = shareOk (cam, { full, nativeVga });
  fail_unless_equals_int (c.nativeWidth, 1920);
  assert_size (c.tracks[0], 1920, 1080);
  /* its set is skipped: it follows the capture */
  assert_size (c.tracks[1], 1920, 1080);

  c = shareOk (cam, { nativeVga, full });
  fail_unless_equals_int (c.nativeWidth, 640);
  assert_size (c.tracks[0], 640, 480);
  assert_size (c.tracks[1], 640, 480);

  /* sets that agree are all kept */
  c = shareOk (cam, { "{\"advanced\":[{\"width\":1280}]}",
        "{\"advanced\":[{\"frameRate\":{\"max\":15}},{\"width\":{\"max\":"
            "400}}]}" });
  fail_unless_equals_int (c.nativeWidth, 1280);
  assert_size (c.tracks[0], 1280, 720);
  fail_unless (setting (c.tracks[1], Property::FrameRate) <= 15);
  fail_unless (setting (c.tracks[1], Property::Width) <= 400);
}
GST_END_TEST;

/* --- audio --- */

GST_START_TEST (test_audio_clones_resample_down)
{
  const DeviceDescription mic = profileDevice ("laptop",
      "Internal Microphone");
  const char *stereo = "{\"sampleRate\":48000,\"channelCount\":2}";
  const char *narrow = "{\"sampleRate\":16000,\"channelCount\":1}";
  SharedCapture c = shareOk (mic, { stereo, narrow });
  assertServedFromCapture (c);
  fail_unless_equals_int (c.nativeSampleRate, 48000);
  fail_unless_equals_int (c.nativeChannels, 2);
  fail_unless_equals_int (c.nativeSampleSize, 16);
  fail_if (c.tracks[0].rescaled);
  fail_unless_equals_float (setting (c.tracks[1], Property::SampleRate),
      16000);
  fail_unless_equals_float (setting (c.tracks[1], Property::ChannelCount), 1);
  fail_unless (c.tracks[1].rescaled);
  fail_unless (planConversion (mic, c.tracks[1], false).convertAudio);
  assertCapsString (sourceCapsForCapture (mic, c), "audio/x-raw, "
      "format=S16LE, rate=48000, channels=2, layout=interleaved");

  /* with 16, 32 and 48 kHz modes, 48 kHz: nothing is upsampled */
  const DeviceDescription webcam = profileDevice ("usb-webcam",
      "USB HD Webcam Microphone");
  c = shareOk (webcam, { stereo, narrow });
  fail_unless_equals_int (c.nativeSampleRate, 48000);
  fail_unless (c.tracks[1].rescaled);
  fail_unless_equals_float (c.tracks[0].fitness + c.tracks[1].fitness, 0);

  /* a ranged device opens the cover of both */
  DeviceDescription wide = microphone ("wide-mic", 48000, 2, false);
  wide.audioModes[0].sampleRate = IntRange { 8000, 96000, 1 };
  wide.audioModes[0].channels = IntRange { 1, 8, 1 };
  c = shareOk (wide, { narrow, stereo });
  fail_unless_equals_int (c.nativeSampleRate, 48000);
  fail_unless_equals_int (c.nativeChannels, 2);
  fail_unless (c.tracks[0].rescaled);
  fail_if (c.tracks[1].rescaled);
}
GST_END_TEST;

GST_START_TEST (test_audio_sample_size_is_shared)
{
  DeviceDescription mic = microphone ("mic", 48000, 2, false);
  mic.audioModes[0].formats = { "S16LE", "S32LE" };
  SharedCapture c = shareOk (mic, { "{\"sampleSize\":{\"exact\":32}}", "{}" });
  fail_unless_equals_int (c.nativeSampleSize, 32);
  fail_unless_equals_float (setting (c.tracks[1], Property::SampleSize), 32);
  assertCapsString (sourceCapsForCapture (mic, c), "audio/x-raw, "
      "format=S32LE, rate=48000, channels=2, layout=interleaved");
  /* the helper asks for what every track's own selection would ask for */
  GstCaps *fromTrack = sourceCapsFor (mic, c.tracks[1]);
  assertCapsString (sourceCapsForCapture (mic, c),
      GCharPtr (gst_caps_to_string (fromTrack)).get ());
  gst_caps_unref (fromTrack);
  assert_overconstrained (share (mic, { "{\"sampleSize\":{\"exact\":16}}",
              "{\"sampleSize\":{\"exact\":32}}" }), "sampleSize");
}
GST_END_TEST;

GST_START_TEST (test_audio_processing_is_per_track)
{
  const DeviceDescription mic = profileDevice ("chromium",
      "Fake Microphone");
  SharedCapture c = shareOk (mic, { "{}", "{\"echoCancellation\":false}" });
  fail_unless (c.tracks[0].processed);
  fail_if (c.tracks[1].processed);
  fail_unless (rawSetting (c.tracks[0], Property::EchoCancellation) ==
      SettingValue (true));
  fail_unless (rawSetting (c.tracks[1], Property::EchoCancellation) ==
      SettingValue (false));
}
GST_END_TEST;

GST_START_TEST (test_errors)
{
  const DeviceDescription cam = profileDevice ("chromium", "Fake Camera");
  auto none = selectSharedCapture (cam, Kind::Video, {});
  fail_if (none.ok ());
  fail_unless_equals_int ((int) none.error ().name, (int) ErrorName::TypeError);
  auto wrongKind = selectSharedCapture (cam, Kind::Audio, { track ("{}") });
  fail_if (wrongKind.ok ());
  fail_unless_equals_int ((int) wrongKind.error ().name,
      (int) ErrorName::NotFoundError);
}
GST_END_TEST;

static Suite *
shared_capture_suite (void)
{
  Suite *s = suite_create ("shared-capture");
  TCase *one = tcase_create ("generated");
  suite_add_tcase (s, one);
  tcase_add_test (one, test_one_track_is_select_settings);
  tcase_add_test (one, test_random_clones_are_consistent);

  TCase *video = tcase_create ("video");
  suite_add_tcase (s, video);
  tcase_add_test (video, test_large_and_small_clones);
  tcase_add_test (video, test_wide_and_square_clones);
  tcase_add_test (video, test_frame_rates_decimate_from_the_fastest);
  tcase_add_test (video, test_four_clones_open_the_largest);
  tcase_add_test (video, test_clone_without_constraints_follows_the_capture);
  tcase_add_test (video, test_conflict_names_the_last_track);
  tcase_add_test (video, test_camera_controls_are_shared);
  tcase_add_test (video, test_device_and_group_id_are_per_track);
  tcase_add_test (video, test_ranged_mode_opens_a_size_covering_both);
  tcase_add_test (video, test_ranged_frame_rate_served_natively_when_it_can);
  tcase_add_test (video, test_advanced_sets_earlier_tracks_first);

  TCase *audio = tcase_create ("audio");
  suite_add_tcase (s, audio);
  tcase_add_test (audio, test_audio_clones_resample_down);
  tcase_add_test (audio, test_audio_sample_size_is_shared);
  tcase_add_test (audio, test_audio_processing_is_per_track);
  tcase_add_test (audio, test_errors);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (shared_capture);
