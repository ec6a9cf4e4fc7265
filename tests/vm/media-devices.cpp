/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The device layer on real drivers, in the VM tier (README.md): vivid,
 * snd-dummy and snd-aloop as enumerateDevices() lists them (every mode the
 * drivers have, ids that do not depend on /dev numbers, groups from sysfs),
 * camera controls changed while v4l2src streams, getUserMedia's choice
 * captured through the devices' own sources, and the errors a user meets:
 * a camera or microphone in use elsewhere, and a camera unplugged (vivid's
 * "Disconnect" button) while it streams. gst-check, TAP with
 * CK_TAP_LOG_FILE_NAME=-; self-check.sh runs it in the tier's single
 * boot. */

/* Before check-main.h: libcheck's fail () macro breaks nlohmann/json. */
#include "libs/device-capture.h"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "check-main.h"
#include "vivid.h"

#include "alsa-microphone.h"
#include "alsa-pcm-device.h"
#include "hardware-devices.h"
#include "libs/alsa-modes.h"
#include "libs/test-device.h"
#include "media-devices.h"
#include "sysfs-device.h"
#include "v4l2-camera.h"

#include <alsa/asoundlib.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <linux/videodev2.h>

using namespace mediastream;

namespace {

using Json = nlohmann::json;

MediaDevices
enumerate ()
{
  auto devices = enumerateDevices ();
  fail_unless (devices.ok (), "%s", devices.ok ()? "" :
      devices.error ().message.c_str ());
  return *devices;
}

std::string
property (const MediaDevice & device, const char *name)
{
  StructurePtr properties (gst_device_get_properties (device.device.get ()));
  return propertyText (properties.get (), name);
}

std::string
cardOf (const char *id)
{
  const int card = snd_card_get_index (id);
  fail_unless (card >= 0, "no sound card %s: is this the VM tier?", id);
  return std::to_string (card);
}

/* The devices of GStreamer's providers and of the ALSA configuration that
 * the tier has: vivid, the cards' PCMs, ALSA's "default". */
struct Machine {
  MediaDevices all;
  const MediaDevice *vivid = nullptr;
  const MediaDevice *dummy = nullptr;
  std::vector<const MediaDevice *> loopback;
  const MediaDevice *alsaDefault = nullptr;

  /* The cards by their PCMs' names, so that a card's PCM is found also
   * when another application holds it (GStreamer's provider leaves it out
   * then; the device layer lists it all the same). */
  Machine () : all (enumerate ()) {
    const std::string dummyPcm = "hw:" + cardOf ("Dummy") + ",0";
    const std::string loopbackPcms = "hw:" + cardOf ("Loopback") + ",";
    std::string seen;
    for (const MediaDevice & d : all) {
      seen += "\"" + d.description.label + "\" ";
      const std::string pcm = alsaPcmOf (d.device.get ()).value_or ("");
      if (property (d, "v4l2.device.driver") == "vivid")
        vivid = &d;
      else if (pcm == dummyPcm)
        dummy = &d;
      else if (pcm.rfind (loopbackPcms, 0) == 0)
        loopback.push_back (&d);
      else if (pcm == "default")
        alsaDefault = &d;
    }
    fail_unless (vivid && dummy && loopback.size () == 2 && alsaDefault,
        "enumerateDevices() lists %s", seen.c_str ());
  }
};

std::string
nodeOf (const MediaDevice & device)
{
  const std::optional<std::string> node = v4l2NodeOf (device.device.get ());
  fail_unless (node.has_value ());
  return *node;
}

bool
sameVideoModes (const std::vector<VideoMode> &a,
    const std::vector<VideoMode> &b)
{
  return std::equal (a.begin (), a.end (), b.begin (), b.end (),
      [] (const VideoMode & x, const VideoMode & y) {
        return x.mediaType == y.mediaType && x.formats == y.formats &&
            x.width.min == y.width.min && x.width.max == y.width.max &&
            x.height.min == y.height.min && x.height.max == y.height.max &&
            x.frameRate.min == y.frameRate.min &&
            x.frameRate.max == y.frameRate.max;
      });
}

std::string
keysText (const std::set<AudioModeKey> &keys)
{
  std::string text;
  for (const AudioModeKey & key : keys)
    text += describeKey (key) + "; ";
  return text;
}

std::string
runTool (const std::vector<std::string> &args)
{
  const gchar *tool = g_getenv ("GST_MEDIASTREAM_TOOL");
  fail_unless (tool != nullptr, "GST_MEDIASTREAM_TOOL is not set");
  std::vector<gchar *> argv = { const_cast<gchar *> (tool) };
  for (const std::string & arg : args)
    argv.push_back (const_cast<gchar *> (arg.c_str ()));
  argv.push_back (nullptr);
  gchar *out = nullptr;
  gint status = -1;
  GError *error = nullptr;
  fail_unless (g_spawn_sync (nullptr, argv.data (), nullptr,
          G_SPAWN_STDERR_TO_DEV_NULL, nullptr, nullptr, &out, nullptr,
          &status, &error), "%s", error ? error->message : "");
  GCharPtr owned (out);
  fail_unless (g_spawn_check_wait_status (status, nullptr), "%s %s failed",
      tool, args.front ().c_str ());
  return out;
}

}  // namespace

/* Every mode the drivers have: vivid's whole V4L2 list with its controls,
 * the cards' PCMs as alsasrc opens them. */
GST_START_TEST (test_real_modes)
{
  Machine m;
  const DeviceDescription &vivid = m.vivid->description;
  fail_unless_equals_string (vivid.label.c_str (), "vivid");
  auto driver = v4l2::describeDevice (nodeOf (*m.vivid));
  fail_unless (driver.ok ());
  g_print ("vivid: %zu modes\n", vivid.videoModes.size ());
  fail_unless (vivid.videoModes.size () > 1000);
  fail_unless (sameVideoModes (vivid.videoModes, driver->videoModes));
  for (const Property p : { Property::Brightness, Property::Contrast,
          Property::Saturation })
    fail_unless (vivid.numericControls.count (p), "no %s",
        std::string (propertyInfo (p).name).c_str ());

  /* The cards' PCMs: what alsasrc would open, exactly. */
  for (const MediaDevice *mic : { m.dummy, m.loopback[0], m.loopback[1] }) {
    const std::string pcm = *alsaPcmOf (mic->device.get ());
    const std::set<AudioModeKey> listed =
        audioModeKeys (mic->description.audioModes);
    CapsPtr caps = alsasrcCaps (pcm);
    const std::set<AudioModeKey> alsasrc =
        audioModeKeys (audioModesFromCaps (caps.get ()));
    fail_unless (listed == alsasrc, "%s: listed %s\nalsasrc %s", pcm.c_str (),
        keysText (listed).c_str (), keysText (alsasrc).c_str ());
    /* And the latency range the hardware parameters allow. */
    auto described = alsa::describe (pcm);
    fail_unless (described.ok ());
    fail_unless (mic->description.latency.min ==
        described->description.latency.min);
    fail_unless (mic->description.latency.max ==
        described->description.latency.max);
  }
  fail_unless_equals_int (m.dummy->description.audioModes.size (), 1);
  fail_unless_equals_int (m.dummy->description.audioModes[0].sampleRate.min,
      5500);

  /* ALSA's "default" (Debian's: card 0 through plug) is the default
   * microphone, listed first. */
  fail_unless (m.alsaDefault == &m.all.front ());
  fail_unless (m.alsaDefault->isDefault);
}

GST_END_TEST;

/* The same ids every time, made from sysfs, and the same for the same
 * camera under another node name. */
GST_START_TEST (test_stable_ids)
{
  Machine runA;
  Machine runB;
  fail_unless_equals_int (runA.all.size (), runB.all.size ());
  for (std::size_t i = 0; i < runA.all.size (); i++) {
    fail_unless (runA.all[i].description.deviceId ==
        runB.all[i].description.deviceId);
    fail_unless (runA.all[i].description.groupId ==
        runB.all[i].description.groupId);
  }

  const std::string node = nodeOf (*runA.vivid);
  const std::optional<std::string> classDevice =
      sysfs::classDeviceOfNode (node);
  fail_unless (classDevice.has_value ());
  const std::string index = *sysfs::attribute (*classDevice, "index");
  const std::string key = "gst-mediastream-device:videoinput:v4l2:sysfs=" +
      *sysfs::deviceOf (*classDevice) + ",index=" + index;
  fail_unless_equals_string (key.c_str (), "gst-mediastream-device:"
      "videoinput:v4l2:sysfs=/sys/devices/platform/vivid.0,index=0");
  fail_unless (runA.vivid->description.deviceId == sha256Hex (key));

  /* vivid's node under a number it does not have. */
  struct stat st;
  fail_unless (stat (node.c_str (), &st) == 0);
  const char *renamed = "/dev/video42";
  unlink (renamed);
  fail_unless (mknod (renamed, S_IFCHR | 0660, st.st_rdev) == 0);
  StructurePtr properties (gst_device_get_properties
      (runA.vivid->device.get ()));
  gst_structure_set (properties.get (), "device.path", G_TYPE_STRING, renamed,
      nullptr);
  CapsPtr caps (gst_device_get_caps (runA.vivid->device.get ()));
  ObjectPtr<GstDevice> copy (newTestDevice ("vivid", "Video/Source",
          caps.get (), properties.get ()));
  auto described = describeGstDevice (copy.get ());
  unlink (renamed);
  fail_unless (described.has_value ());
  fail_unless (described->description.deviceId ==
      runA.vivid->description.deviceId);
  fail_unless (described->description.groupId ==
      runA.vivid->description.groupId);
}

GST_END_TEST;

/* One group per card (snd-aloop's two PCMs share theirs), vivid's own, and
 * ALSA's default in the group of the card it plays through. */
GST_START_TEST (test_groups)
{
  Machine m;
  const std::string loopbackGroup = m.loopback[0]->description.groupId;
  fail_unless (m.loopback[1]->description.groupId == loopbackGroup);
  fail_unless (m.loopback[0]->description.deviceId !=
      m.loopback[1]->description.deviceId);
  fail_unless (m.dummy->description.groupId != loopbackGroup);
  fail_unless (m.vivid->description.groupId != loopbackGroup);
  fail_unless (m.vivid->description.groupId != m.dummy->description.groupId);
  fail_unless (m.alsaDefault->description.groupId ==
      m.dummy->description.groupId);

  const std::string aloop = "gst-mediastream-group:sysfs=" +
      *sysfs::physicalDevice ("/sys/class/sound/card" +
      property (*m.loopback[0], "alsa.card"));
  fail_unless_equals_string (aloop.c_str (),
      "gst-mediastream-group:sysfs=/sys/devices/platform/snd_aloop.0");
  fail_unless (loopbackGroup == sha256Hex (aloop));
}

GST_END_TEST;

/* The cards' playback PCMs as audio outputs: in their card's group with
 * ids of their own, the same in the next listing, after every input, and
 * in `gst-mediastream-1.0 devices --json`. */
GST_START_TEST (test_audio_outputs)
{
  Machine m;
  DeviceKinds all;
  all.audioOutput = true;
  auto listed = enumerateDevices (all);
  fail_unless (listed.ok ());
  const std::string dummyGroup = m.dummy->description.groupId;
  const std::string loopbackGroup = m.loopback[0]->description.groupId;
  std::set<std::string> inputIds;
  for (const MediaDevice & d : m.all)
    inputIds.insert (d.description.deviceId);
  int dummyOutputs = 0, loopbackOutputs = 0;
  bool outputsBegun = false;
  std::vector<std::string> outputIds;
  for (const MediaDevice & d : *listed) {
    outputsBegun = outputsBegun || d.output;
    fail_unless (d.output == outputsBegun, "an input after the outputs");
    if (!d.output)
      continue;
    fail_unless_equals_string (mediaDeviceKind (d), "audiooutput");
    fail_if (inputIds.count (d.description.deviceId) > 0,
        "\"%s\" has an input's id", d.description.label.c_str ());
    dummyOutputs += d.description.groupId == dummyGroup;
    loopbackOutputs += d.description.groupId == loopbackGroup;
    outputIds.push_back (d.description.deviceId);
  }
  fail_unless (dummyOutputs >= 1 && loopbackOutputs >= 2,
      "%d outputs of Dummy, %d of Loopback", dummyOutputs, loopbackOutputs);

  auto again = enumerateDevices (all);
  fail_unless (again.ok ());
  std::vector<std::string> againIds;
  for (const MediaDevice & d : *again) {
    if (d.output)
      againIds.push_back (d.description.deviceId);
  }
  fail_unless (againIds == outputIds);

  const Json json = Json::parse (runTool ({"devices", "--json"}));
  int listedOutputs = 0;
  for (const Json & device : json["devices"])
    listedOutputs += device["kind"] == "audiooutput";
  fail_unless_equals_int (listedOutputs, outputIds.size ());
}

GST_END_TEST;

/* Controls read and written through the device layer while the camera
 * streams, seen by v4l2src and by the next enumeration. */
GST_START_TEST (test_controls_while_streaming)
{
  Machine m;
  Capture capture (*m.vivid, "video/x-raw,width=320,height=180,"
      "framerate=30/1");
  capture.play ();
  capture.waitForBuffers (3);

  auto before = readCameraSettings (*m.vivid);
  fail_unless (before.ok ());
  const double brightness = *before->number (Property::Brightness);
  const double wanted = brightness == 200 ? 60 : 200;
  Settings change;
  change.set (Property::Brightness, wanted);
  auto applied = applyCameraSettings (*m.vivid, change);
  fail_unless (applied.ok (), "%s", applied.ok ()? "" :
      applied.error ().message.c_str ());
  fail_unless_equals_float (*applied->number (Property::Brightness), wanted);
  fail_unless_equals_float (*readCameraSettings (*m.vivid)->number
      (Property::Brightness), wanted);

  ObjectPtr<GstElement> src = capture.element ("src");
  gint seen = -1;
  g_object_get (src.get (), "brightness", &seen, nullptr);
  fail_unless_equals_int (seen, static_cast<int> (wanted));
  capture.waitForBuffers (3);

  Machine again;
  fail_unless_equals_float (again.vivid->description.numericControls.at
      (Property::Brightness).value, wanted);

  Settings restore;
  restore.set (Property::Brightness, brightness);
  fail_unless (applyCameraSettings (*m.vivid, restore).ok ());
}

GST_END_TEST;

/* getUserMedia's choice among the real devices, captured from the device's
 * own source at the caps the engine asks for; the tool agrees. */
GST_START_TEST (test_select_and_capture_video)
{
  Machine m;
  const char *request =
      R"({"video": {"width": 640, "height": 360, "frameRate": 30}})";
  const Choice choice = choose (m.all, request);
  fail_unless (choice.device == m.vivid);

  Capture capture (*m.vivid, choice.sourceCaps.c_str ());
  capture.play ();
  capture.waitForBuffers (5);
  fail_unless_equals_int (capture.negotiated ("width"), 640);
  fail_unless_equals_int (capture.negotiated ("height"), 360);
  CapsPtr negotiated = capture.negotiatedCaps ();
  gint num = 0, den = 0;
  fail_unless (gst_structure_get_fraction (gst_caps_get_structure
          (negotiated.get (), 0), "framerate", &num, &den));
  fail_unless (num == 30 * den, "%d/%d fps", num, den);
  capture.stop ();

  const Json answer = Json::parse (runTool ({ "select", "--json", request }),
      nullptr, false);
  fail_if (answer.is_discarded ());
  const Json & track = answer["tracks"][0];
  fail_unless (track["deviceId"] == m.vivid->description.deviceId);
  fail_unless (track["settings"]["width"] == 640);
  fail_unless (track["settings"]["height"] == 360);
  fail_unless (track["settings"]["frameRate"] == 30);
  fail_unless (track["settings"]["resizeMode"] == "none");

  /* The table's row for vivid: its sizes and rates, in brief. */
  const std::string table = runTool ({ "devices" });
  std::string line;
  std::istringstream rows (table);
  for (std::string row; line.empty () && std::getline (rows, row);) {
    if (row.rfind ("videoinput ", 0) == 0 &&
        row.find (" vivid ") != std::string::npos)
      line = row;
  }
  fail_unless (!line.empty (), "%s", table.c_str ());
  fail_unless (line.find ("up to 3840x2160@2, 60 fps at 320x180") !=
      std::string::npos, "%s", line.c_str ());
  fail_unless (line.find ("brightness contrast saturation") !=
      std::string::npos, "%s", line.c_str ());
}

GST_END_TEST;

GST_START_TEST (test_select_and_capture_audio)
{
  Machine m;
  const std::string request = R"({"audio": {"deviceId": {"exact": ")" +
      m.dummy->description.deviceId +
      R"("}, "sampleRate": 16000, "channelCount": 1}})";
  const Choice choice = choose (m.all, request);
  fail_unless (choice.device == m.dummy);
  fail_unless_equals_float (*choice.selection.settings.number
      (Property::SampleRate), 16000);

  Capture capture (*m.dummy, choice.sourceCaps.c_str ());
  capture.play ();
  capture.waitForBuffers (5);
  fail_unless_equals_int (capture.negotiated ("rate"), 16000);
  fail_unless_equals_int (capture.negotiated ("channels"), 1);
}

GST_END_TEST;

/* A second v4l2src on a streaming vivid: EBUSY on S_FMT. */
GST_START_TEST (test_camera_in_use)
{
  Machine m;
  const Error error = secondCaptureFailure (*m.vivid,
      "video/x-raw,width=320,height=180,framerate=30/1",
      "video/x-raw,width=640,height=360,framerate=30/1").error;
  fail_unless (error.name == ErrorName::NotReadableError, "%s",
      error.message.c_str ());
  fail_unless_equals_string (error.message.c_str (),
      "the camera \"vivid\" is in use by another application");
}

GST_END_TEST;

/* snd-dummy has one capture substream here. While one capture holds it,
 * it is listed all the same (GStreamer's alsa provider leaves it out: it
 * opens each PCM to probe it), under the same ids, and a second capture is
 * refused. */
GST_START_TEST (test_microphone_in_use)
{
  Machine m;
  Capture first (*m.dummy, nullptr);
  first.play ();
  first.waitForBuffers (2);

  Machine busy;
  const DeviceDescription &held = busy.dummy->description;
  fail_unless (held.deviceId == m.dummy->description.deviceId);
  fail_unless (held.groupId == m.dummy->description.groupId);
  fail_unless (held.label == m.dummy->description.label);
  fail_unless (!held.audioModes.empty ());
  fail_unless (findDevice (held.deviceId, Kind::Audio).ok ());
  /* ALSA's default opens the card too: busy as well, still in its group. */
  fail_unless (busy.alsaDefault->description.groupId ==
      m.alsaDefault->description.groupId);

  Capture second (*busy.dummy, nullptr);
  second.play ();
  const Error error = second.waitForFailure (*busy.dummy).error;
  fail_unless (error.name == ErrorName::NotReadableError, "%s",
      error.message.c_str ());
  const std::string expected = "the microphone \"" + held.label +
      "\" is in use by another application";
  fail_unless_equals_string (error.message.c_str (), expected.c_str ());
}

GST_END_TEST;

/* vivid's Disconnect button unplugs the camera while v4l2src streams from
 * it: the error is a NotFoundError, and the camera is no longer listed. */
GST_START_TEST (test_camera_unplugged)
{
  Machine m;
  const MediaDevice vivid = *m.vivid;
  Capture capture (vivid, "video/x-raw,width=320,height=180,framerate=30/1");
  capture.play ();
  capture.waitForBuffers (3);

  pressDisconnect (vivid);

  const Error error = capture.waitForFailure (vivid).error;
  fail_unless (error.name == ErrorName::NotFoundError, "%s",
      error.message.c_str ());
  fail_unless_equals_string (error.message.c_str (),
      "the camera \"vivid\" is no longer connected");

  auto gone = findDevice (vivid.description.deviceId, Kind::Video);
  fail_if (gone.ok ());
  fail_unless (gone.error ().name == ErrorName::NotFoundError);
}

GST_END_TEST;

/* vivid plugs the camera back in once its last opener has closed it. That
 * is the end of the previous test's process: v4l2src (GStreamer 1.22)
 * cannot release its buffers on a device that went away, and keeps a
 * descriptor of it until then. */
GST_START_TEST (test_camera_back)
{
  g_unsetenv ("GST_MEDIASTREAM_FAKE_DEVICES");
  for (int waited = 0; ; waited++) {
    MediaDevices devices = enumerate ();
    if (std::any_of (devices.begin (), devices.end (),
            [] (const MediaDevice & d) {
              return property (d, "v4l2.device.driver") == "vivid";
            }))
      break;
    fail_unless (waited < 60, "vivid did not come back");
    g_usleep (G_USEC_PER_SEC);
  }
  Machine m;
  Capture capture (*m.vivid, "video/x-raw,width=320,height=180,"
      "framerate=30/1");
  capture.play ();
  capture.waitForBuffers (3);
  fail_unless_equals_int (capture.negotiated ("width"), 320);
}

GST_END_TEST;

static Suite *
vm_media_devices_suite (void)
{
  Suite *s = suite_create ("vm-media-devices");
  TCase *tc = tcase_create ("drivers");
  /* Emulated CPU: each enumeration probes vivid's 1302 modes. */
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_real_modes);
  tcase_add_test (tc, test_stable_ids);
  tcase_add_test (tc, test_groups);
  tcase_add_test (tc, test_audio_outputs);
  tcase_add_test (tc, test_controls_while_streaming);
  tcase_add_test (tc, test_select_and_capture_video);
  tcase_add_test (tc, test_select_and_capture_audio);
  tcase_add_test (tc, test_camera_in_use);
  tcase_add_test (tc, test_microphone_in_use);
  tcase_add_test (tc, test_camera_unplugged);
  tcase_add_test (tc, test_camera_back);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (vm_media_devices);
