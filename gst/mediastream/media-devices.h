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
 * set, the fake provider's only), described with what the drivers tell
 * (hardware-devices.h), plus the capture PCMs of the ALSA configuration, as
 * engine DeviceDescriptions with stable deviceIds and groupIds
 * (device-keys.h); a lookup by deviceId; camera controls; and a watch that
 * reports each change of the list (the `devicechange` event). */

#pragma once

#include "device-keys.h"
#include "device.h"
#include "error.h"
#include "gst-ptr.h"
#include "settings.h"

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
  /* Audio outputs (MediaDeviceInfo kind "audiooutput", GstDevices of class
   * Audio/Sink): listed for an application to show or to pick a sink by,
   * never captured from, so only when asked for. */
  bool audioOutput = false;
};

/* One enumerated device: what the engine selects on, and the GstDevice
 * that creates its source. An audio output has an audio description with
 * its label and ids only. */
struct MediaDevice {
  DeviceDescription description;
  std::shared_ptr<GstDevice> device;
  bool isDefault = false;
  bool output = false;

  /* A new source element for the device (floating), or null (always for
   * an output). */
  GstElement *createSource (const char *name = nullptr) const;
};

/* MediaDeviceInfo.kind: "audioinput", "videoinput" or "audiooutput". */
const char *mediaDeviceKind (const MediaDevice &device);

using MediaDevices = std::vector<MediaDevice>;

/* The devices in enumerateDevices() order: microphones, then cameras, then
 * audio outputs, the default device of each kind first and the others in
 * the order their providers found them, the ALSA configuration's PCMs
 * after the cards. A
 * broken fake profile is a TypeError, and fake devices asked for without
 * the mediastream plugin a NotFoundError.
 *
 * The ALSA configuration's PCMs are listed where GStreamer's alsa provider
 * is in use (alsasrc installed, and not hidden by a sound server's provider,
 * through which the same microphones are listed). */
Result<MediaDevices> enumerateDevices (DeviceKinds kinds = DeviceKinds ());

/* The descriptions of the capture devices, what getUserMedia() chooses
 * among (outputs left out). */
std::vector<DeviceDescription> descriptionsOf (const MediaDevices &devices);

/* The device of that kind with that deviceId, enumerated afresh: a
 * NotFoundError when it is not connected (any more). */
Result<MediaDevice> findDevice (const std::string &deviceId, Kind kind);

/* A GstDevice from a monitor of one's own, described the way
 * enumerateDevices() describes it; nullopt for what it would leave out (not
 * a camera or microphone, a sound server's monitor of an output, a fake
 * device of a profile that is gone). Devices known by the same key get
 * distinct ids only within one enumeration. */
std::optional<MediaDevice> describeGstDevice (GstDevice *device);

/* A camera's current Image Capture settings (focusMode, brightness, zoom,
 * torch...) as the driver reports them now, and applying some of them
 * (the other members of `settings` are ignored): the values read back. Both
 * open the camera on a descriptor of their own, so they work while a
 * source streams. Errors as v4l2::Camera::apply (OverconstrainedError
 * naming the property for a value the camera refuses). A fake camera
 * reads as no values and takes any value (it has no image to apply it
 * to). A device whose controls the system cannot reach (sound devices,
 * cameras without ext/v4l2) reads as no values, and refuses any value with
 * an OverconstrainedError naming it. */
Result<Settings> readCameraSettings (const MediaDevice &device);
Result<Settings> applyCameraSettings (const MediaDevice &device,
    const Settings &settings);

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

}  // namespace mediastream
