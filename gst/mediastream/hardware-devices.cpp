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

#include "hardware-devices.h"

#include "alsa-pcm-device.h"
#include "device-keys.h"
#include "gst-caps.h"

#ifdef HAVE_MEDIASTREAM_V4L2
#include "v4l2-camera.h"
#endif
#ifdef HAVE_MEDIASTREAM_ALSA
#include "alsa-microphone.h"
#endif

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <mutex>

namespace mediastream {

namespace {

std::string
internalName (GstDevice * device)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (device),
          "internal-name") == nullptr)
    return "";
  gchar *text = nullptr;
  g_object_get (device, "internal-name", &text, nullptr);
  GCharPtr owned (text);
  return text ? text : "";
}

Presence
presenceOfErrno (int err)
{
  switch (err) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
    case ENOTDIR:
      return Presence::Gone;
    case EBUSY:
      return Presence::Busy;
    case EACCES:
    case EPERM:
      return Presence::Denied;
    default:
      return Presence::Present;
  }
}

/* Opening a V4L2 node never takes it from another opener (V4L2 allows many
 * at once); a node whose driver has let go of the device answers ENODEV. */
Presence
probeNode (const std::string &path)
{
  const int fd = open (path.c_str (), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return presenceOfErrno (errno);
  close (fd);
  return Presence::Present;
}

#ifdef HAVE_MEDIASTREAM_ALSA
/* The card each PCM was last seen to open, for this process: `card` when
 * known now (remembered), else the remembered one. */
std::optional<int>
rememberedCard (const std::string &pcm, std::optional<int> card)
{
  static std::mutex lock;
  static std::map<std::string, int> cards;
  std::lock_guard<std::mutex> guard (lock);
  if (card) {
    cards[pcm] = *card;
    return card;
  }
  auto it = cards.find (pcm);
  return it == cards.end ()? std::nullopt : std::optional<int> (it->second);
}

/* What alsasrc's pad template offers: the modes of a PCM that cannot be
 * opened to ask (busy). */
std::vector<AudioMode>
alsasrcTemplateModes ()
{
  ObjectPtr<GstElementFactory> factory (gst_element_factory_find ("alsasrc"));
  if (!factory)
    return {};
  for (const GList * l = gst_element_factory_get_static_pad_templates
      (factory.get ()); l; l = l->next) {
    auto *templ = static_cast<GstStaticPadTemplate *> (l->data);
    if (templ->direction != GST_PAD_SRC)
      continue;
    CapsPtr caps (gst_static_pad_template_get_caps (templ));
    return audioModesFromCaps (caps.get ());
  }
  return {};
}
#endif

}  // namespace

std::optional<std::string>
v4l2NodeOf (GstDevice * device)
{
  StructurePtr properties (gst_device_get_properties (device));
  if (propertyText (properties.get (), "device.api") != "v4l2" ||
      !propertyText (properties.get (), "node.name").empty ())
    return std::nullopt;
  const std::string path = propertyText (properties.get (), "device.path");
  if (path.empty ())
    return std::nullopt;
  return path;
}

std::optional<std::string>
alsaPcmOf (GstDevice * device)
{
  StructurePtr properties (gst_device_get_properties (device));
  if (propertyText (properties.get (), "device.api") != "alsa")
    return std::nullopt;
  const std::string configured = propertyText (properties.get (),
      kAlsaPcmProperty);
  if (!configured.empty ())
    return configured;
  const std::string name = internalName (device);
  if (!parseHwName (name))
    return std::nullopt;
  return name;
}

std::vector<AudioMode>
alsasrcModes (const std::vector<AudioMode> &modes)
{
  /* The counts alsasrc has channel positions for; 5 and 7 and above 8 it
   * does not negotiate. */
  const IntRange openable[] = { {1, 4, 1}, {6, 6, 1}, {8, 8, 1} };
  std::vector<AudioMode> result;
  for (const AudioMode & mode : modes) {
    for (const IntRange & counts : openable) {
      const int min = std::max (mode.channels.min, counts.min);
      const int max = std::min (mode.channels.max, counts.max);
      if (min > max)
        continue;
      AudioMode part = mode;
      part.channels = { min, max, 1 };
      result.push_back (std::move (part));
    }
  }
  return result;
}

bool
describeFromDriver (GstDevice * device, DeviceDescription & description)
{
#ifdef HAVE_MEDIASTREAM_V4L2
  if (const std::optional<std::string> node = v4l2NodeOf (device)) {
    auto camera = v4l2::describeDevice (*node);
    if (!camera || camera->videoModes.empty ())
      return false;
    description.videoModes = std::move (camera->videoModes);
    description.facingMode = std::move (camera->facingMode);
    description.numericControls = std::move (camera->numericControls);
    description.modeControls = std::move (camera->modeControls);
    description.torch = camera->torch;
    return true;
  }
#endif
#ifdef HAVE_MEDIASTREAM_ALSA
  if (const std::optional<std::string> pcm = alsaPcmOf (device)) {
    auto mic = alsa::describe (*pcm);
    if (!mic)
      return false;
    std::vector<AudioMode> modes = alsasrcModes (mic->description.audioModes);
    if (modes.empty ())
      return false;
    description.audioModes = std::move (modes);
    description.latency = mic->description.latency;
    return true;
  }
#endif
  (void) device;
  (void) description;
  return false;
}

std::vector<ExtraPcm>
alsaExtraPcms (const std::vector<std::string> &listed)
{
  std::vector<ExtraPcm> result;
#ifdef HAVE_MEDIASTREAM_ALSA
  ObjectPtr<GstElementFactory> alsasrc (gst_element_factory_find ("alsasrc"));
  if (!alsasrc)
    return result;
  for (const alsa::CapturePcm & pcm : alsa::listCapturePcms ()) {
    ExtraPcm entry;
    DeviceDescription &description = entry.description;
    description.kind = Kind::Audio;
    std::string name = pcm.name;
    std::string label = pcm.label;
    std::optional<int> card;
    if (pcm.card >= 0 && pcm.device >= 0) {
      /* A card's PCM: under the provider's name, when it left it out. */
      name = "hw:" + std::to_string (pcm.card) + "," +
          std::to_string (pcm.device);
      if (std::find (listed.begin (), listed.end (), name) != listed.end ())
        continue;
      label = alsa::cardLongName (pcm.card);
      card = pcm.card;
    } else if (pcm.name.rfind ("hw:", 0) == 0) {
      continue;
    }

    auto mic = alsa::describe (name);
    if (mic) {
      description.audioModes = alsasrcModes (mic->description.audioModes);
      description.latency = mic->description.latency;
      if (mic->card >= 0)
        card = mic->card;
    } else if (mic.error ().name == ErrorName::NotFoundError) {
      continue;
    } else {
      description.audioModes = alsasrcModes (alsasrcTemplateModes ());
    }
    if (description.audioModes.empty ())
      continue;
    /* While busy, a PCM cannot tell the card it opens; the last answer
     * keeps its group. */
    card = rememberedCard (name, card);
    description.label = label.empty ()? name : label;

    CapsPtr caps (capsForDevice (description));
    entry.device = std::shared_ptr<GstDevice> (GST_DEVICE (gst_object_ref_sink
            (newAlsaPcmDevice (name, description.label, pcm.description,
                    caps.get (), card))), ObjectUnref ());
    StructurePtr properties (gst_device_get_properties (entry.device.get ()));
    const DeviceKeys keys = deviceKeys (properties.get (), "",
        description.label);
    entry.idKey = "gst-mediastream-device:audioinput:" + keys.device;
    description.deviceId = sha256Hex (entry.idKey);
    description.groupId = sha256Hex ("gst-mediastream-group:" + keys.group);
    entry.isDefault = name == "default";
    result.push_back (std::move (entry));
  }
#else
  (void) listed;
#endif
  return result;
}

Presence
probePresence (GstDevice * device)
{
  if (const std::optional<std::string> node = v4l2NodeOf (device))
    return probeNode (*node);
#ifdef HAVE_MEDIASTREAM_ALSA
  if (const std::optional<std::string> pcm = alsaPcmOf (device)) {
    const int err = alsa::tryOpen (*pcm);
    return err == 0 ? Presence::Present : presenceOfErrno (-err);
  }
#endif
  return Presence::Unknown;
}

std::optional<Result<Settings>>
readDriverSettings (GstDevice * device)
{
#ifdef HAVE_MEDIASTREAM_V4L2
  if (const std::optional<std::string> node = v4l2NodeOf (device))
    return v4l2::readSettings (*node);
#endif
  (void) device;
  return std::nullopt;
}

std::optional<Result<Settings>>
applyDriverSettings (GstDevice * device, const Settings & settings)
{
#ifdef HAVE_MEDIASTREAM_V4L2
  if (const std::optional<std::string> node = v4l2NodeOf (device))
    return v4l2::applySettings (*node, settings);
#endif
  (void) device;
  (void) settings;
  return std::nullopt;
}

}  // namespace mediastream
