/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* What a track needs between its source and its consumer to turn the
 * chosen native mode into the chosen settings: which caps to ask the source
 * for, which to deliver, and which converters (if any) stand in between. */

#pragma once

#include "device.h"
#include "gst-ptr.h"
#include "select-settings.h"

#include <optional>
#include <string>
#include <vector>

namespace mediastream {

/* Pixels to cut from each edge of the native frame (videocrop's terms). */
struct CropRect {
  int left = 0;
  int right = 0;
  int top = 0;
  int bottom = 0;
  bool operator== (const CropRect &o) const {
    return left == o.left && right == o.right && top == o.top
        && bottom == o.bottom;
  }
};

struct ConversionPlan {
  Kind kind = Kind::Video;
  CapsPtr sourceCaps;           /* fixed: the native mode to open */
  CapsPtr outputCaps;           /* what the track delivers */
  bool decode = false;          /* compressed native mode, raw wanted */
  std::optional<CropRect> crop; /* to the asked aspect ratio */
  bool scale = false;
  bool decimate = false;        /* drop frames, never duplicate */
  bool convertAudio = false;    /* resample, remix or change format */

  bool passthrough () const {
    return !decode && !crop && !scale && !decimate && !convertAudio;
  }
  /* The converter factories, in data-flow order (empty in passthrough). */
  std::vector<std::string> converterFactories () const;
};

/* The largest centred crop of width x height with the aspect ratio of
 * targetWidth x targetHeight; nullopt when the shapes already agree to
 * within a pixel. */
std::optional<CropRect> centredCrop (int width, int height, int targetWidth,
    int targetHeight);

/* The plan for a selection. `downstreamAcceptsCompressed` tells whether the
 * consumer takes the native compressed format as is (a muxer would, a video
 * sink would not). */
ConversionPlan planConversion (const DeviceDescription &device,
    const Selection &selection, bool downstreamAcceptsCompressed);

}  // namespace mediastream
