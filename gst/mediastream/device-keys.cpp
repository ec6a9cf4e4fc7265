/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "device-keys.h"

#include "alsa-pcm-device.h"
#include "gst-ptr.h"
#include "sysfs-device.h"

#include <algorithm>
#include <climits>
#include <cstdlib>

namespace mediastream {

namespace {

/* The USB device of a udev ID_PATH that names one of its interfaces:
 * "pci-0000:00:14.0-usb-0:2:1.0" (the camera's interface 0) and
 * "pci-0000:00:14.0-usb-0:2:1.2" (its microphone) are both
 * "pci-0000:00:14.0-usb-0:2". Other paths name the device already. */
std::string
usbDeviceOfIdPath (const std::string &idPath)
{
  const std::size_t usb = idPath.rfind ("-usb-");
  if (usb == std::string::npos)
    return idPath;
  const std::size_t colon = idPath.rfind (':');
  if (colon == std::string::npos || colon < usb ||
      idPath.find ('.', colon) == std::string::npos)
    return idPath;
  /* "usb-0:2" has one colon after "-usb-"; the interface adds the second. */
  if (std::count (idPath.begin () + static_cast<std::ptrdiff_t> (usb),
          idPath.end (), ':') < 2)
    return idPath;
  return idPath.substr (0, colon);
}

/* The USB device of a sysfs path below it:
 * "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/video4linux/video0"
 * is "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2" (interfaces are the
 * components with a colon below a usbN bus). Not USB: the path itself. For
 * paths this machine's sysfs does not have; the ones it has are resolved
 * by sysfs::physicalDevice. */
std::string
usbDeviceOfSysfsPath (const std::string &path)
{
  const std::size_t bus = path.find ("/usb");
  if (bus == std::string::npos)
    return path;
  std::size_t start = path.find ('/', bus + 1);
  while (start != std::string::npos) {
    const std::size_t end = path.find ('/', start + 1);
    const std::string component = path.substr (start + 1,
        end == std::string::npos ? std::string::npos : end - start - 1);
    if (component.find (':') != std::string::npos)
      return path.substr (0, start);
    start = end;
  }
  return path;
}

/* The PCM device number of an ALSA "hw:C,D" name, or "". */
std::string
alsaPcmOf (const std::string &internalName)
{
  const std::size_t comma = internalName.rfind (',');
  return comma == std::string::npos ? "" : internalName.substr (comma + 1);
}

std::string
groupKeyOfPhysicalDevice (const std::string &path)
{
  return "sysfs=" + path;
}

/* udev's sysfs.path ("/sys/devices/..."; pulse leaves out the "/sys") as a
 * directory under sysfsRoot. */
std::optional<std::string>
classDeviceOfSysfsPath (const std::string &path, const std::string &sysfsRoot)
{
  if (path.rfind ("/sys/", 0) == 0)
    return sysfsRoot + path.substr (4);
  if (path.rfind ("/devices/", 0) == 0)
    return sysfsRoot + path;
  return std::nullopt;
}

}  // namespace

std::string
sha256Hex (const std::string &text)
{
  GCharPtr sum (g_compute_checksum_for_string (G_CHECKSUM_SHA256,
          text.c_str (), static_cast<gssize> (text.size ())));
  return sum.get ();
}

const char *
deviceKindName (Kind kind)
{
  return kind == Kind::Audio ? "audioinput" : "videoinput";
}

std::string
propertyText (const GstStructure * properties, const char *field)
{
  if (properties == nullptr)
    return "";
  const GValue *value = gst_structure_get_value (properties, field);
  if (value == nullptr)
    return "";
  if (G_VALUE_HOLDS_STRING (value)) {
    const gchar *text = g_value_get_string (value);
    return text ? text : "";
  }
  GCharPtr text (gst_value_serialize (value));
  return text ? text.get () : "";
}

std::optional<std::pair<int, int>>
parseHwName (const std::string &name)
{
  if (name.rfind ("hw:", 0) != 0)
    return std::nullopt;
  const char *start = name.c_str () + 3;
  char *end = nullptr;
  const long card = std::strtol (start, &end, 10);
  if (end == start || *end != ',')
    return std::nullopt;
  start = end + 1;
  const long device = std::strtol (start, &end, 10);
  if (end == start || *end != '\0' || card < 0 || card > INT_MAX
      || device < 0 || device > INT_MAX)
    return std::nullopt;
  return std::make_pair (static_cast<int> (card), static_cast<int> (device));
}

std::string
stableDeviceKey (const GstStructure * properties,
    const std::string &internalName, const std::string &label)
{
  const std::string api = propertyText (properties, "device.api");
  /* PipeWire's node names are made from udev paths and card ids. */
  const std::string node = propertyText (properties, "node.name");
  if (!node.empty ())
    return "node.name=" + node;
  if (api == "v4l2") {
    /* /dev/videoN is numbered in probe order and changes across reboots
     * and plugs; udev's ID_PATH (the bus, port and interface) and the
     * sysfs device do not. */
    for (const char *field : { "device.bus_path", "sysfs.path",
            "device.path" }) {
      const std::string value = propertyText (properties, field);
      if (!value.empty ())
        return std::string ("v4l2:") + field + "=" + value;
    }
  }
  const std::string card = propertyText (properties, "alsa.card");
  if (api == "alsa" && !card.empty ()) {
    /* Card numbers change with probe order too; the card's id string
     * ("PCH", "C920") does not. */
    std::string cardId = propertyText (properties, "alsa.id");
    if (cardId.empty ())
      cardId = propertyText (properties, "alsa.card_name");
    if (cardId.empty ())
      cardId = card;
    return "alsa:card=" + cardId + ",pcm=" + alsaPcmOf (internalName);
  }
  for (const char *field : { "object.path", "api.v4l2.path", "device.path" }) {
    const std::string value = propertyText (properties, field);
    if (!value.empty ())
      return std::string (field) + "=" + value;
  }
  /* pulse: the source name, made from the card's udev path. */
  if (!internalName.empty ())
    return "internal-name=" + api + ":" + internalName;
  return "name=" + label;
}

std::string
stableGroupKey (const GstStructure * properties, const std::string &deviceKey)
{
  for (const char *field : { "device.bus_path", "device.bus-path" }) {
    const std::string busPath = propertyText (properties, field);
    if (!busPath.empty ())
      return "bus=" + usbDeviceOfIdPath (busPath);
  }
  const std::string sysfs = propertyText (properties, "sysfs.path");
  if (!sysfs.empty ())
    return groupKeyOfPhysicalDevice (usbDeviceOfSysfsPath (sysfs));
  std::string cardId = propertyText (properties, "alsa.id");
  if (cardId.empty ())
    cardId = propertyText (properties, "alsa.card");
  if (!cardId.empty ())
    return "alsa.card=" + cardId;
  return "device:" + deviceKey;
}

std::optional<std::string>
cardGroupKey (int card, const std::string &sysfsRoot)
{
  if (card < 0)
    return std::nullopt;
  const std::optional<std::string> physical = sysfs::physicalDevice
      (sysfsRoot + "/class/sound/card" + std::to_string (card));
  if (!physical)
    return std::nullopt;
  return groupKeyOfPhysicalDevice (*physical);
}

DeviceKeys
deviceKeys (const GstStructure * properties, const std::string &internalName,
    const std::string &label, const std::string &sysfsRoot)
{
  const std::string api = propertyText (properties, "device.api");
  /* A PCM of the ALSA configuration: its name is what the user chose. (A
   * card's hw PCM that GStreamer's provider left out is keyed below, as the
   * provider's would be.) */
  const std::string configured = propertyText (properties, kAlsaPcmProperty);
  if (api == "alsa" && !configured.empty () && !parseHwName (configured)) {
    DeviceKeys keys;
    keys.device = "alsa-pcm=" + configured;
    int card = -1;
    const std::optional<std::string> group =
        gst_structure_get_int (properties, "alsa.card", &card) ?
        cardGroupKey (card, sysfsRoot) : std::nullopt;
    keys.group = group ? *group : "device:" + keys.device;
    return keys;
  }

  std::optional<std::string> classDevice;
  std::optional<std::string> device;

  const std::string nodePath = propertyText (properties, "device.path");
  const std::optional<std::pair<int, int>> hw =
      parseHwName (configured.empty ()? internalName : configured);
  if (api == "v4l2" && !nodePath.empty ()) {
    classDevice = sysfs::classDeviceOfNode (nodePath, sysfsRoot);
    /* The index tells apart the nodes of one device (a capture node and
     * its metadata node, say); the device directory, the device. */
    const std::optional<std::string> parent = classDevice ?
        sysfs::deviceOf (*classDevice) : std::nullopt;
    const std::optional<std::string> index = classDevice ?
        sysfs::attribute (*classDevice, "index") : std::nullopt;
    if (parent && index)
      device = "v4l2:sysfs=" + *parent + ",index=" + *index;
  } else if (api == "alsa" && hw) {
    classDevice = sysfsRoot + "/class/sound/card" + std::to_string (hw->first);
    const std::optional<std::string> parent = sysfs::deviceOf (*classDevice);
    if (parent)
      device = "alsa:sysfs=" + *parent + ",pcm=" + std::to_string (hw->second);
    else
      classDevice.reset ();
  }
  if (!classDevice) {
    const std::string udevPath = propertyText (properties, "sysfs.path");
    if (!udevPath.empty ())
      classDevice = classDeviceOfSysfsPath (udevPath, sysfsRoot);
  }

  DeviceKeys keys;
  keys.device = device ? *device :
      stableDeviceKey (properties, internalName, label);
  const std::optional<std::string> physical = classDevice ?
      sysfs::physicalDevice (*classDevice) : std::nullopt;
  keys.group = physical ? groupKeyOfPhysicalDevice (*physical) :
      stableGroupKey (properties, keys.device);
  return keys;
}

}  // namespace mediastream
