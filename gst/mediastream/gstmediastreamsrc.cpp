/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-mediastreamsrc
 * @title: mediastreamsrc
 * @see_also: constraintfilter, mediastreamtrackgate, #GstMediaStreamTrackPad
 *
 * getUserMedia() as a source bin. #GstMediaStreamSrc:constraints is a
 * MediaStreamConstraints JSON document; when the element goes to READY it
 * enumerates the devices, chooses a device and settings for each requested
 * kind as a browser would (the W3C SelectSettings algorithm, over every
 * device) and posts the stream collection; when it goes to PAUSED it adds
 * one source pad per track, `video_%u` and `audio_%u`. Each pad is a #GstMediaStreamTrackPad whose properties are
 * the MediaStreamTrack attributes (id, kind, label, enabled, muted,
 * ready-state, content-hint, device and group id, constraints, settings,
 * capabilities); setting its `constraints` is applyConstraints().
 *
 * Inside, each track is the device's own source element (v4l2src, alsasrc,
 * pulsesrc, ... or a fake device's source) steered to the native mode the
 * engine chose, then constraintfilter (which crops, scales, decimates,
 * resamples or remixes only when the settings need it) and
 * mediastreamtrackgate (enabled, muted, ended). A clone
 * (#GstMediaStreamSrc::clone-track) is another branch of the same capture.
 *
 * The element is streams-aware: each track is a #GstStream whose stream-id
 * is the track id, with the label as title tag; a #GstStreamCollection is
 * posted on the bus when the tracks are made (and again when a clone is
 * added), and a select-streams event sent to the element chooses which
 * tracks have pads.
 *
 * When the request cannot be met the state change fails with an error whose
 * details structure names the DOMException: `name` (OverconstrainedError,
 * NotFoundError, NotReadableError or TypeError), `constraint` and
 * `message`; nothing of the attempt stays in the bin.
 *
 * ## Example pipelines
 * |[
 * gst-launch-1.0 mediastreamsrc constraints='{"video":{"width":1280,"height":720},"audio":true}' name=s \
 *   s.video_0 ! queue ! videoconvert ! autovideosink  s.audio_0 ! queue ! autoaudiosink
 * ]| A camera at (or as near as it can to) 1280x720 and a microphone.
 * |[
 * GST_MEDIASTREAM_FAKE_DEVICES=chromium gst-launch-1.0 mediastreamsrc constraints='{"video":{"width":{"exact":320},"frameRate":15}}' ! videoconvert ! autovideosink
 * ]| The fake camera's 320x240 mode, decimated to 15 frames per second.
 *
 * Since: 0.1
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstmediastreamsrc.h"

#include "gstmediastreamsrc-private.h"

#include "gst-caps.h"
#include "gst-dom-exception.h"
#include "gst-translations.h"
#include "json.h"
#include "select-settings.h"
#include "shared-capture.h"

#include <glib/gi18n-lib.h>

#include <atomic>
#include <list>
#include <mutex>
#include <set>
#include <string>
#include <vector>

GST_DEBUG_CATEGORY (gst_media_stream_src_debug);
#define GST_CAT_DEFAULT gst_media_stream_src_debug

using namespace mediastream;

enum
{
  PROP_0,
  PROP_CONSTRAINTS,
  PROP_STREAM_ID,
  PROP_URI,
};

enum
{
  SIGNAL_CLONE_TRACK,
  LAST_SIGNAL,
};

static guint signals[LAST_SIGNAL];

/* The tag with a track's kind in its GstStream's tags. */
#define GST_TAG_MEDIASTREAM_TRACK_KIND "mediastream-track-kind"

static GstStaticPadTemplate video_template =
GST_STATIC_PAD_TEMPLATE ("video_%u", GST_PAD_SRC, GST_PAD_SOMETIMES,
    GST_STATIC_CAPS ("video/x-raw(ANY); image/jpeg"));
static GstStaticPadTemplate audio_template =
GST_STATIC_PAD_TEMPLATE ("audio_%u", GST_PAD_SRC, GST_PAD_SOMETIMES,
    GST_STATIC_CAPS ("audio/x-raw(ANY)"));

#define gst_media_stream_src_parent_class parent_class
G_DEFINE_TYPE (GstMediaStreamSrc, gst_media_stream_src, GST_TYPE_BIN);

GST_ELEMENT_REGISTER_DEFINE_WITH_CODE (mediastreamsrc, "mediastreamsrc",
    GST_RANK_NONE, GST_TYPE_MEDIA_STREAM_SRC,
    mediastream::bindTranslations ());

namespace {

/* The rejection of applyConstraints(): the track goes on as it was. */
void
postRejection (GstMediaStreamSrc * self, const Error & error)
{
  GST_MEDIASTREAM_POST_DOM_EXCEPTION (self, GST_MESSAGE_WARNING, RESOURCE,
      SETTINGS, _("The new constraints were rejected; the track is "
          "unchanged."), error);
}

GstStreamType
streamTypeOf (Kind kind)
{
  return kind == Kind::Video ? GST_STREAM_TYPE_VIDEO : GST_STREAM_TYPE_AUDIO;
}

/* The collection of every track the element has made. */
ObjectPtr<GstStreamCollection>
collectionOf (GstMediaStreamSrcPrivate * priv)
{
  ObjectPtr<GstStreamCollection> collection (gst_stream_collection_new
      (priv->streamId.c_str ()));
  for (const ExposedTrack & exposed : priv->tracks)
    gst_stream_collection_add_stream (collection.get (),
        GST_STREAM (gst_object_ref (exposed.stream.get ())));
  return collection;
}

/* What the end of a track's branch knows about its track. */
struct TrackOutput {
  ObjectPtr<GstStream> stream;
  guint groupId;
  std::shared_ptr<std::atomic<bool>> selected;
};

/* Whether the track pad that `output` (the end of a track's branch) feeds
 * is linked. A track nobody links (the audio of a stream whose video alone
 * is wanted, as in `mediastreamsrc ! autovideosink`) drops its data rather
 * than stopping its branch, and with it the pipeline, with not-linked. */
bool
trackPadIsLinked (GstPad * output)
{
  ObjectPtr<GstPad> peer (gst_pad_get_peer (output));
  if (!peer || !GST_IS_PROXY_PAD (peer.get ()))
    return peer != nullptr;
  ObjectPtr<GstProxyPad> ghost (gst_proxy_pad_get_internal (GST_PROXY_PAD
          (peer.get ())));
  return ghost && gst_pad_is_linked (GST_PAD (ghost.get ()));
}

/* At the end of a track's branch: the stream-start says which GstStream it
 * carries (the source's own, v4l2src's or a file's, is replaced by the
 * track's), and nothing leaves a track that is not selected. */
GstPadProbeReturn
trackOutputProbe (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  auto *output = static_cast<TrackOutput *> (data);
  if (!output->selected->load ())
    return GST_PAD_PROBE_DROP;
  if (!(GST_PAD_PROBE_INFO_TYPE (info) & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM))
    return trackPadIsLinked (pad) ? GST_PAD_PROBE_OK : GST_PAD_PROBE_DROP;
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
  if (GST_EVENT_TYPE (event) != GST_EVENT_STREAM_START)
    return GST_PAD_PROBE_OK;
  GstEvent *ours = gst_event_new_stream_start (gst_stream_get_stream_id
      (output->stream.get ()));
  gst_event_set_stream (ours, output->stream.get ());
  gst_event_set_group_id (ours, output->groupId);
  gst_event_unref (event);
  GST_PAD_PROBE_INFO_DATA (info) = ours;
  return GST_PAD_PROBE_OK;
}

void
freeTrackOutput (gpointer data)
{
  delete static_cast<TrackOutput *> (data);
}

GstPadTemplate *
templateFor (GstMediaStreamSrc * self, Kind kind)
{
  return gst_element_class_get_pad_template (GST_ELEMENT_GET_CLASS (self),
      kind == Kind::Video ? "video_%u" : "audio_%u");
}

}  // namespace

namespace mediastream {

/* The error of a request that cannot be met: the state change fails with
 * it. */
void
postRequestError (GstMediaStreamSrc * self, const Error & error)
{
  switch (error.name) {
    case ErrorName::TypeError:
      GST_MEDIASTREAM_POST_DOM_EXCEPTION (self, GST_MESSAGE_ERROR, RESOURCE,
          SETTINGS, _("The stream's constraints are not a valid document."),
          error);
      break;
    case ErrorName::OverconstrainedError:
      GST_MEDIASTREAM_POST_DOM_EXCEPTION (self, GST_MESSAGE_ERROR, RESOURCE,
          SETTINGS, _("No device can satisfy the stream's constraints."),
          error);
      break;
    case ErrorName::NotFoundError:
      GST_MEDIASTREAM_POST_DOM_EXCEPTION (self, GST_MESSAGE_ERROR, RESOURCE,
          NOT_FOUND, _("No device of the requested kind was found."), error);
      break;
    case ErrorName::NotAllowedError:
      GST_MEDIASTREAM_POST_DOM_EXCEPTION (self, GST_MESSAGE_ERROR, RESOURCE,
          NOT_AUTHORIZED, _("Access to the device was denied."), error);
      break;
    default:
      GST_MEDIASTREAM_POST_DOM_EXCEPTION (self, GST_MESSAGE_ERROR, RESOURCE,
          OPEN_READ, _("The device could not be read."), error);
      break;
  }
}

ObjectPtr<GstStream>
newStream (const Track & track, GstCaps * caps)
{
  ObjectPtr<GstStream> stream (gst_stream_new (track.id ().c_str (), caps,
          streamTypeOf (track.kind ()), GST_STREAM_FLAG_NONE));
  GstTagList *tags = gst_tag_list_new (GST_TAG_TITLE, track.label ().c_str (),
      GST_TAG_MEDIASTREAM_TRACK_KIND,
      std::string (kindName (track.kind ())).c_str (), nullptr);
  gst_stream_set_tags (stream.get (), tags);
  gst_tag_list_unref (tags);
  return stream;
}

/* Installs the probe at the end of the track's branch. */
void
watchTrackOutput (GstMediaStreamSrcPrivate * priv, ExposedTrack & exposed)
{
  ObjectPtr<GstPad> output (exposed.track->srcPad ());
  exposed.probe = gst_pad_add_probe (output.get (),
      (GstPadProbeType) (GST_PAD_PROBE_TYPE_DATA_DOWNSTREAM),
      trackOutputProbe, new TrackOutput { ObjectPtr<GstStream>
        (GST_STREAM (gst_object_ref (exposed.stream.get ()))),
          priv->groupId, exposed.selected }, freeTrackOutput);
}

/* Makes the track's pad and adds it to the element. */
void
exposePad (GstMediaStreamSrc * self, ExposedTrack & exposed)
{
  GstMediaStreamSrcPrivate *priv = self->priv;
  GstPad *pad = newTrackPad (exposed.padName,
      templateFor (self, exposed.track->kind ()), exposed.track, priv);
  exposed.pad = GST_PAD (gst_object_ref_sink (pad));
  gst_pad_set_active (pad, TRUE);
  gst_element_add_pad (GST_ELEMENT (self), pad);
}

std::string
nextPadName (GstMediaStreamSrcPrivate * priv, Kind kind)
{
  guint &next = priv->nextPad[kind == Kind::Video ? 1 : 0];
  return std::string (kind == Kind::Video ? "video_" : "audio_") +
      std::to_string (next++);
}

void
postCollection (GstMediaStreamSrc * self)
{
  ObjectPtr<GstStreamCollection> collection;
  {
    std::lock_guard<std::mutex> guard (self->priv->lock);
    self->priv->collection = collectionOf (self->priv);
    collection.reset (GST_STREAM_COLLECTION (gst_object_ref
            (self->priv->collection.get ())));
  }
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_stream_collection (GST_OBJECT (self),
          collection.get ()));
}

}  // namespace mediastream

namespace {

/* Takes the track's pad off the element. */
void
hidePad (GstMediaStreamSrc * self, ExposedTrack & exposed)
{
  if (exposed.pad == nullptr)
    return;
  detachTrackPad (exposed.pad);
  gst_pad_set_active (exposed.pad, FALSE);
  gst_element_remove_pad (GST_ELEMENT (self), exposed.pad);
  gst_object_unref (exposed.pad);
  exposed.pad = nullptr;
}

/* Removes every track, pad and capture: the element is back to what it was
 * before READY. */
void
teardown (GstMediaStreamSrc * self)
{
  GstMediaStreamSrcPrivate *priv = self->priv;
  std::list<ExposedTrack> tracks;
  std::vector<std::shared_ptr<Capture>> captures;
  std::unique_ptr<DeviceWatch> watch;
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    watch.swap (priv->watch);
  }
  /* No devicechange may run while the tracks go. */
  watch.reset ();
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    tracks.swap (priv->tracks);
    captures.swap (priv->captures);
    priv->collection.reset ();
    priv->nextPad[0] = priv->nextPad[1] = 0;
    priv->padsShown = false;
  }
  for (ExposedTrack & exposed : tracks) {
    hidePad (self, exposed);
    exposed.track->remove ();
  }
  for (const auto &capture : captures)
    capture->remove ();
  GstElement *decoder;
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    decoder = priv->decoder;
    priv->decoder = nullptr;
  }
  if (decoder != nullptr) {
    gst_element_set_locked_state (decoder, TRUE);
    gst_element_set_state (decoder, GST_STATE_NULL);
    gst_bin_remove (GST_BIN (self), decoder);
  }
  /* What was left for streams no track asked for. */
  GValue item = G_VALUE_INIT;
  std::vector<GstElement *> rest;
  GstIterator *it = gst_bin_iterate_elements (GST_BIN (self));
  while (gst_iterator_next (it, &item) == GST_ITERATOR_OK) {
    rest.push_back (GST_ELEMENT (g_value_dup_object (&item)));
    g_value_reset (&item);
  }
  g_value_unset (&item);
  gst_iterator_free (it);
  for (GstElement * element : rest) {
    gst_element_set_state (element, GST_STATE_NULL);
    gst_bin_remove (GST_BIN (self), element);
    gst_object_unref (element);
  }
}

/* Makes a track of `capture` with `spec`, recorded but without a pad. */
Result<ExposedTrack>
makeTrack (GstMediaStreamSrc * self, const std::shared_ptr<Capture> &capture,
    TrackSpec spec, bool joining = false)
{
  const DeviceDescription &device = capture->device ().description;
  CapsPtr output (outputCapsFor (device, spec.selection));
  auto track = Track::create (GST_BIN (self), capture, std::move (spec),
      joining);
  if (!track)
    return track.error ();
  ExposedTrack exposed;
  exposed.stream = newStream (**track, output.get ());
  exposed.track = std::move (*track);
  watchTrackOutput (self->priv, exposed);
  return exposed;
}

/* getUserMedia(): the tracks of the request, with their pads. */
bool
build (GstMediaStreamSrc * self)
{
  GstMediaStreamSrcPrivate *priv = self->priv;
  std::string document, uri;
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    document = priv->constraints;
    uri = priv->uri;
    priv->groupId = gst_util_group_id_next ();
  }
  auto constraints = parseStreamConstraints (document);
  if (!constraints) {
    postRequestError (self, constraints.error ());
    return false;
  }
  if (!uri.empty ())
    return buildFromUri (self, *constraints, uri);
  DeviceKinds kinds;
  kinds.video = constraints->video.has_value ();
  kinds.audio = constraints->audio.has_value ();
  /* The devices are listed by the watch that reports their changes from
   * then on (devicechange), for the kinds asked for. */
  auto watch = DeviceWatch::start (kinds, [self] (const MediaDevices & now) {
        onDeviceChange (self, now);
      });
  if (!watch) {
    postRequestError (self, watch.error ());
    return false;
  }
  const MediaDevices listed = (*watch)->devices ();
  const MediaDevices *devices = &listed;
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    priv->watch = std::move (*watch);
  }
  auto answer = getUserMedia (descriptionsOf (*devices), *constraints);
  if (!answer) {
    postRequestError (self, answer.error ());
    return false;
  }

  std::vector<ExposedTrack> made;
  std::vector<std::shared_ptr<Capture>> captures;
  for (const TrackSelection & chosen : *answer) {
    const MediaDevice &device = (*devices)[chosen.selection.deviceIndex];
    auto capture = Capture::create (GST_BIN (self), device);
    if (!capture) {
      postRequestError (self, capture.error ());
      break;
    }
    captures.push_back (*capture);
    CapsPtr mode (sourceCapsFor (device.description, chosen.selection));
    (*capture)->setMode (mode.get ());
    auto controlled = (*capture)->applyCameraControls
        (chosen.selection.settings);
    if (!controlled) {
      postRequestError (self, controlled.error ());
      break;
    }
    TrackSpec spec;
    spec.kind = chosen.kind;
    spec.label = device.description.label;
    spec.deviceId = device.description.deviceId;
    spec.groupId = device.description.groupId;
    spec.constraints = chosen.constraints;
    spec.selection = chosen.selection;
    spec.capabilities = capabilitiesOf (device.description);
    auto exposed = makeTrack (self, *capture, std::move (spec));
    if (!exposed) {
      postRequestError (self, exposed.error ());
      break;
    }
    made.push_back (std::move (*exposed));
  }
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    priv->captures = captures;
    for (ExposedTrack & exposed : made) {
      exposed.padName = nextPadName (priv, exposed.track->kind ());
      priv->tracks.push_back (std::move (exposed));
    }
  }
  if (made.size () != answer->size ()) {
    teardown (self);
    return false;
  }

  postCollection (self);
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    for (ExposedTrack & exposed : priv->tracks)
      GST_INFO_OBJECT (self, "track %s (%s) from \"%s\": %s",
          exposed.padName.c_str (), exposed.track->id ().c_str (),
          exposed.track->label ().c_str (),
          exposed.track->settingsJson ().c_str ());
  }
  return true;
}

/* The pads of the selected tracks, when the element goes to PAUSED: added
 * then, as decodebin adds its pads, a sink (or a bin with one) linked in
 * pad-added joins the pipeline's way to PLAYING rather than its way to
 * READY, where it would wait for data that a source in READY never
 * sends. The stream collection was posted at READY, so a select-streams
 * event can choose before any pad exists. */
void
showSelectedPads (GstMediaStreamSrc * self)
{
  GstMediaStreamSrcPrivate *priv = self->priv;
  std::vector<ExposedTrack *> toExpose;
  bool devices;
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    if (priv->padsShown)
      return;
    priv->padsShown = true;
    devices = priv->decoder == nullptr;
    for (ExposedTrack & exposed : priv->tracks) {
      if (exposed.selected->load () && exposed.pad == nullptr)
        toExpose.push_back (&exposed);
    }
  }
  /* Without the lock: pad-added handlers may read the element. */
  for (ExposedTrack * exposed : toExpose)
    exposePad (self, *exposed);
  /* A media file's pads come as its decoder finds the streams. */
  if (devices)
    gst_element_no_more_pads (GST_ELEMENT (self));
}

}  // namespace

/* applyConstraints(): the device mode is chosen again for every track of
 * the capture together, the track being changed last (so that a conflict
 * is blamed on its new constraints). */
void
GstMediaStreamSrcPrivate::applyConstraints (const std::shared_ptr<Track>
    &track, const std::string &json)
{
  auto parsed = parseTrackConstraints (json);
  if (!parsed) {
    postRejection (self, parsed.error ());
    return;
  }
  const TrackConstraints constraints = parsed->forKind (track->kind ());
  std::shared_ptr<Capture> capture = track->capture ();
  if (!capture) {
    /* A media file's track: its constraintfilter selects on the decoded
     * stream, and rejects (with the warning) what it cannot do. */
    track->realise (constraints, Selection ());
    return;
  }
  const DeviceDescription device = capture->currentDescription ();
  std::vector<std::shared_ptr<Track>> tracks = capture->tracks ();
  std::vector<TrackConstraints> wanted;
  std::vector<std::shared_ptr<Track>> order;
  for (const auto &other : tracks) {
    if (other != track) {
      wanted.push_back (other->constraints ());
      order.push_back (other);
    }
  }
  wanted.push_back (constraints);
  order.push_back (track);

  auto shared = selectSharedCapture (device, track->kind (), wanted);
  if (!shared) {
    postRejection (self, shared.error ());
    return;
  }
  /* The camera's controls are the device's: the same in every track's
   * settings. */
  auto controlled = capture->applyCameraControls
      (shared->tracks.back ().settings);
  if (!controlled) {
    postRejection (self, controlled.error ());
    return;
  }
  CapsPtr mode (sourceCapsForCapture (device, *shared));
  capture->switchMode (mode.get (), [&] {
        for (std::size_t i = 0; i < order.size (); i++)
          order[i]->realise (wanted[i], shared->tracks[i]);
      });
  GST_INFO_OBJECT (self, "track %s now %s", track->id ().c_str (),
      track->settingsJson ().c_str ());
}

namespace {

void
releaseHeldCapture (GstElement *, gpointer data)
{
  (*static_cast<std::shared_ptr<Capture> *> (data))->releaseIfUnused ();
}

}  // namespace

void
GstMediaStreamSrcPrivate::stop (const std::shared_ptr<Track> &track)
{
  g_signal_emit_by_name (track->gate (), "stop");
  /* Off the calling thread: stopping a source waits for its streaming
   * thread. */
  if (track->capture ())
    gst_element_call_async (GST_ELEMENT (self), releaseHeldCapture,
        new std::shared_ptr<Capture> (track->capture ()), freeHeldCapture);
}

/* MediaStreamTrack.clone(): another track of the same capture, with the
 * original's constraints and settings. */
static GstPad *
gst_media_stream_src_clone_track (GstMediaStreamSrc * self, GstPad * pad)
{
  GstMediaStreamSrcPrivate *priv = self->priv;
  std::shared_ptr<Track> original = trackOfPad (pad);
  if (!original || !original->capture ()) {
    GST_WARNING_OBJECT (self, "%" GST_PTR_FORMAT " is not a track of a "
        "device", pad);
    return nullptr;
  }
  TrackSpec spec;
  spec.kind = original->kind ();
  spec.label = original->label ();
  spec.deviceId = original->deviceId ();
  spec.groupId = original->groupId ();
  spec.constraints = original->constraints ();
  spec.selection = original->selection ();
  spec.capabilities = capabilitiesOf (original->capture ()->device ()
      .description);
  auto exposed = makeTrack (self, original->capture (), std::move (spec),
      true);
  if (!exposed) {
    postRequestError (self, exposed.error ());
    return nullptr;
  }
  ExposedTrack *added;
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    exposed->padName = nextPadName (priv, exposed->track->kind ());
    priv->tracks.push_back (std::move (*exposed));
    added = &priv->tracks.back ();
  }
  postCollection (self);
  exposePad (self, *added);
  /* The branch joins a capture that may be running already. */
  if (!added->track->admit ())
    GST_WARNING_OBJECT (self, "the clone %s cannot be linked to its capture",
        added->padName.c_str ());
  return GST_PAD (gst_object_ref (added->pad));
}

/* SELECT_STREAMS: the selected tracks have pads, the others none (their
 * data stops at the end of their branch). */
static gboolean
selectStreams (GstMediaStreamSrc * self, GstEvent * event)
{
  GstMediaStreamSrcPrivate *priv = self->priv;
  GList *ids = nullptr;
  gst_event_parse_select_streams (event, &ids);
  std::set<std::string> wanted;
  for (GList * l = ids; l != nullptr; l = l->next)
    wanted.insert (static_cast<const char *> (l->data));
  g_list_free_full (ids, g_free);

  std::vector<ExposedTrack *> toShow, toHide;
  ObjectPtr<GstStreamCollection> collection;
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    if (!priv->collection)
      return FALSE;
    for (ExposedTrack & exposed : priv->tracks) {
      const bool selected = wanted.count (exposed.track->id ()) > 0;
      exposed.selected->store (selected);
      if (!priv->padsShown)
        continue;
      if (selected && exposed.pad == nullptr)
        toShow.push_back (&exposed);
      else if (!selected && exposed.pad != nullptr)
        toHide.push_back (&exposed);
    }
    collection.reset (GST_STREAM_COLLECTION (gst_object_ref
            (priv->collection.get ())));
  }
  for (ExposedTrack * exposed : toHide)
    hidePad (self, *exposed);
  for (ExposedTrack * exposed : toShow)
    exposePad (self, *exposed);

  GstMessage *message = gst_message_new_streams_selected (GST_OBJECT (self),
      collection.get ());
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    for (const ExposedTrack & exposed : priv->tracks) {
      if (exposed.selected->load ())
        gst_message_streams_selected_add (message, exposed.stream.get ());
    }
  }
  gst_element_post_message (GST_ELEMENT (self), message);
  return TRUE;
}

static gboolean
gst_media_stream_src_send_event (GstElement * element, GstEvent * event)
{
  if (GST_EVENT_TYPE (event) == GST_EVENT_SELECT_STREAMS) {
    const gboolean handled = selectStreams (GST_MEDIA_STREAM_SRC (element),
        event);
    gst_event_unref (event);
    return handled;
  }
  return GST_ELEMENT_CLASS (parent_class)->send_event (element, event);
}

/* Errors of the devices are the element's to explain, a mode change's
 * refused frames are no news (capture-failures.cpp); the other messages go
 * up as they are. */
static void
gst_media_stream_src_handle_message (GstBin * bin, GstMessage * message)
{
  if (!handleCaptureMessage (GST_MEDIA_STREAM_SRC (bin), message))
    GST_BIN_CLASS (parent_class)->handle_message (bin, message);
}

static void
gst_media_stream_src_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  auto *self = GST_MEDIA_STREAM_SRC (object);
  GstMediaStreamSrcPrivate *priv = self->priv;
  switch (prop_id) {
    case PROP_CONSTRAINTS:{
      const gchar *json = g_value_get_string (value);
      std::lock_guard<std::mutex> guard (priv->lock);
      priv->constraints = json ? json : kDefaultStreamConstraints;
      break;
    }
    case PROP_URI:{
      const gchar *uri = g_value_get_string (value);
      std::lock_guard<std::mutex> guard (priv->lock);
      priv->uri = uri ? uri : "";
      break;
    }
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_media_stream_src_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  auto *self = GST_MEDIA_STREAM_SRC (object);
  GstMediaStreamSrcPrivate *priv = self->priv;
  std::lock_guard<std::mutex> guard (priv->lock);
  switch (prop_id) {
    case PROP_CONSTRAINTS:
      g_value_set_string (value, priv->constraints.c_str ());
      break;
    case PROP_STREAM_ID:
      g_value_set_string (value, priv->streamId.c_str ());
      break;
    case PROP_URI:
      g_value_set_string (value, priv->uri.c_str ());
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static GstStateChangeReturn
gst_media_stream_src_change_state (GstElement * element,
    GstStateChange transition)
{
  auto *self = GST_MEDIA_STREAM_SRC (element);
  if (transition == GST_STATE_CHANGE_NULL_TO_READY && !build (self))
    return GST_STATE_CHANGE_FAILURE;
  if (transition == GST_STATE_CHANGE_READY_TO_PAUSED)
    showSelectedPads (self);

  GstStateChangeReturn ret =
      GST_ELEMENT_CLASS (parent_class)->change_state (element, transition);
  if (ret == GST_STATE_CHANGE_FAILURE &&
      transition == GST_STATE_CHANGE_NULL_TO_READY) {
    /* A device that could not be opened: nothing half-built stays. */
    teardown (self);
    return ret;
  }
  if (transition == GST_STATE_CHANGE_READY_TO_NULL)
    teardown (self);
  return ret;
}

static void
gst_media_stream_src_finalize (GObject * object)
{
  delete GST_MEDIA_STREAM_SRC (object)->priv;
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_media_stream_src_init (GstMediaStreamSrc * self)
{
  self->priv = new GstMediaStreamSrcPrivate (self);
  /* A live source: no preroll, as the sources inside. */
  GST_OBJECT_FLAG_SET (self, GST_ELEMENT_FLAG_SOURCE);
}

static void
gst_media_stream_src_class_init (GstMediaStreamSrcClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);

  GST_DEBUG_CATEGORY_INIT (gst_media_stream_src_debug, "mediastreamsrc", 0,
      "getUserMedia as a source bin");
  /* The kind of a track's GstStream, next to its label as the title. */
  gst_tag_register_static (GST_TAG_MEDIASTREAM_TRACK_KIND, GST_TAG_FLAG_META,
      G_TYPE_STRING, "track kind", "MediaStreamTrack.kind: video or audio",
      nullptr);

  gobject_class->set_property = gst_media_stream_src_set_property;
  gobject_class->get_property = gst_media_stream_src_get_property;
  gobject_class->finalize = gst_media_stream_src_finalize;
  element_class->change_state =
      GST_DEBUG_FUNCPTR (gst_media_stream_src_change_state);
  element_class->send_event =
      GST_DEBUG_FUNCPTR (gst_media_stream_src_send_event);
  GST_BIN_CLASS (klass)->handle_message =
      GST_DEBUG_FUNCPTR (gst_media_stream_src_handle_message);

  /**
   * GstMediaStreamSrc:constraints:
   *
   * The MediaStreamConstraints JSON document of the getUserMedia() request:
   * `{"video": true}`, `{"video": {"width": 1280}, "audio": true}`, ...
   * Read when the element goes to READY.
   */
  g_object_class_install_property (gobject_class, PROP_CONSTRAINTS,
      g_param_spec_string ("constraints", "Constraints",
          "The stream's MediaStreamConstraints (JSON)", kDefaultStreamConstraints,
          (GParamFlags) (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
              GST_PARAM_MUTABLE_READY)));
  /**
   * GstMediaStreamSrc:uri:
   *
   * A media file or network stream (any URI uridecodebin plays) whose
   * streams become the tracks, as capturing a media element's stream does:
   * one track per decoded stream of a kind #GstMediaStreamSrc:constraints
   * asks for, each through its own constraintfilter (so `{"video":
   * {"width": 640}}` scales the video down). Empty: the tracks come from
   * the devices. The pads appear as the streams are found, when the
   * element goes to PAUSED.
   */
  g_object_class_install_property (gobject_class, PROP_URI,
      g_param_spec_string ("uri", "URI",
          "A media file or stream to take the tracks from instead of "
          "devices", "", (GParamFlags) (G_PARAM_READWRITE |
              G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY)));
  /**
   * GstMediaStreamSrc:stream-id:
   *
   * MediaStream.id: a random UUID, also the upstream id of the stream
   * collection.
   */
  g_object_class_install_property (gobject_class, PROP_STREAM_ID,
      g_param_spec_string ("stream-id", "Stream ID",
          "The MediaStream's id (a UUID)", "",
          (GParamFlags) (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));

  /**
   * GstMediaStreamSrc::clone-track:
   * @src: the element
   * @pad: a track pad of @src
   *
   * MediaStreamTrack.clone(): a new track (and pad) reading the same
   * capture, with the original's constraints and settings; from then on
   * each keeps its own constraints, states and settings.
   *
   * Returns: (transfer full) (nullable): the new track's pad.
   */
  signals[SIGNAL_CLONE_TRACK] = g_signal_new_class_handler ("clone-track",
      G_TYPE_FROM_CLASS (klass),
      (GSignalFlags) (G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION),
      G_CALLBACK (gst_media_stream_src_clone_track), nullptr, nullptr,
      nullptr, GST_TYPE_PAD, 1, GST_TYPE_PAD);

  gst_element_class_add_static_pad_template_with_gtype (element_class,
      &video_template, GST_TYPE_MEDIA_STREAM_TRACK_PAD);
  gst_element_class_add_static_pad_template_with_gtype (element_class,
      &audio_template, GST_TYPE_MEDIA_STREAM_TRACK_PAD);
  gst_element_class_set_static_metadata (element_class,
      "Media stream source", "Source/Video/Audio",
      "getUserMedia(): the cameras and microphones chosen by "
      "MediaStreamConstraints, one pad per track",
      "gst-mediastream contributors");
  gst_type_mark_as_plugin_api (GST_TYPE_MEDIA_STREAM_TRACK_PAD,
      (GstPluginAPIFlags) 0);
}
