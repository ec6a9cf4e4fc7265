/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The web-platform-tests' constraint vectors (mediacapture-streams and
 * mediacapture-image) that apply outside a browser, run against the fake
 * devices of the "chromium" profile. */

/* nlohmann/json.hpp must come before check.h, whose fail() macro it trips */
#include "engine-fixtures.h"
#include "check-main.h"

using namespace mediastream;
using namespace fixtures;

static Result<std::vector<TrackSelection>>
gum (const char *json)
{
  auto parsed = parseStreamConstraints (json);
  if (!parsed)
    return parsed.error ();
  return getUserMedia (chromiumDevices (), parsed.value ());
}

static void
assert_type_error (const Result<std::vector<TrackSelection>> &r)
{
  fail_if (r.ok ());
  fail_unless_equals_int ((int) r.error ().name, (int) ErrorName::TypeError);
}

static Selection
video (const char *json)
{
  auto r = gum (json);
  fail_unless (r.ok (), "%s: %s", json, r.ok () ? "" :
      r.error ().message.c_str ());
  fail_unless_equals_int ((int) r->size (), 1);
  fail_unless ((*r)[0].kind == Kind::Video);
  return (*r)[0].selection;
}

/* GUM-impossible-constraint (Chromium's extended list) */
GST_START_TEST (test_gum_impossible_constraints)
{
  const std::pair<const char *, const char *> vectors[] = {
    { "{\"video\":{\"width\":{\"min\":100000000}}}", "width" },
    { "{\"video\":{\"width\":{\"max\":0}}}", "width" },
    { "{\"video\":{\"height\":{\"max\":0}}}", "height" },
    { "{\"video\":{\"frameRate\":{\"max\":0}}}", "frameRate" },
    { "{\"video\":{\"width\":{\"max\":-1}}}", "width" },
    { "{\"video\":{\"height\":{\"max\":-1}}}", "height" },
    { "{\"video\":{\"frameRate\":{\"max\":-1}}}", "frameRate" },
    { "{\"video\":{\"width\":{\"min\":100,\"max\":10}}}", "width" },
    { "{\"video\":{\"height\":{\"min\":100,\"max\":10}}}", "height" },
    { "{\"video\":{\"frameRate\":{\"min\":100,\"max\":10}}}", "frameRate" },
  };
  for (const auto & [json, name] : vectors)
    assert_overconstrained (gum (json), name);
}
GST_END_TEST;

/* GUM-trivial-constraint, GUM-optional-constraint, video-only, audio-only */
GST_START_TEST (test_gum_trivial_and_optional)
{
  video ("{\"video\":{\"width\":{\"min\":0}}}");
  video ("{\"video\":{\"advanced\":[{\"width\":{\"min\":1024,\"max\":800}}]}}");
  video ("{\"video\":true}");
  auto r = gum ("{\"audio\":true}");
  fail_unless (r.ok ());
  fail_unless_equals_int ((int) r->size (), 1);
  fail_unless ((*r)[0].kind == Kind::Audio);
  r = gum ("{\"audio\":true,\"video\":true}");
  fail_unless_equals_int ((int) r->size (), 2);
}
GST_END_TEST;

/* GUM-required-constraint-with-ideal-value */
GST_START_TEST (test_gum_required_with_ideal)
{
  Selection s = video ("{\"video\":{\"width\":{\"ideal\":320,\"min\":160}}}");
  fail_unless_equals_int ((int) setting (s, Property::Width), 320);
}
GST_END_TEST;

/* GUM-empty-option-param, GUM-unknownkey-option-param */
GST_START_TEST (test_gum_nothing_requested_is_type_error)
{
  assert_type_error (gum ("{}"));
  assert_type_error (gum ("{\"doesnotexist\":true}"));
  assert_type_error (gum ("{\"video\":false}"));
  assert_type_error (gum ("{\"video\":false,\"audio\":0}"));
}
GST_END_TEST;

/* GUM-invalid-facing-mode */
GST_START_TEST (test_gum_invalid_facing_mode)
{
  assert_overconstrained (gum ("{\"video\":{\"facingMode\":{\"exact\":\"\"}}}"),
      "facingMode");
}
GST_END_TEST;

/* GUM-echoCancellation-boolean, -all, -remote-only */
GST_START_TEST (test_gum_echo_cancellation_values)
{
  const std::pair<const char *, SettingValue> vectors[] = {
    { "{\"audio\":{\"echoCancellation\":{\"exact\":true}}}", true },
    { "{\"audio\":{\"echoCancellation\":{\"exact\":false}}}", false },
    { "{\"audio\":{\"echoCancellation\":{\"exact\":\"all\"}}}",
        std::string ("all") },
    { "{\"audio\":{\"echoCancellation\":{\"exact\":\"remote-only\"}}}",
        std::string ("remote-only") },
  };
  for (const auto & [json, expected] : vectors) {
    auto r = gum (json);
    fail_unless (r.ok (), "%s", json);
    fail_unless (rawSetting ((*r)[0].selection, Property::EchoCancellation) ==
        expected, "%s", json);
  }
}
GST_END_TEST;

/* GUM-non-applicable-constraint: the other kind's constraints are ignored */
GST_START_TEST (test_gum_non_applicable_constraints)
{
  const char *videoValid = "{\"width\":{\"min\":0},\"height\":{\"min\":0},"
      "\"frameRate\":{\"min\":0},\"aspectRatio\":{\"min\":0},"
      "\"facingMode\":{\"ideal\":\"environment\"},"
      "\"resizeMode\":{\"ideal\":\"none\"}}";
  const char *videoInvalid = "{\"width\":{\"min\":100000000},"
      "\"height\":{\"min\":100000000},\"frameRate\":{\"min\":100000000},"
      "\"aspectRatio\":{\"min\":100000000},"
      "\"facingMode\":{\"exact\":\"invalid\"},"
      "\"resizeMode\":{\"exact\":\"invalid\"}}";
  const char *audioValid = "{\"volume\":{\"min\":0},\"sampleRate\":{\"min\":0},"
      "\"sampleSize\":{\"min\":0},\"echoCancellation\":{\"ideal\":true},"
      "\"autoGainControl\":{\"ideal\":true},"
      "\"noiseSuppression\":{\"ideal\":true},"
      "\"voiceIsolation\":{\"ideal\":true},\"latency\":{\"min\":0},"
      "\"channelCount\":{\"min\":0}}";
  const char *audioInvalid = "{\"volume\":{\"min\":2},"
      "\"sampleRate\":{\"min\":100000000},\"sampleSize\":{\"min\":100000000},"
      "\"echoCancellation\":{\"exact\":true},"
      "\"autoGainControl\":{\"exact\":true},"
      "\"noiseSuppression\":{\"exact\":true},"
      "\"voiceIsolation\":{\"exact\":true},\"latency\":{\"max\":0},"
      "\"channelCount\":{\"max\":0}}";
  for (const char *c : { videoValid, videoInvalid }) {
    std::string json = std::string ("{\"audio\":") + c + "}";
    auto r = gum (json.c_str ());
    fail_unless (r.ok (), "%s", json.c_str ());
    fail_unless_equals_int ((int) r->size (), 1);
    fail_unless ((*r)[0].kind == Kind::Audio);
  }
  for (const char *c : { audioValid, audioInvalid }) {
    std::string json = std::string ("{\"video\":") + c + "}";
    auto r = gum (json.c_str ());
    fail_unless (r.ok (), "%s", json.c_str ());
    fail_unless ((*r)[0].kind == Kind::Video);
  }
}
GST_END_TEST;

/* MediaDevices-getUserMedia: resizeMode and groupId selection */
GST_START_TEST (test_gum_resize_mode)
{
  Selection s = video ("{\"video\":{\"resizeMode\":{\"exact\":\"none\"}}}");
  fail_unless_equals_string (stringSetting (s, Property::ResizeMode).c_str (),
      "none");
  s = video ("{\"video\":{\"resizeMode\":{\"exact\":\"crop-and-scale\"}}}");
  fail_unless_equals_string (stringSetting (s, Property::ResizeMode).c_str (),
      "crop-and-scale");
  s = video ("{\"video\":{\"resizeMode\":{\"exact\":\"crop-and-scale\"},"
      "\"width\":{\"max\":30}}}");
  fail_unless_equals_string (stringSetting (s, Property::ResizeMode).c_str (),
      "crop-and-scale");
  fail_unless (setting (s, Property::Width) <= 30);
  s = video ("{\"video\":{\"resizeMode\":{\"exact\":\"crop-and-scale\"},"
      "\"frameRate\":{\"max\":5}}}");
  fail_unless (setting (s, Property::FrameRate) <= 5);
  fail_unless (setting (s, Property::FrameRate) > 0);
  assert_overconstrained (gum
      ("{\"video\":{\"resizeMode\":{\"exact\":\"INVALID\"}}}"), "resizeMode");
}
GST_END_TEST;

GST_START_TEST (test_gum_group_id_selection)
{
  auto devices = chromiumDevices ();
  for (const DeviceDescription & d : devices) {
    const char *kind = d.kind == Kind::Audio ? "audio" : "video";
    std::string json = std::string ("{\"") + kind +
        "\":{\"groupId\":{\"exact\":\"" + d.groupId + "\"}}}";
    auto r = gum (json.c_str ());
    fail_unless (r.ok (), "%s", json.c_str ());
    fail_unless_equals_string (stringSetting ((*r)[0].selection,
            Property::GroupId).c_str (), d.groupId.c_str ());
    fail_unless_equals_string (stringSetting ((*r)[0].selection,
            Property::DeviceId).c_str (), d.deviceId.c_str ());
  }
  /* the camera's group has no microphone */
  std::string json = "{\"audio\":{\"groupId\":{\"exact\":\"" +
      devices[0].groupId + "\"}}}";
  assert_overconstrained (gum (json.c_str ()), "groupId");
}
GST_END_TEST;

/* overconstrained_error */
GST_START_TEST (test_overconstrained_error_width_639)
{
  assert_overconstrained (gum ("{\"video\":{\"width\":{\"exact\":639},"
          "\"resizeMode\":{\"exact\":\"none\"}}}"), "width");
}
GST_END_TEST;

/* MediaStreamTrack-applyConstraints on the video track of gUM(video) */
GST_START_TEST (test_apply_constraints_vectors)
{
  auto devices = chromiumDevices ();
  std::vector<DeviceDescription> camera = { devices[0] };
  auto apply = [&] (const std::string & json) {
    return selectSettings (camera, Kind::Video, track (json.c_str ()).forKind
        (Kind::Video));
  };
  Selection before = apply ("{}").value ();

  assert_overconstrained (apply ("{\"groupId\":{\"exact\":\"INVALID\"}}"),
      "groupId");
  assert_overconstrained (apply ("{\"mandatory\":{\"groupId\":\"INVALID\"},"
          "\"groupId\":{\"exact\":\"INVALID\"}}"), "groupId");
  assert_overconstrained (apply ("{\"groupId\":{\"exact\":\"" +
          std::string (devices[1].groupId) + "\"}}"), "groupId");
  assert_overconstrained (apply ("{\"resizeMode\":{\"exact\":\"INVALID\"}}"),
      "resizeMode");

  /* ideal mismatches resolve and leave the setting as it was */
  auto r = apply ("{\"groupId\":\"INVALID\"}");
  fail_unless (r.ok ());
  fail_unless_equals_string (stringSetting (r.value (),
          Property::GroupId).c_str (), devices[0].groupId.c_str ());
  r = apply ("{\"resizeMode\":\"INVALID\"}");
  fail_unless (r.ok ());
  fail_unless (r->settings == before.settings);

  const std::pair<const char *, const char *> impossible[] = {
    { "{\"width\":{\"max\":0}}", "width" },
    { "{\"height\":{\"max\":0}}", "height" },
    { "{\"frameRate\":{\"max\":0}}", "frameRate" },
    { "{\"width\":{\"max\":-1}}", "width" },
    { "{\"height\":{\"max\":-1}}", "height" },
    { "{\"frameRate\":{\"max\":-1}}", "frameRate" },
    { "{\"width\":{\"min\":100,\"max\":10}}", "width" },
    { "{\"height\":{\"min\":100,\"max\":10}}", "height" },
    { "{\"frameRate\":{\"min\":100,\"max\":10}}", "frameRate" },
  };
  for (const auto & [json, name] : impossible)
    assert_overconstrained (apply (json), name);

  /* applyConstraints() and {advanced: []} clear everything */
  fail_unless (apply ("{\"advanced\":[]}")->settings == before.settings);
}
GST_END_TEST;

/* mediacapture-image: a torch the camera lacks, required, rejects; the
 * Image Capture names may not select a device in getUserMedia */
GST_START_TEST (test_image_capture_vectors)
{
  auto devices = chromiumDevices ();
  std::vector<DeviceDescription> camera = { devices[0] };
  assert_overconstrained (selectSettings (camera, Kind::Video,
          track ("{\"torch\":{\"exact\":true}}")), "torch");
  for (const char *name : { "pan", "tilt", "zoom" }) {
    for (const char *member : { "min", "max", "exact" }) {
      std::string json = std::string ("{\"video\":{\"") + name + "\":{\"" +
          member + "\":1}}}";
      assert_type_error (gum (json.c_str ()));
    }
  }
  assert_type_error (gum ("{\"video\":{\"backgroundBlur\":{\"exact\":true}}}"));
  /* unsatisfiable advanced sets are skipped, not rejected (spec, not
   * Chromium's ImageCapture) */
  fail_unless (selectSettings (camera, Kind::Video,
          track ("{\"advanced\":[{\"whiteBalanceMode\":\"manual\"},"
              "{\"zoom\":3.141592},{\"torch\":true}]}")).ok ());
}
GST_END_TEST;

/* MediaStreamTrack-getCapabilities: the shape of every capability */
GST_START_TEST (test_capability_shapes)
{
  for (const DeviceDescription & d : chromiumDevices ()) {
    Capabilities caps = capabilitiesOf (d);
    const std::vector<Property> ranges = d.kind == Kind::Audio ?
        std::vector<Property> { Property::SampleRate, Property::SampleSize,
      Property::Latency, Property::ChannelCount } :
        std::vector<Property> { Property::Width, Property::Height,
      Property::AspectRatio, Property::FrameRate };
    for (Property p : ranges) {
      const auto & c = caps.get (p);
      fail_unless (c && std::holds_alternative<CapabilityRange> (*c));
      const auto & r = std::get<CapabilityRange> (*c);
      fail_unless (r.min <= r.max);
      fail_if (r.step.has_value ());
    }
    if (d.kind == Kind::Audio) {
      for (Property p : { Property::EchoCancellation,
              Property::AutoGainControl, Property::NoiseSuppression,
              Property::VoiceIsolation }) {
        const auto & c = caps.get (p);
        fail_unless (c && std::holds_alternative<CapabilityList> (*c));
        const auto & list = std::get<CapabilityList> (*c);
        fail_unless (!list.empty () && list.size () <= 2);
        for (const auto & v : list)
          fail_unless (std::holds_alternative<bool> (v));
      }
    } else {
      const auto & resize = std::get<CapabilityList> (*caps.get
          (Property::ResizeMode));
      fail_unless_equals_int ((int) resize.size (), 2);
      fail_unless (std::holds_alternative<CapabilityList> (*caps.get
              (Property::FacingMode)));
    }
    fail_unless (std::holds_alternative<std::string> (*caps.get
            (Property::DeviceId)));
    fail_unless (std::holds_alternative<std::string> (*caps.get
            (Property::GroupId)));
  }
}
GST_END_TEST;

/* MediaStreamTrack-getSettings: every setting and its type */
GST_START_TEST (test_settings_shapes)
{
  auto r = gum ("{\"audio\":true,\"video\":true}");
  fail_unless (r.ok ());
  for (const TrackSelection & t : r.value ()) {
    const Settings &s = t.selection.settings;
    fail_unless (std::holds_alternative<std::string> (*s.get
            (Property::DeviceId)));
    fail_unless (std::holds_alternative<std::string> (*s.get
            (Property::GroupId)));
    if (t.kind == Kind::Audio) {
      for (Property p : { Property::SampleRate, Property::SampleSize,
              Property::ChannelCount })
        fail_unless (*s.number (p) > 0);
      fail_unless (*s.number (Property::Latency) >= 0);
      for (Property p : { Property::AutoGainControl,
              Property::NoiseSuppression, Property::VoiceIsolation })
        fail_unless (std::holds_alternative<bool> (*s.get (p)));
      fail_unless (*s.get (Property::EchoCancellation) == SettingValue (true));
    } else {
      const double w = *s.number (Property::Width);
      const double h = *s.number (Property::Height);
      fail_unless (w == std::floor (w) && h == std::floor (h));
      fail_unless_equals_float (w, 640);
      fail_unless_equals_float (h, 480);
      fail_unless_equals_float (*s.number (Property::AspectRatio),
          1.3333333333);
      fail_unless_equals_float (*s.number (Property::FrameRate), 30);
      fail_unless (*s.get (Property::ResizeMode) == SettingValue
          (std::string ("none")));
      /* the fake camera does not know where it faces */
      fail_if (s.get (Property::FacingMode).has_value ());
    }
  }
  /* getConstraints() after gUM({video: true}) is {} */
  fail_unless (r.value ()[1].constraints.basic.empty ());
}
GST_END_TEST;

/* Extra spec vectors (reference §4.13) */
GST_START_TEST (test_spec_only_vectors)
{
  /* empty lists are unspecified */
  video ("{\"video\":{\"facingMode\":[],\"deviceId\":{\"exact\":[]}}}");
  /* "==" on sequences is any-of */
  auto cams = std::vector<DeviceDescription> { camera ("left-cam",
          { videoMode (640, 480, 30) }, "left") };
  fail_unless (selectSettings (cams, Kind::Video,
          track ("{\"facingMode\":{\"exact\":[\"user\",\"left\"]}}")).ok ());
  /* combination failures name the constraint that broke it */
  auto r = gum ("{\"video\":{\"width\":{\"min\":3840},"
      "\"frameRate\":{\"min\":60}}}");
  assert_overconstrained (r, "frameRate");
  /* crop-and-scale keeps a native width reachable */
  Selection s = video ("{\"video\":{\"resizeMode\":{\"exact\":"
      "\"crop-and-scale\"},\"width\":{\"exact\":1280}}}");
  fail_unless_equals_int ((int) setting (s, Property::Width), 1280);
  assert_overconstrained (gum ("{\"video\":{\"resizeMode\":{\"exact\":"
          "\"crop-and-scale\"},\"width\":{\"min\":3841}}}"), "width");
}
GST_END_TEST;

/* MediaDevices-getSupportedConstraints */
GST_START_TEST (test_supported_constraints)
{
  auto supported = supportedConstraints ();
  for (const char *name : { "width", "height", "aspectRatio", "frameRate",
          "facingMode", "resizeMode", "sampleRate", "sampleSize",
          "echoCancellation", "autoGainControl", "noiseSuppression",
          "voiceIsolation", "latency", "channelCount", "deviceId",
          "groupId", "zoom", "torch", "focusMode" }) {
    auto p = propertyFromName (name);
    fail_unless (p.has_value (), "%s", name);
    fail_unless (std::find (supported.begin (), supported.end (), *p) !=
        supported.end (), "%s", name);
  }
  fail_if (propertyFromName ("volume").has_value ());
}
GST_END_TEST;

static Suite *
wpt_vectors_suite (void)
{
  Suite *s = suite_create ("wpt-vectors");
  TCase *gumCase = tcase_create ("getUserMedia");
  suite_add_tcase (s, gumCase);
  tcase_add_test (gumCase, test_gum_impossible_constraints);
  tcase_add_test (gumCase, test_gum_trivial_and_optional);
  tcase_add_test (gumCase, test_gum_required_with_ideal);
  tcase_add_test (gumCase, test_gum_nothing_requested_is_type_error);
  tcase_add_test (gumCase, test_gum_invalid_facing_mode);
  tcase_add_test (gumCase, test_gum_echo_cancellation_values);
  tcase_add_test (gumCase, test_gum_non_applicable_constraints);
  tcase_add_test (gumCase, test_gum_resize_mode);
  tcase_add_test (gumCase, test_gum_group_id_selection);
  tcase_add_test (gumCase, test_overconstrained_error_width_639);
  tcase_add_test (gumCase, test_spec_only_vectors);

  TCase *track = tcase_create ("track");
  suite_add_tcase (s, track);
  tcase_add_test (track, test_apply_constraints_vectors);
  tcase_add_test (track, test_image_capture_vectors);
  tcase_add_test (track, test_capability_shapes);
  tcase_add_test (track, test_settings_shapes);
  tcase_add_test (track, test_supported_constraints);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (wpt_vectors);
