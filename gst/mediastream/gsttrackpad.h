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

#ifdef __cplusplus
#include <memory>
#include <string>
#endif

G_BEGIN_DECLS

#define GST_TYPE_MEDIA_STREAM_TRACK_PAD (gst_media_stream_track_pad_get_type ())
G_DECLARE_FINAL_TYPE (GstMediaStreamTrackPad, gst_media_stream_track_pad,
    GST, MEDIA_STREAM_TRACK_PAD, GstGhostPad)

G_END_DECLS

#ifdef __cplusplus
namespace mediastream {

class Track;

/* What a track pad asks of the element it belongs to: applyConstraints()
 * and stop() involve the track's clones and the device, which only the
 * element knows. */
class TrackPadOwner {
public:
  virtual ~TrackPadOwner () = default;
  /* Sets the track's constraints; on failure posts the warning and leaves
   * the track as it was. */
  virtual void applyConstraints (const std::shared_ptr<Track> &track,
      const std::string &json) = 0;
  virtual void stop (const std::shared_ptr<Track> &track) = 0;
};

/* A new (floating) track pad named `name` for the track. The owner must
 * outlive the pad's use of it (the element clears it when the pad is
 * removed). */
GstPad *newTrackPad (const std::string &name, GstPadTemplate *templ,
    std::shared_ptr<Track> track, TrackPadOwner *owner);

std::shared_ptr<Track> trackOfPad (GstPad *pad);

/* Forgets the owner: the pad is being removed. */
void detachTrackPad (GstPad *pad);

}  // namespace mediastream
#endif
