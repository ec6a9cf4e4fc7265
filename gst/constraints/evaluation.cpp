/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "evaluation.h"

#include "resolution.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mediastream {

namespace {

/* Fitness distances closer than this are equal (they are sums of ratios). */
constexpr double kFitnessTolerance = 1e-9;

SettingValue
toSetting (const DiscreteValue &v)
{
  return std::visit ([] (auto && x) -> SettingValue { return x; }, v);
}

/* Audio processing features other than echo cancellation follow it unless
 * asked for, as in browsers: turning echo cancellation off turns them off. */
bool
followsEchoCancellation (Property p)
{
  return p == Property::AutoGainControl || p == Property::NoiseSuppression;
}

/* The choice for a boolean or string property: the ideal when the domain
 * has it (the preferred value among several), else the preferred value. */
DiscreteValue
chooseDiscrete (const ChoiceSet &choices, const std::vector<DiscreteValue> *ideal,
    const std::optional<DiscreteValue> &preferred, double &fitness)
{
  const bool preferredAllowed = preferred && containsChoice (choices,
      *preferred);
  if (ideal) {
    if (preferredAllowed && containsChoice (*ideal, *preferred))
      return *preferred;
    for (const DiscreteValue & v : choices) {
      if (containsChoice (*ideal, v))
        return v;
    }
    fitness += 1;
  }
  return preferredAllowed ? *preferred : choices.front ();
}

/* Chromium's tie-break for equally fit candidates: how far the native mode
 * is from the ideal (or the largest allowed) width, height and frame rate.
 * It makes {width: {max: 640}} open a native 640 rather than scale 1280. */
double
nativeFitness (const Candidate &c, const VideoMode &mode,
    const ConstraintSet &basic)
{
  auto term = [&] (Property p, double nativeMin, double nativeMax) {
    const auto & numbers = std::get<NumberSet> (c.domain (p));
    const auto ideal = numericIdeal (basic.get (p));
    const double reference = ideal ?
        std::clamp (*ideal, numbers.lowest (), numbers.highest ()) :
        numbers.highest ();
    return numericDistance (std::clamp (reference, nativeMin, nativeMax),
        reference);
  };
  return term (Property::Width, mode.width.min, mode.width.max)
      + term (Property::Height, mode.height.min, mode.height.max)
      + term (Property::FrameRate, mode.frameRate.min.asDouble (),
      mode.frameRate.max.asDouble ());
}

bool
approximatelyEqual (double a, double b)
{
  return std::fabs (a - b) <= kFitnessTolerance;
}

/* A frame rate as a fraction with a small denominator (29.97 → 2997/100). */
Fraction
toFraction (double value)
{
  if (!(value > 0))
    return Fraction { 0, 1 };
  for (int den : { 1, 1001, 2, 3, 4, 6, 8, 10, 100, 1000, 10000 }) {
    const double num = std::round (value * den);
    if (num > std::numeric_limits<int>::max ())
      continue;
    if (std::fabs (num / den - value) <= 1e-9 * value)
      return Fraction { static_cast<int> (num), den };
  }
  return Fraction { static_cast<int> (std::round (value * 100000)), 100000 };
}

}  // namespace

std::optional<DiscreteValue>
toDiscrete (const std::optional<SettingValue> &v)
{
  if (!v)
    return std::nullopt;
  if (const bool *b = std::get_if<bool> (&*v))
    return DiscreteValue (*b);
  if (const auto * s = std::get_if<std::string> (&*v))
    return DiscreteValue (*s);
  return std::nullopt;
}

std::optional<double>
numericIdeal (const std::optional<Constraint> &c)
{
  if (!c)
    return std::nullopt;
  if (const auto * n = std::get_if<NumericConstraint> (&*c))
    return n->ideal;
  return std::nullopt;
}

const std::vector<DiscreteValue> *
discreteIdeal (const std::optional<Constraint> &c)
{
  if (!c)
    return nullptr;
  const auto *d = std::get_if<DiscreteConstraint> (&*c);
  if (!d || !d->ideal || d->ideal->empty ())
    return nullptr;
  return &*d->ideal;
}

std::optional<Evaluation>
evaluate (const Candidate &c, const ConstraintSet &basic, bool withStrings)
{
  Evaluation e;
  for (const PropertyInfo & info : allProperties ()) {
    const Property p = info.id;
    const auto & constraint = basic.get (p);
    const Domain &domain = c.domain (p);
    const auto *numericConstraint = constraint ?
        std::get_if<NumericConstraint> (&*constraint) : nullptr;
    const bool asksPresence = numericConstraint && numericConstraint->presence;

    if (std::holds_alternative<std::monostate> (domain)) {
      /* The dictionary has no such member. */
      if (asksPresence)
        e.fitness += *numericConstraint->presence ? 1 : 0;
      else if (numericIdeal (constraint) || discreteIdeal (constraint))
        e.fitness += 1;
      continue;
    }
    if (asksPresence && !*numericConstraint->presence)
      e.fitness += 1;

    if (const auto * numbers = std::get_if<NumberSet> (&domain)) {
      if (c.kind == Kind::Video && (p == Property::Width
              || p == Property::Height || p == Property::AspectRatio))
        continue;
      const std::optional<double> ideal = asksPresence ? std::nullopt :
          numericIdeal (constraint);
      double value = numbers->nearest (ideal ? *ideal : c.preferredNumber (p));
      if (info.type == ValueType::ULong)
        value = numbers->nearest (std::round (value));
      if (ideal)
        e.fitness += numericDistance (value, *ideal);
      e.settings.set (p, value);
      continue;
    }

    std::optional<DiscreteValue> preferred =
        toDiscrete (c.preferred[static_cast<std::size_t> (p)]);
    if (followsEchoCancellation (p) && c.processed) {
      const auto & echo = e.settings.get (Property::EchoCancellation);
      preferred = DiscreteValue (!(echo && *echo == SettingValue (false)));
    }
    const DiscreteValue chosen = chooseDiscrete (std::get<ChoiceSet> (domain),
        discreteIdeal (constraint), preferred, e.fitness);
    if (withStrings || std::holds_alternative<bool> (chosen))
      e.settings.set (p, toSetting (chosen));
  }

  if (c.kind == Kind::Video) {
    const auto & w = std::get<NumberSet> (c.domain (Property::Width));
    const auto & h = std::get<NumberSet> (c.domain (Property::Height));
    const auto & a = std::get<NumberSet> (c.domain (Property::AspectRatio));
    const ResolutionRegion region { w.lowest (), w.highest (), h.lowest (),
      h.highest (), a.lowest (), a.highest () };
    const ResolutionIdeal ideal { numericIdeal (basic.get (Property::Width)),
      numericIdeal (basic.get (Property::Height)),
      numericIdeal (basic.get (Property::AspectRatio)) };
    const auto size = bestResolution (region, ideal,
        c.preferredNumber (Property::Width),
        c.preferredNumber (Property::Height));
    if (!size)
      return std::nullopt;
    e.fitness += size->fitness;
    e.settings.set (Property::Width, static_cast<double> (size->width));
    e.settings.set (Property::Height, static_cast<double> (size->height));
    e.settings.set (Property::AspectRatio,
        aspectRatioOf (size->width, size->height));
  }
  return e;
}

Rank
videoRank (const Candidate &c, const Evaluation &e, const VideoMode &mode,
    const ConstraintSet &basic)
{
  const double w = c.preferredNumber (Property::Width);
  const double h = c.preferredNumber (Property::Height);
  const double sizeFromDefault = (h - kDefaultHeight) * (h - kDefaultHeight)
      + (w - kDefaultWidth) * (w - kDefaultWidth);
  const double fpsFromDefault =
      std::fabs (c.preferredNumber (Property::FrameRate) - kDefaultFrameRate);
  return Rank (e.fitness, nativeFitness (c, mode, basic), c.deviceIndex,
      sizeFromDefault, fpsFromDefault, c.rescale ? 1 : 0,
      c.compressed ? 1 : 0, c.modeIndex);
}

Rank
audioRank (const Candidate &c, const Evaluation &e, const IntRange &nativeRate,
    const IntRange &nativeChannels)
{
  const auto & echo = e.settings.get (Property::EchoCancellation);
  const bool echoOff = echo && *echo == SettingValue (false);
  const double rate = *e.settings.number (Property::SampleRate);
  const double channels = *e.settings.number (Property::ChannelCount);
  const bool upsampled = rate > nativeRate.max;
  const bool upmixed = channels > nativeChannels.max;
  const int conversions = (upsampled || rate < nativeRate.min)
      + (upmixed || channels < nativeChannels.min);
  /* Between modes that need as many conversions, the one resampling or
   * remixing down: upsampling adds no bandwidth the source lacks. */
  return Rank (e.fitness, 0, c.deviceIndex, echoOff ? 1 : 0, conversions,
      c.processed ? 1 : 0, upsampled + upmixed, c.modeIndex);
}

bool
rankLess (const Rank &a, const Rank &b)
{
  if (!approximatelyEqual (std::get<0> (a), std::get<0> (b)))
    return std::get<0> (a) < std::get<0> (b);
  if (!approximatelyEqual (std::get<1> (a), std::get<1> (b)))
    return std::get<1> (a) < std::get<1> (b);
  auto tail = [] (const Rank & r) {
    return std::make_tuple (std::get<2> (r), std::get<3> (r), std::get<4> (r),
        std::get<5> (r), std::get<6> (r), std::get<7> (r));
  };
  return tail (a) < tail (b);
}

ConstraintSet
onlyMember (const ConstraintSet &set, Property p)
{
  ConstraintSet single;
  single.get (p) = set.get (p);
  return single;
}

Error
overconstrained (std::string constraint, std::string message)
{
  return Error { ErrorName::OverconstrainedError, std::move (constraint),
    std::move (message) };
}

void
chooseNativeValues (Selection &s, const Candidate &c,
    const DeviceDescription &device)
{
  if (c.kind == Kind::Audio) {
    const AudioMode &mode = device.audioModes[c.modeIndex];
    s.nativeSampleRate = static_cast<int> (std::clamp<double> (*s.settings.number
            (Property::SampleRate), mode.sampleRate.min, mode.sampleRate.max));
    s.nativeChannels = static_cast<int> (std::clamp<double> (*s.settings.number
            (Property::ChannelCount), mode.channels.min, mode.channels.max));
    return;
  }

  const VideoMode &mode = device.videoModes[c.modeIndex];
  const double width = *s.settings.number (Property::Width);
  const double height = *s.settings.number (Property::Height);
  const double fps = *s.settings.number (Property::FrameRate);
  /* What the source can deliver itself: the size and rate asked for when
   * its caps are ranges, the native ones otherwise. */
  s.nativeWidth = static_cast<int> (std::clamp<double> (width, mode.width.min,
          mode.width.max));
  s.nativeHeight = static_cast<int> (std::clamp<double> (height,
          mode.height.min, mode.height.max));
  if (c.rescale) {
    /* Downscaling a fixed native size, or the size closest from above in a
     * range: never ask a source for less than the track shows. */
    s.nativeWidth = mode.width.fixed () ? mode.width.max : std::max<int> (
        s.nativeWidth, static_cast<int> (width));
    s.nativeHeight = mode.height.fixed () ? mode.height.max : std::max<int> (
        s.nativeHeight, static_cast<int> (height));
  }
  if (mode.frameRate.fixed ()) {
    s.nativeFrameRate = mode.frameRate.max;
  } else {
    const double nativeFps = std::clamp (fps, mode.frameRate.min.asDouble (),
        mode.frameRate.max.asDouble ());
    s.nativeFrameRate = nativeFps == mode.frameRate.max.asDouble () ?
        mode.frameRate.max : toFraction (nativeFps);
  }
}

void
completeSelection (Selection &s, const Candidate &c)
{
  if (c.kind == Kind::Audio) {
    const double rate = *s.settings.number (Property::SampleRate);
    const double channels = *s.settings.number (Property::ChannelCount);
    s.processed = c.processed;
    s.rescaled = s.nativeSampleRate != static_cast<int> (rate)
        || s.nativeChannels != static_cast<int> (channels);
    return;
  }

  const double width = *s.settings.number (Property::Width);
  const double height = *s.settings.number (Property::Height);
  const double fps = *s.settings.number (Property::FrameRate);
  s.frameRate = std::fabs (fps - s.nativeFrameRate.asDouble ()) <=
      kDoubleTolerance ? s.nativeFrameRate : toFraction (fps);
  s.rescaled = s.nativeWidth != static_cast<int> (width)
      || s.nativeHeight != static_cast<int> (height)
      || !(s.frameRate == s.nativeFrameRate);
}

}  // namespace mediastream
