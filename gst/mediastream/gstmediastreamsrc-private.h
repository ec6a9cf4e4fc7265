/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* What the files of mediastreamsrc share: the element's private state and
 * the steps each file takes. gstmediastreamsrc.cpp is the element (its
 * properties, states, pads, clones, applyConstraints, stream selection);
 * stream-from-uri.cpp makes the tracks of a media file;
 * capture-failures.cpp tells what happens when a device fails or goes
 * away. */

#pragma once

#include "constraints.h"
#include "error.h"
#include "gst-ptr.h"
#include "gstmediastreamsrc.h"
#include "gsttrackpad.h"
#include "media-devices.h"
#include "track.h"

#include <gst/gst.h>

#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

GST_DEBUG_CATEGORY_EXTERN (gst_media_stream_src_debug);

namespace mediastream {

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

}  // namespace mediastream

inline constexpr const char *kDefaultStreamConstraints =
    "{\"audio\":true,\"video\":true}";

/* *INDENT-OFF* */
struct GstMediaStreamSrcPrivate : mediastream::TrackPadOwner {
  explicit GstMediaStreamSrcPrivate (GstMediaStreamSrc *element)
    : self (element),
      streamId (mediastream::GCharPtr (g_uuid_string_random ()).get ()) {}

  void applyConstraints (const std::shared_ptr<mediastream::Track> &track,
      const std::string &json) override;
  void stop (const std::shared_ptr<mediastream::Track> &track) override;

  GstMediaStreamSrc *self;
  /* Guards the fields below. Never held while posting a message or
   * changing a pad or an element's state. */
  std::mutex lock;
  std::string constraints = kDefaultStreamConstraints;
  std::string uri;
  std::string streamId;
  /* With a uri: the decoder, and what each kind of its streams asks. */
  GstElement *decoder = nullptr;
  mediastream::StreamConstraints uriConstraints;
  guint groupId = 0;
  std::vector<std::shared_ptr<mediastream::Capture>> captures;
  /* While the tracks come from devices: the devicechange watch. */
  std::unique_ptr<mediastream::DeviceWatch> watch;
  /* Stable addresses: pads point in. */
  std::list<mediastream::ExposedTrack> tracks;
  /* From PAUSED on, selected tracks have pads. */
  bool padsShown = false;
  mediastream::ObjectPtr<GstStreamCollection> collection;
  guint nextPad[2] = { 0, 0 };      /* by Kind */
};
/* *INDENT-ON* */

struct _GstMediaStreamSrc
{
  GstBin parent;
  GstMediaStreamSrcPrivate *priv;
};

namespace mediastream {

/* gstmediastreamsrc.cpp */

/* The error of a request that cannot be met (the state change fails with
 * it), its details naming the DOMException. */
void postRequestError (GstMediaStreamSrc *self, const Error &error);

/* The track's GstStream: stream-id = track id, tags with label and kind. */
ObjectPtr<GstStream> newStream (const Track &track, GstCaps *caps);

/* Installs the probe at the end of the track's branch (the stream-start
 * carries the track's GstStream; an unselected or unlinked track drops
 * its data). */
void watchTrackOutput (GstMediaStreamSrcPrivate *priv, ExposedTrack &exposed);

/* video_N / audio_N, in the order the tracks are made. Called with the
 * lock held. */
std::string nextPadName (GstMediaStreamSrcPrivate *priv, Kind kind);

/* Posts the collection of every track made so far. */
void postCollection (GstMediaStreamSrc *self);

/* Makes the track's pad and adds it to the element. */
void exposePad (GstMediaStreamSrc *self, ExposedTrack &exposed);

/* For gst_element_call_async (): the capture a call holds until it is
 * done. */
inline void
freeHeldCapture (gpointer data)
{
  delete static_cast<std::shared_ptr<Capture> *> (data);
}

/* stream-from-uri.cpp */

/* A media file's (or network stream's) tracks, as its decoder finds them:
 * like capturing the stream of a media element. */
bool buildFromUri (GstMediaStreamSrc *self,
    const StreamConstraints &constraints, const std::string &uri);

/* capture-failures.cpp */

/* Takes the bus messages that are the element's to explain: a device's
 * errors (a request that fails, a device lost, a mode switch that lost a
 * race), and the refused frames of a mode change. False for the others,
 * which go up as they are. */
bool handleCaptureMessage (GstMediaStreamSrc *self, GstMessage *message);

/* devicechange: the new list on the bus, and the end of the tracks whose
 * device is not in it any more. Runs in the thread that noticed. */
void onDeviceChange (GstMediaStreamSrc *self, const MediaDevices &devices);

}  // namespace mediastream
