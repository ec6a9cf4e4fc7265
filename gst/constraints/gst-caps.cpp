/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "gst-caps.h"

#include "gst-ptr.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

namespace mediastream {

namespace {

/* Compressed and Bayer camera formats (image/jpeg, video/x-h264,
 * video/x-bayer, ...) describe native modes just like video/x-raw does, as
 * long as they carry width, height and framerate. */
bool
isVideoMediaType (const gchar * name)
{
  return g_str_has_prefix (name, "video/") || g_str_has_prefix (name, "image/");
}

/* A source that also offers DMABuf or GL memory lists the same modes again
 * under those features; the engine negotiates system memory only, so the
 * copies would just be duplicates it cannot open. */
bool
isSystemMemory (const GstCaps * caps, guint index)
{
  GstCapsFeatures *features = gst_caps_get_features (caps, index);
  return features == nullptr || gst_caps_features_is_any (features)
      || gst_caps_features_is_equal (features,
      GST_CAPS_FEATURES_MEMORY_SYSTEM_MEMORY);
}

/* The positive values of an int field (a number, a range or a list of
 * either). False when the field is missing or not made of ints. */
bool
collectInts (const GValue * value, std::vector<IntRange> &out)
{
  if (value == nullptr)
    return false;

  if (G_VALUE_HOLDS_INT (value)) {
    const int v = g_value_get_int (value);
    if (v > 0)
      out.push_back ({ v, v, 1 });
    return true;
  }

  if (GST_VALUE_HOLDS_INT_RANGE (value)) {
    const int step = std::max (1, gst_value_get_int_range_step (value));
    int min = gst_value_get_int_range_min (value);
    const int max = gst_value_get_int_range_max (value);
    /* GstIntRange bounds are multiples of the step, so the step itself is
     * the smallest positive value such a range holds. */
    if (min < 1)
      min = step;
    if (max == min)
      out.push_back ({ min, min, 1 });
    else if (max > min)
      out.push_back ({ min, max, step });
    return true;
  }

  if (GST_VALUE_HOLDS_LIST (value)) {
    const guint n = gst_value_list_get_size (value);
    for (guint i = 0; i < n; i++) {
      const GValue *item = gst_value_list_get_value (value, i);
      if (GST_VALUE_HOLDS_LIST (item) || !collectInts (item, out))
        return false;
    }
    return true;
  }

  return false;
}

Fraction
fractionOf (const GValue * value)
{
  return { gst_value_get_fraction_numerator (value),
      gst_value_get_fraction_denominator (value) };
}

/* The usable frame rates of a framerate field. A fixed 0/1 is a variable
 * rate source: it promises no rate a track could report, so it is dropped;
 * a range reaching above 0 still offers every rate up to its maximum. */
bool
collectFractions (const GValue * value, std::vector<FractionRange> &out)
{
  if (value == nullptr)
    return false;

  if (GST_VALUE_HOLDS_FRACTION (value)) {
    const Fraction f = fractionOf (value);
    if (f.num > 0)
      out.push_back ({ f, f });
    return true;
  }

  if (GST_VALUE_HOLDS_FRACTION_RANGE (value)) {
    Fraction min = fractionOf (gst_value_get_fraction_range_min (value));
    const Fraction max = fractionOf (gst_value_get_fraction_range_max (value));
    if (max.num > 0) {
      if (min.num < 0)
        min = { 0, 1 };
      out.push_back ({ min, max });
    }
    return true;
  }

  if (GST_VALUE_HOLDS_LIST (value)) {
    const guint n = gst_value_list_get_size (value);
    for (guint i = 0; i < n; i++) {
      const GValue *item = gst_value_list_get_value (value, i);
      if (GST_VALUE_HOLDS_LIST (item) || !collectFractions (item, out))
        return false;
    }
    return true;
  }

  return false;
}

/* The format field as a preference list: none when absent, nullopt when it
 * is not a string or a list of strings. */
std::optional<std::vector<std::string>>
formatsOf (const GstStructure * s)
{
  std::vector<std::string> formats;
  const GValue *value = gst_structure_get_value (s, "format");
  if (value == nullptr)
    return formats;

  if (G_VALUE_HOLDS_STRING (value)) {
    const gchar *format = g_value_get_string (value);
    if (format == nullptr)
      return std::nullopt;
    formats.emplace_back (format);
    return formats;
  }

  if (GST_VALUE_HOLDS_LIST (value)) {
    const guint n = gst_value_list_get_size (value);
    for (guint i = 0; i < n; i++) {
      const GValue *item = gst_value_list_get_value (value, i);
      if (!G_VALUE_HOLDS_STRING (item) || g_value_get_string (item) == nullptr)
        return std::nullopt;
      formats.emplace_back (g_value_get_string (item));
    }
    return formats;
  }

  return std::nullopt;
}

/* The source caps always ask for interleaved samples, so a structure that
 * only offers planar audio cannot be opened as described. */
bool
allowsInterleaved (const GstStructure * s)
{
  const GValue *layout = gst_structure_get_value (s, "layout");
  if (layout == nullptr)
    return true;
  ScopedValue interleaved (G_TYPE_STRING);
  g_value_set_static_string (interleaved.get (), "interleaved");
  return gst_value_intersect (nullptr, layout, interleaved.get ());
}

void
setFormats (GstStructure * s, const std::vector<std::string> &formats)
{
  if (formats.empty ())
    return;
  if (formats.size () == 1) {
    gst_structure_set (s, "format", G_TYPE_STRING, formats[0].c_str (),
        nullptr);
    return;
  }
  ScopedValue list (GST_TYPE_LIST);
  for (const std::string & format : formats) {
    ScopedValue item (G_TYPE_STRING);
    g_value_set_string (item.get (), format.c_str ());
    gst_value_list_append_value (list.get (), item.get ());
  }
  gst_structure_set_value (s, "format", list.get ());
}

void
setIntRange (GstStructure * s, const char *field, const IntRange & range)
{
  if (range.max <= range.min) {
    gst_structure_set (s, field, G_TYPE_INT, range.min, nullptr);
    return;
  }
  /* GstIntRange can only hold a step that divides both bounds; a wider
   * range with step 1 is the closest caps can say otherwise. */
  const bool stepFits = range.step > 1 && range.min % range.step == 0
      && range.max % range.step == 0;
  ScopedValue value (GST_TYPE_INT_RANGE);
  gst_value_set_int_range_step (value.get (), range.min, range.max,
      stepFits ? range.step : 1);
  gst_structure_set_value (s, field, value.get ());
}

void
setFractionRange (GstStructure * s, const char *field,
    const FractionRange & range)
{
  if (gst_util_fraction_compare (range.min.num, range.min.den, range.max.num,
          range.max.den) >= 0) {
    gst_structure_set (s, field, GST_TYPE_FRACTION, range.max.num,
        range.max.den, nullptr);
    return;
  }
  ScopedValue value (GST_TYPE_FRACTION_RANGE);
  gst_value_set_fraction_range_full (value.get (), range.min.num,
      range.min.den, range.max.num, range.max.den);
  gst_structure_set_value (s, field, value.get ());
}

/* Hand-built descriptions may leave the media type empty; they mean the
 * raw kind. */
const char *
mediaTypeOr (const std::string &mediaType, const char *fallback)
{
  return mediaType.empty ()? fallback : mediaType.c_str ();
}

int
settingOr (const Settings & settings, Property property, int fallback)
{
  const std::optional<double> value = settings.number (property);
  return value ? static_cast<int> (std::lround (*value)) : fallback;
}

}  // namespace

std::vector<VideoMode>
videoModesFromCaps (const GstCaps * caps)
{
  std::vector<VideoMode> modes;
  if (caps == nullptr || gst_caps_is_any (caps))
    return modes;

  const guint n = gst_caps_get_size (caps);
  for (guint i = 0; i < n && modes.size () < kMaxNativeModes; i++) {
    const GstStructure *s = gst_caps_get_structure (caps, i);
    const gchar *name = gst_structure_get_name (s);
    if (!isVideoMediaType (name) || !isSystemMemory (caps, i))
      continue;

    const std::optional<std::vector<std::string>> formats = formatsOf (s);
    std::vector<IntRange> widths, heights;
    std::vector<FractionRange> rates;
    if (!formats
        || !collectInts (gst_structure_get_value (s, "width"), widths)
        || !collectInts (gst_structure_get_value (s, "height"), heights)
        || !collectFractions (gst_structure_get_value (s, "framerate"),
            rates))
      continue;

    for (const IntRange & width : widths) {
      for (const IntRange & height : heights) {
        for (const FractionRange & rate : rates) {
          if (modes.size () == kMaxNativeModes)
            return modes;
          modes.push_back ({ name, *formats, width, height, rate });
        }
      }
    }
  }
  return modes;
}

std::vector<AudioMode>
audioModesFromCaps (const GstCaps * caps)
{
  std::vector<AudioMode> modes;
  if (caps == nullptr || gst_caps_is_any (caps))
    return modes;

  const guint n = gst_caps_get_size (caps);
  for (guint i = 0; i < n && modes.size () < kMaxNativeModes; i++) {
    const GstStructure *s = gst_caps_get_structure (caps, i);
    if (!gst_structure_has_name (s, "audio/x-raw")
        || !isSystemMemory (caps, i) || !allowsInterleaved (s))
      continue;

    const std::optional<std::vector<std::string>> formats = formatsOf (s);
    std::vector<IntRange> rates, channels;
    if (!formats
        || !collectInts (gst_structure_get_value (s, "rate"), rates)
        || !collectInts (gst_structure_get_value (s, "channels"), channels))
      continue;

    for (const IntRange & rate : rates) {
      for (const IntRange & count : channels) {
        if (modes.size () == kMaxNativeModes)
          return modes;
        modes.push_back ({ "audio/x-raw", *formats, rate, count });
      }
    }
  }
  return modes;
}

GstCaps *
capsForDevice (const DeviceDescription & device)
{
  GstCaps *caps = gst_caps_new_empty ();

  if (device.kind == Kind::Video) {
    for (const VideoMode & mode : device.videoModes) {
      GstStructure *s =
          gst_structure_new_empty (mediaTypeOr (mode.mediaType,
              "video/x-raw"));
      setFormats (s, mode.formats);
      setIntRange (s, "width", mode.width);
      setIntRange (s, "height", mode.height);
      setFractionRange (s, "framerate", mode.frameRate);
      gst_caps_append_structure (caps, s);
    }
    return caps;
  }

  for (const AudioMode & mode : device.audioModes) {
    GstStructure *s =
        gst_structure_new_empty (mediaTypeOr (mode.mediaType, "audio/x-raw"));
    setFormats (s, mode.formats);
    setIntRange (s, "rate", mode.sampleRate);
    setIntRange (s, "channels", mode.channels);
    gst_structure_set (s, "layout", G_TYPE_STRING, "interleaved", nullptr);
    gst_caps_append_structure (caps, s);
  }
  return caps;
}

GstCaps *
sourceCapsFor (const DeviceDescription & device, const Selection & selection)
{
  if (device.kind == Kind::Video) {
    if (selection.modeIndex >= device.videoModes.size ())
      return gst_caps_new_empty ();
    const VideoMode & mode = device.videoModes[selection.modeIndex];
    GstStructure *s =
        gst_structure_new_empty (mediaTypeOr (mode.mediaType, "video/x-raw"));
    setFormats (s, mode.formats);
    gst_structure_set (s, "width", G_TYPE_INT, selection.nativeWidth,
        "height", G_TYPE_INT, selection.nativeHeight,
        "framerate", GST_TYPE_FRACTION, selection.nativeFrameRate.num,
        selection.nativeFrameRate.den, nullptr);
    return gst_caps_new_full (s, nullptr);
  }

  if (selection.modeIndex >= device.audioModes.size ())
    return gst_caps_new_empty ();
  const AudioMode & mode = device.audioModes[selection.modeIndex];
  GstStructure *s =
      gst_structure_new_empty (mediaTypeOr (mode.mediaType, "audio/x-raw"));
  /* The formats of the sample size the settings report. */
  const auto sampleSize = selection.settings.number (Property::SampleSize);
  std::vector<std::string> formats;
  for (const std::string & format : mode.formats) {
    if (!sampleSize || sampleSizeOfFormat (format) == *sampleSize)
      formats.push_back (format);
  }
  setFormats (s, formats.empty () ? mode.formats : formats);
  gst_structure_set (s, "rate", G_TYPE_INT, selection.nativeSampleRate,
      "channels", G_TYPE_INT, selection.nativeChannels,
      "layout", G_TYPE_STRING, "interleaved", nullptr);
  return gst_caps_new_full (s, nullptr);
}

GstCaps *
sourceCapsForCapture (const DeviceDescription & device,
    const SharedCapture & capture)
{
  Selection selection;
  selection.modeIndex = capture.modeIndex;
  selection.nativeWidth = capture.nativeWidth;
  selection.nativeHeight = capture.nativeHeight;
  selection.nativeFrameRate = capture.nativeFrameRate;
  selection.nativeSampleRate = capture.nativeSampleRate;
  selection.nativeChannels = capture.nativeChannels;
  if (capture.nativeSampleSize > 0)
    selection.settings.set (Property::SampleSize,
        static_cast<double> (capture.nativeSampleSize));
  return sourceCapsFor (device, selection);
}

GstCaps *
outputCapsFor (const DeviceDescription & device, const Selection & selection)
{
  const Settings & settings = selection.settings;

  if (device.kind == Kind::Video) {
    if (selection.modeIndex >= device.videoModes.size ())
      return gst_caps_new_empty ();
    const VideoMode & mode = device.videoModes[selection.modeIndex];
    const int width = settingOr (settings, Property::Width,
        selection.nativeWidth);
    const int height = settingOr (settings, Property::Height,
        selection.nativeHeight);
    const Fraction rate = selection.frameRate.num > 0 ?
        selection.frameRate : selection.nativeFrameRate;

    /* The format stays open: the consumer picks it and the converter (or
     * the decoder, for a compressed mode) produces it. */
    GstCaps *caps = gst_caps_new_simple ("video/x-raw",
        "width", G_TYPE_INT, width, "height", G_TYPE_INT, height,
        "framerate", GST_TYPE_FRACTION, rate.num, rate.den,
        "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1, nullptr);

    /* Untouched frames of a compressed mode can go out as they are, which
     * spares a decoder when the consumer wants them compressed anyway. */
    const bool untouched = !selection.rescaled
        && width == selection.nativeWidth && height == selection.nativeHeight
        && rate == selection.nativeFrameRate;
    if (!mode.isRaw () && !mode.mediaType.empty () && untouched)
      gst_caps_append (caps, sourceCapsFor (device, selection));
    return caps;
  }

  if (selection.modeIndex >= device.audioModes.size ())
    return gst_caps_new_empty ();
  return gst_caps_new_simple ("audio/x-raw",
      "rate", G_TYPE_INT, settingOr (settings, Property::SampleRate,
          selection.nativeSampleRate),
      "channels", G_TYPE_INT, settingOr (settings, Property::ChannelCount,
          selection.nativeChannels),
      "layout", G_TYPE_STRING, "interleaved", nullptr);
}

}  // namespace mediastream
