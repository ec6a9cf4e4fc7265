/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A GstDevice with whatever name, class, caps and properties a test gives
 * it, as the v4l2, alsa and pulse providers describe theirs. It makes no
 * element. One test program includes this once. */

#pragma once

#include "gst-ptr.h"

#include <gst/check/gstcheck.h>

/* In a namespace of this program's own, like the type's name. */
namespace {

struct TestDevice {
  GstDevice parent;
};
struct TestDeviceClass {
  GstDeviceClass parent_class;
};
G_DEFINE_TYPE (TestDevice, test_device, GST_TYPE_DEVICE);

void
test_device_init (TestDevice *)
{
}

void
test_device_class_init (TestDeviceClass *)
{
}

/* A new device (a full reference). */
GstDevice *
newTestDevice (const char *label, const char *klass, GstCaps * caps,
    GstStructure * properties)
{
  return GST_DEVICE (gst_object_ref_sink (g_object_new (test_device_get_type (),
              "display-name", label, "device-class", klass, "caps", caps,
              "properties", properties, nullptr)));
}

}  // namespace
