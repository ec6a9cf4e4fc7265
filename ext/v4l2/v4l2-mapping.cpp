/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "v4l2-mapping.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <set>
#include <sstream>
#include <system_error>
#include <tuple>

namespace mediastream::v4l2 {

namespace {

/* --- Pixel formats --- */

constexpr const char *kRaw = "video/x-raw";
constexpr const char *kBayer = "video/x-bayer";

struct FourccName {
  std::uint32_t fourcc;
  const char *mediaType;
  const char *format;         /* nullptr: the caps have no format field */
  const char *alternative;    /* a second format name, or nullptr */
};

/* The formats v4l2src 1.22 captures, under the names its caps use (checked
 * against its caps for every format vivid offers, tests/vm). Multi-planar
 * variants (...M) are the same pixels in one buffer per plane; v4l2src gives
 * them the same name. Formats missing here (VYUY, NV42, Y10, 10-bit Bayer,
 * the 4-4-4-4 and 1-5-5-5 alpha RGBs, HSV...) have no GStreamer name in
 * 1.22's v4l2src, so a mode in them could never be opened. */
constexpr FourccName kFormatNames[] = {
  { V4L2_PIX_FMT_YUYV, kRaw, "YUY2", nullptr },
  { V4L2_PIX_FMT_YVYU, kRaw, "YVYU", nullptr },
  { V4L2_PIX_FMT_UYVY, kRaw, "UYVY", nullptr },
  { V4L2_PIX_FMT_YUV422P, kRaw, "Y42B", nullptr },
  { V4L2_PIX_FMT_YUV411P, kRaw, "Y41B", nullptr },
  { V4L2_PIX_FMT_YUV420, kRaw, "I420", nullptr },
  { V4L2_PIX_FMT_YUV420M, kRaw, "I420", nullptr },
  { V4L2_PIX_FMT_YVU420, kRaw, "YV12", nullptr },
  { V4L2_PIX_FMT_YVU420M, kRaw, "YV12", nullptr },
  { V4L2_PIX_FMT_YUV410, kRaw, "YUV9", nullptr },
  { V4L2_PIX_FMT_YVU410, kRaw, "YVU9", nullptr },
  { V4L2_PIX_FMT_NV12, kRaw, "NV12", nullptr },
  { V4L2_PIX_FMT_NV12M, kRaw, "NV12", nullptr },
  { V4L2_PIX_FMT_NV12MT, kRaw, "NV12_64Z32", nullptr },
  { V4L2_PIX_FMT_NV21, kRaw, "NV21", nullptr },
  { V4L2_PIX_FMT_NV21M, kRaw, "NV21", nullptr },
  { V4L2_PIX_FMT_NV16, kRaw, "NV16", nullptr },
  { V4L2_PIX_FMT_NV16M, kRaw, "NV16", nullptr },
  { V4L2_PIX_FMT_NV61, kRaw, "NV61", nullptr },
  { V4L2_PIX_FMT_NV61M, kRaw, "NV61", nullptr },
  { V4L2_PIX_FMT_NV24, kRaw, "NV24", nullptr },
  { V4L2_PIX_FMT_GREY, kRaw, "GRAY8", nullptr },
  { V4L2_PIX_FMT_Y16, kRaw, "GRAY16_LE", nullptr },
  { V4L2_PIX_FMT_Y16_BE, kRaw, "GRAY16_BE", nullptr },
  { V4L2_PIX_FMT_RGB555, kRaw, "RGB15", nullptr },
  { V4L2_PIX_FMT_XRGB555, kRaw, "RGB15", nullptr },
  { V4L2_PIX_FMT_RGB555X, kRaw, "BGR15", nullptr },
  { V4L2_PIX_FMT_XRGB555X, kRaw, "BGR15", nullptr },
  { V4L2_PIX_FMT_RGB565, kRaw, "RGB16", nullptr },
  { V4L2_PIX_FMT_RGB24, kRaw, "RGB", nullptr },
  { V4L2_PIX_FMT_BGR24, kRaw, "BGR", nullptr },
  /* Byte order in memory: X R G B, A R G B, B G R X, ... */
  { V4L2_PIX_FMT_RGB32, kRaw, "xRGB", "ARGB" },
  { V4L2_PIX_FMT_XRGB32, kRaw, "xRGB", nullptr },
  { V4L2_PIX_FMT_ARGB32, kRaw, "ARGB", nullptr },
  { V4L2_PIX_FMT_BGR32, kRaw, "BGRx", "BGRA" },
  { V4L2_PIX_FMT_XBGR32, kRaw, "BGRx", nullptr },
  { V4L2_PIX_FMT_ABGR32, kRaw, "BGRA", nullptr },
  { V4L2_PIX_FMT_RGBX32, kRaw, "RGBx", nullptr },
  { V4L2_PIX_FMT_RGBA32, kRaw, "RGBA", nullptr },
  { V4L2_PIX_FMT_BGRX32, kRaw, "xBGR", nullptr },
  { V4L2_PIX_FMT_BGRA32, kRaw, "ABGR", nullptr },
  { V4L2_PIX_FMT_SBGGR8, kBayer, "bggr", nullptr },
  { V4L2_PIX_FMT_SGBRG8, kBayer, "gbrg", nullptr },
  { V4L2_PIX_FMT_SGRBG8, kBayer, "grbg", nullptr },
  { V4L2_PIX_FMT_SRGGB8, kBayer, "rggb", nullptr },
  { V4L2_PIX_FMT_MJPEG, "image/jpeg", nullptr, nullptr },
  { V4L2_PIX_FMT_JPEG, "image/jpeg", nullptr, nullptr },
  { V4L2_PIX_FMT_PJPG, "image/jpeg", nullptr, nullptr },
  /* v4l2src's caps add stream-format byte-stream, alignment au. */
  { V4L2_PIX_FMT_H264, "video/x-h264", nullptr, nullptr },
  { V4L2_PIX_FMT_HEVC, "video/x-h265", nullptr, nullptr },
  { V4L2_PIX_FMT_VP8, "video/x-vp8", nullptr, nullptr },
  { V4L2_PIX_FMT_VP9, "video/x-vp9", nullptr, nullptr },
};

int
clampToInt (std::uint64_t value)
{
  return value > static_cast<std::uint64_t> (INT_MAX) ? INT_MAX :
      static_cast<int> (value);
}

int
compareFractions (const Fraction &a, const Fraction &b)
{
  const std::int64_t left = static_cast<std::int64_t> (a.num) * b.den;
  const std::int64_t right = static_cast<std::int64_t> (b.num) * a.den;
  return left < right ? -1 : (left > right ? 1 : 0);
}

/* The sizes min, min + step, ... up to max as an IntRange; nullopt when
 * there is no positive size in it. The top is lowered onto the step grid
 * (and below INT_MAX) so that it is a size the driver accepts. */
std::optional<IntRange>
sizeRangeOf (std::uint32_t min, std::uint32_t max, std::uint32_t step)
{
  const std::uint64_t stride = std::max<std::uint32_t> (step, 1);
  std::uint64_t lo = min;
  if (lo == 0)
    lo = stride;
  if (max < lo || lo > static_cast<std::uint64_t> (INT_MAX))
    return std::nullopt;
  const std::uint64_t top = std::min<std::uint64_t> (max, INT_MAX);
  const std::uint64_t hi = lo + (top - lo) / stride * stride;
  if (hi == lo)
    return IntRange { clampToInt (lo), clampToInt (lo), 1 };
  return IntRange { clampToInt (lo), clampToInt (hi), clampToInt (stride) };
}

std::optional<std::pair<IntRange, IntRange>>
extentOf (const v4l2_frmsizeenum &size)
{
  switch (size.type) {
    case V4L2_FRMSIZE_TYPE_DISCRETE:{
      const auto width = sizeRangeOf (size.discrete.width, size.discrete.width,
          1);
      const auto height = sizeRangeOf (size.discrete.height,
          size.discrete.height, 1);
      /* A zero dimension is lifted to the step by sizeRangeOf; a discrete
       * size of 0 is just broken. */
      if (!width || !height || size.discrete.width == 0
          || size.discrete.height == 0)
        return std::nullopt;
      return std::make_pair (*width, *height);
    }
    case V4L2_FRMSIZE_TYPE_CONTINUOUS:
    case V4L2_FRMSIZE_TYPE_STEPWISE:{
      const v4l2_frmsize_stepwise &s = size.stepwise;
      const bool continuous = size.type == V4L2_FRMSIZE_TYPE_CONTINUOUS;
      const auto width = sizeRangeOf (s.min_width, s.max_width,
          continuous ? 1 : s.step_width);
      const auto height = sizeRangeOf (s.min_height, s.max_height,
          continuous ? 1 : s.step_height);
      if (!width || !height)
        return std::nullopt;
      return std::make_pair (*width, *height);
    }
    default:
      return std::nullopt;
  }
}

std::vector<FractionRange>
frameRatesOf (const std::vector<v4l2_frmivalenum> &intervals,
    const std::optional<v4l2_fract> &currentInterval)
{
  std::vector<FractionRange> rates;
  for (const v4l2_frmivalenum & interval : intervals) {
    if (interval.type == V4L2_FRMIVAL_TYPE_DISCRETE) {
      if (const auto rate = frameRateOfInterval (interval.discrete))
        rates.push_back ({ *rate, *rate });
    } else if (interval.type == V4L2_FRMIVAL_TYPE_CONTINUOUS
        || interval.type == V4L2_FRMIVAL_TYPE_STEPWISE) {
      /* The shortest interval is the fastest rate. GstFractionRange has no
       * step, so a stepwise interval range is offered whole, as v4l2src's
       * caps do; the driver picks its nearest interval. */
      auto fastest = frameRateOfInterval (interval.stepwise.min);
      auto slowest = frameRateOfInterval (interval.stepwise.max);
      if (!fastest)
        fastest = slowest;
      if (!slowest)
        slowest = fastest;
      if (!fastest)
        continue;
      if (compareFractions (*slowest, *fastest) > 0)
        std::swap (*slowest, *fastest);
      rates.push_back ({ *slowest, *fastest });
    }
  }
  if (rates.empty () && currentInterval) {
    if (const auto rate = frameRateOfInterval (*currentInterval))
      rates.push_back ({ *rate, *rate });
  }
  return rates;
}

using ModeKey = std::tuple<std::string, std::vector<std::string>, int, int,
    int, int, int, int, int, int, int, int>;

ModeKey
keyOf (const VideoMode &mode)
{
  return { mode.mediaType, mode.formats, mode.width.min, mode.width.max,
    mode.width.step, mode.height.min, mode.height.max, mode.height.step,
    mode.frameRate.min.num, mode.frameRate.min.den, mode.frameRate.max.num,
    mode.frameRate.max.den };
}

/* --- Controls --- */

struct NumericProperty {
  std::uint32_t id;
  Property property;
};

/* One control per numeric property. */
constexpr NumericProperty kNumericProperties[] = {
  { V4L2_CID_ZOOM_ABSOLUTE, Property::Zoom },
  { V4L2_CID_PAN_ABSOLUTE, Property::Pan },
  { V4L2_CID_TILT_ABSOLUTE, Property::Tilt },
  { V4L2_CID_FOCUS_ABSOLUTE, Property::FocusDistance },
  { V4L2_CID_EXPOSURE_ABSOLUTE, Property::ExposureTime },
  { V4L2_CID_AUTO_EXPOSURE_BIAS, Property::ExposureCompensation },
  { V4L2_CID_WHITE_BALANCE_TEMPERATURE, Property::ColorTemperature },
  { V4L2_CID_ISO_SENSITIVITY, Property::Iso },
  { V4L2_CID_BRIGHTNESS, Property::Brightness },
  { V4L2_CID_CONTRAST, Property::Contrast },
  { V4L2_CID_SATURATION, Property::Saturation },
  { V4L2_CID_SHARPNESS, Property::Sharpness },
};

/* The controls behind the modes, the torch and the facing mode. */
constexpr NumericProperty kOtherControls[] = {
  { V4L2_CID_FOCUS_AUTO, Property::FocusMode },
  { V4L2_CID_AUTO_FOCUS_START, Property::FocusMode },
  { V4L2_CID_EXPOSURE_AUTO, Property::ExposureMode },
  { V4L2_CID_AUTO_WHITE_BALANCE, Property::WhiteBalanceMode },
  { V4L2_CID_DO_WHITE_BALANCE, Property::WhiteBalanceMode },
  { V4L2_CID_AUTO_N_PRESET_WHITE_BALANCE, Property::WhiteBalanceMode },
  { V4L2_CID_ISO_SENSITIVITY_AUTO, Property::Iso },
  { V4L2_CID_FLASH_LED_MODE, Property::Torch },
  { V4L2_CID_CAMERA_ORIENTATION, Property::FacingMode },
};

constexpr const char *kManual = "manual";
constexpr const char *kSingleShot = "single-shot";
constexpr const char *kContinuous = "continuous";

const Control *
find (const ControlSet &controls, std::uint32_t id)
{
  const auto it = controls.find (id);
  if (it == controls.end () || (it->second.flags & V4L2_CTRL_FLAG_DISABLED))
    return nullptr;
  return &it->second;
}

std::int64_t
currentOf (const Control &control)
{
  return control.value.value_or (control.defaultValue);
}

std::string
nameOf (Property property)
{
  return std::string (propertyInfo (property).name);
}

std::string
numberText (double value)
{
  std::ostringstream text;
  text << std::setprecision (12) << value;
  return text.str ();
}

Error
overconstrained (Property property, std::string message)
{
  return Error { ErrorName::OverconstrainedError, nameOf (property),
    std::move (message) };
}

Error
typeError (Property property, const char *expected)
{
  return Error { ErrorName::TypeError, "",
    nameOf (property) + ": expected " + expected };
}

/* The modes in the order manual, single-shot, continuous; the current one
 * is always among them (a read-only or half-described control still has a
 * current mode). */
ModeControl
modeControlOf (bool manual, bool singleShot, bool continuous,
    const std::string &current)
{
  ModeControl control;
  const std::pair<const char *, bool> order[] = {
    { kManual, manual || current == kManual },
    { kSingleShot, singleShot || current == kSingleShot },
    { kContinuous, continuous || current == kContinuous },
  };
  for (const auto & [mode, available] : order) {
    if (available)
      control.modes.emplace_back (mode);
  }
  control.value = current;
  return control;
}

/* The EXPOSURE_AUTO item "continuous" selects: fully automatic first, then
 * the priority modes (automatic exposure time with a fixed iris is what UVC
 * webcams call automatic exposure). */
std::optional<std::int64_t>
automaticExposureItem (const Control &control)
{
  for (std::int64_t item : { V4L2_EXPOSURE_AUTO,
          V4L2_EXPOSURE_APERTURE_PRIORITY, V4L2_EXPOSURE_SHUTTER_PRIORITY }) {
    if (control.hasMenuItem (item))
      return item;
  }
  return std::nullopt;
}

std::optional<ModeControl>
focusModeOf (const ControlSet &controls)
{
  const Control *automatic = find (controls, V4L2_CID_FOCUS_AUTO);
  const Control *start = find (controls, V4L2_CID_AUTO_FOCUS_START);
  const Control *absolute = find (controls, V4L2_CID_FOCUS_ABSOLUTE);
  if (!automatic && !start && !absolute)
    return std::nullopt;

  const bool on = automatic && currentOf (*automatic) != 0;
  const bool canSwitch = automatic && automatic->writable ();
  /* The sweep needs continuous focus off, which only a writable FOCUS_AUTO
   * (or none at all) allows. */
  const bool singleShot = start && start->writable ()
      && (!automatic || canSwitch || !on);
  return modeControlOf (!on || canSwitch, singleShot, on || canSwitch,
      on ? kContinuous : kManual);
}

std::optional<ModeControl>
exposureModeOf (const ControlSet &controls)
{
  const Control *automatic = find (controls, V4L2_CID_EXPOSURE_AUTO);
  if (!automatic) {
    if (find (controls, V4L2_CID_EXPOSURE_ABSOLUTE))
      return modeControlOf (true, false, false, kManual);
    return std::nullopt;
  }
  const bool manual = currentOf (*automatic) == V4L2_EXPOSURE_MANUAL;
  const std::string current = manual ? kManual : kContinuous;
  if (!automatic->writable ())
    return modeControlOf (false, false, false, current);
  return modeControlOf (automatic->hasMenuItem (V4L2_EXPOSURE_MANUAL), false,
      automaticExposureItem (*automatic).has_value (), current);
}

std::optional<ModeControl>
whiteBalanceModeOf (const ControlSet &controls)
{
  const Control *automatic = find (controls, V4L2_CID_AUTO_WHITE_BALANCE);
  const Control *once = find (controls, V4L2_CID_DO_WHITE_BALANCE);
  const Control *preset = find (controls,
      V4L2_CID_AUTO_N_PRESET_WHITE_BALANCE);
  const bool oneShot = once && once->writable ();

  if (automatic) {
    const bool on = currentOf (*automatic) != 0;
    const bool canSwitch = automatic->writable ();
    return modeControlOf (!on || canSwitch, oneShot && (!on || canSwitch),
        on || canSwitch, on ? kContinuous : kManual);
  }
  if (preset) {
    /* A preset (daylight, cloudy...) is a fixed white balance, not an
     * automatic one: it reads as manual. */
    const bool on = currentOf (*preset) == V4L2_WHITE_BALANCE_AUTO;
    const std::string current = on ? kContinuous : kManual;
    if (!preset->writable ())
      return modeControlOf (false, false, false, current);
    return modeControlOf (preset->hasMenuItem (V4L2_WHITE_BALANCE_MANUAL),
        oneShot, preset->hasMenuItem (V4L2_WHITE_BALANCE_AUTO), current);
  }
  if (oneShot || find (controls, V4L2_CID_WHITE_BALANCE_TEMPERATURE))
    return modeControlOf (true, oneShot, false, kManual);
  return std::nullopt;
}

std::optional<bool>
torchOf (const ControlSet &controls)
{
  const Control *led = find (controls, V4L2_CID_FLASH_LED_MODE);
  if (!led || !led->writable ()
      || !led->hasMenuItem (V4L2_FLASH_LED_MODE_TORCH))
    return std::nullopt;
  return currentOf (*led) == V4L2_FLASH_LED_MODE_TORCH;
}

std::optional<std::string>
facingModeOf (const ControlSet &controls)
{
  const Control *orientation = find (controls, V4L2_CID_CAMERA_ORIENTATION);
  if (!orientation)
    return std::nullopt;
  switch (currentOf (*orientation)) {
    case V4L2_CAMERA_ORIENTATION_FRONT:
      return std::string ("user");
    case V4L2_CAMERA_ORIENTATION_BACK:
      return std::string ("environment");
    default:
      return std::nullopt;
  }
}

std::optional<NumericControl>
numericControlOf (Property property, const Control &control)
{
  NumericControl numeric;
  if (control.type == V4L2_CTRL_TYPE_INTEGER
      || control.type == V4L2_CTRL_TYPE_INTEGER64) {
    if (control.minimum > control.maximum)
      return std::nullopt;
    numeric.min = imageCaptureValue (property, control.minimum);
    numeric.max = imageCaptureValue (property, control.maximum);
    numeric.step = imageCaptureValue (property,
        std::max<std::uint64_t> (control.step, 1));
    numeric.value = imageCaptureValue (property, std::clamp (currentOf
            (control), control.minimum, control.maximum));
  } else if (control.type == V4L2_CTRL_TYPE_INTEGER_MENU) {
    if (control.menu.empty ())
      return std::nullopt;
    std::vector<std::int64_t> values;
    for (const MenuItem & item : control.menu)
      values.push_back (item.value);
    std::sort (values.begin (), values.end ());
    values.erase (std::unique (values.begin (), values.end ()), values.end ());
    numeric.min = imageCaptureValue (property, values.front ());
    numeric.max = imageCaptureValue (property, values.back ());
    /* Evenly spaced values (-2000, -1000, 0, 1000, 2000) have a step; any
     * other list is only described by its bounds. */
    std::optional<std::int64_t> spacing;
    bool even = values.size () > 1;
    for (std::size_t i = 1; i < values.size () && even; i++) {
      const std::int64_t gap = values[i] - values[i - 1];
      even = !spacing || *spacing == gap;
      spacing = gap;
    }
    numeric.step = even ? imageCaptureValue (property, *spacing) : 0;
    numeric.value = numeric.min;
    const std::int64_t index = currentOf (control);
    for (const MenuItem & item : control.menu) {
      if (item.index == index)
        numeric.value = imageCaptureValue (property, item.value);
    }
  } else {
    return std::nullopt;
  }
  if (!control.writable ()) {
    numeric.min = numeric.max = numeric.value;
    numeric.step = 0;
  }
  return numeric;
}

/* The value to write for `wanted` (Image Capture units): the nearest value
 * on the control's step grid, or the index of the nearest integer menu item.
 * Outside the control's range it is an OverconstrainedError: the engine
 * only asks for values inside the capability it was given, so a value out of
 * range means the camera changed or the caller is wrong, and silently
 * clamping would report a setting that was not asked for. */
Result<std::int64_t>
v4l2ValueFor (Property property, const Control &control, double wanted)
{
  const long double raw = v4l2ValueOf (property, wanted);
  /* Raw values are integers; anything closer than this to a bound is the
   * rounding of the unit conversion. */
  constexpr long double kSlack = 1e-3;
  auto outside = [&] (long double lo, long double hi) {
    return overconstrained (property, nameOf (property) + " " +
        numberText (wanted) + " is outside the camera's range " +
        numberText (imageCaptureValue (property, static_cast<double> (lo))) +
        " to " + numberText (imageCaptureValue (property,
                static_cast<double> (hi))));
  };
  if (!std::isfinite (wanted))
    return overconstrained (property, nameOf (property) + " " +
        numberText (wanted) + " is not a finite number");

  if (control.type == V4L2_CTRL_TYPE_INTEGER_MENU) {
    if (control.menu.empty ())
      return overconstrained (property, "The camera lists no " +
          nameOf (property) + " values");
    const MenuItem *nearest = nullptr;
    std::int64_t lo = control.menu.front ().value;
    std::int64_t hi = lo;
    for (const MenuItem & item : control.menu) {
      lo = std::min (lo, item.value);
      hi = std::max (hi, item.value);
      if (!nearest || std::fabs (static_cast<long double> (item.value) - raw)
          < std::fabs (static_cast<long double> (nearest->value) - raw))
        nearest = &item;
    }
    if (raw < lo - kSlack || raw > hi + kSlack)
      return outside (lo, hi);
    return static_cast<std::int64_t> (nearest->index);
  }

  const long double lo = control.minimum;
  const long double hi = control.maximum;
  if (raw < lo - kSlack || raw > hi + kSlack)
    return outside (lo, hi);
  const long double step = std::max<std::uint64_t> (control.step, 1);
  const long double clamped = std::clamp (raw, lo, hi);
  long double value = lo + std::nearbyint ((clamped - lo) / step) * step;
  if (value > hi)
    value -= step;
  return static_cast<std::int64_t> (value);
}

/* The mode whose manual setting a value is. */
std::optional<Property>
modeOfValue (Property property)
{
  switch (property) {
    case Property::ExposureTime:
      return Property::ExposureMode;
    case Property::FocusDistance:
      return Property::FocusMode;
    case Property::ColorTemperature:
      return Property::WhiteBalanceMode;
    default:
      return std::nullopt;
  }
}

struct Plan {
  std::vector<ControlWrite> automaticOff;
  std::vector<ControlWrite> values;
  std::vector<ControlWrite> automaticOn;
  std::vector<ControlWrite> triggers;
};

struct ModeState {
  const ModeControl *control = nullptr;
  std::string after;          /* the mode once the settings are applied */
  bool named = false;         /* the settings name the mode */
};

void
planFocusMode (const ControlSet &controls, const std::string &mode,
    Plan &plan)
{
  const Control *automatic = find (controls, V4L2_CID_FOCUS_AUTO);
  const bool on = automatic && currentOf (*automatic) != 0;
  if (mode == kContinuous) {
    plan.automaticOn.push_back ({ V4L2_CID_FOCUS_AUTO, 1,
            Property::FocusMode });
    return;
  }
  if (on)
    plan.automaticOff.push_back ({ V4L2_CID_FOCUS_AUTO, 0,
            Property::FocusMode });
  if (mode == kSingleShot)
    plan.triggers.push_back ({ V4L2_CID_AUTO_FOCUS_START, 1,
            Property::FocusMode });
}

void
planExposureMode (const ControlSet &controls, const std::string &mode,
    Plan &plan)
{
  const Control *automatic = find (controls, V4L2_CID_EXPOSURE_AUTO);
  if (!automatic)
    return;
  if (mode == kManual) {
    plan.automaticOff.push_back ({ V4L2_CID_EXPOSURE_AUTO,
            V4L2_EXPOSURE_MANUAL, Property::ExposureMode });
  } else if (const auto item = automaticExposureItem (*automatic)) {
    plan.automaticOn.push_back ({ V4L2_CID_EXPOSURE_AUTO, *item,
            Property::ExposureMode });
  }
}

void
planWhiteBalanceMode (const ControlSet &controls, const std::string &mode,
    Plan &plan)
{
  const Control *automatic = find (controls, V4L2_CID_AUTO_WHITE_BALANCE);
  const Control *preset = find (controls,
      V4L2_CID_AUTO_N_PRESET_WHITE_BALANCE);
  const Property p = Property::WhiteBalanceMode;
  if (automatic) {
    if (mode == kContinuous) {
      plan.automaticOn.push_back ({ V4L2_CID_AUTO_WHITE_BALANCE, 1, p });
      return;
    }
    if (currentOf (*automatic) != 0)
      plan.automaticOff.push_back ({ V4L2_CID_AUTO_WHITE_BALANCE, 0, p });
  } else if (preset) {
    if (mode == kContinuous) {
      plan.automaticOn.push_back ({ V4L2_CID_AUTO_N_PRESET_WHITE_BALANCE,
              V4L2_WHITE_BALANCE_AUTO, p });
      return;
    }
    if (currentOf (*preset) == V4L2_WHITE_BALANCE_AUTO
        && preset->hasMenuItem (V4L2_WHITE_BALANCE_MANUAL))
      plan.automaticOff.push_back ({ V4L2_CID_AUTO_N_PRESET_WHITE_BALANCE,
              V4L2_WHITE_BALANCE_MANUAL, p });
  }
  if (mode == kSingleShot)
    plan.triggers.push_back ({ V4L2_CID_DO_WHITE_BALANCE, 1, p });
}

}  // namespace

/* --- Pixel formats --- */

std::optional<FormatName>
formatName (std::uint32_t fourcc)
{
  for (const FourccName & entry : kFormatNames) {
    if (entry.fourcc != fourcc)
      continue;
    FormatName name;
    name.mediaType = entry.mediaType;
    if (entry.format)
      name.formats.emplace_back (entry.format);
    if (entry.alternative)
      name.formats.emplace_back (entry.alternative);
    return name;
  }
  return std::nullopt;
}

std::string
fourccString (std::uint32_t fourcc)
{
  std::string text;
  for (int shift = 0; shift < 32; shift += 8) {
    const char c = static_cast<char> ((fourcc >> shift) & 0xff);
    text += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return text;
}

std::optional<Fraction>
frameRateOfInterval (const v4l2_fract &interval)
{
  std::uint32_t num = interval.denominator;
  std::uint32_t den = interval.numerator;
  if (num == 0 || den == 0)
    return std::nullopt;
  const std::uint32_t divisor = std::gcd (num, den);
  num /= divisor;
  den /= divisor;
  while (num > static_cast<std::uint32_t> (INT_MAX)
      || den > static_cast<std::uint32_t> (INT_MAX)) {
    num >>= 1;
    den >>= 1;
  }
  /* A term that shifted to 0 was a rate no camera has (billions of frames
   * per second, or one frame in decades). */
  if (num == 0 || den == 0)
    return std::nullopt;
  return Fraction { static_cast<int> (num), static_cast<int> (den) };
}

std::vector<VideoMode>
videoModesOf (const std::vector<PixelFormat> &formats,
    std::optional<v4l2_fract> currentInterval)
{
  std::vector<VideoMode> modes;
  std::set<ModeKey> seen;
  for (const PixelFormat & format : formats) {
    /* libv4l2's software conversions: v4l2src captures without libv4l2,
     * so it cannot produce them. */
    if (format.description.flags & V4L2_FMT_FLAG_EMULATED)
      continue;
    const auto name = formatName (format.description.pixelformat);
    if (!name)
      continue;
    /* One mode per format name, as v4l2src's caps have one structure per
     * name: RGB32's xRGB and ARGB then merge with XRGB32's and ARGB32's. */
    std::vector<std::vector<std::string>> formatLists;
    for (const std::string & f : name->formats)
      formatLists.push_back ({ f });
    if (formatLists.empty ())
      formatLists.emplace_back ();
    for (const FrameSize & size : format.sizes) {
      const auto extent = extentOf (size.size);
      if (!extent)
        continue;
      for (const FractionRange & rate : frameRatesOf (size.intervals,
              currentInterval)) {
        for (const auto & formatList : formatLists) {
          if (modes.size () >= kMaxVideoModes)
            return modes;
          VideoMode mode;
          mode.mediaType = name->mediaType;
          mode.formats = formatList;
          mode.width = extent->first;
          mode.height = extent->second;
          mode.frameRate = rate;
          if (seen.insert (keyOf (mode)).second)
            modes.push_back (std::move (mode));
        }
      }
    }
  }
  return modes;
}

/* --- Controls --- */

bool
Control::writable () const
{
  return !(flags & (V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_DISABLED));
}

bool
Control::hasMenuItem (std::int64_t index) const
{
  return std::any_of (menu.begin (), menu.end (),
      [index] (const MenuItem & item) {
        return static_cast<std::int64_t> (item.index) == index;
      });
}

const std::vector<std::uint32_t> &
cameraControlIds ()
{
  static const std::vector<std::uint32_t> ids = [] {
    std::vector<std::uint32_t> all;
    for (const NumericProperty & entry : kNumericProperties)
      all.push_back (entry.id);
    for (const NumericProperty & entry : kOtherControls)
      all.push_back (entry.id);
    return all;
  }();
  return ids;
}

std::optional<Property>
propertyOfControl (std::uint32_t id)
{
  for (const NumericProperty & entry : kNumericProperties) {
    if (entry.id == id)
      return entry.property;
  }
  for (const NumericProperty & entry : kOtherControls) {
    if (entry.id == id)
      return entry.property;
  }
  return std::nullopt;
}

double
imageCaptureValue (Property property, double v4l2Value)
{
  /* V4L2_CID_AUTO_EXPOSURE_BIAS is in 0.001 EV. */
  if (property == Property::ExposureCompensation)
    return v4l2Value / 1000.0;
  return v4l2Value;
}

double
v4l2ValueOf (Property property, double imageCaptureValue)
{
  if (property == Property::ExposureCompensation)
    return imageCaptureValue * 1000.0;
  return imageCaptureValue;
}

CameraControls
cameraControlsOf (const ControlSet &controls)
{
  CameraControls camera;
  camera.facingMode = facingModeOf (controls);
  for (const NumericProperty & entry : kNumericProperties) {
    const Control *control = find (controls, entry.id);
    if (!control)
      continue;
    if (const auto numeric = numericControlOf (entry.property, *control))
      camera.numericControls[entry.property] = *numeric;
  }
  if (auto focus = focusModeOf (controls))
    camera.modeControls[Property::FocusMode] = std::move (*focus);
  if (auto exposure = exposureModeOf (controls))
    camera.modeControls[Property::ExposureMode] = std::move (*exposure);
  if (auto whiteBalance = whiteBalanceModeOf (controls))
    camera.modeControls[Property::WhiteBalanceMode] = std::move (*whiteBalance);
  camera.torch = torchOf (controls);
  return camera;
}

void
addCameraControls (const CameraControls &controls, DeviceDescription &device)
{
  device.facingMode = controls.facingMode;
  device.numericControls = controls.numericControls;
  device.modeControls = controls.modeControls;
  device.torch = controls.torch;
}

Settings
settingsOf (const CameraControls &controls)
{
  Settings settings;
  if (controls.facingMode)
    settings.set (Property::FacingMode, *controls.facingMode);
  for (const auto & [property, mode] : controls.modeControls)
    settings.set (property, mode.value);
  for (const auto & [property, numeric] : controls.numericControls)
    settings.set (property, numeric.value);
  if (controls.torch)
    settings.set (Property::Torch, *controls.torch);
  return settings;
}

Result<std::vector<ControlWrite>>
planControlWrites (const ControlSet &controls, const Settings &settings)
{
  const CameraControls camera = cameraControlsOf (controls);
  Plan plan;

  std::map<Property, ModeState> modes;
  for (Property property : { Property::ExposureMode, Property::FocusMode,
          Property::WhiteBalanceMode }) {
    ModeState &state = modes[property];
    const auto control = camera.modeControls.find (property);
    if (control != camera.modeControls.end ()) {
      state.control = &control->second;
      state.after = control->second.value;
    }
    const auto &value = settings.get (property);
    if (!value)
      continue;
    const std::string *mode = std::get_if<std::string> (&*value);
    if (!mode)
      return typeError (property, "a string");
    if (!state.control)
      return overconstrained (property, "The camera has no " +
          nameOf (property) + " control");
    const auto &available = state.control->modes;
    if (std::find (available.begin (), available.end (), *mode) ==
        available.end ()) {
      std::string list;
      for (const std::string & m : available)
        list += (list.empty ()? "" : ", ") + m;
      return overconstrained (property, nameOf (property) + " \"" + *mode +
          "\" is not one of the camera's modes (" + list + ")");
    }
    state.after = *mode;
    state.named = true;
  }

  for (const NumericProperty & entry : kNumericProperties) {
    const Property property = entry.property;
    const auto &value = settings.get (property);
    if (!value)
      continue;
    const double *wanted = std::get_if<double> (&*value);
    if (!wanted)
      return typeError (property, "a number");
    const Control *control = find (controls, entry.id);
    if (!control || !numericControlOf (property, *control))
      return overconstrained (property, "The camera has no " +
          nameOf (property) + " control");
    const auto v4l2Value = v4l2ValueFor (property, *control, *wanted);
    if (!v4l2Value)
      return v4l2Value.error ();
    if (control->value && *v4l2Value == *control->value)
      continue;
    if (!control->writable ())
      return overconstrained (property, nameOf (property) +
          " is read-only on this camera");

    if (const auto dependency = modeOfValue (property)) {
      ModeState &mode = modes[*dependency];
      if (mode.control && mode.after != kManual) {
        /* Not significant in an automatic mode (the spec's words): the
         * automatic loop owns the value. */
        if (mode.named)
          continue;
        const auto &available = mode.control->modes;
        if (std::find (available.begin (), available.end (), kManual) ==
            available.end ())
          return overconstrained (property, nameOf (property) +
              " cannot be set: the camera has no manual " +
              nameOf (*dependency));
        mode.after = kManual;
      }
    }

    if (property == Property::Iso) {
      const Control *automatic = find (controls,
          V4L2_CID_ISO_SENSITIVITY_AUTO);
      if (automatic && currentOf (*automatic) != V4L2_ISO_SENSITIVITY_MANUAL) {
        if (!automatic->writable ()
            || !automatic->hasMenuItem (V4L2_ISO_SENSITIVITY_MANUAL))
          return overconstrained (property,
              "iso cannot be set: the camera keeps it automatic");
        plan.automaticOff.push_back ({ V4L2_CID_ISO_SENSITIVITY_AUTO,
                V4L2_ISO_SENSITIVITY_MANUAL, property });
      }
    }
    plan.values.push_back ({ entry.id, *v4l2Value, property });
  }

  if (const auto &value = settings.get (Property::Torch)) {
    const bool *on = std::get_if<bool> (&*value);
    if (!on)
      return typeError (Property::Torch, "a boolean");
    if (!camera.torch) {
      if (*on)
        return overconstrained (Property::Torch, "The camera has no torch");
    } else if (*on != *camera.torch) {
      const Control *led = find (controls, V4L2_CID_FLASH_LED_MODE);
      if (!*on && !led->hasMenuItem (V4L2_FLASH_LED_MODE_NONE))
        return overconstrained (Property::Torch,
            "The camera's torch cannot be switched off");
      plan.values.push_back ({ V4L2_CID_FLASH_LED_MODE,
              *on ? V4L2_FLASH_LED_MODE_TORCH : V4L2_FLASH_LED_MODE_NONE,
              Property::Torch });
    }
  }

  for (const auto & [property, mode] : modes) {
    if (!mode.control)
      continue;
    /* A single-shot sweep is an action, asked for again each time. */
    if (mode.after == mode.control->value && mode.after != kSingleShot)
      continue;
    switch (property) {
      case Property::FocusMode:
        planFocusMode (controls, mode.after, plan);
        break;
      case Property::ExposureMode:
        planExposureMode (controls, mode.after, plan);
        break;
      default:
        planWhiteBalanceMode (controls, mode.after, plan);
        break;
    }
  }

  std::vector<ControlWrite> writes;
  for (auto *phase : { &plan.automaticOff, &plan.values, &plan.automaticOn,
          &plan.triggers })
    writes.insert (writes.end (), phase->begin (), phase->end ());
  return writes;
}

Error
controlWriteError (const ControlWrite &write, int err)
{
  const std::string name = nameOf (write.property);
  const std::string reason = std::system_category ().message (err);
  switch (err) {
    case EINVAL:
    case ERANGE:
      return overconstrained (write.property, "The camera refused the " +
          name + " value (" + reason + ")");
    case EACCES:
      return overconstrained (write.property, name +
          " cannot be changed now: the camera reports the control as "
          "read-only or inactive (" + reason + ")");
    case EBUSY:
      return Error { ErrorName::NotReadableError, "", name +
            " cannot be changed: the camera is busy (" + reason + ")" };
    default:
      return Error { ErrorName::NotReadableError, "", "Could not set " +
            name + ": " + reason };
  }
}

Error
openError (const std::string &path, int err)
{
  const std::string reason = std::system_category ().message (err);
  switch (err) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
    case ENOTDIR:
    case EISDIR:
      return Error { ErrorName::NotFoundError, "",
            "No video capture device at " + path + " (" + reason + ")" };
    case EACCES:
    case EPERM:
      return Error { ErrorName::NotReadableError, "",
            "Permission denied opening " + path + ": the camera needs "
            "read and write access (on most systems, membership of the "
            "'video' group)" };
    case EBUSY:
      return Error { ErrorName::NotReadableError, "",
            path + " is busy: another program holds the camera exclusively" };
    default:
      return Error { ErrorName::NotReadableError, "",
            "Could not open " + path + ": " + reason };
  }
}

}  // namespace mediastream::v4l2
