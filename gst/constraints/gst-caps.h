/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The GStreamer edge of the engine: native modes from GstCaps, and the caps
 * that realise a selection. */

#pragma once

#include "device.h"
#include "select-settings.h"
#include "shared-capture.h"

#include <gst/gst.h>

#include <cstddef>
#include <vector>

namespace mediastream {

/* The most native modes one caps expands to: lists multiply (widths x
 * heights x frame rates x structures), so a hostile or broken caps could
 * otherwise ask for billions. Modes beyond the limit are dropped. */
inline constexpr std::size_t kMaxNativeModes = 100000;

/* The native modes a caps describes: one per structure and per value of
 * every list (width, height, framerate, rate, channels); ranges stay ranges
 * and format lists stay lists. Structures that are not video/x-raw,
 * image/jpeg or audio/x-raw, or lack the fields, are skipped. */
std::vector<VideoMode> videoModesFromCaps (const GstCaps *caps);
std::vector<AudioMode> audioModesFromCaps (const GstCaps *caps);

/* Caps describing every native mode of a device (the reverse of the above). */
GstCaps *capsForDevice (const DeviceDescription &device);

/* The fixed caps to ask the device's source for. */
GstCaps *sourceCapsFor (const DeviceDescription &device,
    const Selection &selection);

/* The fixed caps to ask the source for when cloned tracks share a capture:
 * the capture's mode, native values and sample size. */
GstCaps *sourceCapsForCapture (const DeviceDescription &device,
    const SharedCapture &capture);

/* The caps the track delivers after any conversion the settings need: raw
 * caps with the settings' size and rate (plus, for a native compressed mode
 * that needs no conversion, the compressed caps as an alternative). */
GstCaps *outputCapsFor (const DeviceDescription &device,
    const Selection &selection);

}  // namespace mediastream
