/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The `devices` verb of gst-mediastream-1.0: the device list as a table for
 * people or as JSON for scripts, once or at every devicechange (--watch).
 * A library of its own so that the tests can run the watch in their own
 * process, where the fake provider's hot-plug hook reaches it. */

#pragma once

#include "device.h"
#include "media-devices.h"

#include <functional>
#include <string>
#include <vector>

namespace mediastream::tool {

/* Receives one line of output (without its newline). */
using WriteLine = std::function<void (const std::string &line)>;

/* Rows of cells as left-aligned columns two spaces apart; widths count
 * characters, not bytes, so UTF-8 labels line up. */
std::vector<std::string> formatTable (
    const std::vector<std::vector<std::string>> &rows);

/* A number for people: 30, 7.5, 29.97. */
std::string formatNumber (double value);

/* "1302 modes in 31 formats, up to 3840x2160@2, 60 fps at 320x180" (the
 * largest size with its fastest rate, and the fastest rate of all with the
 * largest size that has it, when that is faster); "2 modes, 44100..48000
 * Hz, 1..2 ch". */
std::string modesSummary (const DeviceDescription &device);

/* A camera's Image Capture controls and facing mode ("brightness contrast
 * zoom focusMode torch, facing user"), a microphone's latency and audio
 * processing ("latency 5 ms..1.5 s, echoCancellation"); "-" when there is
 * nothing. */
std::string controlsSummary (const DeviceDescription &device);

/* The lines `devices` prints: the table (a header and one row per device:
 * kind, label, the first 8 characters of deviceId and groupId, modes,
 * controls; "-" for an output's), or a sentence when there are none; with
 * json, the one line of devicesJsonText(). */
std::vector<std::string> deviceListing (const MediaDevices &devices,
    bool json);

/* `devices --watch`: the listing, then the listing again at each
 * devicechange (with json one line each; tables are separated by an empty
 * line), until `inputFd` reaches end of file or SIGINT or SIGTERM arrives.
 * Lines are written from the thread that noticed the change, one listing
 * at a time. Runs a main loop of its own, so any thread can call it. An
 * error starting the watch is returned; its message says what failed. */
Result<bool> watchDevices (DeviceKinds kinds, bool json, int inputFd,
    const WriteLine &writeLine);

}  // namespace mediastream::tool
