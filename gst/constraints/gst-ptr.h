/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Owning pointers for GStreamer references, so no path forgets an unref. */

#pragma once

#include <gst/gst.h>

#include <memory>

namespace mediastream {

struct CapsUnref {
  void operator() (GstCaps *caps) const { gst_caps_unref (caps); }
};
using CapsPtr = std::unique_ptr<GstCaps, CapsUnref>;

struct ObjectUnref {
  void operator() (gpointer object) const { gst_object_unref (object); }
};
template <typename T>
using ObjectPtr = std::unique_ptr<T, ObjectUnref>;

struct GFree {
  void operator() (gpointer p) const { g_free (p); }
};
using GCharPtr = std::unique_ptr<gchar, GFree>;

}  // namespace mediastream
