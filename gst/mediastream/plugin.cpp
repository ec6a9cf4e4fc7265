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

#include "gstfakedeviceprovider.h"
#include "gstfakesrc.h"
#include "gstmediastreamsrc.h"
#include "gsttrackgate.h"

static gboolean
plugin_init (GstPlugin * plugin)
{
  gboolean ret = FALSE;
  ret |= GST_ELEMENT_REGISTER (mediastreamfakesrc, plugin);
  ret |= GST_ELEMENT_REGISTER (mediastreamsrc, plugin);
  ret |= GST_ELEMENT_REGISTER (mediastreamtrackgate, plugin);
  ret |= GST_DEVICE_PROVIDER_REGISTER (mediastreamfakedeviceprovider, plugin);
  return ret;
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, mediastream,
    "Media Capture and Streams: devices and media streams",
    plugin_init, VERSION, GST_LICENSE, GST_PACKAGE_NAME, GST_PACKAGE_ORIGIN)
