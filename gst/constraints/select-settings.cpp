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
#include "evaluation.h"
#include "resolution.h"

#include <algorithm>
#include <string>

namespace mediastream {

namespace {

using std::string_literals::operator""s;

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
noDeviceSatisfies (std::string constraint)
{
  std::string message = constraint.empty () ?
      "No device can satisfy the required constraints together"s :
      "No device can satisfy the required constraint \"" + constraint + "\"";
  return overconstrained (std::move (constraint), std::move (message));
}

Rank
rankOf (const Candidate &c, const Evaluation &e,
    const std::vector<DeviceDescription> &devices, const ConstraintSet &basic)
{
  const DeviceDescription &device = devices[c.deviceIndex];
  if (c.kind == Kind::Video)
    return videoRank (c, e, device.videoModes[c.modeIndex], basic);
  const AudioMode &mode = device.audioModes[c.modeIndex];
  return audioRank (c, e, mode.sampleRate, mode.channels);
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
    return noDeviceSatisfies (failedConstraintName (all, constraints.basic,
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
    return noDeviceSatisfies ("");

  Selection s;
  s.deviceIndex = best->deviceIndex;
  s.modeIndex = best->modeIndex;
  s.settings = evaluate (*best, constraints.basic, true)->settings;
  s.fitness = bestEvaluation->fitness;
  chooseNativeValues (s, *best, devices[best->deviceIndex]);
  completeSelection (s, *best);
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
