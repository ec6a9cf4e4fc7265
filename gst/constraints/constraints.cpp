/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "constraints.h"

namespace mediastream {

bool
NumericConstraint::operator== (const NumericConstraint & o) const
{
  return min == o.min && max == o.max && exact == o.exact && ideal == o.ideal
      && bare == o.bare && presence == o.presence;
}

bool
DiscreteConstraint::operator== (const DiscreteConstraint & o) const
{
  return exact == o.exact && ideal == o.ideal && bare == o.bare
      && exactIsList == o.exactIsList && idealIsList == o.idealIsList;
}

bool
ConstraintSet::empty () const
{
  for (const auto & member : members) {
    if (member)
      return false;
  }
  return true;
}

bool
ConstraintSet::operator== (const ConstraintSet & o) const
{
  return members == o.members;
}

TrackConstraints
TrackConstraints::forKind (Kind kind) const
{
  auto strip = [kind] (ConstraintSet set) {
    for (const PropertyInfo & info : allProperties ()) {
      if (!appliesTo (info.id, kind))
        set.get (info.id).reset ();
    }
    return set;
  };

  TrackConstraints result;
  result.basic = strip (basic);
  result.advanced.reserve (advanced.size ());
  for (const ConstraintSet & set : advanced)
    result.advanced.push_back (strip (set));
  return result;
}

bool
TrackConstraints::operator== (const TrackConstraints & o) const
{
  return basic == o.basic && advanced == o.advanced;
}

bool
isRequired (const Constraint & c, bool inAdvanced)
{
  if (const auto * n = std::get_if<NumericConstraint> (&c)) {
    if (n->min || n->max || n->exact)
      return true;
    if (inAdvanced && n->bare)
      return true;
    return inAdvanced && n->presence.has_value ();
  }
  const auto & d = std::get<DiscreteConstraint> (c);
  if (d.exact && !d.exact->empty ())
    return true;
  return inAdvanced && d.bare && d.ideal && !d.ideal->empty ();
}

}  // namespace mediastream
