/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-mediastreamtrackgate
 * @title: mediastreamtrackgate
 * @see_also: mediastreamsrc, constraintfilter
 *
 * The MediaStreamTrack states `enabled`, `muted` and `readyState` on the
 * data path of one track. `mediastreamsrc` puts one at the end of each
 * track's chain (source ! constraintfilter ! mediastreamtrackgate ! track
 * pad) and shows its properties on the track pad; it works alone too.
 *
 * **enabled**: while #GstMediaStreamTrackGate:enabled is %FALSE, every
 * buffer is replaced by zero-information content in the negotiated caps,
 * with the same timestamps, duration, offsets and flags, so downstream sees
 * the same cadence:
 *
 * - raw video: black, in every format GStreamer can pack: the black level
 *   of the caps' colorimetry range for luma (16 in limited range, 0 in full
 *   range; 64 at 10 bits) and mid-scale chroma for YUV, 0 for R, G and B,
 *   and opaque alpha (as the Media Capture specification's tests expect of
 *   a disabled track: RGB 0, 0, 0, alpha 255), in the default layout;
 * - raw audio: silence of the same length in the same format (0x80 for
 *   U8, and so on);
 * - `image/jpeg` (an MJPEG camera's frames kept for a muxer): a baseline
 *   JPEG of a black picture of the caps' width and height, encoded once
 *   per caps with `jpegenc` (run synchronously in the streaming thread, the
 *   first time a disabled track needs it);
 * - where no blank can be made (caps in memory other than system memory,
 *   such as GL textures or DMABufs; JPEG caps without a size; no
 *   `jpegenc`), a GAP event with the buffer's timestamp and duration takes
 *   its place, so the content still never leaks.
 *
 * The blank content is made once per caps and shared by every buffer it
 * replaces. While enabled the gate is passthrough: the buffers go through
 * untouched, as do caps and allocation queries. Setting `enabled` back
 * takes effect from the next buffer.
 *
 * **muted**: #GstMediaStreamTrackGate:muted is %TRUE while the source
 * delivers nothing. While PLAYING, unless upstream answers a latency query
 * saying it is not live, the gate sets it when no buffer has arrived for
 * the larger of three buffer durations and 500 ms (3 s for the first
 * buffer after going to PLAYING, since cameras take a while to start),
 * measured on the system clock, and clears it on the next buffer. (A live
 * source that never starts may never answer the query: that is a muted
 * track too.) Pausing suspends the watch; muted keeps its value until data
 * flows again. Each change is notified and posted as an element message.
 *
 * **readyState**: #GstMediaStreamTrackGate:ready-state becomes `ended` for
 * good when the #GstMediaStreamTrackGate::stop action is emitted
 * (MediaStreamTrack.stop()), when #GstMediaStreamTrackGate::end is
 * emitted (what a bin does when the track's device fails), or when EOS
 * arrives from upstream. The state changes synchronously; then EOS is sent
 * downstream (from another thread, so that stop() never waits for the
 * pipeline), and whatever arrives afterwards is dropped. Upstream is told
 * #GST_FLOW_OK for those buffers unless #GstMediaStreamTrackGate:eos-upstream
 * is set. After a flush or a restart from READY an ended gate sends EOS
 * again: an ended track stays ended.
 *
 * ## Messages
 *
 * Element messages, each with a `track-id` string field holding
 * #GstMediaStreamTrackGate:track-id:
 *
 * - `mediastream-track-muted`: the source went silent;
 * - `mediastream-track-unmuted`: it delivers again;
 * - `mediastream-track-ended`: the track ended; its string field `reason`
 *   is `stopped` (the stop action), `source-ended` (EOS from upstream) or
 *   the reason given to the end action (`device-lost` when the device
 *   failed). The specification fires no `ended` event for stop(): a
 *   MediaStreamTrack implementation should not turn a `stopped` message
 *   into one.
 *
 * ## Example pipelines
 * |[
 * gst-launch-1.0 v4l2src ! mediastreamtrackgate enabled=false ! videoconvert ! autovideosink
 * ]| A disabled camera track: black frames at the camera's rate.
 * |[
 * gst-launch-1.0 -m audiotestsrc is-live=true ! mediastreamtrackgate track-id=mic ! fakesink
 * ]| Pausing the source (or unplugging a device) shows the mute messages.
 *
 * Since: 0.1
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gsttrackgate.h"

#include "blank-media.h"
#include "gst-ptr.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <string>

GST_DEBUG_CATEGORY (gst_media_stream_track_gate_debug);
#define GST_CAT_DEFAULT gst_media_stream_track_gate_debug

using namespace mediastream;

enum
{
  PROP_0,
  PROP_ENABLED,
  PROP_MUTED,
  PROP_READY_STATE,
  PROP_TRACK_ID,
  PROP_EOS_UPSTREAM,
  N_PROPERTIES
};

enum
{
  SIGNAL_STOP,
  SIGNAL_END,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPERTIES];
static guint signals[N_SIGNALS];

/* How long a live source may stay silent before its track is muted: a few
 * buffers, and never less than this (a camera's frame interval jitters, and
 * low light slows it down). */
constexpr GstClockTime kMinimumGrace = 500 * GST_MSECOND;
constexpr guint64 kGraceBuffers = 3;
/* ...and before the first buffer after going to PLAYING: Chromium allows a
 * camera 100 frame intervals (3.3 s at 30 fps) to start. */
constexpr GstClockTime kStartupGrace = 3 * GST_SECOND;

#define TRACK_CAPS "video/x-raw(ANY); image/jpeg; audio/x-raw(ANY)"

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS (TRACK_CAPS));
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS (TRACK_CAPS));

/* *INDENT-OFF* */
struct GstMediaStreamTrackGatePrivate {
  /* Read by the streaming thread on every buffer, written from anywhere. */
  std::atomic<bool> enabled {true};
  std::atomic<bool> ended {false};
  std::atomic<bool> eosUpstream {false};

  /* Serialises each change of muted or ready-state with its message and
   * notification, so that they are seen in the order the changes happened.
   * Taken before `lock`; recursive because whoever handles a message
   * synchronously may stop or end the track. */
  std::recursive_mutex announceLock;

  /* Guards the fields below; never held across pad operations. */
  std::mutex lock;
  std::string trackId;
  bool muted = false;
  bool playing = false;
  /* As the last answered latency query said; unknown until one is (a
   * live source answers once it has negotiated). */
  std::optional<bool> upstreamLive;
  /* The silence watch: while PLAYING after a live upstream, a single-shot
   * id on the system clock due when the grace after the last buffer ends. */
  bool watching = false;
  ObjectPtr<GstClock> clock;
  GstClockID watchId = nullptr;
  GstClockTime watchDeadline = GST_CLOCK_TIME_NONE;
  GstClockTime lastArrival = GST_CLOCK_TIME_NONE;
  GstClockTime grace = kStartupGrace;

  /* Streaming thread only (the sink pad's stream lock). */
  BlankMedia blank;

  GstPad *sinkpad = nullptr;            /* owned by the element */
  GstPad *srcpad = nullptr;             /* owned by the element */
};
/* *INDENT-ON* */

struct _GstMediaStreamTrackGate
{
  GstElement parent;
  GstMediaStreamTrackGatePrivate *priv;
};

#define gst_media_stream_track_gate_parent_class parent_class
G_DEFINE_TYPE (GstMediaStreamTrackGate, gst_media_stream_track_gate,
    GST_TYPE_ELEMENT);

GST_ELEMENT_REGISTER_DEFINE (mediastreamtrackgate, "mediastreamtrackgate",
    GST_RANK_NONE, GST_TYPE_MEDIA_STREAM_TRACK_GATE);

GType
gst_media_stream_track_state_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_MEDIA_STREAM_TRACK_STATE_LIVE, "The track carries media", "live"},
    {GST_MEDIA_STREAM_TRACK_STATE_ENDED, "The track has ended", "ended"},
    {0, nullptr, nullptr},
  };
  if (g_once_init_enter (&type)) {
    GType registered = g_enum_register_static ("GstMediaStreamTrackState",
        values);
    g_once_init_leave (&type, registered);
  }
  return type;
}

namespace {

void
postTrackMessage (GstMediaStreamTrackGate * self, const char *name,
    const std::string & trackId, const char *reason)
{
  GstStructure *s = gst_structure_new (name, "track-id", G_TYPE_STRING,
      trackId.c_str (), nullptr);
  if (reason)
    gst_structure_set (s, "reason", G_TYPE_STRING, reason, nullptr);
  GST_INFO_OBJECT (self, "%" GST_PTR_FORMAT, s);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* Called with announceLock held, after muted changed. */
void
announceMuted (GstMediaStreamTrackGate * self, bool muted,
    const std::string & trackId)
{
  postTrackMessage (self, muted ? GST_MEDIA_STREAM_TRACK_MUTED_MESSAGE :
      GST_MEDIA_STREAM_TRACK_UNMUTED_MESSAGE, trackId, nullptr);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

GstClockTime
graceAfter (GstClockTime duration)
{
  if (!GST_CLOCK_TIME_IS_VALID (duration))
    return kMinimumGrace;
  return std::max (kMinimumGrace, kGraceBuffers * duration);
}

gboolean onSilence (GstClock * clock, GstClockTime time, GstClockID id,
    gpointer user_data);

/* Called with the lock held: the watch is due at `deadline` from now on. */
void
armWatch (GstMediaStreamTrackGate * self, GstClockTime deadline)
{
  GstMediaStreamTrackGatePrivate *priv = self->priv;
  if (priv->watchId) {
    gst_clock_id_unschedule (priv->watchId);
    gst_clock_id_unref (priv->watchId);
  }
  priv->watchId = gst_clock_new_single_shot_id (priv->clock.get (), deadline);
  priv->watchDeadline = deadline;
  gst_clock_id_wait_async (priv->watchId, onSilence, gst_object_ref (self),
      gst_object_unref);
}

/* Called with the lock held. */
void
disarmWatch (GstMediaStreamTrackGate * self)
{
  GstMediaStreamTrackGatePrivate *priv = self->priv;
  priv->watching = false;
  if (priv->watchId) {
    gst_clock_id_unschedule (priv->watchId);
    gst_clock_id_unref (priv->watchId);
    priv->watchId = nullptr;
  }
}

/* The watch is due: mute the track if nothing came during the grace, or
 * wait for the end of the grace the last buffer started. Runs in the
 * clock's thread. */
gboolean
onSilence (GstClock * clock, GstClockTime, GstClockID id, gpointer user_data)
{
  auto *self = GST_MEDIA_STREAM_TRACK_GATE (user_data);
  GstMediaStreamTrackGatePrivate *priv = self->priv;

  std::lock_guard < std::recursive_mutex > announce (priv->announceLock);
  std::string trackId;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    if (id != priv->watchId)
      return TRUE;              /* disarmed or rearmed meanwhile */
    gst_clock_id_unref (priv->watchId);
    priv->watchId = nullptr;
    if (!priv->watching || priv->ended)
      return TRUE;
    const GstClockTime deadline = priv->lastArrival + priv->grace;
    if (gst_clock_get_time (clock) < deadline) {
      armWatch (self, deadline);
      return TRUE;
    }
    /* Silent: disarmed until the next buffer. */
    if (priv->muted)
      return TRUE;
    priv->muted = true;
    trackId = priv->trackId;
  }
  GST_DEBUG_OBJECT (self, "no data for %" GST_TIME_FORMAT,
      GST_TIME_ARGS (priv->grace));
  announceMuted (self, true, trackId);
  return TRUE;
}

/* Called with the lock held: starts the watch once the element is PLAYING,
 * unless upstream is known not to be live. A live source that never
 * delivers its first buffer may never answer, and that is precisely a
 * muted track; a source that is not live says so. */
void
startWatchIfDue (GstMediaStreamTrackGate * self)
{
  GstMediaStreamTrackGatePrivate *priv = self->priv;
  if (!priv->playing || priv->upstreamLive == false || priv->ended
      || priv->watching)
    return;
  /* The system clock, not the pipeline's: an audio device's clock stops
   * with the device, and so would a watch on it. */
  priv->clock.reset (gst_system_clock_obtain ());
  priv->watching = true;
  priv->lastArrival = gst_clock_get_time (priv->clock.get ());
  priv->grace = kStartupGrace;
  armWatch (self, priv->lastArrival + priv->grace);
}

/* A latency query upstream answered: is the source live? */
void
learnLiveness (GstMediaStreamTrackGate * self, GstQuery * query)
{
  gboolean live = FALSE;
  gst_query_parse_latency (query, &live, nullptr, nullptr);
  std::lock_guard < std::mutex > guard (self->priv->lock);
  if (self->priv->upstreamLive == static_cast<bool> (live))
    return;
  GST_DEBUG_OBJECT (self, "upstream is %slive", live ? "" : "not ");
  self->priv->upstreamLive = live;
  if (live)
    startWatchIfDue (self);
  else
    disarmWatch (self);
}

/* PAUSED to PLAYING. A live source that has not negotiated yet may not
 * answer this query; the latency query the sinks make once it has tells
 * the gate then. */
void
startWatch (GstMediaStreamTrackGate * self)
{
  {
    std::lock_guard < std::mutex > guard (self->priv->lock);
    self->priv->playing = true;
  }
  GstQuery *query = gst_query_new_latency ();
  if (gst_pad_peer_query (self->priv->sinkpad, query))
    learnLiveness (self, query);
  gst_query_unref (query);
  std::lock_guard < std::mutex > guard (self->priv->lock);
  startWatchIfDue (self);
}

void
stopWatch (GstMediaStreamTrackGate * self)
{
  std::lock_guard < std::mutex > guard (self->priv->lock);
  self->priv->playing = false;
  disarmWatch (self);
  self->priv->clock.reset ();
}

/* A buffer arrived: the source is not silent. */
void
noteArrival (GstMediaStreamTrackGate * self, GstBuffer * buffer)
{
  GstMediaStreamTrackGatePrivate *priv = self->priv;
  const GstClockTime duration = priv->blank.durationOf (buffer);
  bool wasMuted;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    if (priv->watching) {
      priv->lastArrival = gst_clock_get_time (priv->clock.get ());
      priv->grace = graceAfter (duration);
      /* Usually the deadline only moves later and the due watch finds the
       * new one; an earlier one (the first buffer ends the startup grace)
       * or a disarmed watch (after muting) needs arming. */
      const GstClockTime deadline = priv->lastArrival + priv->grace;
      if (!priv->watchId || deadline < priv->watchDeadline)
        armWatch (self, deadline);
    }
    wasMuted = priv->muted;
  }
  if (!wasMuted)
    return;

  std::lock_guard < std::recursive_mutex > announce (priv->announceLock);
  std::string trackId;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    if (!priv->muted || priv->ended)
      return;
    priv->muted = false;
    trackId = priv->trackId;
  }
  announceMuted (self, false, trackId);
}

/* Sends EOS downstream unless the source pad has it already (or cannot
 * take it: inactive, flushing). Threads may race here: the pad stores one
 * EOS and refuses the others, without waiting for the one on its way. */
void
ensureEosDownstream (GstMediaStreamTrackGate * self)
{
  GstPad *srcpad = self->priv->srcpad;
  GST_OBJECT_LOCK (srcpad);
  const bool needed = !GST_PAD_IS_EOS (srcpad)
      && GST_PAD_MODE (srcpad) == GST_PAD_MODE_PUSH
      && !GST_PAD_IS_FLUSHING (srcpad);
  GST_OBJECT_UNLOCK (srcpad);
  if (!needed)
    return;
  GST_DEBUG_OBJECT (self, "sending EOS");
  gst_pad_push_event (srcpad, gst_event_new_eos ());
}

/* EOS from a thread of GStreamer's pool: a sink that has prerolled holds
 * EOS until PLAYING, and stop() must not wait for that. */
void
sendEosSoon (GstMediaStreamTrackGate * self)
{
  auto send = [](GstElement * element, gpointer) {
    ensureEosDownstream (GST_MEDIA_STREAM_TRACK_GATE (element));
  };
  gst_element_call_async (GST_ELEMENT (self), send, nullptr, nullptr);
}

/* Ends the track; false when it had ended already. */
bool
endTrack (GstMediaStreamTrackGate * self, const char *reason)
{
  GstMediaStreamTrackGatePrivate *priv = self->priv;
  std::lock_guard < std::recursive_mutex > announce (priv->announceLock);
  std::string trackId;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    if (priv->ended)
      return false;
    priv->ended = true;
    disarmWatch (self);
    trackId = priv->trackId;
  }
  postTrackMessage (self, GST_MEDIA_STREAM_TRACK_ENDED_MESSAGE, trackId,
      reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY_STATE]);
  return true;
}

GstFlowReturn
droppedAfterEnd (GstMediaStreamTrackGate * self)
{
  ensureEosDownstream (self);
  return self->priv->eosUpstream ? GST_FLOW_EOS : GST_FLOW_OK;
}

}  // namespace

/**
 * gst_media_stream_track_gate_end:
 * @gate: the #GstMediaStreamTrackGate
 * @reason: (nullable): the `reason` of the ended message; %NULL means
 *   `device-lost`
 *
 * What the #GstMediaStreamTrackGate::end action does, for code in this
 * plugin: ends the track unless it has ended already. Callable from any
 * thread, a bus sync handler included; it never waits for the pipeline.
 *
 * Since: 0.1
 */
void
gst_media_stream_track_gate_end (GstMediaStreamTrackGate * gate,
    const gchar * reason)
{
  g_return_if_fail (GST_IS_MEDIA_STREAM_TRACK_GATE (gate));
  if (endTrack (gate, reason ? reason :
          GST_MEDIA_STREAM_TRACK_ENDED_DEVICE_LOST))
    sendEosSoon (gate);
}

static void
gst_media_stream_track_gate_stop (GstMediaStreamTrackGate * self)
{
  gst_media_stream_track_gate_end (self, GST_MEDIA_STREAM_TRACK_ENDED_STOPPED);
}

static GstFlowReturn
gst_media_stream_track_gate_chain (GstPad *, GstObject * parent,
    GstBuffer * buffer)
{
  auto *self = GST_MEDIA_STREAM_TRACK_GATE (parent);
  GstMediaStreamTrackGatePrivate *priv = self->priv;

  if (priv->ended) {
    gst_buffer_unref (buffer);
    return droppedAfterEnd (self);
  }
  noteArrival (self, buffer);

  if (!priv->enabled) {
    GstBuffer *blank = priv->blank.replace (buffer);
    if (!blank) {
      /* Nothing to show in its place but the time it covers. */
      const GstClockTime pts = GST_BUFFER_PTS (buffer);
      const GstClockTime duration = GST_BUFFER_DURATION (buffer);
      gst_buffer_unref (buffer);
      if (GST_CLOCK_TIME_IS_VALID (pts))
        gst_pad_push_event (priv->srcpad, gst_event_new_gap (pts, duration));
      return GST_FLOW_OK;
    }
    gst_buffer_unref (buffer);
    buffer = blank;
  }

  GstFlowReturn ret = gst_pad_push (priv->srcpad, buffer);
  /* Ended while the buffer was on its way. */
  if (ret == GST_FLOW_EOS && priv->ended)
    return droppedAfterEnd (self);
  return ret;
}

static gboolean
gst_media_stream_track_gate_sink_event (GstPad * pad, GstObject * parent,
    GstEvent * event)
{
  auto *self = GST_MEDIA_STREAM_TRACK_GATE (parent);
  GstMediaStreamTrackGatePrivate *priv = self->priv;

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_FLUSH_START:
      return gst_pad_event_default (pad, parent, event);
    case GST_EVENT_FLUSH_STOP:{
      /* The flush took the EOS of an ended track away. */
      const gboolean ret = gst_pad_event_default (pad, parent, event);
      if (priv->ended)
        ensureEosDownstream (self);
      return ret;
    }
    case GST_EVENT_EOS:
      if (endTrack (self, GST_MEDIA_STREAM_TRACK_ENDED_SOURCE_ENDED))
        return gst_pad_event_default (pad, parent, event);
      break;
    case GST_EVENT_CAPS:
      if (!priv->ended) {
        GstCaps *caps = nullptr;
        gst_event_parse_caps (event, &caps);
        priv->blank.setCaps (caps);
      }
      break;
    default:
      break;
  }

  /* After the end nothing of upstream's stream goes on (a stream-start
   * would even take back the EOS). */
  if (priv->ended && GST_EVENT_IS_SERIALIZED (event)) {
    gst_event_unref (event);
    ensureEosDownstream (self);
    return TRUE;
  }
  const gboolean ret = gst_pad_event_default (pad, parent, event);
  return ret || priv->ended;
}

static gboolean
gst_media_stream_track_gate_src_query (GstPad * pad, GstObject * parent,
    GstQuery * query)
{
  const gboolean ret = gst_pad_query_default (pad, parent, query);
  if (ret && GST_QUERY_TYPE (query) == GST_QUERY_LATENCY)
    learnLiveness (GST_MEDIA_STREAM_TRACK_GATE (parent), query);
  return ret;
}

static void
gst_media_stream_track_gate_init (GstMediaStreamTrackGate * self)
{
  self->priv = new GstMediaStreamTrackGatePrivate ();
  GstMediaStreamTrackGatePrivate *priv = self->priv;

  priv->sinkpad = gst_pad_new_from_static_template (&sink_template, "sink");
  gst_pad_set_chain_function (priv->sinkpad,
      gst_media_stream_track_gate_chain);
  gst_pad_set_event_function (priv->sinkpad,
      gst_media_stream_track_gate_sink_event);
  priv->srcpad = gst_pad_new_from_static_template (&src_template, "src");
  gst_pad_set_query_function (priv->srcpad,
      gst_media_stream_track_gate_src_query);
  /* The gate never changes caps: queries are for its neighbours to answer,
   * so that an enabled track costs nothing. */
  for (GstPad * pad : {priv->sinkpad, priv->srcpad}) {
    GST_PAD_SET_PROXY_CAPS (pad);
    GST_PAD_SET_PROXY_ALLOCATION (pad);
    GST_PAD_SET_PROXY_SCHEDULING (pad);
    gst_element_add_pad (GST_ELEMENT (self), pad);
  }
}

static void
gst_media_stream_track_gate_finalize (GObject * object)
{
  delete GST_MEDIA_STREAM_TRACK_GATE (object)->priv;
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_media_stream_track_gate_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstMediaStreamTrackGatePrivate *priv =
      GST_MEDIA_STREAM_TRACK_GATE (object)->priv;
  switch (prop_id) {
    case PROP_ENABLED:
      priv->enabled = g_value_get_boolean (value);
      break;
    case PROP_TRACK_ID:{
      const gchar *id = g_value_get_string (value);
      std::lock_guard < std::mutex > guard (priv->lock);
      priv->trackId = id ? id : "";
      break;
    }
    case PROP_EOS_UPSTREAM:
      priv->eosUpstream = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_media_stream_track_gate_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstMediaStreamTrackGatePrivate *priv =
      GST_MEDIA_STREAM_TRACK_GATE (object)->priv;
  switch (prop_id) {
    case PROP_ENABLED:
      g_value_set_boolean (value, priv->enabled);
      break;
    case PROP_MUTED:{
      std::lock_guard < std::mutex > guard (priv->lock);
      g_value_set_boolean (value, priv->muted);
      break;
    }
    case PROP_READY_STATE:
      g_value_set_enum (value, priv->ended ?
          GST_MEDIA_STREAM_TRACK_STATE_ENDED :
          GST_MEDIA_STREAM_TRACK_STATE_LIVE);
      break;
    case PROP_TRACK_ID:{
      std::lock_guard < std::mutex > guard (priv->lock);
      g_value_set_string (value, priv->trackId.c_str ());
      break;
    }
    case PROP_EOS_UPSTREAM:
      g_value_set_boolean (value, priv->eosUpstream);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static GstStateChangeReturn
gst_media_stream_track_gate_change_state (GstElement * element,
    GstStateChange transition)
{
  auto *self = GST_MEDIA_STREAM_TRACK_GATE (element);

  if (transition == GST_STATE_CHANGE_PLAYING_TO_PAUSED)
    stopWatch (self);

  GstStateChangeReturn ret =
      GST_ELEMENT_CLASS (parent_class)->change_state (element, transition);
  if (ret == GST_STATE_CHANGE_FAILURE)
    return ret;

  switch (transition) {
    case GST_STATE_CHANGE_READY_TO_PAUSED:
      /* A new stream for a track that stays ended. */
      if (self->priv->ended)
        sendEosSoon (self);
      break;
    case GST_STATE_CHANGE_PAUSED_TO_PLAYING:
      startWatch (self);
      break;
    case GST_STATE_CHANGE_PAUSED_TO_READY:{
      /* The pads are inactive: no streaming thread uses the blank. */
      self->priv->blank.setCaps (nullptr);
      std::lock_guard < std::mutex > guard (self->priv->lock);
      self->priv->upstreamLive.reset ();
      break;
    }
    default:
      break;
  }
  return ret;
}

static void
gst_media_stream_track_gate_class_init (GstMediaStreamTrackGateClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);

  gobject_class->finalize = gst_media_stream_track_gate_finalize;
  gobject_class->set_property = gst_media_stream_track_gate_set_property;
  gobject_class->get_property = gst_media_stream_track_gate_get_property;

  /**
   * GstMediaStreamTrackGate:enabled:
   *
   * MediaStreamTrack.enabled. %FALSE replaces every buffer by black video
   * or silence in the negotiated caps, with the same timestamps; %TRUE lets
   * the source's media through untouched, from the next buffer on.
   *
   * Since: 0.1
   */
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", "Enabled",
      "Let the source's media through (FALSE: black video or silence in "
      "its place)", TRUE, static_cast < GParamFlags > (G_PARAM_READWRITE |
          G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstMediaStreamTrackGate:muted:
   *
   * MediaStreamTrack.muted: %TRUE while a live source delivers nothing
   * (no buffer for the larger of three buffer durations and 500 ms while
   * PLAYING; a source that is not live is never watched). Each change is
   * notified and posts a
   * `mediastream-track-muted` or `mediastream-track-unmuted` element
   * message.
   *
   * Since: 0.1
   */
  properties[PROP_MUTED] = g_param_spec_boolean ("muted", "Muted",
      "The live source has delivered nothing for a while", FALSE,
      static_cast < GParamFlags > (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GstMediaStreamTrackGate:ready-state:
   *
   * MediaStreamTrack.readyState: `live`, then `ended` for good once the
   * track was stopped, ended by its bin, or reached EOS. The change is
   * notified and posts a `mediastream-track-ended` element message.
   *
   * Since: 0.1
   */
  properties[PROP_READY_STATE] = g_param_spec_enum ("ready-state",
      "Ready state", "Whether the track is live or has ended",
      GST_TYPE_MEDIA_STREAM_TRACK_STATE, GST_MEDIA_STREAM_TRACK_STATE_LIVE,
      static_cast < GParamFlags > (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GstMediaStreamTrackGate:track-id:
   *
   * The track's id, copied into the `track-id` field of every message the
   * element posts so that a bin of several tracks (or an application) can
   * tell them apart.
   *
   * Since: 0.1
   */
  properties[PROP_TRACK_ID] = g_param_spec_string ("track-id", "Track ID",
      "The track id the element's messages carry", "",
      static_cast < GParamFlags > (G_PARAM_READWRITE |
          G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstMediaStreamTrackGate:eos-upstream:
   *
   * What upstream is told of the buffers that arrive after the track
   * ended: %FALSE (the default) drops them with #GST_FLOW_OK, which keeps a
   * source shared with other tracks running (a `tee` of GStreamer 1.22
   * stops every branch when one returns #GST_FLOW_EOS); %TRUE returns
   * #GST_FLOW_EOS, so that a source feeding only this track stops.
   *
   * Since: 0.1
   */
  properties[PROP_EOS_UPSTREAM] = g_param_spec_boolean ("eos-upstream",
      "EOS upstream", "Return EOS to upstream after the track ended "
      "(FALSE: drop its data quietly)", FALSE,
      static_cast < GParamFlags > (G_PARAM_READWRITE |
          G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING));

  g_object_class_install_properties (gobject_class, N_PROPERTIES, properties);

  /**
   * GstMediaStreamTrackGate::stop:
   * @gate: the #GstMediaStreamTrackGate
   *
   * MediaStreamTrack.stop(): ends the track (reason `stopped`).
   * #GstMediaStreamTrackGate:ready-state is `ended` when the signal
   * returns; EOS goes downstream shortly after. Nothing happens when the
   * track has ended already.
   *
   * Since: 0.1
   */
  signals[SIGNAL_STOP] = g_signal_new_class_handler ("stop",
      G_TYPE_FROM_CLASS (klass),
      static_cast < GSignalFlags > (G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION),
      G_CALLBACK (gst_media_stream_track_gate_stop), nullptr, nullptr,
      nullptr, G_TYPE_NONE, 0);

  /**
   * GstMediaStreamTrackGate::end:
   * @gate: the #GstMediaStreamTrackGate
   * @reason: why the track ended, for the message's `reason` field
   *   (`device-lost` when %NULL)
   *
   * Ends the track for a cause other than stop(), such as the device
   * failing or going away: what a bin does when it sees its device's
   * error. Like #GstMediaStreamTrackGate::stop otherwise.
   *
   * Since: 0.1
   */
  signals[SIGNAL_END] = g_signal_new_class_handler ("end",
      G_TYPE_FROM_CLASS (klass),
      static_cast < GSignalFlags > (G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION),
      G_CALLBACK (gst_media_stream_track_gate_end), nullptr, nullptr,
      nullptr, G_TYPE_NONE, 1, G_TYPE_STRING);

  element_class->change_state = gst_media_stream_track_gate_change_state;

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "Media stream track gate", "Filter/Video/Audio",
      "The enabled, muted and ended states of a MediaStreamTrack: black "
      "frames or silence when disabled, mute on silence, EOS on stop",
      "gst-mediastream contributors");

  gst_type_mark_as_plugin_api (GST_TYPE_MEDIA_STREAM_TRACK_STATE,
      static_cast < GstPluginAPIFlags > (0));

  GST_DEBUG_CATEGORY_INIT (gst_media_stream_track_gate_debug,
      "mediastreamtrackgate", 0, "Media stream track gate");
}
