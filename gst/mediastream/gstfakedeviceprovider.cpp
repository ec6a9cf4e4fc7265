/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/**
 * SECTION:provider-mediastreamfakedeviceprovider
 * @title: mediastreamfakedeviceprovider
 * @see_also: mediastreamfakesrc, #GstDeviceMonitor
 *
 * The fake cameras and microphones of `GST_MEDIASTREAM_FAKE_DEVICES` (a
 * built-in profile name or a JSON profile file), as #GstDevice objects, like
 * a browser's `--use-fake-device-for-media-stream`. Unset, the provider
 * lists nothing. Set, it hides every other device provider, so a
 * #GstDeviceMonitor sees only the fake devices.
 *
 * Each device has the label as display name, the device class
 * `Video/Source` or `Audio/Source`, the caps of every native mode, and
 * these properties: `device.api` = `fake`, `mediastream.profile`,
 * `mediastream.device-id`, `mediastream.group-id`, `mediastream.kind`
 * (`videoinput` or `audioinput`), `mediastream.facing-mode` for cameras
 * that have one, and `is-default` (the first device of each kind).
 * gst_device_create_element() makes a #GstMediaStreamFakeSrc.
 *
 * Hot-plug: setting #GstMediaStreamFakeDeviceProvider:profile while the
 * provider is started re-reads the profile and posts DEVICE_REMOVED and
 * DEVICE_ADDED for what changed (a device whose modes or label changed is
 * removed and added again). While a started #GstDeviceMonitor holds the
 * provider, gst_device_provider_factory_get_by_name() returns that same
 * instance, so a test or a demo can change the devices the monitor sees.
 *
 * Since: 0.1
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstfakedeviceprovider.h"

#include "fake-devices.h"
#include "gst-caps.h"
#include "gst-ptr.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

GST_DEBUG_CATEGORY_STATIC (gst_media_stream_fake_device_provider_debug);
#define GST_CAT_DEFAULT gst_media_stream_fake_device_provider_debug

using namespace mediastream;

enum
{
  PROP_0,
  PROP_PROFILE,
};

/* ---------------------------------------------------------------------- */
/* The devices */

struct _GstMediaStreamFakeDevice
{
  GstDevice parent;
};

G_DEFINE_TYPE (GstMediaStreamFakeDevice, gst_media_stream_fake_device,
    GST_TYPE_DEVICE);

static void
gst_media_stream_fake_device_init (GstMediaStreamFakeDevice * self)
{
  (void) self;
}

/* The source is told the profile and the id, and finds the same
 * description the device was made from. */
static GstElement *
gst_media_stream_fake_device_create_element (GstDevice * device,
    const gchar * name)
{
  StructurePtr properties (gst_device_get_properties (device));
  GstElement *element = gst_element_factory_make ("mediastreamfakesrc", name);
  if (!element || !properties)
    return element;
  g_object_set (element,
      "profile", gst_structure_get_string (properties.get (),
          "mediastream.profile"),
      "device-id", gst_structure_get_string (properties.get (),
          "mediastream.device-id"), nullptr);
  return element;
}

static gboolean
gst_media_stream_fake_device_reconfigure_element (GstDevice * device,
    GstElement * element)
{
  if (!GST_IS_ELEMENT (element) || g_strcmp0 (GST_OBJECT_NAME
          (gst_element_get_factory (element)), "mediastreamfakesrc") != 0)
    return FALSE;
  StructurePtr properties (gst_device_get_properties (device));
  g_object_set (element,
      "profile", gst_structure_get_string (properties.get (),
          "mediastream.profile"),
      "device-id", gst_structure_get_string (properties.get (),
          "mediastream.device-id"), nullptr);
  return TRUE;
}

static void
gst_media_stream_fake_device_class_init (GstMediaStreamFakeDeviceClass * klass)
{
  GstDeviceClass *device_class = GST_DEVICE_CLASS (klass);
  device_class->create_element = gst_media_stream_fake_device_create_element;
  device_class->reconfigure_element =
      gst_media_stream_fake_device_reconfigure_element;
}

namespace {

GstDevice *
newDevice (const DeviceDescription & description, const std::string &profile,
    bool isDefault)
{
  const bool video = description.kind == Kind::Video;
  CapsPtr caps (capsForDevice (description));
  StructurePtr properties (gst_structure_new ("mediastream-fake-device",
          "device.api", G_TYPE_STRING, "fake",
          "mediastream.profile", G_TYPE_STRING, profile.c_str (),
          "mediastream.device-id", G_TYPE_STRING,
          description.deviceId.c_str (),
          "mediastream.group-id", G_TYPE_STRING, description.groupId.c_str (),
          "mediastream.kind", G_TYPE_STRING,
          video ? "videoinput" : "audioinput",
          "is-default", G_TYPE_BOOLEAN, isDefault, nullptr));
  if (description.facingMode)
    gst_structure_set (properties.get (), "mediastream.facing-mode",
        G_TYPE_STRING, description.facingMode->c_str (), nullptr);
  return GST_DEVICE (g_object_new (GST_TYPE_MEDIA_STREAM_FAKE_DEVICE,
          "display-name", description.label.c_str (),
          "device-class", video ? "Video/Source" : "Audio/Source",
          "caps", caps.get (), "properties", properties.get (), nullptr));
}

/* Two devices are the same when nothing a monitor shows differs. */
bool
sameDevice (GstDevice * a, GstDevice * b)
{
  GCharPtr nameA (gst_device_get_display_name (a));
  GCharPtr nameB (gst_device_get_display_name (b));
  CapsPtr capsA (gst_device_get_caps (a));
  CapsPtr capsB (gst_device_get_caps (b));
  StructurePtr propsA (gst_device_get_properties (a));
  StructurePtr propsB (gst_device_get_properties (b));
  return g_strcmp0 (nameA.get (), nameB.get ()) == 0
      && gst_caps_is_strictly_equal (capsA.get (), capsB.get ())
      && gst_structure_is_equal (propsA.get (), propsB.get ());
}

struct DeviceListFree {
  void operator() (GList * list) const {
    g_list_free_full (list, gst_object_unref);
  }
};
using DeviceList = std::unique_ptr < GList, DeviceListFree >;

}  // namespace

/* ---------------------------------------------------------------------- */
/* The provider */

/* *INDENT-OFF* */
struct GstMediaStreamFakeDeviceProviderPrivate {
  std::mutex lock;
  std::optional<std::string> profile;   /* unset: the environment's */
  bool hidOthers = false;
};
/* *INDENT-ON* */

struct _GstMediaStreamFakeDeviceProvider
{
  GstDeviceProvider parent;
  GstMediaStreamFakeDeviceProviderPrivate *priv;
};

#define gst_media_stream_fake_device_provider_parent_class parent_class
G_DEFINE_TYPE (GstMediaStreamFakeDeviceProvider,
    gst_media_stream_fake_device_provider, GST_TYPE_DEVICE_PROVIDER);

/* PipeWire's provider has rank PRIMARY + 1 and a monitor asks providers in
 * rank order; the fake one must come first so that the providers it hides
 * are hidden before they are probed. */
GST_DEVICE_PROVIDER_REGISTER_DEFINE (mediastreamfakedeviceprovider,
    "mediastreamfakedeviceprovider", GST_RANK_PRIMARY + 10,
    GST_TYPE_MEDIA_STREAM_FAKE_DEVICE_PROVIDER);

static std::string
gst_media_stream_fake_device_provider_current_profile
    (GstMediaStreamFakeDeviceProvider * self)
{
  std::lock_guard < std::mutex > guard (self->priv->lock);
  if (self->priv->profile)
    return *self->priv->profile;
  const gchar *env = g_getenv (kFakeDevicesEnv);
  return env ? env : "";
}

/* With fake devices on, the real ones are not listed (a browser's fake
 * device flag replaces the cameras too); hiding is how a provider says so
 * to GstDeviceMonitor, as pulse does for alsa. With them off again (the
 * variable unset while this provider lives), the real ones come back. */
static void
gst_media_stream_fake_device_provider_hide_others
    (GstMediaStreamFakeDeviceProvider * self, bool hide)
{
  {
    std::lock_guard < std::mutex > guard (self->priv->lock);
    if (self->priv->hidOthers == hide)
      return;
    self->priv->hidOthers = hide;
  }
  GstDeviceProvider *provider = GST_DEVICE_PROVIDER (self);
  if (!hide) {
    GStrv hidden = gst_device_provider_get_hidden_providers (provider);
    for (GStrv name = hidden; name && *name; name++)
      gst_device_provider_unhide_provider (provider, *name);
    g_strfreev (hidden);
    return;
  }
  GList *factories =
      gst_device_provider_factory_list_get_device_providers (GST_RANK_NONE);
  for (GList * l = factories; l; l = l->next) {
    const gchar *name = GST_OBJECT_NAME (l->data);
    if (g_strcmp0 (name, "mediastreamfakedeviceprovider") != 0)
      gst_device_provider_hide_provider (provider, name);
  }
  gst_plugin_feature_list_free (factories);
}

static GList *
gst_media_stream_fake_device_provider_probe (GstDeviceProvider * provider)
{
  GstMediaStreamFakeDeviceProvider *self =
      GST_MEDIA_STREAM_FAKE_DEVICE_PROVIDER (provider);
  const std::string profile =
      gst_media_stream_fake_device_provider_current_profile (self);
  gst_media_stream_fake_device_provider_hide_others (self, !profile.empty ());
  if (profile.empty ())
    return nullptr;

  auto devices = loadFakeDevices (profile);
  if (!devices) {
    GST_WARNING_OBJECT (self, "fake devices \"%s\": %s", profile.c_str (),
        devices.error ().message.c_str ());
    return nullptr;
  }
  GList *list = nullptr;
  bool seenVideo = false, seenAudio = false;
  for (const DeviceDescription & device : *devices) {
    bool &seen = device.kind == Kind::Video ? seenVideo : seenAudio;
    list = g_list_append (list, gst_object_ref_sink (newDevice (device,
                profile, !seen)));
    seen = true;
  }
  return list;
}

/* Brings the started provider's devices in line with a fresh probe. */
static void
gst_media_stream_fake_device_provider_update (GstDeviceProvider * provider)
{
  DeviceList fresh (gst_media_stream_fake_device_provider_probe (provider));
  DeviceList current (gst_device_provider_get_devices (provider));

  for (GList * c = current.get (); c; c = c->next) {
    bool kept = false;
    for (GList * f = fresh.get (); f && !kept; f = f->next)
      kept = sameDevice (GST_DEVICE (c->data), GST_DEVICE (f->data));
    if (!kept)
      gst_device_provider_device_remove (provider, GST_DEVICE (c->data));
  }
  for (GList * f = fresh.get (); f; f = f->next) {
    bool known = false;
    for (GList * c = current.get (); c && !known; c = c->next)
      known = sameDevice (GST_DEVICE (c->data), GST_DEVICE (f->data));
    if (!known)
      gst_device_provider_device_add (provider, GST_DEVICE (f->data));
  }
}

static gboolean
gst_media_stream_fake_device_provider_start (GstDeviceProvider * provider)
{
  DeviceList devices (gst_media_stream_fake_device_provider_probe (provider));
  for (GList * l = devices.get (); l; l = l->next)
    gst_device_provider_device_add (provider, GST_DEVICE (l->data));
  return TRUE;
}

static void
gst_media_stream_fake_device_provider_stop (GstDeviceProvider * provider)
{
  /* The base class drops the devices; nothing runs in the background. */
  (void) provider;
}

static void
gst_media_stream_fake_device_provider_init (GstMediaStreamFakeDeviceProvider *
    self)
{
  self->priv = new GstMediaStreamFakeDeviceProviderPrivate ();
  /* A monitor reads the hidden providers right after probing this one, but
   * a started monitor before: hide now when the environment asks for fake
   * devices. */
  const gchar *env = g_getenv (kFakeDevicesEnv);
  if (env && *env)
    gst_media_stream_fake_device_provider_hide_others (self, true);
}

static void
gst_media_stream_fake_device_provider_finalize (GObject * object)
{
  /* GStreamer 1.22 does not free the hidden providers' list with the
   * provider; unhiding does. */
  gst_media_stream_fake_device_provider_hide_others
      (GST_MEDIA_STREAM_FAKE_DEVICE_PROVIDER (object), false);
  delete GST_MEDIA_STREAM_FAKE_DEVICE_PROVIDER (object)->priv;
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_media_stream_fake_device_provider_set_property (GObject * object,
    guint prop_id, const GValue * value, GParamSpec * pspec)
{
  GstMediaStreamFakeDeviceProvider *self =
      GST_MEDIA_STREAM_FAKE_DEVICE_PROVIDER (object);
  switch (prop_id) {
    case PROP_PROFILE:{
      const gchar *profile = g_value_get_string (value);
      {
        std::lock_guard < std::mutex > guard (self->priv->lock);
        if (profile)
          self->priv->profile = profile;
        else
          self->priv->profile.reset ();
      }
      if (gst_device_provider_is_started (GST_DEVICE_PROVIDER (self)))
        gst_media_stream_fake_device_provider_update (GST_DEVICE_PROVIDER
            (self));
      break;
    }
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_media_stream_fake_device_provider_get_property (GObject * object,
    guint prop_id, GValue * value, GParamSpec * pspec)
{
  GstMediaStreamFakeDeviceProvider *self =
      GST_MEDIA_STREAM_FAKE_DEVICE_PROVIDER (object);
  switch (prop_id) {
    case PROP_PROFILE:{
      std::lock_guard < std::mutex > guard (self->priv->lock);
      g_value_set_string (value, self->priv->profile ?
          self->priv->profile->c_str () : nullptr);
      break;
    }
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
    gst_media_stream_fake_device_provider_class_init
    (GstMediaStreamFakeDeviceProviderClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstDeviceProviderClass *provider_class = GST_DEVICE_PROVIDER_CLASS (klass);

  gobject_class->finalize = gst_media_stream_fake_device_provider_finalize;
  gobject_class->set_property =
      gst_media_stream_fake_device_provider_set_property;
  gobject_class->get_property =
      gst_media_stream_fake_device_provider_get_property;

  /**
   * GstMediaStreamFakeDeviceProvider:profile:
   *
   * The fake device profile (a built-in name or a JSON file). Unset, the
   * value of `GST_MEDIASTREAM_FAKE_DEVICES` at each probe; empty, no
   * devices. Setting it while started re-reads the profile and posts what
   * was added and removed (a hot-plug).
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_PROFILE,
      g_param_spec_string ("profile", "Profile",
          "Fake device profile name or JSON file (default: "
          "GST_MEDIASTREAM_FAKE_DEVICES)", nullptr,
          static_cast < GParamFlags > (G_PARAM_READWRITE |
              G_PARAM_STATIC_STRINGS)));

  provider_class->probe = gst_media_stream_fake_device_provider_probe;
  provider_class->start = gst_media_stream_fake_device_provider_start;
  provider_class->stop = gst_media_stream_fake_device_provider_stop;

  gst_device_provider_class_set_static_metadata (provider_class,
      "Fake media device provider", "Source/Video/Audio",
      "The fake cameras and microphones of GST_MEDIASTREAM_FAKE_DEVICES",
      "gst-mediastream contributors");

  GST_DEBUG_CATEGORY_INIT (gst_media_stream_fake_device_provider_debug,
      "mediastreamfakedeviceprovider", 0, "Fake media device provider");
}
