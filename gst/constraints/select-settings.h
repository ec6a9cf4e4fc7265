/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* SelectSettings (Media Capture and Streams, "Constrainable Pattern") over
 * the settings dictionaries of a set of devices, and getUserMedia's device
 * selection on top of it. */

#pragma once

#include "constraints.h"
#include "device.h"
#include "error.h"
#include "settings.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace mediastream {

/* What a track gets: the device, the native mode to open and the settings
 * the track reports (and that conversion must produce). */
struct Selection {
  std::size_t deviceIndex = 0;      /* into the device list given */
  std::size_t modeIndex = 0;        /* into videoModes / audioModes */
  /* The native value chosen inside a mode whose caps are ranges: the size
   * and frame rate to ask the source for. Equal to the settings unless the
   * track is cropped, scaled, decimated, resampled or remixed. */
  int nativeWidth = 0;
  int nativeHeight = 0;
  Fraction nativeFrameRate;
  int nativeSampleRate = 0;
  int nativeChannels = 0;
  /* The output frame rate as a fraction (the native one when it is not
   * decimated). */
  Fraction frameRate;
  bool rescaled = false;            /* resizeMode "crop-and-scale" */
  bool processed = false;           /* audio: runs through processing */
  Settings settings;
  double fitness = 0;               /* basic-set fitness distance */
};

/* SelectSettings for one track over the devices of its kind: the best
 * settings dictionary or an OverconstrainedError naming a constraint.
 * `constraints` must already be restricted to `kind`. */
Result<Selection> selectSettings (const std::vector<DeviceDescription> &devices,
    Kind kind, const TrackConstraints &constraints);

/* getUserMedia's checks before SelectSettings: constraints of the other kind
 * are dropped, and a required constraint that may not select a device (pan,
 * backgroundBlur, ...) is a TypeError. */
Result<TrackConstraints> prepareForGetUserMedia (Kind kind,
    const TrackConstraints &constraints);

/* One track of a getUserMedia answer. */
struct TrackSelection {
  Kind kind = Kind::Video;
  Selection selection;
  TrackConstraints constraints;     /* what getConstraints() returns */
};

/* getUserMedia without streaming: a TypeError when nothing is asked for,
 * NotFoundError when no device of a kind exists, the SelectSettings result
 * otherwise. `devices` may hold both kinds; indices refer to it. The tracks
 * come audio first, then video. */
Result<std::vector<TrackSelection>> getUserMedia (
    const std::vector<DeviceDescription> &devices,
    const StreamConstraints &constraints);

/* getCapabilities() of a device (and of every track it feeds). */
Capabilities capabilitiesOf (const DeviceDescription &device);

/* getSupportedConstraints(): every property the engine supports. */
std::vector<Property> supportedConstraints ();

}  // namespace mediastream
