/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* ext/sysfs on sysfs trees built by the tests: the physical device behind
 * a class device, a node's class device found by its device number, and
 * attributes. The real sysfs is the VM tier's. */

#include "fake-sysfs.h"

#include "check-main.h"

#include "sysfs-device.h"

#include <sys/stat.h>
#include <unistd.h>

using namespace mediastream;

namespace {

/* A USB webcam: its video node on interface 0, its microphone's card on
 * interface 3; and a virtual camera on a platform device. */
struct Machine {
  FakeSysfs sysfs;
  const std::string webcam = sysfs.usbWebcam ();

  Machine () {
    sysfs.device ("platform/vivid.0", "platform");
    sysfs.classDevice ("platform/vivid.0", "video4linux", "video2");
  }

  std::string classPath (const std::string &name) const {
    return sysfs.root () + "/class/" + name;
  }
};

}  // namespace

GST_START_TEST (test_physical_device)
{
  Machine m;
  const std::string usbDevice = m.sysfs.devicePath (m.webcam);
  auto camera = sysfs::physicalDevice (m.classPath ("video4linux/video0"));
  auto mic = sysfs::physicalDevice (m.classPath ("sound/card1"));
  fail_unless (camera && mic);
  fail_unless_equals_string (camera->c_str (), usbDevice.c_str ());
  fail_unless_equals_string (mic->c_str (), usbDevice.c_str ());

  auto virtualCamera = sysfs::physicalDevice (m.classPath
      ("video4linux/video2"));
  const std::string platformDevice = m.sysfs.devicePath ("platform/vivid.0");
  fail_unless (virtualCamera.has_value ());
  fail_unless_equals_string (virtualCamera->c_str (), platformDevice.c_str ());
  fail_if (sysfs::physicalDevice (m.classPath ("video4linux/video9")));
}

GST_END_TEST;

GST_START_TEST (test_device_of_class_device)
{
  Machine m;
  auto camera = sysfs::deviceOf (m.classPath ("video4linux/video0"));
  /* The interface, not the USB device: the node's own device. */
  const std::string interface = m.sysfs.devicePath (m.webcam + "/1-4:1.0");
  fail_unless (camera.has_value ());
  fail_unless_equals_string (camera->c_str (), interface.c_str ());
  fail_if (sysfs::deviceOf (m.classPath ("video4linux/video9")));
}

GST_END_TEST;

/* /dev/null stands in for a camera's node: any character device is found
 * through its number, whatever it is called. */
GST_START_TEST (test_class_device_of_node)
{
  Machine m;
  struct stat st;
  fail_unless (stat ("/dev/null", &st) == 0 && S_ISCHR (st.st_mode));
  m.sysfs.charDevice ("1:3", "video4linux/video0");
  const std::string expected =
      m.sysfs.devicePath (m.webcam + "/1-4:1.0/video4linux/video0");

  auto byPath = sysfs::classDeviceOfNode ("/dev/null", m.sysfs.root ());
  fail_unless (byPath.has_value ());
  fail_unless_equals_string (byPath->c_str (), expected.c_str ());

  /* Another name for the same node (udev's /dev/v4l/by-id links). */
  ScratchDir links;
  const std::string alias = (links.path () / "usb-Webcam-video-index0")
      .string ();
  fail_unless (symlink ("/dev/null", alias.c_str ()) == 0);
  auto byAlias = sysfs::classDeviceOfNode (alias, m.sysfs.root ());
  fail_unless (byAlias.has_value ());
  fail_unless_equals_string (byAlias->c_str (), expected.c_str ());

  /* Not a character device, not there, or unknown to sysfs. */
  links.write ("plain", "");
  fail_if (sysfs::classDeviceOfNode ((links.path () / "plain").string (),
          m.sysfs.root ()));
  fail_if (sysfs::classDeviceOfNode ("/dev/no-such-node", m.sysfs.root ()));
  fail_if (sysfs::classDeviceOfNode ("/dev/zero", m.sysfs.root ()));
}

GST_END_TEST;

GST_START_TEST (test_attribute)
{
  Machine m;
  auto index = sysfs::attribute (m.classPath ("video4linux/video0"), "index");
  fail_unless (index.has_value ());
  fail_unless_equals_string (index->c_str (), "0");
  fail_if (sysfs::attribute (m.classPath ("video4linux/video0"), "name"));
}

GST_END_TEST;

static Suite *
sysfs_device_suite (void)
{
  Suite *s = suite_create ("sysfs-device");
  TCase *tc = tcase_create ("general");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_physical_device);
  tcase_add_test (tc, test_device_of_class_device);
  tcase_add_test (tc, test_class_device_of_node);
  tcase_add_test (tc, test_attribute);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (sysfs_device);
