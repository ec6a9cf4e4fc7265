/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Cloned tracks of one device share one capture: the device is opened in a
 * single native mode, and each track keeps its own constraints and gets its
 * own settings by cropping, downscaling and dropping frames (video) or
 * resampling and remixing (audio) from that capture. Device-wide settings
 * (camera controls, sample size, latency) are one value for all of them.
 * applyConstraints on any clone chooses the capture for all of them again.
 * See docs/selecting-settings.md, "Cloned tracks share a capture". */

#pragma once

#include "constraints.h"
#include "device.h"
#include "error.h"
#include "select-settings.h"

#include <cstddef>
#include <vector>

namespace mediastream {

struct SharedCapture {
  std::size_t modeIndex = 0;        /* into videoModes / audioModes */
  /* The fixed values the mode is opened in (inside its ranges). */
  int nativeWidth = 0;
  int nativeHeight = 0;
  Fraction nativeFrameRate;
  int nativeSampleRate = 0;
  int nativeChannels = 0;
  int nativeSampleSize = 0;         /* audio: bits per sample */
  /* One per track, in the order given; each with deviceIndex 0, this mode
   * and these native values. */
  std::vector<Selection> tracks;
};

/* The capture of `device` that serves every track, and each track's
 * selection from it. The tracks' constraints must already be restricted to
 * `kind`. The capture minimises the sum of the tracks' fitness distances;
 * ties are broken as selectSettings() breaks them, so one track alone gets
 * exactly what selectSettings() gives it on this device.
 *
 * Errors: TypeError without tracks; NotFoundError when the device is not of
 * `kind` or has no usable mode; OverconstrainedError when no capture serves
 * every track. The error is about the first track, in the order given, that
 * cannot join the ones before it (a track that fails even alone is checked
 * first, the last one first), so a caller that passes the track being
 * changed last gets that track's constraint named. */
Result<SharedCapture> selectSharedCapture (const DeviceDescription &device,
    Kind kind, const std::vector<TrackConstraints> &tracks);

}  // namespace mediastream
