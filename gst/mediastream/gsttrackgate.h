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

/**
 * GstMediaStreamTrackState:
 * @GST_MEDIA_STREAM_TRACK_STATE_LIVE: the track carries its source's media
 * @GST_MEDIA_STREAM_TRACK_STATE_ENDED: the track has ended and never
 *   carries media again
 *
 * A MediaStreamTrack's `readyState`.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_MEDIA_STREAM_TRACK_STATE_LIVE,
  GST_MEDIA_STREAM_TRACK_STATE_ENDED,
} GstMediaStreamTrackState;

#define GST_TYPE_MEDIA_STREAM_TRACK_STATE \
  (gst_media_stream_track_state_get_type ())
GType gst_media_stream_track_state_get_type (void);

/* The element messages the gate posts (see the element documentation). */
#define GST_MEDIA_STREAM_TRACK_MUTED_MESSAGE "mediastream-track-muted"
#define GST_MEDIA_STREAM_TRACK_UNMUTED_MESSAGE "mediastream-track-unmuted"
#define GST_MEDIA_STREAM_TRACK_ENDED_MESSAGE "mediastream-track-ended"

/* The `reason` of an ended message. */
#define GST_MEDIA_STREAM_TRACK_ENDED_STOPPED "stopped"
#define GST_MEDIA_STREAM_TRACK_ENDED_DEVICE_LOST "device-lost"
#define GST_MEDIA_STREAM_TRACK_ENDED_SOURCE_ENDED "source-ended"

#define GST_TYPE_MEDIA_STREAM_TRACK_GATE \
  (gst_media_stream_track_gate_get_type ())
G_DECLARE_FINAL_TYPE (GstMediaStreamTrackGate, gst_media_stream_track_gate,
    GST, MEDIA_STREAM_TRACK_GATE, GstElement)

/* Ends the track for `reason` (the `end` action signal): no-op when it has
 * ended already. */
void gst_media_stream_track_gate_end (GstMediaStreamTrackGate * gate,
    const gchar * reason);

GST_ELEMENT_REGISTER_DECLARE (mediastreamtrackgate);

G_END_DECLS
