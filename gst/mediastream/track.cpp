/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "track.h"

#include "gsttrackgate.h"
#include "json.h"

#include <algorithm>
#include <array>

namespace mediastream {

namespace {

/* Makes an element and adds it to the bin, or says which is missing. */
Result<GstElement *>
addElement (GstBin * bin, const char *factory)
{
  GstElement *element = gst_element_factory_make (factory, nullptr);
  if (element == nullptr) {
    return Error { ErrorName::NotReadableError, "",
        std::string ("the GStreamer element '") + factory +
        "' is missing; check the installation" };
  }
  gst_bin_add (bin, element);
  return element;
}

void
removeElement (GstBin * bin, GstElement *& element)
{
  if (element == nullptr)
    return;
  gst_element_set_locked_state (element, TRUE);
  gst_element_set_state (element, GST_STATE_NULL);
  gst_bin_remove (bin, element);
  element = nullptr;
}

NumericConstraint
exactly (double value)
{
  NumericConstraint c;
  c.exact = value;
  return c;
}

}  // namespace

TrackConstraints
exactFormatConstraints (Kind kind, const Selection & selection)
{
  TrackConstraints constraints;
  ConstraintSet &set = constraints.basic;
  const Settings &settings = selection.settings;
  const std::array<Property, 3> numeric = kind == Kind::Video ?
      std::array<Property, 3> { Property::Width, Property::Height,
      Property::FrameRate } :
      std::array<Property, 3> { Property::SampleRate, Property::SampleSize,
      Property::ChannelCount };
  for (Property p : numeric) {
    if (auto value = settings.number (p))
      set.get (p) = exactly (*value);
  }
  return constraints;
}

/* ---------------------------------------------------------------------- */

Capture::Capture (GstBin * bin, MediaDevice device)
  : bin_ (bin), device_ (std::move (device))
{
}

Capture::~Capture () = default;

Result<std::shared_ptr<Capture>>
Capture::create (GstBin * bin, const MediaDevice & device)
{
  std::shared_ptr<Capture> capture (new Capture (bin, device));
  capture->source_ = device.createSource ();
  if (capture->source_ == nullptr) {
    return Error { ErrorName::NotReadableError, "",
        "the device \"" + device.description.label +
        "\" cannot make a source element" };
  }
  gst_bin_add (bin, capture->source_);
  auto filter = addElement (bin, "capsfilter");
  if (!filter) {
    capture->remove ();
    return filter.error ();
  }
  capture->modeFilter_ = *filter;
  auto tee = addElement (bin, "tee");
  if (!tee) {
    capture->remove ();
    return tee.error ();
  }
  capture->tee_ = *tee;
  /* A branch being relinked (a clone added or removed) must not stop the
   * others. */
  g_object_set (capture->tee_, "allow-not-linked", TRUE, nullptr);
  if (!gst_element_link_many (capture->source_, capture->modeFilter_,
          capture->tee_, nullptr)) {
    capture->remove ();
    return Error { ErrorName::NotReadableError, "",
        "the source of \"" + device.description.label +
        "\" cannot be linked" };
  }
  /* The probe cannot outlive the capture: the capture's elements are
   * removed (and their pads with them) before it is destroyed. */
  ObjectPtr<GstPad> delivered (gst_element_get_static_pad
      (capture->modeFilter_, "src"));
  gst_pad_add_probe (delivered.get (), GST_PAD_PROBE_TYPE_BUFFER,
      onFirstBuffer, capture.get (), nullptr);
  return capture;
}

GstPadProbeReturn
Capture::onFirstBuffer (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  (void) pad;
  (void) info;
  static_cast<Capture *> (data)->started_.store (true);
  return GST_PAD_PROBE_REMOVE;
}

namespace {

GstPadProbeReturn
holdFlow (GstPad *, GstPadProbeInfo *, gpointer)
{
  return GST_PAD_PROBE_OK;
}

/* Puts a control's value into the description's current values. */
void
setCurrentValue (DeviceDescription & description, Property p,
    const SettingValue & value)
{
  if (auto number = std::get_if<double> (&value)) {
    auto control = description.numericControls.find (p);
    if (control != description.numericControls.end ())
      control->second.value = *number;
  } else if (auto mode = std::get_if<std::string> (&value)) {
    auto control = description.modeControls.find (p);
    if (control != description.modeControls.end ())
      control->second.value = *mode;
  } else if (p == Property::Torch && description.torch) {
    description.torch = std::get<bool> (value);
  }
}

std::optional<SettingValue>
currentValue (const DeviceDescription & description, Property p)
{
  if (auto control = description.numericControls.find (p);
      control != description.numericControls.end ())
    return SettingValue (control->second.value);
  if (auto control = description.modeControls.find (p);
      control != description.modeControls.end ())
    return SettingValue (control->second.value);
  if (p == Property::Torch && description.torch)
    return SettingValue (*description.torch);
  return std::nullopt;
}

}  // namespace

void
Capture::setMode (GstCaps * caps)
{
  g_object_set (modeFilter_, "caps", caps, nullptr);
}

void
Capture::switchMode (GstCaps * caps,
    const std::function<void ()> &retuneTracks)
{
  ObjectPtr<GstPad> input (gst_element_get_static_pad (modeFilter_, "sink"));
  const gulong hold = gst_pad_add_probe (input.get (), (GstPadProbeType)
      (GST_PAD_PROBE_TYPE_BLOCK_DOWNSTREAM |
          GST_PAD_PROBE_TYPE_QUERY_DOWNSTREAM), holdFlow, nullptr, nullptr);
  modeSwitched_.store (true);
  setMode (caps);
  retuneTracks ();
  gst_pad_remove_probe (input.get (), hold);
}

DeviceDescription
Capture::currentDescription () const
{
  DeviceDescription description = device_.description;
  std::lock_guard<std::mutex> guard (lock_);
  for (std::size_t i = 0; i < kPropertyCount; i++) {
    const Property p = static_cast<Property> (i);
    if (const auto &value = cameraControls_.get (p))
      setCurrentValue (description, p, *value);
  }
  return description;
}

Result<bool>
Capture::applyCameraControls (const Settings & settings)
{
  Settings changes;
  bool changing = false;
  for (std::size_t i = 0; i < kPropertyCount; i++) {
    const Property p = static_cast<Property> (i);
    const auto &value = settings.get (p);
    if (!isCameraControl (p) || !value)
      continue;
    std::optional<SettingValue> now;
    {
      std::lock_guard<std::mutex> guard (lock_);
      now = cameraControls_.get (p);
    }
    if (!now)
      now = currentValue (device_.description, p);
    if (now == *value)
      continue;
    changes.set (p, *value);
    changing = true;
  }
  if (!changing)
    return true;
  auto applied = applyCameraSettings (device_, changes);
  if (!applied)
    return applied.error ();
  std::lock_guard<std::mutex> guard (lock_);
  for (std::size_t i = 0; i < kPropertyCount; i++) {
    const Property p = static_cast<Property> (i);
    if (const auto &value = applied->get (p))
      cameraControls_.set (p, *value);
  }
  return true;
}

bool
Capture::owns (GstObject * object) const
{
  return object != nullptr && source_ != nullptr &&
      (object == GST_OBJECT (source_) ||
      gst_object_has_as_ancestor (object, GST_OBJECT (source_)));
}

std::vector<std::shared_ptr<Track>>
Capture::tracks () const
{
  std::lock_guard<std::mutex> guard (lock_);
  std::vector<std::shared_ptr<Track>> live;
  for (const auto &weak : tracks_) {
    if (auto track = weak.lock ())
      live.push_back (std::move (track));
  }
  return live;
}

void
Capture::addTrack (const std::shared_ptr<Track> &track)
{
  std::lock_guard<std::mutex> guard (lock_);
  tracks_.push_back (track);
}

void
Capture::removeTrack (const Track * track)
{
  std::lock_guard<std::mutex> guard (lock_);
  tracks_.erase (std::remove_if (tracks_.begin (), tracks_.end (),
          [track] (const std::weak_ptr<Track> &weak) {
            auto t = weak.lock ();
            return !t || t.get () == track;
          }), tracks_.end ());
}

void
Capture::releaseIfUnused ()
{
  for (const auto &track : tracks ()) {
    gint state = GST_MEDIA_STREAM_TRACK_STATE_LIVE;
    g_object_get (track->gate (), "ready-state", &state, nullptr);
    if (state == GST_MEDIA_STREAM_TRACK_STATE_LIVE)
      return;
  }
  if (source_ == nullptr || gst_element_is_locked_state (source_))
    return;
  gst_element_set_locked_state (source_, TRUE);
  gst_element_set_state (source_, GST_STATE_NULL);
}

void
Capture::remove ()
{
  removeElement (bin_, tee_);
  removeElement (bin_, modeFilter_);
  removeElement (bin_, source_);
}

/* ---------------------------------------------------------------------- */

Track::Track (GstBin * bin, std::shared_ptr<Capture> capture, TrackSpec spec)
  : bin_ (bin), capture_ (std::move (capture)),
    id_ (GCharPtr (g_uuid_string_random ()).get ()), spec_ (std::move (spec))
{
}

Track::~Track () = default;

Result<std::shared_ptr<Track>>
Track::create (GstBin * bin, std::shared_ptr<Capture> capture, TrackSpec spec,
    bool joining)
{
  std::shared_ptr<Track> track (new Track (bin, capture, std::move (spec)));
  for (auto [element, factory] : {
          std::make_pair (&track->queue_, "queue"),
          std::make_pair (&track->filter_, "constraintfilter"),
          std::make_pair (&track->gate_, "mediastreamtrackgate") }) {
    auto made = addElement (bin, factory);
    if (!made) {
      track->remove ();
      return made.error ();
    }
    *element = *made;
  }
  /* A live capture: a consumer that falls a second behind loses old data
   * rather than stalling the device for the track's clones. */
  g_object_set (track->queue_, "leaky", 2, nullptr);
  g_object_set (track->filter_, "device-id", track->spec_.deviceId.c_str (),
      "group-id", track->spec_.groupId.c_str (), nullptr);
  g_object_set (track->gate_, "track-id", track->id_.c_str (), nullptr);
  track->realise (track->spec_.constraints, track->spec_.selection);
  if (!gst_element_link_many (track->queue_, track->filter_, track->gate_,
          nullptr)) {
    track->remove ();
    return Error { ErrorName::NotReadableError, "",
        "the track's elements cannot be linked" };
  }
  if (capture) {
    if (!joining && !track->linkToCapture ()) {
      track->remove ();
      return Error { ErrorName::NotReadableError, "",
          "the track cannot be linked to its capture" };
    }
    capture->addTrack (track);
  }
  return track;
}

bool
Track::linkToCapture ()
{
  teePad_ = gst_element_request_pad_simple (capture_->tee (), "src_%u");
  ObjectPtr<GstPad> sink (gst_element_get_static_pad (queue_, "sink"));
  return gst_pad_link (teePad_, sink.get ()) == GST_PAD_LINK_OK;
}

bool
Track::admit ()
{
  for (GstElement * element : { gate_, filter_, queue_ })
    gst_element_sync_state_with_parent (element);
  return linkToCapture ();
}

GstPad *
Track::sinkPad () const
{
  return gst_element_get_static_pad (queue_, "sink");
}

GstPad *
Track::srcPad () const
{
  return gst_element_get_static_pad (gate_, "src");
}

namespace {

std::string
filterProperty (GstElement * filter, const char *name)
{
  gchar *value = nullptr;
  g_object_get (filter, name, &value, nullptr);
  GCharPtr owned (value);
  return value ? value : "{}";
}

}  // namespace

/* A track of a media file has no device for the engine to select on: its
 * constraintfilter selects on what the decoder gives, and is the one that
 * knows the settings, capabilities and accepted constraints. */
std::string
Track::constraintsJson () const
{
  if (!capture_ && filter_)
    return filterProperty (filter_, "constraints");
  std::lock_guard<std::mutex> guard (lock_);
  return toJson (spec_.constraints).dump ();
}

std::string
Track::settingsJson () const
{
  if (!capture_ && filter_)
    return filterProperty (filter_, "settings");
  std::lock_guard<std::mutex> guard (lock_);
  return toJson (spec_.selection.settings).dump ();
}

std::string
Track::capabilitiesJson () const
{
  if (!capture_ && filter_)
    return filterProperty (filter_, "capabilities");
  std::lock_guard<std::mutex> guard (lock_);
  return toJson (spec_.capabilities).dump ();
}

TrackConstraints
Track::constraints () const
{
  std::lock_guard<std::mutex> guard (lock_);
  return spec_.constraints;
}

Selection
Track::selection () const
{
  std::lock_guard<std::mutex> guard (lock_);
  return spec_.selection;
}

void
Track::realise (const TrackConstraints & constraints,
    const Selection & selection)
{
  {
    std::lock_guard<std::mutex> guard (lock_);
    spec_.constraints = constraints;
    spec_.selection = selection;
  }
  const std::string document = capture_ ?
      toJson (exactFormatConstraints (spec_.kind, selection)).dump () :
      toJson (constraints).dump ();
  g_object_set (filter_, "constraints", document.c_str (), nullptr);
}

std::string
Track::contentHint () const
{
  std::lock_guard<std::mutex> guard (lock_);
  return contentHint_;
}

bool
Track::setContentHint (const std::string &hint)
{
  static const std::array<const char *, 4> video = { "", "motion", "detail",
    "text"
  };
  static const std::array<const char *, 4> audio = { "", "speech",
    "speech-recognition", "music"
  };
  const auto &allowed = spec_.kind == Kind::Video ? video : audio;
  if (std::none_of (allowed.begin (), allowed.end (),
          [&hint] (const char *value) { return hint == value; }))
    return false;
  std::lock_guard<std::mutex> guard (lock_);
  contentHint_ = hint;
  return true;
}

void
Track::remove ()
{
  if (teePad_ != nullptr) {
    if (capture_)
      gst_element_release_request_pad (capture_->tee (), teePad_);
    gst_object_unref (teePad_);
    teePad_ = nullptr;
  }
  if (capture_)
    capture_->removeTrack (this);
  removeElement (bin_, gate_);
  removeElement (bin_, filter_);
  removeElement (bin_, queue_);
}

}  // namespace mediastream
