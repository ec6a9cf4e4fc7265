/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "device-wide.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace mediastream {

bool
isDeviceWide (Property p)
{
  switch (p) {
    case Property::ResizeMode:
    case Property::Width:
    case Property::Height:
    case Property::AspectRatio:
    case Property::FrameRate:
    case Property::SampleRate:
    case Property::ChannelCount:
    case Property::EchoCancellation:
    case Property::AutoGainControl:
    case Property::NoiseSuppression:
    case Property::VoiceIsolation:
      return false;
    default:
      return true;
  }
}

std::optional<Domain>
commonValues (const Domain &a, const Domain &b, Property p)
{
  if (const auto * numbers = std::get_if<NumberSet> (&a)) {
    const auto *other = std::get_if<NumberSet> (&b);
    if (!other)
      return std::nullopt;
    const PropertyInfo &info = propertyInfo (p);
    const bool isDouble = info.type == ValueType::Double
        || info.type == ValueType::BooleanOrDouble;
    NumberSet common = numbers->intersect (*other,
        info.type == ValueType::ULong, isDouble ? kDoubleTolerance : 0);
    if (common.empty ())
      return std::nullopt;
    return Domain (std::move (common));
  }
  if (const auto * choices = std::get_if<ChoiceSet> (&a)) {
    const auto *other = std::get_if<ChoiceSet> (&b);
    if (!other)
      return std::nullopt;
    ChoiceSet common;
    for (const DiscreteValue & v : *choices) {
      if (containsChoice (*other, v))
        common.push_back (v);
    }
    if (common.empty ())
      return std::nullopt;
    return Domain (std::move (common));
  }
  return std::holds_alternative<std::monostate> (b) ? std::optional<Domain>
      (a) : std::nullopt;
}

double
chooseSharedNumber (const NumberSet &domain, Property p, double preferred,
    const std::vector<double> &ideals)
{
  const bool integral = propertyInfo (p).type == ValueType::ULong;
  auto settle = [&] (double target) {
    const double v = domain.nearest (target);
    return integral ? domain.nearest (std::round (v)) : v;
  };
  if (ideals.size () <= 1)
    return settle (ideals.empty ()? preferred : ideals.front ());

  const double fallback = settle (preferred);
  double best = 0;
  std::optional<std::pair<double, double>> bestScore;
  for (double ideal : ideals) {
    const double v = settle (ideal);
    double sum = 0;
    for (double i : ideals)
      sum += numericDistance (v, i);
    const std::pair<double, double> score (sum, std::fabs (v - fallback));
    if (!bestScore || score < *bestScore) {
      best = v;
      bestScore = score;
    }
  }
  return best;
}

DiscreteValue
chooseSharedChoice (const ChoiceSet &domain,
    const std::optional<DiscreteValue> &preferred,
    const std::vector<const std::vector<DiscreteValue> *> &ideals)
{
  auto misses = [&] (const DiscreteValue & v) {
    int n = 0;
    for (const auto *ideal : ideals)
      n += containsChoice (*ideal, v) ? 0 : 1;
    return n;
  };
  int fewest = misses (domain.front ());
  for (const DiscreteValue & v : domain)
    fewest = std::min (fewest, misses (v));
  if (preferred && containsChoice (domain, *preferred)
      && misses (*preferred) == fewest)
    return *preferred;
  for (const DiscreteValue & v : domain) {
    if (misses (v) == fewest)
      return v;
  }
  return domain.front ();
}

}  // namespace mediastream
