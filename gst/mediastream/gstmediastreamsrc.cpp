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

#include "device-change.h"
#include "gst-caps.h"
#include "gst-dom-exception.h"
#include "gst-translations.h"
#include "gsttrackgate.h"
#include "gsttrackpad.h"
#include "json.h"
#include "media-devices.h"
#include "select-settings.h"
#include "shared-capture.h"
#include "source-errors.h"
#include "track.h"

#include <glib/gi18n-lib.h>

#include <algorithm>
#include <cstring>
#include <atomic>
#include <optional>
#include <list>
#include <mutex>
#include <set>
#include <string>
#include <vector>

GST_DEBUG_CATEGORY_STATIC (gst_media_stream_src_debug);
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

#define DEFAULT_CONSTRAINTS "{\"audio\":true,\"video\":true}"

static GstStaticPadTemplate video_template =
GST_STATIC_PAD_TEMPLATE ("video_%u", GST_PAD_SRC, GST_PAD_SOMETIMES,
    GST_STATIC_CAPS ("video/x-raw(ANY); image/jpeg"));
static GstStaticPadTemplate audio_template =
GST_STATIC_PAD_TEMPLATE ("audio_%u", GST_PAD_SRC, GST_PAD_SOMETIMES,
    GST_STATIC_CAPS ("audio/x-raw(ANY)"));

namespace {

/* A track as the element exposes it. */
struct ExposedTrack {
  std::shared_ptr<Track> track;
  ObjectPtr<GstStream> stream;
  std::string padName;
  GstPad *pad = nullptr;      /* while selected; the element holds a ref */
  /* Read by the streaming thread: a track that is not selected has no pad,
   * and its data stops at the end of its branch. */
  std::shared_ptr<std::atomic<bool>> selected =
      std::make_shared<std::atomic<bool>> (true);
  gulong probe = 0;
};

}  // namespace

/* *INDENT-OFF* */
struct GstMediaStreamSrcPrivate : TrackPadOwner {
  explicit GstMediaStreamSrcPrivate (GstMediaStreamSrc *element)
    : self (element),
      streamId (GCharPtr (g_uuid_string_random ()).get ()) {}

  void applyConstraints (const std::shared_ptr<Track> &track,
      const std::string &json) override;
  void stop (const std::shared_ptr<Track> &track) override;

  GstMediaStreamSrc *self;
  /* Guards the fields below. Never held while posting a message or
   * changing a pad or an element's state. */
  std::mutex lock;
  std::string constraints = DEFAULT_CONSTRAINTS;
  std::string uri;
  std::string streamId;
  /* With a uri: the decoder, and what each kind of its streams asks. */
  GstElement *decoder = nullptr;
  StreamConstraints uriConstraints;
  guint groupId = 0;
  std::vector<std::shared_ptr<Capture>> captures;
  /* While the tracks come from devices: the devicechange watch. */
  std::unique_ptr<DeviceWatch> watch;
  std::list<ExposedTrack> tracks;   /* stable addresses: pads point in */
  /* From PAUSED on, selected tracks have pads. */
  bool padsShown = false;
  ObjectPtr<GstStreamCollection> collection;
  guint nextPad[2] = { 0, 0 };      /* by Kind */
};
/* *INDENT-ON* */

struct _GstMediaStreamSrc
{
  GstBin parent;
  GstMediaStreamSrcPrivate *priv;
};

#define gst_media_stream_src_parent_class parent_class
G_DEFINE_TYPE (GstMediaStreamSrc, gst_media_stream_src, GST_TYPE_BIN);

GST_ELEMENT_REGISTER_DEFINE_WITH_CODE (mediastreamsrc, "mediastreamsrc",
    GST_RANK_NONE, GST_TYPE_MEDIA_STREAM_SRC,
    mediastream::bindTranslations ());

namespace {

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

GstPadTemplate *
templateFor (GstMediaStreamSrc * self, Kind kind)
{
  return gst_element_class_get_pad_template (GST_ELEMENT_GET_CLASS (self),
      kind == Kind::Video ? "video_%u" : "audio_%u");
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

struct FailedCapture {
  std::shared_ptr<Capture> capture;
  MessagePtr message;           /* the source's error, or null: unplugged */
};

/* The tracks of a device that went away end (those that have not yet);
 * the others go on. */
void
endLostTracks (const Capture & capture)
{
  for (const auto &track : capture.tracks ())
    gst_media_stream_track_gate_end (GST_MEDIA_STREAM_TRACK_GATE
        (track->gate ()), GST_MEDIA_STREAM_TRACK_ENDED_DEVICE_LOST);
}

/* The loss told once: the warning naming the exception, and the end of the
 * tracks. */
void
endTracksOf (GstMediaStreamSrc * self, const Capture & capture,
    const Error & error)
{
  GST_MEDIASTREAM_POST_DOM_EXCEPTION (self, GST_MESSAGE_WARNING, RESOURCE,
      READ, _("A device stopped delivering; its tracks have ended."), error);
  endLostTracks (capture);
}

/* A device's error: before it delivered anything, getUserMedia() fails
 * with it (NotReadableError, ...); afterwards the device was lost. A device
 * unplugged (no message) was lost too. Runs off the thread that noticed:
 * telling what happened may mean opening the device again. */
void
handleCaptureFailure (GstElement * element, gpointer data)
{
  auto *self = GST_MEDIA_STREAM_SRC (element);
  auto *failed = static_cast<FailedCapture *> (data);
  Capture &capture = *failed->capture;
  const DeviceDescription &device = capture.device ().description;
  const Error error = failed->message ?
      sourceError (failed->message.get (), capture.device ()) :
      Error { ErrorName::NotFoundError, "", "the " + std::string
        (device.kind == Kind::Video ? "camera" : "microphone") + " \"" +
        device.label + "\" is no longer connected" };
  GST_INFO_OBJECT (self, "device \"%s\": %s", device.label.c_str (),
      error.message.c_str ());
  if (failed->message && !capture.started ())
    postRequestError (self, error);
  else if (capture.markLost ()) {
    endTracksOf (self, capture, error);
    capture.releaseIfUnused ();
  }
}

void
freeFailedCapture (gpointer data)
{
  delete static_cast<FailedCapture *> (data);
}

/* The capture `object` is that part of (Capture::owns: its source). */
std::shared_ptr<Capture>
captureOf (GstMediaStreamSrcPrivate * priv, GstObject * object,
    bool (Capture::*part) (GstObject *) const)
{
  std::lock_guard<std::mutex> guard (priv->lock);
  for (const auto &capture : priv->captures) {
    if (((*capture).*part) (object))
      return capture;
  }
  return nullptr;
}

/* Whether the message is the "not negotiated" warning of a capsfilter of a
 * capture (its mode filter, or one inside a source bin). When a capture
 * changes mode, the frames of the previous one still on their way are
 * refused by those filters, which keeps them from the tracks that now need
 * the new mode; a filter warns about each refusal, but nothing went wrong:
 * the source switches, and the tracks go on. */
bool
isModeChangeWarning (GstMediaStreamSrcPrivate * priv, GstMessage * message)
{
  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_WARNING)
    return false;
  GError *error = nullptr;
  gst_message_parse_warning (message, &error, nullptr);
  GErrorPtr owned (error);
  if (!g_error_matches (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FORMAT))
    return false;
  GstObject *origin = GST_MESSAGE_SRC (message);
  return captureOf (priv, origin, &Capture::isModeFilter) ||
      captureOf (priv, origin, &Capture::owns);
}

/* devicechange: the new list on the bus, and the end of the tracks whose
 * device is not in it any more. Runs in the thread that noticed. */
void
onDeviceChange (GstMediaStreamSrc * self, const MediaDevices & devices)
{
  gst_element_post_message (GST_ELEMENT (self),
      newDeviceChangeMessage (GST_OBJECT (self), devices));
  std::vector<std::shared_ptr<Capture>> gone;
  {
    std::lock_guard<std::mutex> guard (self->priv->lock);
    for (const auto &capture : self->priv->captures) {
      const std::string &id = capture->device ().description.deviceId;
      if (std::none_of (devices.begin (), devices.end (),
              [&id] (const MediaDevice & d) {
                return d.description.deviceId == id; }))
        gone.push_back (capture);
    }
  }
  for (auto &capture : gone)
    gst_element_call_async (GST_ELEMENT (self), handleCaptureFailure,
        new FailedCapture { std::move (capture), MessagePtr () },
        freeFailedCapture);
}

std::optional<Kind>
kindOfPad (GstPad * pad)
{
  CapsPtr caps (gst_pad_get_current_caps (pad));
  if (!caps)
    caps.reset (gst_pad_query_caps (pad, nullptr));
  if (!caps || gst_caps_is_empty (caps.get ()) || gst_caps_is_any (caps.get ()))
    return std::nullopt;
  const gchar *name = gst_structure_get_name (gst_caps_get_structure
      (caps.get (), 0));
  if (g_str_has_prefix (name, "video/"))
    return Kind::Video;
  if (g_str_has_prefix (name, "audio/"))
    return Kind::Audio;
  return std::nullopt;
}

/* The label of the tracks of a media file: the file's name. */
std::string
labelOfUri (const std::string &uri)
{
  const std::size_t slash = uri.find_last_of ('/');
  std::string name = slash == std::string::npos ? uri : uri.substr (slash + 1);
  GCharPtr unescaped (g_uri_unescape_string (name.c_str (), nullptr));
  return unescaped ? unescaped.get () : name;
}

/* A decoded stream of the media file: a track when its kind was asked for,
 * else discarded. Runs in the decoder's streaming thread. */
void
onDecodedPad (GstElement * decoder, GstPad * pad, gpointer data)
{
  (void) decoder;
  auto *self = GST_MEDIA_STREAM_SRC (data);
  GstMediaStreamSrcPrivate *priv = self->priv;
  const std::optional<Kind> kind = kindOfPad (pad);
  std::optional<TrackConstraints> wanted;
  std::string uri;
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    if (kind)
      wanted = priv->uriConstraints.forKind (*kind);
    uri = priv->uri;
  }
  if (!wanted) {
    GST_INFO_OBJECT (self, "not asked for: %" GST_PTR_FORMAT, pad);
    GstElement *discard = gst_element_factory_make ("fakesink", nullptr);
    g_object_set (discard, "sync", TRUE, "async", FALSE, nullptr);
    gst_bin_add (GST_BIN (self), discard);
    ObjectPtr<GstPad> sink (gst_element_get_static_pad (discard, "sink"));
    gst_pad_link (pad, sink.get ());
    gst_element_sync_state_with_parent (discard);
    return;
  }
  TrackSpec spec;
  spec.kind = *kind;
  spec.label = labelOfUri (uri);
  spec.constraints = wanted->forKind (*kind);
  auto track = Track::create (GST_BIN (self), nullptr, std::move (spec));
  if (!track) {
    postRequestError (self, track.error ());
    return;
  }
  CapsPtr caps (gst_pad_query_caps (pad, nullptr));
  ExposedTrack exposed;
  exposed.stream = newStream (**track, caps.get ());
  exposed.track = std::move (*track);
  watchTrackOutput (priv, exposed);
  ObjectPtr<GstPad> sink (exposed.track->sinkPad ());
  if (gst_pad_link (pad, sink.get ()) != GST_PAD_LINK_OK) {
    exposed.track->remove ();
    postRequestError (self, Error { ErrorName::NotReadableError, "",
            "a stream of " + uri + " cannot be linked" });
    return;
  }
  ExposedTrack *added;
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    exposed.padName = nextPadName (priv, exposed.track->kind ());
    priv->tracks.push_back (std::move (exposed));
    added = &priv->tracks.back ();
  }
  gst_bin_sync_children_states (GST_BIN (self));
  postCollection (self);
  exposePad (self, *added);
}

void
onDecoderNoMorePads (GstElement * decoder, gpointer data)
{
  (void) decoder;
  gst_element_no_more_pads (GST_ELEMENT (data));
}

/* A media file's (or network stream's) tracks, as its decoder finds them:
 * like capturing the stream of a media element. */
bool
buildFromUri (GstMediaStreamSrc * self, const StreamConstraints & constraints,
    const std::string &uri)
{
  GstMediaStreamSrcPrivate *priv = self->priv;
  if (!constraints.video && !constraints.audio) {
    postRequestError (self, Error { ErrorName::TypeError, "",
            "the constraints ask for neither audio nor video" });
    return false;
  }
  GstElement *decoder = gst_element_factory_make ("uridecodebin", "decoder");
  if (decoder == nullptr) {
    postRequestError (self, Error { ErrorName::NotReadableError, "",
            "the GStreamer element 'uridecodebin' is missing; check the "
            "installation" });
    return false;
  }
  g_object_set (decoder, "uri", uri.c_str (), nullptr);
  g_signal_connect (decoder, "pad-added", G_CALLBACK (onDecodedPad), self);
  g_signal_connect (decoder, "no-more-pads",
      G_CALLBACK (onDecoderNoMorePads), self);
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    priv->uriConstraints = constraints;
    priv->decoder = decoder;
  }
  gst_bin_add (GST_BIN (self), decoder);
  return true;
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
releaseHeldCapture (GstElement * element, gpointer data)
{
  (void) element;
  (*static_cast<std::shared_ptr<Capture> *> (data))->releaseIfUnused ();
}

void
freeHeldCapture (gpointer data)
{
  delete static_cast<std::shared_ptr<Capture> *> (data);
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

namespace {

/* Whether a capture's error is the one of a mode switch that lost a race:
 * the source was negotiating (its caps query on its way downstream) when
 * applyConstraints() moved the mode, and found no common caps. A device
 * that fails says something else, and a switch is retried once. */
bool
isModeSwitchRace (Capture & capture, GstMessage * message)
{
  GError *error = nullptr;
  gchar *debug = nullptr;
  gst_message_parse_error (message, &error, &debug);
  GErrorPtr ownedError (error);
  GCharPtr ownedDebug (debug);
  return g_error_matches (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED)
      && debug != nullptr && strstr (debug, "not-negotiated") != nullptr
      && capture.takeModeSwitch ();
}

GstPadProbeReturn
dropOneEos (GstPad * pad, GstPadProbeInfo * info, gpointer)
{
  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) != GST_EVENT_EOS)
    return GST_PAD_PROBE_OK;
  /* GST_PAD_PROBE_REMOVE would let the event through: drop it, and remove
   * the probe by its id. */
  gst_pad_remove_probe (pad, GST_PAD_PROBE_INFO_ID (info));
  return GST_PAD_PROBE_DROP;
}

void
restartSource (GstElement * element, gpointer data)
{
  (void) element;
  GstElement *source = (*static_cast<std::shared_ptr<Capture> *>
      (data))->source ();
  gst_element_set_state (source, GST_STATE_READY);
  gst_element_sync_state_with_parent (source);
}

/* Restarts the capture's source, which negotiates the mode asked for; the
 * EOS it sends after its error does not reach the tracks. Called in the
 * source's streaming thread, which posts the error before that EOS. */
void
restartCapture (GstMediaStreamSrc * self,
    const std::shared_ptr<Capture> &capture)
{
  GST_INFO_OBJECT (self, "restarting %s after a lost mode-switch race",
      GST_ELEMENT_NAME (capture->source ()));
  ObjectPtr<GstPad> output (gst_element_get_static_pad (capture->source (),
          "src"));
  gst_pad_add_probe (output.get (), GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
      dropOneEos, nullptr, nullptr);
  gst_element_call_async (GST_ELEMENT (self), restartSource,
      new std::shared_ptr<Capture> (capture), freeHeldCapture);
}

}  // namespace

/* Errors of the devices are the element's to explain (see
 * handleCaptureFailure), a mode change's refused frames are no news; the
 * other messages go up as they are. */
static void
gst_media_stream_src_handle_message (GstBin * bin, GstMessage * message)
{
  auto *self = GST_MEDIA_STREAM_SRC (bin);
  if (isModeChangeWarning (self->priv, message)) {
    GST_DEBUG_OBJECT (self, "frames of the previous mode refused by %s",
        GST_MESSAGE_SRC_NAME (message));
    gst_message_unref (message);
    return;
  }
  std::shared_ptr<Capture> capture;
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    capture = captureOf (self->priv, GST_MESSAGE_SRC (message),
        &Capture::owns);
  if (!capture) {
    GST_BIN_CLASS (parent_class)->handle_message (bin, message);
    return;
  }
  if (isModeSwitchRace (*capture, message)) {
    restartCapture (self, capture);
    gst_message_unref (message);
    return;
  }
  /* The errors are explained off this thread, in any order: only the
   * first, the cause, is. */
  if (!capture->markErrored ()) {
    GST_DEBUG_OBJECT (self, "%" GST_PTR_FORMAT " after the first error of "
        "its source", message);
    gst_message_unref (message);
    return;
  }
  /* A failing source (GstBaseSrc) pushes EOS right after its error, and
   * EOS would end the tracks as finished (source-ended) before the error is
   * explained: a device lost after it delivered ends its tracks here,
   * before that EOS. */
  if (capture->started ())
    endLostTracks (*capture);
  gst_element_call_async (GST_ELEMENT (self), handleCaptureFailure,
      new FailedCapture { capture, MessagePtr (message) }, freeFailedCapture);
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
      priv->constraints = json ? json : DEFAULT_CONSTRAINTS;
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
          "The stream's MediaStreamConstraints (JSON)", DEFAULT_CONSTRAINTS,
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
