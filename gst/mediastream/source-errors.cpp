/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "source-errors.h"

#include "hardware-devices.h"

#include <glib/gi18n-lib.h>

namespace mediastream {

namespace {

std::string
taken (gchar * text)
{
  GCharPtr owned (text);
  return owned ? owned.get () : "";
}

/* The sentence for the device's kind, with its label: one whole sentence
 * per kind for the translators, and a macro so that the formats stay
 * literals the compiler checks against the argument. */
#define SENTENCE(device, camera, microphone)                               \
  ((device).description.kind == Kind::Video ?                             \
      taken (g_strdup_printf (camera, (device).description.label.c_str ())) : \
      taken (g_strdup_printf (microphone,                                 \
              (device).description.label.c_str ())))

Error
inUse (const MediaDevice & device)
{
  return { ErrorName::NotReadableError, "", SENTENCE (device,
        _("the camera \"%s\" is in use by another application"),
        _("the microphone \"%s\" is in use by another application")) };
}

Error
notAllowed (const MediaDevice & device)
{
  return { ErrorName::NotAllowedError, "", SENTENCE (device,
        _("the system does not allow access to the camera \"%s\""),
        _("the system does not allow access to the microphone \"%s\"")) };
}

Error
gone (const MediaDevice & device)
{
  return { ErrorName::NotFoundError, "", SENTENCE (device,
        _("the camera \"%s\" is no longer connected"),
        _("the microphone \"%s\" is no longer connected")) };
}

Error
unreadable (const MediaDevice & device, const GError * error)
{
  std::string message = SENTENCE (device,
      _("the camera \"%s\" could not be read"),
      _("the microphone \"%s\" could not be read"));
  if (error && error->message && *error->message)
    message += std::string (": ") + error->message;
  return { ErrorName::NotReadableError, "", message };
}

#undef SENTENCE

}  // namespace

Error
sourceError (GstMessage * message, const MediaDevice & device)
{
  GError *parsed = nullptr;
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    gst_message_parse_error (message, &parsed, nullptr);
  else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_WARNING)
    gst_message_parse_warning (message, &parsed, nullptr);
  GErrorPtr error (parsed);

  if (error && error->domain == GST_RESOURCE_ERROR) {
    if (error->code == GST_RESOURCE_ERROR_BUSY)
      return inUse (device);
    if (error->code == GST_RESOURCE_ERROR_NOT_AUTHORIZED)
      return notAllowed (device);
  }

  /* GStreamer's codes do not tell a device that went away from one that
   * failed (v4l2src reports a vanished camera as a read or poll error), so
   * the device is asked. */
  switch (device.device ? probePresence (device.device.get ()) :
      Presence::Unknown) {
    case Presence::Gone:
      return gone (device);
    case Presence::Busy:
      return inUse (device);
    case Presence::Denied:
      return notAllowed (device);
    case Presence::Present:
      break;
    case Presence::Unknown:
      if (!findDevice (device.description.deviceId, device.description.kind))
        return gone (device);
      break;
  }
  return unreadable (device, error.get ());
}

}  // namespace mediastream
