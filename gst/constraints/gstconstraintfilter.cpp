/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-constraintfilter
 * @title: constraintfilter
 * @see_also: capsfilter, videoconvertscale, videorate, audioresample
 *
 * Realises a Media Capture and Streams `MediaTrackConstraints` document on
 * one track: it asks upstream which modes it can produce, selects settings
 * as a browser's getUserMedia() would (the W3C SelectSettings algorithm),
 * steers the source to the best native mode and converts only what the
 * chosen settings need (crop and scale, frame-rate decimation, MJPEG
 * decoding, resampling and remixing). When the native mode is the answer
 * the element is passthrough, with no converter in the data path.
 *
 * Setting #GstConstraintFilter:constraints while PLAYING is
 * applyConstraints(): the source is renegotiated when it can be, and a
 * document that cannot be satisfied leaves the track as it was and posts a
 * warning whose details name the DOMException and the constraint.
 *
 * ## Example pipelines
 * |[
 * gst-launch-1.0 v4l2src ! constraintfilter constraints='{"width":1280,"height":720,"frameRate":30}' ! videoconvert ! autovideosink
 * ]| Opens the camera mode closest to 720p30, MJPEG decoded if that is it.
 * |[
 * gst-launch-1.0 videotestsrc is-live=true ! video/x-raw,width=1920,height=1080 ! constraintfilter constraints='{"width":{"exact":1280},"aspectRatio":{"exact":1.3333333333},"resizeMode":"crop-and-scale"}' ! fakesink
 * ]| Crops 1080p to 4:3 and scales it to 1280x960.
 *
 * Since: 0.1
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstconstraintfilter.h"

#include "conversion-plan.h"
#include "gst-caps.h"
#include "gst-dom-exception.h"
#include "gst-translations.h"
#include "gst-ptr.h"
#include "json.h"
#include "select-settings.h"

#include <glib/gi18n-lib.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

GST_DEBUG_CATEGORY_STATIC (gst_constraint_filter_debug);
#define GST_CAT_DEFAULT gst_constraint_filter_debug

using namespace mediastream;

enum
{
  PROP_0,
  PROP_CONSTRAINTS,
  PROP_SETTINGS,
  PROP_CAPABILITIES,
  PROP_KIND,
  PROP_DEVICE_ID,
  PROP_GROUP_ID,
};

#define TRACK_CAPS "video/x-raw(ANY); image/jpeg; audio/x-raw(ANY)"

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS (TRACK_CAPS));
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS (TRACK_CAPS));

/* *INDENT-OFF* */
/* A selection and the chain that realises it. */
struct Configuration {
  DeviceDescription device;
  Selection selection;
  ConversionPlan plan;
};

/* What the element has applied: the constraints getConstraints() returns,
 * the source they were selected on, and the chain realising them. */
struct AppliedTrack {
  TrackConstraints constraints;
  std::string constraintsJson = "{}";
  /* A document refused before the track ran: its first negotiation fails
   * with this, as getUserMedia would, rather than running unconstrained. */
  std::optional<Error> refusedDocument;
  std::optional<DeviceDescription> device;
  std::optional<Selection> selection;
  std::vector<std::string> converterFactories;
  std::optional<CropRect> crop;
};

struct GstConstraintFilterPrivate {
  /* Guards the fields below; never held across pad operations that wait
   * for the data flow (adding or removing a probe does not, and the hold-back
   * probe's id must change together with the caps it awaits). */
  std::mutex lock;
  AppliedTrack applied;
  std::string deviceId;
  std::string groupId;
  /* Serialises (re)configuration, which can start from the application
   * (a property) or from the streaming thread (a caps query). */
  std::recursive_mutex configureLock;

  /* A configuration applyConstraints() selected, waiting to be installed
   * when no data flows through the chain (installWhenIdle) or when the
   * source's caps for it arrive (adaptToArrivingCaps), whichever comes
   * first. Until then the element answers caps queries and reports
   * settings as it will be. */
  std::optional<Configuration> pending;

  /* While the source renegotiates to the mode of a new configuration, the
   * caps it has to arrive with; until then its frames are dropped. */
  CapsPtr awaitedSourceCaps;
  gulong holdBackProbe = 0;
  guint heldBackFrames = 0;

  GstElement *sourceFilter = nullptr;   /* owned by the bin */
  GstElement *outputFilter = nullptr;   /* owned by the bin */
  std::vector<GstElement *> converters; /* owned by the bin */
  GstPad *sinkpad = nullptr;            /* owned by the element */
  GstPad *srcpad = nullptr;             /* owned by the element */
};
/* *INDENT-ON* */

struct _GstConstraintFilter
{
  GstBin parent;
  GstConstraintFilterPrivate *priv;
};

#define gst_constraint_filter_parent_class parent_class
G_DEFINE_TYPE (GstConstraintFilter, gst_constraint_filter, GST_TYPE_BIN);

GST_ELEMENT_REGISTER_DEFINE_WITH_CODE (constraintfilter, "constraintfilter",
    GST_RANK_NONE, GST_TYPE_CONSTRAINT_FILTER,
    mediastream::bindTranslations ());

namespace {

/* The outcome of selecting on the current upstream caps. */
enum class Readiness { Ready, NoUpstream, Failed };

/* Posts the W3C error of a failed selection: an error while the track is
 * being set up, a warning (the applyConstraints() rejection) once it runs. */
void
postSelectionFailure (GstConstraintFilter * self, const Error & error,
    bool fatal)
{
  if (fatal && error.name == ErrorName::TypeError) {
    GST_MEDIASTREAM_POST_DOM_EXCEPTION (self, GST_MESSAGE_ERROR, CORE,
        NEGOTIATION, _("The track's constraints are not a valid document."),
        error);
  } else if (fatal) {
    GST_MEDIASTREAM_POST_DOM_EXCEPTION (self, GST_MESSAGE_ERROR, CORE,
        NEGOTIATION,
        _("The track's constraints cannot be satisfied by its source."),
        error);
  } else {
    GST_MEDIASTREAM_POST_DOM_EXCEPTION (self, GST_MESSAGE_WARNING, CORE,
        NEGOTIATION,
        _("The new constraints were rejected; the track is unchanged."),
        error);
  }
}

std::optional<Kind>
kindOfCaps (const GstCaps * caps)
{
  for (guint i = 0; i < gst_caps_get_size (caps); i++) {
    const GstStructure *s = gst_caps_get_structure (caps, i);
    if (gst_structure_has_name (s, "audio/x-raw"))
      return Kind::Audio;
    if (g_str_has_prefix (gst_structure_get_name (s), "video/")
        || gst_structure_has_name (s, "image/jpeg"))
      return Kind::Video;
  }
  return std::nullopt;
}

/* The upstream source described as a device: its native modes are the
 * caps it can produce. */
std::optional<DeviceDescription>
describeUpstream (GstConstraintFilter * self)
{
  CapsPtr caps (gst_pad_peer_query_caps (self->priv->sinkpad, nullptr));
  if (!caps || gst_caps_is_any (caps.get ()) || gst_caps_is_empty (caps.get ()))
    return std::nullopt;
  const auto kind = kindOfCaps (caps.get ());
  if (!kind)
    return std::nullopt;

  DeviceDescription device;
  device.kind = *kind;
  {
    std::lock_guard < std::mutex > guard (self->priv->lock);
    device.deviceId = self->priv->deviceId;
    device.groupId = self->priv->groupId;
  }
  if (*kind == Kind::Video)
    device.videoModes = videoModesFromCaps (caps.get ());
  else
    device.audioModes = audioModesFromCaps (caps.get ());
  GST_DEBUG_OBJECT (self, "upstream offers %" GST_PTR_FORMAT, caps.get ());
  return device;
}

bool
downstreamAcceptsCompressed (GstConstraintFilter * self)
{
  CapsPtr caps (gst_pad_peer_query_caps (self->priv->srcpad, nullptr));
  if (!caps)
    return false;
  CapsPtr jpeg (gst_caps_from_string ("image/jpeg"));
  return gst_caps_can_intersect (caps.get (), jpeg.get ());
}

GstElement *
makeConverter (const std::string & factory, const ConversionPlan & plan)
{
  GstElement *e = gst_element_factory_make (factory.c_str (), nullptr);
  if (!e)
    return nullptr;
  if (factory == "videocrop" && plan.crop) {
    g_object_set (e, "left", plan.crop->left, "right", plan.crop->right,
        "top", plan.crop->top, "bottom", plan.crop->bottom, nullptr);
  } else if (factory == "videoconvertscale") {
    /* The crop already gave the frame its shape: scale it, no borders. */
    g_object_set (e, "add-borders", FALSE, nullptr);
  } else if (factory == "videorate") {
    g_object_set (e, "drop-only", TRUE, "skip-to-first", TRUE, nullptr);
  }
  return e;
}

/* Links two elements of the chain. The plan made them fit; checking caps
 * here would ask filters that may still hold the previous caps. */
bool
linkInChain (GstElement * from, GstElement * to)
{
  if (gst_element_link_pads_full (from, "src", to, "sink",
          GST_PAD_LINK_CHECK_NOTHING))
    return true;
  GST_ERROR_OBJECT (from, "cannot link to %" GST_PTR_FORMAT, to);
  return false;
}

/* Replaces the converters between the two capsfilters. Runs while no data
 * flows through them (state change, or an idle probe). */
bool
rebuildConverters (GstConstraintFilter * self, const ConversionPlan & plan)
{
  GstConstraintFilterPrivate *priv = self->priv;
  GstElement *previous = priv->sourceFilter;
  for (GstElement * old : priv->converters) {
    gst_element_set_locked_state (old, TRUE);
    gst_element_set_state (old, GST_STATE_NULL);
    gst_bin_remove (GST_BIN (self), old);
  }
  priv->converters.clear ();
  gst_element_unlink (priv->sourceFilter, priv->outputFilter);

  bool ok = true;
  for (const std::string & factory : plan.converterFactories ()) {
    GstElement *converter = makeConverter (factory, plan);
    if (!converter) {
      GST_ELEMENT_ERROR (self, CORE, MISSING_PLUGIN,
          (_("Missing element '%s' - check your GStreamer installation."),
              factory.c_str ()), (nullptr));
      ok = false;
      break;
    }
    gst_bin_add (GST_BIN (self), converter);
    ok = ok && linkInChain (previous, converter);
    priv->converters.push_back (converter);
    previous = converter;
  }
  ok = ok && linkInChain (previous, priv->outputFilter);
  for (GstElement * converter : priv->converters)
    gst_element_sync_state_with_parent (converter);
  GST_INFO_OBJECT (self, "%zu converter(s) in the data path",
      priv->converters.size ());
  return ok;
}

/* Video caps that do not state a pixel aspect ratio mean square pixels (as
 * GstVideoInfo reads them), which is what the source is asked for: compared
 * with the planned caps, they are the mode planned, neither a reason to
 * select again nor a renegotiation to wait for. */
CapsPtr
sayingSquarePixels (GstCaps * caps)
{
  CapsPtr said (gst_caps_copy (caps));
  for (guint i = 0; i < gst_caps_get_size (said.get ()); i++) {
    GstStructure *s = gst_caps_get_structure (said.get (), i);
    if (!gst_structure_has_name (s, "audio/x-raw")
        && !gst_structure_has_field (s, "pixel-aspect-ratio"))
      gst_structure_set (s, "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
          nullptr);
  }
  return said;
}

bool adaptToArrivingCaps (GstConstraintFilter * self, GstCaps * caps);

/* How many frames of the old mode are dropped, at most, while the source
 * renegotiates for a new configuration. */
constexpr guint kMaxHeldBackFrames = 4;

/* Drops what the source sends until it sends the awaited caps: frames of
 * the mode it had before would go through converters planned for the new
 * one. Sitting before the source capsfilter, it keeps the stale caps from
 * it, so a relinked chain is sent the new caps, in order with the other
 * sticky events, when they come. */
GstPadProbeReturn
holdBackOldMode (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  auto *self = GST_CONSTRAINT_FILTER (data);
  GstConstraintFilterPrivate *priv = self->priv;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    if (!priv->awaitedSourceCaps) {
      priv->holdBackProbe = 0;
      return GST_PAD_PROBE_REMOVE;
    }
    if (GST_PAD_PROBE_INFO_TYPE (info) & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM) {
      GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
      if (GST_EVENT_TYPE (event) != GST_EVENT_CAPS)
        return GST_PAD_PROBE_OK;
      GstCaps *caps = nullptr;
      gst_event_parse_caps (event, &caps);
      if (!gst_caps_is_subset (sayingSquarePixels (caps).get (),
              priv->awaitedSourceCaps.get ()))
        return GST_PAD_PROBE_DROP;
      priv->awaitedSourceCaps.reset ();
      priv->holdBackProbe = 0;
      return GST_PAD_PROBE_REMOVE;
    }
    /* The frames of the old mode already on their way: one from a live
     * source linked directly (the one waiting for its clock), a few more
     * through a queue. */
    if (++priv->heldBackFrames <= kMaxHeldBackFrames)
      return GST_PAD_PROBE_DROP;
    priv->awaitedSourceCaps.reset ();
    priv->holdBackProbe = 0;
  }
  /* More keep coming: upstream did not change its mode (a decoder has only
   * the one it decodes, whatever its caps query said), so that mode is what
   * to convert from. */
  CapsPtr flowing (gst_pad_get_current_caps (pad));
  if (flowing && !adaptToArrivingCaps (self, flowing.get ()))
    return GST_PAD_PROBE_DROP;
  return GST_PAD_PROBE_REMOVE;
}

/* Stops holding back the source's frames. Called with the lock held. */
void
stopHoldingBack (GstConstraintFilterPrivate * priv)
{
  priv->awaitedSourceCaps.reset ();
  if (priv->holdBackProbe) {
    ObjectPtr<GstPad> pad (gst_element_get_static_pad (priv->sourceFilter,
            "sink"));
    gst_pad_remove_probe (pad.get (), priv->holdBackProbe);
    priv->holdBackProbe = 0;
  }
}

/* When the source has to renegotiate for `sourceCaps`, holds back its
 * frames until it has: a 1280x720 frame still on its way would otherwise
 * be cropped as if it were 640x360. */
void
holdBackUntil (GstConstraintFilter * self, GstCaps * sourceCaps)
{
  GstConstraintFilterPrivate *priv = self->priv;
  ObjectPtr<GstPad> pad (gst_element_get_static_pad (priv->sourceFilter,
          "sink"));
  CapsPtr flowing (gst_pad_get_current_caps (pad.get ()));
  std::lock_guard < std::mutex > guard (priv->lock);
  if (!flowing || gst_caps_is_subset (sayingSquarePixels (flowing.get ()).get
          (), sourceCaps)) {
    stopHoldingBack (priv);
    return;
  }
  priv->awaitedSourceCaps.reset (gst_caps_ref (sourceCaps));
  priv->heldBackFrames = 0;
  if (!priv->holdBackProbe) {
    priv->holdBackProbe = gst_pad_add_probe (pad.get (),
        (GstPadProbeType) (GST_PAD_PROBE_TYPE_BUFFER |
            GST_PAD_PROBE_TYPE_BUFFER_LIST |
            GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM), holdBackOldMode, self,
        nullptr);
  }
}

/* Puts a configuration in place: caps on both filters and the converters
 * between them. */
void
installConfiguration (GstConstraintFilter * self, Configuration & config)
{
  GstConstraintFilterPrivate *priv = self->priv;
  const std::vector<std::string> factories = config.plan.converterFactories ();
  holdBackUntil (self, config.plan.sourceCaps.get ());
  bool sameChain;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    sameChain = factories == priv->applied.converterFactories
        && priv->converters.size () == factories.size ();
  }

  g_object_set (priv->sourceFilter, "caps", config.plan.sourceCaps.get (),
      nullptr);
  g_object_set (priv->outputFilter, "caps", config.plan.outputCaps.get (),
      nullptr);
  if (sameChain) {
    for (GstElement * converter : priv->converters) {
      if (config.plan.crop && GST_OBJECT_NAME (gst_element_get_factory
              (converter)) == std::string ("videocrop"))
        g_object_set (converter, "left", config.plan.crop->left, "right",
            config.plan.crop->right, "top", config.plan.crop->top, "bottom",
            config.plan.crop->bottom, nullptr);
    }
  } else {
    rebuildConverters (self, config.plan);
  }
  GST_INFO_OBJECT (self, "source %" GST_PTR_FORMAT ", output %" GST_PTR_FORMAT,
      config.plan.sourceCaps.get (), config.plan.outputCaps.get ());

  std::lock_guard < std::mutex > guard (priv->lock);
  priv->applied.device = std::move (config.device);
  priv->applied.selection = std::move (config.selection);
  priv->applied.converterFactories = factories;
  priv->applied.crop = config.plan.crop;
}

/* Installs the pending configuration, if it is still pending and (when
 * `arriving` is given) the source's arriving caps are its mode. Only one
 * caller gets it. */
bool
installPending (GstConstraintFilter * self, GstCaps * arriving = nullptr)
{
  GstConstraintFilterPrivate *priv = self->priv;
  std::optional<Configuration> config;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    if (!priv->pending || (arriving && !gst_caps_is_subset
            (sayingSquarePixels (arriving).get (),
                priv->pending->plan.sourceCaps.get ())))
      return false;
    config.swap (priv->pending);
  }
  installConfiguration (self, *config);
  return true;
}

GstPadProbeReturn
installWhenIdle (GstPad *, GstPadProbeInfo *, gpointer data)
{
  installPending (GST_CONSTRAINT_FILTER (data));
  return GST_PAD_PROBE_REMOVE;
}

/* The crop and the scale count pixels as square, and the track's caps say
 * they are. A source whose caps leave the pixel aspect ratio open (v4l2src)
 * would fixate it to the lowest the scaler accepts, 1/2147483647, and
 * frames so labelled reached the sink when the chain went back to
 * passthrough: ask for square pixels whenever the source has them. */
void
askForSquarePixels (GstConstraintFilter * self, CapsPtr & sourceCaps)
{
  CapsPtr square (gst_caps_copy (sourceCaps.get ()));
  gst_caps_set_simple (square.get (), "pixel-aspect-ratio", GST_TYPE_FRACTION,
      1, 1, nullptr);
  CapsPtr possible (gst_pad_peer_query_caps (self->priv->sinkpad,
          square.get ()));
  if (possible && !gst_caps_is_empty (possible.get ()))
    sourceCaps = std::move (square);
}

/* Selects settings for `constraints` on `device` and plans how to reach
 * them. `askSquarePixels` asks the source for 1/1 when its caps were open
 * about it (not needed on caps that have already arrived). */
Result<Configuration>
configurationFor (GstConstraintFilter * self, DeviceDescription device,
    const TrackConstraints & constraints, bool askSquarePixels)
{
  auto selection = selectSettings ({ device }, device.kind,
      constraints.forKind (device.kind));
  if (!selection)
    return selection.error ();
  Configuration config;
  config.plan = planConversion (device, selection.value (),
      downstreamAcceptsCompressed (self));
  if (askSquarePixels && device.kind == Kind::Video)
    askForSquarePixels (self, config.plan.sourceCaps);
  config.device = std::move (device);
  config.selection = std::move (selection).value ();
  return config;
}

/* Selects settings for `constraints` on what upstream offers now. */
std::variant<Configuration, Error, Readiness>
selectOnUpstream (GstConstraintFilter * self,
    const TrackConstraints & constraints)
{
  auto device = describeUpstream (self);
  if (!device)
    return Readiness::NoUpstream;
  auto config = configurationFor (self, std::move (*device), constraints,
      true);
  if (!config)
    return config.error ();
  return std::move (config).value ();
}

/* First configuration, before data flows. */
Readiness
configure (GstConstraintFilter * self)
{
  GstConstraintFilterPrivate *priv = self->priv;
  std::lock_guard < std::recursive_mutex > serial (priv->configureLock);
  TrackConstraints constraints;
  std::optional<Error> refused;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    if (priv->applied.selection)
      return Readiness::Ready;
    constraints = priv->applied.constraints;
    refused = priv->applied.refusedDocument;
  }
  if (refused) {
    postSelectionFailure (self, *refused, true);
    return Readiness::Failed;
  }

  auto outcome = selectOnUpstream (self, constraints);
  if (auto * readiness = std::get_if<Readiness> (&outcome))
    return *readiness;
  if (auto * error = std::get_if<Error> (&outcome)) {
    postSelectionFailure (self, *error, true);
    return Readiness::Failed;
  }
  installConfiguration (self, std::get<Configuration> (outcome));
  g_object_notify (G_OBJECT (self), "settings");
  g_object_notify (G_OBJECT (self), "capabilities");
  return Readiness::Ready;
}

/* applyConstraints(): all or nothing. */
void
applyConstraints (GstConstraintFilter * self, const std::string & json)
{
  GstConstraintFilterPrivate *priv = self->priv;
  auto parsed = parseTrackConstraints (json);
  std::lock_guard < std::recursive_mutex > serial (priv->configureLock);
  bool running;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    running = priv->applied.selection.has_value ();
  }
  if (!running) {
    /* Not negotiated yet: the constraints apply when it is. */
    std::lock_guard < std::mutex > guard (priv->lock);
    if (!parsed) {
      priv->applied.refusedDocument = parsed.error ();
      return;
    }
    priv->applied.refusedDocument.reset ();
    priv->applied.constraints = parsed.value ();
    priv->applied.constraintsJson = toJson (parsed.value ()).dump ();
    return;
  }
  if (!parsed) {
    postSelectionFailure (self, parsed.error (), false);
    return;
  }

  auto outcome = selectOnUpstream (self, parsed.value ());
  if (auto * error = std::get_if<Error> (&outcome)) {
    postSelectionFailure (self, *error, false);
    return;
  }
  if (std::holds_alternative<Readiness> (outcome)) {
    postSelectionFailure (self, Error { ErrorName::NotReadableError, "",
            "the source no longer reports what it can produce" }, false);
    return;
  }

  {
    std::lock_guard < std::mutex > guard (priv->lock);
    priv->applied.constraints = parsed.value ();
    priv->applied.constraintsJson = toJson (parsed.value ()).dump ();
    priv->pending = std::move (std::get<Configuration> (outcome));
  }
  ObjectPtr<GstPad> pad (gst_element_get_static_pad (priv->sourceFilter,
          "src"));
  gst_pad_add_probe (pad.get (), GST_PAD_PROBE_TYPE_IDLE, installWhenIdle,
      self, nullptr);
  g_object_notify (G_OBJECT (self), "settings");
}

/* Upstream's caps query can promise more than it delivers (a decoder
 * answers with its template); the caps it sends are the truth. When they
 * are not the mode planned for, select again on exactly them, before they
 * reach the chain. */
bool
adaptToArrivingCaps (GstConstraintFilter * self, GstCaps * caps)
{
  GstConstraintFilterPrivate *priv = self->priv;
  std::lock_guard < std::recursive_mutex > serial (priv->configureLock);
  /* The source switched to the mode of a configuration still waiting for
   * the chain to be idle: this thread is the chain's data flow. */
  if (installPending (self, caps)) {
    GST_DEBUG_OBJECT (self, "installed the pending configuration for %"
        GST_PTR_FORMAT, caps);
    return true;
  }
  GstCaps *plannedCaps = nullptr;
  g_object_get (priv->sourceFilter, "caps", &plannedCaps, nullptr);
  CapsPtr planned (plannedCaps);
  if (!planned || gst_caps_is_subset (sayingSquarePixels (caps).get (),
          planned.get ()))
    return true;

  TrackConstraints constraints;
  DeviceDescription device;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    if (!priv->applied.device)
      return true;
    constraints = priv->applied.constraints;
    device = *priv->applied.device;
  }
  GST_INFO_OBJECT (self, "upstream sends %" GST_PTR_FORMAT
      ", not what it offered: selecting on that", caps);
  device.videoModes = videoModesFromCaps (caps);
  device.audioModes = audioModesFromCaps (caps);
  auto config = configurationFor (self, std::move (device), constraints,
      false);
  if (!config) {
    postSelectionFailure (self, config.error (), true);
    return false;
  }
  installConfiguration (self, config.value ());
  g_object_notify (G_OBJECT (self), "settings");
  g_object_notify (G_OBJECT (self), "capabilities");
  return true;
}

gboolean
sink_event (GstPad * pad, GstObject * parent, GstEvent * event)
{
  if (GST_EVENT_TYPE (event) == GST_EVENT_CAPS) {
    GstCaps *caps = nullptr;
    gst_event_parse_caps (event, &caps);
    if (!adaptToArrivingCaps (GST_CONSTRAINT_FILTER (parent), caps)) {
      gst_event_unref (event);
      return FALSE;
    }
  }
  return gst_pad_event_default (pad, parent, event);
}

/* Answers a caps query with `caps`, as far as the query's filter allows. */
gboolean
answerCapsQuery (GstQuery * query, GstCaps * caps)
{
  GstCaps *filter = nullptr;
  gst_query_parse_caps (query, &filter);
  CapsPtr result (filter ? gst_caps_intersect_full (filter, caps,
          GST_CAPS_INTERSECT_FIRST) : gst_caps_ref (caps));
  gst_query_set_caps_result (query, result.get ());
  return TRUE;
}

gboolean
pad_query (GstPad * pad, GstObject * parent, GstQuery * query)
{
  auto *self = GST_CONSTRAINT_FILTER (parent);
  if (GST_QUERY_TYPE (query) != GST_QUERY_CAPS)
    return gst_pad_query_default (pad, parent, query);

  /* While a side is still unlinked (gst_element_link asks first), selecting
   * would guess what the missing side can do: answer with everything the
   * element could produce or take once it knows. */
  if (!gst_pad_is_linked (self->priv->sinkpad)
      || !gst_pad_is_linked (self->priv->srcpad)) {
    CapsPtr templ (gst_pad_get_pad_template_caps (pad));
    return answerCapsQuery (query, templ.get ());
  }
  if (configure (self) == Readiness::Failed) {
    /* Nothing satisfies the constraints: refuse every format. */
    CapsPtr none (gst_caps_new_empty ());
    gst_query_set_caps_result (query, none.get ());
    return TRUE;
  }
  if (pad == self->priv->sinkpad) {
    /* A source renegotiating for a new configuration asks before the
     * source capsfilter has it: answer for what is coming. */
    CapsPtr coming;
    {
      std::lock_guard < std::mutex > guard (self->priv->lock);
      if (self->priv->pending)
        coming.reset (gst_caps_ref (self->priv->pending->plan.sourceCaps.
                get ()));
    }
    if (coming)
      return answerCapsQuery (query, coming.get ());
  }
  return gst_pad_query_default (pad, parent, query);
}

std::string
settingsJson (GstConstraintFilter * self)
{
  std::lock_guard < std::mutex > guard (self->priv->lock);
  if (self->priv->pending)
    return toJson (self->priv->pending->selection.settings).dump ();
  if (!self->priv->applied.selection)
    return "{}";
  return toJson (self->priv->applied.selection->settings).dump ();
}

std::string
capabilitiesJson (GstConstraintFilter * self)
{
  std::lock_guard < std::mutex > guard (self->priv->lock);
  if (self->priv->pending)
    return toJson (capabilitiesOf (self->priv->pending->device)).dump ();
  if (!self->priv->applied.device)
    return "{}";
  return toJson (capabilitiesOf (*self->priv->applied.device)).dump ();
}

}  // namespace

static void
gst_constraint_filter_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  auto *self = GST_CONSTRAINT_FILTER (object);
  GstConstraintFilterPrivate *priv = self->priv;

  switch (prop_id) {
    case PROP_CONSTRAINTS:{
      const gchar *json = g_value_get_string (value);
      applyConstraints (self, json ? json : "{}");
      break;
    }
    case PROP_DEVICE_ID:{
      std::lock_guard < std::mutex > guard (priv->lock);
      const gchar *id = g_value_get_string (value);
      priv->deviceId = id ? id : "";
      break;
    }
    case PROP_GROUP_ID:{
      std::lock_guard < std::mutex > guard (priv->lock);
      const gchar *id = g_value_get_string (value);
      priv->groupId = id ? id : "";
      break;
    }
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_constraint_filter_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  auto *self = GST_CONSTRAINT_FILTER (object);
  GstConstraintFilterPrivate *priv = self->priv;

  switch (prop_id) {
    case PROP_CONSTRAINTS:{
      std::lock_guard < std::mutex > guard (priv->lock);
      g_value_set_string (value, priv->applied.constraintsJson.c_str ());
      break;
    }
    case PROP_SETTINGS:
      g_value_set_string (value, settingsJson (self).c_str ());
      break;
    case PROP_CAPABILITIES:
      g_value_set_string (value, capabilitiesJson (self).c_str ());
      break;
    case PROP_KIND:{
      std::lock_guard < std::mutex > guard (priv->lock);
      const auto & device = priv->applied.device;
      g_value_set_string (value, device ?
          std::string (kindName (device->kind)).c_str () : "");
      break;
    }
    case PROP_DEVICE_ID:{
      std::lock_guard < std::mutex > guard (priv->lock);
      g_value_set_string (value, priv->deviceId.c_str ());
      break;
    }
    case PROP_GROUP_ID:{
      std::lock_guard < std::mutex > guard (priv->lock);
      g_value_set_string (value, priv->groupId.c_str ());
      break;
    }
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static GstStateChangeReturn
gst_constraint_filter_change_state (GstElement * element,
    GstStateChange transition)
{
  auto *self = GST_CONSTRAINT_FILTER (element);

  if (transition == GST_STATE_CHANGE_NULL_TO_READY
      && !self->priv->sourceFilter) {
    GST_ELEMENT_ERROR (self, CORE, MISSING_PLUGIN,
        (_("Missing element '%s' - check your GStreamer installation."),
            "capsfilter"), (nullptr));
    return GST_STATE_CHANGE_FAILURE;
  }
  if (transition == GST_STATE_CHANGE_READY_TO_PAUSED
      && configure (self) == Readiness::Failed)
    return GST_STATE_CHANGE_FAILURE;

  GstStateChangeReturn ret =
      GST_ELEMENT_CLASS (parent_class)->change_state (element, transition);

  if (transition == GST_STATE_CHANGE_PAUSED_TO_READY) {
    /* The next run selects again on whatever upstream offers then. */
    std::lock_guard < std::mutex > guard (self->priv->lock);
    self->priv->applied.selection.reset ();
    self->priv->applied.device.reset ();
    self->priv->pending.reset ();
    stopHoldingBack (self->priv);
  }
  return ret;
}

static void
gst_constraint_filter_dispose (GObject * object)
{
  auto *self = GST_CONSTRAINT_FILTER (object);
  /* capsfilter frees the caps it keeps in delayed mode on stop () but not on
   * dispose (GStreamer 1.22): a change installed after it stopped (an idle
   * probe racing the pipeline's shutdown) would leak them. Changing the mode
   * frees them. */
  for (GstElement * filter : { self->priv->sourceFilter,
          self->priv->outputFilter }) {
    if (filter)
      g_object_set (filter, "caps-change-mode", 0, nullptr);
  }
  G_OBJECT_CLASS (parent_class)->dispose (object);
  /* The bin has let go of its children: dispose may run again. */
  self->priv->sourceFilter = self->priv->outputFilter = nullptr;
  self->priv->converters.clear ();
}

static void
gst_constraint_filter_finalize (GObject * object)
{
  auto *self = GST_CONSTRAINT_FILTER (object);
  delete self->priv;
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_constraint_filter_init (GstConstraintFilter * self)
{
  self->priv = new GstConstraintFilterPrivate ();
  GstConstraintFilterPrivate *priv = self->priv;

  priv->sourceFilter = gst_element_factory_make ("capsfilter", "source-caps");
  priv->outputFilter = gst_element_factory_make ("capsfilter", "output-caps");
  ObjectPtr<GstPadTemplate> sinkTemplate (gst_static_pad_template_get
      (&sink_template));
  ObjectPtr<GstPadTemplate> srcTemplate (gst_static_pad_template_get
      (&src_template));
  if (!priv->sourceFilter || !priv->outputFilter) {
    /* Without GStreamer's core elements the bin stays empty; READY fails
     * with a missing-plugin error. */
    if (priv->sourceFilter)
      gst_object_unref (gst_object_ref_sink (priv->sourceFilter));
    if (priv->outputFilter)
      gst_object_unref (gst_object_ref_sink (priv->outputFilter));
    priv->sourceFilter = priv->outputFilter = nullptr;
    priv->sinkpad = gst_ghost_pad_new_no_target_from_template ("sink",
        sinkTemplate.get ());
    priv->srcpad = gst_ghost_pad_new_no_target_from_template ("src",
        srcTemplate.get ());
  } else {
    /* Buffers already on their way keep their caps during a change. */
    g_object_set (priv->sourceFilter, "caps-change-mode", 1, nullptr);
    g_object_set (priv->outputFilter, "caps-change-mode", 1, nullptr);
    gst_bin_add_many (GST_BIN (self), priv->sourceFilter, priv->outputFilter,
        nullptr);
    gst_element_link (priv->sourceFilter, priv->outputFilter);
    ObjectPtr<GstPad> sinkTarget (gst_element_get_static_pad
        (priv->sourceFilter, "sink"));
    ObjectPtr<GstPad> srcTarget (gst_element_get_static_pad
        (priv->outputFilter, "src"));
    priv->sinkpad = gst_ghost_pad_new_from_template ("sink",
        sinkTarget.get (), sinkTemplate.get ());
    priv->srcpad = gst_ghost_pad_new_from_template ("src", srcTarget.get (),
        srcTemplate.get ());
  }
  gst_pad_set_query_function (priv->sinkpad, pad_query);
  gst_pad_set_event_function (priv->sinkpad, sink_event);
  gst_pad_set_query_function (priv->srcpad, pad_query);
  gst_element_add_pad (GST_ELEMENT (self), priv->sinkpad);
  gst_element_add_pad (GST_ELEMENT (self), priv->srcpad);
}

static void
gst_constraint_filter_class_init (GstConstraintFilterClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);

  gobject_class->set_property = gst_constraint_filter_set_property;
  gobject_class->get_property = gst_constraint_filter_get_property;
  gobject_class->dispose = gst_constraint_filter_dispose;
  gobject_class->finalize = gst_constraint_filter_finalize;
  element_class->change_state =
      GST_DEBUG_FUNCPTR (gst_constraint_filter_change_state);

  /**
   * GstConstraintFilter:constraints:
   *
   * The track's MediaTrackConstraints as JSON, exactly as a web page
   * passes them to applyConstraints(). Reading it gives getConstraints().
   * Setting it while PLAYING applies the new constraints; when they cannot
   * be satisfied the track is left as it was and a warning is posted whose
   * details structure has `name` ("OverconstrainedError" or "TypeError")
   * and `constraint`.
   */
  g_object_class_install_property (gobject_class, PROP_CONSTRAINTS,
      g_param_spec_string ("constraints", "Constraints",
          "MediaTrackConstraints as JSON (applyConstraints)", "{}",
          (GParamFlags) (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
              GST_PARAM_MUTABLE_PLAYING)));

  /**
   * GstConstraintFilter:settings:
   *
   * getSettings(): the settings the track delivers, as JSON. Empty ({})
   * until the element has negotiated.
   */
  g_object_class_install_property (gobject_class, PROP_SETTINGS,
      g_param_spec_string ("settings", "Settings",
          "MediaTrackSettings as JSON (getSettings)", "{}",
          (GParamFlags) (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));

  /**
   * GstConstraintFilter:capabilities:
   *
   * getCapabilities(): what the source and the conversions can give, as
   * JSON. Empty ({}) until the element has seen its source.
   */
  g_object_class_install_property (gobject_class, PROP_CAPABILITIES,
      g_param_spec_string ("capabilities", "Capabilities",
          "MediaTrackCapabilities as JSON (getCapabilities)", "{}",
          (GParamFlags) (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));

  /**
   * GstConstraintFilter:kind:
   *
   * "audio" or "video" once the source is known, "" before.
   */
  g_object_class_install_property (gobject_class, PROP_KIND,
      g_param_spec_string ("kind", "Kind", "The track's kind", "",
          (GParamFlags) (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));

  /**
   * GstConstraintFilter:device-id:
   *
   * The deviceId the track reports (and deviceId constraints match).
   */
  g_object_class_install_property (gobject_class, PROP_DEVICE_ID,
      g_param_spec_string ("device-id", "Device ID",
          "The deviceId of the track's source", "",
          (GParamFlags) (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));

  /**
   * GstConstraintFilter:group-id:
   *
   * The groupId the track reports (and groupId constraints match).
   */
  g_object_class_install_property (gobject_class, PROP_GROUP_ID,
      g_param_spec_string ("group-id", "Group ID",
          "The groupId of the track's source", "",
          (GParamFlags) (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "Media track constraints", "Filter/Converter/Video/Audio",
      "Selects and produces the settings a MediaTrackConstraints document "
      "asks for, steering the source and converting only as needed",
      "gst-mediastream contributors");

  GST_DEBUG_CATEGORY_INIT (gst_constraint_filter_debug, "constraintfilter", 0,
      "Media track constraints");
}
