/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Capturing from an enumerated device, as an application would: what
 * getUserMedia() chooses, the device's own source (MediaDevice::
 * createSource) at the chosen caps, a fakesink counting buffers, and what
 * a failure means. For the host tests and the VM tier; include it before
 * check-main.h (libcheck's fail () macro breaks nlohmann/json). */

#pragma once

#include "gst-caps.h"
#include "gst-ptr.h"
#include "json.h"
#include "media-devices.h"
#include "select-settings.h"
#include "source-errors.h"

#include <gst/check/gstcheck.h>

#include <atomic>
#include <string>

namespace mediastream {

/* A pipeline from a device's source to a fakesink. */
class Capture {
public:
  /* caps: what the capsfilter lets through, or null for anything. */
  Capture (const MediaDevice & device, const char *caps) {
    pipeline_.reset (GST_ELEMENT (gst_object_ref_sink (gst_pipeline_new
                (nullptr))));
    GstElement *src = device.createSource ("src");
    GstElement *filter = gst_element_factory_make ("capsfilter", nullptr);
    GstElement *sink = gst_element_factory_make ("fakesink", "sink");
    fail_unless (src && filter && sink);
    if (caps) {
      CapsPtr fixed (gst_caps_from_string (caps));
      g_object_set (filter, "caps", fixed.get (), nullptr);
    }
    g_object_set (sink, "signal-handoffs", TRUE, "sync", FALSE, nullptr);
    g_signal_connect (sink, "handoff", G_CALLBACK (countBuffer), &buffers_);
    gst_bin_add_many (GST_BIN (pipeline_.get ()), src, filter, sink, nullptr);
    fail_unless (gst_element_link_many (src, filter, sink, nullptr));
  }
  ~Capture () { stop (); }
  Capture (const Capture &) = delete;
  Capture &operator= (const Capture &) = delete;

  GstElement *pipeline () const { return pipeline_.get (); }
  ObjectPtr<GstElement> element (const char *name) const {
    return ObjectPtr<GstElement> (gst_bin_get_by_name (GST_BIN
            (pipeline_.get ()), name));
  }
  void play () {
    gst_element_set_state (pipeline_.get (), GST_STATE_PLAYING);
  }
  /* Closes the device. */
  void stop () { gst_element_set_state (pipeline_.get (), GST_STATE_NULL); }
  /* What GStreamer said when the capture failed, and what it means to a
   * page (sourceError). */
  struct Failure {
    GQuark domain = 0;
    gint code = 0;
    std::string message;
    Error error;
  };
  /* The first error, which must come within a generous time. */
  Failure waitForFailure (const MediaDevice & device) {
    ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline_.get ()));
    GstMessage *message = gst_bus_timed_pop_filtered (bus.get (),
        60 * GST_SECOND, GST_MESSAGE_ERROR);
    fail_unless (message != nullptr, "the capture of \"%s\" did not fail",
        device.description.label.c_str ());
    GError *gerror = nullptr;
    gst_message_parse_error (message, &gerror, nullptr);
    Failure failure;
    failure.domain = gerror->domain;
    failure.code = gerror->code;
    failure.message = gerror->message;
    g_error_free (gerror);
    failure.error = sourceError (message, device);
    gst_message_unref (message);
    g_print ("%s: %s -> %s\n", device.description.label.c_str (),
        failure.message.c_str (), failure.error.message.c_str ());
    return failure;
  }
  /* Fails on an error, saying which, or when no buffers come within a
   * generous time (the VM is emulated and shared). */
  void waitForBuffers (int count) {
    ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline_.get ()));
    const int target = buffers_.load () + count;
    for (int waited = 0; buffers_.load () < target; waited += 20) {
      GstMessage *error = gst_bus_pop_filtered (bus.get (), GST_MESSAGE_ERROR);
      if (error) {
        GError *gerror = nullptr;
        gst_message_parse_error (error, &gerror, nullptr);
        const std::string text = gerror ? gerror->message : "";
        if (gerror)
          g_error_free (gerror);
        gst_message_unref (error);
        fail ("capture failed: %s", text.c_str ());
      }
      fail_unless (waited < 60000, "only %d buffers in 60 s",
          buffers_.load ());
      g_usleep (20 * 1000);
    }
  }
  /* The caps that reached the sink. */
  CapsPtr negotiatedCaps () const {
    ObjectPtr<GstElement> sink = element ("sink");
    ObjectPtr<GstPad> pad (gst_element_get_static_pad (sink.get (), "sink"));
    return CapsPtr (gst_pad_get_current_caps (pad.get ()));
  }
  /* An int field of them (width, rate, channels...). */
  int negotiated (const char *field) const {
    CapsPtr caps = negotiatedCaps ();
    fail_unless (caps != nullptr, "nothing negotiated");
    gint value = 0;
    fail_unless (gst_structure_get_int (gst_caps_get_structure (caps.get (),
                0), field, &value), "no %s", field);
    return value;
  }

private:
  static void countBuffer (GstElement *, GstBuffer *, GstPad *,
      gpointer counter) {
    static_cast<std::atomic<int> *> (counter)->fetch_add (1);
  }

  ObjectPtr<GstElement> pipeline_;
  std::atomic<int> buffers_ { 0 };
};

/* getUserMedia() over the devices for a MediaStreamConstraints request:
 * the device of its first track and the caps to capture that at. */
struct Choice {
  const MediaDevice *device = nullptr;
  Selection selection;
  std::string sourceCaps;
};

inline Choice
choose (const MediaDevices & devices, const std::string &request)
{
  auto constraints = parseStreamConstraints (request);
  fail_unless (constraints.ok (), "%s", request.c_str ());
  const std::vector<DeviceDescription> descriptions = descriptionsOf (devices);
  auto tracks = getUserMedia (descriptions, *constraints);
  fail_unless (tracks.ok (), "%s: %s", request.c_str (), tracks.ok ()? "" :
      tracks.error ().message.c_str ());
  Choice choice;
  choice.selection = (*tracks)[0].selection;
  choice.device = &devices.at (choice.selection.deviceIndex);
  CapsPtr caps (sourceCapsFor (choice.device->description, choice.selection));
  GCharPtr text (gst_caps_to_string (caps.get ()));
  choice.sourceCaps = text.get ();
  g_print ("getUserMedia %s: %s, %s\n", request.c_str (),
      choice.device->description.label.c_str (), text.get ());
  return choice;
}

/* How a second capture of a device fails while a first one streams from
 * it (each with its caps, or null for anything). */
inline Capture::Failure
secondCaptureFailure (const MediaDevice & device, const char *firstCaps,
    const char *secondCaps)
{
  Capture first (device, firstCaps);
  first.play ();
  first.waitForBuffers (2);
  Capture second (device, secondCaps);
  second.play ();
  return second.waitForFailure (device);
}

}  // namespace mediastream
