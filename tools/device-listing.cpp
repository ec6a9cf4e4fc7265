/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "device-listing.h"

#include "device-change.h"
#include "gst-ptr.h"

#include <glib-unix.h>
#include <gst/gst.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <mutex>
#include <set>

namespace mediastream::tool {

namespace {

std::string
sizeText (int width, int height)
{
  return std::to_string (width) + "x" + std::to_string (height);
}

std::string
span (int min, int max)
{
  return min == max ? std::to_string (min) :
      std::to_string (min) + ".." + std::to_string (max);
}

std::string
plural (std::size_t count, const char *one, const char *many)
{
  return std::to_string (count) + " " + (count == 1 ? one : many);
}

std::string
videoSummary (const std::vector<VideoMode> &modes)
{
  std::set<std::string> formats;
  for (const VideoMode & mode : modes) {
    if (mode.formats.empty ())
      formats.insert (mode.mediaType);
    formats.insert (mode.formats.begin (), mode.formats.end ());
  }
  /* The largest size, and how fast it goes. */
  const auto area = [] (const VideoMode & mode) {
    return static_cast<long> (mode.width.max) * mode.height.max;
  };
  const VideoMode &largest = *std::max_element (modes.begin (), modes.end (),
      [&area] (const VideoMode & a, const VideoMode & b) {
        return area (a) < area (b);
      });
  double largestFps = 0;
  for (const VideoMode & mode : modes) {
    if (area (mode) == area (largest))
      largestFps = std::max (largestFps, mode.frameRate.max.asDouble ());
  }
  /* The fastest rate, at the largest size that has it. */
  const VideoMode *fastest = &largest;
  for (const VideoMode & mode : modes) {
    const double fps = mode.frameRate.max.asDouble ();
    const double best = fastest->frameRate.max.asDouble ();
    if (fps > best || (fps == best && area (mode) > area (*fastest)))
      fastest = &mode;
  }

  std::string summary = plural (modes.size (), "mode", "modes");
  if (formats.size () > 1)
    summary += " in " + std::to_string (formats.size ()) + " formats";
  summary += ", up to " + sizeText (largest.width.max, largest.height.max) +
      "@" + formatNumber (largestFps);
  if (fastest->frameRate.max.asDouble () > largestFps)
    summary += ", " + formatNumber (fastest->frameRate.max.asDouble ()) +
        " fps at " + sizeText (fastest->width.max, fastest->height.max);
  return summary;
}

std::string
audioSummary (const std::vector<AudioMode> &modes)
{
  int minRate = modes.front ().sampleRate.min;
  int maxRate = modes.front ().sampleRate.max;
  int minChannels = modes.front ().channels.min;
  int maxChannels = modes.front ().channels.max;
  for (const AudioMode & mode : modes) {
    minRate = std::min (minRate, mode.sampleRate.min);
    maxRate = std::max (maxRate, mode.sampleRate.max);
    minChannels = std::min (minChannels, mode.channels.min);
    maxChannels = std::max (maxChannels, mode.channels.max);
  }
  return plural (modes.size (), "mode", "modes") + ", " +
      span (minRate, maxRate) + " Hz, " + span (minChannels, maxChannels) +
      " ch";
}

/* "10 ms", "0.333 ms", "10.9 s": three significant digits are plenty for
 * a latency. */
std::string
duration (double seconds)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  const bool inSeconds = seconds >= 1;
  g_ascii_formatd (text, sizeof (text), "%.3g", inSeconds ? seconds :
      seconds * 1000);
  return std::string (text) + (inSeconds ? " s" : " ms");
}

std::string
shortId (const std::string &id)
{
  return id.substr (0, 8);
}

struct MainContextUnref {
  void operator() (GMainContext * context) const {
    g_main_context_unref (context);
  }
};

struct MainLoopUnref {
  void operator() (GMainLoop * loop) const { g_main_loop_unref (loop); }
};

struct SourceDestroy {
  void operator() (GSource * source) const {
    g_source_destroy (source);
    g_source_unref (source);
  }
};
using SourcePtr = std::unique_ptr<GSource, SourceDestroy>;

gboolean
quitLoop (gpointer loop)
{
  g_main_loop_quit (static_cast<GMainLoop *> (loop));
  return G_SOURCE_REMOVE;
}

/* Reads and drops what arrives on the input; quits at its end. */
gboolean
onInput (gint fd, GIOCondition, gpointer loop)
{
  char buffer[256];
  const ssize_t got = read (fd, buffer, sizeof (buffer));
  if (got > 0 || (got < 0 && (errno == EINTR || errno == EAGAIN)))
    return G_SOURCE_CONTINUE;
  return quitLoop (loop);
}

SourcePtr
attach (GSource * source, GSourceFunc callback, GMainLoop * loop,
    GMainContext * context)
{
  g_source_set_callback (source, callback, loop, nullptr);
  g_source_attach (source, context);
  return SourcePtr (source);
}

}  // namespace

std::vector<std::string>
formatTable (const std::vector<std::vector<std::string>> &rows)
{
  std::vector<glong> widths;
  for (const auto & row : rows) {
    widths.resize (std::max (widths.size (), row.size ()), 0);
    for (std::size_t i = 0; i < row.size (); i++)
      widths[i] = std::max (widths[i], g_utf8_strlen (row[i].c_str (), -1));
  }
  std::vector<std::string> lines;
  for (const auto & row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size (); i++) {
      line += row[i];
      if (i + 1 < row.size ())
        line.append (widths[i] - g_utf8_strlen (row[i].c_str (), -1) + 2, ' ');
    }
    lines.push_back (std::move (line));
  }
  return lines;
}

std::string
formatNumber (double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (text, sizeof (text), "%.10g", value);
  return text;
}

std::string
modesSummary (const DeviceDescription & device)
{
  if (device.kind == Kind::Video && !device.videoModes.empty ())
    return videoSummary (device.videoModes);
  if (device.kind == Kind::Audio && !device.audioModes.empty ())
    return audioSummary (device.audioModes);
  return "no usable modes";
}

std::string
controlsSummary (const DeviceDescription & device)
{
  std::string names;
  const auto add = [&names] (const std::string &name) {
    names += (names.empty ()? "" : " ") + name;
  };
  std::string summary;
  if (device.kind == Kind::Video) {
    for (const auto &[property, control] : device.numericControls)
      add (std::string (propertyInfo (property).name));
    for (const auto &[property, control] : device.modeControls)
      add (std::string (propertyInfo (property).name));
    if (device.torch)
      add ("torch");
    summary = names;
    if (device.facingMode)
      summary += (summary.empty ()? "" : ", ") + std::string ("facing ") +
          *device.facingMode;
  } else {
    const LatencyRange &latency = device.latency;
    summary = "latency " + (latency.min == latency.max ?
        duration (latency.value) :
        duration (latency.min) + ".." + duration (latency.max));
    const AudioProcessing &processing = device.processing;
    if (processing.echoCancellation)
      add ("echoCancellation");
    if (processing.autoGainControl)
      add ("autoGainControl");
    if (processing.noiseSuppression)
      add ("noiseSuppression");
    if (!names.empty ())
      summary += ", " + names;
  }
  return summary.empty ()? "-" : summary;
}

std::vector<std::string>
deviceListing (const MediaDevices & devices, bool json)
{
  if (json)
    return { devicesJsonText (devices) };
  if (devices.empty ())
    return { "No cameras, microphones or audio outputs found." };
  std::vector<std::vector<std::string>> rows = {
    {"KIND", "LABEL", "DEVICE ID", "GROUP ID", "MODES", "CONTROLS"}
  };
  for (const MediaDevice & device : devices) {
    const DeviceDescription &description = device.description;
    rows.push_back ({ mediaDeviceKind (device), description.label,
            shortId (description.deviceId), shortId (description.groupId),
            device.output ? "-" : modesSummary (description),
            device.output ? "-" : controlsSummary (description)});
  }
  return formatTable (rows);
}

Result<bool>
watchDevices (DeviceKinds kinds, bool json, int inputFd,
    const WriteLine & writeLine)
{
  std::mutex lock;
  bool first = true;
  /* The watch tells changes from providers' threads; one listing at a
   * time, whole. */
  auto print = [&lock, &first, json, &writeLine] (const MediaDevices &
      devices) {
    const std::vector<std::string> lines = deviceListing (devices, json);
    std::lock_guard<std::mutex> guard (lock);
    if (!first && !json)
      writeLine ("");
    first = false;
    for (const std::string & line : lines)
      writeLine (line);
  };

  /* The signals are caught from here on: one that arrives while the list
   * is printed ends the watch as well. */
  std::unique_ptr<GMainContext, MainContextUnref>
      context (g_main_context_new ());
  std::unique_ptr<GMainLoop, MainLoopUnref>
      loop (g_main_loop_new (context.get (), FALSE));
  SourcePtr input = attach (g_unix_fd_source_new (inputFd,
          static_cast<GIOCondition> (G_IO_IN | G_IO_HUP | G_IO_ERR)),
      G_SOURCE_FUNC (onInput), loop.get (), context.get ());
  SourcePtr interrupt = attach (g_unix_signal_source_new (SIGINT), quitLoop,
      loop.get (), context.get ());
  SourcePtr terminate = attach (g_unix_signal_source_new (SIGTERM),
      quitLoop, loop.get (), context.get ());

  auto watch = DeviceWatch::start (kinds, print);
  if (!watch)
    return watch.error ();
  print ((*watch)->devices ());
  g_main_loop_run (loop.get ());

  /* No listing after this returns. */
  watch->reset ();
  return true;
}

}  // namespace mediastream::tool
