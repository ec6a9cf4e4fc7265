/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The keys deviceId and groupId are hashed from: what stays the same for
 * one physical device across runs and reboots (never the numbers the
 * kernel hands out in probe order: /dev/videoN, ALSA card numbers), and
 * what all parts of one physical device share (a webcam's camera and its
 * microphone). docs/devices.md has the rules in prose. */

#pragma once

#include "property.h"

#include <gst/gst.h>

#include <optional>
#include <string>

namespace mediastream {

/* Lowercase hex SHA-256 of the text: what ids are made of. */
std::string sha256Hex (const std::string &text);

/* "videoinput" / "audioinput", as MediaDeviceInfo.kind. */
const char *deviceKindName (Kind kind);

/* A device property as text ("" when the device does not have it); the
 * ALSA provider's card number is an int. */
std::string propertyText (const GstStructure *properties, const char *field);

/* The keys from udev's and the providers' properties alone.
 * `internalName` is the GstDevice's "internal-name" (alsa: hw:C,D; pulse:
 * the source name). */
std::string stableDeviceKey (const GstStructure *properties,
    const std::string &internalName, const std::string &label);
std::string stableGroupKey (const GstStructure *properties,
    const std::string &deviceKey);

struct DeviceKeys {
  std::string device;
  std::string group;
};

/* The keys of a device GStreamer found. Where the kernel's device is known
 * to sysfs they come from there:
 *
 * - a V4L2 node (device.api v4l2 with a device.path, as GStreamer's v4l2
 *   provider lists it): the device directory the node hangs off and the
 *   node's index on it ("v4l2:sysfs=/sys/devices/.../1-2:1.0,index=0"),
 *   found through the node's device number, so not through its name;
 * - an ALSA PCM of GStreamer's alsa provider (internal-name hw:C,D): the
 *   card's device directory and the PCM number;
 * - a PCM of the ALSA configuration (alsa-pcm-device.h): its name, and the
 *   group of the card it opens (alsa.card) or a group of its own;
 * - groups: the physical device (sysfs::physicalDevice) of the node, of the
 *   card, or of udev's sysfs.path (pulse's sources have it): the USB device
 *   for USB hardware, so a webcam's camera and microphone share it.
 *
 * Otherwise (no such node on this machine, other providers) stableDeviceKey
 * and stableGroupKey. sysfsRoot is for tests. */
DeviceKeys deviceKeys (const GstStructure *properties,
    const std::string &internalName, const std::string &label,
    const std::string &sysfsRoot = "/sys");

/* The group key of the physical device behind ALSA card `card` (for a PCM of
 * the ALSA configuration that is bound to one); nullopt when the card is
 * not in sysfs. */
std::optional<std::string> cardGroupKey (int card,
    const std::string &sysfsRoot = "/sys");

/* The ALSA card and PCM device numbers of a "hw:C,D" name (GStreamer's
 * alsa provider's internal-name); nullopt for other names. */
std::optional<std::pair<int, int>> parseHwName (const std::string &name);

}  // namespace mediastream
