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

#include "blank-media.h"

#include <cstring>
#include <vector>

GST_DEBUG_CATEGORY_EXTERN (gst_media_stream_track_gate_debug);
#define GST_CAT_DEFAULT gst_media_stream_track_gate_debug

namespace mediastream {

namespace {

bool
inSystemMemory (const GstCaps * caps)
{
  const GstCapsFeatures *features = gst_caps_get_features (caps, 0);
  return features == nullptr || gst_caps_features_is_equal (features,
      GST_CAPS_FEATURES_MEMORY_SYSTEM_MEMORY);
}

/* One line of black in the format the pack function takes (AYUV or ARGB,
 * 8 or 16 bits per component, alpha first). Every pixel is the same, so
 * chroma subsampling has nothing to average. */
std::vector<guint8>
blackLine (const GstVideoInfo & info)
{
  const GstVideoFormatInfo *finfo = info.finfo;
  const GstVideoFormatInfo *unpacked =
      gst_video_format_get_info (finfo->unpack_format);
  const bool wide = GST_VIDEO_FORMAT_INFO_DEPTH (unpacked, 0) > 8;
  const guint black =
      info.colorimetry.range == GST_VIDEO_COLOR_RANGE_16_235 ? 16 : 0;
  const guint chroma = GST_VIDEO_FORMAT_INFO_IS_YUV (finfo) ? 128 : black;
  const guint pixel[4] = { 255, black, chroma, chroma };
  const gint width = GST_VIDEO_INFO_WIDTH (&info);

  std::vector<guint8> line (static_cast<size_t> (width) * (wide ? 8 : 4));
  for (gint x = 0; x < width; x++) {
    for (int c = 0; c < 4; c++) {
      if (wide) {
        /* Alpha is all ones; levels scale by 256 so that 16 and 128 stay
         * exactly 64 and 512 once packed to 10 bits. */
        const guint16 value = c == 0 ? 0xffff : pixel[c] << 8;
        std::memcpy (&line[(x * 4 + c) * 2], &value, sizeof value);
      } else {
        line[x * 4 + c] = static_cast<guint8> (pixel[c]);
      }
    }
  }
  return line;
}

/* The JPEG pipeline's sink: keeps the first buffer it gets. */
GstFlowReturn
collectorChain (GstPad * pad, GstObject *, GstBuffer * buffer)
{
  auto *collected = static_cast<BufferPtr *> (gst_pad_get_element_private
      (pad));
  if (!*collected)
    collected->reset (buffer);
  else
    gst_buffer_unref (buffer);
  return GST_FLOW_OK;
}

gboolean
collectorEvent (GstPad *, GstObject *, GstEvent * event)
{
  gst_event_unref (event);
  return TRUE;
}

/* Owns a pad linked to a peer for as long as it lives. */
class LinkedPad {
public:
  LinkedPad (GstPad * pad, GstPad * peer) : pad_ (pad) {
    gst_object_ref_sink (pad);
    if (GST_PAD_IS_SRC (pad))
      linked_ = gst_pad_link (pad, peer) == GST_PAD_LINK_OK;
    else
      linked_ = gst_pad_link (peer, pad) == GST_PAD_LINK_OK;
    gst_pad_set_active (pad, TRUE);
  }
  ~LinkedPad () {
    gst_pad_set_active (pad_.get (), FALSE);
    ObjectPtr<GstPad> peer (gst_pad_get_peer (pad_.get ()));
    if (peer && GST_PAD_IS_SRC (pad_.get ()))
      gst_pad_unlink (pad_.get (), peer.get ());
    else if (peer)
      gst_pad_unlink (peer.get (), pad_.get ());
  }
  LinkedPad (const LinkedPad &) = delete;
  LinkedPad &operator= (const LinkedPad &) = delete;

  GstPad *get () const { return pad_.get (); }
  bool linked () const { return linked_; }

private:
  ObjectPtr<GstPad> pad_;
  bool linked_ = false;
};

}  // namespace

GstBuffer *
blackVideoFrame (const GstVideoInfo & info)
{
  const GstVideoFormatInfo *finfo = info.finfo;
  if (finfo == nullptr || finfo->pack_func == nullptr
      || GST_VIDEO_INFO_FORMAT (&info) == GST_VIDEO_FORMAT_ENCODED
      || GST_VIDEO_INFO_SIZE (&info) == 0)
    return nullptr;

  BufferPtr buffer (gst_buffer_new_allocate (nullptr,
          GST_VIDEO_INFO_SIZE (&info), nullptr));
  if (!buffer)
    return nullptr;
  /* Stride padding too: whatever reads the frame reads defined bytes. */
  gst_buffer_memset (buffer.get (), 0, 0, GST_VIDEO_INFO_SIZE (&info));
  /* A buffer of an alternate-field stream holds one field; mapping it as
   * such gives the field's height. */
  if (GST_VIDEO_INFO_INTERLACE_MODE (&info) ==
      GST_VIDEO_INTERLACE_MODE_ALTERNATE)
    GST_BUFFER_FLAG_SET (buffer.get (), GST_VIDEO_BUFFER_FLAG_TOP_FIELD);

  GstVideoFrame frame;
  if (!gst_video_frame_map (&frame, &info, buffer.get (), GST_MAP_WRITE))
    return nullptr;
  if (GST_VIDEO_FORMAT_INFO_HAS_PALETTE (finfo)) {
    size_t paletteSize = 0;
    gconstpointer palette = gst_video_format_get_palette
        (GST_VIDEO_INFO_FORMAT (&info), &paletteSize);
    if (palette)
      std::memcpy (GST_VIDEO_FRAME_PLANE_DATA (&frame, 1), palette,
          paletteSize);
  }
  std::vector<guint8> line = blackLine (info);
  for (gint y = 0; y < GST_VIDEO_FRAME_HEIGHT (&frame); y++)
    finfo->pack_func (finfo, GST_VIDEO_PACK_FLAG_NONE, line.data (), 0,
        frame.data, frame.info.stride, frame.info.chroma_site, y,
        GST_VIDEO_FRAME_WIDTH (&frame));
  gst_video_frame_unmap (&frame);
  GST_BUFFER_FLAGS (buffer.get ()) = 0;
  return buffer.release ();
}

/* jpegenc runs outside any pipeline, fed and drained by pads of our own
 * (as GstHarness does in tests): no bus, clock or thread of its own, and
 * the frame is encoded synchronously in the caller's thread. */
GstBuffer *
blackJpeg (gint width, gint height)
{
  ObjectPtr<GstElement> encoder (gst_element_factory_make ("jpegenc",
          nullptr));
  if (!encoder) {
    GST_WARNING ("jpegenc is missing: no black JPEG");
    return nullptr;
  }
  gst_object_ref_sink (encoder.get ());

  /* JPEG's YCbCr is full range: Y = 0 decodes to RGB (0, 0, 0). */
  GstVideoInfo info;
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_I420, width, height);
  info.colorimetry.range = GST_VIDEO_COLOR_RANGE_0_255;
  BufferPtr frame (blackVideoFrame (info));
  CapsPtr caps (gst_video_info_to_caps (&info));
  if (!frame || !caps)
    return nullptr;

  ObjectPtr<GstPad> encoderSink (gst_element_get_static_pad (encoder.get (),
          "sink"));
  ObjectPtr<GstPad> encoderSrc (gst_element_get_static_pad (encoder.get (),
          "src"));
  BufferPtr collected;
  GstPad *collectorPad = gst_pad_new ("collector", GST_PAD_SINK);
  gst_pad_set_chain_function (collectorPad, collectorChain);
  gst_pad_set_event_function (collectorPad, collectorEvent);
  gst_pad_set_element_private (collectorPad, &collected);
  LinkedPad collector (collectorPad, encoderSrc.get ());
  LinkedPad feeder (gst_pad_new ("feeder", GST_PAD_SRC), encoderSink.get ());
  if (!collector.linked () || !feeder.linked ())
    return nullptr;

  if (gst_element_set_state (encoder.get (), GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE) {
    GstSegment segment;
    gst_segment_init (&segment, GST_FORMAT_TIME);
    gst_pad_push_event (feeder.get (),
        gst_event_new_stream_start ("mediastream-black-jpeg"));
    gst_pad_push_event (feeder.get (), gst_event_new_caps (caps.get ()));
    gst_pad_push_event (feeder.get (), gst_event_new_segment (&segment));
    GST_BUFFER_PTS (frame.get ()) = 0;
    gst_pad_push (feeder.get (), frame.release ());
    gst_pad_push_event (feeder.get (), gst_event_new_eos ());
  }
  gst_element_set_state (encoder.get (), GST_STATE_NULL);
  if (!collected)
    GST_WARNING ("jpegenc made no %dx%d JPEG", width, height);
  return collected.release ();
}

void
BlankMedia::setCaps (const GstCaps * caps)
{
  format_ = Format::None;
  blank_.reset ();
  cannotMake_ = false;
  if (caps == nullptr || gst_caps_get_size (caps) == 0)
    return;

  const GstStructure *s = gst_caps_get_structure (caps, 0);
  if (gst_structure_has_name (s, "image/jpeg")) {
    gint width = 0, height = 0, fpsN = 0, fpsD = 1;
    gst_video_info_init (&video_);
    if (gst_structure_get_int (s, "width", &width)
        && gst_structure_get_int (s, "height", &height)
        && gst_video_info_set_format (&video_, GST_VIDEO_FORMAT_I420, width,
            height)) {
      if (gst_structure_get_fraction (s, "framerate", &fpsN, &fpsD)) {
        video_.fps_n = fpsN;
        video_.fps_d = fpsD;
      }
      format_ = Format::Jpeg;
    }
  } else if (gst_structure_has_name (s, "video/x-raw")) {
    if (gst_video_info_from_caps (&video_, caps))
      format_ = Format::RawVideo;
  } else if (gst_structure_has_name (s, "audio/x-raw")) {
    if (gst_audio_info_from_caps (&audio_, caps))
      format_ = Format::RawAudio;
  }
  /* Black in GL textures or DMABufs would need their APIs: no blank. */
  cannotMake_ = format_ == Format::None || !inSystemMemory (caps);
}

GstBuffer *
BlankMedia::replace (GstBuffer * input)
{
  if (cannotMake_)
    return nullptr;

  GstBuffer *output = nullptr;
  switch (format_) {
    case Format::RawVideo:
      if (!blank_)
        blank_.reset (blackVideoFrame (video_));
      if (blank_)
        output = gst_buffer_copy (blank_.get ());
      break;
    case Format::Jpeg:
      if (!blank_)
        blank_.reset (blackJpeg (GST_VIDEO_INFO_WIDTH (&video_),
                GST_VIDEO_INFO_HEIGHT (&video_)));
      if (blank_)
        output = gst_buffer_copy (blank_.get ());
      break;
    case Format::RawAudio:{
      /* Buffers of a track differ in length: one silence, long enough for
       * the longest so far, lends each the part it needs. */
      const gsize size = gst_buffer_get_size (input);
      if (!blank_ || gst_buffer_get_size (blank_.get ()) < size) {
        blank_.reset (gst_buffer_new_allocate (nullptr, size, nullptr));
        GstMapInfo map;
        if (blank_ && gst_buffer_map (blank_.get (), &map, GST_MAP_WRITE)) {
          gst_audio_format_info_fill_silence (audio_.finfo, map.data,
              map.size);
          gst_buffer_unmap (blank_.get (), &map);
        } else {
          blank_.reset ();
        }
      }
      if (blank_) {
        output = gst_buffer_copy_region (blank_.get (),
            GST_BUFFER_COPY_MEMORY, 0, size);
        if (GST_AUDIO_INFO_LAYOUT (&audio_) ==
            GST_AUDIO_LAYOUT_NON_INTERLEAVED && GST_AUDIO_INFO_BPF (&audio_))
          gst_buffer_add_audio_meta (output, &audio_,
              size / GST_AUDIO_INFO_BPF (&audio_), nullptr);
      }
      break;
    }
    case Format::None:
      break;
  }

  if (!output) {
    cannotMake_ = true;
    return nullptr;
  }
  gst_buffer_copy_into (output, input, static_cast<GstBufferCopyFlags>
      (GST_BUFFER_COPY_FLAGS | GST_BUFFER_COPY_TIMESTAMPS), 0, -1);
  return output;
}

GstClockTime
BlankMedia::durationOf (GstBuffer * input) const
{
  if (GST_BUFFER_DURATION_IS_VALID (input))
    return GST_BUFFER_DURATION (input);
  switch (format_) {
    case Format::RawVideo:
    case Format::Jpeg:
      if (video_.fps_n > 0 && video_.fps_d > 0)
        return gst_util_uint64_scale_int (GST_SECOND, video_.fps_d,
            video_.fps_n);
      break;
    case Format::RawAudio:
      if (GST_AUDIO_INFO_BPF (&audio_) > 0 && GST_AUDIO_INFO_RATE (&audio_) > 0)
        return gst_util_uint64_scale_int (gst_buffer_get_size (input) /
            GST_AUDIO_INFO_BPF (&audio_), GST_SECOND,
            GST_AUDIO_INFO_RATE (&audio_));
      break;
    case Format::None:
      break;
  }
  return GST_CLOCK_TIME_NONE;
}

}  // namespace mediastream
