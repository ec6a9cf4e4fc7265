/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The device list as JSON (what `gst-mediastream-1.0 devices --json`
 * prints) and the `devicechange` element message an element posts from its
 * DeviceWatch, so that an application learns of plugged and unplugged
 * devices from the pipeline's bus as a page does from
 * navigator.mediaDevices.ondevicechange. */

#pragma once

#include "media-devices.h"

#include <gst/gst.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mediastream {

/* The name of the message's structure. */
inline constexpr const char *kDeviceChangeMessageName = "devicechange";

/* {"devices": [{"kind", "label", "deviceId", "groupId", "capabilities"},
 * ...]}: each MediaDeviceInfo in enumerateDevices() order, an input with
 * its getCapabilities() (an output has none). */
nlohmann::ordered_json devicesJson (const MediaDevices &devices);

/* devicesJson() as one line of text. Labels from real devices are UTF-8 by
 * GStreamer's contract; a bad byte is replaced rather than failing. */
std::string devicesJsonText (const MediaDevices &devices);

/* A new element message from `src`: structure `devicechange` with the
 * field `devices` (string) holding devicesJsonText() of the new list. */
GstMessage *newDeviceChangeMessage (GstObject *src,
    const MediaDevices &devices);

}  // namespace mediastream
