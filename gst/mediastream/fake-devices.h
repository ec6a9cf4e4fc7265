/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The fake devices (like a browser's --use-fake-device-for-media-stream):
 * built-in profiles or a JSON file, chosen with GST_MEDIASTREAM_FAKE_DEVICES. */

#pragma once

#include "device.h"
#include "error.h"

#include <string>
#include <string_view>
#include <vector>

namespace mediastream {

inline constexpr const char *kFakeDevicesEnv = "GST_MEDIASTREAM_FAKE_DEVICES";

/* The names of the built-in profiles ("chromium", ...). */
std::vector<std::string> builtinFakeProfiles ();

/* The devices of a built-in profile name, or of the JSON file at that path.
 * A bad file is a TypeError naming the JSON path of the problem. */
Result<std::vector<DeviceDescription>> loadFakeDevices (std::string_view profileOrPath);

/* The devices described by a JSON document (the format of a profile file). */
Result<std::vector<DeviceDescription>> parseFakeDevices (std::string_view json,
    std::string_view profileName);

}  // namespace mediastream
