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

#include "media-devices.h"

#include "fake-devices.h"
#include "gst-caps.h"
#include "hardware-devices.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

namespace mediastream {

namespace {

constexpr const char *kFakeProviderName = "mediastreamfakedeviceprovider";

std::string
stringProperty (GstDevice * device, const char *name)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (device),
          name) == nullptr)
    return "";
  gchar *text = nullptr;
  g_object_get (device, name, &text, nullptr);
  GCharPtr owned (text);
  return text ? text : "";
}

/* Providers say which device is the system's default in the properties
 * (pulse, pipewire) or, for some, as a GObject property. */
bool
isDefaultDevice (GstDevice * device, const GstStructure * properties)
{
  gboolean value = FALSE;
  if (properties && gst_structure_get_boolean (properties, "is-default",
          &value))
    return value;
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (device),
      "is-default");
  if (spec && spec->value_type == G_TYPE_BOOLEAN) {
    g_object_get (device, "is-default", &value, nullptr);
    return value;
  }
  return false;
}

/* Loaded fake profiles, by name, for one enumeration. */
using FakeProfiles = std::map<std::string,
    std::optional<std::vector<DeviceDescription>>>;

struct DeviceListFree {
  void operator() (GList * list) const {
    g_list_free_full (list, gst_object_unref);
  }
};

/* The description of a fake device: the profile it came from says all the
 * caps cannot (controls, processing, latency). The position in the profile
 * orders the list. */
std::optional<std::pair<DeviceDescription, std::size_t>>
describeFake (const GstStructure * properties, FakeProfiles & profiles)
{
  const std::string profile = propertyText (properties, "mediastream.profile");
  const std::string id = propertyText (properties, "mediastream.device-id");
  auto loaded = profiles.find (profile);
  if (loaded == profiles.end ()) {
    auto devices = loadFakeDevices (profile);
    loaded = profiles.emplace (profile, devices.ok ()?
        std::optional<std::vector<DeviceDescription>> (*devices) :
        std::nullopt).first;
  }
  if (!loaded->second)
    return std::nullopt;
  const auto &devices = *loaded->second;
  for (std::size_t i = 0; i < devices.size (); i++) {
    if (devices[i].deviceId == id)
      return std::make_pair (devices[i], i);
  }
  return std::nullopt;
}

struct Described {
  MediaDevice device;
  std::size_t order = 0;      /* position in the fake profile */
  std::string idKey;          /* what the deviceId was hashed from */
};

std::optional<Described>
describe (GstDevice * gstDevice, bool fakeOnly, FakeProfiles & profiles)
{
  Described result;
  DeviceDescription &description = result.device.description;
  if (gst_device_has_classes (gstDevice, "Video/Source")) {
    description.kind = Kind::Video;
  } else if (gst_device_has_classes (gstDevice, "Audio/Source")) {
    description.kind = Kind::Audio;
  } else if (gst_device_has_classes (gstDevice, "Audio/Sink")) {
    description.kind = Kind::Audio;
    result.device.output = true;
  } else {
    return std::nullopt;
  }

  StructurePtr properties (gst_device_get_properties (gstDevice));
  /* A sound server's monitor of an output records what is played, not a
   * microphone; browsers leave them out too. */
  if (propertyText (properties.get (), "device.class") == "monitor")
    return std::nullopt;

  const bool fake = propertyText (properties.get (), "device.api") == "fake";
  if (fakeOnly != fake)
    return std::nullopt;

  result.device.device = std::shared_ptr<GstDevice> (GST_DEVICE
      (gst_object_ref (gstDevice)), ObjectUnref ());
  result.device.isDefault = isDefaultDevice (gstDevice, properties.get ());

  if (fake) {
    auto found = describeFake (properties.get (), profiles);
    if (!found)
      return std::nullopt;
    description = std::move (found->first);
    result.order = found->second;
    return result;
  }

  GCharPtr name (gst_device_get_display_name (gstDevice));
  description.label = name ? name.get () : "";
  /* An output has nothing to select: its label and ids are all. */
  if (!result.device.output && !describeFromDriver (gstDevice, description)) {
    CapsPtr caps (gst_device_get_caps (gstDevice));
    if (description.kind == Kind::Video)
      description.videoModes = videoModesFromCaps (caps.get ());
    else
      description.audioModes = audioModesFromCaps (caps.get ());
  }

  const DeviceKeys keys = deviceKeys (properties.get (),
      stringProperty (gstDevice, "internal-name"), description.label);
  result.idKey = std::string ("gst-mediastream-device:") +
      mediaDeviceKind (result.device) + ":" + keys.device;
  description.deviceId = sha256Hex (result.idKey);
  description.groupId = sha256Hex ("gst-mediastream-group:" + keys.group);
  return result;
}

/* Whether GStreamer's alsa provider is in use: there, and not hidden by a
 * provider that lists the same hardware through a sound server (pulse
 * hides it once it finds ALSA cards behind its sources). Asked after
 * probing, when the providers have said what they hide. */
bool
alsaProviderShown (GstDeviceMonitor * monitor)
{
  constexpr const char *kAlsaProvider = "alsadeviceprovider";
  GStrv names = gst_device_monitor_get_providers (monitor);
  bool present = false;
  bool hidden = false;
  for (GStrv name = names; name && *name; name++) {
    if (g_strcmp0 (*name, kAlsaProvider) == 0)
      present = true;
    ObjectPtr<GstDeviceProvider> provider
        (gst_device_provider_factory_get_by_name (*name));
    if (!provider)
      continue;
    GStrv hides = gst_device_provider_get_hidden_providers (provider.get ());
    hidden = hidden || (hides && g_strv_contains (hides, kAlsaProvider));
    g_strfreev (hides);
  }
  g_strfreev (names);
  return present && !hidden;
}

/* The ALSA PCMs GStreamer's provider does not list (the configuration's,
 * busy cards'), after the devices it found; the configuration's "default"
 * is the default microphone unless a provider names another. */
void
addExtraPcms (GstDeviceMonitor * monitor, DeviceKinds kinds, bool fakeOnly,
    std::vector<Described> &described)
{
  if (!kinds.audio || fakeOnly || !alsaProviderShown (monitor))
    return;
  bool haveDefault = false;
  std::vector<std::string> listed;
  for (const Described & d : described) {
    if (d.device.output)
      continue;
    haveDefault = haveDefault || (d.device.isDefault &&
        d.device.description.kind == Kind::Audio);
    if (auto pcm = alsaPcmOf (d.device.device.get ()))
      listed.push_back (*pcm);
  }
  for (ExtraPcm & pcm : alsaExtraPcms (listed)) {
    Described d;
    d.device.description = std::move (pcm.description);
    d.device.device = std::move (pcm.device);
    d.device.isDefault = pcm.isDefault && !haveDefault;
    d.idKey = std::move (pcm.idKey);
    described.push_back (std::move (d));
  }
}

/* enumerateDevices() order, and distinct ids for devices only known by the
 * same key (in the order they were found). */
MediaDevices
ordered (std::vector<Described> described)
{
  std::stable_sort (described.begin (), described.end (),
      [](const Described & a, const Described & b) {
        const auto rank = [](const Described & d) {
          return std::make_tuple (d.device.output,
              d.device.description.kind != Kind::Audio, !d.device.isDefault,
              d.order);
        };
        return rank (a) < rank (b);
      });
  MediaDevices devices;
  for (Described & d : described) {
    DeviceDescription &description = d.device.description;
    for (int copy = 2; std::any_of (devices.begin (), devices.end (),
            [&description] (const MediaDevice & other) {
              return other.description.deviceId == description.deviceId;
            }); copy++)
      description.deviceId = sha256Hex (d.idKey + "#" + std::to_string (copy));
    devices.push_back (std::move (d.device));
  }
  return devices;
}

/* Whether fake devices are asked for, and whether they can be had. */
Result<bool>
fakeDevicesWanted ()
{
  const gchar *env = g_getenv (kFakeDevicesEnv);
  if (env == nullptr || *env == '\0')
    return false;
  /* The provider would only log a broken profile; the caller is told. */
  auto devices = loadFakeDevices (env);
  if (!devices)
    return devices.error ();
  ObjectPtr<GstPluginFeature> factory (gst_registry_lookup_feature
      (gst_registry_get (), kFakeProviderName));
  if (!factory) {
    return Error { ErrorName::NotFoundError, "",
        std::string ("fake devices need the mediastream plugin (") +
        kFakeProviderName + "), which is not installed or not in "
        "GST_PLUGIN_PATH" };
  }
  return true;
}

ObjectPtr<GstDeviceMonitor>
newMonitor (DeviceKinds kinds)
{
  ObjectPtr<GstDeviceMonitor> monitor (gst_device_monitor_new ());
  if (kinds.video)
    gst_device_monitor_add_filter (monitor.get (), "Video/Source", nullptr);
  if (kinds.audio)
    gst_device_monitor_add_filter (monitor.get (), "Audio/Source", nullptr);
  if (kinds.audioOutput)
    gst_device_monitor_add_filter (monitor.get (), "Audio/Sink", nullptr);

  /* The fake provider says which providers it hides when it is probed, but
   * GstDeviceMonitor reads the hidden lists before it probes: a provider
   * left hiding the real ones since the variable was last set would hide
   * them from this listing too. One probe brings it up to date. */
  GStrv names = gst_device_monitor_get_providers (monitor.get ());
  if (names && g_strv_contains (names, kFakeProviderName)) {
    ObjectPtr<GstDeviceProvider> fake
        (gst_device_provider_factory_get_by_name (kFakeProviderName));
    if (fake && !gst_device_provider_is_started (fake.get ()))
      g_list_free_full (gst_device_provider_get_devices (fake.get ()),
          gst_object_unref);
  }
  g_strfreev (names);
  return monitor;
}

}  // namespace

GstElement *
MediaDevice::createSource (const char *name) const
{
  return device && !output ? gst_device_create_element (device.get (), name)
      : nullptr;
}

const char *
mediaDeviceKind (const MediaDevice & device)
{
  return device.output ? "audiooutput" :
      deviceKindName (device.description.kind);
}

std::vector<DeviceDescription>
descriptionsOf (const MediaDevices & devices)
{
  std::vector<DeviceDescription> descriptions;
  descriptions.reserve (devices.size ());
  for (const MediaDevice & device : devices) {
    if (!device.output)
      descriptions.push_back (device.description);
  }
  return descriptions;
}

Result<MediaDevices>
enumerateDevices (DeviceKinds kinds)
{
  auto fake = fakeDevicesWanted ();
  if (!fake)
    return fake.error ();
  if (!kinds.video && !kinds.audio && !kinds.audioOutput)
    return MediaDevices ();

  auto monitor = newMonitor (kinds);
  /* Without start () this probes each provider once, which is all a
   * listing needs. */
  std::unique_ptr<GList, DeviceListFree>
      list (gst_device_monitor_get_devices (monitor.get ()));
  FakeProfiles profiles;
  std::vector<Described> described;
  for (GList * l = list.get (); l != nullptr; l = l->next) {
    if (auto d = describe (GST_DEVICE (l->data), *fake, profiles))
      described.push_back (std::move (*d));
  }
  addExtraPcms (monitor.get (), kinds, *fake, described);
  return ordered (std::move (described));
}

Result<MediaDevice>
findDevice (const std::string &deviceId, Kind kind)
{
  DeviceKinds kinds;
  kinds.video = kind == Kind::Video;
  kinds.audio = kind == Kind::Audio;
  auto devices = enumerateDevices (kinds);
  if (!devices)
    return devices.error ();
  for (MediaDevice & device : *devices) {
    if (device.description.deviceId == deviceId)
      return std::move (device);
  }
  return Error { ErrorName::NotFoundError, "",
      std::string ("no ") + (kind == Kind::Video ? "camera" : "microphone") +
      " with deviceId " + deviceId + " is connected" };
}

std::optional<MediaDevice>
describeGstDevice (GstDevice * device)
{
  StructurePtr properties (gst_device_get_properties (device));
  const bool fake = propertyText (properties.get (), "device.api") == "fake";
  FakeProfiles profiles;
  auto described = describe (device, fake, profiles);
  if (!described)
    return std::nullopt;
  return std::move (described->device);
}

Result<Settings>
readCameraSettings (const MediaDevice & device)
{
  if (auto settings = readDriverSettings (device.device.get ()))
    return std::move (*settings);
  return Settings ();
}

Result<Settings>
applyCameraSettings (const MediaDevice & device, const Settings & settings)
{
  if (auto applied = applyDriverSettings (device.device.get (), settings))
    return std::move (*applied);
  /* A fake camera has controls but no image to apply them to: it takes
   * the values the engine chose within its capabilities. */
  StructurePtr properties (device.device ?
      gst_device_get_properties (device.device.get ()) : nullptr);
  const bool fake = propertyText (properties.get (), "device.api") == "fake";
  Settings taken;
  for (std::size_t i = 0; i < kPropertyCount; i++) {
    const Property property = static_cast<Property> (i);
    const auto &value = settings.get (property);
    if (!isCameraControl (property) || !value)
      continue;
    if (!fake) {
      const std::string name (propertyInfo (property).name);
      return Error { ErrorName::OverconstrainedError, name,
          "the system cannot change " + name + " of \"" +
          device.description.label + "\"" };
    }
    taken.set (property, *value);
  }
  return taken;
}

/* ---------------------------------------------------------------------- */

struct DeviceWatch::State {
  bool fake = false;
  DeviceKinds kinds;
  Callback callback;
  ObjectPtr<GstDeviceMonitor> monitor;
  /* Guards the fields below; held while the callback runs so that the
   * callbacks see the changes one at a time and in order. */
  mutable std::recursive_mutex lock;
  std::vector<std::shared_ptr<GstDevice>> present;   /* as found */
  MediaDevices devices;
  /* While starting and stopping, changes are recorded but not told. */
  bool quiet = false;

  void update ();
};

/* Describes the present devices again. */
void
DeviceWatch::State::update ()
{
  FakeProfiles profiles;
  std::vector<Described> described;
  for (const auto &device : present) {
    if (auto d = mediastream::describe (device.get (), fake, profiles))
      described.push_back (std::move (*d));
  }
  addExtraPcms (monitor.get (), kinds, fake, described);
  devices = ordered (std::move (described));
}

namespace {

GstBusSyncReply
onDeviceMessage (GstBus * bus, GstMessage * message, gpointer data)
{
  (void) bus;
  /* A sync handler that drops a message owns it. */
  std::unique_ptr<GstMessage, MessageUnref> owner (message);
  DeviceWatch::State *state =
      static_cast<std::shared_ptr<DeviceWatch::State> *> (data)->get ();
  GstDevice *device = nullptr;
  GstDevice *changed = nullptr;
  switch (GST_MESSAGE_TYPE (message)) {
    case GST_MESSAGE_DEVICE_ADDED:
      gst_message_parse_device_added (message, &device);
      break;
    case GST_MESSAGE_DEVICE_REMOVED:
      gst_message_parse_device_removed (message, &device);
      break;
    case GST_MESSAGE_DEVICE_CHANGED:
      gst_message_parse_device_changed (message, &device, &changed);
      break;
    default:
      return GST_BUS_DROP;
  }
  ObjectPtr<GstDevice> owned (device);
  ObjectPtr<GstDevice> ownedChanged (changed);

  std::lock_guard<std::recursive_mutex> guard (state->lock);
  auto &present = state->present;
  auto same = [] (GstDevice * d) {
    return [d] (const std::shared_ptr<GstDevice> &p) { return p.get () == d; };
  };
  switch (GST_MESSAGE_TYPE (message)) {
    case GST_MESSAGE_DEVICE_ADDED:
      if (std::none_of (present.begin (), present.end (), same (device)))
        present.emplace_back (GST_DEVICE (gst_object_ref (device)),
            ObjectUnref ());
      break;
    case GST_MESSAGE_DEVICE_REMOVED:
      present.erase (std::remove_if (present.begin (), present.end (),
              same (device)), present.end ());
      break;
    default:{
      /* The new device takes the place of the one it replaces. */
      auto it = std::find_if (present.begin (), present.end (),
          same (changed));
      std::shared_ptr<GstDevice> replacement (GST_DEVICE (gst_object_ref
              (device)), ObjectUnref ());
      if (it != present.end ())
        *it = replacement;
      else
        present.push_back (replacement);
      break;
    }
  }
  if (state->quiet)
    return GST_BUS_DROP;
  state->update ();
  state->callback (state->devices);
  return GST_BUS_DROP;
}

void
releaseState (gpointer data)
{
  delete static_cast<std::shared_ptr<DeviceWatch::State> *> (data);
}

}  // namespace

DeviceWatch::DeviceWatch (std::shared_ptr<State> state)
  : state_ (std::move (state))
{
}

Result<std::unique_ptr<DeviceWatch>>
DeviceWatch::start (DeviceKinds kinds, Callback callback)
{
  auto fake = fakeDevicesWanted ();
  if (!fake)
    return fake.error ();

  auto state = std::make_shared<State> ();
  state->fake = *fake;
  state->kinds = kinds;
  state->callback = std::move (callback);
  state->monitor = newMonitor (kinds);
  ObjectPtr<GstBus> bus (gst_device_monitor_get_bus (state->monitor.get ()));
  /* Started providers post from their own threads, or from whoever changes
   * them; a sync handler sees every message without a main loop. It keeps
   * the state alive while it runs; removing it (below and in the
   * destructor) breaks the cycle state -> monitor -> bus -> handler. */
  gst_bus_set_sync_handler (bus.get (), onDeviceMessage,
      new std::shared_ptr<State> (state), releaseState);

  /* The devices present at start are the initial list, not a change:
   * their DEVICE_ADDED messages are not told. */
  {
    std::lock_guard<std::recursive_mutex> guard (state->lock);
    state->quiet = true;
  }
  if ((kinds.video || kinds.audio || kinds.audioOutput) &&
      !gst_device_monitor_start (state->monitor.get ())) {
    /* No provider for the kinds at all is an empty list, not an error. */
    GStrv providers = gst_device_monitor_get_providers (state->monitor.get ());
    const bool none = providers == nullptr || *providers == nullptr;
    g_strfreev (providers);
    if (!none) {
      gst_bus_set_sync_handler (bus.get (), nullptr, nullptr, nullptr);
      return Error { ErrorName::NotReadableError, "",
          "the device monitor could not be started" };
    }
  }
  {
    std::lock_guard<std::recursive_mutex> guard (state->lock);
    std::unique_ptr<GList, DeviceListFree>
        list (gst_device_monitor_get_devices (state->monitor.get ()));
    state->present.clear ();
    for (GList * l = list.get (); l != nullptr; l = l->next)
      state->present.emplace_back (GST_DEVICE (gst_object_ref (l->data)),
          ObjectUnref ());
    state->quiet = false;
    state->update ();
  }
  return std::unique_ptr<DeviceWatch> (new DeviceWatch (std::move (state)));
}

DeviceWatch::~DeviceWatch ()
{
  {
    std::lock_guard<std::recursive_mutex> guard (state_->lock);
    state_->quiet = true;
  }
  gst_device_monitor_stop (state_->monitor.get ());
  ObjectPtr<GstBus> bus (gst_device_monitor_get_bus (state_->monitor.get ()));
  gst_bus_set_sync_handler (bus.get (), nullptr, nullptr, nullptr);
}

MediaDevices
DeviceWatch::devices () const
{
  std::lock_guard<std::recursive_mutex> guard (state_->lock);
  return state_->devices;
}

}  // namespace mediastream
