/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* mediastreamfakedeviceprovider through GstDeviceMonitor: the profile's
 * devices with their classes, caps and ids, nothing without the
 * environment variable, and hot-plug through the profile property.
 *
 * The provider reads GST_MEDIASTREAM_FAKE_DEVICES at each probe, so every
 * test sets (or unsets) it first: with CK_FORK=no (valgrind) the tests
 * share one process and one provider. */

#include "check-main.h"

#include "fake-devices.h"
#include "gst-caps.h"
#include "gst-ptr.h"

#include <set>
#include <string>
#include <vector>

using namespace mediastream;

namespace {

struct DeviceListFree {
  void operator() (GList * list) const {
    g_list_free_full (list, gst_object_unref);
  }
};
using DeviceList = std::unique_ptr<GList, DeviceListFree>;

ObjectPtr<GstDeviceMonitor>
newMonitor ()
{
  ObjectPtr<GstDeviceMonitor> monitor (gst_device_monitor_new ());
  gst_device_monitor_add_filter (monitor.get (), "Video/Source", nullptr);
  gst_device_monitor_add_filter (monitor.get (), "Audio/Source", nullptr);
  return monitor;
}

/* The fake devices a fresh monitor lists, in the provider's order. */
std::vector<ObjectPtr<GstDevice>>
fakeDevices ()
{
  auto monitor = newMonitor ();
  DeviceList list (gst_device_monitor_get_devices (monitor.get ()));
  std::vector<ObjectPtr<GstDevice>> devices;
  for (GList * l = list.get (); l; l = l->next) {
    StructurePtr props (gst_device_get_properties (GST_DEVICE (l->data)));
    if (props && g_strcmp0 (gst_structure_get_string (props.get (),
                "device.api"), "fake") == 0)
      devices.emplace_back (GST_DEVICE (gst_object_ref (l->data)));
  }
  return devices;
}

std::string
property (GstDevice * device, const char *name)
{
  StructurePtr props (gst_device_get_properties (device));
  const gchar *value = gst_structure_get_string (props.get (), name);
  return value ? value : "";
}

const DeviceDescription *
describedBy (const std::vector<DeviceDescription> &descriptions,
    GstDevice * device)
{
  const std::string id = property (device, "mediastream.device-id");
  for (const DeviceDescription & d : descriptions) {
    if (d.deviceId == id)
      return &d;
  }
  return nullptr;
}

/* gst-check's string macros keep a pointer past a temporary's life. */
void
expectEqual (const std::string &actual, const std::string &expected)
{
  fail_unless (actual == expected, "\"%s\" != \"%s\"", actual.c_str (),
      expected.c_str ());
}

ObjectPtr<GstDeviceProvider>
fakeProvider ()
{
  GstDeviceProvider *provider =
      gst_device_provider_factory_get_by_name ("mediastreamfakedeviceprovider");
  fail_unless (provider != nullptr);
  return ObjectPtr<GstDeviceProvider> (provider);
}

}  // namespace

GST_START_TEST (test_nothing_without_the_variable)
{
  g_unsetenv (kFakeDevicesEnv);
  fail_unless_equals_int (fakeDevices ().size (), 0);
}
GST_END_TEST;

GST_START_TEST (test_profile_devices)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  auto descriptions = loadFakeDevices ("laptop");
  fail_unless (descriptions.ok ());
  auto devices = fakeDevices ();
  fail_unless_equals_int (devices.size (), descriptions->size ());

  std::set<std::string> seen;
  for (auto &device : devices) {
    const DeviceDescription *d = describedBy (*descriptions, device.get ());
    fail_unless (d != nullptr);
    seen.insert (d->deviceId);

    GCharPtr name (gst_device_get_display_name (device.get ()));
    fail_unless_equals_string (name.get (), d->label.c_str ());
    fail_unless (gst_device_has_classes (device.get (),
            d->kind == Kind::Video ? "Video/Source" : "Audio/Source"));
    CapsPtr caps (gst_device_get_caps (device.get ()));
    CapsPtr expected (capsForDevice (*d));
    fail_unless (gst_caps_is_equal (caps.get (), expected.get ()),
        "%" GST_PTR_FORMAT " != %" GST_PTR_FORMAT, caps.get (),
        expected.get ());
    expectEqual (property (device.get (), "mediastream.group-id"),
        d->groupId);
    expectEqual (property (device.get (), "mediastream.kind"),
        d->kind == Kind::Video ? "videoinput" : "audioinput");
    expectEqual (property (device.get (), "mediastream.facing-mode"),
        d->facingMode ? *d->facingMode : "");
    expectEqual (property (device.get (), "mediastream.profile"), "laptop");
  }
  fail_unless_equals_int (seen.size (), devices.size ());

  /* The camera and the internal microphone are one laptop; the headset is
   * its own group. */
  const DeviceDescription &camera = (*descriptions)[0];
  const DeviceDescription &internal = (*descriptions)[1];
  const DeviceDescription &headset = (*descriptions)[2];
  fail_unless (camera.groupId == internal.groupId);
  fail_unless (headset.groupId != internal.groupId);
  fail_unless (camera.facingMode && *camera.facingMode == "user");
}
GST_END_TEST;

GST_START_TEST (test_ids_stable_and_distinct)
{
  g_setenv (kFakeDevicesEnv, "usb-webcam", TRUE);
  auto runA = fakeDevices ();
  auto runB = fakeDevices ();
  fail_unless (runA.size () >= 2);
  fail_unless_equals_int (runA.size (), runB.size ());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < runA.size (); i++) {
    const std::string id = property (runA[i].get (), "mediastream.device-id");
    fail_unless_equals_int (id.size (), 64);
    expectEqual (id, property (runB[i].get (), "mediastream.device-id"));
    ids.insert (id);
  }
  fail_unless_equals_int (ids.size (), runA.size ());
  /* The webcam's camera and microphone are one device. */
  expectEqual (property (runA[0].get (), "mediastream.group-id"),
      property (runA[1].get (), "mediastream.group-id"));
}
GST_END_TEST;

GST_START_TEST (test_default_device_per_kind)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  auto devices = fakeDevices ();
  fail_unless_equals_int (devices.size (), 3);
  int defaults[2] = { 0, 0 };
  for (auto &device : devices) {
    StructurePtr props (gst_device_get_properties (device.get ()));
    gboolean isDefault = FALSE;
    fail_unless (gst_structure_get_boolean (props.get (), "is-default",
            &isDefault));
    if (isDefault)
      defaults[gst_device_has_classes (device.get (), "Video/Source")]++;
    if (isDefault && !gst_device_has_classes (device.get (), "Video/Source")) {
      GCharPtr name (gst_device_get_display_name (device.get ()));
      fail_unless_equals_string (name.get (), "Internal Microphone");
    }
  }
  fail_unless_equals_int (defaults[0], 1);
  fail_unless_equals_int (defaults[1], 1);
}
GST_END_TEST;

/* With fake devices on, the real providers are hidden from monitors. */
GST_START_TEST (test_hides_real_providers)
{
  g_setenv (kFakeDevicesEnv, "chromium", TRUE);
  auto devices = fakeDevices ();
  fail_unless_equals_int (devices.size (), 2);
  auto provider = fakeProvider ();
  GStrv hidden = gst_device_provider_get_hidden_providers (provider.get ());
  fail_unless (hidden != nullptr);
  fail_unless (g_strv_contains (hidden, "v4l2deviceprovider"));
  fail_unless (g_strv_contains (hidden, "alsadeviceprovider"));
  fail_if (g_strv_contains (hidden, "mediastreamfakedeviceprovider"));
  g_strfreev (hidden);

  /* Fake devices off again: the real providers come back. */
  g_unsetenv (kFakeDevicesEnv);
  fail_unless_equals_int (fakeDevices ().size (), 0);
  hidden = gst_device_provider_get_hidden_providers (provider.get ());
  fail_unless (hidden == nullptr || *hidden == nullptr);
  g_strfreev (hidden);
}
GST_END_TEST;

GST_START_TEST (test_create_element)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  auto devices = fakeDevices ();
  fail_unless_equals_int (devices.size (), 3);
  GstDevice *headset = devices[2].get ();
  ObjectPtr<GstElement> element (GST_ELEMENT (gst_object_ref_sink
          (gst_device_create_element (headset, "mic"))));
  fail_unless (element != nullptr);
  GstElementFactory *factory = gst_element_get_factory (element.get ());
  fail_unless_equals_string (GST_OBJECT_NAME (factory), "mediastreamfakesrc");
  GCharPtr id, profile;
  g_object_get (element.get (), "device-id", &id, "profile", &profile,
      nullptr);
  expectEqual (id.get (), property (headset, "mediastream.device-id"));
  fail_unless_equals_string (profile.get (), "laptop");

  /* The element offers exactly the device's modes. */
  fail_unless_equals_int (gst_element_set_state (element.get (),
          GST_STATE_READY), GST_STATE_CHANGE_SUCCESS);
  ObjectPtr<GstPad> pad (gst_element_get_static_pad (element.get (), "src"));
  CapsPtr caps (gst_pad_query_caps (pad.get (), nullptr));
  CapsPtr expected (gst_device_get_caps (headset));
  fail_unless (gst_caps_is_equal (caps.get (), expected.get ()));
  gst_element_set_state (element.get (), GST_STATE_NULL);
}
GST_END_TEST;

/* Hot-plug: changing the started provider's profile posts what left and
 * what arrived on a started monitor's bus. */
GST_START_TEST (test_hotplug_through_profile)
{
  g_setenv (kFakeDevicesEnv, "laptop", TRUE);
  auto monitor = newMonitor ();
  fail_unless (gst_device_monitor_start (monitor.get ()));
  ObjectPtr<GstBus> bus (gst_device_monitor_get_bus (monitor.get ()));

  /* Device messages are "extended" types, not bits of a mask: pop them
   * all and count each type. */
  int added = 0, removed = 0;
  auto drain = [&bus, &added, &removed] () {
    added = removed = 0;
    while (GstMessage *message = gst_bus_pop (bus.get ())) {
      added += GST_MESSAGE_TYPE (message) == GST_MESSAGE_DEVICE_ADDED;
      removed += GST_MESSAGE_TYPE (message) == GST_MESSAGE_DEVICE_REMOVED;
      gst_message_unref (message);
    }
  };
  drain ();
  fail_unless_equals_int (added, 3);

  auto provider = fakeProvider ();
  g_object_set (provider.get (), "profile", "chromium", nullptr);
  drain ();
  fail_unless_equals_int (removed, 3);
  fail_unless_equals_int (added, 2);
  DeviceList list (gst_device_monitor_get_devices (monitor.get ()));
  fail_unless_equals_int (g_list_length (list.get ()), 2);

  /* The same profile again changes nothing. */
  g_object_set (provider.get (), "profile", "chromium", nullptr);
  drain ();
  fail_unless_equals_int (removed, 0);
  fail_unless_equals_int (added, 0);

  /* Back to the environment's profile. */
  g_object_set (provider.get (), "profile", nullptr, nullptr);
  drain ();
  fail_unless_equals_int (removed, 2);
  fail_unless_equals_int (added, 3);
  gst_device_monitor_stop (monitor.get ());
}
GST_END_TEST;

static Suite *
fakedeviceprovider_suite (void)
{
  Suite *s = suite_create ("fakedeviceprovider");
  TCase *tc = tcase_create ("general");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_nothing_without_the_variable);
  tcase_add_test (tc, test_profile_devices);
  tcase_add_test (tc, test_ids_stable_and_distinct);
  tcase_add_test (tc, test_default_device_per_kind);
  tcase_add_test (tc, test_hides_real_providers);
  tcase_add_test (tc, test_create_element);
  tcase_add_test (tc, test_hotplug_through_profile);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (fakedeviceprovider);
