/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "shared-capture.h"

#include "candidate.h"
#include "device-wide.h"
#include "evaluation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

namespace mediastream {

namespace {

/* Subsets of more tracks than this are not all tried as covers. */
constexpr std::size_t kMaxTracksForAllCovers = 4;

/* The fixed values a capture opens a native mode in. */
struct NativeValues {
  int width = 0;
  int height = 0;
  Fraction frameRate;
  int sampleRate = 0;
  int channels = 0;

  bool operator== (const NativeValues &o) const {
    return width == o.width && height == o.height && frameRate == o.frameRate
        && sampleRate == o.sampleRate && channels == o.channels;
  }
};

/* Candidates are shared between tracks and captures until a constraint
 * narrows one or a device-wide value is pinned in it (a candidate is a few
 * kilobytes, and a real camera has hundreds of them per track). */
using CandidatePtr = std::shared_ptr<const Candidate>;

/* One of a track's candidates at a capture. From a ranged mode it keeps its
 * twin over the whole mode, narrowed alike: a track gets what it would pick
 * in the whole mode whenever the capture offers that (evaluateAt()). */
struct TrackCandidate {
  CandidatePtr atCapture;
  CandidatePtr inMode;                 /* only from a ranged mode */
};

/* A track's candidates that survive its constraints at one capture. */
using TrackCandidates = std::vector<TrackCandidate>;

/* One native mode's candidates (as is and crop-and-scale, or plain and
 * processed). */
struct ModeCandidates {
  std::size_t modeIndex = 0;
  TrackCandidates candidates;
};

struct Capture {
  std::size_t modeIndex = 0;
  NativeValues native;
  std::vector<TrackCandidates> tracks;
};

/* Device-wide properties that more than one track requires something of
 * (their common values have to be checked), and those any track mentions at
 * all (their one value has to be chosen for every track). */
struct SharedProperties {
  std::array<bool, kPropertyCount> requiredByMany {};
  std::array<bool, kPropertyCount> mentioned {};
};

Rank
addRanks (const Rank &a, const Rank &b)
{
  return Rank (std::get<0> (a) + std::get<0> (b),
      std::get<1> (a) + std::get<1> (b), std::get<2> (a) + std::get<2> (b),
      std::get<3> (a) + std::get<3> (b), std::get<4> (a) + std::get<4> (b),
      std::get<5> (a) + std::get<5> (b), std::get<6> (a) + std::get<6> (b),
      std::get<7> (a) + std::get<7> (b));
}

/* Between captures of one mode that rank alike: the fewest tracks
 * converted, then the smallest capture (less to transfer and convert). */
using CaptureTieBreak = std::tuple<int, double, double>;

struct ScoredCapture {
  Rank rank;
  CaptureTieBreak tieBreak;
  std::vector<std::size_t> chosen;       /* candidate per track */
  std::vector<double> fitness;           /* per track */
};

bool
scoredLess (const ScoredCapture &a, const ScoredCapture &b)
{
  if (rankLess (a.rank, b.rank))
    return true;
  if (rankLess (b.rank, a.rank))
    return false;
  return a.tieBreak < b.tieBreak;
}

bool
convertsFrom (const Settings &settings, const NativeValues &native, Kind kind)
{
  if (kind == Kind::Audio)
    return *settings.number (Property::SampleRate) != native.sampleRate
        || *settings.number (Property::ChannelCount) != native.channels;
  return *settings.number (Property::Width) != native.width
      || *settings.number (Property::Height) != native.height
      || std::fabs (*settings.number (Property::FrameRate) -
      native.frameRate.asDouble ()) > kDoubleTolerance;
}

NativeValues
nativeValuesOf (const Selection &s)
{
  return NativeValues { s.nativeWidth, s.nativeHeight, s.nativeFrameRate,
    s.nativeSampleRate, s.nativeChannels };
}

/* The smallest capture that covers the chosen ones: every track that can be
 * served from one of them by cropping, downscaling and dropping frames can
 * be served from it. */
NativeValues
coverOf (const std::vector<NativeValues> &picks, unsigned mask)
{
  std::optional<NativeValues> cover;
  for (std::size_t i = 0; i < picks.size (); i++) {
    if (!(mask & (1u << i)))
      continue;
    const NativeValues &v = picks[i];
    if (!cover) {
      cover = v;
      continue;
    }
    cover->width = std::max (cover->width, v.width);
    cover->height = std::max (cover->height, v.height);
    if (v.frameRate.asDouble () > cover->frameRate.asDouble ())
      cover->frameRate = v.frameRate;
    cover->sampleRate = std::max (cover->sampleRate, v.sampleRate);
    cover->channels = std::max (cover->channels, v.channels);
  }
  return *cover;
}

class SharedCaptureSelector {
public:
  SharedCaptureSelector (const DeviceDescription &device, Kind kind,
      const std::vector<TrackConstraints> &tracks);

  Result<SharedCapture> run ();

private:
  /* Hands each capture to `take`, which returns false to stop. */
  void buildCaptures (const std::vector<TrackConstraints> &tracks,
      bool picksFollowAdvanced,
      const std::function<bool (Capture &&)> &take) const;
  bool anyCapture (const std::vector<TrackConstraints> &tracks) const;
  std::vector<NativeValues> nativeValuesToTry (
      const std::vector<TrackCandidates> &inMode,
      const std::vector<TrackConstraints> &tracks, bool picksFollowAdvanced)
      const;
  bool isRanged (std::size_t modeIndex) const;
  NativeValues fixedNative (std::size_t modeIndex) const;
  Candidate atCapture (Candidate c, const NativeValues &native) const;
  Rank rankAt (const Candidate &c, const Evaluation &e,
      const ConstraintSet &basic, const NativeValues *native) const;
  bool sharedDomainsMeet (const std::vector<TrackCandidates> &tracks,
      std::size_t replaced, const TrackCandidates *replacement) const;
  void applyAdvancedSets (std::vector<Capture> &captures) const;
  void pinSharedValues (Capture &capture) const;
  std::optional<ScoredCapture> score (const Capture &capture,
      const std::optional<ScoredCapture> &best) const;
  SharedCapture describe (const Capture &capture,
      const ScoredCapture &scored) const;
  Error conflictError () const;
  std::string conflictingConstraint (
      const std::vector<TrackConstraints> &before,
      const ConstraintSet &basic) const;

  const DeviceDescription &device_;
  Kind kind_;
  const std::vector<TrackConstraints> &tracks_;
  std::vector<ModeCandidates> modes_;
  SharedProperties shared_;
};

SharedCaptureSelector::SharedCaptureSelector (const DeviceDescription &device,
    Kind kind, const std::vector<TrackConstraints> &tracks)
    : device_ (device), kind_ (kind), tracks_ (tracks)
{
  if (device.kind == kind) {
    std::vector<Candidate> all;
    appendCandidates (device, 0, all);
    for (Candidate & c : all) {
      if (modes_.empty () || modes_.back ().modeIndex != c.modeIndex)
        modes_.push_back (ModeCandidates { c.modeIndex, {} });
      modes_.back ().candidates.push_back (TrackCandidate {
            std::make_shared<const Candidate> (std::move (c)), nullptr });
    }
  }

  std::array<int, kPropertyCount> requiring {};
  for (const TrackConstraints & track : tracks) {
    std::array<bool, kPropertyCount> needs {};
    auto note = [&] (const ConstraintSet & set, bool advanced) {
      for (const PropertyInfo & info : allProperties ()) {
        const auto & c = set.get (info.id);
        if (!c || !isDeviceWide (info.id))
          continue;
        const auto i = static_cast<std::size_t> (info.id);
        shared_.mentioned[i] = true;
        if (isRequired (*c, advanced))
          needs[i] = true;
      }
    };
    note (track.basic, false);
    for (const ConstraintSet & set : track.advanced)
      note (set, true);
    for (std::size_t i = 0; i < kPropertyCount; i++)
      requiring[i] += needs[i] ? 1 : 0;
  }
  for (std::size_t i = 0; i < kPropertyCount; i++)
    shared_.requiredByMany[i] = requiring[i] > 1;
}

bool
SharedCaptureSelector::isRanged (std::size_t modeIndex) const
{
  if (kind_ == Kind::Audio) {
    const AudioMode &mode = device_.audioModes[modeIndex];
    return !mode.sampleRate.fixed () || !mode.channels.fixed ();
  }
  const VideoMode &mode = device_.videoModes[modeIndex];
  return !mode.width.fixed () || !mode.height.fixed ()
      || !mode.frameRate.fixed ();
}

NativeValues
SharedCaptureSelector::fixedNative (std::size_t modeIndex) const
{
  if (kind_ == Kind::Audio) {
    const AudioMode &mode = device_.audioModes[modeIndex];
    return NativeValues { 0, 0, Fraction (), mode.sampleRate.max,
      mode.channels.max };
  }
  const VideoMode &mode = device_.videoModes[modeIndex];
  return NativeValues { mode.width.max, mode.height.max, mode.frameRate.max,
    0, 0 };
}

/* A mode's candidate narrowed to what one capture of it offers: the capture
 * itself as is, anything below it converted. The preferred values stay the
 * mode's, so a track picks inside a capture what it picks inside the mode. */
Candidate
SharedCaptureSelector::atCapture (Candidate c, const NativeValues &native)
    const
{
  if (kind_ == Kind::Audio) {
    /* Conversion reaches every rate whatever the native one; only the
     * channels a capture can be remixed to depend on it. */
    const double channels = c.processed ? native.channels :
        std::max (native.channels, 2);
    c.domain (Property::ChannelCount) = NumberSet::interval (1, channels);
    return c;
  }
  const double fps = native.frameRate.asDouble ();
  if (c.rescale) {
    c.domain (Property::Width) = NumberSet::interval (1, native.width);
    c.domain (Property::Height) = NumberSet::interval (1, native.height);
    c.domain (Property::FrameRate) = NumberSet::interval (kMinFrameRate, fps);
  } else {
    c.domain (Property::Width) = NumberSet::interval (native.width,
        native.width);
    c.domain (Property::Height) = NumberSet::interval (native.height,
        native.height);
    c.domain (Property::FrameRate) = NumberSet::interval (fps, fps);
  }
  return c;
}

/* A candidate's rank inside a capture (`native`) or, without one, inside
 * its whole mode. Video ranks against the mode either way: its native
 * fitness and default distance are what selectSettings() compares. */
Rank
SharedCaptureSelector::rankAt (const Candidate &c, const Evaluation &e,
    const ConstraintSet &basic, const NativeValues *native) const
{
  if (kind_ == Kind::Video)
    return videoRank (c, e, device_.videoModes[c.modeIndex], basic);
  if (!native) {
    const AudioMode &mode = device_.audioModes[c.modeIndex];
    return audioRank (c, e, mode.sampleRate, mode.channels);
  }
  return audioRank (c, e, IntRange { native->sampleRate, native->sampleRate,
        1 }, IntRange { native->channels, native->channels, 1 });
}

/* Whether the device-wide properties still have a value every track
 * accepts, with track `replaced`'s candidates replaced when `replacement` is
 * given. All candidates of one track agree on these properties (the same
 * sets narrowed them), so its first one speaks for it. */
bool
SharedCaptureSelector::sharedDomainsMeet (
    const std::vector<TrackCandidates> &tracks, std::size_t replaced,
    const TrackCandidates *replacement) const
{
  for (const PropertyInfo & info : allProperties ()) {
    const auto i = static_cast<std::size_t> (info.id);
    if (!isDeviceWide (info.id) || !shared_.requiredByMany[i])
      continue;
    std::optional<Domain> common;
    for (std::size_t t = 0; t < tracks.size (); t++) {
      const TrackCandidates &cs = (replacement && t == replaced) ?
          *replacement : tracks[t];
      const Domain &d = cs.front ().atCapture->domain (info.id);
      common = common ? commonValues (*common, d, info.id) : d;
      if (!common)
        return false;
    }
  }
  return true;
}

/* Whether a set requires anything of a candidate of `kind`: ideals alone
 * leave its dictionaries as they are. */
bool
narrowsAnything (const ConstraintSet &set, bool advanced, Kind kind)
{
  for (const PropertyInfo & info : allProperties ()) {
    const auto & c = set.get (info.id);
    if (c && appliesTo (info.id, kind) && isRequired (*c, advanced))
      return true;
  }
  return false;
}

TrackCandidates
narrowedBy (const TrackCandidates &candidates, const ConstraintSet &set,
    bool advanced, Kind kind)
{
  if (!narrowsAnything (set, advanced, kind))
    return candidates;
  TrackCandidates kept;
  for (const TrackCandidate & c : candidates) {
    auto narrowed = std::make_shared<Candidate> (*c.atCapture);
    if (narrowCandidate (*narrowed, set, advanced))
      continue;
    /* A superset of the capture's dictionaries: it only fails where the
     * resolution check is stricter on the larger region, never in fact. */
    std::shared_ptr<Candidate> twin;
    if (c.inMode) {
      twin = std::make_shared<Candidate> (*c.inMode);
      if (narrowCandidate (*twin, set, advanced))
        twin.reset ();
    }
    kept.push_back (TrackCandidate { std::move (narrowed), std::move (twin) });
  }
  return kept;
}

/* Whether a candidate holds the size, rate or channel count of `settings`
 * (chosen from a larger candidate). */
bool
offers (const Candidate &c, const Settings &settings)
{
  for (Property p : { Property::Width, Property::Height, Property::FrameRate,
          Property::ChannelCount }) {
    const auto *numbers = std::get_if<NumberSet> (&c.domain (p));
    const std::optional<double> v = settings.number (p);
    if (numbers && v && numbers->intersect (*v, *v, false,
            kDoubleTolerance).empty ())
      return false;
  }
  return true;
}

struct Evaluated {
  const Candidate *candidate = nullptr;
  Evaluation evaluation;
};

/* A track's best dictionary of one candidate at a capture: what it picks
 * in the whole mode when the capture offers that, so that a capture opened
 * for a track alone gives it exactly selectSettings()'s choice; the best
 * the capture offers otherwise. */
std::optional<Evaluated>
evaluateAt (const TrackCandidate &c, const ConstraintSet &basic,
    bool withStrings)
{
  if (c.inMode) {
    auto e = evaluate (*c.inMode, basic, withStrings);
    if (e && offers (*c.atCapture, e->settings))
      return Evaluated { c.inMode.get (), std::move (*e) };
  }
  auto e = evaluate (*c.atCapture, basic, withStrings);
  if (!e)
    return std::nullopt;
  return Evaluated { c.atCapture.get (), std::move (*e) };
}

/* The native values of a ranged mode worth opening it in: each track's own
 * choice inside the mode (what selectSettings() would open for it alone),
 * and the covers of every group of them (of all of them only, beyond a few
 * tracks). */
std::vector<NativeValues>
SharedCaptureSelector::nativeValuesToTry (
    const std::vector<TrackCandidates> &inMode,
    const std::vector<TrackConstraints> &tracks, bool picksFollowAdvanced)
    const
{
  std::vector<NativeValues> picks;
  for (std::size_t t = 0; t < tracks.size (); t++) {
    TrackCandidates cs = inMode[t];
    if (picksFollowAdvanced) {
      for (const ConstraintSet & set : tracks[t].advanced) {
        TrackCandidates kept = narrowedBy (cs, set, true, kind_);
        if (!kept.empty ())
          cs = std::move (kept);
      }
    }
    const Candidate *best = nullptr;
    std::optional<Evaluation> bestEvaluation;
    Rank bestRank;
    for (const TrackCandidate & tc : cs) {
      const Candidate &c = *tc.atCapture;
      auto e = evaluate (c, tracks[t].basic, false);
      if (!e)
        continue;
      const Rank r = rankAt (c, *e, tracks[t].basic, nullptr);
      if (!best || rankLess (r, bestRank)) {
        best = &c;
        bestEvaluation = std::move (e);
        bestRank = r;
      }
    }
    if (!best)
      return {};
    Selection s;
    s.settings = std::move (bestEvaluation->settings);
    chooseNativeValues (s, *best, device_);
    picks.push_back (nativeValuesOf (s));
  }

  std::vector<NativeValues> values;
  auto add = [&] (const NativeValues & v) {
    if (std::find (values.begin (), values.end (), v) == values.end ())
      values.push_back (v);
  };
  const std::size_t n = picks.size ();
  if (n <= kMaxTracksForAllCovers) {
    for (unsigned mask = 1; mask < (1u << n); mask++)
      add (coverOf (picks, mask));
  } else {
    for (std::size_t t = 0; t < n; t++)
      add (picks[t]);
    add (coverOf (picks, ~0u));
  }
  return values;
}

/* Every capture that serves each track's basic set: one per fixed mode, a
 * few per ranged mode. Handed over one by one: a real camera's captures
 * with every track's candidates would take megabytes at once. */
void
SharedCaptureSelector::buildCaptures (
    const std::vector<TrackConstraints> &tracks, bool picksFollowAdvanced,
    const std::function<bool (Capture &&)> &take) const
{
  for (const ModeCandidates & mode : modes_) {
    std::vector<TrackCandidates> inMode;
    for (const TrackConstraints & track : tracks) {
      TrackCandidates cs = narrowedBy (mode.candidates, track.basic, false,
          kind_);
      if (cs.empty ())
        break;
      inMode.push_back (std::move (cs));
    }
    if (inMode.size () < tracks.size ())
      continue;

    if (!isRanged (mode.modeIndex)) {
      if (sharedDomainsMeet (inMode, 0, nullptr) && !take (Capture {
                  mode.modeIndex, fixedNative (mode.modeIndex),
                  std::move (inMode) }))
        return;
      continue;
    }

    for (const NativeValues & native : nativeValuesToTry (inMode, tracks,
            picksFollowAdvanced)) {
      Capture capture { mode.modeIndex, native, {} };
      TrackCandidates twins;
      for (const TrackCandidate & c : mode.candidates)
        twins.push_back (TrackCandidate { std::make_shared<const Candidate>
              (atCapture (*c.atCapture, native)), c.atCapture });
      for (const TrackConstraints & track : tracks) {
        TrackCandidates cs = narrowedBy (twins, track.basic, false, kind_);
        if (cs.empty ())
          break;
        capture.tracks.push_back (std::move (cs));
      }
      if (capture.tracks.size () == tracks.size ()
          && sharedDomainsMeet (capture.tracks, 0, nullptr)
          && !take (std::move (capture)))
        return;
    }
  }
}

bool
SharedCaptureSelector::anyCapture (const std::vector<TrackConstraints> &tracks)
    const
{
  bool found = false;
  buildCaptures (tracks, false, [&found] (Capture &&) {
        found = true;
        return false;
      });
  return found;
}

/* The spec's step 5 for every track, in the order given, each advanced set
 * in order: kept when some capture still serving everything kept so far
 * satisfies it (the captures that do not are dropped), skipped otherwise. */
void
SharedCaptureSelector::applyAdvancedSets (std::vector<Capture> &captures) const
{
  for (std::size_t t = 0; t < tracks_.size (); t++) {
    for (const ConstraintSet & set : tracks_[t].advanced) {
      std::vector<std::optional<TrackCandidates>> narrowed (captures.size ());
      bool any = false;
      for (std::size_t i = 0; i < captures.size (); i++) {
        TrackCandidates kept = narrowedBy (captures[i].tracks[t], set, true,
            kind_);
        if (kept.empty () || !sharedDomainsMeet (captures[i].tracks, t, &kept))
          continue;
        narrowed[i] = std::move (kept);
        any = true;
      }
      if (!any)
        continue;
      std::vector<Capture> next;
      for (std::size_t i = 0; i < captures.size (); i++) {
        if (!narrowed[i])
          continue;
        captures[i].tracks[t] = std::move (*narrowed[i]);
        next.push_back (std::move (captures[i]));
      }
      captures = std::move (next);
    }
  }
}

/* Gives every device-wide property that some track mentions its one value
 * at this capture, in every track's candidates (a track that does not
 * mention it would otherwise report its own preferred value). */
void
SharedCaptureSelector::pinSharedValues (Capture &capture) const
{
  if (capture.tracks.size () < 2)
    return;
  std::vector<std::pair<Property, Domain>> pins;
  for (const PropertyInfo & info : allProperties ()) {
    const Property p = info.id;
    if (!isDeviceWide (p) || !shared_.mentioned[static_cast<std::size_t> (p)])
      continue;
    std::optional<Domain> common;
    for (const TrackCandidates & cs : capture.tracks) {
      const Domain &d = cs.front ().atCapture->domain (p);
      common = common ? commonValues (*common, d, p) : d;
    }
    if (!common || std::holds_alternative<std::monostate> (*common))
      continue;

    const Candidate &first = *capture.tracks.front ().front ().atCapture;
    if (const auto * numbers = std::get_if<NumberSet> (&*common)) {
      std::vector<double> ideals;
      for (const TrackConstraints & track : tracks_) {
        const auto & c = track.basic.get (p);
        const auto *n = c ? std::get_if<NumericConstraint> (&*c) : nullptr;
        if (n && !n->presence && n->ideal)
          ideals.push_back (*n->ideal);
      }
      const double v = chooseSharedNumber (*numbers, p,
          first.preferredNumber (p), ideals);
      pins.emplace_back (p, NumberSet::interval (v, v));
    } else {
      std::vector<const std::vector<DiscreteValue> *> ideals;
      for (const TrackConstraints & track : tracks_) {
        if (const auto * ideal = discreteIdeal (track.basic.get (p)))
          ideals.push_back (ideal);
      }
      const auto & preferred = first.preferred[static_cast<std::size_t> (p)];
      pins.emplace_back (p, ChoiceSet { chooseSharedChoice (std::get<ChoiceSet>
                  (*common), toDiscrete (preferred), ideals) });
    }
  }
  if (pins.empty ())
    return;

  auto pinned = [&pins] (const CandidatePtr & c) -> CandidatePtr {
    if (!c)
      return nullptr;
    auto copy = std::make_shared<Candidate> (*c);
    for (const auto & [p, domain] : pins)
      copy->domain (p) = domain;
    return copy;
  };
  for (TrackCandidates & cs : capture.tracks) {
    for (TrackCandidate & c : cs)
      c = TrackCandidate { pinned (c.atCapture), pinned (c.inMode) };
  }
}

/* The constraint of a track (basic set `basic`) that keeps it from joining
 * the tracks `before`, found as selectSettings() finds one for a device:
 * first a required constraint that fails with them on its own, then the one
 * that makes the track's required constraints fail when they are added one
 * by one in Property order. */
std::string
SharedCaptureSelector::conflictingConstraint (
    const std::vector<TrackConstraints> &before, const ConstraintSet &basic)
    const
{
  auto fails = [&] (const ConstraintSet & set) {
    std::vector<TrackConstraints> joined = before;
    joined.push_back (TrackConstraints { set, {} });
    return !anyCapture (joined);
  };
  auto required = [&] (const PropertyInfo & info) {
    const auto & c = basic.get (info.id);
    return c && appliesTo (info.id, kind_) && isRequired (*c, false);
  };

  for (const PropertyInfo & info : allProperties ()) {
    if (required (info) && fails (onlyMember (basic, info.id)))
      return std::string (info.name);
  }
  ConstraintSet added;
  for (const PropertyInfo & info : allProperties ()) {
    if (!required (info))
      continue;
    added.get (info.id) = basic.get (info.id);
    if (fails (added))
      return std::string (info.name);
  }
  return "";
}

Error
SharedCaptureSelector::conflictError () const
{
  /* A track that the device cannot serve even alone: its own error. */
  for (std::size_t t = tracks_.size (); t-- > 0;) {
    if (anyCapture ({ TrackConstraints { tracks_[t].basic, {} } }))
      continue;
    auto alone = selectSettings ({ device_ }, kind_, tracks_[t]);
    if (!alone)
      return alone.error ();
  }

  std::vector<TrackConstraints> before;
  for (const TrackConstraints & track : tracks_) {
    std::vector<TrackConstraints> joined = before;
    joined.push_back (TrackConstraints { track.basic, {} });
    if (anyCapture (joined)) {
      before = std::move (joined);
      continue;
    }
    std::string constraint = conflictingConstraint (before, track.basic);
    std::string message = constraint.empty () ?
        std::string ("The constraints cannot be satisfied together with the "
        "other tracks of this device") :
        "The required constraint \"" + constraint + "\" cannot be satisfied "
        "together with the other tracks of this device";
    return overconstrained (std::move (constraint), std::move (message));
  }
  return overconstrained ("", "No capture of this device serves every track");
}

Result<SharedCapture>
SharedCaptureSelector::run ()
{
  if (tracks_.empty ())
    return Error { ErrorName::TypeError, "", "A shared capture needs at "
          "least one track" };
  if (modes_.empty ())
    return selectSettings ({ device_ }, kind_, tracks_.back ()).error ();

  /* Step 6 for all tracks at once, capture by capture as they come unless
   * step 5 needs them all first. */
  const bool anyAdvanced = std::any_of (tracks_.begin (), tracks_.end (),
      [] (const TrackConstraints & t) { return !t.advanced.empty (); });
  std::optional<ScoredCapture> best;
  std::optional<Capture> bestCapture;
  auto consider = [&] (Capture && capture) {
    pinSharedValues (capture);
    std::optional<ScoredCapture> scored = score (capture, best);
    if (scored && (!best || scoredLess (*scored, *best))) {
      best = std::move (scored);
      bestCapture = std::move (capture);
    }
  };
  std::vector<Capture> captures;
  bool found = false;
  auto take = [&] (Capture && capture) {
    found = true;
    if (anyAdvanced)
      captures.push_back (std::move (capture));
    else
      consider (std::move (capture));
    return true;
  };

  buildCaptures (tracks_, true, take);
  /* Each track's own choice with its advanced sets may miss a capture that
   * serves all of them; its choice for the basic set alone may not. */
  if (!found && tracks_.size () > 1)
    buildCaptures (tracks_, false, take);
  if (!found)
    return conflictError ();
  if (anyAdvanced) {
    applyAdvancedSets (captures);
    for (Capture & capture : captures)
      consider (std::move (capture));
  }
  if (!best)
    return conflictError ();
  return describe (*bestCapture, *best);
}

/* Each track's best dictionary at a capture, and the capture's rank: the
 * sum of the tracks' ranks (fitness first), then its own tie-break. Nothing
 * once the tracks so far are already less fit than the `best` capture. */
std::optional<ScoredCapture>
SharedCaptureSelector::score (const Capture &capture,
    const std::optional<ScoredCapture> &best) const
{
  ScoredCapture scored;
  int converted = 0;
  for (std::size_t t = 0; t < tracks_.size (); t++) {
    const ConstraintSet &basic = tracks_[t].basic;
    std::optional<std::size_t> chosen;
    std::optional<Evaluated> chosenEvaluation;
    Rank chosenRank;
    for (std::size_t k = 0; k < capture.tracks[t].size (); k++) {
      auto e = evaluateAt (capture.tracks[t][k], basic, false);
      if (!e)
        continue;
      const Rank r = rankAt (*e->candidate, e->evaluation, basic,
          &capture.native);
      if (!chosen || rankLess (r, chosenRank)) {
        chosen = k;
        chosenEvaluation = std::move (e);
        chosenRank = r;
      }
    }
    if (!chosen)
      return std::nullopt;
    scored.rank = t == 0 ? chosenRank : addRanks (scored.rank, chosenRank);
    /* Every term of a rank is a sum of non-negative ones: more tracks
     * cannot make it better. */
    if (best && rankLess (best->rank, scored.rank))
      return std::nullopt;
    converted += convertsFrom (chosenEvaluation->evaluation.settings,
        capture.native, kind_) ? 1 : 0;
    scored.chosen.push_back (*chosen);
    scored.fitness.push_back (chosenEvaluation->evaluation.fitness);
  }
  const NativeValues &n = capture.native;
  scored.tieBreak = kind_ == Kind::Video ?
      CaptureTieBreak (converted, static_cast<double> (n.width) * n.height,
      n.frameRate.asDouble ()) :
      CaptureTieBreak (converted, n.sampleRate, n.channels);
  return scored;
}

SharedCapture
SharedCaptureSelector::describe (const Capture &capture,
    const ScoredCapture &scored) const
{
  SharedCapture shared;
  shared.modeIndex = capture.modeIndex;
  shared.nativeWidth = capture.native.width;
  shared.nativeHeight = capture.native.height;
  shared.nativeFrameRate = capture.native.frameRate;
  shared.nativeSampleRate = capture.native.sampleRate;
  shared.nativeChannels = capture.native.channels;
  for (std::size_t t = 0; t < tracks_.size (); t++) {
    auto e = evaluateAt (capture.tracks[t][scored.chosen[t]],
        tracks_[t].basic, true);
    Selection s;
    s.modeIndex = capture.modeIndex;
    s.settings = std::move (e->evaluation.settings);
    s.fitness = scored.fitness[t];
    s.nativeWidth = capture.native.width;
    s.nativeHeight = capture.native.height;
    s.nativeFrameRate = capture.native.frameRate;
    s.nativeSampleRate = capture.native.sampleRate;
    s.nativeChannels = capture.native.channels;
    completeSelection (s, *e->candidate);
    shared.tracks.push_back (std::move (s));
  }
  if (kind_ == Kind::Audio) {
    const auto size = shared.tracks.front ().settings.number
        (Property::SampleSize);
    shared.nativeSampleSize = size ? static_cast<int> (*size) : 0;
  }
  return shared;
}

}  // namespace

Result<SharedCapture>
selectSharedCapture (const DeviceDescription &device, Kind kind,
    const std::vector<TrackConstraints> &tracks)
{
  return SharedCaptureSelector (device, kind, tracks).run ();
}

}  // namespace mediastream
