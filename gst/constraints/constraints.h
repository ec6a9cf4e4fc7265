/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* MediaStreamConstraints / MediaTrackConstraints after WebIDL conversion:
 * what a web page wrote, with the shape it wrote it in (a bare value or a
 * dictionary, a string or a list), so getConstraints() can give it back. */

#pragma once

#include "property.h"

#include <array>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mediastream {

/* ConstrainULong, ConstrainDouble, and (boolean or ConstrainDouble). ULong
 * values are already clamped to [0, 2^32-1] and rounded, as [Clamp] does. */
struct NumericConstraint {
  std::optional<double> min;
  std::optional<double> max;
  std::optional<double> exact;
  std::optional<double> ideal;
  /* Written as a bare number: ideal in the basic set, exact in advanced. */
  bool bare = false;
  /* pan/tilt/zoom written as a boolean: "the camera must (not) have it". */
  std::optional<bool> presence;

  bool operator== (const NumericConstraint &) const;
};

/* A DOMString or a boolean (echoCancellation takes both). */
using DiscreteValue = std::variant<bool, std::string>;

/* ConstrainDOMString, ConstrainBoolean and ConstrainBooleanOrDOMString. A
 * list is a disjunction: "one of these". An empty list, as the spec says, is
 * the same as not giving the member; it is still kept for serialisation. */
struct DiscreteConstraint {
  std::optional<std::vector<DiscreteValue>> exact;
  std::optional<std::vector<DiscreteValue>> ideal;
  /* Written as a bare value (kept in `ideal`): ideal in the basic set,
   * exact in an advanced set. */
  bool bare = false;
  /* Whether exact / ideal were written as a sequence (for serialisation). */
  bool exactIsList = false;
  bool idealIsList = false;

  bool operator== (const DiscreteConstraint &) const;
};

using Constraint = std::variant<NumericConstraint, DiscreteConstraint>;

/* MediaTrackConstraintSet: at most one constraint per property. */
struct ConstraintSet {
  std::array<std::optional<Constraint>, kPropertyCount> members;

  const std::optional<Constraint> &get (Property p) const {
    return members[static_cast<std::size_t> (p)];
  }
  std::optional<Constraint> &get (Property p) {
    return members[static_cast<std::size_t> (p)];
  }
  bool empty () const;
  bool operator== (const ConstraintSet &) const;
};

/* MediaTrackConstraints: the basic set and the advanced sets, in order. */
struct TrackConstraints {
  ConstraintSet basic;
  std::vector<ConstraintSet> advanced;

  /* A copy without the constraints that do not apply to `kind`
   * (getUserMedia ignores audio constraints in `video` and vice versa). */
  TrackConstraints forKind (Kind kind) const;
  bool operator== (const TrackConstraints &) const;
};

/* The per-kind member of MediaStreamConstraints; absent means the kind was
 * not requested (false, or missing). `true` is an empty TrackConstraints. */
struct StreamConstraints {
  std::optional<TrackConstraints> audio;
  std::optional<TrackConstraints> video;

  const std::optional<TrackConstraints> &forKind (Kind kind) const {
    return kind == Kind::Audio ? audio : video;
  }
};

/* Whether the member is required in the basic set (min, max or exact), or,
 * with inAdvanced, whether it is required in an advanced set (where a bare
 * value is exact as well). Empty exact lists do not make it required. */
bool isRequired (const Constraint &c, bool inAdvanced);

}  // namespace mediastream
