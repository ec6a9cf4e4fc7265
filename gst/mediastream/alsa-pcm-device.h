/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A capture PCM of the ALSA configuration (an asoundrc's microphone,
 * "default", a sound server's PCM) as a GstDevice, since GStreamer's alsa
 * provider only lists the cards' hw devices. gst_device_create_element()
 * makes `alsasrc device=<name>`.
 *
 * Properties: device.api "alsa", alsa.pcm (the name), alsa.description
 * (the configuration's hint, all lines), alsa.card (int, the card a PCM is
 * bound to, when it is). */

#pragma once

#include <gst/gst.h>

#include <optional>
#include <string>

namespace mediastream {

/* The property naming the PCM. */
inline constexpr const char *kAlsaPcmProperty = "alsa.pcm";

/* A new device (floating reference). */
GstDevice *newAlsaPcmDevice (const std::string &name, const std::string &label,
    const std::string &description, GstCaps *caps, std::optional<int> card);

}  // namespace mediastream
