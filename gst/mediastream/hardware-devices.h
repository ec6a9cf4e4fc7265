/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* What the kernel's drivers tell about GStreamer's devices beyond their
 * caps, through ext/v4l2 and ext/alsa when they are built: every mode a
 * V4L2 driver enumerates, its camera controls and facing mode; the modes
 * and latency range of an ALSA PCM; the capture PCMs the ALSA
 * configuration defines, which GStreamer's alsa provider does not list; and
 * whether a device is still there, for the errors. Used by media-devices;
 * without ext/v4l2 or ext/alsa the caps are all there is. */

#pragma once

#include "device.h"
#include "error.h"
#include "gst-ptr.h"
#include "settings.h"

#include <gst/gst.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mediastream {

/* The V4L2 node a device of GStreamer's v4l2 provider opens (its
 * device.path); nullopt for other devices (PipeWire's cameras are opened by
 * PipeWire, not by path). */
std::optional<std::string> v4l2NodeOf (GstDevice *device);

/* The ALSA PCM an alsasrc made by the device opens: the internal-name of
 * GStreamer's alsa provider (hw:C,D), or the name of a PCM of
 * alsaExtraPcms(). nullopt for other devices. */
std::optional<std::string> alsaPcmOf (GstDevice *device);

/* Replaces the modes made from the device's caps with what the driver
 * tells: for a V4L2 node every format, size and interval and the controls
 * (v4l2::describeDevice), for an ALSA PCM the modes alsasrc can open and
 * the latency range (alsa::describe). False, leaving the description as it
 * was, when the device is neither, ext/ is not built for it, or the node
 * cannot be opened now (busy, gone): the caps then stand. */
bool describeFromDriver (GstDevice *device, DeviceDescription &description);

/* ALSA's hardware modes as alsasrc can open them: alsasrc only negotiates
 * the channel counts it has a layout for (1-4, 6, 8), so a range such as
 * snd-aloop's 1-32 channels becomes the ranges and counts inside it. */
std::vector<AudioMode> alsasrcModes (const std::vector<AudioMode> &modes);

/* An ALSA capture PCM GStreamer's alsa provider does not list, as a
 * device. */
struct ExtraPcm {
  std::shared_ptr<GstDevice> device;  /* makes alsasrc device=<name> */
  DeviceDescription description;      /* label, modes, latency, ids */
  std::string idKey;                  /* what the deviceId is hashed from */
  bool isDefault = false;             /* the "default" PCM */
};

/* The capture PCMs alsa::listCapturePcms() names that GStreamer's alsa
 * provider does not list (`listed`: the hw:C,D names of the devices it
 * did list):
 *
 * - the PCMs of the ALSA configuration ("default", an asoundrc's, sound
 *   servers'), each described by alsa::describe(): one that does not work
 *   on this machine (NotFoundError: "default" without a sound card, say)
 *   is left out, a busy one is listed with alsasrc's template caps. One
 *   bound to a card is in the card's group (the card it was last seen to
 *   open, while it is busy), the others in a group of their own;
 * - a card's hw PCM the provider left out because another application
 *   holds it (the provider opens each to probe its caps): with the ids,
 *   and the label (the card's long name), the provider gives it, and
 *   alsasrc's template caps.
 *
 * Empty without ext/alsa or alsasrc. */
std::vector<ExtraPcm> alsaExtraPcms (const std::vector<std::string> &listed);

/* Whether the device a source was opened on is still there, as the system
 * answers an attempt to open it now. */
enum class Presence {
  Present,
  Gone,             /* unplugged or otherwise no longer available */
  Busy,             /* held by another application */
  Denied,           /* the system does not allow opening it */
  Unknown,          /* not a V4L2 node or an ALSA PCM */
};
Presence probePresence (GstDevice *device);

/* v4l2::readSettings / v4l2::applySettings on the device's node (from a
 * descriptor of their own, so also while a source streams); nullopt when
 * the device is not a V4L2 node or ext/v4l2 is not built. */
std::optional<Result<Settings>> readDriverSettings (GstDevice *device);
std::optional<Result<Settings>> applyDriverSettings (GstDevice *device,
    const Settings &settings);

}  // namespace mediastream
