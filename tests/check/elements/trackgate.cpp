/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* mediastreamtrackgate: a disabled track carries black frames or silence in
 * its own caps and cadence, a silent live source mutes the track, and a
 * stopped, ended or finished track sends EOS and stays ended. */

#include <gst/audio/audio.h>
#include <gst/check/gstharness.h>
#include <gst/check/gsttestclock.h>
#include <gst/video/video.h>

#include "gst-ptr.h"
#include "gsttrackgate.h"

#include "check-main.h"

#include <atomic>
#include <cstring>
#include <string>
#include <vector>

using namespace mediastream;

namespace {

/* A harness around a fresh gate whose messages go to a bus of its own;
 * with a track id and caps when given. */
class Gate {
public:
  explicit Gate (const char *trackId = nullptr, const char *caps = nullptr)
      : h_ (gst_harness_new ("mediastreamtrackgate")), bus_ (gst_bus_new ()) {
    gst_element_set_bus (h_->element, bus_.get ());
    if (trackId)
      g_object_set (h_->element, "track-id", trackId, nullptr);
    if (caps)
      gst_harness_set_src_caps_str (h_, caps);
  }
  ~Gate () {
    /* Queued messages hold the element, which holds the bus. */
    gst_bus_set_flushing (bus_.get (), TRUE);
    gst_harness_teardown (h_);
  }
  Gate (const Gate &) = delete;
  Gate &operator= (const Gate &) = delete;

  GstHarness *h () const { return h_; }
  GstElement *element () const { return h_->element; }

  /* The next element message already posted, or null. */
  StructurePtr popMessage () {
    GstMessage *m = gst_bus_pop_filtered (bus_.get (), GST_MESSAGE_ELEMENT);
    if (!m)
      return nullptr;
    StructurePtr s (gst_structure_copy (gst_message_get_structure (m)));
    gst_message_unref (m);
    return s;
  }

private:
  GstHarness *h_;
  ObjectPtr<GstBus> bus_;
};

bool
hasName (const StructurePtr & s, const char *name)
{
  return s && gst_structure_has_name (s.get (), name);
}

void
setEnabled (GstElement * gate, gboolean enabled)
{
  g_object_set (gate, "enabled", enabled, nullptr);
}

gboolean
isMuted (GstElement * gate)
{
  gboolean muted = FALSE;
  g_object_get (gate, "muted", &muted, nullptr);
  return muted;
}

gint
readyState (GstElement * gate)
{
  gint state = -1;
  g_object_get (gate, "ready-state", &state, nullptr);
  return state;
}

void
countNotify (GObject *, GParamSpec *, gpointer counter)
{
  static_cast<std::atomic<int> *> (counter)->fetch_add (1);
}

/* A buffer of `size` bytes of 0x55 with every timestamp field and a few
 * flags set. */
GstBuffer *
stampedBuffer (gsize size)
{
  GstBuffer *buffer = gst_buffer_new_allocate (nullptr, size, nullptr);
  gst_buffer_memset (buffer, 0, 0x55, size);
  GST_BUFFER_PTS (buffer) = 2 * GST_SECOND;
  GST_BUFFER_DTS (buffer) = 2 * GST_SECOND - GST_MSECOND;
  GST_BUFFER_DURATION (buffer) = 33 * GST_MSECOND;
  GST_BUFFER_OFFSET (buffer) = 60;
  GST_BUFFER_OFFSET_END (buffer) = 61;
  GST_BUFFER_FLAG_SET (buffer, GST_BUFFER_FLAG_DISCONT);
  GST_BUFFER_FLAG_SET (buffer, GST_BUFFER_FLAG_DELTA_UNIT);
  return buffer;
}

void
checkSameStamps (GstBuffer * out, gsize size)
{
  fail_unless_equals_uint64 (GST_BUFFER_PTS (out), 2 * GST_SECOND);
  fail_unless_equals_uint64 (GST_BUFFER_DTS (out), 2 * GST_SECOND -
      GST_MSECOND);
  fail_unless_equals_uint64 (GST_BUFFER_DURATION (out), 33 * GST_MSECOND);
  fail_unless_equals_uint64 (GST_BUFFER_OFFSET (out), 60);
  fail_unless_equals_uint64 (GST_BUFFER_OFFSET_END (out), 61);
  fail_unless (GST_BUFFER_FLAG_IS_SET (out, GST_BUFFER_FLAG_DISCONT));
  fail_unless (GST_BUFFER_FLAG_IS_SET (out, GST_BUFFER_FLAG_DELTA_UNIT));
  fail_unless_equals_uint64 (gst_buffer_get_size (out), size);
}

/* Pushes a stamped buffer of `size` bytes through a disabled gate with
 * `caps`, checks what comes out has its stamps and size, and returns it;
 * then checks that the enabled gate passes the very same buffer on. */
GstBuffer *
blankedBuffer (GstCaps * caps, gsize size)
{
  Gate gate;
  gst_harness_set_src_caps (gate.h (), gst_caps_ref (caps));

  setEnabled (gate.element (), FALSE);
  fail_unless_equals_int (gst_harness_push (gate.h (), stampedBuffer (size)),
      GST_FLOW_OK);
  GstBuffer *blank = gst_harness_pull (gate.h ());
  fail_unless (blank != nullptr);
  checkSameStamps (blank, size);

  setEnabled (gate.element (), TRUE);
  GstBuffer *original = stampedBuffer (size);
  gst_buffer_ref (original);
  fail_unless_equals_int (gst_harness_push (gate.h (), original),
      GST_FLOW_OK);
  GstBuffer *passed = gst_harness_pull (gate.h ());
  fail_unless (passed == original, "the enabled gate copied the buffer");
  gst_buffer_unref (passed);
  gst_buffer_unref (original);
  return blank;
}

/* (The per-pixel checks fail with fail () alone: an assertion per pixel
 * would cost a round trip to check's parent process each.) */

/* Every pixel of `buffer`, unpacked to AYUV / ARGB (8 or 16 bits), has
 * alpha >= `alpha` and exactly `c1`, `c2`, `c3` in the other components,
 * given at 8 bits. */
void
checkUniformPixels (GstBuffer * buffer, const GstVideoInfo & info,
    guint alpha, guint c1, guint c2, guint c3)
{
  GstVideoFrame frame;
  fail_unless (gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ));
  const GstVideoFormatInfo *finfo = info.finfo;
  const GstVideoFormatInfo *unpacked =
      gst_video_format_get_info (finfo->unpack_format);
  const bool wide = GST_VIDEO_FORMAT_INFO_DEPTH (unpacked, 0) > 8;
  const gint width = GST_VIDEO_FRAME_WIDTH (&frame);
  std::vector<guint16> line (width * 4);
  for (gint y = 0; y < GST_VIDEO_FRAME_HEIGHT (&frame); y++) {
    finfo->unpack_func (finfo, GST_VIDEO_PACK_FLAG_TRUNCATE_RANGE,
        line.data (), frame.data, frame.info.stride, 0, y, width);
    for (gint x = 0; x < width; x++) {
      guint value[4];
      for (int c = 0; c < 4; c++) {
        value[c] = wide ? line[x * 4 + c] >> 8 :
            reinterpret_cast<const guint8 *> (line.data ())[x * 4 + c];
      }
      if (value[0] < alpha || value[1] != c1 || value[2] != c2
          || value[3] != c3)
        fail ("%s at %d,%d: %u %u %u %u, wanted %u %u %u %u",
            GST_VIDEO_INFO_NAME (&info), x, y, value[0], value[1], value[2],
            value[3], alpha, c1, c2, c3);
    }
  }
  gst_video_frame_unmap (&frame);
}

/* The bytes of one plane, row by row within the visible width. */
void
checkPlaneBytes (GstBuffer * buffer, const GstVideoInfo & info, guint plane,
    const std::vector<guint8> & pattern)
{
  GstVideoFrame frame;
  fail_unless (gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ));
  const guint8 *data =
      static_cast<const guint8 *> (GST_VIDEO_FRAME_PLANE_DATA (&frame, plane));
  const gint stride = GST_VIDEO_FRAME_PLANE_STRIDE (&frame, plane);
  const gint rows = GST_VIDEO_FORMAT_INFO_SCALE_HEIGHT (info.finfo,
      info.finfo->plane[plane], GST_VIDEO_INFO_HEIGHT (&info));
  const gint rowBytes = GST_VIDEO_FORMAT_INFO_SCALE_WIDTH (info.finfo,
      info.finfo->plane[plane], GST_VIDEO_INFO_WIDTH (&info)) *
      GST_VIDEO_FORMAT_INFO_PSTRIDE (info.finfo, info.finfo->plane[plane]);
  for (gint y = 0; y < rows; y++) {
    for (gint x = 0; x < rowBytes; x++) {
      const guint8 wanted = pattern[x % pattern.size ()];
      if (data[y * stride + x] != wanted)
        fail ("plane %u at byte %d of row %d: %u, wanted %u", plane, x, y,
            data[y * stride + x], wanted);
    }
  }
  gst_video_frame_unmap (&frame);
}

GstVideoInfo
videoInfo (GstVideoFormat format, gint width, gint height)
{
  GstVideoInfo info;
  gst_video_info_set_format (&info, format, width, height);
  info.fps_n = 30;
  info.fps_d = 1;
  return info;
}

GstBuffer *
blankFrame (const GstVideoInfo & info)
{
  CapsPtr caps (gst_video_info_to_caps (&info));
  return blankedBuffer (caps.get (), GST_VIDEO_INFO_SIZE (&info));
}

}  // namespace

GST_START_TEST (test_disabled_video_is_black_in_common_formats)
{
  const guint8 y16 = 16, c128 = 128;
  {
    GstVideoInfo info = videoInfo (GST_VIDEO_FORMAT_I420, 64, 48);
    BufferPtr blank (blankFrame (info));
    checkPlaneBytes (blank.get (), info, 0, {y16});
    checkPlaneBytes (blank.get (), info, 1, {c128});
    checkPlaneBytes (blank.get (), info, 2, {c128});
  }
  {
    GstVideoInfo info = videoInfo (GST_VIDEO_FORMAT_NV12, 64, 48);
    BufferPtr blank (blankFrame (info));
    checkPlaneBytes (blank.get (), info, 0, {y16});
    checkPlaneBytes (blank.get (), info, 1, {c128});
  }
  {
    GstVideoInfo info = videoInfo (GST_VIDEO_FORMAT_YUY2, 64, 48);
    BufferPtr blank (blankFrame (info));
    checkPlaneBytes (blank.get (), info, 0, {y16, c128});
  }
  {
    GstVideoInfo info = videoInfo (GST_VIDEO_FORMAT_RGBA, 64, 48);
    BufferPtr blank (blankFrame (info));
    checkPlaneBytes (blank.get (), info, 0, {0, 0, 0, 255});
  }
  {
    GstVideoInfo info = videoInfo (GST_VIDEO_FORMAT_BGRx, 64, 48);
    BufferPtr blank (blankFrame (info));
    checkUniformPixels (blank.get (), info, 255, 0, 0, 0);
  }
  {
    /* Full range (MJPEG decoded): black is Y = 0. */
    GstVideoInfo info = videoInfo (GST_VIDEO_FORMAT_I420, 64, 48);
    info.colorimetry.range = GST_VIDEO_COLOR_RANGE_0_255;
    BufferPtr blank (blankFrame (info));
    checkPlaneBytes (blank.get (), info, 0, {0});
    checkPlaneBytes (blank.get (), info, 1, {c128});
  }
  {
    /* 10 bits: 64 and 512, little endian. */
    GstVideoInfo info = videoInfo (GST_VIDEO_FORMAT_I420_10LE, 64, 48);
    BufferPtr blank (blankFrame (info));
    checkPlaneBytes (blank.get (), info, 0, {64, 0});
    checkPlaneBytes (blank.get (), info, 1, {0, 2});
  }
  {
    GstVideoInfo info = videoInfo (GST_VIDEO_FORMAT_GRAY8, 64, 48);
    BufferPtr blank (blankFrame (info));
    checkPlaneBytes (blank.get (), info, 0, {0});
  }
}
GST_END_TEST;

GST_START_TEST (test_disabled_video_is_black_in_every_format)
{
  guint count = 0;
  const GstVideoFormat *formats = gst_video_formats_raw (&count);
  guint checked = 0;
  for (guint i = 0; i < count; i++) {
    /* 128x128: whole tiles of every tiled format. */
    GstVideoInfo info = videoInfo (formats[i], 128, 128);
    const GstVideoFormatInfo *finfo = info.finfo;
    if (finfo->pack_func == nullptr || finfo->unpack_func == nullptr)
      continue;
    BufferPtr blank (blankFrame (info));
    const guint black =
        info.colorimetry.range == GST_VIDEO_COLOR_RANGE_16_235 ? 16 : 0;
    /* Opaque is the format's largest alpha (3 in 2 bits: 192 in 8). */
    const guint alphaDepth = GST_VIDEO_FORMAT_INFO_N_COMPONENTS (finfo) > 3 ?
        GST_VIDEO_FORMAT_INFO_DEPTH (finfo, GST_VIDEO_COMP_A) : 8;
    const guint opaque = alphaDepth >= 8 ? 255 :
        ((1u << alphaDepth) - 1) << (8 - alphaDepth);
    if (GST_VIDEO_FORMAT_INFO_IS_YUV (finfo)
        || GST_VIDEO_FORMAT_INFO_IS_GRAY (finfo))
      checkUniformPixels (blank.get (), info, opaque, black, 128, 128);
    else
      checkUniformPixels (blank.get (), info, opaque, black, black, black);
    checked++;
  }
  fail_unless (checked > 50, "only %u formats", checked);
}
GST_END_TEST;

GST_START_TEST (test_disabled_audio_is_silence)
{
  struct Case {
    GstAudioFormat format;
    std::vector<guint8> sample;
  };
  const Case cases[] = {
    {GST_AUDIO_FORMAT_S16LE, {0, 0}},
    {GST_AUDIO_FORMAT_F32LE, {0, 0, 0, 0}},
    {GST_AUDIO_FORMAT_U8, {0x80}},
    {GST_AUDIO_FORMAT_U16LE, {0, 0x80}},
    {GST_AUDIO_FORMAT_S24_32LE, {0, 0, 0, 0}},
  };
  for (const Case & c : cases) {
    for (GstAudioLayout layout : {GST_AUDIO_LAYOUT_INTERLEAVED,
            GST_AUDIO_LAYOUT_NON_INTERLEAVED}) {
      GstAudioInfo info;
      gst_audio_info_set_format (&info, c.format, 48000, 2, nullptr);
      info.layout = layout;
      CapsPtr caps (gst_audio_info_to_caps (&info));
      /* Buffers of a track differ in length: a longer one, then a
       * shorter one. */
      for (gsize frames : {480, 441, 960, 100}) {
        const gsize size = frames * GST_AUDIO_INFO_BPF (&info);
        BufferPtr blank (blankedBuffer (caps.get (), size));
        GstMapInfo map;
        fail_unless (gst_buffer_map (blank.get (), &map, GST_MAP_READ));
        for (gsize b = 0; b < map.size; b++)
          if (map.data[b] != c.sample[b % c.sample.size ()])
            fail ("byte %" G_GSIZE_FORMAT ": %u", b, map.data[b]);
        gst_buffer_unmap (blank.get (), &map);
        GstAudioMeta *meta = gst_buffer_get_audio_meta (blank.get ());
        if (layout == GST_AUDIO_LAYOUT_NON_INTERLEAVED) {
          fail_unless (meta != nullptr);
          fail_unless_equals_uint64 (meta->samples, frames);
        }
      }
    }
  }
}
GST_END_TEST;

GST_START_TEST (test_disabled_stays_black_while_buffers_flow)
{
  Gate gate;
  GstVideoInfo info = videoInfo (GST_VIDEO_FORMAT_I420, 32, 24);
  gst_harness_set_src_caps (gate.h (), gst_video_info_to_caps (&info));
  setEnabled (gate.element (), FALSE);
  for (int i = 0; i < 5; i++) {
    gst_harness_push (gate.h (), stampedBuffer (GST_VIDEO_INFO_SIZE (&info)));
    BufferPtr out (gst_harness_pull (gate.h ()));
    checkPlaneBytes (out.get (), info, 0, {16});
  }
  /* Writing to a blank does not change the next one. */
  {
    gst_harness_push (gate.h (), stampedBuffer (GST_VIDEO_INFO_SIZE (&info)));
    BufferPtr out (gst_harness_pull (gate.h ()));
    out.reset (gst_buffer_make_writable (out.release ()));
    gst_buffer_memset (out.get (), 0, 0xff, gst_buffer_get_size (out.get ()));
  }
  gst_harness_push (gate.h (), stampedBuffer (GST_VIDEO_INFO_SIZE (&info)));
  BufferPtr out (gst_harness_pull (gate.h ()));
  checkPlaneBytes (out.get (), info, 0, {16});
}
GST_END_TEST;

GST_START_TEST (test_disabled_jpeg_is_a_black_jpeg)
{
  Gate gate (nullptr,
      "image/jpeg,width=320,height=240,framerate=30/1");
  setEnabled (gate.element (), FALSE);

  GstHarness *decoder = gst_harness_new ("jpegdec");
  gst_harness_set_src_caps_str (decoder,
      "image/jpeg,width=320,height=240,framerate=30/1");
  for (int i = 0; i < 2; i++) {
    gst_harness_push (gate.h (), stampedBuffer (1000));
    GstBuffer *jpeg = gst_harness_pull (gate.h ());
    fail_unless (jpeg != nullptr);
    checkSameStamps (jpeg, gst_buffer_get_size (jpeg));

    fail_unless_equals_int (gst_harness_push (decoder, jpeg), GST_FLOW_OK);
    BufferPtr decoded (gst_harness_pull (decoder));
    fail_unless (decoded != nullptr);
    CapsPtr caps (gst_pad_get_current_caps (decoder->sinkpad));
    GstVideoInfo info;
    fail_unless (gst_video_info_from_caps (&info, caps.get ()));
    fail_unless_equals_int (GST_VIDEO_INFO_WIDTH (&info), 320);
    fail_unless_equals_int (GST_VIDEO_INFO_HEIGHT (&info), 240);
    GstVideoFrame frame;
    fail_unless (gst_video_frame_map (&frame, &info, decoded.get (),
            GST_MAP_READ));
    /* A JPEG decodes to full-range YCbCr; a flat black picture survives
     * the DCT exactly, give or take rounding. */
    for (guint c = 0; c < GST_VIDEO_FRAME_N_COMPONENTS (&frame); c++) {
      const guint8 *data =
          static_cast<const guint8 *> (GST_VIDEO_FRAME_COMP_DATA (&frame, c));
      const gint wanted = c == 0 ? 0 : 128;
      for (gint y = 0; y < GST_VIDEO_FRAME_COMP_HEIGHT (&frame, c); y++) {
        for (gint x = 0; x < GST_VIDEO_FRAME_COMP_WIDTH (&frame, c); x++) {
          const gint value = data[y * GST_VIDEO_FRAME_COMP_STRIDE (&frame, c)
              + x * GST_VIDEO_FRAME_COMP_PSTRIDE (&frame, c)];
          if (ABS (value - wanted) > 2)
            fail ("component %u at %d,%d: %d", c, x, y, value);
        }
      }
    }
    gst_video_frame_unmap (&frame);
  }
  gst_harness_teardown (decoder);
}
GST_END_TEST;

GST_START_TEST (test_disabled_without_blank_sends_gaps)
{
  Gate gate (nullptr, "video/x-raw(memory:NotSystem),"
      "format=I420,width=64,height=48,framerate=30/1");
  setEnabled (gate.element (), FALSE);
  while (GstEvent * e = gst_harness_try_pull_event (gate.h ()))
    gst_event_unref (e);

  fail_unless_equals_int (gst_harness_push (gate.h (), stampedBuffer (4608)),
      GST_FLOW_OK);
  fail_unless (gst_harness_try_pull (gate.h ()) == nullptr);
  GstEvent *gap = gst_harness_try_pull_event (gate.h ());
  fail_unless (gap != nullptr);
  fail_unless_equals_int (GST_EVENT_TYPE (gap), GST_EVENT_GAP);
  GstClockTime timestamp, duration;
  gst_event_parse_gap (gap, &timestamp, &duration);
  fail_unless_equals_uint64 (timestamp, 2 * GST_SECOND);
  fail_unless_equals_uint64 (duration, 33 * GST_MSECOND);
  gst_event_unref (gap);

  setEnabled (gate.element (), TRUE);
  gst_harness_push (gate.h (), stampedBuffer (4608));
  BufferPtr passed (gst_harness_pull (gate.h ()));
  fail_unless (passed != nullptr);
}
GST_END_TEST;

/* The system clock, which the gate watches for silence, is a test clock
 * for the length of a test. */
class TestSystemClock {
public:
  TestSystemClock () : clock_ (gst_test_clock_new ()) {
    gst_system_clock_set_default (clock_);
  }
  ~TestSystemClock () {
    gst_system_clock_set_default (nullptr);
    gst_object_unref (clock_);
  }
  TestSystemClock (const TestSystemClock &) = delete;
  TestSystemClock &operator= (const TestSystemClock &) = delete;

  GstTestClock *get () const { return GST_TEST_CLOCK (clock_); }

  /* Fires the watches due by `time`. */
  void advanceTo (GstClockTime time) {
    gst_test_clock_set_time (get (), time);
    while (GstClockID id = gst_test_clock_process_next_clock_id (get ()))
      gst_clock_id_unref (id);
  }

private:
  GstClock *clock_;
};


/* The track is not muted 100 ms before `when`, and is at `when`. */
static void
checkMutesAt (TestSystemClock & clock, GstElement * gate, GstClockTime when)
{
  clock.advanceTo (when - 100 * GST_MSECOND);
  fail_if (isMuted (gate));
  clock.advanceTo (when);
  fail_unless (isMuted (gate));
}

GST_START_TEST (test_silent_live_source_mutes_the_track)
{
  TestSystemClock clock;
  Gate gate;
  std::atomic<int> notified {0};
  g_signal_connect (gate.element (), "notify::muted",
      G_CALLBACK (countNotify), &notified);
  g_object_set (gate.element (), "track-id", "camera-1", nullptr);
  GstVideoInfo info = videoInfo (GST_VIDEO_FORMAT_I420, 32, 24);
  gst_harness_set_src_caps (gate.h (), gst_video_info_to_caps (&info));
  const gsize size = GST_VIDEO_INFO_SIZE (&info);

  /* Buffers 400 ms apart: within the grace (500 ms), never muted. */
  for (GstClockTime t = 0; t <= 2 * GST_SECOND; t += 400 * GST_MSECOND) {
    clock.advanceTo (t);
    gst_harness_push (gate.h (), stampedBuffer (size));
    gst_buffer_unref (gst_harness_pull (gate.h ()));
  }
  clock.advanceTo (2 * GST_SECOND + 400 * GST_MSECOND);
  fail_if (isMuted (gate.element ()));
  fail_unless (gate.popMessage () == nullptr);

  /* Then nothing: muted once the grace is over. */
  gst_test_clock_crank (clock.get ());
  fail_unless (isMuted (gate.element ()));
  fail_unless_equals_int (notified.load (), 1);
  StructurePtr muted = gate.popMessage ();
  fail_unless (hasName (muted, GST_MEDIA_STREAM_TRACK_MUTED_MESSAGE));
  fail_unless_equals_string (gst_structure_get_string (muted.get (),
          "track-id"), "camera-1");
  clock.advanceTo (10 * GST_SECOND);
  fail_unless (gate.popMessage () == nullptr);

  /* Data again: unmuted at once. */
  gst_harness_push (gate.h (), stampedBuffer (size));
  fail_if (isMuted (gate.element ()));
  fail_unless_equals_int (notified.load (), 2);
  StructurePtr unmuted = gate.popMessage ();
  fail_unless (hasName (unmuted, GST_MEDIA_STREAM_TRACK_UNMUTED_MESSAGE));
  fail_unless_equals_string (gst_structure_get_string (unmuted.get (),
          "track-id"), "camera-1");

  /* And muted again when it stops again. */
  gst_test_clock_crank (clock.get ());
  fail_unless (isMuted (gate.element ()));
  fail_unless (hasName (gate.popMessage (),
          GST_MEDIA_STREAM_TRACK_MUTED_MESSAGE));
}
GST_END_TEST;

GST_START_TEST (test_grace_follows_the_buffer_duration)
{
  TestSystemClock clock;
  Gate gate (nullptr,
      "video/x-raw,format=GRAY8,width=8,height=8,framerate=1/1");
  /* A 1 fps camera: 3 frame intervals of silence are normal. */
  clock.advanceTo (GST_SECOND);
  GstBuffer *frame = stampedBuffer (64);
  GST_BUFFER_DURATION (frame) = GST_SECOND;
  gst_harness_push (gate.h (), frame);
  checkMutesAt (clock, gate.element (), 4 * GST_SECOND);
}
GST_END_TEST;

GST_START_TEST (test_first_buffer_gets_a_longer_grace)
{
  TestSystemClock clock;
  Gate gate;
  checkMutesAt (clock, gate.element (), 3 * GST_SECOND);
}
GST_END_TEST;

GST_START_TEST (test_non_live_source_is_never_muted)
{
  TestSystemClock clock;
  Gate gate;
  gst_harness_set_live (gate.h (), FALSE);
  gst_element_set_state (gate.element (), GST_STATE_PAUSED);
  gst_element_set_state (gate.element (), GST_STATE_PLAYING);
  gst_harness_set_src_caps_str (gate.h (),
      "video/x-raw,format=GRAY8,width=8,height=8,framerate=30/1");
  gst_harness_push (gate.h (), stampedBuffer (64));
  clock.advanceTo (60 * GST_SECOND);
  fail_if (isMuted (gate.element ()));
  fail_unless (gate.popMessage () == nullptr);
}
GST_END_TEST;

GST_START_TEST (test_paused_track_is_not_watched)
{
  TestSystemClock clock;
  Gate gate (nullptr,
      "video/x-raw,format=GRAY8,width=8,height=8,framerate=30/1");
  gst_harness_push (gate.h (), stampedBuffer (64));
  gst_element_set_state (gate.element (), GST_STATE_PAUSED);
  clock.advanceTo (60 * GST_SECOND);
  fail_if (isMuted (gate.element ()));
  /* PLAYING again: the startup grace starts over. */
  gst_element_set_state (gate.element (), GST_STATE_PLAYING);
  checkMutesAt (clock, gate.element (), 63 * GST_SECOND);
}
GST_END_TEST;

namespace {

/* Waits (up to a generous limit) for the element message `name` from the
 * pipeline's bus. */
StructurePtr
waitForMessage (GstElement * pipeline, const char *name)
{
  ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline));
  const gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < end) {
    GstMessage *m = gst_bus_timed_pop_filtered (bus.get (), GST_SECOND,
        static_cast<GstMessageType> (GST_MESSAGE_ELEMENT |
            GST_MESSAGE_ERROR));
    if (!m)
      continue;
    fail_if (GST_MESSAGE_TYPE (m) == GST_MESSAGE_ERROR, "error from %s",
        GST_OBJECT_NAME (GST_MESSAGE_SRC (m)));
    StructurePtr s (gst_structure_copy (gst_message_get_structure (m)));
    gst_message_unref (m);
    if (gst_structure_has_name (s.get (), name))
      return s;
  }
  fail ("no %s message", name);
  return nullptr;
}

void
waitForEosMessage (GstElement * pipeline)
{
  ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline));
  GstMessage *m = gst_bus_timed_pop_filtered (bus.get (), 60 * GST_SECOND,
      static_cast<GstMessageType> (GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
  fail_unless (m != nullptr, "no EOS");
  fail_unless_equals_int (GST_MESSAGE_TYPE (m), GST_MESSAGE_EOS);
  gst_message_unref (m);
}

ObjectPtr<GstElement>
launch (const char *description)
{
  GError *error = nullptr;
  ObjectPtr<GstElement> pipeline (gst_parse_launch (description, &error));
  fail_unless (error == nullptr, "%s", error ? error->message : "");
  return pipeline;
}

ObjectPtr<GstElement>
byName (GstElement * pipeline, const char *name)
{
  return ObjectPtr<GstElement> (gst_bin_get_by_name (GST_BIN (pipeline),
          name));
}

GstPadProbeReturn
holdData (GstPad *, GstPadProbeInfo *, gpointer)
{
  return GST_PAD_PROBE_OK;
}

/* A live camera in a pipeline stalls (its thread held in a blocking probe),
 * after its first frames or from the start, and then recovers. */
void
checkStalledCamera (bool afterFirstFrames)
{
  auto pipeline = launch ("videotestsrc name=src is-live=true ! "
      "video/x-raw,width=64,height=48,framerate=30/1 ! "
      "mediastreamtrackgate name=gate track-id=cam ! fakesink");
  auto gate = byName (pipeline.get (), "gate");
  auto src = byName (pipeline.get (), "src");
  ObjectPtr<GstPad> srcpad (gst_element_get_static_pad (src.get (), "src"));
  gulong probe = 0;
  if (!afterFirstFrames)
    probe = gst_pad_add_probe (srcpad.get (),
        GST_PAD_PROBE_TYPE_BLOCK_DOWNSTREAM, holdData, nullptr, nullptr);
  fail_if (gst_element_set_state (pipeline.get (), GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  if (afterFirstFrames) {
    fail_if (gst_element_get_state (pipeline.get (), nullptr, nullptr,
            60 * GST_SECOND) == GST_STATE_CHANGE_FAILURE);
    ObjectPtr<GstPad> gatesink (gst_element_get_static_pad (gate.get (),
            "sink"));
    for (int i = 0; i < 600 && !gst_pad_has_current_caps (gatesink.get ());
        i++)
      g_usleep (100 * 1000);
    fail_unless (gst_pad_has_current_caps (gatesink.get ()));
    probe = gst_pad_add_probe (srcpad.get (),
        GST_PAD_PROBE_TYPE_BLOCK_DOWNSTREAM, holdData, nullptr, nullptr);
  }

  /* (A loaded machine may mute and unmute a running camera too: wait for
   * the mute that lasts.) */
  do {
    StructurePtr muted = waitForMessage (pipeline.get (),
        GST_MEDIA_STREAM_TRACK_MUTED_MESSAGE);
    fail_unless_equals_string (gst_structure_get_string (muted.get (),
            "track-id"), "cam");
  } while (!isMuted (gate.get ()));

  gst_pad_remove_probe (srcpad.get (), probe);
  StructurePtr unmuted = waitForMessage (pipeline.get (),
      GST_MEDIA_STREAM_TRACK_UNMUTED_MESSAGE);
  fail_unless_equals_string (gst_structure_get_string (unmuted.get (),
          "track-id"), "cam");
  gst_element_set_state (pipeline.get (), GST_STATE_NULL);
}

}  // namespace

GST_START_TEST (test_stalled_camera_mutes_and_unmutes)
{
  checkStalledCamera (true);
}
GST_END_TEST;

GST_START_TEST (test_camera_that_never_starts_is_muted)
{
  checkStalledCamera (false);
}
GST_END_TEST;

namespace {

/* Pulls events from the harness until EOS; fails when none comes. */
void
pullUntilEos (GstHarness * h)
{
  while (GstEvent * e = gst_harness_pull_event (h)) {
    const bool eos = GST_EVENT_TYPE (e) == GST_EVENT_EOS;
    gst_event_unref (e);
    if (eos)
      return;
  }
  fail ("no EOS downstream");
}

/* The track has ended and has said why in a message. */
void
checkEnded (Gate & gate, const char *trackId, const char *reason)
{
  fail_unless_equals_int (readyState (gate.element ()),
      GST_MEDIA_STREAM_TRACK_STATE_ENDED);
  StructurePtr message = gate.popMessage ();
  fail_unless (hasName (message, GST_MEDIA_STREAM_TRACK_ENDED_MESSAGE));
  fail_unless_equals_string (gst_structure_get_string (message.get (),
          "track-id"), trackId);
  fail_unless_equals_string (gst_structure_get_string (message.get (),
          "reason"), reason);
}

}  // namespace

GST_START_TEST (test_stop_ends_the_track)
{
  Gate gate ("mic",
      "audio/x-raw,format=S16LE,rate=48000,channels=1,layout=interleaved");
  std::atomic<int> notified {0};
  g_signal_connect (gate.element (), "notify::ready-state",
      G_CALLBACK (countNotify), &notified);
  gst_harness_push (gate.h (), stampedBuffer (960));
  gst_buffer_unref (gst_harness_pull (gate.h ()));
  fail_unless_equals_int (readyState (gate.element ()),
      GST_MEDIA_STREAM_TRACK_STATE_LIVE);

  g_signal_emit_by_name (gate.element (), "stop");
  /* Ended when stop() returns. */
  checkEnded (gate, "mic", "stopped");
  fail_unless_equals_int (notified.load (), 1);
  pullUntilEos (gate.h ());

  /* What comes afterwards is dropped quietly... */
  fail_unless_equals_int (gst_harness_push (gate.h (), stampedBuffer (960)),
      GST_FLOW_OK);
  fail_unless (gst_harness_try_pull (gate.h ()) == nullptr);
  fail_unless (gst_harness_push_event (gate.h (),
          gst_event_new_tag (gst_tag_list_new_empty ())));
  fail_unless (gst_harness_try_pull_event (gate.h ()) == nullptr);
  /* ...or refused with EOS. */
  g_object_set (gate.element (), "eos-upstream", TRUE, nullptr);
  fail_unless_equals_int (gst_harness_push (gate.h (), stampedBuffer (960)),
      GST_FLOW_EOS);

  /* Once ended, always ended. */
  g_signal_emit_by_name (gate.element (), "stop");
  g_signal_emit_by_name (gate.element (), "end", "device-lost");
  fail_unless (gst_harness_push_event (gate.h (), gst_event_new_eos ()));
  fail_unless (gate.popMessage () == nullptr);
  fail_unless_equals_int (notified.load (), 1);
  fail_unless_equals_int (readyState (gate.element ()),
      GST_MEDIA_STREAM_TRACK_STATE_ENDED);
}
GST_END_TEST;

GST_START_TEST (test_ended_track_ends_again_after_a_flush)
{
  Gate gate (nullptr,
      "video/x-raw,format=GRAY8,width=8,height=8,framerate=30/1");
  /* (Ended from this thread: an EOS still on its way from another one
   * when the flush starts may stay downstream, which is no harm but not
   * what this test looks at.) */
  fail_unless (gst_harness_push_event (gate.h (), gst_event_new_eos ()));
  pullUntilEos (gate.h ());

  fail_unless (gst_harness_push_event (gate.h (),
          gst_event_new_flush_start ()));
  fail_unless (gst_harness_push_event (gate.h (),
          gst_event_new_flush_stop (TRUE)));
  pullUntilEos (gate.h ());
  GstSegment segment;
  gst_segment_init (&segment, GST_FORMAT_TIME);
  fail_unless (gst_harness_push_event (gate.h (),
          gst_event_new_segment (&segment)));
  fail_unless_equals_int (gst_harness_push (gate.h (), stampedBuffer (64)),
      GST_FLOW_OK);
  fail_unless (gst_harness_try_pull (gate.h ()) == nullptr);
}
GST_END_TEST;

GST_START_TEST (test_stop_before_any_data)
{
  Gate gate;
  g_signal_emit_by_name (gate.element (), "stop");
  checkEnded (gate, "", "stopped");
  pullUntilEos (gate.h ());
}
GST_END_TEST;

GST_START_TEST (test_end_for_device_loss)
{
  Gate gate ("cam",
      "video/x-raw,format=GRAY8,width=8,height=8,framerate=30/1");
  g_signal_emit_by_name (gate.element (), "end", "device-lost");
  checkEnded (gate, "cam", "device-lost");
  pullUntilEos (gate.h ());
}
GST_END_TEST;

GST_START_TEST (test_upstream_eos_ends_the_track)
{
  Gate gate ("file-audio",
      "audio/x-raw,format=F32LE,rate=44100,channels=2,layout=interleaved");
  gst_harness_push (gate.h (), stampedBuffer (1024));
  gst_buffer_unref (gst_harness_pull (gate.h ()));

  fail_unless (gst_harness_push_event (gate.h (), gst_event_new_eos ()));
  checkEnded (gate, "file-audio", "source-ended");
  pullUntilEos (gate.h ());
  /* One EOS, not one of its own as well. */
  fail_unless (gst_harness_try_pull_event (gate.h ()) == nullptr);
  g_signal_emit_by_name (gate.element (), "stop");
  fail_unless (gate.popMessage () == nullptr);
}
GST_END_TEST;

GST_START_TEST (test_stopped_live_pipeline_ends_and_stays_ended)
{
  auto pipeline = launch ("videotestsrc is-live=true ! "
      "video/x-raw,width=64,height=48,framerate=30/1 ! "
      "mediastreamtrackgate name=gate track-id=cam ! fakesink");
  auto gate = byName (pipeline.get (), "gate");
  fail_if (gst_element_set_state (pipeline.get (), GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  fail_if (gst_element_get_state (pipeline.get (), nullptr, nullptr,
          60 * GST_SECOND) == GST_STATE_CHANGE_FAILURE);

  g_signal_emit_by_name (gate.get (), "stop");
  fail_unless_equals_int (readyState (gate.get ()),
      GST_MEDIA_STREAM_TRACK_STATE_ENDED);
  StructurePtr ended = waitForMessage (pipeline.get (),
      GST_MEDIA_STREAM_TRACK_ENDED_MESSAGE);
  fail_unless_equals_string (gst_structure_get_string (ended.get (),
          "reason"), "stopped");
  waitForEosMessage (pipeline.get ());

  /* Restarted, the track is still ended and says so again downstream. */
  gst_element_set_state (pipeline.get (), GST_STATE_READY);
  fail_if (gst_element_set_state (pipeline.get (), GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  waitForEosMessage (pipeline.get ());
  fail_unless_equals_int (readyState (gate.get ()),
      GST_MEDIA_STREAM_TRACK_STATE_ENDED);
  gst_element_set_state (pipeline.get (), GST_STATE_NULL);
}
GST_END_TEST;

namespace {

struct FrameCounts {
  std::atomic<int> black {0};
  std::atomic<int> white {0};
  std::atomic<int> mixed {0};
};

/* Each I420 frame is all black or all white, never a mix. */
void
classifyFrame (GstElement *, GstBuffer * buffer, GstPad * pad,
    gpointer data)
{
  auto *counts = static_cast<FrameCounts *> (data);
  CapsPtr caps (gst_pad_get_current_caps (pad));
  GstVideoInfo info;
  GstVideoFrame frame;
  if (!caps || !gst_video_info_from_caps (&info, caps.get ())
      || !gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ)) {
    counts->mixed++;
    return;
  }
  const guint8 *y = static_cast<const guint8 *> (GST_VIDEO_FRAME_PLANE_DATA
      (&frame, 0));
  const gint stride = GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0);
  const guint8 first = y[0];
  bool uniform = first == 16 || first == 235;
  for (gint row = 0; row < GST_VIDEO_FRAME_HEIGHT (&frame); row++)
    for (gint x = 0; x < GST_VIDEO_FRAME_WIDTH (&frame); x++)
      uniform = uniform && y[row * stride + x] == first;
  gst_video_frame_unmap (&frame);
  if (!uniform)
    counts->mixed++;
  else if (first == 16)
    counts->black++;
  else
    counts->white++;
}

}  // namespace

GST_START_TEST (test_enabled_changes_while_streaming)
{
  auto pipeline = launch ("videotestsrc pattern=white num-buffers=300 ! "
      "video/x-raw,format=I420,width=32,height=24 ! "
      "mediastreamtrackgate name=gate ! "
      "fakesink name=sink signal-handoffs=true sync=false");
  auto gate = byName (pipeline.get (), "gate");
  auto sink = byName (pipeline.get (), "sink");
  FrameCounts counts;
  g_signal_connect (sink.get (), "handoff", G_CALLBACK (classifyFrame),
      &counts);
  ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline.get ()));
  fail_if (gst_element_set_state (pipeline.get (), GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  gboolean enabled = TRUE;
  GstMessage *m = nullptr;
  while (!(m = gst_bus_pop_filtered (bus.get (),
              static_cast<GstMessageType> (GST_MESSAGE_EOS |
                  GST_MESSAGE_ERROR)))) {
    enabled = !enabled;
    setEnabled (gate.get (), enabled);
    g_usleep (100);
  }
  fail_unless_equals_int (GST_MESSAGE_TYPE (m), GST_MESSAGE_EOS);
  gst_message_unref (m);
  gst_element_set_state (pipeline.get (), GST_STATE_NULL);
  fail_unless_equals_int (counts.mixed.load (), 0);
  fail_unless_equals_int (counts.black.load () + counts.white.load (), 300);
}
GST_END_TEST;

static Suite *
trackgate_suite (void)
{
  Suite *s = suite_create ("mediastreamtrackgate");
  TCase *enabled = tcase_create ("enabled");
  suite_add_tcase (s, enabled);
  tcase_add_test (enabled, test_disabled_video_is_black_in_common_formats);
  tcase_add_test (enabled, test_disabled_video_is_black_in_every_format);
  tcase_add_test (enabled, test_disabled_audio_is_silence);
  tcase_add_test (enabled, test_disabled_stays_black_while_buffers_flow);
  tcase_add_test (enabled, test_disabled_jpeg_is_a_black_jpeg);
  tcase_add_test (enabled, test_disabled_without_blank_sends_gaps);
  tcase_add_test (enabled, test_enabled_changes_while_streaming);

  TCase *muted = tcase_create ("muted");
  suite_add_tcase (s, muted);
  tcase_add_test (muted, test_silent_live_source_mutes_the_track);
  tcase_add_test (muted, test_grace_follows_the_buffer_duration);
  tcase_add_test (muted, test_first_buffer_gets_a_longer_grace);
  tcase_add_test (muted, test_non_live_source_is_never_muted);
  tcase_add_test (muted, test_paused_track_is_not_watched);
  tcase_add_test (muted, test_stalled_camera_mutes_and_unmutes);
  tcase_add_test (muted, test_camera_that_never_starts_is_muted);

  TCase *ended = tcase_create ("ended");
  suite_add_tcase (s, ended);
  tcase_add_test (ended, test_stop_ends_the_track);
  tcase_add_test (ended, test_ended_track_ends_again_after_a_flush);
  tcase_add_test (ended, test_stop_before_any_data);
  tcase_add_test (ended, test_end_for_device_loss);
  tcase_add_test (ended, test_upstream_eos_ends_the_track);
  tcase_add_test (ended, test_stopped_live_pipeline_ends_and_stays_ended);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (trackgate);
