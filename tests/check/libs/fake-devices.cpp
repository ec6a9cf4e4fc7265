/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The fake device profiles: built-ins, files, ids, groups and errors. */

#include "check-main.h"

#include "fake-devices.h"
#include "gst-caps.h"
#include "gst-ptr.h"

#include <glib/gstdio.h>

#include <algorithm>
#include <set>
#include <string>

using namespace mediastream;

using Devices = std::vector<DeviceDescription>;

static Devices
load (const char *profile)
{
  auto devices = loadFakeDevices (profile);
  fail_unless (devices.ok (), "%s: %s", profile,
      devices.ok ()? "" : devices.error ().message.c_str ());
  return devices.value ();
}

static Devices
parse (const std::string &json)
{
  auto devices = parseFakeDevices (json, "test");
  fail_unless (devices.ok (), "%s: %s", json.c_str (),
      devices.ok ()? "" : devices.error ().message.c_str ());
  return devices.value ();
}

/* The error a document gives; its message must start with `prefix`. */
static void
assertParseError (const std::string &json, const std::string &prefix)
{
  auto devices = parseFakeDevices (json, "test");
  fail_if (devices.ok (), "%s parsed", json.c_str ());
  const Error & error = devices.error ();
  fail_unless (error.name == ErrorName::TypeError, "%s: %s", json.c_str (),
      errorNameString (error.name).data ());
  fail_unless (error.message.rfind (prefix, 0) == 0,
      "%s: message \"%s\" does not start with \"%s\"", json.c_str (),
      error.message.c_str (), prefix.c_str ());
}

static std::string
sha256 (const std::string &text)
{
  GCharPtr sum (g_compute_checksum_for_string (G_CHECKSUM_SHA256,
          text.c_str (), -1));
  return sum.get ();
}

static bool
isLowerHex64 (const std::string &id)
{
  return id.size () == 64 && std::all_of (id.begin (), id.end (),[](char c) {
        return g_ascii_isdigit (c) || (c >= 'a' && c <= 'f');}
  );
}

static const DeviceDescription &
byLabel (const Devices & devices, const char *label)
{
  for (const DeviceDescription & device : devices) {
    if (device.label == label)
      return device;
  }
  fail ("no device labelled %s", label);
  return devices.front ();
}

static bool
sameModes (const std::vector<VideoMode> &a, const std::vector<VideoMode> &b)
{
  auto same = [](const VideoMode & x, const VideoMode & y) {
    return x.mediaType == y.mediaType && x.formats == y.formats
        && x.width.min == y.width.min && x.width.max == y.width.max
        && x.width.step == y.width.step && x.height.min == y.height.min
        && x.height.max == y.height.max && x.height.step == y.height.step
        && x.frameRate.min == y.frameRate.min
        && x.frameRate.max == y.frameRate.max;
  };
  return a.size () == b.size ()
      && std::equal (a.begin (), a.end (), b.begin (), same);
}

static bool
sameModes (const std::vector<AudioMode> &a, const std::vector<AudioMode> &b)
{
  auto same = [](const AudioMode & x, const AudioMode & y) {
    return x.mediaType == y.mediaType && x.formats == y.formats
        && x.sampleRate.min == y.sampleRate.min
        && x.sampleRate.max == y.sampleRate.max
        && x.sampleRate.step == y.sampleRate.step
        && x.channels.min == y.channels.min
        && x.channels.max == y.channels.max;
  };
  return a.size () == b.size ()
      && std::equal (a.begin (), a.end (), b.begin (), same);
}

/* A scratch directory for profile files, removed with what it holds. */
class TempDir {
public:
  TempDir () {
    GError *error = nullptr;
    path_ = g_dir_make_tmp ("fake-devices-XXXXXX", &error);
    fail_unless (path_ != nullptr, "no temporary directory: %s",
        error ? error->message : "");
  }
  ~TempDir () {
    for (const std::string & file : files_)
      g_remove (file.c_str ());
    for (auto it = dirs_.rbegin (); it != dirs_.rend (); ++it)
      g_rmdir (it->c_str ());
    g_rmdir (path_);
    g_free (path_);
  }

  std::string subdir (const char *name) {
    std::string dir = std::string (path_) + G_DIR_SEPARATOR_S + name;
    fail_unless (g_mkdir (dir.c_str (), 0700) == 0);
    dirs_.push_back (dir);
    return dir;
  }

  std::string write (const std::string &dir, const char *name,
      const std::string &contents) {
    std::string file = dir + G_DIR_SEPARATOR_S + name;
    fail_unless (g_file_set_contents (file.c_str (), contents.c_str (),
            static_cast<gssize> (contents.size ()), nullptr));
    files_.push_back (file);
    return file;
  }

  std::string write (const char *name, const std::string &contents) {
    return write (path_, name, contents);
  }

  const char *path () const { return path_; }

private:
  gchar *path_ = nullptr;
  std::vector<std::string> files_;
  std::vector<std::string> dirs_;
};

GST_START_TEST (test_builtin_profiles_parse)
{
  const std::vector<std::string> names = builtinFakeProfiles ();
  fail_unless (std::find (names.begin (), names.end (), "chromium") !=
      names.end ());
  fail_unless (std::find (names.begin (), names.end (), "usb-webcam") !=
      names.end ());
  fail_unless (std::find (names.begin (), names.end (), "laptop") !=
      names.end ());

  std::set<std::string> ids;
  std::size_t count = 0;
  for (const std::string & name : names) {
    Devices devices = load (name.c_str ());
    fail_unless (!devices.empty (), "%s has no devices", name.c_str ());
    for (const DeviceDescription & device : devices) {
      fail_unless (isLowerHex64 (device.deviceId), "%s", device.label.c_str ());
      fail_unless (isLowerHex64 (device.groupId), "%s", device.label.c_str ());
      fail_if (device.label.empty ());
      if (device.kind == Kind::Video)
        fail_if (device.videoModes.empty (), "%s", device.label.c_str ());
      else
        fail_if (device.audioModes.empty (), "%s", device.label.c_str ());
      ids.insert (device.deviceId);
      count++;
    }
  }
  /* Every device of every profile has its own id. */
  fail_unless_equals_int (ids.size (), count);
}

GST_END_TEST;

GST_START_TEST (test_chromium_profile)
{
  Devices devices = load ("chromium");
  fail_unless_equals_int (devices.size (), 2);

  const DeviceDescription & camera = devices[0];
  fail_unless (camera.kind == Kind::Video);
  fail_unless_equals_string (camera.label.c_str (), "Fake Camera");
  fail_unless (!camera.facingMode);
  fail_unless (!camera.torch);
  fail_unless (camera.numericControls.empty ());
  const int sizes[][2] = { {96, 96}, {320, 240}, {640, 480}, {1280, 720},
  {1920, 1080}, {3840, 2160}
  };
  fail_unless_equals_int (camera.videoModes.size (), G_N_ELEMENTS (sizes));
  for (std::size_t i = 0; i < G_N_ELEMENTS (sizes); i++) {
    const VideoMode & mode = camera.videoModes[i];
    fail_unless (mode.isRaw ());
    fail_unless_equals_string (mode.formats.at (0).c_str (), "I420");
    fail_unless_equals_int (mode.width.min, sizes[i][0]);
    fail_unless (mode.width.fixed ());
    fail_unless_equals_int (mode.height.min, sizes[i][1]);
    fail_unless (mode.frameRate.fixed ());
    fail_unless (mode.frameRate.max == (Fraction { 30, 1 }));
  }

  const DeviceDescription & mic = devices[1];
  fail_unless (mic.kind == Kind::Audio);
  fail_unless_equals_string (mic.label.c_str (), "Fake Microphone");
  fail_unless_equals_int (mic.audioModes.size (), 1);
  fail_unless_equals_string (mic.audioModes[0].formats.at (0).c_str (),
      "S16LE");
  fail_unless_equals_int (mic.audioModes[0].sampleRate.min, 44100);
  fail_unless (mic.audioModes[0].sampleRate.fixed ());
  fail_unless_equals_int (mic.audioModes[0].channels.min, 2);
  fail_unless (mic.audioModes[0].channels.fixed ());
  fail_unless_equals_float (mic.latency.min, 0.01);
  fail_unless_equals_float (mic.latency.max, 0.01);
  fail_unless_equals_float (mic.latency.value, 0.01);
  fail_unless (mic.processing.echoCancellation);
  fail_unless (mic.processing.autoGainControl);
  fail_unless (mic.processing.noiseSuppression);

  /* Chromium's fake camera and microphone are separate devices. */
  fail_unless (camera.groupId != mic.groupId);
}

GST_END_TEST;

GST_START_TEST (test_usb_webcam_profile)
{
  Devices devices = load ("usb-webcam");
  fail_unless_equals_int (devices.size (), 2);
  const DeviceDescription & camera = byLabel (devices, "USB HD Webcam");
  const DeviceDescription & mic =
      byLabel (devices, "USB HD Webcam Microphone");
  fail_unless (camera.groupId == mic.groupId);

  auto find = [&camera] (const char *type, int width, int height, int fps) {
    return std::any_of (camera.videoModes.begin (), camera.videoModes.end (),
        [&](const VideoMode & m) {
          return m.mediaType == type && m.width.min == width
              && m.height.min == height && m.frameRate.max == (Fraction { fps,
                      1});
        });
  };
  /* MJPEG reaches full HD at 30 fps, YUYV only at 5. */
  fail_unless (find ("image/jpeg", 1920, 1080, 30));
  fail_unless (find ("image/jpeg", 160, 90, 5));
  fail_unless (find ("video/x-raw", 1920, 1080, 5));
  fail_if (find ("video/x-raw", 1920, 1080, 30));
  fail_unless (find ("video/x-raw", 640, 480, 30));
  fail_unless (find ("video/x-raw", 1280, 720, 10));
  fail_if (find ("video/x-raw", 1280, 720, 30));
  fail_unless (find ("video/x-raw", 160, 90, 30));
  /* 7.5 fps stays exact. */
  fail_unless (std::any_of (camera.videoModes.begin (),
          camera.videoModes.end (),[](const VideoMode & m) {
            return m.frameRate.max == (Fraction { 15, 2});}
      ));
  /* 17 sizes at 7 rates in MJPEG; YUYV thins out with size. */
  const auto mjpeg = std::count_if (camera.videoModes.begin (),
      camera.videoModes.end (),[](const VideoMode & m) {
        return m.mediaType == "image/jpeg";}
  );
  fail_unless_equals_int (mjpeg, 119);
  fail_unless_equals_int (camera.videoModes.size () - mjpeg, 96);

  for (Property p : { Property::Brightness, Property::Contrast,
          Property::Saturation, Property::Sharpness,
          Property::ColorTemperature, Property::ExposureTime,
          Property::FocusDistance, Property::Zoom, Property::Pan,
          Property::Tilt})
    fail_unless (camera.numericControls.count (p) == 1, "%s missing",
        propertyInfo (p).name.data ());
  fail_unless_equals_float (camera.numericControls.at (Property::Zoom).min,
      100);
  fail_unless_equals_float (camera.numericControls.at (Property::Pan).step,
      3600);
  for (Property p : { Property::WhiteBalanceMode, Property::ExposureMode,
          Property::FocusMode}) {
    const ModeControl & control = camera.modeControls.at (p);
    fail_unless_equals_int (control.modes.size (), 2);
    fail_unless_equals_string (control.value.c_str (), "continuous");
  }
  fail_unless (!camera.torch);

  fail_unless_equals_int (mic.audioModes.size (), 3);
  fail_unless_equals_int (mic.audioModes[0].sampleRate.min, 16000);
  fail_unless_equals_int (mic.audioModes[1].sampleRate.min, 32000);
  fail_unless_equals_int (mic.audioModes[2].sampleRate.min, 48000);
  fail_unless_equals_int (mic.audioModes[2].channels.min, 2);
  fail_unless_equals_float (mic.latency.value, 0.02);
}

GST_END_TEST;

GST_START_TEST (test_laptop_profile)
{
  Devices devices = load ("laptop");
  const DeviceDescription & camera = byLabel (devices, "Integrated Camera");
  const DeviceDescription & internal =
      byLabel (devices, "Internal Microphone");
  const DeviceDescription & headset =
      byLabel (devices, "USB Headset Microphone");
  fail_unless (std::count_if (devices.begin (), devices.end (),
          [](const DeviceDescription & d) {
            return d.kind == Kind::Audio;}
      ) == 2);
  fail_unless (camera.facingMode == std::string ("user"));
  fail_unless (camera.groupId == internal.groupId);
  fail_unless (headset.groupId != internal.groupId);
  fail_unless (headset.deviceId != internal.deviceId);
  fail_unless_equals_int (internal.audioModes.at (0).sampleRate.min, 48000);
  fail_unless_equals_int (internal.audioModes.at (0).channels.min, 2);
  fail_unless_equals_int (headset.audioModes.at (0).channels.min, 1);
  fail_unless (std::any_of (camera.videoModes.begin (),
          camera.videoModes.end (),[](const VideoMode & m) {
            return m.mediaType == "image/jpeg" && m.width.min == 1280
                && m.frameRate.max == (Fraction { 30, 1});}
      ));
  fail_unless (camera.numericControls.count (Property::Zoom) == 0);
}

GST_END_TEST;

GST_START_TEST (test_phone_profile)
{
  Devices devices = load ("phone");
  const DeviceDescription & front = byLabel (devices, "Front Camera");
  const DeviceDescription & back = byLabel (devices, "Back Camera");
  fail_unless (front.facingMode == std::string ("user"));
  fail_unless (back.facingMode == std::string ("environment"));
  fail_unless (back.torch.has_value () && !*back.torch);
  fail_unless (!front.torch);
  fail_unless_equals_float (back.numericControls.at (Property::Zoom).max, 8);
  fail_unless_equals_int (back.modeControls.at (Property::FocusMode).
      modes.size (), 3);
  /* Frame rates are ranges. */
  fail_unless (!front.videoModes.at (0).frameRate.fixed ());
  fail_unless (front.videoModes[0].frameRate.min == (Fraction { 15, 1 }));
  fail_unless (back.videoModes.at (0).frameRate.max == (Fraction { 60, 1 }));
  fail_unless (front.groupId != back.groupId);
}

GST_END_TEST;

GST_START_TEST (test_ids_are_stable_and_documented)
{
  Devices once = load ("chromium");
  Devices again = load ("chromium");
  for (std::size_t i = 0; i < once.size (); i++) {
    fail_unless (once[i].deviceId == again[i].deviceId);
    fail_unless (once[i].groupId == again[i].groupId);
  }
  /* The derivation is part of the format: scripts may rely on it. */
  fail_unless (once[0].deviceId ==
      sha256 ("gst-mediastream-fake:chromium:videoinput:fake_device_0"));
  fail_unless (once[1].deviceId ==
      sha256 ("gst-mediastream-fake:chromium:audioinput:fake_audio_input_0"));

  /* Without an "id" the label is the key; the profile name is part of it. */
  const std::string json = R"({"devices": [{"kind": "videoinput",
      "label": "Cam", "modes": [{"width": 8, "height": 8, "frameRate": 1}]}]})";
  auto a = parseFakeDevices (json, "one");
  auto b = parseFakeDevices (json, "two");
  fail_unless (a.ok () && b.ok ());
  fail_unless (a.value ()[0].deviceId ==
      sha256 ("gst-mediastream-fake:one:videoinput:Cam"));
  fail_unless (a.value ()[0].deviceId != b.value ()[0].deviceId);
}

GST_END_TEST;

GST_START_TEST (test_groups)
{
  Devices devices = parse (R"({"devices": [
    {"kind": "videoinput", "label": "A", "group": "dock",
     "modes": [{"width": 8, "height": 8, "frameRate": 1}]},
    {"kind": "audioinput", "label": "B", "group": "dock",
     "modes": [{"sampleRate": 8000, "channels": 1}]},
    {"kind": "videoinput", "label": "C",
     "modes": [{"width": 8, "height": 8, "frameRate": 1}]},
    {"kind": "audioinput", "label": "C",
     "modes": [{"sampleRate": 8000, "channels": 1}]},
    {"kind": "audioinput", "label": "videoinput:C", "group": "device:videoinput:C",
     "modes": [{"sampleRate": 8000, "channels": 1}]}
  ]})");
  fail_unless_equals_int (devices.size (), 5);
  fail_unless (devices[0].groupId == devices[1].groupId);
  fail_unless (devices[0].groupId ==
      sha256 ("gst-mediastream-fake:test:group:dock"));
  /* Devices without a group key each get their own group, which no group
   * key can name. */
  std::set<std::string> groups;
  for (const DeviceDescription & device : devices)
    groups.insert (device.groupId);
  fail_unless_equals_int (groups.size (), 4);
  /* Same label, different kinds: two devices. */
  fail_unless (devices[2].deviceId != devices[3].deviceId);
}

GST_END_TEST;

GST_START_TEST (test_caps_and_modes_forms_agree)
{
  Devices fromCaps = parse (R"({"devices": [
    {"kind": "videoinput", "label": "Cam",
     "caps": ["video/x-raw, format={ NV12, YUY2 }, width={ 640, 1280 }, height=720, framerate={ 30/1, 15/2 }",
              "image/jpeg, width=[ 16, 1920, 8 ], height=[ 2, 1080, 2 ], framerate=[ 15/1, 60/1 ]"]},
    {"kind": "audioinput", "label": "Mic",
     "caps": "audio/x-raw, format=S16LE, layout=interleaved, rate={ 16000, 48000 }, channels=[ 1, 2 ]"}
  ]})");
  Devices fromModes = parse (R"({"devices": [
    {"kind": "videoinput", "label": "Cam", "modes": [
      {"format": ["NV12", "YUY2"], "width": 640, "height": 720, "frameRate": 30},
      {"format": ["NV12", "YUY2"], "width": 640, "height": 720, "frameRate": 7.5},
      {"format": ["NV12", "YUY2"], "width": 1280, "height": 720, "frameRate": 30},
      {"format": ["NV12", "YUY2"], "width": 1280, "height": 720, "frameRate": 7.5},
      {"mediaType": "image/jpeg", "width": {"min": 16, "max": 1920, "step": 8},
       "height": {"min": 2, "max": 1080, "step": 2},
       "frameRate": {"min": 15, "max": 60}}]},
    {"kind": "audioinput", "label": "Mic", "modes": [
      {"format": "S16LE", "sampleRate": 16000, "channels": {"min": 1, "max": 2}},
      {"format": "S16LE", "sampleRate": 48000, "channels": {"min": 1, "max": 2}}]}
  ]})");
  fail_unless (sameModes (fromCaps[0].videoModes, fromModes[0].videoModes));
  fail_unless (sameModes (fromCaps[1].audioModes, fromModes[1].audioModes));
  fail_unless (fromCaps[0].deviceId == fromModes[0].deviceId);

  /* And the modes give back caps that parse to the same modes. */
  for (const DeviceDescription & device : fromModes) {
    CapsPtr caps (capsForDevice (device));
    if (device.kind == Kind::Video)
      fail_unless (sameModes (videoModesFromCaps (caps.get ()),
              device.videoModes));
    else
      fail_unless (sameModes (audioModesFromCaps (caps.get ()),
              device.audioModes));
  }
}

GST_END_TEST;

GST_START_TEST (test_controls_and_audio_members)
{
  Devices devices = parse (R"({"devices": [
    {"kind": "videoinput", "label": "Cam", "facingMode": "left",
     "modes": [{"width": 8, "height": 8, "frameRate": 1}],
     "controls": {"zoom": {"min": 1, "max": 4, "step": 0.1, "value": 2},
                  "iso": {"min": 100, "max": 3200},
                  "focusMode": {"modes": ["manual", "continuous"]},
                  "torch": true}},
    {"kind": "audioinput", "label": "Mic",
     "modes": [{"sampleRate": 8000, "channels": 1}],
     "latency": {"min": 0.005, "max": 0.05},
     "processing": {"echoCancellation": true, "sampleRates": [16000, 48000]}}
  ]})");
  const DeviceDescription & camera = devices[0];
  fail_unless_equals_string (camera.facingMode->c_str (), "left");
  fail_unless_equals_float (camera.numericControls.at (Property::Zoom).value,
      2);
  fail_unless_equals_float (camera.numericControls.at (Property::Zoom).step,
      0.1);
  /* Without a value the control sits at its minimum, without a step it is
   * continuous. */
  fail_unless_equals_float (camera.numericControls.at (Property::Iso).value,
      100);
  fail_unless_equals_float (camera.numericControls.at (Property::Iso).step, 0);
  fail_unless_equals_string (camera.modeControls.at (Property::FocusMode).
      value.c_str (), "manual");
  fail_unless (camera.torch.value_or (false));
  fail_unless (camera.videoModes[0].formats.empty ());
  fail_unless_equals_string (camera.videoModes[0].mediaType.c_str (),
      "video/x-raw");

  const DeviceDescription & mic = devices[1];
  fail_unless_equals_float (mic.latency.min, 0.005);
  fail_unless_equals_float (mic.latency.max, 0.05);
  fail_unless_equals_float (mic.latency.value, 0.005);
  fail_unless (mic.processing.echoCancellation);
  fail_unless (!mic.processing.autoGainControl);
  fail_unless (!mic.processing.noiseSuppression);
  fail_unless (mic.processing.sampleRates == (std::vector<int> { 16000,
              48000}));
  fail_unless_equals_string (mic.audioModes[0].mediaType.c_str (),
      "audio/x-raw");

  /* An empty profile is valid: a machine without devices. */
  fail_unless (parse (R"({"devices": []})").empty ());
}

GST_END_TEST;

#define CAM_START R"({"devices": [{"kind": "videoinput", "label": "Cam", )"
#define MODE R"("modes": [{"width": 8, "height": 8, "frameRate": 1}])"
#define MIC_START R"({"devices": [{"kind": "audioinput", "label": "Mic", )"
#define AUDIO_MODE R"("modes": [{"sampleRate": 8000, "channels": 1}])"

GST_START_TEST (test_errors_name_the_path)
{
  assertParseError ("", "invalid JSON: ");
  assertParseError ("{\"devices\": [", "invalid JSON: ");
  assertParseError ("[]", "expected an object with a \"devices\" list");
  assertParseError ("{}", "devices: missing");
  assertParseError (R"({"device": []})", "device: unknown member of a profile");
  assertParseError (R"({"devices": {}})", "devices: expected a list");
  assertParseError (R"({"devices": [7]})", "devices[0]: expected an object");
  assertParseError (R"({"devices": [{"label": "x"}]})",
      "devices[0].kind: missing");
  assertParseError (R"({"devices": [{"kind": "camera", "label": "x"}]})",
      "devices[0].kind: expected \"videoinput\" or \"audioinput\"");
  assertParseError (R"({"devices": [{"kind": "audiooutput", "label": "x"}]})",
      "devices[0].kind: audiooutput devices are not supported");
  assertParseError (R"({"devices": [{"kind": "videoinput", )" MODE "}]}",
      "devices[0].label: missing");
  assertParseError (CAM_START R"("label2": 1, )" MODE "}]}",
      "devices[0].label2: unknown member of a videoinput device");
  assertParseError (CAM_START R"("latency": 0.01, )" MODE "}]}",
      "devices[0].latency: unknown member of a videoinput device");
  assertParseError (MIC_START R"("facingMode": "user", )" AUDIO_MODE "}]}",
      "devices[0].facingMode: unknown member of an audioinput device");
  assertParseError (CAM_START R"("id": "")" ", " MODE "}]}",
      "devices[0].id: expected a non-empty string");
  assertParseError (CAM_START R"("group": 3, )" MODE "}]}",
      "devices[0].group: expected a string, got number");
  assertParseError (CAM_START R"("x": 1}]})",
      "devices[0].x: unknown member");
  assertParseError (CAM_START R"("id": "a"}]})",
      "devices[0]: expected either \"caps\" or \"modes\"");
  assertParseError (CAM_START R"("caps": "image/jpeg", )" MODE "}]}",
      "devices[0]: expected either \"caps\" or \"modes\"");
  assertParseError (CAM_START R"("modes": []}]})",
      "devices[0].modes: expected a non-empty list of modes");
  assertParseError (CAM_START R"("modes": [{"width": 8, "height": 8,
      "frameRate": 1}, {"width": "wide", "height": 8, "frameRate": 1}]}]})",
      "devices[0].modes[1].width: expected a number, got string");
  assertParseError (CAM_START
      R"("modes": [{"width": 8, "frameRate": 1}]}]})",
      "devices[0].modes[0].height: missing");
  assertParseError (CAM_START
      R"("modes": [{"width": 0, "height": 8, "frameRate": 1}]}]})",
      "devices[0].modes[0].width: expected a positive integer");
  assertParseError (CAM_START
      R"("modes": [{"width": 8.5, "height": 8, "frameRate": 1}]}]})",
      "devices[0].modes[0].width: expected a positive integer");
  assertParseError (CAM_START R"("modes": [{"width": {"min": 10, "max": 100,
      "step": 4}, "height": 8, "frameRate": 1}]}]})",
      "devices[0].modes[0].width: min and max must be multiples of step");
  assertParseError (CAM_START R"("modes": [{"width": {"min": 100, "max": 10},
      "height": 8, "frameRate": 1}]}]})",
      "devices[0].modes[0].width: min is greater than max");
  assertParseError (CAM_START R"("modes": [{"width": {"max": 10},
      "height": 8, "frameRate": 1}]}]})",
      "devices[0].modes[0].width.min: missing");
  assertParseError (CAM_START
      R"("modes": [{"width": 8, "height": 8, "frameRate": 0}]}]})",
      "devices[0].modes[0].frameRate: expected a frame rate above 0");
  assertParseError (CAM_START R"("modes": [{"width": 8, "height": 8,
      "frameRate": {"min": 30, "max": 15}}]}]})",
      "devices[0].modes[0].frameRate: min is greater than max");
  assertParseError (CAM_START R"("modes": [{"mediaType": "audio/x-raw",
      "width": 8, "height": 8, "frameRate": 1}]}]})",
      "devices[0].modes[0].mediaType: expected a video media type");
  assertParseError (CAM_START R"("modes": [{"format": [], "width": 8,
      "height": 8, "frameRate": 1}]}]})",
      "devices[0].modes[0].format: expected a format name or a non-empty");
  assertParseError (CAM_START R"("modes": [{"format": ["I420", 5], "width": 8,
      "height": 8, "frameRate": 1}]}]})",
      "devices[0].modes[0].format[1]: expected a string");
  assertParseError (CAM_START R"("caps": "video/x-raw, width=(int)wide"}]})",
      "devices[0].caps: not valid caps");
  assertParseError (CAM_START
      R"("caps": "audio/x-raw, rate=48000, channels=2"}]})",
      "devices[0].caps: describes no video mode");
  assertParseError (CAM_START
      R"("caps": ["image/jpeg, width=8, height=8, framerate=30/1", 4]}]})",
      "devices[0].caps[1]: expected a string");
  assertParseError (MIC_START R"("caps": "audio/x-raw, format=S16LE"}]})",
      "devices[0].caps: describes no audio mode");
  assertParseError (MIC_START R"("modes": [{"mediaType": "audio/x-opus",
      "sampleRate": 8000, "channels": 1}]}]})",
      "devices[0].modes[0].mediaType: microphones capture audio/x-raw");
  assertParseError (CAM_START R"("facingMode": "front", )" MODE "}]}",
      "devices[0].facingMode: expected user, environment, left or right");
  assertParseError (CAM_START R"("controls": {"zom": {"min": 1,
      "max": 2}}, )" MODE "}]}", "devices[0].controls.zom: not a camera control");
  assertParseError (CAM_START R"("controls": {"width": {"min": 1,
      "max": 2}}, )" MODE "}]}",
      "devices[0].controls.width: not a camera control");
  assertParseError (CAM_START R"("controls": {"sampleRate": {"min": 1,
      "max": 2}}, )" MODE "}]}",
      "devices[0].controls.sampleRate: not a camera control");
  assertParseError (CAM_START R"("controls": {"zoom": {"min": 1, "max": 4,
      "value": 5}}, )" MODE "}]}",
      "devices[0].controls.zoom.value: outside min..max");
  assertParseError (CAM_START R"("controls": {"zoom": true}, )" MODE "}]}",
      "devices[0].controls.zoom: expected an object, got boolean");
  assertParseError (CAM_START R"("controls": {"focusMode": {"modes":
      ["manual", "auto"]}}, )" MODE "}]}",
      "devices[0].controls.focusMode.modes[1]: expected none, manual, "
      "single-shot or continuous");
  assertParseError (CAM_START R"("controls": {"focusMode": {"modes":
      ["manual"], "value": "continuous"}}, )" MODE "}]}",
      "devices[0].controls.focusMode.value: not one of the modes");
  assertParseError (CAM_START R"("controls": {"torch": "on"}, )" MODE "}]}",
      "devices[0].controls.torch: expected true or false");
  assertParseError (CAM_START R"("controls": {"backgroundBlur": true}, )"
      MODE "}]}", "devices[0].controls.backgroundBlur: a fake camera cannot");
  assertParseError (MIC_START R"("latency": -1, )" AUDIO_MODE "}]}",
      "devices[0].latency: expected seconds, 0 or more");
  assertParseError (MIC_START R"("latency": {"min": 0.1, "max": 0.2,
      "value": 0.3}, )" AUDIO_MODE "}]}",
      "devices[0].latency.value: outside min..max");
  assertParseError (MIC_START R"("processing": {"echoCancellation": "yes"}, )"
      AUDIO_MODE "}]}",
      "devices[0].processing.echoCancellation: expected true or false");
  assertParseError (MIC_START R"("processing": {"beamforming": true}, )"
      AUDIO_MODE "}]}",
      "devices[0].processing.beamforming: unknown member of processing");
  assertParseError (MIC_START R"("modes": [{"sampleRate": 8000}]}]})",
      "devices[0].modes[0].channels: missing");
  assertParseError (R"({"devices": [
      {"kind": "videoinput", "label": "Cam", )" MODE R"(},
      {"kind": "audioinput", "label": "Cam", )" AUDIO_MODE R"(},
      {"kind": "videoinput", "label": "Other", "id": "Cam", )" MODE "}]}",
      "devices[2]: the same kind and id (or label) as devices[0]");
}

GST_END_TEST;

GST_START_TEST (test_profile_files)
{
  TempDir dir;

  /* A missing file is not found, and says which profiles exist. */
  const std::string missing = std::string (dir.path ()) + "/absent.json";
  auto result = loadFakeDevices (missing);
  fail_if (result.ok ());
  fail_unless (result.error ().name == ErrorName::NotFoundError);
  fail_unless (result.error ().message.find ("absent.json") !=
      std::string::npos);
  fail_unless (result.error ().message.find ("chromium") != std::string::npos);
  result = loadFakeDevices ("no-such-profile");
  fail_unless (!result.ok ()
      && result.error ().name == ErrorName::NotFoundError);

  /* A directory cannot be read as a profile. */
  result = loadFakeDevices (dir.path ());
  fail_unless (!result.ok ()
      && result.error ().name == ErrorName::NotReadableError);

  /* A bad file: TypeError, naming the file and then the JSON path. */
  const std::string bad = dir.write ("bad.json",
      R"({"devices": [{"kind": "videoinput", "label": 5}]})");
  result = loadFakeDevices (bad);
  fail_if (result.ok ());
  fail_unless (result.error ().name == ErrorName::TypeError);
  const std::string expected =
      bad + ": devices[0].label: expected a string, got number";
  fail_unless_equals_string (result.error ().message.c_str (),
      expected.c_str ());
  const std::string broken = dir.write ("broken.json", "{\"devices\": [}");
  result = loadFakeDevices (broken);
  fail_unless (!result.ok ()
      && result.error ().message.rfind (broken + ": invalid JSON: ", 0) == 0);

  /* A good file loads like the same text parsed under the file's base
   * name, wherever the file lives. */
  const std::string profile = R"({"devices": [
      {"kind": "audioinput", "label": "Mic", "group": "g",
       "caps": "audio/x-raw, format=S16LE, rate=48000, channels=2"}]})";
  const std::string here = dir.write ("studio.json", profile);
  const std::string there = dir.write (dir.subdir ("elsewhere"),
      "studio.json", profile);
  Devices fromHere = load (here.c_str ());
  Devices fromThere = load (there.c_str ());
  auto parsed = parseFakeDevices (profile, "studio");
  fail_unless (parsed.ok ());
  fail_unless_equals_int (fromHere.size (), 1);
  fail_unless (fromHere[0].deviceId == fromThere[0].deviceId);
  fail_unless (fromHere[0].deviceId == parsed.value ()[0].deviceId);
  fail_unless (fromHere[0].groupId == parsed.value ()[0].groupId);
  fail_unless_equals_int (fromHere[0].audioModes.at (0).sampleRate.min, 48000);

  /* A built-in name wins over a file of that name in the working
   * directory, so a profile name always means the same devices. */
  dir.write ("chromium", R"({"devices": []})");
  GCharPtr cwd (g_get_current_dir ());
  fail_unless (g_chdir (dir.path ()) == 0);
  Devices chromium = load ("chromium");
  fail_unless (g_chdir (cwd.get ()) == 0);
  fail_unless_equals_int (chromium.size (), 2);
}

GST_END_TEST;

static Suite *
fake_devices_suite (void)
{
  Suite *s = suite_create ("fake-devices");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_builtin_profiles_parse);
  tcase_add_test (tc, test_chromium_profile);
  tcase_add_test (tc, test_usb_webcam_profile);
  tcase_add_test (tc, test_laptop_profile);
  tcase_add_test (tc, test_phone_profile);
  tcase_add_test (tc, test_ids_are_stable_and_documented);
  tcase_add_test (tc, test_groups);
  tcase_add_test (tc, test_caps_and_modes_forms_agree);
  tcase_add_test (tc, test_controls_and_audio_members);
  tcase_add_test (tc, test_errors_name_the_path);
  tcase_add_test (tc, test_profile_files);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (fake_devices);
