/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The values a property can take inside one candidate of SelectSettings: a
 * compact stand-in for the many settings dictionaries a native mode offers
 * (the spec allows tracking ranges instead of enumerating dictionaries). */

#pragma once

#include "constraints.h"

#include <optional>
#include <variant>
#include <vector>

namespace mediastream {

/* Tolerance when comparing double-typed settings with constraint values. */
inline constexpr double kDoubleTolerance = 1e-5;

/* Numbers: a closed interval, or a sorted list of values. */
class NumberSet {
public:
  static NumberSet interval (double lo, double hi);
  static NumberSet values (std::vector<double> values);

  bool empty () const;
  double lowest () const;
  double highest () const;
  bool contains (double v) const;
  /* The member closest to `target`; the higher one on a tie. */
  double nearest (double target) const;
  /* Members within [lo, hi]; integral sets keep integral bounds. Members
   * missing [lo, hi] by no more than `tolerance` count as inside (a native
   * 30000/1001 fps satisfies an exact 29.97) but are not moved into it. */
  NumberSet intersect (double lo, double hi, bool integral,
      double tolerance = 0) const;
  /* The members of both sets, with the same near-miss rule. */
  NumberSet intersect (const NumberSet &other, bool integral,
      double tolerance = 0) const;

private:
  bool discrete_ = false;
  double lo_ = 0;
  double hi_ = -1;
  std::vector<double> values_;
};

/* Booleans and strings: the values still allowed. */
using ChoiceSet = std::vector<DiscreteValue>;

/* monostate: the property does not exist for this candidate. */
using Domain = std::variant<std::monostate, NumberSet, ChoiceSet>;

/* The spec's fitness distance between a numeric setting and an ideal. */
double numericDistance (double actual, double ideal);

bool containsChoice (const std::vector<DiscreteValue> &list,
    const DiscreteValue &v);

}  // namespace mediastream
