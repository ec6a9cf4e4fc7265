/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A pipeline around mediastreamsrc for tests: a fakesink per track pad,
 * what reaches each sink and every bus message kept, waits on them. For the
 * fake devices (tests/check) and the real drivers (tests/vm); include it
 * before check-main.h (libcheck's fail () macro breaks nlohmann/json). */

#pragma once

#include "gst-ptr.h"
#include "json.h"

#include <gst/check/gstcheck.h>

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace {

using mediastream::CapsPtr;
using mediastream::GCharPtr;
using mediastream::ObjectPtr;

std::string
stringProperty (gpointer object, const char *name)
{
  gchar *value = nullptr;
  g_object_get (object, name, &value, nullptr);
  std::string s = value ? value : "";
  g_free (value);
  return s;
}

/* What arrived at the sink of one track pad. */
struct SinkRecord {
  int buffers = 0;
  std::string caps;
  std::vector<std::string> capsHistory;
  std::string streamId;
  std::string title;
  bool eos = false;
  ObjectPtr<GstStream> stream;
  std::vector<guint8> lastFrame;
};

/* A pipeline of mediastreamsrc and one fakesink per track pad, linked as
 * the pads appear; every bus message is kept for the test to look at. */
class StreamPipeline {
public:
  /* profile: the fake devices to use, or null for the system's own.
   * patience: how long a wait may take before the test fails. */
  explicit StreamPipeline (const std::string &constraints,
      const char *profile = "chromium",
      gint64 patience = 20 * G_TIME_SPAN_SECOND) : patience_ (patience) {
    if (profile)
      g_setenv ("GST_MEDIASTREAM_FAKE_DEVICES", profile, TRUE);
    else
      g_unsetenv ("GST_MEDIASTREAM_FAKE_DEVICES");
    pipeline_ = gst_pipeline_new (nullptr);
    src_ = gst_element_factory_make ("mediastreamsrc", "s");
    fail_unless (src_ != nullptr);
    g_object_set (src_, "constraints", constraints.c_str (), nullptr);
    gst_bin_add (GST_BIN (pipeline_), src_);
    g_signal_connect (src_, "pad-added", G_CALLBACK (onPadAdded), this);
    ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline_));
    gst_bus_set_sync_handler (bus.get (), onMessage, this, nullptr);
  }

  ~StreamPipeline () {
    gst_element_set_state (pipeline_, GST_STATE_NULL);
    ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline_));
    gst_bus_set_sync_handler (bus.get (), nullptr, nullptr, nullptr);
    for (GstMessage * m : messages_)
      gst_message_unref (m);
    gst_object_unref (pipeline_);
  }

  GstStateChangeReturn setState (GstState state) {
    return gst_element_set_state (pipeline_, state);
  }

  GstElement *src () const { return src_; }

  /* The element's pad, or null (a new reference). */
  ObjectPtr<GstPad> pad (const char *name) const {
    return ObjectPtr<GstPad> (gst_element_get_static_pad (src_, name));
  }

  /* MediaStreamTrack.clone() of the track of that pad: the new pad. */
  ObjectPtr<GstPad> cloneTrack (const char *name) const {
    ObjectPtr<GstPad> original = pad (name);
    GstPad *clone = nullptr;
    g_signal_emit_by_name (src_, "clone-track", original.get (), &clone);
    fail_unless (clone != nullptr, "%s could not be cloned", name);
    return ObjectPtr<GstPad> (clone);
  }

  /* The element of that factory mediastreamsrc made (the device's
   * source: v4l2src, alsasrc, mediastreamfakesrc...), the first `match`
   * accepts. */
  ObjectPtr<GstElement> inside (const char *factory,
      const std::function<bool (GstElement *)> &match = nullptr) const {
    GstIterator *it = gst_bin_iterate_recurse (GST_BIN (src_));
    GValue item = G_VALUE_INIT;
    ObjectPtr<GstElement> found;
    while (!found && gst_iterator_next (it, &item) == GST_ITERATOR_OK) {
      auto *element = GST_ELEMENT (g_value_get_object (&item));
      GstElementFactory *f = gst_element_get_factory (element);
      if (f && g_strcmp0 (GST_OBJECT_NAME (f), factory) == 0 &&
          (!match || match (element)))
        found.reset (GST_ELEMENT (gst_object_ref (element)));
      g_value_reset (&item);
    }
    g_value_unset (&item);
    gst_iterator_free (it);
    fail_unless (found != nullptr, "no %s in mediastreamsrc", factory);
    return found;
  }

  std::vector<std::string> padNames () const {
    std::vector<std::string> names;
    GST_OBJECT_LOCK (src_);
    for (GList * l = GST_ELEMENT (src_)->srcpads; l; l = l->next)
      names.emplace_back (GST_OBJECT_NAME (l->data));
    GST_OBJECT_UNLOCK (src_);
    return names;
  }

  SinkRecord record (const std::string &pad) {
    std::lock_guard<std::mutex> guard (lock_);
    SinkRecord copy;
    const SinkRecord &r = records_[pad];
    copy.buffers = r.buffers;
    copy.caps = r.caps;
    copy.capsHistory = r.capsHistory;
    copy.streamId = r.streamId;
    copy.title = r.title;
    copy.eos = r.eos;
    copy.lastFrame = r.lastFrame;
    if (r.stream)
      copy.stream.reset (GST_STREAM (gst_object_ref (r.stream.get ())));
    return copy;
  }

  /* Waits until `done` holds for the pad's record; fails on an error. */
  void waitFor (const std::string &pad,
      const std::function<bool (const SinkRecord &)> &done,
      const char *what) {
    std::unique_lock<std::mutex> guard (lock_);
    const gint64 end = g_get_monotonic_time () + patience_;
    while (!done (records_[pad])) {
      fail_unless (errorText_.empty (), "error while waiting for %s on %s: %s",
          what, pad.c_str (), errorText_.c_str ());
      fail_unless (g_get_monotonic_time () < end, "%s never happened on %s",
          what, pad.c_str ());
      changed_.wait_for (guard, std::chrono::milliseconds (50));
    }
  }

  void waitBuffers (const std::string &pad, int count) {
    const int target = record (pad).buffers + count;
    waitFor (pad, [target] (const SinkRecord & r) {
          return r.buffers >= target; }, "buffers");
  }

  /* The caps at the pad's sink once they are a subset of `expected`. */
  void waitCaps (const std::string &pad, const char *expected) {
    CapsPtr wanted (gst_caps_from_string (expected));
    waitFor (pad, [&wanted] (const SinkRecord & r) {
          /* "" parses as empty caps, a subset of everything. */
          CapsPtr now (gst_caps_from_string (r.caps.c_str ()));
          return !r.caps.empty () && now &&
              gst_caps_is_subset (now.get (), wanted.get ());
        }, expected);
  }

  /* The first message kept that `match` accepts, waiting for it. The
   * pipeline owns it. */
  GstMessage *waitMessage (const std::function<bool (GstMessage *)> &match,
      const char *what) {
    std::unique_lock<std::mutex> guard (lock_);
    const gint64 end = g_get_monotonic_time () + patience_;
    for (;;) {
      for (GstMessage * m : messages_) {
        if (match (m))
          return m;
      }
      fail_unless (g_get_monotonic_time () < end, "no %s message", what);
      changed_.wait_for (guard, std::chrono::milliseconds (50));
    }
  }

  GstMessage *waitMessage (GstMessageType type) {
    return waitMessage ([type] (GstMessage * m) {
          return GST_MESSAGE_TYPE (m) == type; },
        gst_message_type_get_name (type));
  }

  GstMessage *waitElementMessage (const char *name) {
    return waitMessage ([name] (GstMessage * m) {
          return GST_MESSAGE_TYPE (m) == GST_MESSAGE_ELEMENT &&
              gst_message_has_name (m, name); }, name);
  }

  int countMessages (const std::function<bool (GstMessage *)> &match) {
    std::lock_guard<std::mutex> guard (lock_);
    int n = 0;
    for (GstMessage * m : messages_)
      n += match (m) ? 1 : 0;
    return n;
  }

private:
  static void onPadAdded (GstElement * src, GstPad * pad, gpointer data) {
    (void) src;
    auto *self = static_cast<StreamPipeline *> (data);
    const std::string name = GST_OBJECT_NAME (pad);
    GstElement *sink = gst_element_factory_make ("fakesink", nullptr);
    g_object_set (sink, "async", FALSE, nullptr);
    gst_bin_add (GST_BIN (self->pipeline_), sink);
    ObjectPtr<GstPad> sinkPad (gst_element_get_static_pad (sink, "sink"));
    auto *probe = new std::pair<StreamPipeline *, std::string> (self, name);
    gst_pad_add_probe (sinkPad.get (), (GstPadProbeType)
        (GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM),
        onData, probe, [] (gpointer p) {
          delete static_cast<std::pair<StreamPipeline *, std::string> *> (p);
        });
    fail_unless (gst_pad_link (pad, sinkPad.get ()) == GST_PAD_LINK_OK);
    gst_element_sync_state_with_parent (sink);
  }

  static GstPadProbeReturn onData (GstPad * pad, GstPadProbeInfo * info,
      gpointer data) {
    auto *probe = static_cast<std::pair<StreamPipeline *, std::string> *>
        (data);
    StreamPipeline *self = probe->first;
    std::lock_guard<std::mutex> guard (self->lock_);
    SinkRecord &r = self->records_[probe->second];
    if (GST_PAD_PROBE_INFO_TYPE (info) & GST_PAD_PROBE_TYPE_BUFFER) {
      r.buffers++;
      CapsPtr caps (gst_pad_get_current_caps (pad));
      if (caps) {
        GCharPtr text (gst_caps_to_string (caps.get ()));
        if (r.capsHistory.empty () || r.capsHistory.back () != text.get ())
          r.capsHistory.push_back (text.get ());
        r.caps = text.get ();
      }
      GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
      GstMapInfo map;
      if (gst_buffer_map (buffer, &map, GST_MAP_READ)) {
        r.lastFrame.assign (map.data, map.data + map.size);
        gst_buffer_unmap (buffer, &map);
      }
    } else {
      GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
      if (GST_EVENT_TYPE (event) == GST_EVENT_STREAM_START) {
        const gchar *id = nullptr;
        gst_event_parse_stream_start (event, &id);
        r.streamId = id ? id : "";
        GstStream *stream = nullptr;
        gst_event_parse_stream (event, &stream);
        r.stream.reset (stream);
      } else if (GST_EVENT_TYPE (event) == GST_EVENT_EOS) {
        r.eos = true;
      } else if (GST_EVENT_TYPE (event) == GST_EVENT_TAG) {
        GstTagList *tags = nullptr;
        gst_event_parse_tag (event, &tags);
        gchar *title = nullptr;
        if (gst_tag_list_get_string (tags, GST_TAG_TITLE, &title))
          r.title = title;
        g_free (title);
      }
    }
    self->changed_.notify_all ();
    return GST_PAD_PROBE_OK;
  }

  static GstBusSyncReply onMessage (GstBus * bus, GstMessage * message,
      gpointer data) {
    (void) bus;
    auto *self = static_cast<StreamPipeline *> (data);
    std::lock_guard<std::mutex> guard (self->lock_);
    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR) {
      GError *error = nullptr;
      gst_message_parse_error (message, &error, nullptr);
      self->errorText_ = error->message;
      g_error_free (error);
    }
    self->messages_.push_back (message);
    self->changed_.notify_all ();
    return GST_BUS_DROP;
  }

  const gint64 patience_;
  GstElement *pipeline_ = nullptr;
  GstElement *src_ = nullptr;
  std::mutex lock_;
  std::condition_variable changed_;
  std::map<std::string, SinkRecord> records_;
  std::vector<GstMessage *> messages_;
  std::string errorText_;
};

/* Compares as std::string: a property read into a temporary would be gone
 * before fail_unless_equals_string looks at it. */
#define assert_same_text(a, b) \
  G_STMT_START { \
    const std::string first_ (a), second_ (b); \
    fail_unless (first_ == second_, "'%s' is not '%s'", first_.c_str (), \
        second_.c_str ()); \
  } G_STMT_END

nlohmann::json
jsonProperty (gpointer object, const char *name)
{
  return nlohmann::json::parse (stringProperty (object, name));
}

const GstStructure *
errorDetails (GstMessage * m)
{
  const GstStructure *details = nullptr;
  if (GST_MESSAGE_TYPE (m) == GST_MESSAGE_ERROR)
    gst_message_parse_error_details (m, &details);
  else
    gst_message_parse_warning_details (m, &details);
  fail_unless (details != nullptr);
  return details;
}

}  // namespace
