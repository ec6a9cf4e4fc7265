/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A sysfs tree built by a test, for the code that reads the kernel's device
 * hierarchy (sysfs-device.h, device-keys.h). Include it before
 * check-main.h (see scratch-dir.h). */

#pragma once

#include "scratch-dir.h"

#include <filesystem>
#include <string>

/* A sysfs tree of the shapes that matter, built from directories and
 * links as the kernel lays them out. */
class FakeSysfs {
public:
  /* A device directory on a bus, with a uevent. */
  void device (const std::string &path, const std::string &bus,
      const std::string &uevent = "") {
    dir_.write ("devices/" + path + "/uevent", uevent);
    const Path at = dir_.path () / "devices" / path;
    std::filesystem::create_directories (dir_.path () / "bus" / bus);
    link (dir_.path () / "bus" / bus, at / "subsystem");
  }

  /* A class device (sound/card1) of the device at path: the class entry
   * links to it, and its device link points back up. */
  void classDevice (const std::string &path, const std::string &cls,
      const std::string &name) {
    const Path own = dir_.path () / "devices" / path / cls / name;
    std::filesystem::create_directories (own);
    link (dir_.path () / "devices" / path, own / "device");
    std::filesystem::create_directories (dir_.path () / "class" / cls);
    link (own, dir_.path () / "class" / cls / name);
  }

  /* An attribute file of a class device ("video4linux/video0", "index"). */
  void attribute (const std::string &classDevice, const std::string &name,
      const std::string &value) {
    dir_.write ("class/" + classDevice + "/" + name, value + "\n");
  }

  /* The dev/char/MAJOR:MINOR entry of a class device. */
  void charDevice (const std::string &number, const std::string &classDevice) {
    std::filesystem::create_directories (dir_.path () / "dev" / "char");
    link (std::filesystem::canonical (dir_.path () / "class" / classDevice),
        dir_.path () / "dev" / "char" / number);
  }

  /* A USB webcam on port 4 of a PCI xHCI controller: its video node
   * (video0, index 0) on interface 0, its microphone's sound card (card1)
   * on interface 3. Returns the USB device's path below devices/. */
  std::string usbWebcam () {
    const std::string xhci = "pci0000:00/0000:00:14.0";
    const std::string webcam = xhci + "/usb1/1-4";
    device (xhci, "pci");
    device (xhci + "/usb1", "usb", "DEVTYPE=usb_device\n");
    device (webcam, "usb", "MAJOR=189\nDEVTYPE=usb_device\n");
    device (webcam + "/1-4:1.0", "usb", "DEVTYPE=usb_interface\n");
    device (webcam + "/1-4:1.3", "usb", "DEVTYPE=usb_interface\n");
    classDevice (webcam + "/1-4:1.0", "video4linux", "video0");
    classDevice (webcam + "/1-4:1.3", "sound", "card1");
    attribute ("video4linux/video0", "index", "0");
    return webcam;
  }

  std::string root () const { return dir_.path ().string (); }
  std::string devicePath (const std::string &path) const {
    return std::filesystem::canonical (dir_.path () / "devices" /
        path).string ();
  }

private:
  using Path = std::filesystem::path;

  /* A relative link, as sysfs has. */
  static void link (const Path &target, const Path &at) {
    std::filesystem::create_symlink (std::filesystem::relative (target,
            at.parent_path ()), at);
  }

  ScratchDir dir_;
};
