/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* gst-mediastream-1.0: enumerateDevices and getUserMedia without
 * streaming, for people (tables and caps) and for scripts (one JSON answer
 * per line, and a stdin mode that answers many requests in one process). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "device-listing.h"
#include "fake-devices.h"
#include "gst-caps.h"
#include "gst-ptr.h"
#include "json.h"
#include "media-devices.h"
#include "select-settings.h"

#include <gst/gst.h>

#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

using namespace mediastream;
using mediastream::tool::formatTable;

namespace {

using Json = nlohmann::ordered_json;
using Devices = std::vector<DeviceDescription>;

enum ExitStatus {
  kExitSuccess = 0,
  kExitFailure = 1,
  kExitUsage = 2,
};

constexpr const char *kProgram = "gst-mediastream-1.0";

constexpr const char *kUsage =
    "Usage: gst-mediastream-1.0 devices [--json] [--watch]\n"
    "       gst-mediastream-1.0 select [--json] CONSTRAINTS\n"
    "       gst-mediastream-1.0 supported\n"
    "Run gst-mediastream-1.0 --help for more.\n";

constexpr const char *kSummary =
    "Verbs:\n"
    "  devices            enumerateDevices(): every camera and microphone\n"
    "                     with its capabilities, and the audio outputs.\n"
    "                     --watch: again at every\n"
    "                     devicechange, until standard input ends or an\n"
    "                     interrupt (Ctrl-C)\n"
    "  select CONSTRAINTS getUserMedia() without streaming: the device and\n"
    "                     settings each track would get, or the error.\n"
    "                     CONSTRAINTS is a MediaStreamConstraints JSON\n"
    "                     document; - reads one document per line from\n"
    "                     standard input and answers one line each\n"
    "  supported          getSupportedConstraints(): the constraints this\n"
    "                     implementation understands, as JSON\n"
    "\n"
    "With GST_MEDIASTREAM_FAKE_DEVICES set to a built-in profile (chromium,\n"
    "laptop, phone, usb-webcam) or to a JSON profile file, the devices are\n"
    "fake ones; otherwise they are found with GstDeviceMonitor.\n"
    "\n"
    "Exit status: 0 on success, 1 when an answer is an error (for -: any\n"
    "answer), 2 on a usage error.";

constexpr const char *kExamples =
    "Examples:\n"
    "  gst-mediastream-1.0 devices\n"
    "  GST_MEDIASTREAM_FAKE_DEVICES=usb-webcam gst-mediastream-1.0 devices"
    " --json\n"
    "  gst-mediastream-1.0 devices --watch --json\n"
    "  gst-mediastream-1.0 select '{\"video\": true, \"audio\": true}'\n"
    "  gst-mediastream-1.0 select --json '{\"video\": {\"width\": 1280,"
    " \"frameRate\": {\"min\": 25}}}'\n"
    "  printf '%s\\n' '{\"video\":true}' '{\"audio\":{\"sampleRate\":16000}}' |"
    " gst-mediastream-1.0 select --json -\n";

/* Labels from real devices are UTF-8 by GStreamer's contract, but a bad
 * one must not abort the whole answer. */
std::string
dump (const Json & json)
{
  return json.dump (-1, ' ', false, Json::error_handler_t::replace);
}

/* Answers go out one at a time: a script waiting for the answer to its
 * line must not wait for a buffer to fill. */
void
writeLine (const std::string &line)
{
  std::fwrite (line.data (), 1, line.size (), stdout);
  std::fputc ('\n', stdout);
  std::fflush (stdout);
}


void
writeLines (const std::vector<std::string> &lines)
{
  for (const std::string & line : lines)
    writeLine (line);
}

Json
errorAnswer (const Error & error)
{
  Json answer = Json::object ();
  answer["error"] = toJson (error);
  return answer;
}

void
printError (const Error & error, bool json)
{
  if (json) {
    writeLine (dump (errorAnswer (error)));
    return;
  }
  std::string line = "error: " + std::string (errorNameString (error.name));
  if (!error.constraint.empty ())
    line += " (constraint " + error.constraint + ")";
  writeLine (line + ": " + error.message);
}

std::string
capsText (GstCaps * caps)
{
  CapsPtr owned (caps);
  GCharPtr text (gst_caps_to_string (caps));
  return text.get ();
}

/* Settings as "name value" pairs; the ids are shown on their own. */
std::string
settingsText (const Settings & settings)
{
  const Json json = toJson (settings);
  std::string text;
  for (const auto &[name, value] : json.items ()) {
    if (name == "deviceId" || name == "groupId")
      continue;
    if (!text.empty ())
      text += ", ";
    text += name + " " + (value.is_string ()? value.get<std::string> () :
        dump (value));
  }
  return text;
}

void
printTracks (const Devices & devices,
    const std::vector<TrackSelection> &tracks, bool json)
{
  if (json) {
    Json list = Json::array ();
    for (const TrackSelection & track : tracks) {
      const DeviceDescription & device =
          devices.at (track.selection.deviceIndex);
      Json entry = Json::object ();
      entry["kind"] = std::string (kindName (track.kind));
      entry["label"] = device.label;
      entry["deviceId"] = device.deviceId;
      entry["groupId"] = device.groupId;
      entry["settings"] = toJson (track.selection.settings);
      entry["capabilities"] = toJson (capabilitiesOf (device));
      entry["constraints"] = toJson (track.constraints);
      list.push_back (std::move (entry));
    }
    Json answer = Json::object ();
    answer["tracks"] = std::move (list);
    writeLine (dump (answer));
    return;
  }

  for (const TrackSelection & track : tracks) {
    const DeviceDescription & device =
        devices.at (track.selection.deviceIndex);
    writeLine (std::string (kindName (track.kind)) + " track: " +
        device.label);
    writeLines (formatTable ({
          {"  deviceId", device.deviceId},
          {"  groupId", device.groupId},
          {"  settings", settingsText (track.selection.settings)},
          {"  constraints", dump (toJson (track.constraints))},
          {"  source caps", capsText (sourceCapsFor (device,
                      track.selection))},
          {"  output caps", capsText (outputCapsFor (device,
                      track.selection))},
        }));
  }
}

/* One getUserMedia request; true when it succeeded. */
bool
answer (const Devices & devices, std::string_view document, bool json)
{
  Result<StreamConstraints> constraints = parseStreamConstraints (document);
  if (!constraints) {
    printError (constraints.error (), json);
    return false;
  }
  Result<std::vector<TrackSelection>> tracks = getUserMedia (devices,
      *constraints);
  if (!tracks) {
    printError (tracks.error (), json);
    return false;
  }
  printTracks (devices, *tracks, json);
  return true;
}

bool
isBlank (const std::string &line)
{
  return std::all_of (line.begin (), line.end (),[](char c) {
        return g_ascii_isspace (c);}
  );
}

/* Every line gets exactly one answer, so a script can pair them up by
 * position; a blank line is a request for nothing, a TypeError. */
ExitStatus
answerLines (const Devices & devices, bool json)
{
  bool allSucceeded = true;
  std::string line;
  while (std::getline (std::cin, line)) {
    if (!line.empty () && line.back () == '\r')
      line.pop_back ();
    if (isBlank (line)) {
      printError ({ ErrorName::TypeError, "",
              "empty line: expected a MediaStreamConstraints document" },
          json);
      allSucceeded = false;
      continue;
    }
    allSucceeded = answer (devices, line, json) && allSucceeded;
  }
  return allSucceeded ? kExitSuccess : kExitFailure;
}

ExitStatus
usageError (const std::string &message)
{
  std::fprintf (stderr, "%s: %s\n%s", kProgram, message.c_str (), kUsage);
  return kExitUsage;
}

/* The devices could not be listed: a broken fake profile, say. */
ExitStatus
deviceError (const Error & error)
{
  const gchar *fake = g_getenv (kFakeDevicesEnv);
  std::fprintf (stderr, "%s: %s%s%s\n", kProgram,
      fake ? kFakeDevicesEnv : "", fake ? ": " : "", error.message.c_str ());
  return kExitFailure;
}

struct OptionContextFree {
  void operator() (GOptionContext * context) const {
    g_option_context_free (context);
  }
};

ExitStatus
run (int argc, char **argv)
{
  gboolean json = FALSE;
  gboolean watch = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    {"json", 'j', 0, G_OPTION_ARG_NONE, &json,
        "Answer in JSON, one line per answer", nullptr},
    {"watch", 'w', 0, G_OPTION_ARG_NONE, &watch,
        "devices: list again at every devicechange", nullptr},
    {"version", 0, 0, G_OPTION_ARG_NONE, &version,
        "Print the version and exit", nullptr},
    {nullptr, 0, 0, G_OPTION_ARG_NONE, nullptr, nullptr, nullptr}
  };
  std::unique_ptr<GOptionContext, OptionContextFree>
      context (g_option_context_new ("VERB [CONSTRAINTS]"));
  g_option_context_set_summary (context.get (), kSummary);
  g_option_context_set_description (context.get (), kExamples);
  g_option_context_add_main_entries (context.get (), entries, nullptr);
  g_option_context_add_group (context.get (), gst_init_get_option_group ());

  GError *error = nullptr;
  if (!g_option_context_parse (context.get (), &argc, &argv, &error)) {
    GErrorPtr owned (error);
    return usageError (error->message);
  }
  if (version) {
    writeLine (std::string (kProgram) + " " + VERSION);
    return kExitSuccess;
  }

  /* GOption leaves "--" in place; it only ends the options. */
  std::vector<std::string> args (argv + 1, argv + argc);
  auto separator = std::find (args.begin (), args.end (), "--");
  if (separator != args.end ())
    args.erase (separator);

  if (args.empty ())
    return usageError ("no verb given");
  const std::string verb = args.front ();
  args.erase (args.begin ());
  if (watch && verb != "devices")
    return usageError ("--watch is for devices");
  if (verb == "devices") {
    if (!args.empty ())
      return usageError ("devices takes no arguments");
  } else if (verb == "select") {
    if (args.size () != 1)
      return usageError ("select takes one CONSTRAINTS argument (or - to "
          "read them from standard input)");
  } else if (verb == "supported") {
    /* The same on every machine: no devices needed. */
    if (!args.empty ())
      return usageError ("supported takes no arguments");
    writeLine (supportedConstraintsJson ().dump ());
    return kExitSuccess;
  } else {
    return usageError ("unknown verb \"" + verb + "\"");
  }

  /* One request for one kind need not wait for the other kind's providers
   * (a malformed one is answered as such whatever the devices); the
   * listing is enumerateDevices()'s, outputs included. */
  DeviceKinds kinds;
  kinds.audioOutput = verb == "devices";
  if (verb == "select" && args.front () != "-") {
    Result<StreamConstraints> constraints =
        parseStreamConstraints (args.front ());
    if (constraints) {
      kinds.video = constraints->video.has_value ();
      kinds.audio = constraints->audio.has_value ();
    }
  }
  if (watch) {
    auto watched = tool::watchDevices (kinds, json, STDIN_FILENO, writeLine);
    return watched ? kExitSuccess : deviceError (watched.error ());
  }
  /* In enumerateDevices() order (microphones, cameras, outputs, the
   * default of each kind first), fake or real. */
  Result<MediaDevices> listed = enumerateDevices (kinds);
  if (!listed)
    return deviceError (listed.error ());

  if (verb == "devices") {
    writeLines (tool::deviceListing (*listed, json));
    return kExitSuccess;
  }
  const Devices devices = descriptionsOf (*listed);
  if (args.front () == "-")
    return answerLines (devices, json);
  return answer (devices, args.front (), json) ? kExitSuccess : kExitFailure;
}

}  // namespace

int
main (int argc, char **argv)
{
  /* Nothing below throws on purpose; this only keeps an unexpected
   * exception (out of memory, say) from ending in abort (). */
  /* For GOption's help text; every number this prints is formatted
   * locale-independently (JSON, g_ascii_formatd). */
  std::setlocale (LC_ALL, "");

  int status = kExitFailure;
  try {
    status = run (argc, argv);
  }
  catch (const std::exception & e) {
    std::fprintf (stderr, "%s: %s\n", kProgram, e.what ());
  }
  if (gst_is_initialized ())
    gst_deinit ();
  return status;
}
