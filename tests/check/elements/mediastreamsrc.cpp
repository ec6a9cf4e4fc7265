/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* mediastreamsrc on the fake devices: the tracks getUserMedia() gives, as
 * pads with the MediaStreamTrack attributes, their data, the stream
 * collection and selection, applyConstraints(), clones, the track states,
 * and the errors a request can end in. */

/* nlohmann/json.hpp must come before check.h, whose fail() macro it trips */
#include "elements/stream-pipeline.h"
#include "libs/scratch-dir.h"
#include "gst-ptr.h"
#include "json.h"
#include "media-devices.h"
#include "select-settings.h"
#include "thread-signal.h"

#include "check-main.h"

#include <glib/gstdio.h>
#include <gst/video/video.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <vector>

using namespace mediastream;

namespace {

/* How long a wait may take before a test fails. */
constexpr gint64 kPatience = 20 * G_TIME_SPAN_SECOND;

/* What getUserMedia() over the same fake devices answers. */
std::vector<TrackSelection>
expectedTracks (const char *constraints, MediaDevices & devices)
{
  auto listed = enumerateDevices ();
  fail_unless (listed.ok ());
  devices = *listed;
  auto parsed = parseStreamConstraints (constraints);
  fail_unless (parsed.ok ());
  auto answer = getUserMedia (descriptionsOf (devices), *parsed);
  fail_unless (answer.ok (), "%s", answer.ok ()? "" :
      answer.error ().message.c_str ());
  return *answer;
}

/* The states of the device sources inside the element. */
std::vector<GstState>
sourceStates (GstElement * bin)
{
  std::vector<GstState> states;
  GST_OBJECT_LOCK (bin);
  for (GList * l = GST_BIN (bin)->children; l; l = l->next) {
    GstElementFactory *factory = gst_element_get_factory (GST_ELEMENT
        (l->data));
    if (factory && g_strcmp0 (GST_OBJECT_NAME (factory),
            "mediastreamfakesrc") == 0)
      states.push_back (GST_STATE (l->data));
  }
  GST_OBJECT_UNLOCK (bin);
  return states;
}

int
childCount (GstElement * bin)
{
  GST_OBJECT_LOCK (bin);
  const int n = GST_BIN (bin)->numchildren;
  GST_OBJECT_UNLOCK (bin);
  return n;
}

}  // namespace

GST_START_TEST (test_tracks_are_pads_with_track_attributes)
{
  const char *constraints = "{\"video\":{\"width\":1280,\"height\":720},"
      "\"audio\":true}";
  StreamPipeline stream (constraints);
  /* The tracks are chosen at READY; their pads come at PAUSED. */
  fail_unless (stream.setState (GST_STATE_READY) == GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (stream.padNames ().size (), 0);
  fail_if (stream.setState (GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE);
  auto names = stream.padNames ();
  fail_unless_equals_int (names.size (), 2);
  MediaDevices devices;
  auto expected = expectedTracks (constraints, devices);
  for (const TrackSelection & track : expected) {
    const char *padName = track.kind == Kind::Video ? "video_0" : "audio_0";
    auto pad = stream.pad (padName);
    fail_unless (pad != nullptr, "no %s", padName);
    const DeviceDescription &device =
        devices[track.selection.deviceIndex].description;
    assert_same_text (stringProperty (pad.get (), "kind"),
        std::string (kindName (track.kind)));
    assert_same_text (stringProperty (pad.get (), "label"),
        device.label);
    assert_same_text (stringProperty (pad.get (), "device-id"),
        device.deviceId);
    assert_same_text (stringProperty (pad.get (), "group-id"), device.groupId);
    fail_unless (g_uuid_string_is_valid (stringProperty (pad.get (),
                "id").c_str ()));
    fail_unless (jsonProperty (pad.get (), "settings") ==
        nlohmann::json::parse (toJson (track.selection.settings).dump ()));
    fail_unless (jsonProperty (pad.get (), "capabilities") ==
        nlohmann::json::parse (toJson (capabilitiesOf (device)).dump ()));
    fail_unless (jsonProperty (pad.get (), "constraints") ==
        nlohmann::json::parse (toJson (track.constraints).dump ()));
    gboolean enabled = FALSE, muted = TRUE;
    g_object_get (pad.get (), "enabled", &enabled, "muted", &muted, nullptr);
    fail_unless (enabled);
    fail_if (muted);
  }
  fail_unless (g_uuid_string_is_valid (stringProperty (stream.src (),
              "stream-id").c_str ()));
  auto video = stream.pad ("video_0");
  auto audio = stream.pad ("audio_0");
  fail_if (stringProperty (video.get (), "id") ==
      stringProperty (audio.get (), "id"));
}
GST_END_TEST;

GST_START_TEST (test_tracks_deliver_their_settings)
{
  StreamPipeline stream ("{\"video\":{\"width\":{\"exact\":320},"
      "\"height\":{\"exact\":180},\"frameRate\":15},\"audio\":{"
      "\"sampleRate\":{\"exact\":16000},\"channelCount\":1}}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitBuffers ("video_0", 3);
  stream.waitBuffers ("audio_0", 3);
  stream.waitCaps ("video_0", "video/x-raw,width=320,height=180,"
      "framerate=15/1");
  stream.waitCaps ("audio_0", "audio/x-raw,rate=16000,channels=1");
  auto video = stream.pad ("video_0");
  auto settings = jsonProperty (video.get (), "settings");
  fail_unless_equals_int (settings["width"].get<int> (), 320);
  fail_unless_equals_int (settings["height"].get<int> (), 180);
  assert_same_text (settings["resizeMode"].get<std::string> (),
      "crop-and-scale");
}
GST_END_TEST;

GST_START_TEST (test_native_mode_is_passthrough)
{
  StreamPipeline stream ("{\"video\":{\"width\":{\"exact\":1280},"
      "\"height\":{\"exact\":720}}}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,width=1280,height=720,"
      "framerate=30/1");
  auto settings = jsonProperty (stream.pad ("video_0").get (), "settings");
  assert_same_text (settings["resizeMode"].get<std::string> (), "none");
  fail_unless_equals_int (stream.padNames ().size (), 1);
}
GST_END_TEST;

GST_START_TEST (test_stream_collection_and_stream_start)
{
  StreamPipeline stream ("{\"video\":true,\"audio\":true}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  GstMessage *m = stream.waitMessage (GST_MESSAGE_STREAM_COLLECTION);
  GstStreamCollection *collection = nullptr;
  gst_message_parse_stream_collection (m, &collection);
  ObjectPtr<GstStreamCollection> owned (collection);
  fail_unless_equals_int (gst_stream_collection_get_size (collection), 2);
  assert_same_text (gst_stream_collection_get_upstream_id
      (collection), stringProperty (stream.src (), "stream-id"));
  for (const char *padName : { "video_0", "audio_0" }) {
    auto pad = stream.pad (padName);
    const std::string id = stringProperty (pad.get (), "id");
    bool found = false;
    for (guint i = 0; i < gst_stream_collection_get_size (collection); i++) {
      GstStream *s = gst_stream_collection_get_stream (collection, i);
      if (id != gst_stream_get_stream_id (s))
        continue;
      found = true;
      fail_unless (gst_stream_get_stream_type (s) ==
          (g_str_has_prefix (padName, "video") ? GST_STREAM_TYPE_VIDEO :
              GST_STREAM_TYPE_AUDIO));
      GstTagList *tags = gst_stream_get_tags (s);
      gchar *title = nullptr, *kind = nullptr;
      fail_unless (gst_tag_list_get_string (tags, GST_TAG_TITLE, &title));
      assert_same_text (title, stringProperty (pad.get (),
              "label"));
      fail_unless (gst_tag_list_get_string (tags, "mediastream-track-kind",
              &kind));
      assert_same_text (kind, stringProperty (pad.get (),
              "kind"));
      g_free (title);
      g_free (kind);
      gst_tag_list_unref (tags);
    }
    fail_unless (found, "no stream for %s", padName);
    stream.waitFor (padName, [] (const SinkRecord & r) {
          return r.buffers > 0; }, "a buffer");
    SinkRecord r = stream.record (padName);
    fail_unless_equals_string (r.streamId.c_str (), id.c_str ());
    fail_unless (r.stream != nullptr);
    fail_unless_equals_string (gst_stream_get_stream_id (r.stream.get ()),
        id.c_str ());
  }
}
GST_END_TEST;

GST_START_TEST (test_select_streams_keeps_the_selected_pads)
{
  StreamPipeline stream ("{\"video\":true,\"audio\":true}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitBuffers ("audio_0", 2);
  const std::string videoId = stringProperty (stream.pad ("video_0").get (),
      "id");
  GList *ids = g_list_append (nullptr, g_strdup (videoId.c_str ()));
  fail_unless (gst_element_send_event (stream.src (),
          gst_event_new_select_streams (ids)));
  g_list_free_full (ids, g_free);
  GstMessage *m = stream.waitMessage (GST_MESSAGE_STREAMS_SELECTED);
  fail_unless_equals_int (gst_message_streams_selected_get_size (m), 1);
  ObjectPtr<GstStream> selected (gst_message_streams_selected_get_stream (m,
          0));
  fail_unless_equals_string (gst_stream_get_stream_id (selected.get ()),
      videoId.c_str ());
  auto names = stream.padNames ();
  fail_unless_equals_int (names.size (), 1);
  fail_unless_equals_string (names[0].c_str (), "video_0");
  stream.waitBuffers ("video_0", 3);
}
GST_END_TEST;

GST_START_TEST (test_apply_constraints_changes_the_track)
{
  StreamPipeline stream ("{\"video\":{\"width\":640,\"height\":480}}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,width=640,height=480");
  auto pad = stream.pad ("video_0");
  g_object_set (pad.get (), "constraints",
      "{\"width\":{\"exact\":1280},\"height\":{\"exact\":720}}", nullptr);
  stream.waitCaps ("video_0", "video/x-raw,width=1280,height=720");
  auto settings = jsonProperty (pad.get (), "settings");
  fail_unless_equals_int (settings["width"].get<int> (), 1280);
  auto constraints = jsonProperty (pad.get (), "constraints");
  fail_unless_equals_int (constraints["width"]["exact"].get<int> (), 1280);
  /* The device switched modes: nothing to warn the application about. */
  stream.waitBuffers ("video_0", 5);
  fail_unless_equals_int (stream.countMessages ([] (GstMessage * m) {
            return GST_MESSAGE_TYPE (m) == GST_MESSAGE_WARNING; }), 0);
}
GST_END_TEST;

/* The source element of the device a track pad reads. */
static ObjectPtr<GstElement>
trackSource (StreamPipeline & stream, const char *padName)
{
  auto pad = stream.pad (padName);
  const std::string device = stringProperty (pad.get (), "device-id");
  return stream.inside ("mediastreamfakesrc", [&device] (GstElement * e) {
        return stringProperty (e, "device-id") == device; });
}

/* Whether `m` says the camera's source went back to READY (a restart). */
static bool
isSourceRestart (GstMessage * m, GstElement * source)
{
  if (GST_MESSAGE_TYPE (m) != GST_MESSAGE_STATE_CHANGED ||
      GST_MESSAGE_SRC (m) != GST_OBJECT (source))
    return false;
  GstState old, now;
  gst_message_parse_state_changed (m, &old, &now, nullptr);
  return old == GST_STATE_PAUSED && now == GST_STATE_READY;
}

/* Watches a mode switch of a running camera: when the source asks
 * downstream for caps again, whether the track's constraintfilter already
 * expects the new mode. */
struct SwitchWatch {
  GstElement *filter;               /* the track's constraintfilter */
  std::atomic<bool> switching { false };
  std::atomic<int> early { 0 };     /* queries before the filter knew */
  ThreadSignal sourceAsked;
  std::atomic<bool> filterWaited { false };
};

/* On the source's output: its renegotiation starts. */
static GstPadProbeReturn
noteRenegotiation (GstPad *, GstPadProbeInfo * info, gpointer data)
{
  auto *watch = static_cast<SwitchWatch *> (data);
  if (GST_QUERY_TYPE (GST_PAD_PROBE_INFO_QUERY (info)) == GST_QUERY_CAPS &&
      watch->switching)
    watch->sourceAsked.raise ();
  return GST_PAD_PROBE_OK;
}

/* On the constraintfilter's input, its own query upstream while it selects
 * the new mode: gives the source time to renegotiate first, so that a
 * source let through too early reaches the filter before it is retuned. */
static GstPadProbeReturn
slowRetune (GstPad *, GstPadProbeInfo * info, gpointer data)
{
  auto *watch = static_cast<SwitchWatch *> (data);
  if (GST_QUERY_TYPE (GST_PAD_PROBE_INFO_QUERY (info)) != GST_QUERY_CAPS ||
      !watch->switching || watch->filterWaited.exchange (true))
    return GST_PAD_PROBE_OK;
  /* A bound, not an expectation: the source renegotiates at its next
   * frame, 33 ms away. */
  watch->sourceAsked.wait (std::chrono::seconds (2));
  return GST_PAD_PROBE_OK;
}

/* On the constraintfilter's input: the source's caps query arriving. */
static GstPadProbeReturn
checkRenegotiation (GstPad *, GstPadProbeInfo * info, gpointer data)
{
  auto *watch = static_cast<SwitchWatch *> (data);
  GstQuery *query = GST_PAD_PROBE_INFO_QUERY (info);
  if (GST_QUERY_TYPE (query) != GST_QUERY_CAPS || !watch->switching)
    return GST_PAD_PROBE_OK;
  auto settings = jsonProperty (watch->filter, "settings");
  if (settings.value ("width", 0) != 1280)
    watch->early++;
  return GST_PAD_PROBE_OK;
}

/* applyConstraints() on a running camera: the source renegotiates only
 * once every element on its way expects the new mode, so the switch
 * needs no restart of the device. */
GST_START_TEST (test_mode_switch_reaches_the_tracks_first)
{
  StreamPipeline stream ("{\"video\":{\"width\":640,\"height\":480}}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,width=640,height=480");
  auto source = trackSource (stream, "video_0");
  auto filter = stream.inside ("constraintfilter");
  SwitchWatch watch;
  watch.filter = filter.get ();
  ObjectPtr<GstPad> output (gst_element_get_static_pad (source.get (),
          "src"));
  ObjectPtr<GstPad> input (gst_element_get_static_pad (filter.get (),
          "sink"));
  const gulong probes[] = {
    gst_pad_add_probe (output.get (), (GstPadProbeType)
        (GST_PAD_PROBE_TYPE_QUERY_DOWNSTREAM | GST_PAD_PROBE_TYPE_PUSH),
        noteRenegotiation, &watch, nullptr),
    gst_pad_add_probe (input.get (), (GstPadProbeType)
        (GST_PAD_PROBE_TYPE_QUERY_UPSTREAM | GST_PAD_PROBE_TYPE_PUSH),
        slowRetune, &watch, nullptr),
    gst_pad_add_probe (input.get (), (GstPadProbeType)
        (GST_PAD_PROBE_TYPE_QUERY_DOWNSTREAM | GST_PAD_PROBE_TYPE_PUSH),
        checkRenegotiation, &watch, nullptr),
  };
  watch.switching = true;
  g_object_set (stream.pad ("video_0").get (), "constraints",
      "{\"width\":{\"exact\":1280},\"height\":{\"exact\":720}}", nullptr);
  stream.waitCaps ("video_0", "video/x-raw,width=1280,height=720");
  stream.waitBuffers ("video_0", 3);
  gst_pad_remove_probe (output.get (), probes[0]);
  gst_pad_remove_probe (input.get (), probes[1]);
  gst_pad_remove_probe (input.get (), probes[2]);
  fail_unless_equals_int (watch.early.load (), 0);
  fail_unless_equals_int (stream.countMessages ([&source] (GstMessage * m) {
            return isSourceRestart (m, source.get ()); }), 0);
  stream.setState (GST_STATE_NULL);
}
GST_END_TEST;

struct HeldNegotiation {
  GThread *tester = g_thread_self ();   /* its queries are not held */
  std::atomic<bool> holding { false };
  ThreadSignal held;
  ThreadSignal released;
};

/* Holds the first caps query of the source's streaming thread on its way
 * back, answered downstream. */
static GstPadProbeReturn
holdFirstNegotiation (GstPad *, GstPadProbeInfo * info, gpointer data)
{
  auto *hold = static_cast<HeldNegotiation *> (data);
  if (GST_QUERY_TYPE (GST_PAD_PROBE_INFO_QUERY (info)) != GST_QUERY_CAPS ||
      g_thread_self () == hold->tester || hold->holding.exchange (true))
    return GST_PAD_PROBE_OK;
  hold->held.raise ();
  hold->released.wait ();
  return GST_PAD_PROBE_REMOVE;
}

/* applyConstraints() while the camera is still negotiating its first
 * mode, the tracks' answer (the old mode) on its way back through the
 * filter that now holds the new mode: the source finds no common caps and
 * fails as not negotiated; it is restarted in the new mode instead of
 * failing the stream. */
GST_START_TEST (test_mode_switch_while_the_source_negotiates)
{
  StreamPipeline stream ("{\"video\":{\"width\":640,\"height\":480}}");
  fail_if (stream.setState (GST_STATE_READY) == GST_STATE_CHANGE_FAILURE);
  /* The only device of the stream; its pad comes at PAUSED. */
  auto source = stream.inside ("mediastreamfakesrc");
  ObjectPtr<GstPad> output (gst_element_get_static_pad (source.get (),
          "src"));
  ObjectPtr<GstPad> modeFilterInput (gst_pad_get_peer (output.get ()));
  ObjectPtr<GstPad> modeFilterOutput (gst_element_get_static_pad
      (GST_PAD_PARENT (modeFilterInput.get ()), "src"));
  HeldNegotiation hold;
  gst_pad_add_probe (modeFilterOutput.get (), (GstPadProbeType)
      (GST_PAD_PROBE_TYPE_QUERY_DOWNSTREAM | GST_PAD_PROBE_TYPE_PULL),
      holdFirstNegotiation, &hold, nullptr);
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  fail_unless (hold.held.wait (std::chrono::seconds (20)),
      "the source never negotiated");
  g_object_set (stream.pad ("video_0").get (), "constraints",
      "{\"width\":{\"exact\":1280},\"height\":{\"exact\":720}}", nullptr);
  hold.released.raise ();
  stream.waitCaps ("video_0", "video/x-raw,width=1280,height=720");
  stream.waitBuffers ("video_0", 3);
  fail_unless_equals_int (stream.countMessages ([] (GstMessage * m) {
            return GST_MESSAGE_TYPE (m) == GST_MESSAGE_ERROR ||
                GST_MESSAGE_TYPE (m) == GST_MESSAGE_WARNING; }), 0);
  fail_unless_equals_int (stream.countMessages ([&source] (GstMessage * m) {
            return isSourceRestart (m, source.get ()); }), 1);
  stream.setState (GST_STATE_NULL);
}
GST_END_TEST;

/* The camera's controls (Image Capture) chosen with the track: taken by
 * the camera, changed by applyConstraints(), and kept where a later
 * document says nothing of them, as a camera keeps its zoom. */
GST_START_TEST (test_camera_controls_follow_the_constraints)
{
  StreamPipeline stream ("{\"video\":{\"facingMode\":\"environment\","
      "\"zoom\":2}}", "phone");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitBuffers ("video_0", 2);
  auto pad = stream.pad ("video_0");
  fail_unless_equals_float (jsonProperty (pad.get (),
          "settings")["zoom"].get<double> (), 2);
  g_object_set (pad.get (), "constraints", "{\"zoom\":3,\"torch\":true}",
      nullptr);
  auto settings = jsonProperty (pad.get (), "settings");
  fail_unless_equals_float (settings["zoom"].get<double> (), 3);
  fail_unless (settings["torch"].get<bool> ());
  g_object_set (pad.get (), "constraints", "{}", nullptr);
  settings = jsonProperty (pad.get (), "settings");
  fail_unless_equals_float (settings["zoom"].get<double> (), 3);
  fail_unless (settings["torch"].get<bool> ());
  /* A clone reads the same camera. */
  auto clone = stream.cloneTrack ("video_0");
  fail_unless_equals_float (jsonProperty (clone.get (), "settings")["zoom"].
      get<double> (), 3);
  fail_unless_equals_int (stream.countMessages ([] (GstMessage * m) {
            return GST_MESSAGE_TYPE (m) == GST_MESSAGE_WARNING; }), 0);
  stream.setState (GST_STATE_NULL);
}
GST_END_TEST;

GST_START_TEST (test_rejected_constraints_leave_the_track)
{
  StreamPipeline stream ("{\"video\":{\"width\":640,\"height\":480}}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,width=640,height=480");
  auto pad = stream.pad ("video_0");
  const std::string before = stringProperty (pad.get (), "constraints");
  const std::string settingsBefore = stringProperty (pad.get (), "settings");
  g_object_set (pad.get (), "constraints",
      "{\"width\":{\"exact\":5000}}", nullptr);
  GstMessage *m = stream.waitMessage (GST_MESSAGE_WARNING);
  const GstStructure *details = errorDetails (m);
  fail_unless_equals_string (gst_structure_get_string (details, "name"),
      "OverconstrainedError");
  fail_unless_equals_string (gst_structure_get_string (details,
          "constraint"), "width");
  assert_same_text (stringProperty (pad.get (), "constraints"), before);
  assert_same_text (stringProperty (pad.get (), "settings"),
      settingsBefore);
  stream.waitBuffers ("video_0", 3);
  stream.waitCaps ("video_0", "video/x-raw,width=640,height=480");
  g_object_set (pad.get (), "constraints", "{\"frameRate\":{\"min\":\"x\"}}",
      nullptr);
  stream.waitMessage ([] (GstMessage * w) {
        return GST_MESSAGE_TYPE (w) == GST_MESSAGE_WARNING &&
            g_strcmp0 (gst_structure_get_string (errorDetails (w), "name"),
                "TypeError") == 0; }, "TypeError warning");
  assert_same_text (stringProperty (pad.get (), "constraints"), before);
}
GST_END_TEST;

GST_START_TEST (test_errors_name_the_dom_exception)
{
  struct Case {
    const char *constraints;
    const char *name;
    const char *constraint;
  };
  for (const Case & c : {
          Case { "{\"video\":{\"width\":{\"exact\":5000}}}",
              "OverconstrainedError", "width" },
          Case { "{\"video\":{\"frameRate\":{\"min\":\"high\"}}}", "TypeError",
              "" },
          Case { "{}", "TypeError", "" },
          Case { "not json", "TypeError", "" },
          Case { "{\"video\":{\"facingMode\":{\"exact\":\"environment\"}}}",
              "OverconstrainedError", "facingMode" } }) {
    StreamPipeline stream (c.constraints);
    fail_unless (stream.setState (GST_STATE_READY) ==
        GST_STATE_CHANGE_FAILURE, "%s", c.constraints);
    GstMessage *m = stream.waitMessage (GST_MESSAGE_ERROR);
    const GstStructure *details = errorDetails (m);
    fail_unless_equals_string (gst_structure_get_string (details, "name"),
        c.name);
    if (*c.constraint)
      fail_unless_equals_string (gst_structure_get_string (details,
              "constraint"), c.constraint);
    /* Nothing of the attempt stays. */
    fail_unless_equals_int (stream.padNames ().size (), 0);
    fail_unless_equals_int (childCount (stream.src ()), 0);
  }
}
GST_END_TEST;

GST_START_TEST (test_no_device_is_not_found)
{
  /* A profile with a camera only. */
  ScratchDir dir;
  dir.write ("camera-only.json", R"json({"devices": [
      {"kind": "videoinput", "label": "Lone Camera", "id": "lone",
       "modes": [{"format": "I420", "width": 640, "height": 480,
                  "frameRate": 30}]}]})json");
  const std::string profile = dir.path () / "camera-only.json";
  StreamPipeline stream ("{\"audio\":true}", profile.c_str ());
  fail_unless (stream.setState (GST_STATE_READY) == GST_STATE_CHANGE_FAILURE);
  GstMessage *m = stream.waitMessage (GST_MESSAGE_ERROR);
  fail_unless_equals_string (gst_structure_get_string (errorDetails (m),
          "name"), "NotFoundError");
  fail_unless_equals_int (childCount (stream.src ()), 0);
}
GST_END_TEST;

GST_START_TEST (test_restarting_makes_new_tracks)
{
  StreamPipeline stream ("{\"video\":true}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitBuffers ("video_0", 2);
  const std::string first = stringProperty (stream.pad ("video_0").get (),
      "id");
  fail_unless (stream.setState (GST_STATE_NULL) == GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (stream.padNames ().size (), 0);
  fail_unless_equals_int (childCount (stream.src ()), 0);
  fail_if (stream.setState (GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE);
  fail_unless_equals_int (stream.padNames ().size (), 1);
  fail_if (stringProperty (stream.pad ("video_0").get (), "id") == first);
}
GST_END_TEST;

GST_START_TEST (test_content_hint)
{
  StreamPipeline stream ("{\"video\":true,\"audio\":true}");
  fail_if (stream.setState (GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE);
  auto video = stream.pad ("video_0");
  auto audio = stream.pad ("audio_0");
  g_object_set (video.get (), "content-hint", "detail", nullptr);
  g_object_set (audio.get (), "content-hint", "music", nullptr);
  assert_same_text (stringProperty (video.get (), "content-hint")
      , "detail");
  assert_same_text (stringProperty (audio.get (), "content-hint")
      , "music");
  /* Hints of the other kind are ignored, as the spec says. */
  g_object_set (video.get (), "content-hint", "speech", nullptr);
  g_object_set (audio.get (), "content-hint", "motion", nullptr);
  assert_same_text (stringProperty (video.get (), "content-hint")
      , "detail");
  assert_same_text (stringProperty (audio.get (), "content-hint")
      , "music");
}
GST_END_TEST;

GST_START_TEST (test_clone_shares_the_capture)
{
  StreamPipeline stream ("{\"video\":{\"width\":640,\"height\":480}}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,width=640,height=480");
  auto original = stream.pad ("video_0");
  ObjectPtr<GstPad> ownedClone = stream.cloneTrack ("video_0");
  GstPad *clone = ownedClone.get ();
  fail_unless_equals_string (GST_OBJECT_NAME (clone), "video_1");
  fail_if (stringProperty (clone, "id") == stringProperty (original.get (),
          "id"));
  assert_same_text (stringProperty (clone, "device-id"),
      stringProperty (original.get (), "device-id"));
  assert_same_text (stringProperty (clone, "settings"),
      stringProperty (original.get (), "settings"));
  stream.waitCaps ("video_1", "video/x-raw,width=640,height=480");
  /* A new collection with both. */
  stream.waitMessage ([] (GstMessage * m) {
        if (GST_MESSAGE_TYPE (m) != GST_MESSAGE_STREAM_COLLECTION)
          return false;
        GstStreamCollection *c = nullptr;
        gst_message_parse_stream_collection (m, &c);
        const guint size = gst_stream_collection_get_size (c);
        gst_object_unref (c);
        return size == 2; }, "collection of two");

  /* The clone's own constraints: scaled down from the shared capture, the
   * original unchanged. */
  g_object_set (clone, "constraints", "{\"width\":{\"exact\":160},"
      "\"height\":{\"exact\":90}}", nullptr);
  stream.waitCaps ("video_1", "video/x-raw,width=160,height=90");
  stream.waitBuffers ("video_0", 3);
  stream.waitCaps ("video_0", "video/x-raw,width=640,height=480");
  auto cloneSettings = jsonProperty (clone, "settings");
  assert_same_text (cloneSettings["resizeMode"].get<std::string> (),
      "crop-and-scale");
}
GST_END_TEST;

GST_START_TEST (test_clone_constraints_move_the_shared_mode)
{
  StreamPipeline stream ("{\"video\":{\"width\":320,\"height\":240}}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,width=320,height=240");
  auto original = stream.pad ("video_0");
  ObjectPtr<GstPad> ownedClone = stream.cloneTrack ("video_0");
  GstPad *clone = ownedClone.get ();
  /* A size the shared 320x240 capture cannot give: the device mode moves
   * up, and the original is now scaled down to keep its 320x240. */
  g_object_set (clone, "constraints", "{\"width\":{\"exact\":640},"
      "\"height\":{\"exact\":480}}", nullptr);
  stream.waitCaps ("video_1", "video/x-raw,width=640,height=480");
  stream.waitBuffers ("video_0", 5);
  stream.waitCaps ("video_0", "video/x-raw,width=320,height=240");
  auto originalSettings = jsonProperty (original.get (), "settings");
  fail_unless_equals_int (originalSettings["width"].get<int> (), 320);
  assert_same_text (originalSettings["resizeMode"]
      .get<std::string> (), "crop-and-scale");
}
GST_END_TEST;

GST_START_TEST (test_disabled_track_is_black_at_the_same_cadence)
{
  StreamPipeline stream ("{\"video\":{\"width\":{\"exact\":320},"
      "\"height\":{\"exact\":240}},\"audio\":true}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,format=I420,width=320,height=240");
  auto video = stream.pad ("video_0");
  const std::string capsBefore = stream.record ("video_0").caps;
  g_object_set (video.get (), "enabled", FALSE, nullptr);
  /* A frame or two may have been on its way already. */
  stream.waitBuffers ("video_0", 3);
  SinkRecord r = stream.record ("video_0");
  fail_unless_equals_int (r.lastFrame.size (), 320 * 240 * 3 / 2);
  /* I420 black: Y 16, U and V 128. */
  fail_unless (std::all_of (r.lastFrame.begin (), r.lastFrame.begin () +
          320 * 240, [] (guint8 y) { return y == 16; }));
  fail_unless (std::all_of (r.lastFrame.begin () + 320 * 240,
          r.lastFrame.end (), [] (guint8 c) { return c == 128; }));
  fail_unless (r.caps == capsBefore, "%s became %s", capsBefore.c_str (),
      r.caps.c_str ());
  gboolean enabled = TRUE;
  g_object_get (video.get (), "enabled", &enabled, nullptr);
  fail_if (enabled);
  /* The other track is not affected, and the track comes back. */
  stream.waitBuffers ("audio_0", 3);
  g_object_set (video.get (), "enabled", TRUE, nullptr);
  stream.waitFor ("video_0", [] (const SinkRecord & now) {
        return std::any_of (now.lastFrame.begin (), now.lastFrame.begin () +
            320 * 240, [] (guint8 y) { return y != 16; }); },
      "a frame that is not black");
}
GST_END_TEST;

GST_START_TEST (test_stop_ends_one_track)
{
  StreamPipeline stream ("{\"video\":true,\"audio\":true}");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitBuffers ("video_0", 2);
  auto video = stream.pad ("video_0");
  const std::string id = stringProperty (video.get (), "id");
  g_signal_emit_by_name (video.get (), "stop");
  stream.waitFor ("video_0", [] (const SinkRecord & r) { return r.eos; },
      "EOS");
  GstMessage *m = stream.waitElementMessage ("mediastream-track-ended");
  const GstStructure *s = gst_message_get_structure (m);
  assert_same_text (gst_structure_get_string (s, "track-id"), id);
  assert_same_text (gst_structure_get_string (s, "reason"), "stopped");
  gint state = -1;
  g_object_get (video.get (), "ready-state", &state, nullptr);
  fail_unless_equals_int (state, 1);      /* ended */
  /* The audio track goes on. */
  stream.waitBuffers ("audio_0", 5);
  fail_if (stream.record ("audio_0").eos);
  /* The camera, with no live track left, is released; the microphone is
   * not. */
  const gint64 end = g_get_monotonic_time () + kPatience;
  std::vector<GstState> states;
  do {
    g_usleep (20000);
    states = sourceStates (stream.src ());
  } while (std::count (states.begin (), states.end (), GST_STATE_NULL) != 1
      && g_get_monotonic_time () < end);
  fail_unless_equals_int (states.size (), 2);
  fail_unless_equals_int (std::count (states.begin (), states.end (),
          GST_STATE_NULL), 1);
  fail_unless_equals_int (std::count (states.begin (), states.end (),
          GST_STATE_PLAYING), 1);
}
GST_END_TEST;

GST_START_TEST (test_devicechange_and_a_lost_device)
{
  StreamPipeline stream ("{\"video\":true,\"audio\":true}", "laptop");
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitBuffers ("video_0", 2);
  stream.waitBuffers ("audio_0", 2);
  /* Another set of devices is plugged in instead: the laptop's are gone. */
  ObjectPtr<GstDeviceProvider> provider
      (gst_device_provider_factory_get_by_name
      ("mediastreamfakedeviceprovider"));
  fail_unless (provider != nullptr);
  g_object_set (provider.get (), "profile", "chromium", nullptr);
  /* The provider reports each device that goes and comes: the last
   * devicechange has the new list. */
  stream.waitMessage ([] (GstMessage * m) {
        if (GST_MESSAGE_TYPE (m) != GST_MESSAGE_ELEMENT ||
            !gst_message_has_name (m, "devicechange"))
          return false;
        const gchar *json = gst_structure_get_string
            (gst_message_get_structure (m), "devices");
        fail_unless (json != nullptr);
        auto devices = nlohmann::json::parse (json)["devices"];
        return devices.size () == 2 &&
            devices[0]["label"] == "Fake Microphone" &&
            devices[1]["label"] == "Fake Camera"; }, "devicechange");
  /* Both tracks end, with the reason; the pipeline does not fail. */
  for (const char *pad : { "video_0", "audio_0" })
    stream.waitFor (pad, [] (const SinkRecord & r) { return r.eos; }, "EOS");
  stream.waitMessage ([] (GstMessage * e) {
        return GST_MESSAGE_TYPE (e) == GST_MESSAGE_ELEMENT &&
            gst_message_has_name (e, "mediastream-track-ended") &&
            g_strcmp0 (gst_structure_get_string (gst_message_get_structure
                    (e), "reason"), "device-lost") == 0; }, "device-lost");
  GstMessage *w = stream.waitMessage (GST_MESSAGE_WARNING);
  assert_same_text (gst_structure_get_string (errorDetails (w), "name"),
      "NotFoundError");
  fail_unless_equals_int (stream.countMessages ([] (GstMessage * e) {
            return GST_MESSAGE_TYPE (e) == GST_MESSAGE_ERROR; }), 0);
  g_object_set (provider.get (), "profile", nullptr, nullptr);
}
GST_END_TEST;

/* What a GstBaseSrc does when its device fails: its error, the flow error
 * that follows it, EOS downstream, all from its streaming thread; nothing
 * passes from then on. A probe on the source's pad. */
struct SourceFailure {
  int after = 0;              /* buffers that pass first */
  GstResourceError code = GST_RESOURCE_ERROR_READ;
  std::atomic<int> seen { 0 };
};

static void
postSourceError (GstElement * source, GQuark domain, gint code,
    const char *text)
{
  GError *error = g_error_new_literal (domain, code, text);
  gst_element_post_message (source, gst_message_new_error (GST_OBJECT
          (source), error, nullptr));
  g_error_free (error);
}

static GstPadProbeReturn
failSource (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  (void) info;
  auto *failure = static_cast<SourceFailure *> (data);
  const int n = failure->seen++;
  if (n < failure->after)
    return GST_PAD_PROBE_OK;
  if (n == failure->after) {
    GstElement *source = GST_PAD_PARENT (pad);
    postSourceError (source, GST_RESOURCE_ERROR, failure->code,
        "the device failed");
    postSourceError (source, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
        "Internal data stream error.");
    gst_pad_push_event (pad, gst_event_new_eos ());
  }
  return GST_PAD_PROBE_DROP;
}

/* The source of the pad's track, failing as `failure` says. Returns the
 * probe's id on the source's pad. */
static gulong
failTrackSource (StreamPipeline & stream, const char *padName,
    SourceFailure & failure)
{
  ObjectPtr<GstElement> source = trackSource (stream, padName);
  ObjectPtr<GstPad> output (gst_element_get_static_pad (source.get (),
          "src"));
  return gst_pad_add_probe (output.get (), GST_PAD_PROBE_TYPE_BUFFER,
      failSource, &failure, nullptr);
}

/* A device that fails after it delivered was lost, although its source
 * sends EOS right after its error. */
GST_START_TEST (test_source_error_after_data_ends_as_device_lost)
{
  StreamPipeline stream ("{\"video\":true,\"audio\":true}");
  fail_if (stream.setState (GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE);
  SourceFailure failure;
  failure.after = 5;
  failTrackSource (stream, "video_0", failure);
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);

  stream.waitFor ("video_0", [] (const SinkRecord & r) { return r.eos; },
      "EOS");
  GstMessage *m = stream.waitElementMessage ("mediastream-track-ended");
  assert_same_text (gst_structure_get_string (gst_message_get_structure (m),
          "reason"), "device-lost");
  GstMessage *w = stream.waitMessage (GST_MESSAGE_WARNING);
  /* The fake camera is still listed: it failed, it did not go away. */
  assert_same_text (gst_structure_get_string (errorDetails (w), "name"),
      "NotReadableError");
  stream.waitBuffers ("audio_0", 5);
  fail_if (stream.record ("audio_0").eos);
  fail_unless_equals_int (stream.countMessages ([] (GstMessage * e) {
            return GST_MESSAGE_TYPE (e) == GST_MESSAGE_ERROR; }), 0);
  stream.setState (GST_STATE_NULL);
}
GST_END_TEST;

/* A device in use elsewhere: the request fails with the error that says
 * so, not with the flow error its source adds. */
GST_START_TEST (test_busy_device_fails_with_its_first_error)
{
  StreamPipeline stream ("{\"video\":true}");
  fail_if (stream.setState (GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE);
  SourceFailure failure;
  failure.code = GST_RESOURCE_ERROR_BUSY;
  failTrackSource (stream, "video_0", failure);
  stream.setState (GST_STATE_PLAYING);
  GstMessage *m = stream.waitMessage (GST_MESSAGE_ERROR);
  const GstStructure *details = errorDetails (m);
  assert_same_text (gst_structure_get_string (details, "name"),
      "NotReadableError");
  const std::string message = gst_structure_get_string (details, "message");
  fail_unless (message.find ("in use by another application") !=
      std::string::npos, "%s", message.c_str ());
  stream.setState (GST_STATE_NULL);
}
GST_END_TEST;

GST_START_TEST (test_tracks_of_a_media_file)
{
  ScratchDir dir;
  const std::string file = dir.path () / "clip.mkv";
  {
    const std::string description = "videotestsrc num-buffers=30 ! "
        "video/x-raw,width=320,height=240,framerate=10/1 ! jpegenc ! "
        "matroskamux name=m ! filesink location=\"" + file + "\" "
        "audiotestsrc num-buffers=30 ! audio/x-raw,format=S16LE,rate=48000,"
        "channels=2 ! m.";
    ObjectPtr<GstElement> writer (gst_parse_launch (description.c_str (),
            nullptr));
    fail_unless (writer != nullptr);
    gst_element_set_state (writer.get (), GST_STATE_PLAYING);
    ObjectPtr<GstBus> bus (gst_element_get_bus (writer.get ()));
    MessagePtr done (gst_bus_timed_pop_filtered (bus.get (), 30 * GST_SECOND,
            (GstMessageType) (GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
    fail_unless (done && GST_MESSAGE_TYPE (done.get ()) == GST_MESSAGE_EOS);
    gst_element_set_state (writer.get (), GST_STATE_NULL);
  }
  GCharPtr uri (g_filename_to_uri (file.c_str (), nullptr, nullptr));
  StreamPipeline stream ("{\"video\":{\"width\":{\"exact\":160},"
      "\"height\":{\"exact\":120}},\"audio\":{\"channelCount\":1}}");
  g_object_set (stream.src (), "uri", uri.get (), nullptr);
  fail_if (stream.setState (GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE);
  stream.waitCaps ("video_0", "video/x-raw,width=160,height=120");
  stream.waitCaps ("audio_0", "audio/x-raw,channels=1");
  auto video = stream.pad ("video_0");
  assert_same_text (stringProperty (video.get (), "label"), "clip.mkv");
  assert_same_text (stringProperty (video.get (), "device-id"), "");
  auto settings = jsonProperty (video.get (), "settings");
  fail_unless_equals_int (settings["width"].get<int> (), 160);
  /* The file ends: its tracks end. */
  for (const char *pad : { "video_0", "audio_0" })
    stream.waitFor (pad, [] (const SinkRecord & r) { return r.eos; }, "EOS");
}
GST_END_TEST;

/* A pad the application keeps after the element went back to NULL still
 * answers, from its last state. */
GST_START_TEST (test_pad_outlives_its_track)
{
  GstPad *kept = nullptr;
  {
    StreamPipeline stream ("{\"video\":true}");
    fail_if (stream.setState (GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE);
    kept = stream.pad ("video_0").release ();
    fail_unless (kept != nullptr);
    fail_unless (stream.setState (GST_STATE_NULL) == GST_STATE_CHANGE_SUCCESS);
  }
  gboolean enabled = FALSE, muted = TRUE;
  gint state = -1;
  g_object_get (kept, "enabled", &enabled, "muted", &muted, "ready-state",
      &state, nullptr);
  fail_unless (enabled);
  fail_if (muted);
  g_object_set (kept, "enabled", FALSE, "constraints", "{\"width\":320}",
      nullptr);
  fail_unless (g_uuid_string_is_valid (stringProperty (kept, "id").c_str ()));
  g_signal_emit_by_name (kept, "stop");
  gst_object_unref (kept);
}
GST_END_TEST;

/* Straight from NULL to PLAYING, with each track linked in pad-added to a
 * bin whose sink prerolls: the pads come at PAUSED, so the sinks join the
 * way to PLAYING. */
GST_START_TEST (test_null_to_playing_with_sink_bins)
{
  g_setenv ("GST_MEDIASTREAM_FAKE_DEVICES", "chromium", TRUE);
  ObjectPtr<GstElement> pipeline (gst_pipeline_new (nullptr));
  GstElement *src = gst_element_factory_make ("mediastreamsrc", nullptr);
  g_object_set (src, "constraints", "{\"video\":{\"width\":320,"
      "\"height\":240},\"audio\":true}", nullptr);
  gst_bin_add (GST_BIN (pipeline.get ()), src);
  std::atomic<int> buffers { 0 };
  g_signal_connect (src, "pad-added", G_CALLBACK (+[] (GstElement * e,
              GstPad * pad, gpointer data) {
            GstElement *bin = gst_parse_bin_from_description ("queue ! "
                "fakesink", TRUE, nullptr);
            GstElement *pipeline = GST_ELEMENT (gst_element_get_parent (e));
            gst_bin_add (GST_BIN (pipeline), bin);
            ObjectPtr<GstPad> sink (gst_element_get_static_pad (bin, "sink"));
            fail_unless (gst_pad_link (pad, sink.get ()) == GST_PAD_LINK_OK);
            gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER,
                [] (GstPad *, GstPadProbeInfo *, gpointer count) {
                  ++*static_cast<std::atomic<int> *> (count);
                  return GST_PAD_PROBE_OK; }, data, nullptr);
            gst_element_sync_state_with_parent (bin);
            gst_object_unref (pipeline);
          }), &buffers);
  fail_if (gst_element_set_state (pipeline.get (), GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  GstState state = GST_STATE_VOID_PENDING;
  fail_unless (gst_element_get_state (pipeline.get (), &state, nullptr,
          kPatience * GST_USECOND) == GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (state, GST_STATE_PLAYING);
  const gint64 end = g_get_monotonic_time () + kPatience;
  while (buffers.load () < 6 && g_get_monotonic_time () < end)
    g_usleep (10000);
  fail_unless (buffers.load () >= 6);
  gst_element_set_state (pipeline.get (), GST_STATE_NULL);
}
GST_END_TEST;

/* A track nobody links does not stop the others (gst-launch-1.0
 * mediastreamsrc ! autovideosink leaves the audio pad alone). */
GST_START_TEST (test_unlinked_track_does_not_stop_the_stream)
{
  g_setenv ("GST_MEDIASTREAM_FAKE_DEVICES", "chromium", TRUE);
  ObjectPtr<GstElement> pipeline (gst_parse_launch ("mediastreamsrc name=s "
          "s.video_0 ! fakesink name=sink", nullptr));
  fail_unless (pipeline != nullptr);
  ObjectPtr<GstElement> src (gst_bin_get_by_name (GST_BIN (pipeline.get ()),
          "s"));
  g_object_set (src.get (), "constraints", "{\"video\":{\"width\":320},"
      "\"audio\":true}", nullptr);
  ObjectPtr<GstElement> sink (gst_bin_get_by_name (GST_BIN (pipeline.get ()),
          "sink"));
  ObjectPtr<GstPad> sinkPad (gst_element_get_static_pad (sink.get (),
          "sink"));
  std::atomic<int> buffers { 0 };
  gst_pad_add_probe (sinkPad.get (), GST_PAD_PROBE_TYPE_BUFFER,
      [] (GstPad *, GstPadProbeInfo *, gpointer count) {
        ++*static_cast<std::atomic<int> *> (count);
        return GST_PAD_PROBE_OK; }, &buffers, nullptr);
  fail_if (gst_element_set_state (pipeline.get (), GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline.get ()));
  const gint64 end = g_get_monotonic_time () + kPatience;
  while (buffers.load () < 20 && g_get_monotonic_time () < end) {
    MessagePtr error (gst_bus_timed_pop_filtered (bus.get (),
            10 * GST_MSECOND, GST_MESSAGE_ERROR));
    fail_if (error != nullptr, "the stream failed");
  }
  fail_unless (buffers.load () >= 20);
  ObjectPtr<GstPad> audio (gst_element_get_static_pad (src.get (),
          "audio_0"));
  fail_unless (audio != nullptr);
  fail_if (gst_pad_is_linked (audio.get ()));
  gst_element_set_state (pipeline.get (), GST_STATE_NULL);
}
GST_END_TEST;

static Suite *
mediastreamsrc_suite (void)
{
  Suite *s = suite_create ("mediastreamsrc");
  TCase *tc = tcase_create ("general");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_tracks_are_pads_with_track_attributes);
  tcase_add_test (tc, test_tracks_deliver_their_settings);
  tcase_add_test (tc, test_native_mode_is_passthrough);
  tcase_add_test (tc, test_stream_collection_and_stream_start);
  tcase_add_test (tc, test_select_streams_keeps_the_selected_pads);
  tcase_add_test (tc, test_apply_constraints_changes_the_track);
  tcase_add_test (tc, test_mode_switch_reaches_the_tracks_first);
  tcase_add_test (tc, test_mode_switch_while_the_source_negotiates);
  tcase_add_test (tc, test_camera_controls_follow_the_constraints);
  tcase_add_test (tc, test_rejected_constraints_leave_the_track);
  tcase_add_test (tc, test_errors_name_the_dom_exception);
  tcase_add_test (tc, test_no_device_is_not_found);
  tcase_add_test (tc, test_restarting_makes_new_tracks);
  tcase_add_test (tc, test_content_hint);
  tcase_add_test (tc, test_clone_shares_the_capture);
  tcase_add_test (tc, test_clone_constraints_move_the_shared_mode);
  tcase_add_test (tc, test_disabled_track_is_black_at_the_same_cadence);
  tcase_add_test (tc, test_stop_ends_one_track);
  tcase_add_test (tc, test_devicechange_and_a_lost_device);
  tcase_add_test (tc, test_source_error_after_data_ends_as_device_lost);
  tcase_add_test (tc, test_busy_device_fails_with_its_first_error);
  tcase_add_test (tc, test_tracks_of_a_media_file);
  tcase_add_test (tc, test_pad_outlives_its_track);
  tcase_add_test (tc, test_null_to_playing_with_sink_bins);
  tcase_add_test (tc, test_unlinked_track_does_not_stop_the_stream);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (mediastreamsrc);
