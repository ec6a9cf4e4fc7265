/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* constraintfilter in real pipelines: passthrough, steering the source,
 * each conversion, MJPEG, audio, applyConstraints at runtime (accepted and
 * rejected), errors, and parity with gst-mediastream-1.0 select. */

/* nlohmann/json.hpp must come before check.h, whose fail() macro it trips */
#include "fake-devices.h"
#include "gst-caps.h"
#include "gst-ptr.h"
#include "json.h"
#include "select-settings.h"
#include "thread-signal.h"

#include "check-main.h"

#include <gst/base/gstpushsrc.h>
#include <gst/video/video.h>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

using namespace mediastream;

namespace {

/* A running pipeline whose element named "sink" is watched: the caps and
 * number of buffers that reach it. */
class Watched {
public:
  explicit Watched (const std::string &description,
      const char *constraints = nullptr) {
    GError *error = nullptr;
    pipeline_ = gst_parse_launch (description.c_str (), &error);
    fail_unless (pipeline_ != nullptr, "%s: %s", description.c_str (),
        error ? error->message : "");
    g_clear_error (&error);
    filter_ = gst_bin_get_by_name (GST_BIN (pipeline_), "f");
    if (constraints)
      g_object_set (filter_, "constraints", constraints, nullptr);
    GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline_), "sink");
    fail_unless (sink != nullptr);
    ObjectPtr<GstPad> pad (gst_element_get_static_pad (sink, "sink"));
    gst_pad_add_probe (pad.get (), GST_PAD_PROBE_TYPE_BUFFER,
        [] (GstPad * p, GstPadProbeInfo *, gpointer data) {
          auto *self = static_cast<Watched *> (data);
          CapsPtr caps (gst_pad_get_current_caps (p));
          std::lock_guard<std::mutex> guard (self->lock_);
          self->buffers_++;
          if (caps) {
            GCharPtr text (gst_caps_to_string (caps.get ()));
            if (self->history_.empty ()
                || self->history_.back () != text.get ())
              self->history_.push_back (text.get ());
            self->caps_ = text.get ();
          }
          return GST_PAD_PROBE_OK;
        }, this, nullptr);
    gst_object_unref (sink);
  }

  ~Watched () {
    gst_element_set_state (pipeline_, GST_STATE_NULL);
    if (filter_)
      gst_object_unref (filter_);
    gst_object_unref (pipeline_);
  }

  GstElement *filter () const { return filter_; }
  GstElement *pipeline () const { return pipeline_; }

  GstStateChangeReturn play () {
    return gst_element_set_state (pipeline_, GST_STATE_PLAYING);
  }

  int buffers () {
    std::lock_guard<std::mutex> guard (lock_);
    return buffers_;
  }

  std::string caps () {
    std::lock_guard<std::mutex> guard (lock_);
    return caps_;
  }

  /* Every caps the sink has seen, in order, each once per change. */
  std::vector<std::string> capsHistory () {
    std::lock_guard<std::mutex> guard (lock_);
    return history_;
  }

  /* Waits for `count` more buffers; fails on an error message. */
  void waitBuffers (int count) {
    const int target = buffers () + count;
    ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline_));
    for (int i = 0; i < 1000 && buffers () < target; i++) {
      GstMessage *m = gst_bus_timed_pop_filtered (bus.get (), 10 * GST_MSECOND,
          GST_MESSAGE_ERROR);
      if (m) {
        GError *error = nullptr;
        gst_message_parse_error (m, &error, nullptr);
        fail ("error while waiting for buffers: %s", error->message);
      }
    }
    fail_unless (buffers () >= target, "only %d of %d buffers", buffers (),
        target);
  }

  /* The next message of `type` on the bus, within ten seconds. */
  GstMessage *waitMessage (GstMessageType type) {
    ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline_));
    return gst_bus_timed_pop_filtered (bus.get (), 10 * GST_SECOND, type);
  }

  /* The caps at the sink once they equal `expected` (a change takes a few
   * frames to arrive). */
  void waitCaps (GstCaps * expected) {
    for (int i = 0; i < 200; i++) {
      waitBuffers (1);
      CapsPtr now (gst_caps_from_string (caps ().c_str ()));
      if (now && gst_caps_is_subset (now.get (), expected))
        return;
    }
    GCharPtr text (gst_caps_to_string (expected));
    fail ("caps never became %s (last %s)", text.get (), caps ().c_str ());
  }

  /* The factories between the filter's two capsfilters, following the
   * links: what the data really goes through. */
  std::vector<std::string> converters () const {
    std::vector<std::string> names;
    ObjectPtr<GstElement> e (gst_bin_get_by_name (GST_BIN (filter_),
            "source-caps"));
    while (e) {
      ObjectPtr<GstPad> src (gst_element_get_static_pad (e.get (), "src"));
      ObjectPtr<GstPad> peer (gst_pad_get_peer (src.get ()));
      fail_unless (peer != nullptr);
      e.reset (gst_pad_get_parent_element (peer.get ()));
      if (!e || g_strcmp0 (GST_OBJECT_NAME (e.get ()), "output-caps") == 0)
        break;
      names.push_back (GST_OBJECT_NAME (gst_element_get_factory (e.get ())));
    }
    return names;
  }

private:
  GstElement *pipeline_ = nullptr;
  GstElement *filter_ = nullptr;
  std::mutex lock_;
  int buffers_ = 0;
  std::string caps_;
  std::vector<std::string> history_;
};

std::string
stringProperty (GstElement * e, const char *name)
{
  gchar *value = nullptr;
  g_object_get (e, name, &value, nullptr);
  std::string s = value ? value : "";
  g_free (value);
  return s;
}

nlohmann::json
settingsOf (GstElement * filter)
{
  return nlohmann::json::parse (stringProperty (filter, "settings"));
}

bool
capsMatch (const std::string & actual, const char *expected)
{
  CapsPtr a (gst_caps_from_string (actual.c_str ()));
  CapsPtr e (gst_caps_from_string (expected));
  return a && e && gst_caps_is_subset (a.get (), e.get ());
}

#define assert_caps(actual, expected) \
  fail_unless (capsMatch (actual, expected), "caps %s are not %s", \
      (actual).c_str (), expected)

const char *kLiveSource = "videotestsrc is-live=true pattern=ball";

}  // namespace

/* A camera as v4l2src negotiates: discrete modes whose caps say nothing of
 * the pixel aspect ratio, left to GstBaseSrc's default fixation (which
 * takes the lowest value downstream allows). videotestsrc fixates it to
 * 1/1 itself, so it cannot stand in. */
#define PLAIN_CAMERA_MODES \
  "video/x-raw,format=YUY2,width=640,height=360,framerate=30/1; " \
  "video/x-raw,format=YUY2,width=1280,height=720,framerate=30/1"

struct PlainCamera {
  GstPushSrc parent;
  gsize frameSize;
  /* Sends its caps without the pixel aspect ratio, as appsrc and some
   * decoders do. */
  gboolean unsaidPixelAspectRatio;
};

struct PlainCameraClass {
  GstPushSrcClass parent_class;
};

GType plain_camera_get_type (void);
G_DEFINE_TYPE (PlainCamera, plain_camera, GST_TYPE_PUSH_SRC);

static gboolean
plain_camera_set_caps (GstBaseSrc * src, GstCaps * caps)
{
  GstVideoInfo info;
  if (!gst_video_info_from_caps (&info, caps))
    return FALSE;
  reinterpret_cast<PlainCamera *> (src)->frameSize = info.size;
  return TRUE;
}

static GstCaps *
plain_camera_fixate (GstBaseSrc * src, GstCaps * caps)
{
  caps = GST_BASE_SRC_CLASS (plain_camera_parent_class)->fixate (src, caps);
  if (reinterpret_cast<PlainCamera *> (src)->unsaidPixelAspectRatio) {
    caps = gst_caps_make_writable (caps);
    gst_structure_remove_field (gst_caps_get_structure (caps, 0),
        "pixel-aspect-ratio");
  }
  return caps;
}

static void
plain_camera_set_property (GObject * object, guint, const GValue * value,
    GParamSpec *)
{
  reinterpret_cast<PlainCamera *> (object)->unsaidPixelAspectRatio =
      g_value_get_boolean (value);
}

static void
plain_camera_get_property (GObject * object, guint, GValue * value,
    GParamSpec *)
{
  g_value_set_boolean (value,
      reinterpret_cast<PlainCamera *> (object)->unsaidPixelAspectRatio);
}

static GstFlowReturn
plain_camera_create (GstPushSrc * src, GstBuffer ** buffer)
{
  /* Paced like a 30 fps camera; do-timestamp stamps the capture time. */
  g_usleep (G_USEC_PER_SEC / 30);
  const gsize size = reinterpret_cast<PlainCamera *> (src)->frameSize;
  *buffer = gst_buffer_new_allocate (nullptr, size, nullptr);
  gst_buffer_memset (*buffer, 0, 0x80, size);
  return GST_FLOW_OK;
}

static void
plain_camera_init (PlainCamera * self)
{
  gst_base_src_set_live (GST_BASE_SRC (self), TRUE);
  gst_base_src_set_format (GST_BASE_SRC (self), GST_FORMAT_TIME);
  gst_base_src_set_do_timestamp (GST_BASE_SRC (self), TRUE);
}

static void
plain_camera_class_init (PlainCameraClass * klass)
{
  static GstStaticPadTemplate src = GST_STATIC_PAD_TEMPLATE ("src",
      GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS (PLAIN_CAMERA_MODES));
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  gst_element_class_add_static_pad_template (element_class, &src);
  gst_element_class_set_static_metadata (element_class, "Plain camera",
      "Source/Video", "Test source negotiating like v4l2src", "tests");
  G_OBJECT_CLASS (klass)->set_property = plain_camera_set_property;
  G_OBJECT_CLASS (klass)->get_property = plain_camera_get_property;
  g_object_class_install_property (G_OBJECT_CLASS (klass), 1,
      g_param_spec_boolean ("unsaid-pixel-aspect-ratio", "", "", FALSE,
          (GParamFlags) (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));
  GST_BASE_SRC_CLASS (klass)->fixate = plain_camera_fixate;
  GST_BASE_SRC_CLASS (klass)->set_caps = plain_camera_set_caps;
  GST_PUSH_SRC_CLASS (klass)->create = plain_camera_create;
}

GST_START_TEST (test_passthrough_has_no_converter)
{
  Watched w (std::string (kLiveSource) + " ! video/x-raw,width=640,height=480,"
      "framerate=30/1 ! constraintfilter name=f ! fakesink name=sink");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (3);
  fail_unless (w.converters ().empty ());
  assert_caps (w.caps (), "video/x-raw,width=640,height=480,framerate=30/1");
  auto settings = settingsOf (w.filter ());
  fail_unless_equals_int (settings["width"].get<int> (), 640);
  fail_unless (settings["resizeMode"] == "none");
  const std::string kind = stringProperty (w.filter (), "kind");
  fail_unless_equals_string (kind.c_str (), "video");
}
GST_END_TEST;

GST_START_TEST (test_steers_a_ranged_source_to_the_asked_mode)
{
  Watched w (std::string (kLiveSource) + " ! constraintfilter name=f ! "
      "fakesink name=sink", "{\"width\":1280,\"height\":720,\"frameRate\":15}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  assert_caps (w.caps (), "video/x-raw,width=1280,height=720,framerate=15/1");
  /* the source produces it natively: nothing converts */
  fail_unless (w.converters ().empty ());
}
GST_END_TEST;

GST_START_TEST (test_crop_and_scale_to_an_aspect_ratio)
{
  Watched w (std::string (kLiveSource) + " ! video/x-raw,width=1920,"
      "height=1080,framerate=30/1 ! constraintfilter name=f ! fakesink name=sink",
      "{\"width\":{\"exact\":1280},\"aspectRatio\":{\"exact\":1.3333333333}}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  assert_caps (w.caps (), "video/x-raw,width=1280,height=960,framerate=30/1");
  auto converters = w.converters ();
  fail_unless (std::find (converters.begin (), converters.end (),
          "videocrop") != converters.end ());
  fail_unless (std::find (converters.begin (), converters.end (),
          "videoconvertscale") != converters.end ());
  auto settings = settingsOf (w.filter ());
  fail_unless (settings["resizeMode"] == "crop-and-scale");
  fail_unless_equals_float (settings["aspectRatio"].get<double> (),
      1.3333333333);
}
GST_END_TEST;

GST_START_TEST (test_decimates_without_duplicating)
{
  Watched w (std::string (kLiveSource) + " ! video/x-raw,width=320,"
      "height=240,framerate=30/1 ! constraintfilter name=f ! fakesink name=sink",
      "{\"frameRate\":{\"max\":10}}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  assert_caps (w.caps (), "video/x-raw,width=320,height=240,framerate=10/1");
  auto converters = w.converters ();
  fail_unless (converters == std::vector<std::string> { "videorate" });
  gboolean dropOnly = FALSE;
  GstIterator *it = gst_bin_iterate_all_by_element_factory_name (GST_BIN
      (w.filter ()), "videorate");
  GValue item = G_VALUE_INIT;
  fail_unless (gst_iterator_next (it, &item) == GST_ITERATOR_OK);
  g_object_get (g_value_get_object (&item), "drop-only", &dropOnly, nullptr);
  g_value_unset (&item);
  gst_iterator_free (it);
  fail_unless (dropOnly);
}
GST_END_TEST;

GST_START_TEST (test_mjpeg_decoded_only_when_raw_is_wanted)
{
  const std::string jpegCamera = std::string (kLiveSource) +
      " ! video/x-raw,width=640,height=480,framerate=30/1 ! jpegenc ! "
      "image/jpeg,width=640,height=480,framerate=30/1";
  {
    Watched w (jpegCamera + " ! constraintfilter name=f ! videoconvert ! "
        "fakesink name=sink");
    fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
    w.waitBuffers (2);
    assert_caps (w.caps (), "video/x-raw,width=640,height=480");
    fail_unless (w.converters () == std::vector<std::string> { "jpegdec" });
  }
  {
    Watched w (jpegCamera + " ! constraintfilter name=f ! matroskamux ! "
        "fakesink name=sink");
    fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
    w.waitBuffers (2);
    fail_unless (w.converters ().empty ());
  }
  {
    Watched w (jpegCamera + " ! constraintfilter name=f ! fakesink name=sink",
        "{\"width\":320}");
    fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
    w.waitBuffers (2);
    assert_caps (w.caps (), "video/x-raw,width=320,height=240");
    auto converters = w.converters ();
    fail_unless (converters.front () == "jpegdec");
  }
}
GST_END_TEST;

GST_START_TEST (test_audio_resample_and_remix)
{
  Watched w ("audiotestsrc is-live=true ! audio/x-raw,format=S16LE,"
      "rate=44100,channels=2 ! constraintfilter name=f ! fakesink name=sink",
      "{\"sampleRate\":16000,\"channelCount\":1}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  assert_caps (w.caps (), "audio/x-raw,rate=16000,channels=1");
  fail_unless (w.converters () == (std::vector<std::string> { "audioconvert",
              "audioresample" }));
  auto settings = settingsOf (w.filter ());
  fail_unless_equals_int (settings["sampleRate"].get<int> (), 16000);
  fail_unless_equals_int (settings["channelCount"].get<int> (), 1);
  fail_unless_equals_int (settings["sampleSize"].get<int> (), 16);
  const std::string kind = stringProperty (w.filter (), "kind");
  fail_unless_equals_string (kind.c_str (), "audio");
}
GST_END_TEST;

GST_START_TEST (test_audio_native_is_passthrough)
{
  Watched w ("audiotestsrc is-live=true ! constraintfilter name=f ! "
      "fakesink name=sink", "{\"sampleRate\":{\"exact\":48000}}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  assert_caps (w.caps (), "audio/x-raw,rate=48000");
  fail_unless (w.converters ().empty ());
}
GST_END_TEST;

GST_START_TEST (test_apply_constraints_renegotiates_the_source)
{
  Watched w (std::string (kLiveSource) + " ! constraintfilter name=f ! "
      "fakesink name=sink", "{\"width\":640,\"height\":480}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  assert_caps (w.caps (), "video/x-raw,width=640,height=480");

  g_object_set (w.filter (), "constraints",
      "{\"width\":{\"exact\":320},\"height\":{\"exact\":240}}", nullptr);
  CapsPtr expected (gst_caps_from_string ("video/x-raw,width=320,height=240"));
  w.waitCaps (expected.get ());
  fail_unless (w.converters ().empty ());
  fail_unless_equals_int (settingsOf (w.filter ())["width"].get<int> (), 320);
  const std::string applied = stringProperty (w.filter (), "constraints");
  fail_unless_equals_string (applied.c_str (),
      "{\"width\":{\"exact\":320},\"height\":{\"exact\":240}}");
}
GST_END_TEST;

GST_START_TEST (test_apply_constraints_changes_conversion)
{
  Watched w (std::string (kLiveSource) + " ! video/x-raw,width=1280,height=720,"
      "framerate=30/1 ! constraintfilter name=f ! fakesink name=sink");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  fail_unless (w.converters ().empty ());

  g_object_set (w.filter (), "constraints",
      "{\"width\":{\"exact\":640},\"frameRate\":{\"max\":15}}", nullptr);
  CapsPtr expected (gst_caps_from_string
      ("video/x-raw,width=640,height=360,framerate=15/1"));
  w.waitCaps (expected.get ());
  fail_unless (w.converters () == (std::vector<std::string> {
              "videoconvertscale", "videorate" }));

  /* and back to the native mode: the converters leave the data path */
  g_object_set (w.filter (), "constraints", "{}", nullptr);
  CapsPtr native (gst_caps_from_string
      ("video/x-raw,width=1280,height=720,framerate=30/1"));
  w.waitCaps (native.get ());
  fail_unless (w.converters ().empty ());
}
GST_END_TEST;

/* A change while a frame is stuck downstream (a sink waiting, a full
 * queue): the chain cannot take the new configuration yet, but the element
 * already reports the new settings and answers a source renegotiating for
 * them with the new mode, so that the source's renegotiation cannot fail. */
GST_START_TEST (test_apply_constraints_while_the_chain_is_busy)
{
  Watched w (std::string (kLiveSource) + " ! constraintfilter name=f ! "
      "fakesink name=sink", "{\"width\":640,\"height\":480}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);

  GstElement *sink = gst_bin_get_by_name (GST_BIN (w.pipeline ()), "sink");
  ObjectPtr<GstPad> sinkPad (gst_element_get_static_pad (sink, "sink"));
  gst_object_unref (sink);
  ThreadSignal held;
  const gulong block = gst_pad_add_probe (sinkPad.get (), (GstPadProbeType)
      (GST_PAD_PROBE_TYPE_BLOCK | GST_PAD_PROBE_TYPE_BUFFER),
      [] (GstPad *, GstPadProbeInfo *, gpointer data) {
        static_cast<ThreadSignal *> (data)->raise ();
        return GST_PAD_PROBE_OK;
      }, &held, nullptr);
  fail_unless (held.wait (std::chrono::seconds (20)), "no frame was held");

  g_object_set (w.filter (), "constraints",
      "{\"width\":{\"exact\":320},\"height\":{\"exact\":240}}", nullptr);
  fail_unless_equals_int (settingsOf (w.filter ())["width"].get<int> (), 320);
  ObjectPtr<GstPad> input (gst_element_get_static_pad (w.filter (), "sink"));
  CapsPtr answer (gst_pad_query_caps (input.get (), nullptr));
  CapsPtr coming (gst_caps_from_string ("video/x-raw,width=320,height=240"));
  GCharPtr answered (gst_caps_to_string (answer.get ()));
  fail_unless (!gst_caps_is_empty (answer.get ()) &&
      gst_caps_is_subset (answer.get (), coming.get ()), "answered %s",
      answered.get ());

  gst_pad_remove_probe (sinkPad.get (), block);
  w.waitCaps (coming.get ());
}
GST_END_TEST;

/* A change that moves the source to another mode and puts a crop in the
 * data path: the frames the source sent before it renegotiated must not go
 * through the crop planned for the new mode (a 1280x720 frame cropped as if
 * it were 640x360 came out 1120x720, neither the old size nor the new). */
GST_START_TEST (test_apply_constraints_never_converts_frames_of_the_old_mode)
{
  /* A live source has a frame waiting for its clock most of the time, so
   * one attempt almost always has one in flight; a few make sure. */
  for (int attempt = 0; attempt < 5; attempt++) {
    Watched w (std::string (kLiveSource) + " ! capsfilter caps=\""
        "video/x-raw,format=YUY2,width=1280,height=720,framerate=25/2; "
        "video/x-raw,format=YUY2,width=640,height=360,framerate=30/1\" ! "
        "constraintfilter name=f ! fakesink name=sink",
        "{\"width\":1280,\"height\":720}");
    fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
    w.waitBuffers (2);
    assert_caps (w.caps (), "video/x-raw,width=1280,height=720");

    g_object_set (w.filter (), "constraints",
        "{\"width\":{\"exact\":320},\"height\":{\"exact\":240}}", nullptr);
    CapsPtr expected (gst_caps_from_string ("video/x-raw,width=320,"
            "height=240,framerate=30/1"));
    w.waitCaps (expected.get ());
    auto converters = w.converters ();
    fail_unless (std::find (converters.begin (), converters.end (),
            "videocrop") != converters.end ());
    for (const std::string & caps : w.capsHistory ()) {
      fail_unless (capsMatch (caps, "video/x-raw,width=1280,height=720,"
              "framerate=25/2") || capsMatch (caps, "video/x-raw,width=320,"
              "height=240,framerate=30/1"), "attempt %d: the sink got %s",
          attempt, caps.c_str ());
    }
  }
}
GST_END_TEST;

/* Crop and scale count pixels as square: the source is asked for square
 * pixels, not left to fixate the pixel aspect ratio to whatever the scaler
 * accepts (1/2147483647 on vivid), which reached the sink in the frames
 * on their way when the chain went back to passthrough. */
GST_START_TEST (test_source_asked_for_square_pixels)
{
  gst_element_register (nullptr, "plaincamera", GST_RANK_NONE,
      plain_camera_get_type ());
  Watched w ("plaincamera name=camera ! constraintfilter name=f ! "
      "fakesink name=sink",
      "{\"width\":{\"exact\":320},\"height\":{\"exact\":240}}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  assert_caps (w.caps (), "video/x-raw,width=320,height=240,"
      "pixel-aspect-ratio=1/1");
  ObjectPtr<GstElement> camera (gst_bin_get_by_name (GST_BIN (w.pipeline ()),
          "camera"));
  ObjectPtr<GstPad> pad (gst_element_get_static_pad (camera.get (), "src"));
  CapsPtr negotiated (gst_pad_get_current_caps (pad.get ()));
  GCharPtr text (gst_caps_to_string (negotiated.get ()));
  assert_caps (std::string (text.get ()), "video/x-raw,width=640,height=360,"
      "pixel-aspect-ratio=1/1");

  g_object_set (w.filter (), "constraints", "{\"width\":640,\"height\":360}",
      nullptr);
  CapsPtr native (gst_caps_from_string ("video/x-raw,width=640,height=360"));
  w.waitCaps (native.get ());
  fail_unless (w.converters ().empty ());
  for (const std::string & caps : w.capsHistory ())
    assert_caps (caps, "video/x-raw,pixel-aspect-ratio=1/1");
}
GST_END_TEST;

/* Caps that leave the pixel aspect ratio unsaid mean square pixels: they
 * are the mode asked for, not a surprise to select again on (which cut the
 * capabilities down to that one mode). */
GST_START_TEST (test_unsaid_pixel_aspect_ratio_is_the_planned_mode)
{
  gst_element_register (nullptr, "plaincamera", GST_RANK_NONE,
      plain_camera_get_type ());
  Watched w ("plaincamera unsaid-pixel-aspect-ratio=true ! "
      "constraintfilter name=f ! fakesink name=sink",
      "{\"width\":{\"exact\":320},\"height\":{\"exact\":240}}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  assert_caps (w.caps (), "video/x-raw,width=320,height=240");
  auto capabilities = nlohmann::json::parse (stringProperty (w.filter (),
          "capabilities"));
  fail_unless_equals_int (capabilities["width"]["max"].get<int> (), 1280);

  /* The same mode, scaled: the source has nothing to renegotiate, so its
   * frames must not be held back for caps it will never send again. */
  g_object_set (w.filter (), "constraints",
      "{\"width\":{\"exact\":320},\"height\":{\"exact\":180}}", nullptr);
  CapsPtr scaled (gst_caps_from_string ("video/x-raw,width=320,height=180"));
  w.waitCaps (scaled.get ());
}
GST_END_TEST;

GST_START_TEST (test_apply_constraints_rejected_keeps_the_track)
{
  Watched w (std::string (kLiveSource) + " ! video/x-raw,width=640,height=480,"
      "framerate=30/1 ! constraintfilter name=f ! fakesink name=sink",
      "{\"width\":640}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  const std::string before = stringProperty (w.filter (), "settings");
  const std::string constraintsBefore = stringProperty (w.filter (),
      "constraints");

  g_object_set (w.filter (), "constraints",
      "{\"width\":{\"min\":1280},\"height\":480}", nullptr);
  GstMessage *m = w.waitMessage (GST_MESSAGE_WARNING);
  fail_unless (m != nullptr);
  const GstStructure *details = nullptr;
  gst_message_parse_warning_details (m, &details);
  fail_unless (details != nullptr);
  fail_unless_equals_string (gst_structure_get_string (details, "name"),
      "OverconstrainedError");
  fail_unless_equals_string (gst_structure_get_string (details, "constraint"),
      "width");
  gst_message_unref (m);

  w.waitBuffers (5);
  assert_caps (w.caps (), "video/x-raw,width=640,height=480");
  fail_unless (stringProperty (w.filter (), "settings") == before);
  fail_unless (stringProperty (w.filter (), "constraints") ==
      constraintsBefore);

  /* bad JSON: a TypeError naming the path, nothing changes either */
  /* ("abc" for an unsigned long clamps to 0; a double rejects it) */
  g_object_set (w.filter (), "constraints",
      "{\"frameRate\":{\"min\":\"abc\"}}", nullptr);
  m = w.waitMessage (GST_MESSAGE_WARNING);
  fail_unless (m != nullptr);
  gst_message_parse_warning_details (m, &details);
  fail_unless_equals_string (gst_structure_get_string (details, "name"),
      "TypeError");
  fail_unless (g_str_has_prefix (gst_structure_get_string (details, "message"),
          "frameRate.min"));
  gst_message_unref (m);
  fail_unless (stringProperty (w.filter (), "constraints") ==
      constraintsBefore);
}
GST_END_TEST;

GST_START_TEST (test_unsatisfiable_first_negotiation_is_an_error)
{
  Watched w (std::string (kLiveSource) + " ! video/x-raw,width=640,height=480,"
      "framerate=30/1 ! constraintfilter name=f ! fakesink name=sink",
      "{\"frameRate\":{\"min\":60}}");
  w.play ();
  GstMessage *m = w.waitMessage (GST_MESSAGE_ERROR);
  fail_unless (m != nullptr);
  GError *error = nullptr;
  gst_message_parse_error (m, &error, nullptr);
  fail_unless (g_error_matches (error, GST_CORE_ERROR,
          GST_CORE_ERROR_NEGOTIATION));
  g_error_free (error);
  const GstStructure *details = nullptr;
  gst_message_parse_error_details (m, &details);
  fail_unless (details != nullptr);
  fail_unless_equals_string (gst_structure_get_string (details, "name"),
      "OverconstrainedError");
  fail_unless_equals_string (gst_structure_get_string (details, "constraint"),
      "frameRate");
  gst_message_unref (m);
  fail_unless_equals_int (w.buffers (), 0);
}
GST_END_TEST;

GST_START_TEST (test_bad_document_before_playing_is_an_error)
{
  Watched w (std::string (kLiveSource) + " ! constraintfilter name=f ! "
      "fakesink name=sink", "{\"video\":1,\"frameRate\":{\"ideal\":\"x\"}}");
  w.play ();
  GstMessage *m = w.waitMessage (GST_MESSAGE_ERROR);
  fail_unless (m != nullptr);
  const GstStructure *details = nullptr;
  gst_message_parse_error_details (m, &details);
  fail_unless_equals_string (gst_structure_get_string (details, "name"),
      "TypeError");
  fail_unless (g_str_has_prefix (gst_structure_get_string (details,
              "message"), "frameRate.ideal"));
  gst_message_unref (m);
  fail_unless_equals_int (w.buffers (), 0);
}
GST_END_TEST;

GST_START_TEST (test_capabilities_property)
{
  Watched w (std::string (kLiveSource) + " ! video/x-raw,width=1280,height=720,"
      "framerate=60/1 ! constraintfilter name=f device-id=cam group-id=grp "
      "! fakesink name=sink");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (1);
  auto caps = nlohmann::json::parse (stringProperty (w.filter (),
          "capabilities"));
  fail_unless_equals_int (caps["width"]["max"].get<int> (), 1280);
  fail_unless_equals_int (caps["height"]["min"].get<int> (), 1);
  fail_unless_equals_float (caps["frameRate"]["max"].get<double> (), 60);
  fail_unless (caps["deviceId"] == "cam");
  auto settings = settingsOf (w.filter ());
  fail_unless (settings["groupId"] == "grp");
}
GST_END_TEST;

/* A source limited by caps to the chromium profile's camera modes gives the
 * settings gst-mediastream-1.0 select gives. */
GST_START_TEST (test_same_settings_as_select_on_the_chromium_profile)
{
  auto devices = loadFakeDevices ("chromium");
  fail_unless (devices.ok ());
  const DeviceDescription *camera = nullptr;
  for (const auto & d : devices.value ()) {
    if (d.kind == Kind::Video)
      camera = &d;
  }
  fail_unless (camera != nullptr);
  CapsPtr modes (capsForDevice (*camera));
  GCharPtr modesText (gst_caps_to_string (modes.get ()));

  for (const char *constraints : { "{}", "{\"width\":1280,\"height\":720}",
           "{\"width\":{\"exact\":1000}}", "{\"frameRate\":{\"max\":10}}",
           "{\"aspectRatio\":1.7777777778,\"height\":{\"max\":600}}",
           "{\"width\":{\"ideal\":321}}" }) {
    std::string stream = std::string ("{\"video\":") + constraints + "}";
    auto parsed = parseStreamConstraints (stream);
    auto expected = getUserMedia ({ *camera }, parsed.value ());
    fail_unless (expected.ok ());
    nlohmann::json expectedSettings = toJson (expected.value ()[0].selection
        .settings);
    expectedSettings.erase ("deviceId");
    expectedSettings.erase ("groupId");

    Watched w (std::string (kLiveSource) + " ! capsfilter caps=\"" +
        modesText.get () + "\" ! constraintfilter name=f ! fakesink name=sink",
        constraints);
    fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
    w.waitBuffers (1);
    nlohmann::json actual = settingsOf (w.filter ());
    actual.erase ("deviceId");
    actual.erase ("groupId");
    fail_unless (actual == expectedSettings, "%s: %s != %s", constraints,
        actual.dump ().c_str (), expectedSettings.dump ().c_str ());
  }
}
GST_END_TEST;

/* A non-local track: whatever a decoder outputs is one fixed mode, so
 * everything else is reached by conversion. */
GST_START_TEST (test_decoder_output)
{
  Watched w (std::string (kLiveSource) + " ! video/x-raw,width=640,height=480,"
      "framerate=30/1 ! jpegenc ! jpegdec ! constraintfilter name=f ! "
      "fakesink name=sink", "{\"width\":{\"max\":320},"
      "\"frameRate\":{\"max\":15}}");
  fail_unless (w.play () != GST_STATE_CHANGE_FAILURE);
  w.waitBuffers (2);
  assert_caps (w.caps (), "video/x-raw,width=320,height=240,framerate=15/1");
  fail_unless (w.converters () == (std::vector<std::string> {
              "videoconvertscale", "videorate" }));

  /* At runtime the decoder is asked for another mode it does not have: it
   * goes on with its own, which is then converted (the track must not wait
   * for a renegotiation that never comes). */
  g_object_set (w.filter (), "constraints", "{\"width\":{\"max\":160}}",
      nullptr);
  CapsPtr smaller (gst_caps_from_string ("video/x-raw,width=160,height=120"));
  w.waitCaps (smaller.get ());
  fail_unless (w.converters () == (std::vector<std::string> {
              "videoconvertscale" }));
}
GST_END_TEST;

static Suite *
constraintfilter_suite (void)
{
  Suite *s = suite_create ("constraintfilter");
  TCase *video = tcase_create ("video");
  suite_add_tcase (s, video);
  tcase_add_test (video, test_passthrough_has_no_converter);
  tcase_add_test (video, test_steers_a_ranged_source_to_the_asked_mode);
  tcase_add_test (video, test_crop_and_scale_to_an_aspect_ratio);
  tcase_add_test (video, test_decimates_without_duplicating);
  tcase_add_test (video, test_mjpeg_decoded_only_when_raw_is_wanted);
  tcase_add_test (video, test_capabilities_property);
  tcase_add_test (video, test_same_settings_as_select_on_the_chromium_profile);
  tcase_add_test (video, test_decoder_output);

  TCase *audio = tcase_create ("audio");
  suite_add_tcase (s, audio);
  tcase_add_test (audio, test_audio_resample_and_remix);
  tcase_add_test (audio, test_audio_native_is_passthrough);

  TCase *runtime = tcase_create ("apply-constraints");
  suite_add_tcase (s, runtime);
  tcase_add_test (runtime, test_apply_constraints_renegotiates_the_source);
  tcase_add_test (runtime, test_apply_constraints_changes_conversion);
  tcase_add_test (runtime, test_apply_constraints_while_the_chain_is_busy);
  tcase_add_test (runtime,
      test_apply_constraints_never_converts_frames_of_the_old_mode);
  tcase_add_test (runtime, test_source_asked_for_square_pixels);
  tcase_add_test (runtime, test_unsaid_pixel_aspect_ratio_is_the_planned_mode);
  tcase_add_test (runtime, test_apply_constraints_rejected_keeps_the_track);
  tcase_add_test (runtime, test_unsatisfiable_first_negotiation_is_an_error);
  tcase_add_test (runtime, test_bad_document_before_playing_is_an_error);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (constraintfilter);
