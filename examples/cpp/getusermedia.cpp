/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* getUserMedia() from C++: records the stream that a MediaStreamConstraints
 * document asks for to a Matroska file, printing each track's label and
 * settings, and the DOMException when the request fails. With
 * --apply-after, new constraints are applied to the running tracks, as
 * applyConstraints() does. The same program as
 * examples/python/record-stream.py, on the GStreamer C API. */

#include "gst-ptr.h"

#include <gst/gst.h>
#include <nlohmann/json.hpp>

#include <glib-unix.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace mediastream;

namespace {

constexpr const char *kDefaultConstraints =
    R"({"video": {"width": 640, "height": 360}, "audio": true})";

constexpr const char *kUsage =
    "Usage: getusermedia [CONSTRAINTS] [--seconds N] [--output FILE]\n"
    "                    [--apply-after SECONDS JSON]\n"
    "Records the getUserMedia() stream CONSTRAINTS asks for (default: %s)\n"
    "for N seconds (default: 5) to FILE (default: recording.mkv). After\n"
    "SECONDS, --apply-after applies JSON's MediaTrackConstraints to the\n"
    "tracks of each kind it names, e.g. '{\"video\": {\"width\": 1280}}'.\n";

/* Per kind: what converts the track to what the encoder takes, and the
 * encoders in order of preference (the first one installed is used). */
const std::map<std::string, std::string> kConverters = {
  {"video", "videoconvert ! videoscale ! videorate"},
  {"audio", "audioconvert ! audioresample"},
};
const std::map<std::string, std::vector<std::string>> kEncoders = {
  {"video", {"vp8enc deadline=1", "jpegenc"}},
  {"audio", {"vorbisenc", "flacenc"}},
};

struct Options {
  std::string constraints = kDefaultConstraints;
  double seconds = 5;
  std::string output = "recording.mkv";
  std::optional<double> applyAfter;
  nlohmann::json applied;
};

std::optional<double>
parseSeconds (const char *text)
{
  char *end = nullptr;
  const double value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || value < 0)
    return std::nullopt;
  return value;
}

/* Fills `options` from the command line; false on a usage error. */
bool
parseArguments (int argc, char **argv, Options & options)
{
  bool constraintsGiven = false;
  for (int i = 1; i < argc; i++) {
    const std::string arg = argv[i];
    const int left = argc - i - 1;
    if (arg == "--seconds" && left >= 1) {
      auto seconds = parseSeconds (argv[++i]);
      if (!seconds)
        return false;
      options.seconds = *seconds;
    } else if (arg == "--output" && left >= 1) {
      options.output = argv[++i];
    } else if (arg == "--apply-after" && left >= 2) {
      options.applyAfter = parseSeconds (argv[++i]);
      options.applied = nlohmann::json::parse (argv[++i], nullptr, false);
      if (!options.applyAfter || !options.applied.is_object ())
        return false;
    } else if (arg.rfind ("-", 0) != 0 && !constraintsGiven) {
      options.constraints = arg;
      constraintsGiven = true;
    } else {
      return false;
    }
  }
  return true;
}

std::optional<std::string>
encoderFor (const std::string &kind)
{
  for (const std::string &description : kEncoders.at (kind)) {
    const std::string name = description.substr (0, description.find (' '));
    ObjectPtr<GstElementFactory> factory (gst_element_factory_find
        (name.c_str ()));
    if (factory)
      return description;
  }
  return std::nullopt;
}

/* The caps a track is recorded in: its settings when recording starts. A
 * Matroska track keeps the size and rate it was declared with, so when
 * applyConstraints() changes the track later, its frames are scaled (with
 * borders) and its audio resampled back into these caps. */
std::optional<std::string>
recordedCaps (const std::string &kind, const nlohmann::json &settings)
{
  auto number = [&settings] (const char *name) -> std::optional<double> {
    if (!settings.is_object () || !settings.contains (name) ||
        !settings[name].is_number ())
      return std::nullopt;
    return settings[name].get<double> ();
  };
  auto whole = [] (double value) {
    return std::to_string (static_cast<long> (value));
  };
  if (kind == "video") {
    auto width = number ("width"), height = number ("height"),
        frameRate = number ("frameRate");
    if (!width || !height || !frameRate)
      return std::nullopt;
    gint num = 0, den = 1;
    gst_util_double_to_fraction (*frameRate, &num, &den);
    return "video/x-raw,width=" + whole (*width) + ",height=" +
        whole (*height) + ",framerate=" + std::to_string (num) + "/" +
        std::to_string (den) + ",pixel-aspect-ratio=1/1";
  }
  auto rate = number ("sampleRate"), channels = number ("channelCount");
  if (!rate || !channels)
    return std::nullopt;
  return "audio/x-raw,rate=" + whole (*rate) + ",channels=" +
      whole (*channels);
}

std::string
stringProperty (gpointer object, const char *name)
{
  gchar *value = nullptr;
  g_object_get (object, name, &value, nullptr);
  GCharPtr owned (value);
  return value ? value : "";
}

void
printTrack (GstPad * pad, const char *what = "track")
{
  std::printf ("%s: %s %s \"%s\"\n  settings: %s\n", GST_OBJECT_NAME (pad),
      stringProperty (pad, "kind").c_str (), what,
      stringProperty (pad, "label").c_str (),
      stringProperty (pad, "settings").c_str ());
  std::fflush (stdout);
}

/* An error or warning message as text, with the DOMException that its
 * details structure names (OverconstrainedError, NotFoundError...). */
std::string
describe (GstMessage * message)
{
  GError *error = nullptr;
  const GstStructure *details = nullptr;
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR) {
    gst_message_parse_error (message, &error, nullptr);
    gst_message_parse_error_details (message, &details);
  } else {
    gst_message_parse_warning (message, &error, nullptr);
    gst_message_parse_warning_details (message, &details);
  }
  GErrorPtr owned (error);
  const gchar *name = details ? gst_structure_get_string (details, "name") :
      nullptr;
  const gchar *constraint = details ? gst_structure_get_string (details,
      "constraint") : nullptr;
  const gchar *why = details ? gst_structure_get_string (details, "message") :
      nullptr;
  std::string text = name ? std::string (name) + ": " + error->message :
      error->message;
  if (constraint && *constraint)
    text += std::string (" (constraint: ") + constraint + ")";
  if (why && *why)
    text += std::string ("\n  ") + why;
  return text;
}

class Recorder {
public:
  /* The recorder's timers and bus watch are in a main context of its own,
   * so that they go with it, fired or not. */
  Recorder (const Options & options)
    : options_ (options), context_ (g_main_context_new ()),
      loop_ (g_main_loop_new (context_, FALSE)) {
    pipeline_.reset (GST_ELEMENT (gst_object_ref_sink (gst_pipeline_new
                ("recorder"))));
    source_ = gst_element_factory_make ("mediastreamsrc", "source");
    mux_ = gst_element_factory_make ("matroskamux", "mux");
    GstElement *sink = gst_element_factory_make ("filesink", "sink");
    for (GstElement * element : { source_, mux_, sink }) {
      if (element != nullptr)
        gst_bin_add (GST_BIN (pipeline_.get ()), element);
    }
    if (source_ == nullptr || mux_ == nullptr || sink == nullptr)
      return;
    g_object_set (source_, "constraints", options.constraints.c_str (),
        nullptr);
    g_object_set (sink, "location", options.output.c_str (), nullptr);
    gst_element_link (mux_, sink);
    g_signal_connect (source_, "pad-added", G_CALLBACK (onPadAdded), this);
    complete_ = true;
  }

  ~Recorder () {
    /* Our references to the track pads go before the tracks do. */
    tracks_.clear ();
    gst_element_set_state (pipeline_.get (), GST_STATE_NULL);
    g_main_loop_unref (loop_);
    g_main_context_unref (context_);
  }

  Recorder (const Recorder &) = delete;
  Recorder &operator= (const Recorder &) = delete;

  int run () {
    if (!complete_) {
      std::fprintf (stderr, "error: mediastreamsrc (GST_PLUGIN_PATH should "
          "name its directory), matroskamux or filesink is missing\n");
      return 1;
    }
    ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline_.get ()));
    /* READY is getUserMedia(): the tracks are chosen, or the request
     * fails; their pads appear (and are linked in onPadAdded) on the way to
     * PLAYING. */
    if (gst_element_set_state (pipeline_.get (), GST_STATE_READY) ==
        GST_STATE_CHANGE_FAILURE) {
      MessagePtr message (gst_bus_pop_filtered (bus.get (),
              GST_MESSAGE_ERROR));
      std::fprintf (stderr, "error: %s\n", message ?
          describe (message.get ()).c_str () :
          "the stream could not be opened");
      return 1;
    }
    if (status_ != 0)
      return status_;
    g_main_context_push_thread_default (context_);
    gst_bus_add_watch (bus.get (), onMessage, this);
    g_main_context_pop_thread_default (context_);
    attach (g_timeout_source_new (milliseconds (options_.seconds)), stop);
    if (options_.applyAfter)
      attach (g_timeout_source_new (milliseconds (*options_.applyAfter)),
          applyConstraints);
    attach (g_unix_signal_source_new (SIGINT), stop);
    gst_element_set_state (pipeline_.get (), GST_STATE_PLAYING);
    g_main_loop_run (loop_);
    gst_bus_remove_watch (bus.get ());
    return status_;
  }

private:
  static guint milliseconds (double seconds) {
    return static_cast<guint> (seconds * 1000);
  }

  void attach (GSource * source, GSourceFunc callback) {
    g_source_set_callback (source, callback, this, nullptr);
    g_source_attach (source, context_);
    g_source_unref (source);
  }

  static void onPadAdded (GstElement *, GstPad * pad, gpointer data) {
    auto *self = static_cast<Recorder *> (data);
    const std::string kind = stringProperty (pad, "kind");
    if (kConverters.count (kind) == 0)
      return;
    printTrack (pad);
    auto encoder = encoderFor (kind);
    auto caps = recordedCaps (kind, nlohmann::json::parse (stringProperty
            (pad, "settings"), nullptr, false));
    if (!encoder || !caps) {
      std::fprintf (stderr, "error: %s\n", !encoder ?
          ("no " + kind + " encoder is installed").c_str () :
          "the track's settings lack its size, rate or channels");
      self->status_ = 1;
      return;
    }
    const std::string description = "queue ! " + kConverters.at (kind) +
        " ! capsfilter caps=\"" + *caps + "\" ! " + *encoder;
    GError *error = nullptr;
    GstElement *branch = gst_parse_bin_from_description
        (description.c_str (), TRUE, &error);
    if (branch == nullptr) {
      GErrorPtr owned (error);
      std::fprintf (stderr, "error: %s\n", error->message);
      self->status_ = 1;
      return;
    }
    gst_bin_add (GST_BIN (self->pipeline_.get ()), branch);
    gst_element_link (branch, self->mux_);
    ObjectPtr<GstPad> sink (gst_element_get_static_pad (branch, "sink"));
    gst_pad_link (pad, sink.get ());
    gst_element_sync_state_with_parent (branch);
    self->tracks_.emplace_back (GST_PAD (gst_object_ref (pad)));
  }

  static gboolean applyConstraints (gpointer data) {
    auto *self = static_cast<Recorder *> (data);
    for (const auto &pad : self->tracks_) {
      const std::string kind = stringProperty (pad.get (), "kind");
      if (!self->options_.applied.contains (kind))
        continue;
      g_object_set (pad.get (), "constraints",
          self->options_.applied[kind].dump ().c_str (), nullptr);
      printTrack (pad.get (), "track after applyConstraints()");
    }
    return G_SOURCE_REMOVE;
  }

  /* EOS from the sources: the muxer finishes the file, then EOS comes out
   * on the bus. */
  static gboolean stop (gpointer data) {
    auto *self = static_cast<Recorder *> (data);
    gst_element_send_event (self->pipeline_.get (), gst_event_new_eos ());
    return G_SOURCE_REMOVE;
  }

  static gboolean onMessage (GstBus *, GstMessage * message, gpointer data) {
    auto *self = static_cast<Recorder *> (data);
    switch (GST_MESSAGE_TYPE (message)) {
      case GST_MESSAGE_ERROR:
        std::fprintf (stderr, "error: %s\n", describe (message).c_str ());
        self->status_ = 1;
        g_main_loop_quit (self->loop_);
        break;
      case GST_MESSAGE_WARNING:
        std::fprintf (stderr, "warning: %s\n", describe (message).c_str ());
        break;
      case GST_MESSAGE_EOS:
        g_main_loop_quit (self->loop_);
        break;
      default:
        break;
    }
    return G_SOURCE_CONTINUE;
  }

  const Options &options_;
  GMainContext *context_;
  GMainLoop *loop_;
  ObjectPtr<GstElement> pipeline_;
  GstElement *source_ = nullptr;  /* owned by the pipeline */
  GstElement *mux_ = nullptr;     /* owned by the pipeline */
  std::vector<ObjectPtr<GstPad>> tracks_;
  bool complete_ = false;       /* every element was there */
  int status_ = 0;
};

}  // namespace

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  if (argc > 1 && (g_strcmp0 (argv[1], "--help") == 0 ||
          g_strcmp0 (argv[1], "-h") == 0)) {
    std::printf (kUsage, kDefaultConstraints);
    return 0;
  }
  Options options;
  if (!parseArguments (argc, argv, options)) {
    std::fprintf (stderr, kUsage, kDefaultConstraints);
    return 2;
  }
  int status;
  {
    Recorder recorder (options);
    status = recorder.run ();
  }
  if (status == 0)
    std::printf ("recorded %s\n", options.output.c_str ());
  gst_deinit ();
  return status;
}
