/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* mediastreamsrc on real drivers: the kernel's vivid camera and the ALSA
 * cards of this tier's VM (README.md). A camera and a microphone track at
 * the modes asked for, a live size change, a camera in use elsewhere, and
 * the camera unplugged (vivid's "Disconnect" button) while both tracks
 * stream: its track ends, the microphone's goes on. gst-check, TAP with
 * CK_TAP_LOG_FILE_NAME=-; self-check.sh runs it in the tier's single
 * boot. */

/* Before check-main.h: libcheck's fail () macro breaks nlohmann/json. */
#include "elements/stream-pipeline.h"
#include "hardware-devices.h"
#include "json.h"
#include "media-devices.h"

#include "check-main.h"
#include "vivid.h"

#include <algorithm>
#include <atomic>
#include <string>

using namespace mediastream;

namespace {

/* Emulated and shared: waits may take long, but end in a failure. */
constexpr gint64 kPatience = 60 * G_TIME_SPAN_SECOND;

/* Always a size and rate for vivid: left alone it would choose 4K at 2 fps,
 * which costs seconds a frame under emulation. */
constexpr const char *kCameraAndMicrophone =
    "{\"video\":{\"width\":640,\"height\":360,\"frameRate\":30},"
    "\"audio\":{\"sampleRate\":48000,\"channelCount\":2}}";

MediaDevices
enumerate ()
{
  auto devices = enumerateDevices ();
  fail_unless (devices.ok (), "%s", devices.ok ()? "" :
      devices.error ().message.c_str ());
  return *devices;
}

/* The listed device of that id, or null. */
const MediaDevice *
listed (const MediaDevices & devices, const std::string &deviceId)
{
  auto it = std::find_if (devices.begin (), devices.end (),
      [&deviceId] (const MediaDevice & d) {
        return d.description.deviceId == deviceId; });
  return it == devices.end ()? nullptr : &*it;
}

const MediaDevice *
vividIn (const MediaDevices & devices)
{
  auto it = std::find_if (devices.begin (), devices.end (),
      [] (const MediaDevice & d) {
        return d.description.kind == Kind::Video &&
            d.description.label == "vivid"; });
  return it == devices.end ()? nullptr : &*it;
}

std::string
currentCaps (GstElement * element)
{
  ObjectPtr<GstPad> pad (gst_element_get_static_pad (element, "src"));
  CapsPtr caps (gst_pad_get_current_caps (pad.get ()));
  GCharPtr text (caps ? gst_caps_to_string (caps.get ()) : nullptr);
  return text ? text.get () : "";
}

/* Whether caps text is a subset of `expected`. */
bool
capsWithin (const std::string &caps, const char *expected)
{
  CapsPtr now (gst_caps_from_string (caps.c_str ()));
  CapsPtr wanted (gst_caps_from_string (expected));
  return !caps.empty () && now && wanted &&
      gst_caps_is_subset (now.get (), wanted.get ());
}

std::string
readyState (GstPad * pad)
{
  gint state = -1;
  g_object_get (pad, "ready-state", &state, nullptr);
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (pad),
      "ready-state");
  GEnumValue *value = g_enum_get_value (G_PARAM_SPEC_ENUM (spec)->enum_class,
      state);
  return value ? value->value_nick : "";
}

bool
isError (GstMessage * m)
{
  return GST_MESSAGE_TYPE (m) == GST_MESSAGE_ERROR;
}

void
countBuffer (GstElement *, GstBuffer *, GstPad *, gpointer counter)
{
  static_cast<std::atomic<int> *> (counter)->fetch_add (1);
}

}  // namespace

/* getUserMedia() of a camera and a microphone: vivid and an ALSA card
 * deliver the modes asked for, and the tracks say which devices they are,
 * by the ids enumerateDevices() gives them. */
GST_START_TEST (test_camera_and_microphone)
{
  /* Listed before they are opened: an ALSA PCM in use cannot be asked
   * which card it is on. */
  const MediaDevices devices = enumerate ();
  StreamPipeline stream (kCameraAndMicrophone, nullptr, kPatience);
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,width=640,height=360,"
      "framerate=30/1");
  stream.waitCaps ("audio_0", "audio/x-raw,rate=48000,channels=2");
  stream.waitBuffers ("video_0", 5);
  stream.waitBuffers ("audio_0", 5);

  auto video = stream.pad ("video_0");
  auto audio = stream.pad ("audio_0");
  auto settings = jsonProperty (video.get (), "settings");
  fail_unless_equals_int (settings["width"].get<int> (), 640);
  fail_unless_equals_int (settings["height"].get<int> (), 360);
  fail_unless_equals_float (settings["frameRate"].get<double> (), 30.0);
  /* vivid has 640x360 at 30 fps: no conversion. */
  assert_same_text (settings["resizeMode"].get<std::string> (), "none");
  ObjectPtr<GstElement> camera = stream.inside ("v4l2src");
  const std::string driverCaps = currentCaps (camera.get ());
  fail_unless (capsWithin (driverCaps, "video/x-raw,width=640,height=360,"
          "framerate=30/1"), "v4l2src negotiated %s", driverCaps.c_str ());
  settings = jsonProperty (audio.get (), "settings");
  fail_unless_equals_int (settings["sampleRate"].get<int> (), 48000);
  fail_unless_equals_int (settings["channelCount"].get<int> (), 2);

  /* The devices, as enumerateDevices() lists them. */
  const MediaDevice *vivid = vividIn (devices);
  fail_unless (vivid != nullptr, "enumerateDevices() has no vivid");
  assert_same_text (stringProperty (video.get (), "label"), "vivid");
  assert_same_text (stringProperty (video.get (), "device-id"),
      vivid->description.deviceId);
  assert_same_text (stringProperty (video.get (), "group-id"),
      vivid->description.groupId);
  const MediaDevice *microphone = listed (devices,
      stringProperty (audio.get (), "device-id"));
  fail_unless (microphone != nullptr, "the microphone %s is not listed",
      stringProperty (audio.get (), "device-id").c_str ());
  fail_unless (microphone->description.kind == Kind::Audio);
  assert_same_text (stringProperty (audio.get (), "label"),
      microphone->description.label);
  assert_same_text (stringProperty (audio.get (), "group-id"),
      microphone->description.groupId);
  g_print ("microphone: \"%s\"\n", microphone->description.label.c_str ());
  fail_unless_equals_int (stream.countMessages (isError), 0);
}
GST_END_TEST;

/* applyConstraints() while the camera streams: vivid is switched to its
 * own 320x180, then to a larger mode that constraintfilter crops and scales
 * to an exact 480x270, which vivid lacks. */
GST_START_TEST (test_size_change_while_playing)
{
  StreamPipeline stream ("{\"video\":{\"width\":640,\"height\":360,"
      "\"frameRate\":30}}", nullptr, kPatience);
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,width=640,height=360");
  auto video = stream.pad ("video_0");
  ObjectPtr<GstElement> camera = stream.inside ("v4l2src");

  g_object_set (video.get (), "constraints", "{\"width\":320,\"height\":180,"
      "\"frameRate\":30}", nullptr);
  stream.waitCaps ("video_0", "video/x-raw,width=320,height=180,"
      "framerate=30/1");
  stream.waitBuffers ("video_0", 5);
  auto settings = jsonProperty (video.get (), "settings");
  fail_unless_equals_int (settings["width"].get<int> (), 320);
  fail_unless_equals_int (settings["height"].get<int> (), 180);
  assert_same_text (settings["resizeMode"].get<std::string> (), "none");
  fail_unless_equals_int (jsonProperty (video.get (),
          "constraints")["width"].get<int> (), 320);
  std::string driverCaps = currentCaps (camera.get ());
  fail_unless (capsWithin (driverCaps, "video/x-raw,width=320,height=180"),
      "v4l2src negotiated %s", driverCaps.c_str ());

  g_object_set (video.get (), "constraints", "{\"width\":{\"exact\":480},"
      "\"height\":{\"exact\":270},\"frameRate\":15}", nullptr);
  stream.waitCaps ("video_0", "video/x-raw,width=480,height=270,"
      "pixel-aspect-ratio=1/1");
  stream.waitBuffers ("video_0", 3);
  settings = jsonProperty (video.get (), "settings");
  fail_unless_equals_int (settings["width"].get<int> (), 480);
  fail_unless_equals_int (settings["height"].get<int> (), 270);
  assert_same_text (settings["resizeMode"].get<std::string> (),
      "crop-and-scale");
  driverCaps = currentCaps (camera.get ());
  fail_unless (!capsWithin (driverCaps, "video/x-raw,width=480"),
      "vivid has no 480x270, yet v4l2src negotiated %s", driverCaps.c_str ());

  /* Every frame at the sink had one of the three sizes. */
  for (const std::string & caps : stream.record ("video_0").capsHistory)
    fail_unless (capsWithin (caps, "video/x-raw,width=640,height=360; "
            "video/x-raw,width=320,height=180; "
            "video/x-raw,width=480,height=270"), "frames in %s",
        caps.c_str ());
  /* The refused frames of the previous modes are no news for the
   * application. */
  fail_unless_equals_int (stream.countMessages ([] (GstMessage * m) {
            return GST_MESSAGE_TYPE (m) == GST_MESSAGE_WARNING ||
                isError (m); }), 0);
}
GST_END_TEST;

/* vivid's brightness, as a track's constraint: written to the camera when
 * the stream is made and again by applyConstraints(), kept when a later
 * document leaves it out, and read back from the driver each time. */
GST_START_TEST (test_camera_controls)
{
  const MediaDevices devices = enumerate ();
  const MediaDevice *vivid = vividIn (devices);
  fail_unless (vivid != nullptr);
  auto before = readCameraSettings (*vivid);
  fail_unless (before.ok ());
  const double initial = *before->number (Property::Brightness);
  const double asked = initial == 200 ? 60 : 200;
  const double applied = asked == 200 ? 100 : 150;
  auto brightnessNow = [vivid] {
    auto now = readCameraSettings (*vivid);
    fail_unless (now.ok ());
    return *now->number (Property::Brightness);
  };

  {
    const std::string constraints = "{\"video\":{\"width\":640,"
        "\"height\":360,\"frameRate\":30,\"brightness\":" +
        std::to_string (static_cast<int> (asked)) + "}}";
    StreamPipeline stream (constraints, nullptr, kPatience);
    fail_if (stream.setState (GST_STATE_PLAYING) ==
        GST_STATE_CHANGE_FAILURE);
    stream.waitBuffers ("video_0", 3);
    auto video = stream.pad ("video_0");
    fail_unless_equals_float (jsonProperty (video.get (),
            "settings")["brightness"].get<double> (), asked);
    fail_unless_equals_float (brightnessNow (), asked);

    g_object_set (video.get (), "constraints", ("{\"width\":640,"
            "\"height\":360,\"frameRate\":30,\"brightness\":" +
            std::to_string (static_cast<int> (applied)) + "}").c_str (),
        nullptr);
    fail_unless_equals_float (jsonProperty (video.get (),
            "settings")["brightness"].get<double> (), applied);
    fail_unless_equals_float (brightnessNow (), applied);

    /* Unconstrained: the camera keeps it. */
    g_object_set (video.get (), "constraints", "{\"width\":640,"
        "\"height\":360,\"frameRate\":30}", nullptr);
    fail_unless_equals_float (jsonProperty (video.get (),
            "settings")["brightness"].get<double> (), applied);
    fail_unless_equals_float (brightnessNow (), applied);
    stream.waitBuffers ("video_0", 3);
    fail_unless_equals_int (stream.countMessages ([] (GstMessage * m) {
              return GST_MESSAGE_TYPE (m) == GST_MESSAGE_WARNING ||
                  isError (m); }), 0);
    stream.setState (GST_STATE_NULL);
  }
  Settings restore;
  restore.set (Property::Brightness, initial);
  fail_unless (applyCameraSettings (*vivid, restore).ok ());
}
GST_END_TEST;

/* The camera streaming to another application: the request fails with a
 * NotReadableError, as a browser's getUserMedia() rejects. */
GST_START_TEST (test_camera_in_use)
{
  const MediaDevices devices = enumerate ();
  const MediaDevice *vivid = vividIn (devices);
  fail_unless (vivid != nullptr, "enumerateDevices() has no vivid");
  ObjectPtr<GstElement> other (GST_ELEMENT (gst_object_ref_sink
          (gst_pipeline_new ("other"))));
  GstElement *source = vivid->createSource ("other-source");
  GstElement *filter = gst_element_factory_make ("capsfilter", nullptr);
  GstElement *sink = gst_element_factory_make ("fakesink", nullptr);
  fail_unless (source && filter && sink);
  CapsPtr caps (gst_caps_from_string ("video/x-raw,width=320,height=180,"
          "framerate=30/1"));
  g_object_set (filter, "caps", caps.get (), nullptr);
  std::atomic<int> buffers { 0 };
  g_object_set (sink, "signal-handoffs", TRUE, "sync", FALSE, nullptr);
  g_signal_connect (sink, "handoff", G_CALLBACK (countBuffer), &buffers);
  gst_bin_add_many (GST_BIN (other.get ()), source, filter, sink, nullptr);
  fail_unless (gst_element_link_many (source, filter, sink, nullptr));
  fail_if (gst_element_set_state (other.get (), GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  const gint64 end = g_get_monotonic_time () + kPatience;
  while (buffers.load () < 2) {
    fail_unless (g_get_monotonic_time () < end, "the other application's "
        "v4l2src delivered nothing");
    g_usleep (G_USEC_PER_SEC / 20);
  }

  StreamPipeline stream ("{\"video\":{\"width\":640,\"height\":360,"
      "\"frameRate\":30}}", nullptr, kPatience);
  /* The device is opened at READY, its mode set once it streams: the
   * refusal comes on the bus, after the state change. */
  stream.setState (GST_STATE_PLAYING);
  GstMessage *m = stream.waitMessage (isError, "error");
  const GstStructure *details = errorDetails (m);
  assert_same_text (gst_structure_get_string (details, "name"),
      "NotReadableError");
  /* The cause, not the flow error v4l2src adds after it. */
  const std::string message = gst_structure_get_string (details, "message");
  fail_unless (message.find ("in use by another application") !=
      std::string::npos, "%s", message.c_str ());
  fail_unless_equals_int (stream.record ("video_0").buffers, 0);
  /* The other application goes on. */
  const int before = buffers.load ();
  while (buffers.load () < before + 2) {
    fail_unless (g_get_monotonic_time () < end + kPatience, "the other "
        "application's capture stopped");
    g_usleep (G_USEC_PER_SEC / 20);
  }
  gst_element_set_state (other.get (), GST_STATE_NULL);
}
GST_END_TEST;

/* The camera unplugged while both tracks stream: the camera's track ends
 * (EOS on its pad, an ended message saying the device was lost, a warning
 * naming NotFoundError), the microphone's goes on, the pipeline keeps
 * playing. vivid stays unplugged until this process has closed it. */
GST_START_TEST (test_camera_unplugged)
{
  StreamPipeline stream ("{\"video\":{\"width\":320,\"height\":180,"
      "\"frameRate\":30},\"audio\":{\"sampleRate\":48000,"
      "\"channelCount\":2}}", nullptr, kPatience);
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitBuffers ("video_0", 3);
  stream.waitBuffers ("audio_0", 3);
  auto video = stream.pad ("video_0");
  auto audio = stream.pad ("audio_0");
  const std::string videoId = stringProperty (video.get (), "id");
  const MediaDevices devices = enumerate ();
  const MediaDevice *vivid = vividIn (devices);
  fail_unless (vivid != nullptr, "enumerateDevices() has no vivid");

  pressDisconnect (*vivid);

  stream.waitFor ("video_0", [] (const SinkRecord & r) { return r.eos; },
      "EOS");
  GstMessage *ended = stream.waitMessage ([] (GstMessage * m) {
        return GST_MESSAGE_TYPE (m) == GST_MESSAGE_ELEMENT &&
            gst_message_has_name (m, "mediastream-track-ended"); },
      "mediastream-track-ended");
  const GstStructure *s = gst_message_get_structure (ended);
  assert_same_text (gst_structure_get_string (s, "track-id"), videoId);
  assert_same_text (gst_structure_get_string (s, "reason"), "device-lost");
  assert_same_text (readyState (video.get ()), "ended");
  GstMessage *warning = stream.waitMessage (GST_MESSAGE_WARNING);
  const GstStructure *details = errorDetails (warning);
  assert_same_text (gst_structure_get_string (details, "name"),
      "NotFoundError");
  g_print ("warning: %s\n", gst_structure_get_string (details, "message"));

  /* The microphone's track is not touched. */
  stream.waitBuffers ("audio_0", 20);
  fail_if (stream.record ("audio_0").eos);
  assert_same_text (readyState (audio.get ()), "live");
  fail_unless_equals_int (stream.countMessages ([] (GstMessage * m) {
            return GST_MESSAGE_TYPE (m) == GST_MESSAGE_ELEMENT &&
                gst_message_has_name (m, "mediastream-track-ended"); }), 1);
  fail_unless_equals_int (stream.countMessages (isError), 0);
  GstState state = GST_STATE_VOID_PENDING;
  fail_unless (gst_element_get_state (stream.src (), &state, nullptr, 0) ==
      GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (state, GST_STATE_PLAYING);
}
GST_END_TEST;

/* Once the previous test's process has let go of it, vivid is plugged back
 * in: a new request gets it again, under the same deviceId. Also what the
 * programs after this one in the boot need. */
GST_START_TEST (test_camera_back)
{
  const MediaDevice *vivid = nullptr;
  MediaDevices devices;
  for (const gint64 end = g_get_monotonic_time () + kPatience; !vivid;) {
    devices = enumerate ();
    vivid = vividIn (devices);
    fail_unless (vivid || g_get_monotonic_time () < end,
        "vivid did not come back");
    if (!vivid)
      g_usleep (G_USEC_PER_SEC / 2);
  }
  StreamPipeline stream ("{\"video\":{\"width\":320,\"height\":180,"
      "\"frameRate\":30}}", nullptr, kPatience);
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,width=320,height=180");
  stream.waitBuffers ("video_0", 3);
  auto video = stream.pad ("video_0");
  assert_same_text (stringProperty (video.get (), "device-id"),
      vivid->description.deviceId);
}
GST_END_TEST;

static Suite *
vm_mediastreamsrc_suite (void)
{
  Suite *s = suite_create ("vm-mediastreamsrc");
  TCase *tc = tcase_create ("drivers");
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_camera_and_microphone);
  tcase_add_test (tc, test_size_change_while_playing);
  tcase_add_test (tc, test_camera_controls);
  tcase_add_test (tc, test_camera_in_use);
  /* Unplugs vivid: the last but one. */
  tcase_add_test (tc, test_camera_unplugged);
  tcase_add_test (tc, test_camera_back);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (vm_mediastreamsrc);
