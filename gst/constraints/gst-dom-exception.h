/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The DOMException of a failed request on the bus: an error, warning or
 * info message whose details structure says what a web page would see
 * (`name`, `constraint`, `message`), so that applications can tell an
 * OverconstrainedError from a NotReadableError without parsing text. */

#pragma once

#include "error.h"

#include <gst/gst.h>

#include <string>

namespace mediastream {

/* The details structure: "details" (as GST_ELEMENT_ERROR_WITH_DETAILS
 * names it) with the fields name, constraint and message. */
GstStructure *domExceptionDetails (const Error &error);

/* Posts `type` (GST_MESSAGE_ERROR, _WARNING or _INFO) from `element` with
 * the GError domain and code, the translated `text` for users, the
 * exception as debug text and as details. Use the macro, which fills in
 * where it was posted from. */
void postDomException (GstElement *element, GstMessageType type,
    GQuark domain, gint code, const std::string &text, const Error &error,
    const char *file, const char *function, int line);

}  // namespace mediastream

#define GST_MEDIASTREAM_POST_DOM_EXCEPTION(element, type, domain, code, text, error) \
  mediastream::postDomException (GST_ELEMENT (element), type, \
      GST_##domain##_ERROR, GST_##domain##_ERROR_##code, text, error, \
      __FILE__, GST_FUNCTION, __LINE__)
