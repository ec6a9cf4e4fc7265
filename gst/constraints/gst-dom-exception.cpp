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

#include "gst-dom-exception.h"

namespace mediastream {

GstStructure *
domExceptionDetails (const Error & error)
{
  const std::string name (errorNameString (error.name));
  return gst_structure_new ("details",
      "name", G_TYPE_STRING, name.c_str (),
      "constraint", G_TYPE_STRING, error.constraint.c_str (),
      "message", G_TYPE_STRING, error.message.c_str (), nullptr);
}

void
postDomException (GstElement * element, GstMessageType type, GQuark domain,
    gint code, const std::string &text, const Error & error,
    const char *file, const char *function, int line)
{
  std::string debug (errorNameString (error.name));
  debug += ": " + error.message;
  if (!error.constraint.empty ())
    debug += " (constraint \"" + error.constraint + "\")";
  /* gst_element_message_full_with_details takes the strings and the
   * structure. */
  gst_element_message_full_with_details (element, type, domain, code,
      g_strdup (text.c_str ()), g_strdup (debug.c_str ()), file, function,
      line, domExceptionDetails (error));
}

}  // namespace mediastream
