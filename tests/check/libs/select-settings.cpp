/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* SelectSettings: each fitness rule, the tie-breaks, and Chromium's own
 * unit-test fixture (five cameras) with the choices Chromium makes. */

/* nlohmann/json.hpp must come before check.h, whose fail() macro it trips */
#include "engine-fixtures.h"
#include "check-main.h"

using namespace mediastream;
using namespace fixtures;

static Selection
pick (const std::vector<DeviceDescription> &devices, const char *json)
{
  auto r = select (devices, Kind::Video, json);
  fail_unless (r.ok (), "%s: %s", json, r.ok () ? "" :
      r.error ().message.c_str ());
  return r.value ();
}

static const std::string &
deviceOf (const std::vector<DeviceDescription> &devices, const Selection &s)
{
  return devices[s.deviceIndex].deviceId;
}

GST_START_TEST (test_fixture_unconstrained_picks_default_device_near_640x480)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev1");
  assert_size (s, 500, 500);
  fail_unless_equals_float (setting (s, Property::FrameRate), 40);
  fail_unless_equals_string (stringSetting (s, Property::ResizeMode).c_str (),
      "none");
  fail_if (s.rescaled);
}
GST_END_TEST;

GST_START_TEST (test_fixture_exact_width_prefers_a_native_match)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"width\":{\"exact\":640}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev2");
  assert_size (s, 640, 480);
  fail_if (s.rescaled);
}
GST_END_TEST;

GST_START_TEST (test_fixture_exact_width_beyond_native_crops_the_largest)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"width\":{\"exact\":2000}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev3");
  assert_size (s, 2000, 1333);
  fail_unless_equals_int (s.nativeWidth, 2304);
  fail_unless_equals_int (s.nativeHeight, 1536);
  fail_unless (s.rescaled);
  fail_unless_equals_string (stringSetting (s, Property::ResizeMode).c_str (),
      "crop-and-scale");
}
GST_END_TEST;

GST_START_TEST (test_fixture_min_width_keeps_native_size)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"width\":{\"min\":640}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev1");
  assert_size (s, 1000, 1000);
  fail_if (s.rescaled);
}
GST_END_TEST;

GST_START_TEST (test_fixture_max_width_crops_the_mode_exceeding_it_least)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"width\":{\"max\":30}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev2");
  fail_unless_equals_int ((int) setting (s, Property::Width), 30);
  /* 40x30 keeps its 4:3 shape: 30 x 22.5, rounded */
  fail_unless ((int) setting (s, Property::Height) == 22
      || (int) setting (s, Property::Height) == 23);
  fail_unless_equals_int (s.nativeWidth, 40);
}
GST_END_TEST;

GST_START_TEST (test_fixture_width_range_takes_native_mode_inside)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"width\":{\"min\":750,\"max\":850}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev2");
  assert_size (s, 800, 600);
  fail_if (s.rescaled);
}
GST_END_TEST;

GST_START_TEST (test_fixture_ideal_width_native_match)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"width\":320}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev2");
  assert_size (s, 320, 240);
  fail_if (s.rescaled);
}
GST_END_TEST;

GST_START_TEST (test_fixture_ideal_width_321_crops_the_closest_larger_mode)
{
  /* A native 320 is further from 321 than 480x640 cropped to 321. */
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"width\":{\"ideal\":321}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev3");
  fail_unless_equals_int (s.nativeWidth, 480);
  fail_unless_equals_int (s.nativeHeight, 640);
  assert_size (s, 321, 428);
  fail_unless_equals_float (s.fitness, 0);
}
GST_END_TEST;

GST_START_TEST (test_fixture_ideal_height_1079_crops_1080p)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"height\":{\"ideal\":1079}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev3");
  fail_unless_equals_int (s.nativeWidth, 1920);
  fail_unless_equals_int (s.nativeHeight, 1080);
  assert_size (s, 1918, 1079);
}
GST_END_TEST;

GST_START_TEST (test_fixture_exact_frame_rate_30_native)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"frameRate\":{\"exact\":30}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev2");
  assert_size (s, 640, 480);
  fail_unless_equals_float (setting (s, Property::FrameRate), 30);
  fail_if (s.rescaled);
}
GST_END_TEST;

GST_START_TEST (test_fixture_exact_frame_rate_50_decimates_60)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"frameRate\":{\"exact\":50}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev3");
  assert_size (s, 1280, 720);
  fail_unless_equals_float (setting (s, Property::FrameRate), 50);
  fail_unless_equals_int (s.nativeFrameRate.num / s.nativeFrameRate.den, 60);
  fail_unless_equals_int (s.frameRate.num, 50);
  fail_unless_equals_int (s.frameRate.den, 1);
  fail_unless (s.rescaled);
}
GST_END_TEST;

GST_START_TEST (test_fixture_facing_mode_and_device_id)
{
  auto devices = chromiumFixture ();
  Selection s = pick (devices, "{\"facingMode\":{\"exact\":\"user\"}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev3");
  fail_unless_equals_string (stringSetting (s, Property::FacingMode).c_str (),
      "user");
  s = pick (devices, "{\"facingMode\":\"environment\"}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev2");
  s = pick (devices, "{\"deviceId\":{\"exact\":\"dev4\"}}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev4");
  s = pick (devices, "{\"deviceId\":[\"nope\",\"dev5\"]}");
  fail_unless_equals_string (deviceOf (devices, s).c_str (), "dev5");
  fail_unless_equals_float (setting (s, Property::FrameRate), 0.1);
  assert_overconstrained (select (devices, Kind::Video,
          "{\"facingMode\":{\"exact\":\"left\"}}"), "facingMode");
  assert_overconstrained (select (devices, Kind::Video,
          "{\"deviceId\":{\"exact\":\"dev9\"}}"), "deviceId");
}
GST_END_TEST;

/* Rule 7: |actual - ideal| / max(|actual|, |ideal|), summed. */
GST_START_TEST (test_fitness_numeric_is_relative_distance)
{
  std::vector<DeviceDescription> devices = { camera ("cam",
          { videoMode (640, 480, 30) }) };
  Selection s = pick (devices,
      "{\"width\":800,\"height\":600,\"resizeMode\":\"none\"}");
  fail_unless_equals_float (s.fitness, 160.0 / 800 + 120.0 / 600);
  /* the crop-and-scale twin cannot upscale and misses the ideal
   * resizeMode (+1): none wins */
  fail_unless_equals_string (stringSetting (s, Property::ResizeMode).c_str (),
      "none");
  s = pick (devices, "{\"frameRate\":60}");
  fail_unless_equals_float (s.fitness, 0.5);
}
GST_END_TEST;

/* Rule 8: strings and booleans are 0 when equal, 1 otherwise. */
GST_START_TEST (test_fitness_discrete_is_zero_or_one)
{
  std::vector<DeviceDescription> devices = { camera ("cam",
          { videoMode (640, 480, 30) }, "user") };
  Selection s = pick (devices, "{\"facingMode\":\"environment\"}");
  fail_unless_equals_float (s.fitness, 1);
  s = pick (devices, "{\"facingMode\":[\"environment\",\"user\"]}");
  fail_unless_equals_float (s.fitness, 0);
}
GST_END_TEST;

/* Rule 5: an ideal on a member the settings lack costs 1; rule 2: a
 * required one rules the dictionary out. */
GST_START_TEST (test_fitness_missing_member)
{
  std::vector<DeviceDescription> devices = { camera ("cam",
          { videoMode (640, 480, 30) }) };
  Selection s = pick (devices, "{\"facingMode\":\"user\"}");
  fail_unless_equals_float (s.fitness, 1);
  auto r = selectSettings (devices, Kind::Video,
      track ("{\"zoom\":{\"min\":1}}"));
  assert_overconstrained (r, "zoom");
}
GST_END_TEST;

/* Rule 4: a boolean for a numeric property asks whether it exists. */
GST_START_TEST (test_fitness_boolean_for_numeric_property)
{
  auto plain = camera ("plain", { videoMode (640, 480, 30) });
  auto ptz = camera ("ptz", { videoMode (640, 480, 30) });
  ptz.numericControls[Property::Zoom] = NumericControl { 100, 400, 10, 100 };
  std::vector<DeviceDescription> devices = { plain, ptz };

  auto r = selectSettings (devices, Kind::Video, track ("{\"zoom\":true}"));
  fail_unless (r.ok ());
  fail_unless_equals_string (devices[r->deviceIndex].deviceId.c_str (), "ptz");
  fail_unless_equals_float (setting (r.value (), Property::Zoom), 100);

  r = selectSettings (devices, Kind::Video, track ("{\"zoom\":false}"));
  fail_unless_equals_string (devices[r->deviceIndex].deviceId.c_str (),
      "plain");
  /* in an advanced set a boolean is required */
  r = selectSettings (devices, Kind::Video,
      track ("{\"advanced\":[{\"zoom\":true}]}"));
  fail_unless_equals_string (devices[r->deviceIndex].deviceId.c_str (), "ptz");
  r = selectSettings (devices, Kind::Video, track ("{\"zoom\":250}"));
  fail_unless_equals_float (setting (r.value (), Property::Zoom), 250);
  r = selectSettings (devices, Kind::Video, track ("{\"zoom\":{\"exact\":900}}"));
  assert_overconstrained (r, "zoom");
}
GST_END_TEST;

/* Advanced sets: each satisfied as a whole, in order, or skipped. */
GST_START_TEST (test_advanced_sets_in_order)
{
  std::vector<DeviceDescription> devices = { camera ("cam",
          { videoMode (1920, 1080, 30), videoMode (640, 480, 30) }) };
  /* the first set wins; the second contradicts it and is skipped */
  Selection s = pick (devices, "{\"resizeMode\":\"none\",\"advanced\":["
      "{\"width\":1920,\"height\":1080},{\"aspectRatio\":1.3333333333}]}");
  assert_size (s, 1920, 1080);
  /* an impossible set is skipped, a later one applies */
  s = pick (devices, "{\"advanced\":[{\"width\":{\"min\":1024,\"max\":800}},"
      "{\"width\":640}]}");
  fail_unless_equals_int ((int) setting (s, Property::Width), 640);
  /* bare values in advanced are exact: 1000 is only reached by scaling */
  s = pick (devices, "{\"advanced\":[{\"width\":1000}]}");
  fail_unless_equals_int ((int) setting (s, Property::Width), 1000);
  fail_unless_equals_int ((int) setting (s, Property::Height), 563);
  /* ideals inside advanced sets do not steer the choice */
  s = pick (devices, "{\"advanced\":[{\"width\":{\"ideal\":1920}}]}");
  assert_size (s, 640, 480);
}
GST_END_TEST;

GST_START_TEST (test_advanced_frame_rate_narrowing)
{
  /* Spec example: advanced [min 50], [min 40] with a 45 fps source and a
   * basic min of 30: the second set applies. */
  std::vector<DeviceDescription> devices = { camera ("cam",
          { videoMode (640, 480, 45) }) };
  Selection s = pick (devices, "{\"frameRate\":{\"min\":30},\"advanced\":["
      "{\"frameRate\":{\"min\":50}},{\"frameRate\":{\"min\":40}}]}");
  fail_unless (setting (s, Property::FrameRate) >= 40);
  fail_unless (setting (s, Property::FrameRate) <= 45);
}
GST_END_TEST;

GST_START_TEST (test_overconstrained_names_the_constraint)
{
  std::vector<DeviceDescription> devices = { camera ("cam",
          { videoMode (640, 480, 30) }) };
  assert_overconstrained (select (devices, Kind::Video,
          "{\"width\":{\"min\":1280}}"), "width");
  assert_overconstrained (select (devices, Kind::Video,
          "{\"height\":{\"min\":100,\"max\":10}}"), "height");
  assert_overconstrained (select (devices, Kind::Video,
          "{\"aspectRatio\":{\"min\":2000}}"), "aspectRatio");
  assert_overconstrained (select (devices, Kind::Video,
          "{\"frameRate\":{\"min\":31}}"), "frameRate");
  /* each alone satisfiable, not together: the one that broke it */
  assert_overconstrained (select (devices, Kind::Video,
          "{\"width\":{\"exact\":320},\"resizeMode\":{\"exact\":\"none\"}}"),
      "width");
  /* a constraint that fails alone is named before one that only fails in
   * combination */
  assert_overconstrained (select (devices, Kind::Video,
          "{\"resizeMode\":{\"exact\":\"none\"},\"width\":{\"exact\":320},"
          "\"frameRate\":{\"exact\":60}}"), "frameRate");
}
GST_END_TEST;

GST_START_TEST (test_crop_and_scale_never_upscales)
{
  std::vector<DeviceDescription> devices = { camera ("cam",
          { videoMode (640, 480, 30) }) };
  assert_overconstrained (select (devices, Kind::Video,
          "{\"resizeMode\":{\"exact\":\"crop-and-scale\"},"
          "\"width\":{\"min\":641}}"), "width");
  assert_overconstrained (select (devices, Kind::Video,
          "{\"frameRate\":{\"exact\":31}}"), "frameRate");
  /* a native size is a crop-and-scale setting too */
  Selection s = pick (devices, "{\"resizeMode\":{\"exact\":\"crop-and-scale\"},"
      "\"width\":{\"exact\":640}}");
  assert_size (s, 640, 480);
  fail_if (s.rescaled);
}
GST_END_TEST;

GST_START_TEST (test_aspect_ratio_crop)
{
  std::vector<DeviceDescription> devices = { camera ("cam",
          { videoMode (1280, 720, 30) }) };
  Selection s = pick (devices, "{\"aspectRatio\":{\"exact\":1.3333333333}}");
  /* the largest 4:3 crop of 1280x720 */
  assert_size (s, 960, 720);
  fail_unless_equals_float (setting (s, Property::AspectRatio), 1.3333333333);
  s = pick (devices, "{\"width\":640,\"aspectRatio\":1}");
  assert_size (s, 640, 640);
  /* 16:9 at 1280 wide needs no crop */
  s = pick (devices, "{\"aspectRatio\":1.7777777778}");
  assert_size (s, 1280, 720);
  fail_if (s.rescaled);
}
GST_END_TEST;

GST_START_TEST (test_compressed_and_fps_tie_breaks)
{
  /* A UVC webcam: 1080p only at 5 fps raw but 30 fps in MJPEG. */
  std::vector<DeviceDescription> devices = { camera ("uvc", {
            videoMode (1920, 1080, 5, "YUY2"),
            videoMode (1920, 1080, 30, "MJPG"),
            videoMode (640, 480, 30, "YUY2"),
            videoMode (640, 480, 30, "MJPG") }) };
  Selection s = pick (devices, "{\"width\":1920,\"height\":1080}");
  fail_unless_equals_int ((int) s.modeIndex, 1);
  fail_unless_equals_float (setting (s, Property::FrameRate), 30);
  /* same size and rate: raw, no decoding */
  s = pick (devices, "{}");
  fail_unless_equals_int ((int) s.modeIndex, 2);
  /* asking for 5 fps prefers the native 5 fps mode over decimating */
  s = pick (devices, "{\"width\":1920,\"frameRate\":5}");
  fail_unless_equals_int ((int) s.modeIndex, 0);
  fail_if (s.rescaled);
}
GST_END_TEST;

GST_START_TEST (test_range_caps_source_uses_defaults)
{
  /* videotestsrc-like: any size, any rate */
  std::vector<DeviceDescription> devices = { camera ("test", { rangedMode (
              IntRange { 1, 2147483647, 1 }, IntRange { 1, 2147483647, 1 },
              FractionRange { Fraction { 0, 1 }, Fraction { 2147483647, 1 } })
        }) };

  Selection s = pick (devices, "{}");
  assert_size (s, 640, 480);
  fail_unless_equals_float (setting (s, Property::FrameRate), 30);
  fail_if (s.rescaled);
  s = pick (devices, "{\"width\":{\"exact\":1920},\"frameRate\":24}");
  assert_size (s, 1920, 1440);
  fail_unless_equals_int (s.nativeWidth, 1920);
  fail_unless_equals_int (s.nativeFrameRate.num, 24);
  fail_if (s.rescaled);
  s = pick (devices, "{\"width\":1280,\"height\":720,\"frameRate\":29.97}");
  assert_size (s, 1280, 720);
  fail_unless_equals_int (s.frameRate.num, 2997);
  fail_unless_equals_int (s.frameRate.den, 100);
}
GST_END_TEST;

GST_START_TEST (test_audio_defaults_and_processing)
{
  std::vector<DeviceDescription> devices = { microphone ("mic", 44100, 2) };
  auto r = select (devices, Kind::Audio, "{}");
  fail_unless (r.ok ());
  /* echo cancellation on by default, through the processing at 48 kHz */
  fail_unless (rawSetting (r.value (), Property::EchoCancellation) ==
      SettingValue (true));
  fail_unless (rawSetting (r.value (), Property::AutoGainControl) ==
      SettingValue (true));
  fail_unless (rawSetting (r.value (), Property::NoiseSuppression) ==
      SettingValue (true));
  fail_unless_equals_float (setting (r.value (), Property::SampleRate), 48000);
  fail_unless_equals_float (setting (r.value (), Property::ChannelCount), 2);
  fail_unless_equals_float (setting (r.value (), Property::SampleSize), 16);
  fail_unless_equals_float (setting (r.value (), Property::Latency), 0.01);
  fail_unless (r->processed);

  /* turned off: native rate, nothing else processed */
  r = select (devices, Kind::Audio, "{\"echoCancellation\":false}");
  fail_unless (rawSetting (r.value (), Property::EchoCancellation) ==
      SettingValue (false));
  fail_unless (rawSetting (r.value (), Property::AutoGainControl) ==
      SettingValue (false));
  fail_unless_equals_float (setting (r.value (), Property::SampleRate), 44100);
  fail_if (r->processed);
  fail_if (r->rescaled);

  /* only gain control asked for: processing with echo cancellation off */
  r = select (devices, Kind::Audio,
      "{\"echoCancellation\":false,\"autoGainControl\":true}");
  fail_unless (rawSetting (r.value (), Property::EchoCancellation) ==
      SettingValue (false));
  fail_unless (rawSetting (r.value (), Property::AutoGainControl) ==
      SettingValue (true));
  fail_unless (rawSetting (r.value (), Property::NoiseSuppression) ==
      SettingValue (false));
}
GST_END_TEST;

GST_START_TEST (test_audio_resample_and_remix)
{
  std::vector<DeviceDescription> devices = { microphone ("mic", 44100, 2) };
  auto r = select (devices, Kind::Audio,
      "{\"echoCancellation\":false,\"sampleRate\":{\"exact\":22050},"
      "\"channelCount\":{\"exact\":1}}");
  fail_unless (r.ok ());
  fail_unless_equals_float (setting (r.value (), Property::SampleRate), 22050);
  fail_unless_equals_float (setting (r.value (), Property::ChannelCount), 1);
  fail_unless_equals_int (r->nativeSampleRate, 44100);
  fail_unless_equals_int (r->nativeChannels, 2);
  fail_unless (r->rescaled);
  /* processing runs at 8/16/32/48 kHz only; each alone is possible, so
   * the one that broke the combination is named */
  assert_overconstrained (select (devices, Kind::Audio,
          "{\"echoCancellation\":{\"exact\":true},"
          "\"sampleRate\":{\"exact\":44100}}"), "echoCancellation");
  assert_overconstrained (select (devices, Kind::Audio,
          "{\"sampleSize\":{\"exact\":24}}"), "sampleSize");
  assert_overconstrained (select (devices, Kind::Audio,
          "{\"latency\":{\"max\":0.001}}"), "latency");
}
GST_END_TEST;

GST_START_TEST (test_audio_without_processing)
{
  std::vector<DeviceDescription> devices = { microphone ("raw", 48000, 1,
          false) };
  auto r = select (devices, Kind::Audio, "{}");
  fail_unless (rawSetting (r.value (), Property::EchoCancellation) ==
      SettingValue (false));
  assert_overconstrained (select (devices, Kind::Audio,
          "{\"echoCancellation\":{\"exact\":true}}"), "echoCancellation");
  auto caps = capabilitiesOf (devices[0]);
  fail_unless (*caps.get (Property::EchoCancellation) ==
      Capability (CapabilityList { false }));
}
GST_END_TEST;

GST_START_TEST (test_group_and_default_device_order)
{
  auto first = microphone ("first", 48000, 1, true, "S16LE", "webcam");
  auto second = microphone ("second", 48000, 1, true, "S16LE", "headset");
  std::vector<DeviceDescription> devices = { first, second };
  auto r = select (devices, Kind::Audio, "{}");
  fail_unless_equals_int ((int) r->deviceIndex, 0);
  r = select (devices, Kind::Audio, "{\"groupId\":{\"exact\":\"headset\"}}");
  fail_unless_equals_int ((int) r->deviceIndex, 1);
  fail_unless_equals_string (stringSetting (r.value (),
          Property::GroupId).c_str (), "headset");
  assert_overconstrained (select (devices, Kind::Audio,
          "{\"groupId\":{\"exact\":\"none\"}}"), "groupId");
}
GST_END_TEST;

GST_START_TEST (test_capabilities_of_a_camera)
{
  auto cam = camera ("cam", { videoMode (640, 480, 30),
          videoMode (1280, 720, 60) }, "environment");
  cam.numericControls[Property::Brightness] = NumericControl { -64, 64, 1, 0 };
  cam.modeControls[Property::FocusMode] = ModeControl { { "manual",
          "continuous" }, "continuous" };
  cam.torch = false;
  auto caps = capabilitiesOf (cam);
  fail_unless (*caps.get (Property::Width) ==
      Capability (CapabilityRange { 1, 1280 }));
  fail_unless (*caps.get (Property::Height) ==
      Capability (CapabilityRange { 1, 720 }));
  fail_unless (*caps.get (Property::FrameRate) ==
      Capability (CapabilityRange { 0, 60 }));
  fail_unless (*caps.get (Property::AspectRatio) ==
      Capability (CapabilityRange { aspectRatioOf (1, 720), 1280 }));
  fail_unless (*caps.get (Property::ResizeMode) == Capability (CapabilityList {
              std::string ("none"), std::string ("crop-and-scale") }));
  fail_unless (*caps.get (Property::FacingMode) ==
      Capability (CapabilityList { std::string ("environment") }));
  fail_unless (*caps.get (Property::DeviceId) == Capability (std::string
          ("cam")));
  fail_unless (*caps.get (Property::Brightness) ==
      Capability (CapabilityRange { -64, 64, 1.0 }));
  fail_unless (*caps.get (Property::FocusMode) == Capability (CapabilityList {
              std::string ("manual"), std::string ("continuous") }));
  fail_unless (*caps.get (Property::Torch) ==
      Capability (CapabilityList { true, false }));
  fail_if (caps.get (Property::Zoom).has_value ());
  fail_if (caps.get (Property::SampleRate).has_value ());

  /* settings of a control: its current value unless asked */
  auto r = selectSettings ({ cam }, Kind::Video,
      track ("{\"advanced\":[{\"brightness\":10,\"focusMode\":\"manual\"}]}"));
  fail_unless_equals_float (setting (r.value (), Property::Brightness), 10);
  fail_unless_equals_string (stringSetting (r.value (),
          Property::FocusMode).c_str (), "manual");
  r = selectSettings ({ cam }, Kind::Video, track ("{}"));
  fail_unless_equals_float (setting (r.value (), Property::Brightness), 0);
  fail_unless (rawSetting (r.value (), Property::Torch) == SettingValue (false));
}
GST_END_TEST;

GST_START_TEST (test_no_device_is_not_found)
{
  std::vector<DeviceDescription> devices = { microphone ("mic", 48000, 1) };
  auto r = selectSettings (devices, Kind::Video, track ("{}"));
  fail_if (r.ok ());
  fail_unless_equals_int ((int) r.error ().name,
      (int) ErrorName::NotFoundError);
}
GST_END_TEST;

static Suite *
select_settings_suite (void)
{
  Suite *s = suite_create ("select-settings");
  TCase *fixture = tcase_create ("chromium-fixture");
  suite_add_tcase (s, fixture);
  tcase_add_test (fixture,
      test_fixture_unconstrained_picks_default_device_near_640x480);
  tcase_add_test (fixture, test_fixture_exact_width_prefers_a_native_match);
  tcase_add_test (fixture,
      test_fixture_exact_width_beyond_native_crops_the_largest);
  tcase_add_test (fixture, test_fixture_min_width_keeps_native_size);
  tcase_add_test (fixture,
      test_fixture_max_width_crops_the_mode_exceeding_it_least);
  tcase_add_test (fixture, test_fixture_width_range_takes_native_mode_inside);
  tcase_add_test (fixture, test_fixture_ideal_width_native_match);
  tcase_add_test (fixture,
      test_fixture_ideal_width_321_crops_the_closest_larger_mode);
  tcase_add_test (fixture, test_fixture_ideal_height_1079_crops_1080p);
  tcase_add_test (fixture, test_fixture_exact_frame_rate_30_native);
  tcase_add_test (fixture, test_fixture_exact_frame_rate_50_decimates_60);
  tcase_add_test (fixture, test_fixture_facing_mode_and_device_id);

  TCase *rules = tcase_create ("rules");
  suite_add_tcase (s, rules);
  tcase_add_test (rules, test_fitness_numeric_is_relative_distance);
  tcase_add_test (rules, test_fitness_discrete_is_zero_or_one);
  tcase_add_test (rules, test_fitness_missing_member);
  tcase_add_test (rules, test_fitness_boolean_for_numeric_property);
  tcase_add_test (rules, test_advanced_sets_in_order);
  tcase_add_test (rules, test_advanced_frame_rate_narrowing);
  tcase_add_test (rules, test_overconstrained_names_the_constraint);
  tcase_add_test (rules, test_crop_and_scale_never_upscales);
  tcase_add_test (rules, test_aspect_ratio_crop);
  tcase_add_test (rules, test_compressed_and_fps_tie_breaks);
  tcase_add_test (rules, test_range_caps_source_uses_defaults);
  tcase_add_test (rules, test_no_device_is_not_found);

  TCase *audio = tcase_create ("audio");
  suite_add_tcase (s, audio);
  tcase_add_test (audio, test_audio_defaults_and_processing);
  tcase_add_test (audio, test_audio_resample_and_remix);
  tcase_add_test (audio, test_audio_without_processing);
  tcase_add_test (audio, test_group_and_default_device_order);

  TCase *caps = tcase_create ("capabilities");
  suite_add_tcase (s, caps);
  tcase_add_test (caps, test_capabilities_of_a_camera);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (select_settings);
