/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "domain.h"

#include <algorithm>
#include <cmath>

namespace mediastream {

NumberSet
NumberSet::interval (double lo, double hi)
{
  NumberSet s;
  s.lo_ = lo;
  s.hi_ = hi;
  return s;
}

NumberSet
NumberSet::values (std::vector<double> values)
{
  std::sort (values.begin (), values.end ());
  values.erase (std::unique (values.begin (), values.end ()), values.end ());
  NumberSet s;
  s.discrete_ = true;
  s.values_ = std::move (values);
  return s;
}

bool
NumberSet::empty () const
{
  return discrete_ ? values_.empty () : !(lo_ <= hi_);
}

double
NumberSet::lowest () const
{
  return discrete_ ? values_.front () : lo_;
}

double
NumberSet::highest () const
{
  return discrete_ ? values_.back () : hi_;
}

bool
NumberSet::contains (double v) const
{
  if (discrete_)
    return std::binary_search (values_.begin (), values_.end (), v);
  return lo_ <= v && v <= hi_;
}

double
NumberSet::nearest (double target) const
{
  if (!discrete_)
    return std::clamp (target, lo_, hi_);
  auto above = std::lower_bound (values_.begin (), values_.end (), target);
  if (above == values_.end ())
    return values_.back ();
  if (above == values_.begin ())
    return *above;
  const double below = *std::prev (above);
  return (target - below < *above - target) ? below : *above;
}

NumberSet
NumberSet::intersect (double lo, double hi, bool integral,
    double tolerance) const
{
  if (integral) {
    lo = std::ceil (lo);
    hi = std::floor (hi);
  }
  if (!discrete_) {
    NumberSet s = interval (std::max (lo_, lo), std::min (hi_, hi));
    if (s.empty () && lo <= hi && lo_ <= hi_) {
      /* Only a near miss: keep the domain's bound closest to [lo, hi]. */
      const double bound = hi_ < lo ? hi_ : lo_;
      if (bound >= lo - tolerance && bound <= hi + tolerance)
        return interval (bound, bound);
    }
    return s;
  }

  std::vector<double> kept;
  for (double v : values_) {
    if (lo - tolerance <= v && v <= hi + tolerance)
      kept.push_back (v);
  }
  NumberSet s;
  s.discrete_ = true;
  s.values_ = std::move (kept);
  return s;
}

NumberSet
NumberSet::intersect (const NumberSet &other, bool integral,
    double tolerance) const
{
  if (!other.discrete_)
    return intersect (other.lo_, other.hi_, integral, tolerance);
  if (!discrete_)
    return other.intersect (lo_, hi_, integral, tolerance);

  std::vector<double> kept;
  for (double v : values_) {
    if (!other.values_.empty () && std::fabs (other.nearest (v) - v) <=
        tolerance)
      kept.push_back (v);
  }
  NumberSet s;
  s.discrete_ = true;
  s.values_ = std::move (kept);
  return s;
}

double
numericDistance (double actual, double ideal)
{
  if (actual == ideal)
    return 0;
  const double scale = std::max (std::fabs (actual), std::fabs (ideal));
  return std::fabs (actual - ideal) / scale;
}

bool
containsChoice (const std::vector<DiscreteValue> &list, const DiscreteValue &v)
{
  return std::find (list.begin (), list.end (), v) != list.end ();
}

}  // namespace mediastream
