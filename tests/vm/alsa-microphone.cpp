/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* ext/alsa against real kernel drivers, in the VM tier: snd-dummy (card
 * "Dummy", one capture PCM: U8 and S16LE, 5.5-48 kHz, mono or stereo) and
 * snd-aloop (card "Loopback", two capture PCMs with many formats, 8-192 kHz,
 * 1-32 channels). Both are platform devices, as is vivid. The host tests
 * (tests/check/libs/alsa-microphone.cpp) cover the rest with fakes. */

#include <string>
#include <vector>

#include "check-main.h"

#include "alsa-microphone.h"
#include "libs/alsa-modes.h"
#include "sysfs-device.h"

#include <alsa/asoundlib.h>

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

static int
cardIndex (const char *id)
{
  const int card = snd_card_get_index (id);
  fail_unless (card >= 0, "no card %s: is this the VM tier?", id);
  return card;
}

static std::string
keysText (const std::set<AudioModeKey> &keys)
{
  std::string text;
  for (const AudioModeKey & key : keys)
    text += describeKey (key) + "; ";
  return text;
}

GST_START_TEST (test_dummy_matches_alsasrc)
{
  const Microphone mic = describeOk ("hw:Dummy,0,0");
  fail_unless_equals_int (mic.card, cardIndex ("Dummy"));
  fail_unless_equals_string (mic.description.label.c_str (), "Dummy PCM");

  const std::vector<AudioMode> &modes = mic.description.audioModes;
  fail_unless_equals_int (modes.size (), 1);
  fail_unless_equals_int (modes[0].formats.size (), 2);
  fail_unless_equals_string (modes[0].formats[0].c_str (), "S16LE");
  fail_unless_equals_string (modes[0].formats[1].c_str (), "U8");
  fail_unless_equals_int (modes[0].sampleRate.min, 5500);
  fail_unless_equals_int (modes[0].sampleRate.max, 48000);
  fail_unless_equals_int (modes[0].channels.min, 1);
  fail_unless_equals_int (modes[0].channels.max, 2);

  const LatencyRange &latency = mic.description.latency;
  fail_unless (latency.min > 0 && latency.min <= latency.value
      && latency.value <= latency.max, "latency %g <= %g <= %g", latency.min,
      latency.value, latency.max);
  fail_unless (latency.value == 0.010);

  const std::set<AudioModeKey> described = audioModeKeys (modes);
  CapsPtr caps = alsasrcCaps ("hw:Dummy,0,0");
  const std::set<AudioModeKey> reported =
      audioModeKeys (audioModesFromCaps (caps.get ()));
  fail_unless (described == reported, "described: %s\nalsasrc: %s",
      keysText (described).c_str (), keysText (reported).c_str ());
}

GST_END_TEST;

/* alsasrc offers 1-4, 6 and 8 channels only (the layouts it has channel
 * masks for); the description has every count the device takes. */
GST_START_TEST (test_loopback_covers_alsasrc)
{
  for (const char *pcm : { "hw:Loopback,0,0", "hw:Loopback,1,0" }) {
    const Microphone mic = describeOk (pcm);
    fail_unless_equals_int (mic.card, cardIndex ("Loopback"));
    const std::vector<AudioMode> &modes = mic.description.audioModes;
    fail_unless_equals_int (modes.size (), 1);
    fail_unless_equals_int (modes[0].sampleRate.min, 8000);
    fail_unless_equals_int (modes[0].sampleRate.max, 192000);
    fail_unless_equals_int (modes[0].channels.min, 1);
    fail_unless_equals_int (modes[0].channels.max, 32);

    const std::set<AudioModeKey> described = audioModeKeys (modes);
    CapsPtr caps = alsasrcCaps (pcm);
    const std::set<AudioModeKey> reported =
        audioModeKeys (audioModesFromCaps (caps.get ()));
    fail_unless (!reported.empty ());
    for (const AudioModeKey & key : reported)
      fail_unless (described.count (key), "%s: alsasrc's %s is not described",
          pcm, describeKey (key).c_str ());
    for (const AudioModeKey & key : described) {
      const int channels = std::get<3> (key);
      const bool alsasrcLayout = channels <= 4 || channels == 6
          || channels == 8;
      fail_unless (reported.count (key) == (alsasrcLayout ? 1u : 0u),
          "%s: %s differs from alsasrc", pcm, describeKey (key).c_str ());
    }
  }
}

GST_END_TEST;

static const alsa::CapturePcm *
findPcm (const std::vector<alsa::CapturePcm> &pcms, const std::string &name)
{
  for (const alsa::CapturePcm & pcm : pcms) {
    if (pcm.name == name)
      return &pcm;
  }
  return nullptr;
}

GST_START_TEST (test_hints_list_one_entry_per_capture_device)
{
  const std::vector<alsa::CapturePcm> pcms = alsa::listCapturePcms ();
  std::string names;
  for (const alsa::CapturePcm & pcm : pcms)
    names += pcm.name + "; ";

  fail_unless (!pcms.empty ());
  fail_unless_equals_string (pcms[0].name.c_str (), "default");

  const struct {
    const char *name;
    const char *card;
    int device;
    const char *label;
  } expected[] = {
    { "hw:CARD=Dummy,DEV=0", "Dummy", 0, "Dummy, Dummy PCM" },
    { "hw:CARD=Loopback,DEV=0", "Loopback", 0, "Loopback, Loopback PCM" },
    { "hw:CARD=Loopback,DEV=1", "Loopback", 1, "Loopback, Loopback PCM" },
  };
  for (const auto & e : expected) {
    const alsa::CapturePcm *pcm = findPcm (pcms, e.name);
    fail_unless (pcm != nullptr, "no %s in %s", e.name, names.c_str ());
    fail_unless_equals_int (pcm->card, cardIndex (e.card));
    fail_unless_equals_int (pcm->device, e.device);
    fail_unless_equals_string (pcm->label.c_str (), e.label);
  }
  /* default, the three hw PCMs, nothing else: no plughw, sysdefault,
   * dsnoop, front... routes to the same hardware, no null. */
  fail_unless (pcms.size () == 4, "listed: %s", names.c_str ());

  for (const alsa::CapturePcm & pcm : pcms)
    describeOk (pcm.name);
}

GST_END_TEST;

GST_START_TEST (test_busy_device_is_not_readable)
{
  /* snd-dummy has one capture substream here (pcm_substreams=1). */
  snd_pcm_t *held = nullptr;
  fail_unless_equals_int (snd_pcm_open (&held, "hw:Dummy,0,0",
          SND_PCM_STREAM_CAPTURE, SND_PCM_NONBLOCK), 0);
  Result<Microphone> mic = alsa::describe ("hw:Dummy,0,0");
  fail_unless (!mic.ok ());
  fail_unless (mic.error ().name == ErrorName::NotReadableError, "%s",
      mic.error ().message.c_str ());
  fail_unless (mic.error ().message.find ("busy") != std::string::npos, "%s",
      mic.error ().message.c_str ());
  snd_pcm_close (held);
  describeOk ("hw:Dummy,0,0");
}

GST_END_TEST;

GST_START_TEST (test_missing_device_is_not_found)
{
  for (const char *pcm : { "hw:Dummy,7,0", "hw:CARD=Nonexistent,DEV=0",
          "hw:9,0" }) {
    Result<Microphone> mic = alsa::describe (pcm);
    fail_unless (!mic.ok (), "%s", pcm);
    fail_unless (mic.error ().name == ErrorName::NotFoundError, "%s: %s", pcm,
        mic.error ().message.c_str ());
  }
}

GST_END_TEST;

/* Each card and vivid is its own platform device: three different keys,
 * the same on every call. */
GST_START_TEST (test_physical_device_keys)
{
  const int dummy = cardIndex ("Dummy");
  const int loopback = cardIndex ("Loopback");
  const std::optional<std::string> dummyKey = alsa::physicalDeviceKey (dummy);
  const std::optional<std::string> loopbackKey =
      alsa::physicalDeviceKey (loopback);
  fail_unless (dummyKey.has_value () && loopbackKey.has_value ());
  fail_unless_equals_string (dummyKey->c_str (),
      "/sys/devices/platform/snd_dummy.0");
  fail_unless_equals_string (loopbackKey->c_str (),
      "/sys/devices/platform/snd_aloop.0");
  fail_unless (alsa::physicalDeviceKey (dummy) == dummyKey);
  fail_unless (alsa::physicalDeviceKey (loopback) == loopbackKey);

  const std::optional<std::string> vivid =
      sysfs::physicalDevice ("/sys/class/video4linux/video0");
  fail_unless (vivid.has_value ());
  fail_unless_equals_string (vivid->c_str (), "/sys/devices/platform/vivid.0");

  fail_unless (!alsa::physicalDeviceKey (9).has_value ());
}

GST_END_TEST;

/* The edges of the description are modes alsasrc really captures in. */
GST_START_TEST (test_capture_at_described_edges)
{
  const AudioMode mode = describeOk ("hw:Dummy,0,0").description.audioModes[0];
  const std::string edges[] = {
    "format=" + mode.formats.back () + ", rate=" +
        std::to_string (mode.sampleRate.min) + ", channels=" +
        std::to_string (mode.channels.min),
    "format=" + mode.formats.front () + ", rate=" +
        std::to_string (mode.sampleRate.max) + ", channels=" +
        std::to_string (mode.channels.max),
  };
  for (const std::string & fields : edges) {
    const std::string caps = "audio/x-raw, layout=interleaved, " + fields;
    GError *error = nullptr;
    GstElement *pipeline = gst_parse_launch (("alsasrc device=hw:Dummy,0,0"
            " num-buffers=5 ! " + caps + " ! fakesink name=sink").c_str (),
        &error);
    fail_unless (pipeline != nullptr, "%s", error ? error->message : "");
    ObjectPtr<GstElement> owned (pipeline);
    fail_unless (gst_element_set_state (pipeline, GST_STATE_PLAYING) !=
        GST_STATE_CHANGE_FAILURE);
    ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline));
    GstMessage *msg = gst_bus_timed_pop_filtered (bus.get (),
        30 * GST_SECOND,
        static_cast<GstMessageType> (GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
    fail_unless (msg != nullptr, "%s: no EOS in 30 s", caps.c_str ());
    const bool eos = GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS;
    gst_message_unref (msg);
    fail_unless (eos, "%s: capture failed", caps.c_str ());

    ObjectPtr<GstElement> sink (gst_bin_get_by_name (GST_BIN (pipeline),
            "sink"));
    ObjectPtr<GstPad> pad (gst_element_get_static_pad (sink.get (), "sink"));
    CapsPtr negotiated (gst_pad_get_current_caps (pad.get ()));
    CapsPtr wanted (gst_caps_from_string (caps.c_str ()));
    fail_unless (negotiated && gst_caps_is_subset (negotiated.get (),
            wanted.get ()), "%s: negotiated something else", caps.c_str ());
    fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
        GST_STATE_CHANGE_SUCCESS);
  }
}

GST_END_TEST;

static Suite *
vm_alsa_microphone_suite (void)
{
  Suite *s = suite_create ("vm-alsa-microphone");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_dummy_matches_alsasrc);
  tcase_add_test (tc, test_loopback_covers_alsasrc);
  tcase_add_test (tc, test_hints_list_one_entry_per_capture_device);
  tcase_add_test (tc, test_busy_device_is_not_readable);
  tcase_add_test (tc, test_missing_device_is_not_found);
  tcase_add_test (tc, test_physical_device_keys);
  tcase_add_test (tc, test_capture_at_described_edges);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (vm_alsa_microphone);
