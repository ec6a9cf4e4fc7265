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

#define GST_TYPE_MEDIA_STREAM_SRC (gst_media_stream_src_get_type ())
G_DECLARE_FINAL_TYPE (GstMediaStreamSrc, gst_media_stream_src, GST,
    MEDIA_STREAM_SRC, GstBin)

GST_ELEMENT_REGISTER_DECLARE (mediastreamsrc);

G_END_DECLS
