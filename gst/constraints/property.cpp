/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "property.h"

namespace mediastream {

namespace {

using P = Property;
using T = ValueType;
using K = KindMask;

/* Ordered exactly as enum Property. */
constexpr std::array<PropertyInfo, kPropertyCount> kProperties = { {
  { P::DeviceId, "deviceId", T::String, K::Both, true, true },
  { P::GroupId, "groupId", T::String, K::Both, true, true },
  { P::FacingMode, "facingMode", T::String, K::Video, true, true },
  { P::ResizeMode, "resizeMode", T::String, K::Video, true, false },
  { P::Width, "width", T::ULong, K::Video, true, false },
  { P::Height, "height", T::ULong, K::Video, true, false },
  { P::AspectRatio, "aspectRatio", T::Double, K::Video, true, false },
  { P::FrameRate, "frameRate", T::Double, K::Video, true, false },
  { P::SampleRate, "sampleRate", T::ULong, K::Audio, true, false },
  { P::SampleSize, "sampleSize", T::ULong, K::Audio, true, false },
  { P::ChannelCount, "channelCount", T::ULong, K::Audio, true, false },
  { P::Latency, "latency", T::Double, K::Audio, true, false },
  { P::EchoCancellation, "echoCancellation", T::BooleanOrString, K::Audio,
      true, false },
  { P::AutoGainControl, "autoGainControl", T::Boolean, K::Audio, true, false },
  { P::NoiseSuppression, "noiseSuppression", T::Boolean, K::Audio, true,
      false },
  { P::VoiceIsolation, "voiceIsolation", T::Boolean, K::Audio, false, false },
  { P::WhiteBalanceMode, "whiteBalanceMode", T::String, K::Video, false,
      false },
  { P::ExposureMode, "exposureMode", T::String, K::Video, false, false },
  { P::FocusMode, "focusMode", T::String, K::Video, false, false },
  { P::ExposureCompensation, "exposureCompensation", T::Double, K::Video,
      false, false },
  { P::ExposureTime, "exposureTime", T::Double, K::Video, false, false },
  { P::ColorTemperature, "colorTemperature", T::Double, K::Video, false,
      false },
  { P::Iso, "iso", T::Double, K::Video, false, false },
  { P::Brightness, "brightness", T::Double, K::Video, false, false },
  { P::Contrast, "contrast", T::Double, K::Video, false, false },
  { P::Saturation, "saturation", T::Double, K::Video, false, false },
  { P::Sharpness, "sharpness", T::Double, K::Video, false, false },
  { P::FocusDistance, "focusDistance", T::Double, K::Video, false, false },
  { P::Pan, "pan", T::BooleanOrDouble, K::Video, false, false },
  { P::Tilt, "tilt", T::BooleanOrDouble, K::Video, false, false },
  { P::Zoom, "zoom", T::BooleanOrDouble, K::Video, false, false },
  { P::Torch, "torch", T::Boolean, K::Video, false, false },
  { P::BackgroundBlur, "backgroundBlur", T::Boolean, K::Video, false, false },
} };

constexpr bool
tableIsInEnumOrder ()
{
  for (std::size_t i = 0; i < kProperties.size (); i++) {
    if (static_cast<std::size_t> (kProperties[i].id) != i)
      return false;
  }
  return true;
}
static_assert (tableIsInEnumOrder (), "kProperties must follow enum Property");

}  // namespace

std::string_view
kindName (Kind kind)
{
  return kind == Kind::Audio ? "audio" : "video";
}

const PropertyInfo &
propertyInfo (Property property)
{
  return kProperties[static_cast<std::size_t> (property)];
}

std::optional<Property>
propertyFromName (std::string_view name)
{
  for (const PropertyInfo & info : kProperties) {
    if (info.name == name)
      return info.id;
  }
  return std::nullopt;
}

bool
appliesTo (Property property, Kind kind)
{
  const auto mask = static_cast<std::uint8_t> (propertyInfo (property).kinds);
  const auto bit = static_cast<std::uint8_t> (kind == Kind::Audio ?
      KindMask::Audio : KindMask::Video);
  return (mask & bit) != 0;
}

bool
isNumeric (Property property)
{
  switch (propertyInfo (property).type) {
    case ValueType::ULong:
    case ValueType::Double:
    case ValueType::BooleanOrDouble:
      return true;
    default:
      return false;
  }
}

const std::array<PropertyInfo, kPropertyCount> &
allProperties ()
{
  return kProperties;
}

}  // namespace mediastream
