/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The steps of SelectSettings that one track (select-settings.cpp) and
 * cloned tracks sharing a capture (shared-capture.cpp) take alike: a
 * candidate's best settings dictionary and its fitness distance, how equally
 * fit candidates rank, and the Selection the winner becomes. */

#pragma once

#include "candidate.h"
#include "constraints.h"
#include "device.h"
#include "error.h"
#include "select-settings.h"
#include "settings.h"

#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace mediastream {

struct Evaluation {
  Settings settings;
  double fitness = 0;
};

/* A boolean or string setting as a constraint value (nullopt for numbers). */
std::optional<DiscreteValue> toDiscrete (const std::optional<SettingValue> &v);

/* The ideal of a numeric constraint, or of a boolean or string one. */
std::optional<double> numericIdeal (const std::optional<Constraint> &c);
const std::vector<DiscreteValue> *discreteIdeal (
    const std::optional<Constraint> &c);

/* The best settings dictionary of a candidate for the basic set's ideals and
 * its fitness distance (the spec's, summed over the basic set); nullopt when
 * no integral size satisfies the candidate. Ranking needs only the numbers
 * and booleans; `withStrings` adds the identity and mode strings, which cost
 * an allocation each, for the winner alone. */
std::optional<Evaluation> evaluate (const Candidate &c,
    const ConstraintSet &basic, bool withStrings);

/* The order of candidates (lexicographic, smaller is better):
 * fitness, native fitness, device index, then for video the native size's
 * and rate's distance from the defaults, rescaling, compressed format; for
 * audio echo cancellation off, conversions, processing, upsampling or
 * upmixing; the mode index last. */
using Rank = std::tuple<double, double, std::size_t, double, double, int, int,
    std::size_t>;

/* A video candidate's rank; `mode` is its native mode. */
Rank videoRank (const Candidate &c, const Evaluation &e, const VideoMode &mode,
    const ConstraintSet &basic);

/* An audio candidate's rank, conversions counted against the native rate
 * and channel count (a mode's ranges, or the values a capture is opened
 * with). */
Rank audioRank (const Candidate &c, const Evaluation &e,
    const IntRange &nativeRate, const IntRange &nativeChannels);

/* Fitness and native fitness compare with a tolerance (they are sums of
 * ratios), the rest exactly. */
bool rankLess (const Rank &a, const Rank &b);

/* A set holding only one member of another. */
ConstraintSet onlyMember (const ConstraintSet &set, Property p);

/* An OverconstrainedError naming `constraint` ("" when no single constraint
 * is to blame) with `message` as its text. */
Error overconstrained (std::string constraint, std::string message);

/* What a native mode is opened in for settings chosen from candidate `c`
 * (s.settings must hold the numbers): the size and rate asked for when the
 * mode's caps are ranges, the native ones otherwise; never less than the
 * settings for a crop-and-scale candidate. */
void chooseNativeValues (Selection &s, const Candidate &c,
    const DeviceDescription &device);

/* The rest of a selection whose settings and native values are set: the
 * output frame rate, whether anything is converted, whether audio is
 * processed. */
void completeSelection (Selection &s, const Candidate &c);

}  // namespace mediastream
