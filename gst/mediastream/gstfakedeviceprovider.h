/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define GST_TYPE_MEDIA_STREAM_FAKE_DEVICE_PROVIDER \
  (gst_media_stream_fake_device_provider_get_type ())
G_DECLARE_FINAL_TYPE (GstMediaStreamFakeDeviceProvider,
    gst_media_stream_fake_device_provider, GST,
    MEDIA_STREAM_FAKE_DEVICE_PROVIDER, GstDeviceProvider)

#define GST_TYPE_MEDIA_STREAM_FAKE_DEVICE \
  (gst_media_stream_fake_device_get_type ())
G_DECLARE_FINAL_TYPE (GstMediaStreamFakeDevice, gst_media_stream_fake_device,
    GST, MEDIA_STREAM_FAKE_DEVICE, GstDevice)

GST_DEVICE_PROVIDER_REGISTER_DECLARE (mediastreamfakedeviceprovider);

G_END_DECLS
