/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Owning pointers for the GLib and GStreamer references the C++ code holds,
 * so an early return can never leak one. */

#pragma once

#include <gst/gst.h>

#include <memory>

namespace mediastream {

struct CapsUnref {
  void operator() (GstCaps * caps) const { gst_caps_unref (caps); }
};
using CapsPtr = std::unique_ptr<GstCaps, CapsUnref>;

struct BufferUnref {
  void operator() (GstBuffer * buffer) const { gst_buffer_unref (buffer); }
};
using BufferPtr = std::unique_ptr<GstBuffer, BufferUnref>;

struct StructureFree {
  void operator() (GstStructure * s) const { gst_structure_free (s); }
};
using StructurePtr = std::unique_ptr<GstStructure, StructureFree>;

struct ObjectUnref {
  void operator() (gpointer object) const { gst_object_unref (object); }
};
template <typename T>
using ObjectPtr = std::unique_ptr<T, ObjectUnref>;

struct MessageUnref {
  void operator() (GstMessage * message) const { gst_message_unref (message); }
};
using MessagePtr = std::unique_ptr<GstMessage, MessageUnref>;

struct GFree {
  void operator() (gpointer p) const { g_free (p); }
};
using GCharPtr = std::unique_ptr<gchar, GFree>;

struct GErrorFree {
  void operator() (GError * error) const { g_error_free (error); }
};
using GErrorPtr = std::unique_ptr<GError, GErrorFree>;

/* A GValue that is unset when it goes out of scope. */
class ScopedValue {
public:
  ScopedValue () = default;
  explicit ScopedValue (GType type) { g_value_init (&value_, type); }
  ~ScopedValue () {
    if (G_IS_VALUE (&value_))
      g_value_unset (&value_);
  }
  ScopedValue (const ScopedValue &) = delete;
  ScopedValue &operator= (const ScopedValue &) = delete;

  GValue *get () { return &value_; }

private:
  GValue value_ = G_VALUE_INIT;
};

}  // namespace mediastream
