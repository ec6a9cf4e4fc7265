/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "select-settings.h"

#include "candidate.h"
#include "resolution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

namespace mediastream {

namespace {

using std::string_literals::operator""s;

/* Fitness distances closer than this are equal (they are sums of ratios). */
constexpr double kFitnessTolerance = 1e-9;

struct Evaluation {
  Settings settings;
  double fitness = 0;
};

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

SettingValue
toSetting (const DiscreteValue &v)
{
  return std::visit ([] (auto && x) -> SettingValue { return x; }, v);
}

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

/* The best settings dictionary of a candidate for the basic set's ideals and
 * its fitness distance (the spec's, summed over the basic set). Ranking
 * needs only the numbers and booleans; `withStrings` adds the identity and
 * mode strings, which cost an allocation each, for the winner alone. */
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

/* Chromium's tie-break for equally fit candidates: how far the native mode
 * is from the ideal (or the largest allowed) width, height and frame rate.
 * It makes {width: {max: 640}} open a native 640 rather than scale 1280. */
double
nativeFitness (const Candidate &c, const DeviceDescription &device,
    const ConstraintSet &basic)
{
  const VideoMode &mode = device.videoModes[c.modeIndex];
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

using Rank = std::tuple<double, double, std::size_t, double, double, int, int,
    std::size_t>;

bool
approximatelyEqual (double a, double b)
{
  return std::fabs (a - b) <= kFitnessTolerance;
}

/* Lexicographic order: fitness, then (video) native fitness, then the
 * device's place in the list (the default device first), then closeness of
 * the native mode to the defaults 640x480@30, then no rescaling, then raw
 * over compressed; (audio) echo cancellation on, then the fewest
 * conversions and processing steps. */
Rank
rankOf (const Candidate &c, const Evaluation &e,
    const std::vector<DeviceDescription> &devices, const ConstraintSet &basic)
{
  const DeviceDescription &device = devices[c.deviceIndex];
  if (c.kind == Kind::Video) {
    const double w = c.preferredNumber (Property::Width);
    const double h = c.preferredNumber (Property::Height);
    const double sizeFromDefault = (h - kDefaultHeight) * (h - kDefaultHeight)
        + (w - kDefaultWidth) * (w - kDefaultWidth);
    const double fpsFromDefault =
        std::fabs (c.preferredNumber (Property::FrameRate) - kDefaultFrameRate);
    return Rank (e.fitness, nativeFitness (c, device, basic), c.deviceIndex,
        sizeFromDefault, fpsFromDefault, c.rescale ? 1 : 0,
        c.compressed ? 1 : 0, c.modeIndex);
  }

  const auto & echo = e.settings.get (Property::EchoCancellation);
  const bool echoOff = echo && *echo == SettingValue (false);
  const AudioMode &mode = device.audioModes[c.modeIndex];
  const double rate = *e.settings.number (Property::SampleRate);
  const double channels = *e.settings.number (Property::ChannelCount);
  int conversions = (rate < mode.sampleRate.min || rate > mode.sampleRate.max)
      + (channels < mode.channels.min || channels > mode.channels.max);
  return Rank (e.fitness, 0, c.deviceIndex, echoOff ? 1 : 0, conversions,
      c.processed ? 1 : 0, 0, c.modeIndex);
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

/* A set holding only one member of another. */
ConstraintSet
onlyMember (const ConstraintSet &set, Property p)
{
  ConstraintSet single;
  single.get (p) = set.get (p);
  return single;
}

bool
anySurvives (std::vector<Candidate> candidates, const ConstraintSet &set)
{
  for (Candidate & c : candidates) {
    if (!narrowCandidate (c, set, false))
      return true;
  }
  return false;
}

/* The constraint an OverconstrainedError names. First a required constraint
 * that no settings dictionary satisfies on its own (the spec's "fitness
 * distance was infinity for all settings dictionaries"); when only the
 * combination fails, the constraint that empties the candidates when they
 * are applied one by one in Property order (as Chromium reports
 * {width: {exact: 639}, resizeMode: {exact: "none"}} as "width"). */
std::string
failedConstraintName (const std::vector<Candidate> &all,
    const ConstraintSet &basic, Kind kind)
{
  for (const PropertyInfo & info : allProperties ()) {
    const auto & c = basic.get (info.id);
    if (c && appliesTo (info.id, kind) && isRequired (*c, false)
        && !anySurvives (all, onlyMember (basic, info.id)))
      return std::string (info.name);
  }

  std::vector<Candidate> survivors = all;
  for (const PropertyInfo & info : allProperties ()) {
    const auto & c = basic.get (info.id);
    if (!c || !appliesTo (info.id, kind) || !isRequired (*c, false))
      continue;
    const ConstraintSet single = onlyMember (basic, info.id);
    std::vector<Candidate> next;
    for (Candidate candidate : survivors) {
      if (!narrowCandidate (candidate, single, false))
        next.push_back (std::move (candidate));
    }
    if (next.empty ())
      return std::string (info.name);
    survivors = std::move (next);
  }
  return "";
}

/* Controllable booleans are listed [true, false], as the spec shows them. */
CapabilityList
trueBeforeFalse (CapabilityList list)
{
  const bool hasTrue = containsChoice (list, DiscreteValue (true));
  const bool hasFalse = containsChoice (list, DiscreteValue (false));
  if (!hasTrue || !hasFalse || list.size () != 2)
    return list;
  return CapabilityList { true, false };
}

Error
overconstrained (std::string constraint)
{
  std::string message = constraint.empty () ?
      "No device can satisfy the required constraints together"s :
      "No device can satisfy the required constraint \"" + constraint + "\"";
  return Error { ErrorName::OverconstrainedError, std::move (constraint),
    std::move (message) };
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

void
fillVideoSelection (Selection &s, const Candidate &c, const VideoMode &mode)
{
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
  s.frameRate = std::fabs (fps - s.nativeFrameRate.asDouble ()) <=
      kDoubleTolerance ? s.nativeFrameRate : toFraction (fps);
  s.rescaled = s.nativeWidth != static_cast<int> (width)
      || s.nativeHeight != static_cast<int> (height)
      || !(s.frameRate == s.nativeFrameRate);
}

void
fillAudioSelection (Selection &s, const Candidate &c, const AudioMode &mode)
{
  const double rate = *s.settings.number (Property::SampleRate);
  const double channels = *s.settings.number (Property::ChannelCount);
  s.nativeSampleRate = static_cast<int> (std::clamp<double> (rate,
          mode.sampleRate.min, mode.sampleRate.max));
  s.nativeChannels = static_cast<int> (std::clamp<double> (channels,
          mode.channels.min, mode.channels.max));
  s.processed = c.processed;
  s.rescaled = s.nativeSampleRate != static_cast<int> (rate)
      || s.nativeChannels != static_cast<int> (channels);
}

}  // namespace

Result<Selection>
selectSettings (const std::vector<DeviceDescription> &devices, Kind kind,
    const TrackConstraints &constraints)
{
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < devices.size (); i++) {
    if (devices[i].kind == kind)
      appendCandidates (devices[i], i, candidates);
  }
  if (candidates.empty ())
    return Error { ErrorName::NotFoundError, "", "No " + std::string
          (kindName (kind)) + " input device with a usable mode was found" };

  /* Step 3: the dictionaries with a finite fitness for the basic set. */
  candidates.erase (std::remove_if (candidates.begin (), candidates.end (),
          [&] (Candidate & c) {
            return narrowCandidate (c, constraints.basic, false).has_value ();
          }), candidates.end ());
  if (candidates.empty ()) {
    /* Naming the culprit needs the candidates as they were. */
    std::vector<Candidate> all;
    for (std::size_t i = 0; i < devices.size (); i++) {
      if (devices[i].kind == kind)
        appendCandidates (devices[i], i, all);
    }
    return overconstrained (failedConstraintName (all, constraints.basic,
            kind));
  }

  /* Step 5: each advanced set in order, kept if something satisfies it. */
  for (const ConstraintSet & set : constraints.advanced) {
    std::vector<Candidate> kept;
    for (const Candidate & c : candidates) {
      Candidate narrowed = c;
      if (!narrowCandidate (narrowed, set, true))
        kept.push_back (std::move (narrowed));
    }
    if (!kept.empty ())
      candidates = std::move (kept);
  }

  /* Step 6: the smallest fitness distance; ties as rankOf() says. */
  const Candidate *best = nullptr;
  std::optional<Evaluation> bestEvaluation;
  Rank bestRank;
  for (const Candidate & c : candidates) {
    auto e = evaluate (c, constraints.basic, false);
    if (!e)
      continue;
    Rank r = rankOf (c, *e, devices, constraints.basic);
    if (!best || rankLess (r, bestRank)) {
      best = &c;
      bestEvaluation = std::move (e);
      bestRank = r;
    }
  }
  if (!best)
    return overconstrained ("");

  Selection s;
  s.deviceIndex = best->deviceIndex;
  s.modeIndex = best->modeIndex;
  s.settings = evaluate (*best, constraints.basic, true)->settings;
  s.fitness = bestEvaluation->fitness;
  const DeviceDescription &device = devices[best->deviceIndex];
  if (kind == Kind::Video)
    fillVideoSelection (s, *best, device.videoModes[best->modeIndex]);
  else
    fillAudioSelection (s, *best, device.audioModes[best->modeIndex]);
  return s;
}

Result<TrackConstraints>
prepareForGetUserMedia (Kind kind, const TrackConstraints &constraints)
{
  TrackConstraints prepared = constraints.forKind (kind);
  for (const PropertyInfo & info : allProperties ()) {
    const auto & c = prepared.basic.get (info.id);
    if (c && isRequired (*c, false) && !info.allowedRequiredInGetUserMedia)
      return Error { ErrorName::TypeError, "",
            std::string (kindName (kind)) + "." + std::string (info.name) +
            ": a required constraint on this property cannot select a device" };
  }
  return prepared;
}

Result<std::vector<TrackSelection>>
getUserMedia (const std::vector<DeviceDescription> &devices,
    const StreamConstraints &constraints)
{
  if (!constraints.audio && !constraints.video)
    return Error { ErrorName::TypeError, "",
          "At least one of audio and video must be requested" };

  std::vector<TrackSelection> tracks;
  for (Kind kind : { Kind::Audio, Kind::Video }) {
    const auto & requested = constraints.forKind (kind);
    if (!requested)
      continue;
    auto prepared = prepareForGetUserMedia (kind, *requested);
    if (!prepared)
      return prepared.error ();
    tracks.push_back (TrackSelection { kind, Selection (),
            std::move (prepared).value () });
  }

  for (TrackSelection & track : tracks) {
    const bool present = std::any_of (devices.begin (), devices.end (),
        [&] (const DeviceDescription & d) { return d.kind == track.kind; });
    if (!present)
      return Error { ErrorName::NotFoundError, "", "No " +
            std::string (track.kind == Kind::Audio ? "audioinput" :
                "videoinput") + " device was found" };
  }

  for (TrackSelection & track : tracks) {
    auto selection = selectSettings (devices, track.kind, track.constraints);
    if (!selection)
      return selection.error ();
    track.selection = std::move (selection).value ();
  }
  return tracks;
}

Capabilities
capabilitiesOf (const DeviceDescription &device)
{
  std::vector<Candidate> candidates;
  appendCandidates (device, 0, candidates);

  Capabilities caps;
  for (const PropertyInfo & info : allProperties ()) {
    const Property p = info.id;
    std::optional<CapabilityRange> range;
    CapabilityList list;
    for (const Candidate & c : candidates) {
      const Domain &d = c.domain (p);
      if (const auto * numbers = std::get_if<NumberSet> (&d)) {
        if (!range)
          range = CapabilityRange { numbers->lowest (), numbers->highest () };
        range->min = std::min (range->min, numbers->lowest ());
        range->max = std::max (range->max, numbers->highest ());
      } else if (const auto * choices = std::get_if<ChoiceSet> (&d)) {
        for (const DiscreteValue & v : *choices) {
          if (!containsChoice (list, v))
            list.push_back (v);
        }
      }
    }
    if (p == Property::DeviceId || p == Property::GroupId) {
      caps.set (p, p == Property::DeviceId ? device.deviceId : device.groupId);
    } else if (p == Property::AspectRatio) {
      /* Derived from the extreme sizes, as a page would compute it. */
      const auto & w = caps.get (Property::Width);
      const auto & h = caps.get (Property::Height);
      if (w && h) {
        const auto & wr = std::get<CapabilityRange> (*w);
        const auto & hr = std::get<CapabilityRange> (*h);
        caps.set (p, CapabilityRange { aspectRatioOf (wr.min, hr.max),
              aspectRatioOf (wr.max, hr.min) });
      }
    } else if (p == Property::FrameRate && range) {
      caps.set (p, CapabilityRange { 0, range->max });
    } else if (p == Property::EchoCancellation && !list.empty ()) {
      /* Booleans only: a page tests the capability for true/false. */
      CapabilityList booleans;
      for (bool b : { true, false }) {
        if (containsChoice (list, DiscreteValue (b)))
          booleans.push_back (b);
      }
      caps.set (p, booleans);
    } else if (range) {
      const auto control = device.numericControls.find (p);
      if (control != device.numericControls.end () && control->second.step > 0)
        range->step = control->second.step;
      caps.set (p, *range);
    } else if (!list.empty ()) {
      caps.set (p, trueBeforeFalse (std::move (list)));
    }
  }
  if (device.kind == Kind::Video && !caps.get (Property::FacingMode))
    caps.set (Property::FacingMode, CapabilityList {});
  return caps;
}

std::vector<Property>
supportedConstraints ()
{
  std::vector<Property> all;
  for (const PropertyInfo & info : allProperties ())
    all.push_back (info.id);
  return all;
}

}  // namespace mediastream
