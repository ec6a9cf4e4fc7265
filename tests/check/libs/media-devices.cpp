/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The media-devices layer: enumerateDevices() order and content over the
 * fake provider, the stable keys of real devices (from properties, and from
 * a sysfs tree the test builds), findDevice, the devicechange message, and
 * what a source's error means. Real drivers are the VM tier's
 * (tests/vm/media-devices.cpp); the ALSA configuration's PCMs are in
 * alsa-pcm-devices.cpp.
 *
 * Every test sets GST_MEDIASTREAM_FAKE_DEVICES itself: with CK_FORK=no
 * (valgrind) the tests share one process. */

/* Before check-main.h: libcheck's fail () macro breaks the standard
 * streams. */
#include "fake-sysfs.h"
#include <nlohmann/json.hpp>

#include "check-main.h"

#include "device-change.h"
#include "fake-devices.h"
#include "gst-ptr.h"
#include "media-devices.h"
#include "source-errors.h"
#include "test-device.h"

#include <unistd.h>

#include <algorithm>
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
  return newTestDevice (label, klass, c.get (), p.get ());
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
  devices = g_list_append (devices, testDevice ("Test Webcam Speaker",
          "Audio/Sink", TEST_AUDIO_CAPS, "p, device.api=pulse, "
          "device.bus_path=pci-0000:00:14.0-usb-0:2:1.3, "
          "object.path=pulse:webcam-speaker"));
  devices = g_list_append (devices, testDevice ("Test Speakers",
          "Audio/Sink", TEST_AUDIO_CAPS, "p, device.api=pulse, "
          "is-default=true, object.path=pulse:speakers"));
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
      "Test provider", "Source/Sink/Video/Audio", "Test devices", "tests");
}

/* The real devices the test provider adds to whatever the machine has. */
MediaDevices
testProviderDevices (DeviceKinds kinds = DeviceKinds ())
{
  fail_unless (gst_device_provider_register (nullptr, "testdeviceprovider",
          GST_RANK_MARGINAL, test_provider_get_type ()));
  MediaDevices devices;
  for (MediaDevice & device : enumerate (kinds)) {
    if (device.description.label.rfind ("Test ", 0) == 0)
      devices.push_back (device);
  }
  return devices;
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
  const MediaDevices devices = testProviderDevices ();
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
  const MediaDevices again = testProviderDevices ();
  fail_unless_equals_int (again.size (), devices.size ());
  for (std::size_t i = 0; i < devices.size (); i++)
    fail_unless (again[i].description.deviceId ==
        devices[i].description.deviceId);
}
GST_END_TEST;

/* Audio outputs: listed only when asked for, after the inputs (the
 * default first), as "audiooutput", in the group of the device they are
 * part of, with an id of their own; never a source, never chosen by
 * getUserMedia(), without capabilities in the JSON. */
GST_START_TEST (test_audio_outputs)
{
  g_unsetenv (kFakeDevicesEnv);
  DeviceKinds all;
  all.audioOutput = true;
  const MediaDevices devices = testProviderDevices (all);
  expectLabels (devices, { "Test Built-in Mic", "Test Webcam Mic",
          "Test Webcam", "Test Twin", "Test Twin", "Test Speakers",
          "Test Webcam Speaker" });
  const MediaDevice &speakers = devices[5];
  const MediaDevice &webcamSpeaker = devices[6];
  fail_unless (speakers.output && webcamSpeaker.output);
  fail_if (devices[0].output);
  fail_unless (speakers.isDefault);
  fail_unless_equals_string (mediaDeviceKind (speakers), "audiooutput");
  fail_unless_equals_string (mediaDeviceKind (devices[0]), "audioinput");
  fail_unless (webcamSpeaker.description.groupId ==
      devices[2].description.groupId);
  fail_unless (speakers.description.groupId !=
      webcamSpeaker.description.groupId);
  std::set<std::string> ids;
  for (const MediaDevice & device : devices)
    ids.insert (device.description.deviceId);
  fail_unless_equals_int (ids.size (), devices.size ());
  ObjectPtr<GstElement> none (speakers.createSource ());
  fail_unless (none == nullptr);

  fail_unless_equals_int (descriptionsOf (devices).size (), 5);
  auto json = devicesJson (devices);
  fail_unless (json["devices"][5]["kind"] == "audiooutput");
  fail_unless (json["devices"][5]["label"] == "Test Speakers");
  fail_if (json["devices"][5].contains ("capabilities"));
  fail_unless (json["devices"][0].contains ("capabilities"));

  /* Not asked for: not there. */
  for (const MediaDevice & device : testProviderDevices ())
    fail_if (device.output, "%s", device.description.label.c_str ());
}
GST_END_TEST;

/* The variable unset in a process that listed fake devices: the real ones
 * are back in the next listing. */
GST_START_TEST (test_fake_devices_switched_off)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  expectLabels (enumerate (), { "Internal Microphone",
          "USB Headset Microphone", "Integrated Camera" });
  g_unsetenv (kFakeDevicesEnv);
  fail_unless_equals_int (testProviderDevices ().size (), 5);
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

/* Keys from sysfs: the node's device and index, found through its device
 * number (so any name of the node gives the same key), the card's device
 * and PCM number, and one group for the webcam's camera and microphone.
 * /dev/null stands in for the camera's node. */
GST_START_TEST (test_keys_from_sysfs)
{
  FakeSysfs sysfs;
  const std::string webcam = sysfs.usbWebcam ();
  sysfs.charDevice ("1:3", "video4linux/video0");
  const std::string interface0 = sysfs.devicePath (webcam + "/1-4:1.0");
  const std::string interface3 = sysfs.devicePath (webcam + "/1-4:1.3");
  const std::string group = "sysfs=" + sysfs.devicePath (webcam);

  auto camera = structure ("p, device.api=v4l2, device.path=/dev/null, "
      "device.bus_path=pci-0000:00:14.0-usb-0:4:1.0");
  const DeviceKeys cameraKeys = deviceKeys (camera.get (), "", "Webcam",
      sysfs.root ());
  const std::string cameraKey = "v4l2:sysfs=" + interface0 + ",index=0";
  fail_unless_equals_string (cameraKeys.device.c_str (), cameraKey.c_str ());
  fail_unless_equals_string (cameraKeys.group.c_str (), group.c_str ());

  /* The same node under another name: the same keys. */
  ScratchDir links;
  const std::string alias = (links.path () / "video7").string ();
  fail_unless (symlink ("/dev/null", alias.c_str ()) == 0);
  auto renamed = structure (("p, device.api=v4l2, device.path=" + alias)
      .c_str ());
  const DeviceKeys renamedKeys = deviceKeys (renamed.get (), "", "Webcam",
      sysfs.root ());
  fail_unless (renamedKeys.device == cameraKeys.device);
  fail_unless (renamedKeys.group == cameraKeys.group);

  /* Its microphone, from GStreamer's alsa provider. */
  auto mic = structure ("p, device.api=alsa, device.class=sound, "
      "alsa.card=(int)1, alsa.id=Webcam");
  const DeviceKeys micKeys = deviceKeys (mic.get (), "hw:1,0", "Webcam Mic",
      sysfs.root ());
  const std::string micKey = "alsa:sysfs=" + interface3 + ",pcm=0";
  fail_unless_equals_string (micKeys.device.c_str (), micKey.c_str ());
  fail_unless_equals_string (micKeys.group.c_str (), group.c_str ());
  fail_unless (cardGroupKey (1, sysfs.root ()) == group);
  fail_if (cardGroupKey (2, sysfs.root ()).has_value ());

  /* A PCM of the ALSA configuration: its name, and the group of the card
   * it opens. */
  auto configured = structure ("p, device.api=alsa, alsa.pcm=studio, "
      "alsa.card=(int)1");
  const DeviceKeys configuredKeys = deviceKeys (configured.get (), "",
      "Studio", sysfs.root ());
  fail_unless_equals_string (configuredKeys.device.c_str (),
      "alsa-pcm=studio");
  fail_unless_equals_string (configuredKeys.group.c_str (), group.c_str ());
  auto unbound = structure ("p, device.api=alsa, alsa.pcm=studio");
  const DeviceKeys unboundKeys = deviceKeys (unbound.get (), "", "Studio",
      sysfs.root ());
  fail_unless_equals_string (unboundKeys.group.c_str (),
      "device:alsa-pcm=studio");

  /* And from pulse, whose sysfs.path leaves out "/sys". */
  auto pulse = structure ("p, device.api=alsa, alsa.card=1, "
      "sysfs.path=/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.3/"
      "sound/card1");
  const DeviceKeys pulseKeys = deviceKeys (pulse.get (),
      "alsa_input.usb-Webcam-02.analog-stereo", "Webcam Mic", sysfs.root ());
  fail_unless_equals_string (pulseKeys.group.c_str (), group.c_str ());

  /* What sysfs does not know: the properties' keys. */
  auto gone = structure ("p, device.api=v4l2, device.path=/dev/no-such-node, "
      "device.bus_path=pci-0000:00:14.0-usb-0:4:1.0");
  const DeviceKeys goneKeys = deviceKeys (gone.get (), "", "Webcam",
      sysfs.root ());
  fail_unless (goneKeys.device == stableDeviceKey (gone.get (), "", "Webcam"));
  fail_unless_equals_string (goneKeys.group.c_str (),
      "bus=pci-0000:00:14.0-usb-0:4");
}
GST_END_TEST;

/* A GstDevice from elsewhere gets the same description as in a listing. */
GST_START_TEST (test_describe_gst_device)
{
  g_unsetenv (kFakeDevicesEnv);
  MediaDevices listed;
  for (MediaDevice & device : testProviderDevices ()) {
    if (device.description.label == "Test Webcam")
      listed.push_back (device);
  }
  fail_unless_equals_int (listed.size (), 1);
  auto described = describeGstDevice (listed[0].device.get ());
  fail_unless (described.has_value ());
  fail_unless (described->description.deviceId ==
      listed[0].description.deviceId);
  fail_unless (described->description.groupId ==
      listed[0].description.groupId);
  fail_unless_equals_int (described->description.videoModes.size (), 1);

  /* Left out, as in a listing: a monitor of an output. */
  ObjectPtr<GstDevice> monitor (testDevice ("Monitor", "Audio/Source",
          TEST_AUDIO_CAPS, "p, device.api=pulse, device.class=monitor"));
  fail_if (describeGstDevice (monitor.get ()).has_value ());
}
GST_END_TEST;

GST_START_TEST (test_find_device)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  const MediaDevices devices = enumerate ();
  const DeviceDescription &camera = devices[2].description;
  auto found = findDevice (camera.deviceId, Kind::Video);
  fail_unless (found.ok ());
  fail_unless_equals_string (found->description.label.c_str (),
      "Integrated Camera");
  fail_unless (found->device != nullptr);

  /* Another kind, or a device of another profile (unplugged). */
  auto wrongKind = findDevice (camera.deviceId, Kind::Audio);
  fail_if (wrongKind.ok ());
  fail_unless (wrongKind.error ().name == ErrorName::NotFoundError);
  g_setenv (kFakeDevicesEnv, "phone", TRUE);
  auto unplugged = findDevice (camera.deviceId, Kind::Video);
  fail_if (unplugged.ok ());
  fail_unless (unplugged.error ().name == ErrorName::NotFoundError);
  fail_unless (unplugged.error ().message.find (camera.deviceId) !=
      std::string::npos, "%s", unplugged.error ().message.c_str ());
}
GST_END_TEST;

/* Fake cameras have no controls the system can change. */
GST_START_TEST (test_camera_settings_without_driver)
{
  g_setenv (kFakeDevicesEnv, "phone", TRUE);
  const MediaDevices devices = enumerate ();
  const MediaDevice &back = devices.back ();
  fail_unless_equals_string (back.description.label.c_str (), "Back Camera");
  auto read = readCameraSettings (back);
  fail_unless (read.ok ());
  fail_unless (*read == Settings ());

  Settings size;
  size.set (Property::Width, 640.0);
  fail_unless (applyCameraSettings (back, size).ok ());
  /* A fake camera takes its controls' values. */
  Settings zoom;
  zoom.set (Property::Zoom, 2.0);
  auto taken = applyCameraSettings (back, zoom);
  fail_unless (taken.ok ());
  fail_unless (*taken == zoom);

  /* A camera the system cannot reach refuses them. */
  MediaDevice bare;
  bare.description.kind = Kind::Video;
  bare.description.label = "Bare";
  bare.device = std::shared_ptr<GstDevice> (testDevice ("Bare",
          "Video/Source", TEST_VIDEO_CAPS, "p"), gst_object_unref);
  auto refused = applyCameraSettings (bare, zoom);
  fail_if (refused.ok ());
  fail_unless (refused.error ().name == ErrorName::OverconstrainedError);
  fail_unless_equals_string (refused.error ().constraint.c_str (), "zoom");
}
GST_END_TEST;

/* The devicechange message carries what `devices --json` prints; an
 * element posts it from its DeviceWatch. */
GST_START_TEST (test_device_change_message)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  ObjectPtr<GstElement> pipeline (GST_ELEMENT (gst_object_ref_sink
          (gst_pipeline_new ("devices"))));
  GstElement *element = pipeline.get ();
  auto watch = DeviceWatch::start (DeviceKinds (),
      [element] (const MediaDevices & devices) {
        gst_element_post_message (element,
            newDeviceChangeMessage (GST_OBJECT (element), devices));
      });
  fail_unless (watch.ok ());

  ObjectPtr<GstDeviceProvider> provider
      (gst_device_provider_factory_get_by_name
      ("mediastreamfakedeviceprovider"));
  g_object_set (provider.get (), "profile", "chromium", nullptr);

  ObjectPtr<GstBus> bus (gst_element_get_bus (element));
  GstMessage *last = nullptr;
  while (GstMessage * m = gst_bus_pop_filtered (bus.get (),
          GST_MESSAGE_ELEMENT)) {
    if (last)
      gst_message_unref (last);
    last = m;
  }
  fail_unless (last != nullptr, "no devicechange on the bus");
  fail_unless (GST_MESSAGE_SRC (last) == GST_OBJECT (element));
  const GstStructure *s = gst_message_get_structure (last);
  fail_unless (gst_structure_has_name (s, "devicechange"));
  const gchar *text = gst_structure_get_string (s, "devices");
  fail_unless (text != nullptr);
  const auto json = nlohmann::ordered_json::parse (text, nullptr, false);
  fail_if (json.is_discarded (), "%s", text);

  const MediaDevices now = (*watch)->devices ();
  fail_unless (json == devicesJson (now), "%s", text);
  const std::string expected = devicesJsonText (now);
  fail_unless_equals_string (text, expected.c_str ());
  fail_unless_equals_int (json["devices"].size (), 2);
  fail_unless (json["devices"][1]["label"] == "Fake Camera");
  fail_unless (json["devices"][1]["kind"] == "videoinput");
  fail_unless (json["devices"][1]["deviceId"] ==
      now[1].description.deviceId);
  fail_unless (json["devices"][1]["capabilities"]["width"]["max"] == 3840);
  gst_message_unref (last);

  /* Messages left on the bus would keep the pipeline (their source)
   * alive. */
  watch->reset ();
  gst_bus_set_flushing (bus.get (), TRUE);
  g_object_set (provider.get (), "profile", nullptr, nullptr);
}
GST_END_TEST;

static Error
errorOf (const MediaDevice & device, GQuark domain, gint code,
    const char *text)
{
  GError *error = g_error_new_literal (domain, code, text);
  GstMessage *message = gst_message_new_error (nullptr, error, "details");
  g_error_free (error);
  const Error mapped = sourceError (message, device);
  gst_message_unref (message);
  return mapped;
}

static void
expectError (const Error & error, ErrorName name, const std::string &message)
{
  fail_unless (error.name == name, "%s: %s",
      std::string (errorNameString (error.name)).c_str (),
      error.message.c_str ());
  fail_unless_equals_string (error.message.c_str (), message.c_str ());
}

/* The codes that say it all, and the others, told apart by whether the
 * device is still there. */
GST_START_TEST (test_source_error_names)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  const MediaDevices devices = enumerate ();
  const MediaDevice &camera = devices[2];
  const MediaDevice &mic = devices[0];

  expectError (errorOf (camera, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_BUSY,
          "Device is busy"), ErrorName::NotReadableError,
      "the camera \"Integrated Camera\" is in use by another application");
  expectError (errorOf (mic, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_BUSY,
          "Device is busy"), ErrorName::NotReadableError,
      "the microphone \"Internal Microphone\" is in use by another "
      "application");
  expectError (errorOf (camera, GST_RESOURCE_ERROR,
          GST_RESOURCE_ERROR_NOT_AUTHORIZED, "Permission denied"),
      ErrorName::NotAllowedError,
      "the system does not allow access to the camera \"Integrated Camera\"");

  /* Still listed: it failed. */
  expectError (errorOf (camera, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_READ,
          "Could not read from resource."), ErrorName::NotReadableError,
      "the camera \"Integrated Camera\" could not be read: Could not read "
      "from resource.");
  /* No longer listed: it went away. */
  g_setenv (kFakeDevicesEnv, "chromium", TRUE);
  expectError (errorOf (camera, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_READ,
          "Could not read from resource."), ErrorName::NotFoundError,
      "the camera \"Integrated Camera\" is no longer connected");
  expectError (errorOf (mic, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
          "Internal data stream error."), ErrorName::NotFoundError,
      "the microphone \"Internal Microphone\" is no longer connected");
}
GST_END_TEST;

/* v4l2src's own errors, on nodes this machine has or has not. */
GST_START_TEST (test_source_error_from_v4l2src)
{
  g_unsetenv (kFakeDevicesEnv);
  for (const char *path : { "/dev/video-gone", "/dev/null" }) {
    ObjectPtr<GstDevice> device (testDevice ("USB Camera", "Video/Source",
            TEST_VIDEO_CAPS, (std::string ("p, device.api=v4l2, "
                    "device.path=") + path).c_str ()));
    auto camera = describeGstDevice (device.get ());
    fail_unless (camera.has_value ());

    ObjectPtr<GstElement> pipeline (GST_ELEMENT (gst_object_ref_sink
            (gst_pipeline_new (nullptr))));
    GstElement *src = gst_element_factory_make ("v4l2src", nullptr);
    GstElement *sink = gst_element_factory_make ("fakesink", nullptr);
    fail_unless (src && sink);
    g_object_set (src, "device", path, nullptr);
    gst_bin_add_many (GST_BIN (pipeline.get ()), src, sink, nullptr);
    fail_unless (gst_element_link (src, sink));
    gst_element_set_state (pipeline.get (), GST_STATE_PLAYING);
    ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline.get ()));
    GstMessage *message = gst_bus_timed_pop_filtered (bus.get (),
        30 * GST_SECOND, GST_MESSAGE_ERROR);
    fail_unless (message != nullptr, "%s: no error", path);
    const Error error = sourceError (message, *camera);
    gst_message_unref (message);
    gst_element_set_state (pipeline.get (), GST_STATE_NULL);

    if (g_str_equal (path, "/dev/video-gone")) {
      expectError (error, ErrorName::NotFoundError,
          "the camera \"USB Camera\" is no longer connected");
    } else {
      /* There, but no camera. */
      fail_unless (error.name == ErrorName::NotReadableError);
      fail_unless (error.message.rfind ("the camera \"USB Camera\" could "
              "not be read: ", 0) == 0, "%s", error.message.c_str ());
    }
  }
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
  tcase_add_test (tc, test_audio_outputs);
  tcase_add_test (tc, test_fake_devices_switched_off);
  tcase_add_test (tc, test_device_watch);
  tcase_add_test (tc, test_device_watch_one_kind);
  tcase_add_test (tc, test_keys_from_sysfs);
  tcase_add_test (tc, test_describe_gst_device);
  tcase_add_test (tc, test_find_device);
  tcase_add_test (tc, test_camera_settings_without_driver);
  tcase_add_test (tc, test_device_change_message);
  tcase_add_test (tc, test_source_error_names);
  tcase_add_test (tc, test_source_error_from_v4l2src);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (media_devices);
