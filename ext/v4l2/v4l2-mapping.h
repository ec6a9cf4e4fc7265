/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The pure half of ext/v4l2: what V4L2's enumerations and controls mean in
 * the engine's terms. Everything here works on plain data (the structs the
 * ioctls fill, copied out), so it is tested without a device; v4l2-camera.h
 * is the thin layer that makes the ioctls.
 *
 * Units. Image Capture and V4L2 agree on most of them, so most values pass
 * through unchanged:
 *   exposureTime          100 us units on both sides (the Image Capture
 *                         spec: "a value of 1.0 means an exposure time of
 *                         1/10000th of a second"; V4L2_CID_EXPOSURE_ABSOLUTE
 *                         "should be interpreted as 100 us units")
 *   pan, tilt             arc seconds on both sides, same signs (positive
 *                         pans clockwise seen from above, tilts up)
 *   colorTemperature      kelvin on both sides
 *   exposureCompensation  EV; V4L2_CID_AUTO_EXPOSURE_BIAS counts 0.001 EV,
 *                         so it is the one value that is scaled (x 0.001)
 *   zoom, focusDistance   the driver's own units: V4L2 leaves the zoom and
 *                         focus units to the driver (the spec's zoom ratio
 *                         and focus distance in metres cannot be derived),
 *                         so the range is reported as the driver gives it;
 *                         V4L2 focus grows towards the camera, the spec's
 *                         distance away from it
 *   iso, brightness, contrast, saturation, sharpness
 *                         the driver's numbers, unchanged */

#pragma once

#include "device.h"
#include "error.h"
#include "property.h"
#include "settings.h"

#include <linux/videodev2.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mediastream::v4l2 {

/* --- Pixel formats, frame sizes and frame intervals --- */

/* A V4L2 pixel format as v4l2src (GStreamer 1.22) names it in its caps:
 * the media type and the values of the "format" field (none for image/jpeg
 * and the codecs). Two names for the deprecated RGB32 / BGR32, whose alpha
 * byte V4L2 leaves undefined: v4l2src offers both the x and the A variant. */
struct FormatName {
  std::string mediaType;
  std::vector<std::string> formats;
};

/* The name of a fourcc, or nullopt for the formats v4l2src cannot capture
 * (it would not open a mode in them) and for codec formats that caps would
 * need more fields than a VideoMode has to describe (H.264 without start
 * codes, MPEG transport streams, DV, vendor formats). */
std::optional<FormatName> formatName (std::uint32_t fourcc);

/* The four characters of a fourcc, for messages ("YUYV", "Y16 "). Bytes
 * outside printable ASCII are written as '?'. */
std::string fourccString (std::uint32_t fourcc);

/* A frame rate from a frame interval (seconds per frame): the fraction
 * inverted and reduced. nullopt for an interval with a zero term. Terms
 * above INT_MAX are scaled down together, keeping the rate approximately. */
std::optional<Fraction> frameRateOfInterval (const v4l2_fract &interval);

/* One frame size of a pixel format as VIDIOC_ENUM_FRAMESIZES returned it,
 * with the frame intervals VIDIOC_ENUM_FRAMEINTERVALS returned at that size
 * (at the largest size of a stepwise or continuous range: the rates every
 * size of the range can deliver, since larger frames are never faster). */
struct FrameSize {
  v4l2_frmsizeenum size {};
  std::vector<v4l2_frmivalenum> intervals;
};

struct PixelFormat {
  v4l2_fmtdesc description {};
  std::vector<FrameSize> sizes;
};

/* How far a driver's enumerations are followed. A broken driver that never
 * ends a list, or a stepwise range listed one entry at a time, must not make
 * a device listing hang or take gigabytes. */
inline constexpr std::size_t kMaxPixelFormats = 256;
inline constexpr std::size_t kMaxFrameSizes = 512;
inline constexpr std::size_t kMaxFrameIntervals = 256;
/* All entries of one enumeration together: the limits above multiply, and
 * a driver that never ends its lists would reach 33 million ioctls. A real
 * camera lists a few hundred entries, vivid (89 formats) about 4400. */
inline constexpr std::size_t kMaxEnumerationEntries = 100000;
inline constexpr std::size_t kMaxVideoModes = 100000;

/* The native modes of a capture node: one per pixel format name, frame size
 * and discrete frame interval; a stepwise or continuous frame size becomes an
 * IntRange (with the driver's step), a stepwise or continuous interval a
 * FractionRange. Formats without a GStreamer name and formats libv4l2
 * emulates are left out, as are sizes with a zero or inverted dimension and
 * intervals with a zero term; identical modes (two fourccs with the same
 * GStreamer name) are listed once. For discrete sizes these are the modes
 * videoModesFromCaps finds in v4l2src's caps (tests/vm checks it on vivid);
 * for a size range v4l2src asks the rates at the smallest size, this code at
 * the largest (see FrameSize). A size whose intervals the driver does not
 * enumerate gets `currentInterval` (VIDIOC_G_PARM's timeperframe) when there
 * is one, and is left out otherwise: the engine cannot promise a rate nobody
 * reported. */
std::vector<VideoMode> videoModesOf (const std::vector<PixelFormat> &formats,
    std::optional<v4l2_fract> currentInterval = std::nullopt);

/* --- Controls --- */

struct MenuItem {
  std::uint32_t index = 0;
  std::int64_t value = 0;     /* an integer menu's value; the index otherwise */
  std::string name;           /* a menu's label; empty for integer menus */
};

/* One control as VIDIOC_QUERY_EXT_CTRL (or VIDIOC_QUERYCTRL), VIDIOC_QUERYMENU
 * and VIDIOC_G_EXT_CTRLS described it. */
struct Control {
  std::uint32_t id = 0;
  std::uint32_t type = 0;             /* V4L2_CTRL_TYPE_* */
  std::uint32_t flags = 0;            /* V4L2_CTRL_FLAG_* */
  std::int64_t minimum = 0;
  std::int64_t maximum = 0;
  std::uint64_t step = 0;
  std::int64_t defaultValue = 0;
  std::optional<std::int64_t> value;  /* absent for buttons, write-only */
  std::vector<MenuItem> menu;         /* the items the driver accepts */

  bool writable () const;
  bool hasMenuItem (std::int64_t index) const;
};

using ControlSet = std::map<std::uint32_t, Control>;

/* The controls this library reads: those with an Image Capture meaning. */
const std::vector<std::uint32_t> &cameraControlIds ();

/* The property a control serves, or nullopt (hue, gain, ...). Several
 * controls can serve one property: FOCUS_AUTO and AUTO_FOCUS_START are both
 * focusMode; ISO_SENSITIVITY_AUTO is the automatic side of iso. */
std::optional<Property> propertyOfControl (std::uint32_t id);

/* Image Capture value <-> V4L2 value (see Units at the top). */
double imageCaptureValue (Property property, double v4l2Value);
double v4l2ValueOf (Property property, double imageCaptureValue);

/* What a camera's controls add to its DeviceDescription. A property whose
 * controls the camera lacks is absent. */
struct CameraControls {
  std::optional<std::string> facingMode;
  std::map<Property, NumericControl> numericControls;
  std::map<Property, ModeControl> modeControls;
  std::optional<bool> torch;
};

/* Capabilities and current values from the controls:
 *  - zoom, pan, tilt, focusDistance, exposureTime, exposureCompensation,
 *    colorTemperature, iso, brightness, contrast, saturation, sharpness: a
 *    range with the driver's step (integer menus: their values' range, with
 *    a step when they are evenly spaced); a read-only control is a fixed
 *    range at its value;
 *  - focusMode (FOCUS_AUTO, AUTO_FOCUS_START, FOCUS_ABSOLUTE), exposureMode
 *    (EXPOSURE_AUTO: MANUAL is "manual", AUTO and the priority modes are
 *    "continuous"), whiteBalanceMode (AUTO_WHITE_BALANCE, DO_WHITE_BALANCE,
 *    or AUTO_N_PRESET_WHITE_BALANCE, whose presets read as "manual"): the
 *    modes listed in the order manual, single-shot, continuous; a camera
 *    that only has the manual value (FOCUS_ABSOLUTE alone...) is "manual";
 *    after a single-shot sweep the mode reads "manual" again, since V4L2
 *    keeps no record of how a fixed value was reached;
 *  - torch: FLASH_LED_MODE when its menu has TORCH;
 *  - facingMode: CAMERA_ORIENTATION front is "user", back "environment";
 *    external cameras face no particular way, so it is absent. */
CameraControls cameraControlsOf (const ControlSet &controls);

/* Copies the controls into a device description. */
void addCameraControls (const CameraControls &controls,
    DeviceDescription &device);

/* The current values as MediaTrackSettings (facingMode, the modes, the
 * numbers, torch). */
Settings settingsOf (const CameraControls &controls);

/* One control write of a settings change. Buttons (AUTO_FOCUS_START,
 * DO_WHITE_BALANCE) are written with value 1. */
struct ControlWrite {
  std::uint32_t id = 0;
  std::int64_t value = 0;
  Property property = Property::Brightness;
};

/* The writes that bring the camera to `settings` (its Image Capture values;
 * every other member is left alone), in the order a driver accepts them:
 *   1. automatic modes that turn off (EXPOSURE_AUTO to manual, FOCUS_AUTO
 *      off, ...), so the manual values that follow are not refused as
 *      inactive or overwritten by the automatic loop;
 *   2. values (zoom, brightness, exposureTime, torch, ...), rounded to the
 *      driver's step;
 *   3. automatic modes that turn on;
 *   4. single-shot triggers (AUTO_FOCUS_START, DO_WHITE_BALANCE), last so
 *      the sweep sees the final zoom, exposure and white balance.
 * Values equal to the current ones are not written. exposureTime,
 * focusDistance and colorTemperature only mean something in manual mode: one
 * that changes while its mode is automatic switches the mode to manual when
 * the settings do not name the mode, and is skipped when they name an
 * automatic mode. Changing iso turns ISO_SENSITIVITY_AUTO off.
 *
 * Errors: OverconstrainedError naming the property for a value outside the
 * control's range, a mode the camera lacks, a read-only control asked to
 * change, torch on a camera without one, or a value for a control it lacks;
 * TypeError for a value of the wrong type. */
Result<std::vector<ControlWrite>> planControlWrites (
    const ControlSet &controls, const Settings &settings);

/* The error for a write the driver refused with `err` (errno):
 * OverconstrainedError naming the property for EINVAL, ERANGE and EACCES
 * (value refused, control read-only or inactive), NotReadableError for
 * EBUSY and everything else. */
Error controlWriteError (const ControlWrite &write, int err);

/* The error for opening `path` failing with `err` (errno): NotFoundError for
 * a missing node (ENOENT, ENODEV, ENXIO, ENOTDIR, EISDIR), NotReadableError for
 * EBUSY, EACCES, EPERM and everything else, with a message that says what
 * to check. */
Error openError (const std::string &path, int err);

}  // namespace mediastream::v4l2
