/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/**
 * SECTION:gstmediastreamtrackpad
 * @title: GstMediaStreamTrackPad
 * @see_also: mediastreamsrc
 *
 * The source pads of #mediastreamsrc: one MediaStreamTrack each, with the
 * track's attributes as properties. Setting #GstMediaStreamTrackPad:constraints
 * is applyConstraints(); the #GstMediaStreamTrackPad::stop action is
 * MediaStreamTrack.stop().
 *
 * Since: 0.1
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gsttrackpad.h"

#include "gsttrackgate.h"
#include "property.h"
#include "track.h"

#include <mutex>
#include <string>

using namespace mediastream;

enum
{
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_LABEL,
  PROP_ENABLED,
  PROP_MUTED,
  PROP_READY_STATE,
  PROP_CONTENT_HINT,
  PROP_DEVICE_ID,
  PROP_GROUP_ID,
  PROP_CONSTRAINTS,
  PROP_SETTINGS,
  PROP_CAPABILITIES,
};

enum
{
  SIGNAL_STOP,
  LAST_SIGNAL,
};

static guint signals[LAST_SIGNAL];

struct GstMediaStreamTrackPadPrivate {
  std::shared_ptr<Track> track;
  /* The track's states live in its gate; held here so that a pad the
   * application keeps after the element went to NULL still answers. */
  ObjectPtr<GstElement> gate;
  std::mutex lock;
  TrackPadOwner *owner = nullptr;
  gulong mutedHandler = 0;
  gulong readyStateHandler = 0;
};

struct _GstMediaStreamTrackPad
{
  GstGhostPad parent;
  GstMediaStreamTrackPadPrivate *priv;
};

G_DEFINE_TYPE (GstMediaStreamTrackPad, gst_media_stream_track_pad,
    GST_TYPE_GHOST_PAD);

namespace {

/* The gate's states are the track's: tell the pad's listeners. */
void
forwardNotify (GObject * gate, GParamSpec * pspec, gpointer pad)
{
  (void) gate;
  g_object_notify (G_OBJECT (pad), g_param_spec_get_name (pspec));
}

TrackPadOwner *
ownerOf (GstMediaStreamTrackPad * self)
{
  std::lock_guard<std::mutex> guard (self->priv->lock);
  return self->priv->owner;
}

}  // namespace

static void
gst_media_stream_track_pad_stop (GstMediaStreamTrackPad * self)
{
  if (TrackPadOwner * owner = ownerOf (self))
    owner->stop (self->priv->track);
}

static void
gst_media_stream_track_pad_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  auto *self = GST_MEDIA_STREAM_TRACK_PAD (object);
  const auto &track = self->priv->track;
  switch (prop_id) {
    case PROP_ENABLED:
      g_object_set_property (G_OBJECT (self->priv->gate.get ()), "enabled",
          value);
      break;
    case PROP_CONTENT_HINT:{
      const gchar *hint = g_value_get_string (value);
      if (!track->setContentHint (hint ? hint : ""))
        GST_WARNING_OBJECT (self, "content hint \"%s\" does not apply to "
            "a %s track; ignored", hint, kindName (track->kind ()).data ());
      break;
    }
    case PROP_CONSTRAINTS:{
      const gchar *json = g_value_get_string (value);
      if (TrackPadOwner * owner = ownerOf (self))
        owner->applyConstraints (track, json ? json : "{}");
      break;
    }
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_media_stream_track_pad_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  auto *self = GST_MEDIA_STREAM_TRACK_PAD (object);
  const auto &track = self->priv->track;
  switch (prop_id) {
    case PROP_ID:
      g_value_set_string (value, track->id ().c_str ());
      break;
    case PROP_KIND:
      g_value_set_string (value, std::string (kindName (track->kind ())).c_str
          ());
      break;
    case PROP_LABEL:
      g_value_set_string (value, track->label ().c_str ());
      break;
    case PROP_ENABLED:
    case PROP_MUTED:
    case PROP_READY_STATE:
      g_object_get_property (G_OBJECT (self->priv->gate.get ()),
          g_param_spec_get_name (pspec), value);
      break;
    case PROP_CONTENT_HINT:
      g_value_set_string (value, track->contentHint ().c_str ());
      break;
    case PROP_DEVICE_ID:
      g_value_set_string (value, track->deviceId ().c_str ());
      break;
    case PROP_GROUP_ID:
      g_value_set_string (value, track->groupId ().c_str ());
      break;
    case PROP_CONSTRAINTS:
      g_value_set_string (value, track->constraintsJson ().c_str ());
      break;
    case PROP_SETTINGS:
      g_value_set_string (value, track->settingsJson ().c_str ());
      break;
    case PROP_CAPABILITIES:
      g_value_set_string (value, track->capabilitiesJson ().c_str ());
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_media_stream_track_pad_dispose (GObject * object)
{
  auto *self = GST_MEDIA_STREAM_TRACK_PAD (object);
  GstMediaStreamTrackPadPrivate *priv = self->priv;
  if (priv->gate) {
    GstElement *gate = priv->gate.get ();
    if (priv->mutedHandler)
      g_signal_handler_disconnect (gate, priv->mutedHandler);
    if (priv->readyStateHandler)
      g_signal_handler_disconnect (gate, priv->readyStateHandler);
    priv->mutedHandler = priv->readyStateHandler = 0;
    priv->gate.reset ();
  }
  G_OBJECT_CLASS (gst_media_stream_track_pad_parent_class)->dispose (object);
}

static void
gst_media_stream_track_pad_finalize (GObject * object)
{
  delete GST_MEDIA_STREAM_TRACK_PAD (object)->priv;
  G_OBJECT_CLASS (gst_media_stream_track_pad_parent_class)->finalize (object);
}

static void
gst_media_stream_track_pad_init (GstMediaStreamTrackPad * self)
{
  self->priv = new GstMediaStreamTrackPadPrivate ();
}

static void
gst_media_stream_track_pad_class_init (GstMediaStreamTrackPadClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  gobject_class->set_property = gst_media_stream_track_pad_set_property;
  gobject_class->get_property = gst_media_stream_track_pad_get_property;
  gobject_class->dispose = gst_media_stream_track_pad_dispose;
  gobject_class->finalize = gst_media_stream_track_pad_finalize;

  const auto readOnly = (GParamFlags) (G_PARAM_READABLE |
      G_PARAM_STATIC_STRINGS);
  const auto readWrite = (GParamFlags) (G_PARAM_READWRITE |
      G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING);

  /**
   * GstMediaStreamTrackPad:id:
   *
   * The track's id (MediaStreamTrack.id): a random UUID, also the stream-id
   * of the track's #GstStream.
   */
  g_object_class_install_property (gobject_class, PROP_ID,
      g_param_spec_string ("id", "ID", "The track's id (a UUID)", "",
          readOnly));
  /**
   * GstMediaStreamTrackPad:kind:
   *
   * "video" or "audio".
   */
  g_object_class_install_property (gobject_class, PROP_KIND,
      g_param_spec_string ("kind", "Kind", "\"video\" or \"audio\"", "",
          readOnly));
  /**
   * GstMediaStreamTrackPad:label:
   *
   * The device's label ("Integrated Camera"), or the stream's title for a
   * track of a media file.
   */
  g_object_class_install_property (gobject_class, PROP_LABEL,
      g_param_spec_string ("label", "Label", "The track's label", "",
          readOnly));
  /**
   * GstMediaStreamTrackPad:enabled:
   *
   * MediaStreamTrack.enabled: when false the track carries black frames or
   * silence, in the same caps and at the same cadence.
   */
  g_object_class_install_property (gobject_class, PROP_ENABLED,
      g_param_spec_boolean ("enabled", "Enabled",
          "Whether the track carries its source's data (else black frames "
          "or silence)", TRUE, readWrite));
  /**
   * GstMediaStreamTrackPad:muted:
   *
   * MediaStreamTrack.muted: true while the source delivers no data. Each
   * change is also an element message on the bus (see #mediastreamtrackgate).
   */
  g_object_class_install_property (gobject_class, PROP_MUTED,
      g_param_spec_boolean ("muted", "Muted",
          "Whether the source is delivering no data", FALSE, readOnly));
  /**
   * GstMediaStreamTrackPad:ready-state:
   *
   * MediaStreamTrack.readyState: live, or ended once the track was stopped
   * or its device went away.
   */
  g_object_class_install_property (gobject_class, PROP_READY_STATE,
      g_param_spec_enum ("ready-state", "Ready state",
          "live, or ended once stopped or disconnected",
          GST_TYPE_MEDIA_STREAM_TRACK_STATE, GST_MEDIA_STREAM_TRACK_STATE_LIVE,
          readOnly));
  /**
   * GstMediaStreamTrackPad:content-hint:
   *
   * MediaStreamTrack.contentHint: "", "motion", "detail" or "text" for
   * video, "", "speech", "speech-recognition" or "music" for audio; other
   * values are ignored. Encoders downstream may read it.
   */
  g_object_class_install_property (gobject_class, PROP_CONTENT_HINT,
      g_param_spec_string ("content-hint", "Content hint",
          "What the track carries (motion, detail, text; speech, "
          "speech-recognition, music)", "", readWrite));
  /**
   * GstMediaStreamTrackPad:device-id:
   *
   * The deviceId of the track's device (as enumerateDevices() gives it);
   * empty for a track of a media file.
   */
  g_object_class_install_property (gobject_class, PROP_DEVICE_ID,
      g_param_spec_string ("device-id", "Device ID",
          "The deviceId of the track's device", "", readOnly));
  /**
   * GstMediaStreamTrackPad:group-id:
   *
   * The groupId of the track's device.
   */
  g_object_class_install_property (gobject_class, PROP_GROUP_ID,
      g_param_spec_string ("group-id", "Group ID",
          "The groupId of the track's device", "", readOnly));
  /**
   * GstMediaStreamTrackPad:constraints:
   *
   * getConstraints() as a MediaTrackConstraints JSON document; setting it
   * is applyConstraints(): the device mode is chosen again for the track
   * and its clones, and a document that cannot be satisfied (or is not
   * valid) leaves the track as it was and posts a warning whose details
   * name the DOMException (`name`, `constraint`, `message`).
   */
  g_object_class_install_property (gobject_class, PROP_CONSTRAINTS,
      g_param_spec_string ("constraints", "Constraints",
          "The track's MediaTrackConstraints (JSON); setting it applies "
          "them", "{}", readWrite));
  /**
   * GstMediaStreamTrackPad:settings:
   *
   * getSettings() as JSON.
   */
  g_object_class_install_property (gobject_class, PROP_SETTINGS,
      g_param_spec_string ("settings", "Settings",
          "The track's MediaTrackSettings (JSON)", "{}", readOnly));
  /**
   * GstMediaStreamTrackPad:capabilities:
   *
   * getCapabilities() as JSON: what the track's device can do.
   */
  g_object_class_install_property (gobject_class, PROP_CAPABILITIES,
      g_param_spec_string ("capabilities", "Capabilities",
          "The track's MediaTrackCapabilities (JSON)", "{}", readOnly));

  /**
   * GstMediaStreamTrackPad::stop:
   *
   * MediaStreamTrack.stop(): ends the track (EOS on the pad, an
   * `mediastream-track-ended` message); the device is released once none
   * of its tracks is live. The other tracks go on.
   */
  signals[SIGNAL_STOP] = g_signal_new_class_handler ("stop",
      G_TYPE_FROM_CLASS (klass),
      (GSignalFlags) (G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION),
      G_CALLBACK (gst_media_stream_track_pad_stop), nullptr, nullptr,
      nullptr, G_TYPE_NONE, 0);
}

namespace mediastream {

GstPad *
newTrackPad (const std::string &name, GstPadTemplate * templ,
    std::shared_ptr<Track> track, TrackPadOwner * owner)
{
  auto *pad = GST_MEDIA_STREAM_TRACK_PAD (g_object_new
      (GST_TYPE_MEDIA_STREAM_TRACK_PAD, "name", name.c_str (), "direction",
          GST_PAD_SRC, "template", templ, nullptr));
  ObjectPtr<GstPad> target (track->srcPad ());
  gst_ghost_pad_set_target (GST_GHOST_PAD (pad), target.get ());
  GstMediaStreamTrackPadPrivate *priv = pad->priv;
  priv->owner = owner;
  priv->gate.reset (GST_ELEMENT (gst_object_ref (track->gate ())));
  priv->mutedHandler = g_signal_connect (track->gate (), "notify::muted",
      G_CALLBACK (forwardNotify), pad);
  priv->readyStateHandler = g_signal_connect (track->gate (),
      "notify::ready-state", G_CALLBACK (forwardNotify), pad);
  priv->track = std::move (track);
  return GST_PAD (pad);
}

std::shared_ptr<Track>
trackOfPad (GstPad * pad)
{
  if (!GST_IS_MEDIA_STREAM_TRACK_PAD (pad))
    return nullptr;
  return GST_MEDIA_STREAM_TRACK_PAD (pad)->priv->track;
}

void
detachTrackPad (GstPad * pad)
{
  auto *self = GST_MEDIA_STREAM_TRACK_PAD (pad);
  std::lock_guard<std::mutex> guard (self->priv->lock);
  self->priv->owner = nullptr;
}

}  // namespace mediastream
