/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The media-devices layer: enumerateDevices() order and content over the
 * fake provider, the stable keys of real devices, and devicechange.
 *
 * Every test sets GST_MEDIASTREAM_FAKE_DEVICES itself: with CK_FORK=no
 * (valgrind) the tests share one process. */

#include "check-main.h"

#include "fake-devices.h"
#include "gst-ptr.h"
#include "media-devices.h"

#include <mutex>
#include <set>
#include <string>
#include <vector>

using namespace mediastream;

namespace {

MediaDevices
enumerate (DeviceKinds kinds = DeviceKinds ())
{
  auto devices = enumerateDevices (kinds);
  fail_unless (devices.ok (), "%s", devices.ok ()? "" :
      devices.error ().message.c_str ());
  return *devices;
}

std::vector<std::string>
labels (const MediaDevices & devices)
{
  std::vector<std::string> result;
  for (const MediaDevice & device : devices)
    result.push_back (device.description.label);
  return result;
}

using Labels = std::vector<std::string>;

void
expectLabels (const MediaDevices & devices, const Labels & expected)
{
  const Labels actual = labels (devices);
  std::string text;
  for (const std::string & label : actual)
    text += "\"" + label + "\" ";
  fail_unless (actual == expected, "got %s", text.c_str ());
}

StructurePtr
structure (const char *text)
{
  StructurePtr s (gst_structure_from_string (text, nullptr));
  fail_unless (s != nullptr, "%s", text);
  return s;
}

/* A provider of "real" devices, as v4l2, alsa and pulse describe them. */
struct TestDevice {
  GstDevice parent;
};
struct TestDeviceClass {
  GstDeviceClass parent_class;
};
G_DEFINE_TYPE (TestDevice, test_device, GST_TYPE_DEVICE);

void
test_device_init (TestDevice * self)
{
  (void) self;
}

void
test_device_class_init (TestDeviceClass * klass)
{
  (void) klass;
}

struct TestProvider {
  GstDeviceProvider parent;
};
struct TestProviderClass {
  GstDeviceProviderClass parent_class;
};
G_DEFINE_TYPE (TestProvider, test_provider, GST_TYPE_DEVICE_PROVIDER);

GstDevice *
testDevice (const char *label, const char *klass, const char *caps,
    const char *properties)
{
  CapsPtr c (gst_caps_from_string (caps));
  StructurePtr p (gst_structure_from_string (properties, nullptr));
  fail_unless (c && p, "%s / %s", caps, properties);
  return GST_DEVICE (gst_object_ref_sink (g_object_new (test_device_get_type (),
              "display-name", label, "device-class", klass, "caps", c.get (),
              "properties", p.get (), nullptr)));
}

#define TEST_VIDEO_CAPS "video/x-raw, format=YUY2, width=640, height=480, " \
  "framerate=30/1"
#define TEST_AUDIO_CAPS "audio/x-raw, format=S16LE, layout=interleaved, " \
  "rate=48000, channels=2"

GList *
test_provider_probe (GstDeviceProvider * provider)
{
  (void) provider;
  GList *devices = nullptr;
  devices = g_list_append (devices, testDevice ("Test Webcam",
          "Video/Source", TEST_VIDEO_CAPS, "p, device.api=v4l2, "
          "device.path=/dev/video3, "
          "device.bus_path=pci-0000:00:14.0-usb-0:2:1.0"));
  devices = g_list_append (devices, testDevice ("Test Webcam Mic",
          "Audio/Source", TEST_AUDIO_CAPS, "p, device.api=pulse, "
          "device.bus_path=pci-0000:00:14.0-usb-0:2:1.2, "
          "object.path=pulse:webcam-mic"));
  devices = g_list_append (devices, testDevice ("Test Monitor of Speakers",
          "Audio/Source", TEST_AUDIO_CAPS, "p, device.api=pulse, "
          "device.class=monitor, object.path=pulse:speakers.monitor"));
  devices = g_list_append (devices, testDevice ("Test Built-in Mic",
          "Audio/Source", TEST_AUDIO_CAPS, "p, device.api=pulse, "
          "is-default=true, object.path=pulse:builtin"));
  devices = g_list_append (devices, testDevice ("Test Twin", "Video/Source",
          TEST_VIDEO_CAPS, "p"));
  devices = g_list_append (devices, testDevice ("Test Twin", "Video/Source",
          TEST_VIDEO_CAPS, "p"));
  return devices;
}

void
test_provider_init (TestProvider * self)
{
  (void) self;
}

void
test_provider_class_init (TestProviderClass * klass)
{
  GstDeviceProviderClass *provider_class = GST_DEVICE_PROVIDER_CLASS (klass);
  provider_class->probe = test_provider_probe;
  gst_device_provider_class_set_static_metadata (provider_class,
      "Test provider", "Source/Video/Audio", "Test devices", "tests");
}

}  // namespace

GST_START_TEST (test_fake_order_and_content)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  auto devices = enumerate ();
  /* Microphones first, the default one first; then the camera. */
  expectLabels (devices, { "Internal Microphone", "USB Headset Microphone",
          "Integrated Camera" });
  fail_unless (devices[0].isDefault);
  fail_if (devices[1].isDefault);
  fail_unless (devices[2].isDefault);

  auto profile = loadFakeDevices ("laptop");
  fail_unless (profile.ok ());
  const DeviceDescription &camera = devices[2].description;
  const DeviceDescription &expected = (*profile)[0];
  fail_unless (camera.deviceId == expected.deviceId);
  fail_unless (camera.groupId == expected.groupId);
  fail_unless_equals_int (camera.videoModes.size (),
      expected.videoModes.size ());
  /* What caps cannot carry comes from the profile. */
  fail_unless (camera.facingMode && *camera.facingMode == "user");
  fail_unless_equals_int (camera.numericControls.size (),
      expected.numericControls.size ());
  fail_unless (devices[0].description.processing.echoCancellation);
  /* The laptop's camera and microphone are one machine. */
  fail_unless (camera.groupId == devices[0].description.groupId);
  fail_unless (camera.groupId != devices[1].description.groupId);

  ObjectPtr<GstElement> source (GST_ELEMENT (gst_object_ref_sink
          (devices[1].createSource ("mic"))));
  fail_unless (source != nullptr);
  GCharPtr id;
  g_object_get (source.get (), "device-id", &id, nullptr);
  fail_unless_equals_string (id.get (),
      devices[1].description.deviceId.c_str ());
}
GST_END_TEST;

GST_START_TEST (test_only_the_kinds_asked)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  DeviceKinds video;
  video.audio = false;
  expectLabels (enumerate (video), { "Integrated Camera" });
  DeviceKinds audio;
  audio.video = false;
  expectLabels (enumerate (audio), { "Internal Microphone",
          "USB Headset Microphone" });
  DeviceKinds none;
  none.video = none.audio = false;
  fail_unless (enumerate (none).empty ());
}
GST_END_TEST;

GST_START_TEST (test_ids_stable_and_distinct)
{
  g_setenv (kFakeDevicesEnv, "phone", TRUE);
  auto runA = enumerate ();
  auto runB = enumerate ();
  fail_unless_equals_int (runA.size (), runB.size ());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < runA.size (); i++) {
    fail_unless (runA[i].description.deviceId ==
        runB[i].description.deviceId);
    ids.insert (runA[i].description.deviceId);
  }
  fail_unless_equals_int (ids.size (), runA.size ());
}
GST_END_TEST;

GST_START_TEST (test_no_fake_devices_without_the_variable)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  std::set<std::string> fakeIds;
  for (const MediaDevice & device : enumerate ())
    fakeIds.insert (device.description.deviceId);
  g_unsetenv (kFakeDevicesEnv);
  /* Whatever real devices the machine has, none of them is fake. */
  for (const MediaDevice & device : enumerate ()) {
    fail_if (fakeIds.count (device.description.deviceId) > 0);
    StructurePtr props (gst_device_get_properties (device.device.get ()));
    fail_if (g_strcmp0 (gst_structure_get_string (props.get (),
                "device.api"), "fake") == 0);
  }
}
GST_END_TEST;

GST_START_TEST (test_broken_profile)
{
  g_setenv (kFakeDevicesEnv, "no-such-profile-or-file.json", TRUE);
  auto devices = enumerateDevices ();
  fail_if (devices.ok ());
  fail_unless (devices.error ().name == ErrorName::NotFoundError);
  g_unsetenv (kFakeDevicesEnv);
}
GST_END_TEST;

/* deviceId keys do not use what changes across reboots (/dev/videoN, ALSA
 * card numbers); groups are the physical (USB) device. */
GST_START_TEST (test_stable_keys)
{
  auto cameraA = structure ("p, device.api=v4l2, device.path=/dev/video0, "
      "device.bus_path=pci-0000:00:14.0-usb-0:2:1.0, "
      "sysfs.path=/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/"
      "video4linux/video0");
  auto cameraB = structure ("p, device.api=v4l2, device.path=/dev/video2, "
      "device.bus_path=pci-0000:00:14.0-usb-0:2:1.0, "
      "sysfs.path=/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/"
      "video4linux/video2");
  const std::string keyA = stableDeviceKey (cameraA.get (), "", "Cam");
  fail_unless (keyA == stableDeviceKey (cameraB.get (), "", "Cam"));
  fail_unless (keyA.find ("/dev/video") == std::string::npos);

  /* The webcam's microphone (interface 2 of the same USB device), seen by
   * pulse with udev's path: the same group, another device. */
  auto mic = structure ("p, device.api=alsa, device.bus_path="
      "pci-0000:00:14.0-usb-0:2:1.2");
  const std::string micKey = stableDeviceKey (mic.get (),
      "alsa_input.usb-Webcam-02.analog-stereo", "Webcam Mic");
  fail_unless (micKey != keyA);
  fail_unless (stableGroupKey (mic.get (), micKey) ==
      stableGroupKey (cameraA.get (), keyA));
  /* Another port, another group. */
  auto other = structure ("p, device.api=v4l2, "
      "device.bus_path=pci-0000:00:14.0-usb-0:3:1.0");
  fail_unless (stableGroupKey (other.get (), "x") !=
      stableGroupKey (cameraA.get (), keyA));

  /* Only sysfs known: the USB device above the interface. */
  auto sysfsOnly = structure ("p, device.api=v4l2, device.path=/dev/video0, "
      "sysfs.path=/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/"
      "video4linux/video0");
  fail_unless (stableGroupKey (sysfsOnly.get (), "x") ==
      "sysfs=/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2");

  /* ALSA: the card id and the PCM, not the card number. */
  auto alsa0 = structure ("p, device.api=alsa, device.class=sound, "
      "alsa.card=(int)0, alsa.id=PCH, alsa.card_name=\"HDA Intel PCH\"");
  auto alsa1 = structure ("p, device.api=alsa, device.class=sound, "
      "alsa.card=(int)1, alsa.id=PCH, alsa.card_name=\"HDA Intel PCH\"");
  const std::string alsaKey = stableDeviceKey (alsa0.get (), "hw:0,0", "");
  fail_unless (alsaKey == "alsa:card=PCH,pcm=0", "%s", alsaKey.c_str ());
  fail_unless (alsaKey == stableDeviceKey (alsa1.get (), "hw:1,0", ""));
  fail_unless (alsaKey != stableDeviceKey (alsa0.get (), "hw:0,2", ""));
  fail_unless (stableGroupKey (alsa0.get (), alsaKey) ==
      stableGroupKey (alsa1.get (), "y"));

  /* PipeWire: the node name. */
  auto node = structure ("p, device.api=v4l2, node.name="
      "v4l2_input.pci-0000_00_14.0-usb-0_2_1.0, object.path=v4l2:/dev/video0");
  fail_unless (stableDeviceKey (node.get (), "", "") ==
      "node.name=v4l2_input.pci-0000_00_14.0-usb-0_2_1.0");

  /* Nothing known: the label, and a group of its own. */
  auto bare = structure ("p");
  fail_unless (stableDeviceKey (bare.get (), "", "Cam") == "name=Cam");
  fail_unless (stableGroupKey (bare.get (), "name=Cam") ==
      "device:name=Cam");
}
GST_END_TEST;

/* Real devices: default first, monitors of outputs left out, shared groups
 * from the USB device, distinct ids for devices known only by a name. */
GST_START_TEST (test_real_devices)
{
  g_unsetenv (kFakeDevicesEnv);
  fail_unless (gst_device_provider_register (nullptr, "testdeviceprovider",
          GST_RANK_MARGINAL, test_provider_get_type ()));
  MediaDevices devices;
  for (MediaDevice & device : enumerate ()) {
    if (device.description.label.rfind ("Test ", 0) == 0)
      devices.push_back (device);
  }
  expectLabels (devices, { "Test Built-in Mic", "Test Webcam Mic",
          "Test Webcam", "Test Twin", "Test Twin" });
  fail_unless (devices[0].isDefault);
  const DeviceDescription &webcam = devices[2].description;
  const DeviceDescription &webcamMic = devices[1].description;
  fail_unless (webcam.groupId == webcamMic.groupId);
  fail_unless (webcam.groupId != devices[0].description.groupId);
  fail_unless_equals_int (webcam.videoModes.size (), 1);
  fail_unless_equals_int (webcamMic.audioModes.size (), 1);
  std::set<std::string> ids;
  for (const MediaDevice & device : devices)
    ids.insert (device.description.deviceId);
  fail_unless_equals_int (ids.size (), devices.size ());
  /* The same again: the ids are stable. */
  MediaDevices again;
  for (MediaDevice & device : enumerate ()) {
    if (device.description.label.rfind ("Test ", 0) == 0)
      again.push_back (device);
  }
  fail_unless_equals_int (again.size (), devices.size ());
  for (std::size_t i = 0; i < devices.size (); i++)
    fail_unless (again[i].description.deviceId ==
        devices[i].description.deviceId);
}
GST_END_TEST;

/* devicechange: plugging and unplugging through the fake provider's
 * profile reaches the watch's callback with the new list. */
GST_START_TEST (test_device_watch)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  std::mutex lock;
  std::vector<Labels> changes;
  auto watch = DeviceWatch::start (DeviceKinds (),
      [&lock, &changes] (const MediaDevices & devices) {
        std::lock_guard<std::mutex> guard (lock);
        changes.push_back (labels (devices));
      });
  fail_unless (watch.ok ());
  expectLabels ((*watch)->devices (), { "Internal Microphone",
          "USB Headset Microphone", "Integrated Camera" });
  fail_unless (changes.empty ());

  ObjectPtr<GstDeviceProvider> provider
      (gst_device_provider_factory_get_by_name
      ("mediastreamfakedeviceprovider"));
  fail_unless (provider != nullptr);
  g_object_set (provider.get (), "profile", "chromium", nullptr);
  {
    std::lock_guard<std::mutex> guard (lock);
    fail_if (changes.empty ());
    const Labels expected = { "Fake Microphone", "Fake Camera" };
    fail_unless (changes.back () == expected);
  }
  expectLabels ((*watch)->devices (), { "Fake Microphone", "Fake Camera" });

  const std::size_t before = changes.size ();
  g_object_set (provider.get (), "profile", nullptr, nullptr);
  {
    std::lock_guard<std::mutex> guard (lock);
    fail_unless (changes.size () > before);
    const Labels expected = { "Internal Microphone",
      "USB Headset Microphone", "Integrated Camera"
    };
    fail_unless (changes.back () == expected);
  }
  provider.reset ();
  watch->reset ();
}
GST_END_TEST;

GST_START_TEST (test_device_watch_one_kind)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  DeviceKinds video;
  video.audio = false;
  Labels last;
  auto watch = DeviceWatch::start (video,
      [&last] (const MediaDevices & devices) {
        last = labels (devices);
      });
  fail_unless (watch.ok ());
  expectLabels ((*watch)->devices (), { "Integrated Camera" });
  ObjectPtr<GstDeviceProvider> provider
      (gst_device_provider_factory_get_by_name
      ("mediastreamfakedeviceprovider"));
  g_object_set (provider.get (), "profile", "phone", nullptr);
  fail_unless_equals_int (last.size (), 2);
  for (const MediaDevice & device : (*watch)->devices ())
    fail_unless (device.description.kind == Kind::Video);
  g_object_set (provider.get (), "profile", nullptr, nullptr);
}
GST_END_TEST;

static Suite *
media_devices_suite (void)
{
  Suite *s = suite_create ("media-devices");
  TCase *tc = tcase_create ("general");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_fake_order_and_content);
  tcase_add_test (tc, test_only_the_kinds_asked);
  tcase_add_test (tc, test_ids_stable_and_distinct);
  tcase_add_test (tc, test_no_fake_devices_without_the_variable);
  tcase_add_test (tc, test_broken_profile);
  tcase_add_test (tc, test_stable_keys);
  tcase_add_test (tc, test_real_devices);
  tcase_add_test (tc, test_device_watch);
  tcase_add_test (tc, test_device_watch_one_kind);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (media_devices);
