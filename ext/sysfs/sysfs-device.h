/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Which physical device a kernel class device (a sound card, a video node)
 * belongs to, from sysfs, and the other facts about it that survive a
 * reboot. A webcam's microphone and its camera are two USB
 * interfaces of one USB device: /sys/class/sound/cardN/device and
 * /sys/class/video4linux/videoM/device resolve to sibling interface
 * directories, and their common parent is the device both belong to. That
 * parent is what groupId is made from.
 *
 * Kept free of ALSA so that the V4L2 side can use it unchanged
 * (physicalDevice ("/sys/class/video4linux/video0")). */

#pragma once

#include <optional>
#include <string>

namespace mediastream::sysfs {

/* The sysfs directory of the physical device behind a class device
 * directory such as "/sys/class/sound/card1":
 *
 * - the USB device (not one of its interfaces) for USB hardware, e.g.
 *   "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-4";
 * - else the PCI function for PCI hardware, e.g.
 *   "/sys/devices/pci0000:00/0000:00:1f.3", which an ASoC sound card's
 *   platform device sits under;
 * - else the class device's own device, e.g. a virtual driver's platform
 *   device "/sys/devices/platform/snd_dummy.0".
 *
 * The path is absolute and has no symbolic links in it, so it is the same
 * for every class device of the hardware and across runs as long as the
 * hardware stays where it is (a USB device that moves to another port gets
 * another path). Empty when the class device does not exist or has no
 * device link (e.g. /sys/class/sound/timer). */
std::optional<std::string> physicalDevice (const std::string &classDevice);

/* The device directory a class device hangs off (its "device" link,
 * resolved), e.g. the USB interface of a webcam's video node,
 * "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0". Empty when there
 * is no such link. */
std::optional<std::string> deviceOf (const std::string &classDevice);

/* The class device directory of a device node such as "/dev/video0", found
 * through its device number (<sysfsRoot>/dev/char/<major>:<minor>), so
 * that any name or link for the node (/dev/v4l/by-id/...) leads to the same
 * directory. Empty when the path is not a character device sysfs knows.
 * sysfsRoot is for tests. */
std::optional<std::string> classDeviceOfNode (const std::string &node,
    const std::string &sysfsRoot = "/sys");

/* The text of a sysfs attribute file without its trailing newline, e.g.
 * attribute ("/sys/class/video4linux/video0", "index"). Empty when it
 * cannot be read. */
std::optional<std::string> attribute (const std::string &directory,
    const std::string &name);

}  // namespace mediastream::sysfs
