/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The ALSA configuration's capture PCMs as enumerateDevices() lists them,
 * over fake microphones (tests/alsa-fake) defined in an asoundrc each test
 * writes: labels from the hints, ids from the names, modes as alsasrc opens
 * them, alsasrc made by their GstDevice, and the errors alsasrc gives when
 * such a microphone is busy or has gone from the configuration. */

#include "alsa-config.h"
#include "device-capture.h"

#include <algorithm>
#include <string>
#include <vector>

#include "check-main.h"

#include "alsa-pcm-device.h"
#include "device-keys.h"
#include "hardware-devices.h"
#include "media-devices.h"

using namespace mediastream;

namespace {

const char *const kStudio = R"(
pcm.studio {
  type fakemic
  format S16_LE rate 48000 channels 2
  hint { show on description "Studio microphone
Condenser, on the desk" }
}
)";

/* The devices the ALSA configuration adds, in listing order. */
MediaDevices
configPcmDevices ()
{
  g_unsetenv ("GST_MEDIASTREAM_FAKE_DEVICES");
  DeviceKinds audio;
  audio.video = false;
  auto devices = enumerateDevices (audio);
  fail_unless (devices.ok (), "%s", devices.ok ()? "" :
      devices.error ().message.c_str ());
  MediaDevices result;
  for (const MediaDevice & device : *devices) {
    StructurePtr properties (gst_device_get_properties (device.device.get ()));
    if (gst_structure_has_field (properties.get (), kAlsaPcmProperty))
      result.push_back (device);
  }
  return result;
}

std::string
pcmName (const MediaDevice & device)
{
  StructurePtr properties (gst_device_get_properties (device.device.get ()));
  return gst_structure_get_string (properties.get (), kAlsaPcmProperty);
}

const MediaDevice &
byPcm (const MediaDevices & devices, const std::string &name)
{
  auto it = std::find_if (devices.begin (), devices.end (),
      [&name] (const MediaDevice & d) { return pcmName (d) == name; });
  fail_unless (it != devices.end (), "no device for PCM %s", name.c_str ());
  return *it;
}

}  // namespace

GST_START_TEST (test_config_pcms_listed)
{
  AlsaConfig config;
  config.use (std::string (kStudio) + R"(
pcm.headset {
  type fakemic
  rate [ 16000 48000 ] channels 1
  hint { show on description "Headset microphone|IOIDInput" }
}
pcm.array {
  type fakemic
  channels_min 1 channels_max 32
  hint { show on description "Microphone array" }
}
pcm.speaker { type null hint { show on description "Speaker|IOIDOutput" } }
pcm.hidden { type fakemic hint { show off description "Not for users" } }
)");
  const MediaDevices devices = configPcmDevices ();
  /* Outputs and hidden PCMs are not microphones; Debian's "default" needs
   * a sound card, which the machine running the tests may not have. */
  std::vector<std::string> names;
  for (const MediaDevice & device : devices)
    names.push_back (pcmName (device));
  std::sort (names.begin (), names.end ());
  names.erase (std::remove (names.begin (), names.end (), "default"),
      names.end ());
  const std::vector<std::string> expected = { "array", "headset", "studio" };
  fail_unless (names == expected);

  const MediaDevice &studio = byPcm (devices, "studio");
  const DeviceDescription &d = studio.description;
  fail_unless (d.kind == Kind::Audio);
  fail_unless_equals_string (d.label.c_str (), "Studio microphone");
  const std::string id =
      sha256Hex ("gst-mediastream-device:audioinput:alsa-pcm=studio");
  fail_unless_equals_string (d.deviceId.c_str (), id.c_str ());
  fail_unless_equals_int (d.audioModes.size (), 1);
  fail_unless_equals_int (d.audioModes[0].sampleRate.min, 48000);
  fail_unless_equals_int (d.audioModes[0].channels.max, 2);
  fail_unless (d.audioModes[0].formats == std::vector<std::string> {
      "S16LE"});
  /* The fake's periods of 64 bytes and up: 16 frames at 48 kHz. */
  fail_unless_equals_float (d.latency.min, 16.0 / 48000);
  fail_if (studio.isDefault);

  /* The GstDevice: what a monitor's user sees, and alsasrc on the PCM. */
  GCharPtr name (gst_device_get_display_name (studio.device.get ()));
  fail_unless_equals_string (name.get (), "Studio microphone");
  fail_unless (gst_device_has_classes (studio.device.get (), "Audio/Source"));
  StructurePtr properties (gst_device_get_properties (studio.device.get ()));
  fail_unless_equals_string (gst_structure_get_string (properties.get (),
          "alsa.description"), "Studio microphone\nCondenser, on the desk");
  ObjectPtr<GstElement> src (GST_ELEMENT (gst_object_ref_sink
          (studio.createSource ("mic"))));
  fail_unless (src != nullptr);
  fail_unless_equals_string (GST_OBJECT_NAME (gst_element_get_factory
          (src.get ())), "alsasrc");
  GCharPtr pcm;
  g_object_get (src.get (), "device", &pcm, nullptr);
  fail_unless_equals_string (pcm.get (), "studio");

  /* Without a card behind them each is a group of its own. */
  const MediaDevice &headset = byPcm (devices, "headset");
  fail_unless_equals_string (headset.description.label.c_str (),
      "Headset microphone");
  fail_unless_equals_int (headset.description.audioModes.size (), 2);
  fail_unless (headset.description.groupId != d.groupId);

  /* 32 channels as alsasrc opens them: 1-4, 6 and 8. */
  const std::vector<AudioMode> &array =
      byPcm (devices, "array").description.audioModes;
  fail_unless_equals_int (array.size (), 3);
  fail_unless_equals_int (array[0].channels.min, 1);
  fail_unless_equals_int (array[0].channels.max, 4);
  fail_unless_equals_int (array[1].channels.min, 6);
  fail_unless_equals_int (array[1].channels.max, 6);
  fail_unless_equals_int (array[2].channels.min, 8);
  fail_unless_equals_int (array[2].channels.max, 8);

  /* The GstDevice described on its own: the same ids. */
  auto described = describeGstDevice (studio.device.get ());
  fail_unless (described.has_value ());
  fail_unless (described->description.deviceId == d.deviceId);
  fail_unless (described->description.groupId == d.groupId);
  fail_unless_equals_int (described->description.audioModes.size (), 1);

  /* Stable: the same ids again, and in a watch's list. */
  const MediaDevices again = configPcmDevices ();
  fail_unless (byPcm (again, "studio").description.deviceId == d.deviceId);
  DeviceKinds audio;
  audio.video = false;
  auto watch = DeviceWatch::start (audio, [] (const MediaDevices &) {});
  fail_unless (watch.ok ());
  const MediaDevices watched = (*watch)->devices ();
  fail_unless (std::any_of (watched.begin (), watched.end (),
          [&d] (const MediaDevice & w) {
            return w.description.deviceId == d.deviceId;
          }));
}

GST_END_TEST;

GST_START_TEST (test_alsasrc_modes)
{
  const std::vector<AudioMode> modes = {
    {"audio/x-raw", {"S16LE"}, {48000, 48000, 1}, {2, 2, 1}},
    {"audio/x-raw", {"S16LE"}, {8000, 8000, 1}, {5, 7, 1}},
    {"audio/x-raw", {"S16LE"}, {16000, 16000, 1}, {3, 9, 1}},
  };
  const std::vector<AudioMode> opened = alsasrcModes (modes);
  /* 2; nothing of 5-7 but 6; 3-4, 6, 8 of 3-9. */
  const std::vector<std::pair<int, int>> expected = {
    {2, 2}, {6, 6}, {3, 4}, {6, 6}, {8, 8}
  };
  fail_unless_equals_int (opened.size (), expected.size ());
  for (std::size_t i = 0; i < expected.size (); i++) {
    fail_unless_equals_int (opened[i].channels.min, expected[i].first);
    fail_unless_equals_int (opened[i].channels.max, expected[i].second);
  }
  fail_unless_equals_int (opened[1].sampleRate.min, 8000);
}

GST_END_TEST;

GST_START_TEST (test_default_pcm)
{
  AlsaConfig config;
  config.use (std::string (kStudio) + R"(
pcm.!default { type plug slave.pcm "studio" }
)");
  const MediaDevices devices = configPcmDevices ();
  fail_unless (devices.size () >= 2);
  /* The configuration's default is the default microphone, listed first. */
  fail_unless (pcmName (devices[0]) == "default");
  fail_unless (devices[0].isDefault);
  fail_unless_equals_string (devices[0].description.label.c_str (),
      "Default");
  /* plug converts: any rate. */
  fail_unless (devices[0].description.audioModes[0].sampleRate.max > 48000);
}

GST_END_TEST;

/* getUserMedia() picks the configured microphone by its id, and alsasrc
 * captures at the caps the engine chose. */
GST_START_TEST (test_capture_selected_settings)
{
  AlsaConfig config;
  config.use (kStudio);
  const MediaDevices devices = configPcmDevices ();
  const MediaDevice &studio = byPcm (devices, "studio");

  const Choice choice = choose (devices, "{\"audio\": {\"deviceId\": "
      "{\"exact\": \"" + studio.description.deviceId + "\"}}}");
  fail_unless (choice.device->description.deviceId ==
      studio.description.deviceId);

  Capture capture (studio, choice.sourceCaps.c_str ());
  capture.play ();
  capture.waitForBuffers (3);
  fail_unless_equals_int (capture.negotiated ("rate"), 48000);
  fail_unless_equals_int (capture.negotiated ("channels"), 2);
}

GST_END_TEST;

/* A microphone another application holds: alsasrc's own error. */
GST_START_TEST (test_busy_microphone)
{
  /* The fake locks its file while open, as a hw PCM is held. */
  AlsaConfig config;
  const std::string file = config.file ("studio.raw", std::string (192, '\0'));
  config.use (R"(
pcm.studio {
  type fakemic exclusive true file ")" + file + R"("
  hint { show on description "Studio microphone" }
}
)");
  const MediaDevices devices = configPcmDevices ();
  const MediaDevice &studio = byPcm (devices, "studio");

  const Capture::Failure failure = secondCaptureFailure (studio, nullptr,
      nullptr);
  fail_unless (failure.domain == GST_RESOURCE_ERROR &&
      failure.code == GST_RESOURCE_ERROR_BUSY, "%s", failure.message.c_str ());
  fail_unless (failure.error.name == ErrorName::NotReadableError);
  fail_unless_equals_string (failure.error.message.c_str (), "the microphone "
      "\"Studio microphone\" is in use by another application");
}

GST_END_TEST;

/* A microphone gone from the configuration (as a USB one unplugged):
 * alsasrc cannot open it, and that is a NotFoundError. */
GST_START_TEST (test_vanished_microphone)
{
  AlsaConfig config;
  config.use (kStudio);
  const MediaDevices devices = configPcmDevices ();
  const MediaDevice studio = byPcm (devices, "studio");
  fail_unless (findDevice (studio.description.deviceId, Kind::Audio).ok ());

  config.use ("");
  Capture capture (studio, nullptr);
  capture.play ();
  const Error error = capture.waitForFailure (studio).error;
  fail_unless (error.name == ErrorName::NotFoundError, "%s",
      error.message.c_str ());
  fail_unless_equals_string (error.message.c_str (), "the microphone \"Studio "
      "microphone\" is no longer connected");

  auto found = findDevice (studio.description.deviceId, Kind::Audio);
  fail_if (found.ok ());
  fail_unless (found.error ().name == ErrorName::NotFoundError);
}

GST_END_TEST;

static Suite *
alsa_pcm_devices_suite (void)
{
  Suite *s = suite_create ("alsa-pcm-devices");
  TCase *tc = tcase_create ("general");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_config_pcms_listed);
  tcase_add_test (tc, test_alsasrc_modes);
  tcase_add_test (tc, test_default_pcm);
  tcase_add_test (tc, test_capture_selected_settings);
  tcase_add_test (tc, test_busy_microphone);
  tcase_add_test (tc, test_vanished_microphone);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (alsa_pcm_devices);
