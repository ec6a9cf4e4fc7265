/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "conversion-plan.h"

#include "gst-caps.h"

#include <cmath>
#include <cstdlib>

namespace mediastream {

namespace {

/* Keeps the raw or the compressed structures of a caps. */
CapsPtr
structuresWhere (const GstCaps *caps, bool raw)
{
  CapsPtr kept (gst_caps_new_empty ());
  for (guint i = 0; i < gst_caps_get_size (caps); i++) {
    const GstStructure *s = gst_caps_get_structure (caps, i);
    const bool isRaw = gst_structure_has_name (s, "video/x-raw")
        || gst_structure_has_name (s, "audio/x-raw");
    if (isRaw == raw)
      gst_caps_append_structure (kept.get (), gst_structure_copy (s));
  }
  return kept;
}

}  // namespace

std::vector<std::string>
ConversionPlan::converterFactories () const
{
  std::vector<std::string> factories;
  if (kind == Kind::Audio) {
    if (convertAudio) {
      factories.emplace_back ("audioconvert");
      factories.emplace_back ("audioresample");
    }
    return factories;
  }
  if (decode)
    factories.emplace_back ("jpegdec");
  if (crop)
    factories.emplace_back ("videocrop");
  if (scale)
    factories.emplace_back ("videoconvertscale");
  if (decimate)
    factories.emplace_back ("videorate");
  return factories;
}

std::optional<CropRect>
centredCrop (int width, int height, int targetWidth, int targetHeight)
{
  if (width <= 0 || height <= 0 || targetWidth <= 0 || targetHeight <= 0)
    return std::nullopt;
  const double targetRatio = static_cast<double> (targetWidth) / targetHeight;
  CropRect crop;
  /* Even amounts keep chroma-subsampled formats aligned. */
  if (static_cast<double> (width) / height > targetRatio) {
    const int keep = static_cast<int> (std::lround (height * targetRatio));
    const int cut = (width - keep) & ~1;
    if (cut < 2)
      return std::nullopt;
    crop.left = (cut / 2) & ~1;
    crop.right = cut - crop.left;
  } else {
    const int keep = static_cast<int> (std::lround (width / targetRatio));
    const int cut = (height - keep) & ~1;
    if (cut < 2)
      return std::nullopt;
    crop.top = (cut / 2) & ~1;
    crop.bottom = cut - crop.top;
  }
  return crop;
}

ConversionPlan
planConversion (const DeviceDescription &device, const Selection &selection,
    bool downstreamAcceptsCompressed)
{
  ConversionPlan plan;
  plan.kind = device.kind;
  plan.sourceCaps.reset (sourceCapsFor (device, selection));
  CapsPtr output (outputCapsFor (device, selection));

  if (device.kind == Kind::Audio) {
    plan.convertAudio = selection.rescaled;
    plan.outputCaps = std::move (output);
    return plan;
  }

  const VideoMode &mode = device.videoModes[selection.modeIndex];
  const int width = static_cast<int> (*selection.settings.number
      (Property::Width));
  const int height = static_cast<int> (*selection.settings.number
      (Property::Height));
  const bool resized = width != selection.nativeWidth
      || height != selection.nativeHeight;
  plan.decimate = !(selection.frameRate == selection.nativeFrameRate);
  plan.decode = !mode.isRaw () && (resized || plan.decimate
      || !downstreamAcceptsCompressed);
  if (resized) {
    plan.crop = centredCrop (selection.nativeWidth, selection.nativeHeight,
        width, height);
    plan.scale = true;
  }
  /* Dropping frames of a compressed stream works on whole frames too; the
   * output then stays compressed only when nothing else is done to it. */
  plan.outputCaps = structuresWhere (output.get (), mode.isRaw ()
      || plan.decode);
  if (gst_caps_is_empty (plan.outputCaps.get ()))
    plan.outputCaps = std::move (output);
  return plan;
}

}  // namespace mediastream
