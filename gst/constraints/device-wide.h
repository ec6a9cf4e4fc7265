/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The settings that cloned tracks of one device share because they are the
 * device's, not a track's (identity, camera controls, sample size,
 * latency), and how their one value is chosen for several tracks' ideals. */

#pragma once

#include "constraints.h"
#include "domain.h"

#include <optional>
#include <vector>

namespace mediastream {

/* Whether a property has one value for all tracks of a device; the others
 * (size, frame rate, resizeMode, sample rate, channel count, audio
 * processing) each track converts or processes on its own. */
bool isDeviceWide (Property p);

/* The values two domains of a device-wide property have in common; nullopt
 * when there are none. */
std::optional<Domain> commonValues (const Domain &a, const Domain &b,
    Property p);

/* The one value of a numeric device-wide property for the tracks' ideals:
 * with at most one ideal what that track would pick alone (the nearest
 * member, the preferred value without an ideal), else the one with the
 * smallest sum of fitness distances, nearest the preferred value on a tie. */
double chooseSharedNumber (const NumberSet &domain, Property p,
    double preferred, const std::vector<double> &ideals);

/* The one value of a boolean or string device-wide property: the fewest
 * tracks whose ideal it misses, then the preferred value, then the domain's
 * order (for one track what it would pick alone). */
DiscreteValue chooseSharedChoice (const ChoiceSet &domain,
    const std::optional<DiscreteValue> &preferred,
    const std::vector<const std::vector<DiscreteValue> *> &ideals);

}  // namespace mediastream
