/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* enumerateDevices() over GstDeviceMonitor: the cameras and microphones
 * the installed device providers find (or, with GST_MEDIASTREAM_FAKE_DEVICES
 * set, the fake provider's only), as engine DeviceDescriptions with stable
 * deviceIds and groupIds, and a watch that reports each change of the list
 * (the `devicechange` event). */

#pragma once

#include "device.h"
#include "error.h"
#include "gst-ptr.h"

#include <gst/gst.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mediastream {

/* Which kinds to list. A caller asking for cameras only does not wait for
 * the audio providers (and the other way round). */
struct DeviceKinds {
  bool video = true;
  bool audio = true;
};

/* One enumerated device: what the engine selects on, and the GstDevice
 * that creates its source. */
struct MediaDevice {
  DeviceDescription description;
  std::shared_ptr<GstDevice> device;
  bool isDefault = false;

  /* A new source element for the device (floating), or null. */
  GstElement *createSource (const char *name = nullptr) const;
};

using MediaDevices = std::vector<MediaDevice>;

/* The devices in enumerateDevices() order: microphones, then cameras, the
 * default device of each kind first and the others in the order their
 * providers found them. A broken fake profile is a TypeError, and fake
 * devices asked for without the mediastream plugin a NotFoundError. */
Result<MediaDevices> enumerateDevices (DeviceKinds kinds = DeviceKinds ());

/* Just the descriptions, for the engine. */
std::vector<DeviceDescription> descriptionsOf (const MediaDevices &devices);

/* Reports every change of the device list (a device plugged, unplugged or
 * changed) with the new list, in enumerateDevices() order: the
 * `devicechange` event. The callback runs in the thread that noticed the
 * change (a provider's thread, or whoever changed the fake provider's
 * profile), never after the watch is destroyed. */
class DeviceWatch {
public:
  using Callback = std::function<void (const MediaDevices &devices)>;

  /* Starts a monitor for the kinds; the initial list is devices (). */
  static Result<std::unique_ptr<DeviceWatch>> start (DeviceKinds kinds,
      Callback callback);
  ~DeviceWatch ();
  DeviceWatch (const DeviceWatch &) = delete;
  DeviceWatch &operator= (const DeviceWatch &) = delete;

  MediaDevices devices () const;

  struct State;
private:
  explicit DeviceWatch (std::shared_ptr<State> state);
  /* Shared with the bus's sync handler, which may still be running in a
   * provider's thread while the watch is destroyed. */
  std::shared_ptr<State> state_;
};

/* The keys deviceId and groupId are hashed from (exposed for the tests):
 * what stays the same for one physical device across runs and reboots, and
 * what all parts of one physical device share. `internalName` is the
 * GstDevice's "internal-name" (alsa: hw:C,D; pulse: the source name). */
std::string stableDeviceKey (const GstStructure *properties,
    const std::string &internalName, const std::string &label);
std::string stableGroupKey (const GstStructure *properties,
    const std::string &deviceKey);

}  // namespace mediastream
