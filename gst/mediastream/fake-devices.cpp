/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Fake device profiles. The format is documented by the built-in profiles
 * in fake-profiles.cpp; in short:
 *
 *   {"devices": [{"kind": "videoinput" | "audioinput", "label": ...,
 *       "id": stable key (default: the label), "group": group key,
 *       "caps": GstCaps string (or a list of them) | "modes": [mode, ...],
 *       ...}]}
 *
 * Video modes are {"mediaType", "format", "width", "height", "frameRate"},
 * audio modes {"mediaType", "format", "sampleRate", "channels"}; sizes,
 * sample rates and channel counts may be {"min", "max", "step"} ranges and
 * frame rates {"min", "max"} ranges. Cameras may add "facingMode" and
 * "controls" (Image Capture properties by name), microphones "latency" and
 * "processing". Only capture devices are described: "audiooutput" is
 * refused, since DeviceDescription and SelectSettings have nothing to say
 * about outputs. Unknown members are errors, so a typo cannot silently
 * describe a different device. */

#include "fake-devices.h"

#include "device-keys.h"
#include "fake-profiles.h"
#include "gst-caps.h"
#include "gst-ptr.h"

#include <gst/gst.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <utility>

namespace mediastream {

namespace {

using Json = nlohmann::json;

/* Raised where a profile is wrong and caught in parseFakeDevices, which
 * returns it as a TypeError; the parser can then read straight down. */
struct ProfileError {
  std::string path;
  std::string message;
};

[[noreturn]] void
fail (const std::string &path, std::string message)
{
  throw ProfileError { path, std::move (message) };
}

std::string
memberPath (const std::string &path, std::string_view key)
{
  return path.empty ()? std::string (key) : path + "." + std::string (key);
}

std::string
elementPath (const std::string &path, std::size_t index)
{
  return path + "[" + std::to_string (index) + "]";
}

std::string
got (const Json & value)
{
  return std::string (", got ") + value.type_name ();
}

void
requireObject (const Json & value, const std::string &path)
{
  if (!value.is_object ())
    fail (path, "expected an object" + got (value));
}

void
rejectUnknownMembers (const Json & object, const std::string &path,
    std::initializer_list<std::string_view> known, std::string_view what)
{
  for (auto it = object.begin (); it != object.end (); ++it) {
    if (std::find (known.begin (), known.end (), it.key ()) == known.end ())
      fail (memberPath (path, it.key ()),
          "unknown member of " + std::string (what));
  }
}

const Json *
optionalMember (const Json & object, std::string_view key)
{
  auto it = object.find (key);
  return it == object.end ()? nullptr : &*it;
}

const Json &
requiredMember (const Json & object, const std::string &path,
    std::string_view key)
{
  const Json *value = optionalMember (object, key);
  if (value == nullptr)
    fail (memberPath (path, key), "missing");
  return *value;
}

std::string
stringAt (const Json & value, const std::string &path)
{
  if (!value.is_string ())
    fail (path, "expected a string" + got (value));
  const auto & text = value.get_ref < const std::string & >();
  if (text.empty ())
    fail (path, "expected a non-empty string");
  return text;
}

bool
boolAt (const Json & value, const std::string &path)
{
  if (!value.is_boolean ())
    fail (path, "expected true or false" + got (value));
  return value.get<bool> ();
}

double
numberAt (const Json & value, const std::string &path)
{
  if (!value.is_number ())
    fail (path, "expected a number" + got (value));
  return value.get<double> ();
}

int
positiveIntAt (const Json & value, const std::string &path)
{
  const double number = numberAt (value, path);
  if (number != std::floor (number) || number < 1 || number > G_MAXINT)
    fail (path, "expected a positive integer");
  return static_cast<int> (number);
}

/* A number, or {"min", "max", "step"} as in a GStreamer int range. */
IntRange
intRangeAt (const Json & value, const std::string &path)
{
  if (!value.is_object ()) {
    const int fixed = positiveIntAt (value, path);
    return { fixed, fixed, 1 };
  }
  rejectUnknownMembers (value, path, { "min", "max", "step" }, "a range");
  const int min = positiveIntAt (requiredMember (value, path, "min"),
      memberPath (path, "min"));
  const int max = positiveIntAt (requiredMember (value, path, "max"),
      memberPath (path, "max"));
  const Json *stepValue = optionalMember (value, "step");
  const int step = stepValue ?
      positiveIntAt (*stepValue, memberPath (path, "step")) : 1;
  if (min > max)
    fail (path, "min is greater than max");
  if (min == max)
    return { min, min, 1 };
  /* Kept to what caps can say, so capsForDevice describes the mode
   * exactly to the source that has to produce it. */
  if (min % step != 0 || max % step != 0)
    fail (path, "min and max must be multiples of step");
  return { min, max, step };
}

Fraction
fractionFor (double rate, const std::string &path)
{
  if (rate <= 0 || rate > G_MAXINT)
    fail (path, "expected a frame rate above 0");
  Fraction fraction;
  gst_util_double_to_fraction (rate, &fraction.num, &fraction.den);
  return fraction;
}

/* A number of frames per second, or {"min", "max"}. */
FractionRange
frameRateAt (const Json & value, const std::string &path)
{
  if (!value.is_object ()) {
    const Fraction fixed = fractionFor (numberAt (value, path), path);
    return { fixed, fixed };
  }
  rejectUnknownMembers (value, path, { "min", "max" }, "a frame rate range");
  const std::string minPath = memberPath (path, "min");
  const double min = numberAt (requiredMember (value, path, "min"), minPath);
  const std::string maxPath = memberPath (path, "max");
  const Fraction max = fractionFor (numberAt (requiredMember (value, path,
              "max"), maxPath), maxPath);
  if (min < 0)
    fail (minPath, "expected a frame rate of 0 or more");
  if (min > max.asDouble ())
    fail (path, "min is greater than max");
  return { min == 0 ? Fraction { 0, 1 } : fractionFor (min, minPath), max };
}

std::vector<std::string>
formatsAt (const Json & value, const std::string &path)
{
  if (value.is_string ())
    return { stringAt (value, path) };
  if (!value.is_array () || value.empty ())
    fail (path, "expected a format name or a non-empty list of them");
  std::vector<std::string> formats;
  for (std::size_t i = 0; i < value.size (); i++)
    formats.push_back (stringAt (value[i], elementPath (path, i)));
  return formats;
}

/* A caps string, or a list of them (one structure or a few per line reads
 * better than a single line of thirty structures). */
CapsPtr
capsAt (const Json & value, const std::string &path)
{
  std::string text;
  if (value.is_array ()) {
    if (value.empty ())
      fail (path, "expected caps or a non-empty list of caps");
    for (std::size_t i = 0; i < value.size (); i++)
      text += (i ? "; " : "") + stringAt (value[i], elementPath (path, i));
  } else {
    text = stringAt (value, path);
  }
  /* Parsing caps needs GStreamer's value types registered; a program that
   * only reads profiles may not have initialised it. */
  if (!gst_is_initialized ())
    gst_init (nullptr, nullptr);
  GstCaps *caps = gst_caps_from_string (text.c_str ());
  if (caps == nullptr)
    fail (path, "not valid caps: " + text);
  return CapsPtr (caps);
}

VideoMode
videoModeAt (const Json & value, const std::string &path)
{
  requireObject (value, path);
  rejectUnknownMembers (value, path,
      { "mediaType", "format", "width", "height", "frameRate" },
      "a video mode");
  VideoMode mode;
  mode.mediaType = "video/x-raw";
  if (const Json *type = optionalMember (value, "mediaType")) {
    const std::string typePath = memberPath (path, "mediaType");
    mode.mediaType = stringAt (*type, typePath);
    if (mode.mediaType.rfind ("video/", 0) != 0
        && mode.mediaType.rfind ("image/", 0) != 0)
      fail (typePath, "expected a video media type such as video/x-raw or "
          "image/jpeg");
  }
  if (const Json *formats = optionalMember (value, "format"))
    mode.formats = formatsAt (*formats, memberPath (path, "format"));
  mode.width = intRangeAt (requiredMember (value, path, "width"),
      memberPath (path, "width"));
  mode.height = intRangeAt (requiredMember (value, path, "height"),
      memberPath (path, "height"));
  mode.frameRate = frameRateAt (requiredMember (value, path, "frameRate"),
      memberPath (path, "frameRate"));
  return mode;
}

AudioMode
audioModeAt (const Json & value, const std::string &path)
{
  requireObject (value, path);
  rejectUnknownMembers (value, path,
      { "mediaType", "format", "sampleRate", "channels" }, "an audio mode");
  AudioMode mode;
  mode.mediaType = "audio/x-raw";
  if (const Json *type = optionalMember (value, "mediaType")) {
    const std::string typePath = memberPath (path, "mediaType");
    if (stringAt (*type, typePath) != mode.mediaType)
      fail (typePath, "microphones capture audio/x-raw");
  }
  if (const Json *formats = optionalMember (value, "format"))
    mode.formats = formatsAt (*formats, memberPath (path, "format"));
  mode.sampleRate = intRangeAt (requiredMember (value, path, "sampleRate"),
      memberPath (path, "sampleRate"));
  mode.channels = intRangeAt (requiredMember (value, path, "channels"),
      memberPath (path, "channels"));
  return mode;
}

/* The native modes of a device, from exactly one of "caps" and "modes". */
template <typename Mode>
std::vector<Mode>
modesAt (const Json & device, const std::string &path,
    std::vector<Mode> (*fromCaps) (const GstCaps *),
    Mode (*fromJson) (const Json &, const std::string &),
    const char *what)
{
  const Json *caps = optionalMember (device, "caps");
  const Json *modes = optionalMember (device, "modes");
  if ((caps == nullptr) == (modes == nullptr))
    fail (path, "expected either \"caps\" or \"modes\"");

  std::vector<Mode> result;
  if (caps != nullptr) {
    const std::string capsPath = memberPath (path, "caps");
    result = fromCaps (capsAt (*caps, capsPath).get ());
    if (result.empty ())
      fail (capsPath, std::string ("describes no ") + what);
    return result;
  }

  const std::string modesPath = memberPath (path, "modes");
  if (!modes->is_array () || modes->empty ())
    fail (modesPath, "expected a non-empty list of modes");
  for (std::size_t i = 0; i < modes->size (); i++)
    result.push_back (fromJson ((*modes)[i], elementPath (modesPath, i)));
  return result;
}

NumericControl
numericControlAt (const Json & value, const std::string &path)
{
  requireObject (value, path);
  rejectUnknownMembers (value, path, { "min", "max", "step", "value" },
      "a numeric control");
  NumericControl control;
  control.min = numberAt (requiredMember (value, path, "min"),
      memberPath (path, "min"));
  control.max = numberAt (requiredMember (value, path, "max"),
      memberPath (path, "max"));
  if (control.min > control.max)
    fail (path, "min is greater than max");
  if (const Json *step = optionalMember (value, "step")) {
    control.step = numberAt (*step, memberPath (path, "step"));
    if (control.step < 0)
      fail (memberPath (path, "step"), "expected 0 or more");
  }
  control.value = control.min;
  if (const Json *current = optionalMember (value, "value")) {
    control.value = numberAt (*current, memberPath (path, "value"));
    if (control.value < control.min || control.value > control.max)
      fail (memberPath (path, "value"), "outside min..max");
  }
  return control;
}

/* The MeteringMode enumeration of Image Capture. */
bool
isMeteringMode (const std::string &mode)
{
  return mode == "none" || mode == "manual" || mode == "single-shot"
      || mode == "continuous";
}

ModeControl
modeControlAt (const Json & value, const std::string &path)
{
  requireObject (value, path);
  rejectUnknownMembers (value, path, { "modes", "value" }, "a mode control");
  const std::string modesPath = memberPath (path, "modes");
  const Json & modes = requiredMember (value, path, "modes");
  if (!modes.is_array () || modes.empty ())
    fail (modesPath, "expected a non-empty list of modes");
  ModeControl control;
  for (std::size_t i = 0; i < modes.size (); i++) {
    const std::string modePath = elementPath (modesPath, i);
    std::string mode = stringAt (modes[i], modePath);
    if (!isMeteringMode (mode))
      fail (modePath, "expected none, manual, single-shot or continuous");
    if (std::find (control.modes.begin (), control.modes.end (), mode) !=
        control.modes.end ())
      fail (modePath, "listed twice");
    control.modes.push_back (std::move (mode));
  }
  control.value = control.modes.front ();
  if (const Json *current = optionalMember (value, "value")) {
    const std::string valuePath = memberPath (path, "value");
    control.value = stringAt (*current, valuePath);
    if (std::find (control.modes.begin (), control.modes.end (),
            control.value) == control.modes.end ())
      fail (valuePath, "not one of the modes");
  }
  return control;
}

void
controlsAt (const Json & value, const std::string &path,
    DeviceDescription & device)
{
  requireObject (value, path);
  for (auto it = value.begin (); it != value.end (); ++it) {
    const std::string controlPath = memberPath (path, it.key ());
    const std::optional<Property> property = propertyFromName (it.key ());
    /* The properties getUserMedia may select a device by are the device's
     * modes and identity, not controls. */
    if (!property || !appliesTo (*property, Kind::Video)
        || propertyInfo (*property).allowedRequiredInGetUserMedia)
      fail (controlPath, "not a camera control (controls are Image Capture "
          "properties such as zoom, focusMode or torch)");
    if (*property == Property::Torch) {
      device.torch = boolAt (*it, controlPath);
      continue;
    }
    switch (propertyInfo (*property).type) {
      case ValueType::String:
        device.modeControls[*property] = modeControlAt (*it, controlPath);
        break;
      case ValueType::Double:
      case ValueType::BooleanOrDouble:
        device.numericControls[*property] =
            numericControlAt (*it, controlPath);
        break;
      default:
        fail (controlPath, "a fake camera cannot describe this control");
    }
  }
}

LatencyRange
latencyAt (const Json & value, const std::string &path)
{
  LatencyRange latency;
  if (!value.is_object ()) {
    const double fixed = numberAt (value, path);
    if (fixed < 0)
      fail (path, "expected seconds, 0 or more");
    return { fixed, fixed, fixed };
  }
  rejectUnknownMembers (value, path, { "min", "max", "value" },
      "a latency range");
  latency.min = numberAt (requiredMember (value, path, "min"),
      memberPath (path, "min"));
  latency.max = numberAt (requiredMember (value, path, "max"),
      memberPath (path, "max"));
  if (latency.min < 0)
    fail (memberPath (path, "min"), "expected seconds, 0 or more");
  if (latency.min > latency.max)
    fail (path, "min is greater than max");
  latency.value = latency.min;
  if (const Json *current = optionalMember (value, "value")) {
    latency.value = numberAt (*current, memberPath (path, "value"));
    if (latency.value < latency.min || latency.value > latency.max)
      fail (memberPath (path, "value"), "outside min..max");
  }
  return latency;
}

AudioProcessing
processingAt (const Json & value, const std::string &path)
{
  requireObject (value, path);
  rejectUnknownMembers (value, path, { "echoCancellation", "autoGainControl",
          "noiseSuppression", "sampleRates" }, "processing");
  AudioProcessing processing;
  auto flag = [&] (const char *key, bool &out) {
    if (const Json *member = optionalMember (value, key))
      out = boolAt (*member, memberPath (path, key));
  };
  flag ("echoCancellation", processing.echoCancellation);
  flag ("autoGainControl", processing.autoGainControl);
  flag ("noiseSuppression", processing.noiseSuppression);
  if (const Json *rates = optionalMember (value, "sampleRates")) {
    const std::string ratesPath = memberPath (path, "sampleRates");
    if (!rates->is_array () || rates->empty ())
      fail (ratesPath, "expected a non-empty list of sample rates");
    processing.sampleRates.clear ();
    for (std::size_t i = 0; i < rates->size (); i++)
      processing.sampleRates.push_back (positiveIntAt ((*rates)[i],
              elementPath (ratesPath, i)));
  }
  return processing;
}

bool
isFacingMode (const std::string &mode)
{
  return mode == "user" || mode == "environment" || mode == "left"
      || mode == "right";
}

DeviceDescription
deviceAt (const Json & value, const std::string &path,
    std::string_view profileName)
{
  requireObject (value, path);
  const std::string kindPath = memberPath (path, "kind");
  const std::string kind = stringAt (requiredMember (value, path, "kind"),
      kindPath);

  DeviceDescription device;
  if (kind == "videoinput") {
    device.kind = Kind::Video;
    rejectUnknownMembers (value, path, { "kind", "label", "id", "group",
            "facingMode", "caps", "modes", "controls" }, "a videoinput device");
  } else if (kind == "audioinput") {
    device.kind = Kind::Audio;
    rejectUnknownMembers (value, path, { "kind", "label", "id", "group",
            "caps", "modes", "latency", "processing" },
        "an audioinput device");
  } else if (kind == "audiooutput") {
    fail (kindPath, "audiooutput devices are not supported: fake devices "
        "are capture devices (videoinput or audioinput)");
  } else {
    fail (kindPath, "expected \"videoinput\" or \"audioinput\"");
  }

  device.label = stringAt (requiredMember (value, path, "label"),
      memberPath (path, "label"));

  std::string idKey = device.label;
  if (const Json *id = optionalMember (value, "id"))
    idKey = stringAt (*id, memberPath (path, "id"));
  const std::string prefix = "gst-mediastream-fake:" +
      std::string (profileName) + ":";
  device.deviceId = sha256Hex (prefix + deviceKindName (device.kind) + ":" +
      idKey);
  /* Distinct prefixes keep a group key from ever naming a device's own
   * group by accident. */
  if (const Json *group = optionalMember (value, "group"))
    device.groupId = sha256Hex (prefix + "group:" +
        stringAt (*group, memberPath (path, "group")));
  else
    device.groupId = sha256Hex (prefix + "device:" +
        deviceKindName (device.kind) + ":" + idKey);

  if (device.kind == Kind::Video) {
    device.videoModes = modesAt<VideoMode> (value, path, videoModesFromCaps,
        videoModeAt, "video mode (video/x-raw, image/jpeg, ... with width, "
        "height and framerate)");
    if (const Json *facing = optionalMember (value, "facingMode")) {
      const std::string facingPath = memberPath (path, "facingMode");
      device.facingMode = stringAt (*facing, facingPath);
      if (!isFacingMode (*device.facingMode))
        fail (facingPath, "expected user, environment, left or right");
    }
    if (const Json *controls = optionalMember (value, "controls"))
      controlsAt (*controls, memberPath (path, "controls"), device);
  } else {
    device.audioModes = modesAt<AudioMode> (value, path, audioModesFromCaps,
        audioModeAt, "audio mode (interleaved audio/x-raw with rate and "
        "channels)");
    if (const Json *latency = optionalMember (value, "latency"))
      device.latency = latencyAt (*latency, memberPath (path, "latency"));
    if (const Json *processing = optionalMember (value, "processing"))
      device.processing = processingAt (*processing,
          memberPath (path, "processing"));
  }
  return device;
}

std::vector<DeviceDescription>
devicesAt (const Json & root, std::string_view profileName)
{
  if (!root.is_object ())
    fail ("", "expected an object with a \"devices\" list" + got (root));
  rejectUnknownMembers (root, "", { "devices" }, "a profile");
  const Json & list = requiredMember (root, "", "devices");
  if (!list.is_array ())
    fail ("devices", "expected a list of devices" + got (list));

  std::vector<DeviceDescription> devices;
  for (std::size_t i = 0; i < list.size (); i++) {
    const std::string path = elementPath ("devices", i);
    DeviceDescription device = deviceAt (list[i], path, profileName);
    for (std::size_t j = 0; j < devices.size (); j++) {
      if (devices[j].deviceId == device.deviceId)
        fail (path, "the same kind and id (or label) as " +
            elementPath ("devices", j) + "; give it a distinct \"id\"");
    }
    devices.push_back (std::move (device));
  }
  return devices;
}

/* nlohmann's messages start with "[json.exception.parse_error.101] ". */
std::string
withoutExceptionTag (const char *what)
{
  std::string_view message (what);
  if (!message.empty () && message.front () == '[') {
    const std::size_t end = message.find ("] ");
    if (end != std::string_view::npos)
      message.remove_prefix (end + 2);
  }
  return std::string (message);
}

}  // namespace

Result<std::vector<DeviceDescription>>
parseFakeDevices (std::string_view json, std::string_view profileName)
{
  Json root;
  try {
    root = Json::parse (json.begin (), json.end ());
  } catch (const Json::exception & e) {
    return Error { ErrorName::TypeError, "",
        "invalid JSON: " + withoutExceptionTag (e.what ()) };
  }

  try {
    return devicesAt (root, profileName);
  } catch (const ProfileError & e) {
    return Error { ErrorName::TypeError, "",
        e.path.empty ()? e.message : e.path + ": " + e.message };
  }
}

Result<std::vector<DeviceDescription>>
loadFakeDevices (std::string_view profileOrPath)
{
  if (std::optional<std::string_view> json =
      builtinFakeProfileJson (profileOrPath))
    return parseFakeDevices (*json, profileOrPath);

  const std::string path (profileOrPath);
  gchar *contents = nullptr;
  gsize length = 0;
  GError *error = nullptr;
  if (!g_file_get_contents (path.c_str (), &contents, &length, &error)) {
    GErrorPtr owned (error);
    if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
      std::string builtins;
      for (const std::string & name : builtinFakeProfiles ())
        builtins += (builtins.empty ()? "" : ", ") + name;
      return Error { ErrorName::NotFoundError, "",
          "no built-in fake device profile or file named \"" + path +
            "\" (built-in profiles: " + builtins + ")" };
    }
    return Error { ErrorName::NotReadableError, "", error->message };
  }
  GCharPtr text (contents);

  /* Ids derive from the file's name without its directory or extension,
   * so the same file keeps its ids wherever it is run from. */
  GCharPtr base (g_path_get_basename (path.c_str ()));
  std::string profileName (base.get ());
  const std::size_t dot = profileName.rfind ('.');
  if (dot != std::string::npos && dot > 0)
    profileName.erase (dot);

  auto devices = parseFakeDevices (std::string_view (text.get (), length),
      profileName);
  if (!devices) {
    Error failure = devices.error ();
    failure.message = path + ": " + failure.message;
    return failure;
  }
  return devices;
}

}  // namespace mediastream
