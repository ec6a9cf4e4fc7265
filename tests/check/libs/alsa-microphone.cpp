/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* ext/alsa against PCMs each test defines in its own ALSA configuration:
 * fake microphones (tests/alsa-fake) with the formats, rates, channels and
 * buffer limits a test wants, and ALSA's own plugins on top of them. The
 * real drivers are the VM tier's (tests/vm/alsa-microphone.cpp). */

/* Before check's headers, whose fail() macro breaks std::ios::fail. */
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "check-main.h"

#include "alsa-config.h"
#include "alsa-microphone.h"
#include "alsa-modes.h"
#include "fake-sysfs.h"
#include "sysfs-device.h"

#include <alsa/asoundlib.h>

namespace fs = std::filesystem;
using namespace mediastream;
using mediastream::alsa::Microphone;

static Microphone
describeOk (const std::string &pcm)
{
  Result<Microphone> mic = alsa::describe (pcm);
  fail_unless (mic.ok (), "describe (%s): %s", pcm.c_str (),
      mic.ok ()? "" : mic.error ().message.c_str ());
  return mic.value ();
}

static void
assertFormats (const AudioMode & mode, std::vector<std::string> expected)
{
  std::string got;
  for (const std::string & f : mode.formats)
    got += f + " ";
  std::string want;
  for (const std::string & f : expected)
    want += f + " ";
  fail_unless (mode.formats == expected, "formats %s, expected %s",
      got.c_str (), want.c_str ());
}

static void
assertNear (double actual, double expected)
{
  fail_unless (std::fabs (actual - expected) < 1e-9, "%g, expected %g",
      actual, expected);
}

static const alsa::CapturePcm *
findPcm (const std::vector<alsa::CapturePcm> &pcms, const std::string &name)
{
  auto it = std::find_if (pcms.begin (), pcms.end (),
      [&] (const alsa::CapturePcm & pcm) { return pcm.name == name; });
  return it == pcms.end ()? nullptr : &*it;
}

GST_START_TEST (test_hints_list_configured_pcms)
{
  AlsaConfig config;
  config.use (R"(
pcm.studio {
  type fakemic
  hint { show on description "Studio microphone
Condenser, on the desk" }
}
pcm.headset {
  type fakemic
  hint { show on description "Headset microphone|IOIDInput" }
}
pcm.speaker {
  type null
  hint { show on description "Speaker|IOIDOutput" }
}
pcm.hidden {
  type fakemic
  hint { show off description "Not for users" }
}
pcm.plain { type fakemic }
)");
  const std::vector<alsa::CapturePcm> pcms = alsa::listCapturePcms ();

  const alsa::CapturePcm *studio = findPcm (pcms, "studio");
  fail_unless (studio != nullptr);
  fail_unless_equals_string (studio->label.c_str (), "Studio microphone");
  fail_unless_equals_string (studio->description.c_str (),
      "Studio microphone\nCondenser, on the desk");
  fail_unless_equals_int (studio->card, -1);
  fail_unless_equals_int (studio->device, -1);

  const alsa::CapturePcm *headset = findPcm (pcms, "headset");
  fail_unless (headset != nullptr);
  fail_unless_equals_string (headset->label.c_str (), "Headset microphone");

  /* alsa.conf lists definitions without a hint too; their name is all
   * there is to show. */
  const alsa::CapturePcm *plain = findPcm (pcms, "plain");
  fail_unless (plain != nullptr);
  fail_unless_equals_string (plain->label.c_str (), "plain");

  fail_unless (findPcm (pcms, "speaker") == nullptr);
  fail_unless (findPcm (pcms, "hidden") == nullptr);
  fail_unless (findPcm (pcms, "null") == nullptr);
  for (const alsa::CapturePcm & pcm : pcms) {
    fail_unless (pcm.name.rfind ("plughw:", 0) != 0, "%s", pcm.name.c_str ());
    fail_unless (pcm.name.rfind ("dsnoop:", 0) != 0, "%s", pcm.name.c_str ());
  }
}

GST_END_TEST;

GST_START_TEST (test_hints_put_default_first)
{
  /* ALSA's hints skip "default" (alsa.conf makes it a redirection); it is
   * listed anyway, first, once the configuration resolves it. */
  {
    AlsaConfig config;
    config.use (R"(
pcm.studio { type fakemic hint { show on description "Studio microphone" } }
pcm.!default { type plug slave.pcm "studio" }
)");
    const std::vector<alsa::CapturePcm> pcms = alsa::listCapturePcms ();
    fail_unless (!pcms.empty ());
    fail_unless_equals_string (pcms[0].name.c_str (), "default");
    fail_unless_equals_string (pcms[0].label.c_str (), "Default");
    fail_unless (findPcm (pcms, "studio") != nullptr);
  }
  {
    /* A default with a hint of its own is in ALSA's list already: moved
     * to the front, not listed twice. */
    AlsaConfig config;
    config.use (R"(
pcm.studio { type fakemic hint { show on description "Studio microphone" } }
pcm.!default {
  type plug
  slave.pcm "studio"
  hint { show on description "Studio, through plug" }
}
)");
    const std::vector<alsa::CapturePcm> pcms = alsa::listCapturePcms ();
    fail_unless (!pcms.empty ());
    fail_unless_equals_string (pcms[0].name.c_str (), "default");
    fail_unless_equals_string (pcms[0].label.c_str (), "Studio, through plug");
    fail_unless_equals_int (std::count_if (pcms.begin (), pcms.end (),
            [] (const alsa::CapturePcm & pcm) {
              return pcm.name == "default";
            }), 1);
  }
}

GST_END_TEST;

GST_START_TEST (test_describe_fixed_microphone)
{
  /* 48 kHz stereo S16LE is 192 bytes a millisecond: periods of 5 ms and
   * more, buffers of up to 500 ms. */
  AlsaConfig config;
  config.use (R"(
pcm.studio {
  type fakemic
  format S16_LE rate 48000 channels 2
  period_bytes_min 960 buffer_bytes_max 96000
}
)");
  const Microphone mic = describeOk ("studio");
  fail_unless_equals_string (mic.pcm.c_str (), "studio");
  fail_unless_equals_int (mic.card, -1);
  fail_unless (mic.description.kind == Kind::Audio);
  fail_unless_equals_string (mic.description.label.c_str (), "studio");

  const std::vector<AudioMode> &modes = mic.description.audioModes;
  fail_unless_equals_int (modes.size (), 1);
  fail_unless_equals_string (modes[0].mediaType.c_str (), "audio/x-raw");
  assertFormats (modes[0], { "S16LE" });
  fail_unless_equals_int (modes[0].sampleRate.min, 48000);
  fail_unless_equals_int (modes[0].sampleRate.max, 48000);
  fail_unless_equals_int (modes[0].channels.min, 2);
  fail_unless_equals_int (modes[0].channels.max, 2);

  assertNear (mic.description.latency.min, 0.005);
  assertNear (mic.description.latency.max, 0.5);
  assertNear (mic.description.latency.value, 0.010);

  /* Nothing to switch on: processing is the device layer's business. */
  fail_unless (!mic.description.processing.echoCancellation);
  fail_unless (!mic.description.processing.noiseSuppression);
  fail_unless (!mic.description.processing.autoGainControl);
}

GST_END_TEST;

GST_START_TEST (test_describe_rate_list)
{
  /* A USB-style microphone: some rates only, mono or stereo. */
  AlsaConfig config;
  config.use (R"(
pcm.usbmic {
  type fakemic
  format [ S16_LE S32_LE FLOAT_LE ]
  rate [ 16000 44100 48000 ]
  channels_min 1 channels_max 2
}
)");
  const Microphone mic = describeOk ("usbmic");
  const std::vector<AudioMode> &modes = mic.description.audioModes;
  fail_unless_equals_int (modes.size (), 3);
  const int rates[] = { 16000, 44100, 48000 };
  for (std::size_t i = 0; i < 3; i++) {
    assertFormats (modes[i], { "F32LE", "S32LE", "S16LE" });
    fail_unless_equals_int (modes[i].sampleRate.min, rates[i]);
    fail_unless_equals_int (modes[i].sampleRate.max, rates[i]);
    fail_unless_equals_int (modes[i].channels.min, 1);
    fail_unless_equals_int (modes[i].channels.max, 2);
  }
  /* The fake's defaults: periods of 64 bytes and more (16 frames of
   * S16LE stereo), buffers of up to 1 MiB (262144 frames). */
  assertNear (mic.description.latency.min, 16.0 / 48000);
  assertNear (mic.description.latency.max, 262144.0 / 48000);
  assertNear (mic.description.latency.value, 0.010);

  /* An uncommon rate in a list is found when it bounds the list. */
  config.use (R"(
pcm.odd { type fakemic rate [ 37800 44100 ] }
)");
  const Microphone oddMic = describeOk ("odd");
  fail_unless_equals_int (oddMic.description.audioModes.size (), 2);
  fail_unless_equals_int (oddMic.description.audioModes[0].sampleRate.min,
      37800);
  fail_unless_equals_int (oddMic.description.audioModes[1].sampleRate.min,
      44100);
}

GST_END_TEST;

GST_START_TEST (test_describe_rate_range)
{
  AlsaConfig config;
  config.use (R"(
pcm.wide {
  type fakemic
  format [ U8 S24_LE S24_3LE ]
  rate_min 8000 rate_max 96000
  channels_min 1 channels_max 6
}
)");
  const Microphone mic = describeOk ("wide");
  const std::vector<AudioMode> &modes = mic.description.audioModes;
  fail_unless_equals_int (modes.size (), 1);
  assertFormats (modes[0], { "S24_32LE", "S24LE", "U8" });
  fail_unless_equals_int (modes[0].sampleRate.min, 8000);
  fail_unless_equals_int (modes[0].sampleRate.max, 96000);
  fail_unless_equals_int (modes[0].channels.min, 1);
  fail_unless_equals_int (modes[0].channels.max, 6);
}

GST_END_TEST;

GST_START_TEST (test_describe_byte_order)
{
  /* GStreamer swaps bytes itself: the other byte order counts only for a
   * PCM that has nothing in the native one (as in alsasrc). */
  AlsaConfig config;
  config.use (R"(
pcm.mixed { type fakemic format [ S16_LE S16_BE U8 ] }
pcm.swapped { type fakemic format [ S16_BE S32_BE ] }
pcm.alien { type fakemic format [ MU_LAW ] }
)");
  assertFormats (describeOk ("mixed").description.audioModes.at (0),
      { "S16LE", "U8" });
  assertFormats (describeOk ("swapped").description.audioModes.at (0),
      { "S32BE", "S16BE" });

  /* Nothing alsasrc could capture. */
  Result<Microphone> alien = alsa::describe ("alien");
  fail_unless (!alien.ok ());
  fail_unless (alien.error ().name == ErrorName::NotReadableError);
  fail_unless (alien.error ().message.find ("alien") != std::string::npos);
}

GST_END_TEST;

GST_START_TEST (test_describe_plugins_on_top)
{
  /* plug converts anything to what its slave takes, so it claims every
   * format, rates from 4 kHz up and 2^30 channels: capped to what makes
   * sense. The card behind it is unknown: the fake is its own device. */
  AlsaConfig config;
  config.use (R"(
pcm.studio { type fakemic }
pcm.converted { type plug slave.pcm "studio" }
)");
  const Microphone mic = describeOk ("converted");
  const std::vector<AudioMode> &modes = mic.description.audioModes;
  fail_unless_equals_int (modes.size (), 1);
  fail_unless_equals_int (modes[0].sampleRate.min, 4000);
  fail_unless (modes[0].sampleRate.max >= 192000);
  fail_unless_equals_int (modes[0].channels.min, 1);
  fail_unless_equals_int (modes[0].channels.max, 64);
  for (const char *format : { "F64LE", "F32LE", "S32LE", "S24LE", "S16LE",
          "U8" }) {
    fail_unless (std::find (modes[0].formats.begin (), modes[0].formats.end (),
            format) != modes[0].formats.end (), "no %s", format);
  }
  fail_unless_equals_int (mic.card, -1);
  fail_unless (mic.description.latency.min > 0);
  fail_unless (mic.description.latency.min <= mic.description.latency.value);
  fail_unless (mic.description.latency.value <= mic.description.latency.max);
}

GST_END_TEST;

GST_START_TEST (test_missing_is_not_found)
{
  AlsaConfig config;
  config.use (R"(
pcm.studio { type fakemic }
)");
  for (const char *name : { "nonexistent", "hw:CARD=Nonexistent,DEV=0",
          "hw:31,0" }) {
    Result<Microphone> mic = alsa::describe (name);
    fail_unless (!mic.ok (), "%s", name);
    fail_unless (mic.error ().name == ErrorName::NotFoundError, "%s: %s",
        name, mic.error ().message.c_str ());
    fail_unless (mic.error ().message.find (name) != std::string::npos,
        "%s", mic.error ().message.c_str ());
  }
}

GST_END_TEST;

GST_START_TEST (test_busy_is_not_readable)
{
  /* The fake locks its file while open, as a hw PCM is held. */
  AlsaConfig config;
  const std::string file = config.file ("studio.raw", std::string (192, '\0'));
  config.use (R"(
pcm.studio { type fakemic exclusive true file ")" + file + R"(" }
)");
  snd_pcm_t *held = nullptr;
  fail_unless_equals_int (snd_pcm_open (&held, "studio",
          SND_PCM_STREAM_CAPTURE, SND_PCM_NONBLOCK), 0);

  Result<Microphone> mic = alsa::describe ("studio");
  fail_unless (!mic.ok ());
  fail_unless (mic.error ().name == ErrorName::NotReadableError, "%s",
      mic.error ().message.c_str ());
  fail_unless (mic.error ().message.find ("'studio' is busy") !=
      std::string::npos, "%s", mic.error ().message.c_str ());

  snd_pcm_close (held);
  fail_unless (alsa::describe ("studio").ok ());
}

GST_END_TEST;

/* What alsasrc makes of a fake, against what describe() says. */
GST_START_TEST (test_alsasrc_agrees)
{
  AlsaConfig config;
  config.use (R"(
pcm.studio { type fakemic format [ S16_LE S32_LE ] rate 48000 channels_min 1 channels_max 2 }
pcm.usbmic { type fakemic rate [ 16000 48000 ] channels 1 }
)");
  /* Same formats, rate and channels. */
  const std::set<AudioModeKey> described =
      audioModeKeys (describeOk ("studio").description.audioModes);
  CapsPtr caps = alsasrcCaps ("studio");
  const std::set<AudioModeKey> reported =
      audioModeKeys (audioModesFromCaps (caps.get ()));
  for (const AudioModeKey & key : reported)
    fail_unless (described.count (key), "alsasrc's %s is not described",
        describeKey (key).c_str ());
  for (const AudioModeKey & key : described)
    fail_unless (reported.count (key), "%s is not in alsasrc's caps",
        describeKey (key).c_str ());

  /* Where the device takes a list of rates alsasrc claims the range in
   * between; the description has the rates themselves. */
  const std::vector<AudioMode> usbModes =
      describeOk ("usbmic").description.audioModes;
  fail_unless_equals_int (usbModes.size (), 2);
  CapsPtr usbCaps = alsasrcCaps ("usbmic");
  const std::vector<AudioMode> usbReported =
      audioModesFromCaps (usbCaps.get ());
  fail_unless_equals_int (usbReported.size (), 1);
  fail_unless_equals_int (usbReported[0].sampleRate.min, 16000);
  fail_unless_equals_int (usbReported[0].sampleRate.max, 48000);
}

GST_END_TEST;

static void
collectBytes (GstElement *, GstBuffer * buffer, GstPad *, gpointer data)
{
  auto *bytes = static_cast<std::string *> (data);
  GstMapInfo map;
  fail_unless (gst_buffer_map (buffer, &map, GST_MAP_READ));
  bytes->append (reinterpret_cast<const char *> (map.data), map.size);
  gst_buffer_unmap (buffer, &map);
}

/* The fake is a usable microphone: alsasrc captures the file byte for
 * byte, looped, at a described mode. */
GST_START_TEST (test_capture_at_described_caps)
{
  std::string pattern;
  for (int i = 0; i < 4800; i++) {
    /* 100 ms of S16LE mono 48 kHz, every sample different. */
    const unsigned v = static_cast<unsigned> (i * 7 + 3);
    pattern += static_cast<char> (v & 0xff);
    pattern += static_cast<char> ((v >> 8) & 0xff);
  }
  AlsaConfig config;
  const std::string file = config.file ("capture.raw", pattern);
  config.use (R"(
pcm.studio { type fakemic file ")" + file + R"(" format [ S16_LE S32_LE ] rate [ 16000 48000 ] channels_min 1 channels_max 2 }
)");
  const Microphone mic = describeOk ("studio");
  fail_unless_equals_int (mic.description.audioModes.size (), 2);
  const AudioMode &mode = mic.description.audioModes[1];
  fail_unless_equals_int (mode.sampleRate.min, 48000);

  const std::string caps = "audio/x-raw, format=S16LE, layout=interleaved,"
      " rate=" + std::to_string (mode.sampleRate.min) + ", channels=1";
  GError *error = nullptr;
  GstElement *pipeline = gst_parse_launch (("alsasrc device=studio"
          " num-buffers=15 ! " + caps + " ! fakesink name=sink sync=false"
          " signal-handoffs=true").c_str (), &error);
  fail_unless (pipeline != nullptr, "%s", error ? error->message : "");
  ObjectPtr<GstElement> owned (pipeline);
  std::string captured;
  ObjectPtr<GstElement> sink (gst_bin_get_by_name (GST_BIN (pipeline),
          "sink"));
  g_signal_connect (sink.get (), "handoff", G_CALLBACK (collectBytes),
      &captured);

  fail_unless (gst_element_set_state (pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);
  ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline));
  GstMessage *msg = gst_bus_timed_pop_filtered (bus.get (), 30 * GST_SECOND,
      static_cast<GstMessageType> (GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
  fail_unless (msg != nullptr, "no EOS in 30 s");
  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_EOS);
  gst_message_unref (msg);
  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);

  /* alsasrc's default 10 ms buffers: 150 ms, the file and half again. */
  fail_unless_equals_int (captured.size (), 15 * 960);
  std::string expected;
  while (expected.size () < captured.size ())
    expected += pattern;
  expected.resize (captured.size ());
  fail_unless (captured == expected, "captured audio differs from the file");
}

GST_END_TEST;

GST_START_TEST (test_physical_device_keys)
{
  FakeSysfs sysfs;
  const std::string webcam = sysfs.usbWebcam ();
  /* An HDA controller: the card is the PCI function itself. */
  sysfs.device ("pci0000:00/0000:00:1f.3", "pci");
  sysfs.classDevice ("pci0000:00/0000:00:1f.3", "sound", "card0");
  /* An ASoC card: a platform device under the DSP's PCI function. */
  sysfs.device ("pci0000:00/0000:00:1e.0", "pci");
  sysfs.device ("pci0000:00/0000:00:1e.0/skl_hda_dsp_generic", "platform");
  sysfs.classDevice ("pci0000:00/0000:00:1e.0/skl_hda_dsp_generic", "sound",
      "card2");
  /* A virtual card, as snd-dummy in the VM tier. */
  sysfs.device ("platform/snd_dummy.0", "platform");
  sysfs.classDevice ("platform/snd_dummy.0", "sound", "card3");

  /* The webcam's microphone and camera: one USB device. */
  const std::string webcamPath = sysfs.devicePath (webcam);
  const std::optional<std::string> mic = alsa::physicalDeviceKey (1,
      sysfs.root ());
  fail_unless (mic.has_value ());
  fail_unless_equals_string (mic->c_str (), webcamPath.c_str ());
  const std::optional<std::string> camera =
      sysfs::physicalDevice (sysfs.root () + "/class/video4linux/video0");
  fail_unless (camera.has_value ());
  fail_unless_equals_string (camera->c_str (), webcamPath.c_str ());

  const struct {
    int card;
    const char *device;
  } others[] = {
    { 0, "pci0000:00/0000:00:1f.3" },
    { 2, "pci0000:00/0000:00:1e.0" },
    { 3, "platform/snd_dummy.0" },
  };
  for (const auto & other : others) {
    const std::optional<std::string> key =
        alsa::physicalDeviceKey (other.card, sysfs.root ());
    const std::string expected = sysfs.devicePath (other.device);
    fail_unless (key.has_value (), "card%d", other.card);
    fail_unless_equals_string (key->c_str (), expected.c_str ());
  }

  fail_unless (!alsa::physicalDeviceKey (4, sysfs.root ()).has_value ());
  fail_unless (!alsa::physicalDeviceKey (-1, sysfs.root ()).has_value ());
}

GST_END_TEST;

static Suite *
alsa_microphone_suite (void)
{
  Suite *s = suite_create ("alsa-microphone");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_hints_list_configured_pcms);
  tcase_add_test (tc, test_hints_put_default_first);
  tcase_add_test (tc, test_describe_fixed_microphone);
  tcase_add_test (tc, test_describe_rate_list);
  tcase_add_test (tc, test_describe_rate_range);
  tcase_add_test (tc, test_describe_byte_order);
  tcase_add_test (tc, test_describe_plugins_on_top);
  tcase_add_test (tc, test_missing_is_not_found);
  tcase_add_test (tc, test_busy_is_not_readable);
  tcase_add_test (tc, test_alsasrc_agrees);
  tcase_add_test (tc, test_capture_at_described_caps);
  tcase_add_test (tc, test_physical_device_keys);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (alsa_microphone);
