/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* What a capture source's error means to a page: the DOMException a
 * getUserMedia() call or a track ends with, and a message a user can act
 * on, instead of GStreamer's "Could not read from resource". */

#pragma once

#include "error.h"
#include "media-devices.h"

#include <gst/gst.h>

namespace mediastream {

/* The error of a GST_MESSAGE_ERROR (or WARNING) posted by the source made
 * for `device` (or by an element of it):
 *
 * - NotReadableError "the camera "X" is in use by another application":
 *   GST_RESOURCE_ERROR_BUSY (v4l2src when another application streams from
 *   the camera, alsasrc when a hw PCM is open elsewhere), or the device
 *   answering so when opened again;
 * - NotAllowedError "the system does not allow access to the camera "X"":
 *   GST_RESOURCE_ERROR_NOT_AUTHORIZED, or permission denied when opened
 *   again;
 * - NotFoundError "the camera "X" is no longer connected": any other error
 *   (read, open, settings...) while the device is gone: a V4L2 node or ALSA
 *   PCM that cannot be opened any more because its device went away, or,
 *   for devices that cannot be opened to ask (fake ones, sound servers'),
 *   one that a new enumeration no longer lists (findDevice);
 * - NotReadableError "the camera "X" could not be read: <GStreamer's
 *   message>" otherwise.
 *
 * Microphones are "the microphone". This looks at the device again, so it
 * may take as long as opening it or enumerating devices: call it where an
 * error is handled, not in a streaming thread. */
Error sourceError (GstMessage *message, const MediaDevice &device);

}  // namespace mediastream
