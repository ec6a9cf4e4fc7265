/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* vivid's own buttons, for the VM tier's tests: its "Disconnect" control
 * unplugs the camera as far as its driver can tell. */

#pragma once

#include "hardware-devices.h"
#include "media-devices.h"

#include <gst/check/gstcheck.h>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/videodev2.h>

#include <cstdint>
#include <optional>
#include <string>

namespace {

/* The control of that name (vivid's "Disconnect" button is its own, with
 * no standard id). */
std::uint32_t
controlNamed (int fd, const char *name)
{
  v4l2_queryctrl query {};
  query.id = V4L2_CTRL_FLAG_NEXT_CTRL;
  while (ioctl (fd, VIDIOC_QUERYCTRL, &query) == 0) {
    if (g_strcmp0 (reinterpret_cast<const char *> (query.name), name) == 0)
      return query.id;
    query.id |= V4L2_CTRL_FLAG_NEXT_CTRL;
  }
  fail ("no control \"%s\"", name);
  return 0;
}

/* Unplugs the camera: vivid unregisters its nodes, and every descriptor
 * open on them fails with ENODEV from then on. vivid plugs it back in
 * once the last of them is closed. */
void
pressDisconnect (const mediastream::MediaDevice & vivid)
{
  const std::optional<std::string> node =
      mediastream::v4l2NodeOf (vivid.device.get ());
  fail_unless (node.has_value ());
  const int fd = open (node->c_str (), O_RDWR | O_CLOEXEC);
  fail_unless (fd >= 0, "cannot open %s", node->c_str ());
  v4l2_control press {};
  press.id = controlNamed (fd, "Disconnect");
  press.value = 1;
  fail_unless (ioctl (fd, VIDIOC_S_CTRL, &press) == 0);
  close (fd);
}

}  // namespace
