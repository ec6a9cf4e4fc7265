/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "sysfs-device.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace fs = std::filesystem;

namespace mediastream::sysfs {

namespace {

/* The bus a device directory is on ("usb", "pci", "platform"), from its
 * subsystem link; empty for directories that are not devices. */
std::string
subsystemOf (const fs::path &device)
{
  std::error_code ec;
  const fs::path target = fs::read_symlink (device / "subsystem", ec);
  return ec ? std::string () : target.filename ().string ();
}

/* A USB device and its interfaces share the "usb" subsystem; uevent says
 * which one a directory is. */
bool
isUsbDevice (const fs::path &device)
{
  std::ifstream uevent (device / "uevent");
  std::string line;
  while (std::getline (uevent, line)) {
    if (line == "DEVTYPE=usb_device")
      return true;
  }
  return false;
}

}  // namespace

std::optional<std::string>
physicalDevice (const std::string &classDevice)
{
  const std::optional<std::string> found = deviceOf (classDevice);
  if (!found)
    return std::nullopt;
  const fs::path device (*found);

  /* The nearest USB device or PCI function at or above the device. Every
   * level of a device tree has a subsystem link; the walk ends at the bus
   * roots (/sys/devices/pci0000:00, /sys/devices/platform) which do not. */
  for (fs::path at = device; at.has_relative_path (); at = at.parent_path ()) {
    const std::string subsystem = subsystemOf (at);
    if (subsystem.empty ())
      break;
    if ((subsystem == "usb" && isUsbDevice (at)) || subsystem == "pci")
      return at.string ();
  }
  return device.string ();
}

std::optional<std::string>
deviceOf (const std::string &classDevice)
{
  std::error_code ec;
  const fs::path device = fs::canonical (fs::path (classDevice) / "device", ec);
  if (ec)
    return std::nullopt;
  return device.string ();
}

std::optional<std::string>
classDeviceOfNode (const std::string &node, const std::string &sysfsRoot)
{
  struct stat st;
  if (stat (node.c_str (), &st) != 0 || !S_ISCHR (st.st_mode))
    return std::nullopt;
  const fs::path link = fs::path (sysfsRoot) / "dev" / "char" /
      (std::to_string (major (st.st_rdev)) + ":" +
      std::to_string (minor (st.st_rdev)));
  std::error_code ec;
  const fs::path resolved = fs::canonical (link, ec);
  if (ec)
    return std::nullopt;
  return resolved.string ();
}

std::optional<std::string>
attribute (const std::string &directory, const std::string &name)
{
  std::ifstream file (fs::path (directory) / name);
  if (!file)
    return std::nullopt;
  std::string text ((std::istreambuf_iterator<char> (file)),
      std::istreambuf_iterator<char> ());
  if (file.bad ())
    return std::nullopt;
  while (!text.empty () && (text.back () == '\n' || text.back () == ' '))
    text.pop_back ();
  return text;
}

}  // namespace mediastream::sysfs
