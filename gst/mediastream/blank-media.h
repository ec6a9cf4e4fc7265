/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The zero-information content of Media Capture and Streams (black frames,
 * silence) that a disabled track carries, in the track's own caps. */

#pragma once

#include "gst-ptr.h"

#include <gst/audio/audio.h>
#include <gst/gst.h>
#include <gst/video/video.h>

namespace mediastream {

/* Black or silent buffers standing in for a track's buffers. The content
 * is made once per caps and shared (read-only) by every buffer it stands
 * in for, so a disabled track costs no more than an enabled one. Not
 * thread-safe: one streaming thread uses it. */
class BlankMedia {
public:
  /* The track's caps from now on; nullptr when it has none. */
  void setCaps (const GstCaps * caps);

  /* A buffer with the timestamps, offsets and flags of `input` and blank
   * content in the current caps, or nullptr when these caps have no blank
   * this can make (memory other than system memory, JPEG of unknown size,
   * no jpegenc). */
  GstBuffer *replace (GstBuffer * input);

  /* How long `input` lasts: its duration, else what the caps imply (one
   * frame at the frame rate, its samples at the sample rate), else
   * GST_CLOCK_TIME_NONE. */
  GstClockTime durationOf (GstBuffer * input) const;

private:
  enum class Format { None, RawVideo, RawAudio, Jpeg };

  Format format_ = Format::None;
  GstVideoInfo video_ {};       /* RawVideo, Jpeg: size and frame rate */
  GstAudioInfo audio_ {};       /* RawAudio */
  BufferPtr blank_;             /* made for the current caps, on demand */
  bool cannotMake_ = false;     /* making it failed for the current caps */
};

/* A black frame of `info`: the black level of its colorimetry's range for
 * luma (or R, G, B), mid-scale chroma, opaque alpha, default layout.
 * nullptr for formats GStreamer cannot pack. */
GstBuffer *blackVideoFrame (const GstVideoInfo & info);

/* A baseline JPEG of a black width x height picture, encoded by jpegenc;
 * nullptr when jpegenc is missing or fails. */
GstBuffer *blackJpeg (gint width, gint height);

}  // namespace mediastream
