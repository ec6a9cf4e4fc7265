/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "candidate.h"

#include "resolution.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mediastream {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity ();

/* What conversion (audioresample, audioconvert) can reach from any native
 * audio mode. */
constexpr double kMinConvertedSampleRate = 8000;
constexpr double kMaxConvertedSampleRate = 192000;
constexpr double kMaxConvertedChannels = 2;
/* The system default sample rate and the WebRTC default channel count,
 * used for sources whose caps are ranges. */
constexpr double kDefaultSampleRate = 48000;
constexpr double kDefaultChannelCount = 1;

void
setChoices (Candidate &c, Property p, ChoiceSet choices, DiscreteValue preferred)
{
  c.domain (p) = std::move (choices);
  c.preferred[static_cast<std::size_t> (p)] =
      std::visit ([] (auto && v) -> SettingValue { return v; }, preferred);
}

void
setNumbers (Candidate &c, Property p, NumberSet numbers, double preferred)
{
  c.domain (p) = std::move (numbers);
  c.preferred[static_cast<std::size_t> (p)] = preferred;
}

/* What every candidate of a device shares: identity and camera controls. */
Candidate
deviceCandidate (const DeviceDescription &device, std::size_t deviceIndex)
{
  Candidate c;
  c.deviceIndex = deviceIndex;
  c.kind = device.kind;
  setChoices (c, Property::DeviceId, { device.deviceId }, device.deviceId);
  setChoices (c, Property::GroupId, { device.groupId }, device.groupId);
  if (device.kind == Kind::Audio) {
    setNumbers (c, Property::Latency, NumberSet::interval (device.latency.min,
            device.latency.max), device.latency.value);
    return c;
  }

  if (device.facingMode)
    setChoices (c, Property::FacingMode, { *device.facingMode },
        *device.facingMode);
  for (const auto & [property, control] : device.numericControls)
    setNumbers (c, property, NumberSet::interval (control.min, control.max),
        control.value);
  for (const auto & [property, control] : device.modeControls) {
    ChoiceSet modes (control.modes.begin (), control.modes.end ());
    setChoices (c, property, std::move (modes), control.value);
  }
  if (device.torch)
    setChoices (c, Property::Torch, { true, false }, *device.torch);
  return c;
}

double
clampToRange (double value, const IntRange &range)
{
  return std::clamp (value, static_cast<double> (range.min),
      static_cast<double> (range.max));
}

void
appendVideoCandidates (const DeviceDescription &device, const Candidate &base,
    std::vector<Candidate> &out)
{
  for (std::size_t m = 0; m < device.videoModes.size (); m++) {
    const VideoMode &mode = device.videoModes[m];
    const double minFps = mode.frameRate.min.asDouble ();
    const double maxFps = mode.frameRate.max.asDouble ();
    if (mode.width.max < 1 || mode.height.max < 1 || !(maxFps > 0))
      continue;

    Candidate c = base;
    c.modeIndex = m;
    c.compressed = !mode.isRaw ();
    /* A mode whose caps are ranges can produce the default itself. */
    const double preferredWidth = clampToRange (kDefaultWidth, mode.width);
    const double preferredHeight = clampToRange (kDefaultHeight, mode.height);
    const double preferredFps = std::clamp (kDefaultFrameRate, minFps, maxFps);

    Candidate native = c;
    setChoices (native, Property::ResizeMode, { std::string ("none") },
        std::string ("none"));
    setNumbers (native, Property::Width, NumberSet::interval (mode.width.min,
            mode.width.max), preferredWidth);
    setNumbers (native, Property::Height, NumberSet::interval (mode.height.min,
            mode.height.max), preferredHeight);
    setNumbers (native, Property::AspectRatio, NumberSet::interval (0,
            kInfinity), preferredWidth / preferredHeight);
    setNumbers (native, Property::FrameRate, NumberSet::interval (std::max
            (minFps, kMinFrameRate), maxFps), preferredFps);
    out.push_back (native);

    /* Every "none" dictionary has a "crop-and-scale" twin; cropping,
     * downscaling and dropping frames reach everything below native. */
    Candidate scaled = std::move (native);
    scaled.rescale = true;
    setChoices (scaled, Property::ResizeMode, { std::string ("crop-and-scale") },
        std::string ("crop-and-scale"));
    scaled.domain (Property::Width) = NumberSet::interval (1, mode.width.max);
    scaled.domain (Property::Height) = NumberSet::interval (1, mode.height.max);
    scaled.domain (Property::FrameRate) =
        NumberSet::interval (kMinFrameRate, maxFps);
    out.push_back (std::move (scaled));
  }
}

std::vector<double>
sampleSizesOf (const AudioMode &mode)
{
  std::vector<double> sizes;
  for (const std::string & format : mode.formats) {
    if (int bits = sampleSizeOfFormat (format))
      sizes.push_back (bits);
  }
  if (sizes.empty ())
    sizes.push_back (16);
  return sizes;
}

void
appendAudioCandidates (const DeviceDescription &device, const Candidate &base,
    std::vector<Candidate> &out)
{
  const AudioProcessing &processing = device.processing;
  const bool canProcess = processing.echoCancellation
      || processing.autoGainControl || processing.noiseSuppression;

  for (std::size_t m = 0; m < device.audioModes.size (); m++) {
    const AudioMode &mode = device.audioModes[m];
    if (mode.sampleRate.max < 1 || mode.channels.max < 1)
      continue;

    Candidate c = base;
    c.modeIndex = m;
    const double nativeRate = clampToRange (kDefaultSampleRate, mode.sampleRate);
    const double nativeChannels = clampToRange (kDefaultChannelCount,
        mode.channels);
    const NumberSet sizes = NumberSet::values (sampleSizesOf (mode));
    const double preferredSize = sizes.contains (16) ? 16 : sizes.highest ();
    setNumbers (c, Property::SampleSize, sizes, preferredSize);
    setChoices (c, Property::VoiceIsolation, { false }, false);

    /* As captured, resampled and remixed at will, no processing. */
    Candidate plain = c;
    setNumbers (plain, Property::SampleRate, NumberSet::interval (
            std::min<double> (mode.sampleRate.min, kMinConvertedSampleRate),
            std::max<double> (mode.sampleRate.max, kMaxConvertedSampleRate)),
        nativeRate);
    setNumbers (plain, Property::ChannelCount, NumberSet::interval (1,
            std::max<double> (mode.channels.max, kMaxConvertedChannels)),
        nativeChannels);
    setChoices (plain, Property::EchoCancellation, { false }, false);
    setChoices (plain, Property::AutoGainControl, { false }, false);
    setChoices (plain, Property::NoiseSuppression, { false }, false);
    out.push_back (std::move (plain));

    if (!canProcess || processing.sampleRates.empty ())
      continue;

    /* Through the processing (webrtcdsp), which runs at a few rates. Each
     * feature can be left off. */
    Candidate processed = std::move (c);
    processed.processed = true;
    std::vector<double> rates (processing.sampleRates.begin (),
        processing.sampleRates.end ());
    setNumbers (processed, Property::SampleRate, NumberSet::values (rates),
        nativeRate);
    setNumbers (processed, Property::ChannelCount, NumberSet::interval (1,
            mode.channels.max), nativeChannels);
    auto onOff = [] (bool available) {
      return available ? ChoiceSet { true, false } : ChoiceSet { false };
    };
    ChoiceSet echo = onOff (processing.echoCancellation);
    if (processing.echoCancellation) {
      /* webrtcdsp cancels the echo of everything played, so it is "all";
       * that also satisfies "remote-only". */
      echo.emplace_back (std::string ("all"));
      echo.emplace_back (std::string ("remote-only"));
    }
    setChoices (processed, Property::EchoCancellation, std::move (echo),
        processing.echoCancellation);
    setChoices (processed, Property::AutoGainControl,
        onOff (processing.autoGainControl), processing.autoGainControl);
    setChoices (processed, Property::NoiseSuppression,
        onOff (processing.noiseSuppression), processing.noiseSuppression);
    out.push_back (std::move (processed));
  }
}

bool
isDoubleTyped (Property p)
{
  const ValueType type = propertyInfo (p).type;
  return type == ValueType::Double || type == ValueType::BooleanOrDouble;
}

bool
isResolutionProperty (Property p)
{
  return p == Property::Width || p == Property::Height
      || p == Property::AspectRatio;
}

ResolutionRegion
resolutionRegionOf (const Candidate &c)
{
  const auto & w = std::get<NumberSet> (c.domain (Property::Width));
  const auto & h = std::get<NumberSet> (c.domain (Property::Height));
  const auto & a = std::get<NumberSet> (c.domain (Property::AspectRatio));
  return ResolutionRegion { w.lowest (), w.highest (), h.lowest (),
    h.highest (), a.lowest (), a.highest () };
}

bool
narrowNumbers (Candidate &c, Property p, const NumericConstraint &n,
    bool advanced)
{
  Domain &domain = c.domain (p);
  if (n.presence)
    return std::holds_alternative<NumberSet> (domain) == *n.presence;
  auto *numbers = std::get_if<NumberSet> (&domain);
  if (!numbers)
    return false;

  double lo = -kInfinity;
  double hi = kInfinity;
  auto require = [&] (double min, double max) {
    lo = std::max (lo, min);
    hi = std::min (hi, max);
  };
  if (n.min)
    require (*n.min, kInfinity);
  if (n.max)
    require (-kInfinity, *n.max);
  if (n.exact)
    require (*n.exact, *n.exact);
  if (advanced && n.bare && n.ideal)
    require (*n.ideal, *n.ideal);
  const bool integral = propertyInfo (p).type == ValueType::ULong;
  *numbers = numbers->intersect (lo, hi, integral,
      isDoubleTyped (p) ? kDoubleTolerance : 0);
  if (numbers->empty ())
    return false;
  if (isResolutionProperty (p) && c.kind == Kind::Video)
    return resolutionRegionFeasible (resolutionRegionOf (c));
  return true;
}

bool
narrowChoices (Candidate &c, Property p, const DiscreteConstraint &d,
    bool advanced)
{
  const std::vector<DiscreteValue> *accepted = nullptr;
  if (d.exact && !d.exact->empty ())
    accepted = &*d.exact;
  else if (advanced && d.bare && d.ideal && !d.ideal->empty ())
    accepted = &*d.ideal;
  if (!accepted)
    return true;

  auto *choices = std::get_if<ChoiceSet> (&c.domain (p));
  if (!choices)
    return false;
  choices->erase (std::remove_if (choices->begin (), choices->end (),
          [accepted] (const DiscreteValue & v) {
            return !containsChoice (*accepted, v);
          }), choices->end ());
  return !choices->empty ();
}

}  // namespace

double
Candidate::preferredNumber (Property p) const
{
  const auto & v = preferred[static_cast<std::size_t> (p)];
  if (v) {
    if (const double *d = std::get_if<double> (&*v))
      return *d;
  }
  return 0;
}

void
appendCandidates (const DeviceDescription &device, std::size_t deviceIndex,
    std::vector<Candidate> &out)
{
  const Candidate base = deviceCandidate (device, deviceIndex);
  /* Two candidates per mode (as is / scaled, or plain / processed). */
  out.reserve (out.size () + 2 * (device.videoModes.size () +
          device.audioModes.size ()));
  if (device.kind == Kind::Video)
    appendVideoCandidates (device, base, out);
  else
    appendAudioCandidates (device, base, out);
}

std::optional<Property>
narrowCandidate (Candidate &candidate, const ConstraintSet &set, bool advanced)
{
  for (const PropertyInfo & info : allProperties ()) {
    const auto & constraint = set.get (info.id);
    if (!constraint || !appliesTo (info.id, candidate.kind)
        || !isRequired (*constraint, advanced))
      continue;
    const bool ok = std::visit ([&] (const auto & value) {
          using T = std::decay_t<decltype (value)>;
          if constexpr (std::is_same_v<T, NumericConstraint>)
            return narrowNumbers (candidate, info.id, value, advanced);
          else
            return narrowChoices (candidate, info.id, value, advanced);
        }, *constraint);
    if (!ok)
      return info.id;
  }
  return std::nullopt;
}

}  // namespace mediastream
