/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Real-driver tier: constraintfilter behind v4l2src on vivid and alsasrc on
 * snd-dummy and snd-aloop, inside the VM (see README.md here).
 *
 *   vm-constraintfilter
 *
 * Prints TAP, one line per check, with what was measured (or why it failed)
 * as diagnostics. Exits 0 when every check passed. The checks ask what the
 * real drivers give (v4l2src's and alsasrc's caps, the buffers reaching the
 * sink, the bus), never what the element says about itself alone.
 */

#include "gst-ptr.h"

#include <gst/audio/audio.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

using namespace mediastream;

namespace {

/* Generous: GStreamer runs several times slower under TCG, and the first
 * pipeline also reads its libraries over 9p. */
constexpr GstClockTime kStartTimeout = 40 * GST_SECOND;
constexpr GstClockTime kChangeTimeout = 30 * GST_SECOND;
constexpr GstClockTime kMessageTimeout = 15 * GST_SECOND;

/* snd-dummy is card 0 and snd-aloop card 1 (tests/vm/prepare); what is
 * played to Loopback,0,0 is captured from Loopback,1,0. */
constexpr const char *kDummyCapture = "hw:Dummy,0,0";
constexpr const char *kLoopbackPlayback = "hw:Loopback,0,0";
constexpr const char *kLoopbackCapture = "hw:Loopback,1,0";

constexpr double kToneHz = 440;
constexpr double kToneVolume = 0.5;

std::string formatStringV (const char *format, va_list args)
    G_GNUC_PRINTF (1, 0);

std::string
formatStringV (const char *format, va_list args)
{
  GCharPtr text (g_strdup_vprintf (format, args));
  return text.get ();
}

/* formatStringV with the arguments given in place. */
std::string formatString (const char *format, ...) G_GNUC_PRINTF (1, 2);

std::string
formatString (const char *format, ...)
{
  va_list args;
  va_start (args, format);
  std::string s = formatStringV (format, args);
  va_end (args);
  return s;
}

std::string
capsString (const GstCaps * caps)
{
  if (!caps)
    return "(none)";
  GCharPtr text (gst_caps_to_string (caps));
  return text.get ();
}

CapsPtr
capsFrom (const std::string & text)
{
  return CapsPtr (gst_caps_from_string (text.c_str ()));
}

/* What one check found: notes while it goes, the reason when it fails. */
class Report {
public:
  void note (const char *format, ...) G_GNUC_PRINTF (2, 3) {
    va_list args;
    va_start (args, format);
    lines_.push_back (formatStringV (format, args));
    va_end (args);
  }

  /* Notes the reason; returns false so a check can `return r.fail (...)`. */
  bool fail (const char *format, ...) G_GNUC_PRINTF (2, 3) {
    va_list args;
    va_start (args, format);
    lines_.push_back (formatStringV (format, args));
    va_end (args);
    return false;
  }

  const std::vector<std::string> &lines () const { return lines_; }

private:
  std::vector<std::string> lines_;
};

/* The stream reaching the sink. A run is a sequence of buffers with the
 * same caps; a caps change starts a new one. */
struct Run {
  CapsPtr caps;
  int buffers = 0;
  GstClockTime firstPts = GST_CLOCK_TIME_NONE;
  GstClockTime lastPts = GST_CLOCK_TIME_NONE;
  /* The last timestamp of the run before this one. */
  GstClockTime previousLastPts = GST_CLOCK_TIME_NONE;

  /* Video: buffers whose memory cannot hold a frame of the caps. */
  int badFrames = 0;
  std::string badFrame;

  /* Audio (S16 only): samples per channel after `skipFrames`, their span in
   * stream time, and the first channel's level and sign changes. */
  guint64 skipFrames = 0;
  guint64 frames = 0;
  GstClockTime audioStart = GST_CLOCK_TIME_NONE;
  GstClockTime audioEnd = GST_CLOCK_TIME_NONE;
  int peak = 0;
  guint64 crossings = 0;
  int lastSign = 0;
};

/* A copy of a run for the checking thread. */
struct RunSnapshot {
  std::string caps;
  CapsPtr capsValue;
  int buffers = 0;
  int runs = 0;
  int total = 0;
  GstClockTime firstPts = GST_CLOCK_TIME_NONE;
  GstClockTime lastPts = GST_CLOCK_TIME_NONE;
  GstClockTime previousLastPts = GST_CLOCK_TIME_NONE;
  int badFrames = 0;
  std::string badFrame;
  guint64 frames = 0;
  GstClockTime audioStart = GST_CLOCK_TIME_NONE;
  GstClockTime audioEnd = GST_CLOCK_TIME_NONE;
  int peak = 0;
  guint64 crossings = 0;

  double audioSeconds () const {
    if (!GST_CLOCK_TIME_IS_VALID (audioStart)
        || !GST_CLOCK_TIME_IS_VALID (audioEnd) || audioEnd <= audioStart)
      return 0;
    return static_cast<double> (audioEnd - audioStart) / GST_SECOND;
  }
};

void
measureVideo (Run & run, GstBuffer * buffer)
{
  GstVideoInfo info;
  if (!gst_video_info_from_caps (&info, run.caps.get ()))
    return;
  /* v4l2src describes padded lines with a meta; without one the frame is
   * packed and the memory must hold all of it. */
  GstVideoMeta *meta = gst_buffer_get_video_meta (buffer);
  const bool fits = meta ? meta->width == static_cast<guint>
      (GST_VIDEO_INFO_WIDTH (&info)) && meta->height == static_cast<guint>
      (GST_VIDEO_INFO_HEIGHT (&info))
      : gst_buffer_get_size (buffer) >= GST_VIDEO_INFO_SIZE (&info);
  if (fits)
    return;
  if (run.badFrames++ == 0) {
    run.badFrame = meta ? formatString ("%ux%u in the video meta", meta->width,
        meta->height) : std::to_string (gst_buffer_get_size (buffer)) +
        " bytes, a frame needs " + std::to_string (GST_VIDEO_INFO_SIZE (&info));
  }
}

void
measureAudio (Run & run, GstBuffer * buffer)
{
  GstAudioInfo info;
  if (!gst_audio_info_from_caps (&info, run.caps.get ())
      || GST_AUDIO_INFO_FORMAT (&info) != GST_AUDIO_FORMAT_S16
      || GST_AUDIO_INFO_BPF (&info) == 0)
    return;
  GstMapInfo map;
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;
  const int channels = GST_AUDIO_INFO_CHANNELS (&info);
  const guint64 n = map.size / GST_AUDIO_INFO_BPF (&info);
  const auto *samples = reinterpret_cast<const gint16 *> (map.data);
  guint64 first = 0;
  if (run.skipFrames > 0) {
    first = MIN (n, run.skipFrames);
    run.skipFrames -= first;
  }
  if (first < n && GST_BUFFER_PTS_IS_VALID (buffer)) {
    const GstClockTime at = GST_BUFFER_PTS (buffer) +
        gst_util_uint64_scale_int (first, GST_SECOND, info.rate);
    if (!GST_CLOCK_TIME_IS_VALID (run.audioStart))
      run.audioStart = at;
    run.audioEnd = GST_BUFFER_PTS (buffer) +
        gst_util_uint64_scale_int (n, GST_SECOND, info.rate);
  }
  for (guint64 i = first; i < n; i++) {
    const int s = samples[i * channels];
    const int sign = s > 0 ? 1 : (s < 0 ? -1 : 0);
    run.peak = MAX (run.peak, std::abs (s));
    if (sign != 0) {
      if (run.lastSign != 0 && sign != run.lastSign)
        run.crossings++;
      run.lastSign = sign;
    }
  }
  run.frames += n - first;
  gst_buffer_unmap (buffer, &map);
}

/* A running pipeline whose elements named "source", "sink" and (for a
 * track) "filter" are watched: the buffers reaching the sink, the caps the
 * source negotiated, the converters in the filter, and the bus. */
class Track {
public:
  Track (const std::string & description, const char *device,
      const std::string & constraints, Report & r) {
    GError *error = nullptr;
    pipeline_ = gst_parse_launch (description.c_str (), &error);
    if (!pipeline_ || error) {
      r.fail ("pipeline \"%s\": %s", description.c_str (),
          error ? error->message : "cannot be made");
      g_clear_error (&error);
      return;
    }
    source_ = gst_bin_get_by_name (GST_BIN (pipeline_), "source");
    filter_ = gst_bin_get_by_name (GST_BIN (pipeline_), "filter");
    ObjectPtr<GstElement> sink (gst_bin_get_by_name (GST_BIN (pipeline_),
            "sink"));
    if (!source_ || !sink) {
      r.fail ("pipeline \"%s\" has no element named source or sink",
          description.c_str ());
      return;
    }
    /* Set here rather than in the description, where ALSA's and JSON's
     * commas and quotes would need escaping. */
    if (device)
      setDevice (device);
    if (filter_)
      g_object_set (filter_, "constraints", constraints.c_str (), nullptr);
    ObjectPtr<GstPad> pad (gst_element_get_static_pad (sink.get (), "sink"));
    gst_pad_add_probe (pad.get (), GST_PAD_PROBE_TYPE_BUFFER, onBuffer, this,
        nullptr);
    if (gst_element_set_state (pipeline_, GST_STATE_PLAYING) ==
        GST_STATE_CHANGE_FAILURE) {
      pollBus (0);
      r.fail ("pipeline \"%s\" did not start%s", description.c_str (),
          errors_.empty ()? "" : (": " + errors_.front ()).c_str ());
      return;
    }
    started_ = true;
  }

  ~Track () {
    if (pipeline_) {
      gst_element_set_state (pipeline_, GST_STATE_NULL);
      gst_object_unref (pipeline_);
    }
    if (source_)
      gst_object_unref (source_);
    if (filter_)
      gst_object_unref (filter_);
  }

  Track (const Track &) = delete;
  Track &operator= (const Track &) = delete;

  bool started () const { return started_; }
  GstElement *pipeline () const { return pipeline_; }
  GstElement *filter () const { return filter_; }

  /* Drops the first `frames` samples of each later run from the audio
   * measurements. */
  void skipAudio (guint64 frames) {
    std::lock_guard<std::mutex> guard (lock_);
    skipFrames_ = frames;
    run_.skipFrames = frames;
  }

  /* The caps of every run so far, in order. */
  std::vector<std::string> capsHistory () {
    std::lock_guard<std::mutex> guard (lock_);
    return history_;
  }

  RunSnapshot snapshot () {
    std::lock_guard<std::mutex> guard (lock_);
    RunSnapshot s;
    s.caps = capsString (run_.caps.get ());
    if (run_.caps)
      s.capsValue.reset (gst_caps_ref (run_.caps.get ()));
    s.buffers = run_.buffers;
    s.runs = static_cast<int> (history_.size ());
    s.total = total_;
    s.firstPts = run_.firstPts;
    s.lastPts = run_.lastPts;
    s.previousLastPts = run_.previousLastPts;
    s.badFrames = run_.badFrames;
    s.badFrame = run_.badFrame;
    s.frames = run_.frames;
    s.audioStart = run_.audioStart;
    s.audioEnd = run_.audioEnd;
    s.peak = run_.peak;
    s.crossings = run_.crossings;
    return s;
  }

  /* Waits until the sink has had `buffers` buffers (and, for audio,
   * `seconds` of samples) in a row whose caps are a subset of `expected`. */
  bool waitRun (const char *expected, int buffers, double seconds,
      GstClockTime timeout, Report & r) {
    CapsPtr wanted (capsFrom (expected));
    const gint64 deadline = g_get_monotonic_time () + timeout / GST_USECOND;
    while (true) {
      if (!pollBus (20 * GST_MSECOND))
        return r.fail ("error on the bus: %s", errors_.front ().c_str ());
      RunSnapshot s = snapshot ();
      if (s.capsValue && gst_caps_is_subset (s.capsValue.get (),
              wanted.get ()) && s.buffers >= buffers
          && s.audioSeconds () >= seconds)
        return true;
      if (g_get_monotonic_time () > deadline) {
        return r.fail ("no %d buffers of %s within %.0f s: %d buffers in "
            "all, the last %d with caps %s", buffers, expected,
            static_cast<double> (timeout) / GST_SECOND, s.total, s.buffers,
            s.caps.c_str ());
      }
    }
  }

  /* The next warning on the bus, within `timeout`. */
  MessagePtr waitWarning (GstClockTime timeout) {
    const gint64 deadline = g_get_monotonic_time () + timeout / GST_USECOND;
    while (warnings_.empty () && g_get_monotonic_time () < deadline
        && pollBus (20 * GST_MSECOND)) {
    }
    if (warnings_.empty ())
      return nullptr;
    MessagePtr m = std::move (warnings_.front ());
    warnings_.erase (warnings_.begin ());
    return m;
  }

  /* Reads the bus for up to `wait`; false once an error was posted. */
  bool pollBus (GstClockTime wait) {
    ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline_));
    GstClockTime timeout = wait;
    while (GstMessage * m = gst_bus_timed_pop (bus.get (), timeout)) {
      MessagePtr message (m);
      timeout = 0;
      switch (GST_MESSAGE_TYPE (m)) {
        case GST_MESSAGE_ERROR:{
          GError *error = nullptr;
          gchar *debug = nullptr;
          gst_message_parse_error (m, &error, &debug);
          errors_.push_back (std::string (GST_OBJECT_NAME (GST_MESSAGE_SRC
                      (m))) + ": " + error->message + " (" + (debug ? debug :
                  "") + ")");
          g_clear_error (&error);
          g_free (debug);
          break;
        }
        case GST_MESSAGE_WARNING:
          warnings_.push_back (std::move (message));
          break;
        case GST_MESSAGE_STATE_CHANGED:
          if (GST_MESSAGE_SRC (m) == GST_OBJECT (pipeline_)) {
            GstState old, now;
            gst_message_parse_state_changed (m, &old, &now, nullptr);
            pipelineStates_.push_back (std::string
                (gst_element_state_get_name (old)) + "->" +
                gst_element_state_get_name (now));
          }
          break;
        case GST_MESSAGE_LATENCY:
          /* A renegotiated live source may have a new latency. */
          gst_bin_recalculate_latency (GST_BIN (pipeline_));
          break;
        default:
          break;
      }
    }
    return errors_.empty ();
  }

  /* The pipeline's own state changes seen so far ("PAUSED->PLAYING"). */
  const std::vector<std::string> &pipelineStates () const {
    return pipelineStates_;
  }

  /* What the source negotiated. */
  CapsPtr sourceCaps () const {
    ObjectPtr<GstPad> pad (gst_element_get_static_pad (source_, "src"));
    return CapsPtr (gst_pad_get_current_caps (pad.get ()));
  }

  /* Everything the source can produce (its probed device modes). */
  CapsPtr sourceModes () const {
    ObjectPtr<GstPad> pad (gst_element_get_static_pad (source_, "src"));
    return CapsPtr (gst_pad_query_caps (pad.get (), nullptr));
  }

  std::string property (const char *name) const {
    gchar *value = nullptr;
    g_object_get (filter_, name, &value, nullptr);
    std::string s = value ? value : "";
    g_free (value);
    return s;
  }

  nlohmann::json jsonProperty (const char *name) const {
    return nlohmann::json::parse (property (name), nullptr, false);
  }

  /* The factories between the filter's two capsfilters, following the
   * links: what the data really goes through. */
  std::vector<std::string> converters () const {
    std::vector<std::string> names;
    ObjectPtr<GstElement> e (gst_bin_get_by_name (GST_BIN (filter_),
            "source-caps"));
    while (e) {
      ObjectPtr<GstPad> src (gst_element_get_static_pad (e.get (), "src"));
      ObjectPtr<GstPad> peer (src ? gst_pad_get_peer (src.get ()) : nullptr);
      if (!peer) {
        names.push_back ("(unlinked)");
        break;
      }
      e.reset (gst_pad_get_parent_element (peer.get ()));
      if (!e || g_strcmp0 (GST_OBJECT_NAME (e.get ()), "output-caps") == 0)
        break;
      names.push_back (GST_OBJECT_NAME (gst_element_get_factory (e.get ())));
    }
    return names;
  }

private:
  /* The device goes to the element that has a device property: the source,
   * or the sink of a playback pipeline. */
  void setDevice (const char *device) {
    GstIterator *it = gst_bin_iterate_elements (GST_BIN (pipeline_));
    GValue item = G_VALUE_INIT;
    while (gst_iterator_next (it, &item) == GST_ITERATOR_OK) {
      GObject *e = G_OBJECT (g_value_get_object (&item));
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (e), "device"))
        g_object_set (e, "device", device, nullptr);
      g_value_reset (&item);
    }
    g_value_unset (&item);
    gst_iterator_free (it);
  }

  static GstPadProbeReturn onBuffer (GstPad * pad, GstPadProbeInfo * info,
      gpointer data) {
    auto *self = static_cast<Track *> (data);
    GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
    CapsPtr caps (gst_pad_get_current_caps (pad));
    std::lock_guard<std::mutex> guard (self->lock_);
    Run & run = self->run_;
    self->total_++;
    if (!caps || !run.caps || !gst_caps_is_equal (caps.get (),
            run.caps.get ())) {
      const GstClockTime previous = run.lastPts;
      run = Run ();
      run.caps = std::move (caps);
      run.previousLastPts = previous;
      run.skipFrames = self->skipFrames_;
      self->history_.push_back (capsString (run.caps.get ()));
    }
    run.buffers++;
    if (GST_BUFFER_PTS_IS_VALID (buffer)) {
      if (!GST_CLOCK_TIME_IS_VALID (run.firstPts))
        run.firstPts = GST_BUFFER_PTS (buffer);
      run.lastPts = GST_BUFFER_PTS (buffer);
    }
    if (run.caps) {
      const GstStructure *s = gst_caps_get_structure (run.caps.get (), 0);
      if (gst_structure_has_name (s, "video/x-raw"))
        measureVideo (run, buffer);
      else if (gst_structure_has_name (s, "audio/x-raw"))
        measureAudio (run, buffer);
    }
    return GST_PAD_PROBE_OK;
  }

  GstElement *pipeline_ = nullptr;
  GstElement *source_ = nullptr;
  GstElement *filter_ = nullptr;
  bool started_ = false;
  std::vector<std::string> errors_;
  std::vector<MessagePtr> warnings_;
  std::vector<std::string> pipelineStates_;

  std::mutex lock_;             /* guards what the streaming thread writes */
  Run run_;
  int total_ = 0;
  guint64 skipFrames_ = 0;
  std::vector<std::string> history_;  /* the caps of each run */
};

/* The largest int a caps field holds (a number, a range or a list). */
int
largestInt (const GValue * value)
{
  if (!value)
    return 0;
  if (G_VALUE_HOLDS_INT (value))
    return g_value_get_int (value);
  if (GST_VALUE_HOLDS_INT_RANGE (value))
    return gst_value_get_int_range_max (value);
  int largest = 0;
  if (GST_VALUE_HOLDS_LIST (value)) {
    for (guint i = 0; i < gst_value_list_get_size (value); i++)
      largest = MAX (largest, largestInt (gst_value_list_get_value (value, i)));
  }
  return largest;
}

double
largestFraction (const GValue * value)
{
  if (!value)
    return 0;
  if (GST_VALUE_HOLDS_FRACTION (value)) {
    double d;
    gst_util_fraction_to_double (gst_value_get_fraction_numerator (value),
        gst_value_get_fraction_denominator (value), &d);
    return d;
  }
  if (GST_VALUE_HOLDS_FRACTION_RANGE (value))
    return largestFraction (gst_value_get_fraction_range_max (value));
  double largest = 0;
  if (GST_VALUE_HOLDS_LIST (value)) {
    for (guint i = 0; i < gst_value_list_get_size (value); i++)
      largest = MAX (largest, largestFraction (gst_value_list_get_value (value,
                  i)));
  }
  return largest;
}

/* The largest width, height and frame rate among a source's modes. */
struct Largest {
  int width = 0;
  int height = 0;
  double frameRate = 0;
};

Largest
largestOf (const GstCaps * modes)
{
  Largest l;
  for (guint i = 0; modes && i < gst_caps_get_size (modes); i++) {
    const GstStructure *s = gst_caps_get_structure (modes, i);
    l.width = MAX (l.width, largestInt (gst_structure_get_value (s, "width")));
    l.height = MAX (l.height, largestInt (gst_structure_get_value (s,
                "height")));
    l.frameRate = MAX (l.frameRate, largestFraction (gst_structure_get_value
            (s, "framerate")));
  }
  return l;
}

/* Whether any of a source's modes can be width x height. */
bool
hasNativeSize (const GstCaps * modes, int width, int height)
{
  for (guint i = 0; modes && i < gst_caps_get_size (modes); i++) {
    const GstStructure *s = gst_caps_get_structure (modes, i);
    StructurePtr size (gst_structure_new (gst_structure_get_name (s),
            "width", G_TYPE_INT, width, "height", G_TYPE_INT, height,
            nullptr));
    if (gst_structure_can_intersect (s, size.get ()))
      return true;
  }
  return false;
}

bool
capsAre (const GstCaps * caps, const char *expected)
{
  CapsPtr wanted (capsFrom (expected));
  return caps && gst_caps_is_fixed (caps) && gst_caps_is_subset (caps,
      wanted.get ());
}

std::string
joined (const std::vector<std::string> &names)
{
  std::string s;
  for (const std::string & name : names)
    s += (s.empty ()? "" : ", ") + name;
  return s.empty ()? "none" : s;
}

double
numberIn (const nlohmann::json & json, const char *key)
{
  return json.is_object () && json.contains (key) && json[key].is_number ()
      ? json[key].get<double> () : -1;
}

double
maxIn (const nlohmann::json & json, const char *key)
{
  return json.is_object () && json.contains (key) ? numberIn (json[key],
      "max") : -1;
}

std::string
findVivid ()
{
  for (int i = 0; i < 64; i++) {
    std::ifstream name ("/sys/class/video4linux/video" + std::to_string (i) +
        "/name");
    std::string text;
    if (name && std::getline (name, text) && text.rfind ("vivid", 0) == 0)
      return "/dev/video" + std::to_string (i);
  }
  return "";
}

/* What the checks share: the camera track started by the first video check
 * and changed by the later ones, as a page would do with one track. */
struct Context {
  std::string camera;
  std::unique_ptr<Track> track;
  Largest vivid;
};

const char *const kCameraPipeline =
    "v4l2src name=source ! constraintfilter name=filter ! fakesink name=sink";

bool
checkPassthrough (Context & c, Report & r)
{
  if (c.camera.empty ())
    return r.fail ("no vivid node in /sys/class/video4linux");
  c.track = std::make_unique<Track> (kCameraPipeline, c.camera.c_str (),
      "{\"width\":640,\"height\":360,\"frameRate\":30}", r);
  Track & t = *c.track;
  if (!t.started ()
      || !t.waitRun ("video/x-raw,width=640,height=360,framerate=30/1", 5, 0,
          kStartTimeout, r))
    return false;

  CapsPtr source (t.sourceCaps ());
  r.note ("v4l2src (%s): %s", c.camera.c_str (),
      capsString (source.get ()).c_str ());
  if (!capsAre (source.get (),
          "video/x-raw,width=640,height=360,framerate=30/1"))
    return r.fail ("v4l2src itself should produce 640x360 at 30/1");
  const auto converters = t.converters ();
  if (!converters.empty ())
    return r.fail ("converters in the data path: %s (expected none)",
        joined (converters).c_str ());
  RunSnapshot s = t.snapshot ();
  if (s.badFrames)
    return r.fail ("%d frames do not match their caps: %s", s.badFrames,
        s.badFrame.c_str ());
  r.note ("%d buffers at the sink, no converter", s.buffers);
  return true;
}

bool
checkSettingsAndCapabilities (Context & c, Report & r)
{
  if (!c.track || !c.track->started ())
    return r.fail ("the camera track did not start (see the first check)");
  Track & t = *c.track;
  CapsPtr modes (t.sourceModes ());
  c.vivid = largestOf (modes.get ());
  r.note ("vivid's largest mode: width %d, height %d, %.0f fps (%u caps "
      "structures)", c.vivid.width, c.vivid.height, c.vivid.frameRate,
      modes ? gst_caps_get_size (modes.get ()) : 0);
  if (c.vivid.width <= 0 || c.vivid.height <= 0)
    return r.fail ("v4l2src reports no sizes: %s",
        capsString (modes.get ()).c_str ());

  const nlohmann::json settings = t.jsonProperty ("settings");
  const nlohmann::json capabilities = t.jsonProperty ("capabilities");
  r.note ("settings: %s", settings.dump ().c_str ());
  r.note ("capabilities: %s", capabilities.dump ().c_str ());
  if (numberIn (settings, "width") != 640
      || numberIn (settings, "height") != 360
      || numberIn (settings, "frameRate") != 30
      || !settings.contains ("resizeMode") || settings["resizeMode"] != "none")
    return r.fail ("settings should be 640x360 at 30 fps, resizeMode none");
  if (maxIn (capabilities, "width") != c.vivid.width
      || maxIn (capabilities, "height") != c.vivid.height)
    return r.fail ("capabilities width/height max should be vivid's %dx%d",
        c.vivid.width, c.vivid.height);
  if (std::abs (maxIn (capabilities, "frameRate") - c.vivid.frameRate) > 0.01)
    return r.fail ("capabilities frameRate max should be vivid's %.2f",
        c.vivid.frameRate);
  return true;
}

/* Applies `constraints` to the running camera track and waits for frames
 * of `expected`; every caps the sink sees meanwhile must be `expected`:
 * no frame of the old mode converted as if it were of the new one. */
bool
changeTo (Track & t, const char *constraints, const char *expected, Report & r)
{
  t.pollBus (0);
  const size_t statesBefore = t.pipelineStates ().size ();
  const size_t runsBefore = t.capsHistory ().size ();
  r.note ("applying %s", constraints);
  g_object_set (t.filter (), "constraints", constraints, nullptr);
  if (!t.waitRun (expected, 5, 0, kChangeTimeout, r))
    return false;
  const auto history = t.capsHistory ();
  CapsPtr wanted (capsFrom (expected));
  for (size_t i = runsBefore; i < history.size (); i++) {
    CapsPtr caps (capsFrom (history[i]));
    if (!caps || !gst_caps_is_subset (caps.get (), wanted.get ()))
      return r.fail ("the sink got %s on the way", history[i].c_str ());
  }
  if (t.pipelineStates ().size () != statesBefore)
    return r.fail ("the pipeline changed state (%s)",
        t.pipelineStates ().back ().c_str ());
  CapsPtr source (t.sourceCaps ());
  r.note ("v4l2src: %s", capsString (source.get ()).c_str ());
  r.note ("converters: %s", joined (t.converters ()).c_str ());
  return true;
}

bool
checkRuntimeChange (Context & c, Report & r)
{
  if (!c.track || !c.track->started ())
    return r.fail ("the camera track did not start (see the first check)");
  Track & t = *c.track;
  if (!changeTo (t, "{\"width\":1280,\"height\":720}",
          "video/x-raw,width=1280,height=720", r))
    return false;
  CapsPtr source (t.sourceCaps ());
  if (!capsAre (source.get (), "video/x-raw,width=1280,height=720"))
    return r.fail ("v4l2src itself should produce 1280x720");
  const auto converters = t.converters ();
  if (!converters.empty ())
    return r.fail ("converters in the data path: %s (1280x720 is native)",
        joined (converters).c_str ());

  RunSnapshot s = t.snapshot ();
  if (s.badFrames)
    return r.fail ("%d frames do not match their caps: %s", s.badFrames,
        s.badFrame.c_str ());
  /* Without a restart the stream goes on (changeTo saw no state change):
   * still PLAYING, timestamps carrying on from the 640x360 frames. v4l2src
   * stamps a frame with the time it got it less the device's delay (the
   * driver's own timestamp, else one frame's duration): the first frame of
   * the new mode (80 ms at 12.5 fps) can be stamped before the last 33 ms
   * frame of the old one when the switch is quick, but not a whole frame
   * earlier, while a restart would start the timestamps again. */
  GstState state = GST_STATE_VOID_PENDING;
  gst_element_get_state (t.pipeline (), &state, nullptr, 0);
  if (state != GST_STATE_PLAYING)
    return r.fail ("the pipeline is %s, not PLAYING",
        gst_element_state_get_name (state));
  gint num = 0, den = 0;
  const GstStructure *mode = gst_caps_get_structure (source.get (), 0);
  const GstClockTime frame = gst_structure_get_fraction (mode, "framerate",
      &num, &den) && num > 0 ?
      gst_util_uint64_scale_int (GST_SECOND, den, num) : 0;
  if (!GST_CLOCK_TIME_IS_VALID (s.firstPts)
      || !GST_CLOCK_TIME_IS_VALID (s.previousLastPts)
      || s.firstPts + frame <= s.previousLastPts)
    return r.fail ("timestamps do not go on: last 640x360 frame at %"
        GST_TIME_FORMAT ", first 1280x720 frame at %" GST_TIME_FORMAT,
        GST_TIME_ARGS (s.previousLastPts), GST_TIME_ARGS (s.firstPts));
  r.note ("first 1280x720 frame at %" GST_TIME_FORMAT ", %.0f ms after the "
      "last 640x360 one; the pipeline stayed PLAYING",
      GST_TIME_ARGS (s.firstPts),
      static_cast<double> (s.firstPts - s.previousLastPts) / GST_MSECOND);
  const nlohmann::json settings = t.jsonProperty ("settings");
  r.note ("settings: %s", settings.dump ().c_str ());
  if (numberIn (settings, "width") != 1280
      || numberIn (settings, "height") != 720)
    return r.fail ("settings should say 1280x720");
  return true;
}

bool
checkRejectedChange (Context & c, Report & r)
{
  if (!c.track || !c.track->started ())
    return r.fail ("the camera track did not start (see the first check)");
  Track & t = *c.track;
  if (c.vivid.width <= 0)
    return r.fail ("vivid's largest width is unknown (see the settings "
        "and capabilities check)");
  const RunSnapshot before = t.snapshot ();
  const std::string settingsBefore = t.property ("settings");
  const std::string constraintsBefore = t.property ("constraints");

  /* Wider than any mode, and nothing upscales. */
  const std::string impossible = formatString ("{\"width\":{\"min\":%d}}",
      c.vivid.width + 1);
  r.note ("applying %s", impossible.c_str ());
  g_object_set (t.filter (), "constraints", impossible.c_str (), nullptr);
  MessagePtr warning (t.waitWarning (kMessageTimeout));
  if (!warning)
    return r.fail ("no warning on the bus within %.0f s",
        static_cast<double> (kMessageTimeout) / GST_SECOND);
  const GstStructure *details = nullptr;
  gst_message_parse_warning_details (warning.get (), &details);
  GError *error = nullptr;
  gst_message_parse_warning (warning.get (), &error, nullptr);
  r.note ("warning from %s: %s", GST_OBJECT_NAME (GST_MESSAGE_SRC
          (warning.get ())), error ? error->message : "");
  g_clear_error (&error);
  const gchar *name = details ? gst_structure_get_string (details, "name") :
      nullptr;
  const gchar *constraint = details ? gst_structure_get_string (details,
      "constraint") : nullptr;
  r.note ("details: %s", details ? GCharPtr (gst_structure_to_string
          (details)).get () : "(none)");
  if (g_strcmp0 (name, "OverconstrainedError") != 0
      || g_strcmp0 (constraint, "width") != 0)
    return r.fail ("the details should have name=OverconstrainedError and "
        "constraint=width");

  /* Frames go on in the size they had, with no new negotiation. */
  const int target = before.buffers + 5;
  if (!t.waitRun (before.caps.c_str (), target, 0, kChangeTimeout, r))
    return false;
  RunSnapshot after = t.snapshot ();
  if (after.runs != before.runs)
    return r.fail ("the caps changed: %s", after.caps.c_str ());
  r.note ("%d more buffers, still %s", after.buffers - before.buffers,
      after.caps.c_str ());
  if (t.property ("settings") != settingsBefore
      || t.property ("constraints") != constraintsBefore)
    return r.fail ("settings or constraints changed: %s, %s",
        t.property ("settings").c_str (), t.property ("constraints").c_str ());
  return true;
}

bool
checkRuntimeConversion (Context & c, Report & r)
{
  if (!c.track || !c.track->started ())
    return r.fail ("the camera track did not start (see the first check)");
  Track & t = *c.track;
  if (!changeTo (t, "{\"width\":{\"exact\":320},\"height\":{\"exact\":240}}",
          "video/x-raw,width=320,height=240,pixel-aspect-ratio=1/1", r))
    return false;
  CapsPtr source (t.sourceCaps ());
  if (capsAre (source.get (), "video/x-raw,width=1280,height=720"))
    return r.fail ("v4l2src stayed at 1280x720; a 30 fps mode was expected");
  auto converters = t.converters ();
  if (std::find (converters.begin (), converters.end (),
          "videoconvertscale") == converters.end ())
    return r.fail ("no videoconvertscale in the data path");

  if (!changeTo (t, "{\"width\":640,\"height\":360,\"frameRate\":30}",
          "video/x-raw,width=640,height=360,framerate=30/1,"
          "pixel-aspect-ratio=1/1", r))
    return false;
  source = t.sourceCaps ();
  if (!capsAre (source.get (),
          "video/x-raw,width=640,height=360,framerate=30/1"))
    return r.fail ("v4l2src itself should produce 640x360 at 30/1 again");
  converters = t.converters ();
  if (!converters.empty ())
    return r.fail ("converters left in the data path: %s",
        joined (converters).c_str ());
  RunSnapshot s = t.snapshot ();
  if (s.badFrames)
    return r.fail ("%d frames do not match their caps: %s", s.badFrames,
        s.badFrame.c_str ());
  return true;
}

bool
checkCropAndScale (Context & c, Report & r)
{
  /* The camera track is done with; one vivid stream at a time. */
  c.track.reset ();
  if (c.camera.empty ())
    return r.fail ("no vivid node in /sys/class/video4linux");
  Track t (kCameraPipeline, c.camera.c_str (),
      "{\"width\":{\"exact\":320},\"height\":{\"exact\":240}}", r);
  if (!t.started ())
    return false;
  const bool ok = t.waitRun ("video/x-raw,width=320,height=240", 5, 0,
      kStartTimeout, r);
  CapsPtr modes (t.sourceModes ());
  if (hasNativeSize (modes.get (), 320, 240))
    return r.fail ("vivid has a native 320x240 mode, so this checks no "
        "conversion: pick a size it lacks");
  if (!ok)
    return false;

  CapsPtr source (t.sourceCaps ());
  r.note ("v4l2src: %s", capsString (source.get ()).c_str ());
  const GstStructure *s = source ? gst_caps_get_structure (source.get (), 0) :
      nullptr;
  int width = 0, height = 0;
  if (!s || !gst_structure_get_int (s, "width", &width)
      || !gst_structure_get_int (s, "height", &height)
      || width < 320 || height < 240 || !hasNativeSize (modes.get (), width,
          height))
    return r.fail ("v4l2src should produce a larger native mode");
  /* The crop and the scale count pixels as square. */
  if (!capsAre (source.get (), "video/x-raw,pixel-aspect-ratio=1/1"))
    return r.fail ("v4l2src should be asked for square pixels");
  const auto converters = t.converters ();
  r.note ("converters: %s", joined (converters).c_str ());
  if (std::find (converters.begin (), converters.end (),
          "videoconvertscale") == converters.end ())
    return r.fail ("no videoconvertscale in the data path");
  /* 320x240 is 4:3: any other shape has to be cropped first. */
  const bool cropped = std::find (converters.begin (), converters.end (),
      "videocrop") != converters.end ();
  if (cropped != (width * 3 != height * 4))
    return r.fail ("a %dx%d source %s be cropped to 4:3", width, height,
        cropped ? "should not" : "should");
  RunSnapshot snap = t.snapshot ();
  if (snap.badFrames)
    return r.fail ("%d frames do not match their caps: %s", snap.badFrames,
        snap.badFrame.c_str ());
  r.note ("%d buffers of %s", snap.buffers, snap.caps.c_str ());
  const nlohmann::json settings = t.jsonProperty ("settings");
  if (numberIn (settings, "width") != 320
      || numberIn (settings, "height") != 240
      || !settings.contains ("resizeMode")
      || settings["resizeMode"] != "crop-and-scale")
    return r.fail ("settings should be 320x240, crop-and-scale: %s",
        settings.dump ().c_str ());
  return true;
}

bool
checkDecimation (Context & c, Report & r)
{
  if (c.camera.empty ())
    return r.fail ("no vivid node in /sys/class/video4linux");
  Track t (kCameraPipeline, c.camera.c_str (),
      "{\"width\":640,\"height\":360,\"frameRate\":{\"exact\":20}}", r);
  if (!t.started ())
    return false;
  /* Two seconds of frames, so that the rate is measured, not guessed. */
  const bool ok = t.waitRun ("video/x-raw,width=640,height=360,"
      "framerate=20/1,pixel-aspect-ratio=1/1", 41, 0, kStartTimeout, r);
  CapsPtr modes (t.sourceModes ());
  StructurePtr twenty (gst_structure_new ("video/x-raw", "width", G_TYPE_INT,
          640, "height", G_TYPE_INT, 360, "framerate", GST_TYPE_FRACTION, 20, 1,
          nullptr));
  for (guint i = 0; modes && i < gst_caps_get_size (modes.get ()); i++) {
    if (gst_structure_can_intersect (gst_caps_get_structure (modes.get (), i),
            twenty.get ()))
      return r.fail ("vivid has a native 640x360 at 20 fps, so this checks no "
          "conversion: pick a rate it lacks");
  }
  if (!ok)
    return false;
  CapsPtr source (t.sourceCaps ());
  r.note ("v4l2src: %s", capsString (source.get ()).c_str ());
  const auto converters = t.converters ();
  r.note ("converters: %s", joined (converters).c_str ());
  if (converters != std::vector<std::string> { "videorate" })
    return r.fail ("expected videorate alone");
  const RunSnapshot s = t.snapshot ();
  const double seconds = static_cast<double> (s.lastPts - s.firstPts) /
      GST_SECOND;
  const double fps = seconds > 0 ? (s.buffers - 1) / seconds : 0;
  r.note ("%d frames over %.2f s of timestamps: %.1f fps", s.buffers, seconds,
      fps);
  /* Dropping never adds frames; under emulation vivid may lose a few, so
   * only a stream well below the rate is wrong. */
  if (fps > 20 * 1.05 || fps < 20 * 0.5)
    return r.fail ("the frames do not come at 20 fps");
  const nlohmann::json settings = t.jsonProperty ("settings");
  if (numberIn (settings, "frameRate") != 20
      || !settings.contains ("resizeMode")
      || settings["resizeMode"] != "crop-and-scale")
    return r.fail ("settings should be 20 fps, crop-and-scale: %s",
        settings.dump ().c_str ());
  return true;
}

const char *const kMicrophonePipeline =
    "alsasrc name=source ! constraintfilter name=filter ! fakesink name=sink";
const char *const kMonoConstraints =
    "{\"sampleRate\":16000,\"channelCount\":1}";

/* The samples reaching the sink and their timestamps agree on the rate. */
bool
checkSampleRate (const RunSnapshot & s, int rate, Report & r)
{
  const double seconds = s.audioSeconds ();
  const double measured = seconds > 0 ? s.frames / seconds : 0;
  r.note ("%" G_GUINT64_FORMAT " samples per channel over %.2f s of stream "
      "time: %.0f Hz", s.frames, seconds, measured);
  if (std::abs (measured - rate) > rate * 0.02)
    return r.fail ("the samples do not come at %d Hz", rate);
  return true;
}

bool
checkNativeAudio (Context &, Report & r)
{
  Track t (kMicrophonePipeline, kDummyCapture, kMonoConstraints, r);
  if (!t.started ()
      || !t.waitRun ("audio/x-raw,format=S16LE,rate=16000,channels=1", 5, 0.5,
          kStartTimeout, r))
    return false;
  CapsPtr source (t.sourceCaps ());
  r.note ("alsasrc (%s): %s", kDummyCapture,
      capsString (source.get ()).c_str ());
  if (!capsAre (source.get (), "audio/x-raw,rate=16000,channels=1"))
    return r.fail ("snd-dummy itself should capture 16 kHz mono");
  const auto converters = t.converters ();
  if (!converters.empty ())
    return r.fail ("converters in the data path: %s (expected none)",
        joined (converters).c_str ());
  if (!checkSampleRate (t.snapshot (), 16000, r))
    return false;
  const nlohmann::json settings = t.jsonProperty ("settings");
  r.note ("settings: %s", settings.dump ().c_str ());
  if (numberIn (settings, "sampleRate") != 16000
      || numberIn (settings, "channelCount") != 1)
    return r.fail ("settings should be 16000 Hz, 1 channel");
  return true;
}

bool
checkConvertedAudio (Context &, Report & r)
{
  /* While the loop's playback side runs, its capture side can only take the
   * same format; 48 kHz stereo then has to be converted. */
  r.note ("playing a %.0f Hz tone to %s at 48 kHz stereo", kToneHz,
      kLoopbackPlayback);
  Track player (formatString ("audiotestsrc name=source is-live=true "
          "wave=sine freq=%g volume=%g ! audio/x-raw,format=S16LE,rate=48000,"
          "channels=2 ! alsasink name=sink", kToneHz, kToneVolume),
      kLoopbackPlayback, "", r);
  if (!player.started ()
      || !player.waitRun ("audio/x-raw,rate=48000,channels=2", 3, 0,
          kStartTimeout, r))
    return r.fail ("playback to %s did not start", kLoopbackPlayback);

  Track t (kMicrophonePipeline, kLoopbackCapture, kMonoConstraints, r);
  /* Until playback has filled the loop, capture reads silence. */
  t.skipAudio (16000 / 5);
  if (!t.started ()
      || !t.waitRun ("audio/x-raw,format=S16LE,rate=16000,channels=1", 5, 1,
          kStartTimeout, r))
    return false;
  CapsPtr source (t.sourceCaps ());
  r.note ("alsasrc (%s): %s", kLoopbackCapture,
      capsString (source.get ()).c_str ());
  if (!capsAre (source.get (), "audio/x-raw,rate=48000,channels=2"))
    return r.fail ("snd-aloop should capture what is played, 48 kHz stereo; "
        "anything else checks no conversion");
  const auto converters = t.converters ();
  r.note ("converters: %s", joined (converters).c_str ());
  if (converters != std::vector<std::string> { "audioconvert",
          "audioresample" })
    return r.fail ("expected audioconvert, audioresample");

  const RunSnapshot s = t.snapshot ();
  if (!checkSampleRate (s, 16000, r))
    return false;
  /* Gaps (xruns under emulation) lower the count, so only gross errors. */
  const double hz = s.crossings / 2.0 / (static_cast<double> (s.frames) /
      16000);
  const int expectedPeak = static_cast<int> (kToneVolume * 32767 * 0.8);
  r.note ("tone as captured: peak %d, ~%.0f Hz", s.peak, hz);
  if (s.peak < expectedPeak)
    return r.fail ("peak %d is below %d: the tone did not come through",
        s.peak, expectedPeak);
  if (hz < kToneHz / 2 || hz > kToneHz * 2)
    return r.fail ("the tone came out at ~%.0f Hz, not near %.0f Hz", hz,
        kToneHz);
  if (!player.pollBus (0))
    return r.fail ("playback failed meanwhile");

  const nlohmann::json settings = t.jsonProperty ("settings");
  r.note ("settings: %s", settings.dump ().c_str ());
  if (numberIn (settings, "sampleRate") != 16000
      || numberIn (settings, "channelCount") != 1)
    return r.fail ("settings should be 16000 Hz, 1 channel");
  return true;
}

struct Check {
  const char *description;
  std::function<bool (Context &, Report &)> run;
};

}  // namespace

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);

  const std::vector<Check> checks = {
    {"constraintfilter: passes vivid's native 640x360@30 through: v4l2src "
          "negotiates it, no converter", checkPassthrough},
    {"constraintfilter: settings and capabilities reflect vivid's modes",
        checkSettingsAndCapabilities},
    {"constraintfilter: applyConstraints to 1280x720 while PLAYING "
          "renegotiates v4l2src, no restart", checkRuntimeChange},
    {"constraintfilter: an impossible applyConstraints posts "
          "OverconstrainedError, frames keep their size", checkRejectedChange},
    {"constraintfilter: applyConstraints from native 1280x720 to exact "
          "320x240 and back to 640x360@30: converters come and go, no frame "
          "of another size", checkRuntimeConversion},
    {"constraintfilter: exact 320x240, which vivid lacks, is cropped and "
          "scaled from a larger native mode", checkCropAndScale},
    {"constraintfilter: frameRate exact 20, which vivid lacks at 640x360, is "
          "decimated from a native rate by videorate", checkDecimation},
    {"constraintfilter: alsasrc on snd-dummy captures 16 kHz mono natively, "
          "passthrough", checkNativeAudio},
    {"constraintfilter: alsasrc on snd-aloop held at 48 kHz stereo is "
          "converted to 16 kHz mono", checkConvertedAudio},
  };

  Context context;
  context.camera = findVivid ();
  int failed = 0;
  std::printf ("1..%zu\n", checks.size ());
  for (size_t i = 0; i < checks.size (); i++) {
    Report report;
    const gint64 started = g_get_monotonic_time ();
    const bool ok = checks[i].run (context, report);
    const double took = (g_get_monotonic_time () - started) / 1e6;
    failed += ok ? 0 : 1;
    std::printf ("%s %zu - %s\n", ok ? "ok" : "not ok", i + 1,
        checks[i].description);
    for (const std::string & line : report.lines ())
      std::printf ("#   %s\n", line.c_str ());
    /* Durations are for whoever keeps the suite within its time budget. */
    std::printf ("#   (took %.1f s)\n", took);
    std::fflush (stdout);
  }
  context.track.reset ();
  return failed == 0 ? 0 : 1;
}
