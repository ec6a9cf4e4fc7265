/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The constrainable properties of Media Capture and Streams and of Image
 * Capture: one table that every other part of the engine reads, so a
 * property's name, kind and value type are written down exactly once. */

#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mediastream {

enum class Kind : std::uint8_t { Audio, Video };

std::string_view kindName (Kind kind);

/* The enumeration order is also the order in which required constraints are
 * checked when an OverconstrainedError has to name one (Chromium's order:
 * device identity first, then resizeMode, then the geometry). */
enum class Property : std::uint8_t {
  DeviceId,
  GroupId,
  FacingMode,
  ResizeMode,
  Width,
  Height,
  AspectRatio,
  FrameRate,
  SampleRate,
  SampleSize,
  ChannelCount,
  Latency,
  EchoCancellation,
  AutoGainControl,
  NoiseSuppression,
  VoiceIsolation,
  WhiteBalanceMode,
  ExposureMode,
  FocusMode,
  ExposureCompensation,
  ExposureTime,
  ColorTemperature,
  Iso,
  Brightness,
  Contrast,
  Saturation,
  Sharpness,
  FocusDistance,
  Pan,
  Tilt,
  Zoom,
  Torch,
  BackgroundBlur,
};

inline constexpr std::size_t kPropertyCount =
    static_cast<std::size_t> (Property::BackgroundBlur) + 1;

/* The Image Capture members, whiteBalanceMode to torch: a camera's
 * controls, one value per device whatever its tracks. */
constexpr bool
isCameraControl (Property p)
{
  return p >= Property::WhiteBalanceMode && p <= Property::Torch;
}

/* The WebIDL type of the property's constraint member. */
enum class ValueType : std::uint8_t {
  ULong,              /* ConstrainULong: [Clamp] unsigned long or range */
  Double,             /* ConstrainDouble */
  String,             /* ConstrainDOMString */
  Boolean,            /* ConstrainBoolean */
  BooleanOrString,    /* ConstrainBooleanOrDOMString (echoCancellation) */
  BooleanOrDouble,    /* (boolean or ConstrainDouble): pan, tilt, zoom */
};

enum class KindMask : std::uint8_t { Audio = 1, Video = 2, Both = 3 };

struct PropertyInfo {
  Property id;
  std::string_view name;
  ValueType type;
  KindMask kinds;
  /* In the spec's "allowed required constraints for device selection": a
   * required constraint outside that list makes getUserMedia a TypeError. */
  bool allowedRequiredInGetUserMedia;
  /* deviceId, groupId, facingMode: kept in the settings of an ended track. */
  bool inherent;
};

const PropertyInfo &propertyInfo (Property property);
std::optional<Property> propertyFromName (std::string_view name);
bool appliesTo (Property property, Kind kind);
bool isNumeric (Property property);

/* Every property in enumeration order: getSupportedConstraints(). */
const std::array<PropertyInfo, kPropertyCount> &allProperties ();

/* The user agent defaults used to break ties (spec "Defaults"). */
inline constexpr int kDefaultWidth = 640;
inline constexpr int kDefaultHeight = 480;
inline constexpr double kDefaultFrameRate = 30.0;

}  // namespace mediastream
