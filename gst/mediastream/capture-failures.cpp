/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* mediastreamsrc when a device fails or goes away. Before it delivered,
 * the request fails with the error that says why (getUserMedia()
 * rejects); afterwards the device was lost: its tracks end, with a
 * warning, and the others go on. A source that loses the race of a mode
 * switch is restarted in the new mode; the frames of the old mode a
 * switch refuses are no news. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstmediastreamsrc-private.h"

#include "device-change.h"
#include "gst-dom-exception.h"
#include "gsttrackgate.h"
#include "source-errors.h"

#include <glib/gi18n-lib.h>

#include <algorithm>
#include <cstring>

#define GST_CAT_DEFAULT gst_media_stream_src_debug

namespace mediastream {

namespace {

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

bool
handleCaptureMessage (GstMediaStreamSrc * self, GstMessage * message)
{
  if (isModeChangeWarning (self->priv, message)) {
    GST_DEBUG_OBJECT (self, "frames of the previous mode refused by %s",
        GST_MESSAGE_SRC_NAME (message));
    gst_message_unref (message);
    return true;
  }
  std::shared_ptr<Capture> capture;
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    capture = captureOf (self->priv, GST_MESSAGE_SRC (message),
        &Capture::owns);
  if (!capture)
    return false;
  if (isModeSwitchRace (*capture, message)) {
    restartCapture (self, capture);
    gst_message_unref (message);
    return true;
  }
  /* The errors are explained off this thread, in any order: only the
   * first, the cause, is. */
  if (!capture->markErrored ()) {
    GST_DEBUG_OBJECT (self, "%" GST_PTR_FORMAT " after the first error of "
        "its source", message);
    gst_message_unref (message);
    return true;
  }
  /* A failing source (GstBaseSrc) pushes EOS right after its error, and
   * EOS would end the tracks as finished (source-ended) before the error is
   * explained: a device lost after it delivered ends its tracks here,
   * before that EOS. */
  if (capture->started ())
    endLostTracks (*capture);
  gst_element_call_async (GST_ELEMENT (self), handleCaptureFailure,
      new FailedCapture { capture, MessagePtr (message) }, freeFailedCapture);
  return true;
}

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

}  // namespace mediastream
