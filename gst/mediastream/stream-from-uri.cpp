/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* mediastreamsrc's tracks of a media file or network stream (its `uri`):
 * uridecodebin decodes it, and each decoded stream of a kind the
 * constraints ask for becomes a track, through constraintfilter (which
 * selects on what the decoder delivers) and mediastreamtrackgate, as
 * capturing the stream of a media element gives tracks. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstmediastreamsrc-private.h"

#include <optional>

#define GST_CAT_DEFAULT gst_media_stream_src_debug

namespace mediastream {

namespace {

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

}  // namespace

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

}  // namespace mediastream
