/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Devices and helpers shared by the engine's tests. */

#pragma once

#include "json.h"
#include "select-settings.h"

#include <gst/check/gstcheck.h>

#include <string>
#include <vector>

namespace fixtures {

using namespace mediastream;

inline VideoMode
videoMode (int width, int height, double fps, const char *format = "I420")
{
  VideoMode m;
  m.mediaType = std::string (format) == "MJPG" ? "image/jpeg" : "video/x-raw";
  if (m.mediaType == "video/x-raw")
    m.formats = { format };
  m.width = IntRange { width, width, 1 };
  m.height = IntRange { height, height, 1 };
  /* fps given with at most 3 decimals in the fixtures */
  Fraction f { static_cast<int> (fps * 1000 + 0.5), 1000 };
  m.frameRate = FractionRange { f, f };
  return m;
}

/* A mode whose caps are ranges (videotestsrc, some capture cards). */
inline VideoMode
rangedMode (IntRange width, IntRange height, FractionRange frameRate)
{
  VideoMode m;
  m.mediaType = "video/x-raw";
  m.formats = { "I420" };
  m.width = width;
  m.height = height;
  m.frameRate = frameRate;
  return m;
}

inline DeviceDescription
camera (const std::string &id, std::vector<VideoMode> modes,
    std::optional<std::string> facing = std::nullopt,
    const std::string &group = "")
{
  DeviceDescription d;
  d.kind = Kind::Video;
  d.deviceId = id;
  d.groupId = group.empty () ? id + "-group" : group;
  d.label = id;
  d.videoModes = std::move (modes);
  d.facingMode = std::move (facing);
  return d;
}

inline DeviceDescription
microphone (const std::string &id, int rate, int channels,
    bool processing = true, const std::string &format = "S16LE",
    const std::string &group = "")
{
  DeviceDescription d;
  d.kind = Kind::Audio;
  d.deviceId = id;
  d.groupId = group.empty () ? id + "-group" : group;
  d.label = id;
  AudioMode m;
  m.mediaType = "audio/x-raw";
  m.formats = { format };
  m.sampleRate = IntRange { rate, rate, 1 };
  m.channels = IntRange { channels, channels, 1 };
  d.audioModes = { m };
  d.processing.echoCancellation = processing;
  d.processing.autoGainControl = processing;
  d.processing.noiseSuppression = processing;
  d.latency = LatencyRange { 0.01, 0.01, 0.01 };
  return d;
}

/* The built-in "chromium" profile's devices: Chromium's fake camera and
 * microphone. */
inline std::vector<DeviceDescription>
chromiumDevices ()
{
  std::vector<VideoMode> modes;
  for (auto [w, h] : { std::pair { 96, 96 }, { 320, 240 }, { 640, 480 },
           { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 } })
    modes.push_back (videoMode (w, h, 30));
  return { camera ("fake-camera", modes), microphone ("fake-mic", 44100, 2) };
}

/* Chromium's MediaStreamConstraintsUtilVideoDeviceTest devices. */
inline std::vector<DeviceDescription>
chromiumFixture ()
{
  return {
    camera ("dev1", { videoMode (200, 200, 40), videoMode (500, 500, 40),
            videoMode (1000, 1000, 20) }),
    camera ("dev2", { videoMode (40, 30, 20), videoMode (320, 240, 30),
            videoMode (640, 480, 30), videoMode (800, 600, 20) },
        "environment"),
    camera ("dev3", { videoMode (600, 400, 10), videoMode (640, 480, 10),
            videoMode (480, 640, 30), videoMode (640, 480, 30),
            videoMode (1280, 720, 60), videoMode (1920, 1080, 60),
            videoMode (2304, 1536, 10) }, "user"),
    camera ("dev4", { videoMode (640, 480, 30, "GRAY16_LE") }, "environment"),
    camera ("dev5", { videoMode (640, 480, 0), videoMode (500, 500, 0.1) }),
  };
}

inline TrackConstraints
track (const char *json)
{
  auto parsed = parseTrackConstraints (json);
  fail_unless (parsed.ok (), "bad test constraints %s: %s", json,
      parsed.ok () ? "" : parsed.error ().message.c_str ());
  return parsed.value ();
}

inline Result<Selection>
select (const std::vector<DeviceDescription> &devices, Kind kind,
    const char *json)
{
  auto prepared = prepareForGetUserMedia (kind, track (json));
  if (!prepared)
    return prepared.error ();
  return selectSettings (devices, kind, prepared.value ());
}

inline double
setting (const Selection &s, Property p)
{
  auto n = s.settings.number (p);
  fail_unless (n.has_value (), "setting %s missing",
      std::string (propertyInfo (p).name).c_str ());
  return *n;
}

inline const std::string &
stringSetting (const Selection &s, Property p)
{
  const auto & v = s.settings.get (p);
  fail_unless (v && std::holds_alternative<std::string> (*v));
  return std::get<std::string> (*v);
}

inline SettingValue
rawSetting (const Selection &s, Property p)
{
  const auto & v = s.settings.get (p);
  fail_unless (v.has_value ());
  return *v;
}

}  // namespace fixtures

/* Asserts an OverconstrainedError naming `name`. */
#define assert_overconstrained(result, expected) G_STMT_START {              \
    const auto & r_ = (result);                                           \
    fail_if (r_.ok (), "expected OverconstrainedError(%s)", expected);    \
    fail_unless_equals_int ((int) r_.error ().name,                      \
        (int) mediastream::ErrorName::OverconstrainedError);              \
    fail_unless_equals_string (r_.error ().constraint.c_str (), expected); \
  } G_STMT_END

#define assert_size(sel, w, h) G_STMT_START {                               \
    fail_unless_equals_int ((int) fixtures::setting (sel,                 \
            mediastream::Property::Width), w);                            \
    fail_unless_equals_int ((int) fixtures::setting (sel,                 \
            mediastream::Property::Height), h);                           \
  } G_STMT_END
