/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* What the engine knows of a capture device: identity, its native modes
 * (one per caps structure after lists are expanded; ranges stay ranges) and
 * what it adds beyond caps (facing mode, camera controls, audio processing,
 * latency). Filled from GstCaps by gst-caps.h, or by a device provider. */

#pragma once

#include "property.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mediastream {

struct Fraction {
  int num = 0;
  int den = 1;
  double asDouble () const { return den ? static_cast<double> (num) / den : 0.0; }
  bool operator== (const Fraction &o) const {
    return static_cast<std::int64_t> (num) * o.den ==
        static_cast<std::int64_t> (o.num) * den;
  }
};

/* An inclusive integer range; min == max for a fixed value. */
struct IntRange {
  int min = 0;
  int max = 0;
  int step = 1;
  bool fixed () const { return min == max; }
};

/* An inclusive frame-rate range; min == max for a fixed rate. */
struct FractionRange {
  Fraction min;
  Fraction max;
  bool fixed () const { return min == max; }
};

/* One native video mode: a caps structure with fixed or range width, height
 * and framerate (lists are expanded into several modes). */
struct VideoMode {
  std::string mediaType;              /* "video/x-raw", "image/jpeg", ... */
  std::vector<std::string> formats;   /* raw formats, in preference order */
  IntRange width;
  IntRange height;
  FractionRange frameRate;

  bool isRaw () const { return mediaType == "video/x-raw"; }
};

/* One native audio mode. */
/* The sample size in bits of a GStreamer raw audio format name (S16LE: 16,
 * S24_32LE: 24, F32LE: 32); 0 when the name is not one. */
int sampleSizeOfFormat (const std::string &format);

struct AudioMode {
  std::string mediaType;              /* "audio/x-raw" */
  std::vector<std::string> formats;   /* S16LE, F32LE, ... */
  IntRange sampleRate;
  IntRange channels;
};

/* A camera control exposed as an Image Capture constrainable property. */
struct NumericControl {
  double min = 0;
  double max = 0;
  double step = 0;
  double value = 0;     /* the current setting */
};

struct ModeControl {
  std::vector<std::string> modes;     /* e.g. "manual", "continuous" */
  std::string value;
};

struct AudioProcessing {
  bool echoCancellation = false;
  bool autoGainControl = false;
  bool noiseSuppression = false;
  /* Sample rates the processing runs at (webrtcdsp: 8, 16, 32, 48 kHz). */
  std::vector<int> sampleRates = { 8000, 16000, 32000, 48000 };
};

struct LatencyRange {
  double min = 0.01;
  double max = 0.01;
  double value = 0.01;
};

struct DeviceDescription {
  Kind kind = Kind::Video;
  std::string deviceId;
  std::string groupId;
  std::string label;

  /* video */
  std::vector<VideoMode> videoModes;
  std::optional<std::string> facingMode;
  std::map<Property, NumericControl> numericControls;  /* zoom, pan, ... */
  std::map<Property, ModeControl> modeControls;        /* focusMode, ... */
  std::optional<bool> torch;          /* present when the camera has one */

  /* audio */
  std::vector<AudioMode> audioModes;
  AudioProcessing processing;         /* what can be switched on */
  LatencyRange latency;
};

}  // namespace mediastream
