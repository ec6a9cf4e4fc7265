/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-mediastreamfakesrc
 * @title: mediastreamfakesrc
 * @see_also: videotestsrc, audiotestsrc, jpegenc
 *
 * A live source that behaves like one fake camera or microphone of a fake
 * device profile (see `GST_MEDIASTREAM_FAKE_DEVICES`): its source pad offers
 * exactly the device's native modes and nothing else, and produces whichever
 * of them downstream picks. It is what the fake device provider's devices
 * create, as `v4l2src` is for a v4l2 device.
 *
 * Inside it is `videotestsrc is-live=true` (or `audiotestsrc is-live=true`)
 * followed by a capsfilter restricted to the device's raw modes. When
 * downstream picks an `image/jpeg` mode the chain becomes `videotestsrc !
 * capsfilter (the JPEG modes' sizes and rates, raw) ! jpegenc`, so the JPEG
 * really is a JPEG of that size. The choice between the raw and the JPEG
 * chain is made when going to PAUSED, from what downstream accepts; from
 * then until READY the pad offers the modes of that chain only (as a camera
 * streams in one format), and within them the test source renegotiates as
 * usual.
 *
 * ## Example pipelines
 * |[
 * GST_MEDIASTREAM_FAKE_DEVICES=laptop gst-launch-1.0 mediastreamfakesrc ! image/jpeg,width=1280 ! jpegdec ! autovideosink
 * ]| The laptop profile's camera in its 720p MJPEG mode.
 * |[
 * gst-launch-1.0 mediastreamfakesrc profile=chromium ! fakesink
 * ]| The first device of the chromium profile (its camera).
 *
 * Since: 0.1
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstfakesrc.h"

#include "fake-devices.h"
#include "gst-caps.h"
#include "gst-ptr.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

GST_DEBUG_CATEGORY_STATIC (gst_media_stream_fake_src_debug);
#define GST_CAT_DEFAULT gst_media_stream_fake_src_debug

using namespace mediastream;

enum
{
  PROP_0,
  PROP_PROFILE,
  PROP_DEVICE_ID,
};

/* The profile used when neither the property nor the environment names
 * one, so that the element works alone (gst-launch, the states test). */
#define DEFAULT_PROFILE "chromium"

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS,
    GST_STATIC_CAPS ("video/x-raw; image/jpeg; audio/x-raw"));

/* *INDENT-OFF* */
struct GstMediaStreamFakeSrcPrivate {
  /* Guards the fields below; never held across pad or state operations. */
  std::mutex lock;
  std::optional<std::string> profile;   /* unset: the environment's */
  std::string deviceId;                 /* empty: the profile's first */
  std::optional<DeviceDescription> device;
  CapsPtr deviceCaps;                   /* capsForDevice (*device) */
  /* From PAUSED on: the device's modes the chosen chain makes (all raw
   * ones, or all JPEG ones). */
  CapsPtr activeCaps;

  GstElement *source = nullptr;         /* owned by the bin */
  GstElement *filter = nullptr;         /* owned by the bin */
  GstElement *encoder = nullptr;        /* owned by the bin, JPEG only */
  GstPad *srcpad = nullptr;             /* owned by the element */
};
/* *INDENT-ON* */

struct _GstMediaStreamFakeSrc
{
  GstBin parent;
  GstMediaStreamFakeSrcPrivate *priv;
};

#define gst_media_stream_fake_src_parent_class parent_class
G_DEFINE_TYPE (GstMediaStreamFakeSrc, gst_media_stream_fake_src, GST_TYPE_BIN);

GST_ELEMENT_REGISTER_DEFINE (mediastreamfakesrc, "mediastreamfakesrc",
    GST_RANK_NONE, GST_TYPE_MEDIA_STREAM_FAKE_SRC);

namespace {

std::string
profileOf (const std::optional<std::string> &profile)
{
  if (profile)
    return *profile;
  const gchar *env = g_getenv (kFakeDevicesEnv);
  return env != nullptr && *env != '\0' ? env : DEFAULT_PROFILE;
}

/* The structures of `caps` with the given media type. */
CapsPtr
structuresNamed (const GstCaps * caps, const char *mediaType)
{
  CapsPtr result (gst_caps_new_empty ());
  for (guint i = 0; i < gst_caps_get_size (caps); i++) {
    const GstStructure *s = gst_caps_get_structure (caps, i);
    if (gst_structure_has_name (s, mediaType))
      gst_caps_append_structure (result.get (), gst_structure_copy (s));
  }
  return result;
}

/* The raw frames jpegenc turns into the device's JPEG modes: the same
 * sizes and rates, in a format every jpegenc takes. */
CapsPtr
rawForJpeg (const GstCaps * jpegCaps)
{
  CapsPtr result (gst_caps_copy (jpegCaps));
  for (guint i = 0; i < gst_caps_get_size (result.get ()); i++) {
    GstStructure *s = gst_caps_get_structure (result.get (), i);
    gst_structure_set_name (s, "video/x-raw");
    gst_structure_set (s, "format", G_TYPE_STRING, "I420", nullptr);
  }
  return result;
}

}  // namespace

/* The source pad speaks for the device: its modes, whatever the test source
 * inside could also do. */
static gboolean
gst_media_stream_fake_src_src_query (GstPad * pad, GstObject * parent,
    GstQuery * query)
{
  GstMediaStreamFakeSrc *self = GST_MEDIA_STREAM_FAKE_SRC (parent);
  GstMediaStreamFakeSrcPrivate *priv = self->priv;

  switch (GST_QUERY_TYPE (query)) {
    case GST_QUERY_CAPS:{
      CapsPtr caps;
      {
        std::lock_guard < std::mutex > guard (priv->lock);
        GstCaps *offered = priv->activeCaps ? priv->activeCaps.get () :
            priv->deviceCaps.get ();
        if (offered)
          caps.reset (gst_caps_ref (offered));
      }
      if (!caps)
        caps.reset (gst_pad_get_pad_template_caps (pad));
      GstCaps *filter = nullptr;
      gst_query_parse_caps (query, &filter);
      if (filter)
        caps.reset (gst_caps_intersect_full (filter, caps.get (),
                GST_CAPS_INTERSECT_FIRST));
      gst_query_set_caps_result (query, caps.get ());
      return TRUE;
    }
    case GST_QUERY_ACCEPT_CAPS:{
      GstCaps *caps = nullptr;
      gst_query_parse_accept_caps (query, &caps);
      std::lock_guard < std::mutex > guard (priv->lock);
      GstCaps *offered = priv->activeCaps ? priv->activeCaps.get () :
          priv->deviceCaps.get ();
      gst_query_set_accept_caps_result (query, offered
          && gst_caps_is_subset (caps, offered));
      return TRUE;
    }
    default:
      return gst_pad_query_default (pad, parent, query);
  }
}

static void
gst_media_stream_fake_src_init (GstMediaStreamFakeSrc * self)
{
  self->priv = new GstMediaStreamFakeSrcPrivate ();
  GstPadTemplate *templ = gst_static_pad_template_get (&src_template);
  self->priv->srcpad = gst_ghost_pad_new_no_target_from_template ("src", templ);
  gst_object_unref (templ);
  gst_pad_set_query_function (self->priv->srcpad,
      gst_media_stream_fake_src_src_query);
  gst_element_add_pad (GST_ELEMENT (self), self->priv->srcpad);
  GST_OBJECT_FLAG_SET (self, GST_ELEMENT_FLAG_SOURCE);
}

static void
gst_media_stream_fake_src_finalize (GObject * object)
{
  delete GST_MEDIA_STREAM_FAKE_SRC (object)->priv;
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_media_stream_fake_src_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstMediaStreamFakeSrcPrivate *priv = GST_MEDIA_STREAM_FAKE_SRC (object)->priv;
  std::lock_guard < std::mutex > guard (priv->lock);
  switch (prop_id) {
    case PROP_PROFILE:{
      const gchar *profile = g_value_get_string (value);
      if (profile)
        priv->profile = profile;
      else
        priv->profile.reset ();
      break;
    }
    case PROP_DEVICE_ID:{
      const gchar *id = g_value_get_string (value);
      priv->deviceId = id ? id : "";
      break;
    }
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_media_stream_fake_src_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstMediaStreamFakeSrcPrivate *priv = GST_MEDIA_STREAM_FAKE_SRC (object)->priv;
  std::lock_guard < std::mutex > guard (priv->lock);
  switch (prop_id) {
    case PROP_PROFILE:
      g_value_set_string (value, priv->profile ? priv->profile->c_str () :
          nullptr);
      break;
    case PROP_DEVICE_ID:
      g_value_set_string (value, priv->deviceId.c_str ());
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

/* NULL to READY: find the device and make its test source. */
static gboolean
gst_media_stream_fake_src_open (GstMediaStreamFakeSrc * self)
{
  GstMediaStreamFakeSrcPrivate *priv = self->priv;
  std::string profile, deviceId;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    profile = profileOf (priv->profile);
    deviceId = priv->deviceId;
  }

  auto devices = loadFakeDevices (profile);
  if (!devices) {
    GST_ELEMENT_ERROR (self, RESOURCE, NOT_FOUND, (nullptr),
        ("%s", devices.error ().message.c_str ()));
    return FALSE;
  }
  const DeviceDescription *device = nullptr;
  for (const DeviceDescription & candidate : *devices) {
    if (deviceId.empty () || candidate.deviceId == deviceId) {
      device = &candidate;
      break;
    }
  }
  if (!device) {
    GST_ELEMENT_ERROR (self, RESOURCE, NOT_FOUND, (nullptr),
        ("no device \"%s\" in the fake profile \"%s\"", deviceId.c_str (),
            profile.c_str ()));
    return FALSE;
  }

  const bool video = device->kind == Kind::Video;
  GstElement *source = gst_element_factory_make (video ? "videotestsrc" :
      "audiotestsrc", "source");
  GstElement *filter = gst_element_factory_make ("capsfilter", "filter");
  if (!source || !filter) {
    if (source)
      gst_object_unref (gst_object_ref_sink (source));
    if (filter)
      gst_object_unref (gst_object_ref_sink (filter));
    GST_ELEMENT_ERROR (self, CORE, MISSING_PLUGIN, (nullptr),
        ("%s or capsfilter is missing", video ? "videotestsrc" :
            "audiotestsrc"));
    return FALSE;
  }
  g_object_set (source, "is-live", TRUE, nullptr);
  gst_bin_add_many (GST_BIN (self), source, filter, nullptr);
  gst_element_link (source, filter);

  std::lock_guard < std::mutex > guard (priv->lock);
  priv->device = *device;
  priv->deviceCaps.reset (capsForDevice (*device));
  priv->source = source;
  priv->filter = filter;
  GST_DEBUG_OBJECT (self, "imitating \"%s\" of profile %s: %" GST_PTR_FORMAT,
      device->label.c_str (), profile.c_str (), priv->deviceCaps.get ());
  return TRUE;
}

/* READY to NULL: back to an empty bin, so that the properties can name
 * another device. */
static void
gst_media_stream_fake_src_close (GstMediaStreamFakeSrc * self)
{
  GstMediaStreamFakeSrcPrivate *priv = self->priv;
  gst_ghost_pad_set_target (GST_GHOST_PAD (priv->srcpad), nullptr);
  GstElement *elements[3];
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    elements[0] = priv->source;
    elements[1] = priv->filter;
    elements[2] = priv->encoder;
    priv->source = priv->filter = priv->encoder = nullptr;
    priv->device.reset ();
    priv->deviceCaps.reset ();
    priv->activeCaps.reset ();
  }
  for (GstElement *element : elements) {
    if (element) {
      gst_element_set_state (element, GST_STATE_NULL);
      gst_bin_remove (GST_BIN (self), element);
    }
  }
}

/* READY to PAUSED: the mode downstream picks decides the chain. A camera
 * picks among its modes in its own order, so the first of the device's
 * modes downstream accepts wins. */
static gboolean
gst_media_stream_fake_src_configure (GstMediaStreamFakeSrc * self)
{
  GstMediaStreamFakeSrcPrivate *priv = self->priv;
  CapsPtr deviceCaps;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    deviceCaps.reset (gst_caps_ref (priv->deviceCaps.get ()));
  }

  CapsPtr accepted (gst_pad_peer_query_caps (priv->srcpad, deviceCaps.get ()));
  if (gst_caps_is_empty (accepted.get ())) {
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, (nullptr),
        ("downstream accepts none of the device's modes %" GST_PTR_FORMAT,
            deviceCaps.get ()));
    return FALSE;
  }
  const bool jpeg = gst_structure_has_name (gst_caps_get_structure
      (accepted.get (), 0), "image/jpeg");

  GstElement *encoder = nullptr;
  if (jpeg) {
    encoder = gst_element_factory_make ("jpegenc", "encoder");
    if (!encoder) {
      GST_ELEMENT_ERROR (self, CORE, MISSING_PLUGIN, (nullptr),
          ("jpegenc is missing"));
      return FALSE;
    }
  }

  GstElement *filter;
  GstElement *old;
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    filter = priv->filter;
    old = priv->encoder;
    priv->encoder = encoder;
  }
  if (old) {
    gst_ghost_pad_set_target (GST_GHOST_PAD (priv->srcpad), nullptr);
    gst_element_set_state (old, GST_STATE_NULL);
    gst_bin_remove (GST_BIN (self), old);
  }

  CapsPtr rawCaps = jpeg ?
      rawForJpeg (structuresNamed (deviceCaps.get (), "image/jpeg").get ()) :
      structuresNamed (deviceCaps.get (), gst_structure_get_name
      (gst_caps_get_structure (accepted.get (), 0)));
  g_object_set (filter, "caps", rawCaps.get (), nullptr);
  {
    std::lock_guard < std::mutex > guard (priv->lock);
    priv->activeCaps = structuresNamed (deviceCaps.get (),
        jpeg ? "image/jpeg" : gst_structure_get_name (gst_caps_get_structure
            (accepted.get (), 0)));
  }
  GST_DEBUG_OBJECT (self, "%s chain, source restricted to %" GST_PTR_FORMAT,
      jpeg ? "JPEG" : "raw", rawCaps.get ());

  GstElement *last = filter;
  if (encoder) {
    gst_bin_add (GST_BIN (self), encoder);
    gst_element_link (filter, encoder);
    gst_element_sync_state_with_parent (encoder);
    last = encoder;
  }
  ObjectPtr < GstPad > target (gst_element_get_static_pad (last, "src"));
  return gst_ghost_pad_set_target (GST_GHOST_PAD (priv->srcpad),
      target.get ());
}

static GstStateChangeReturn
gst_media_stream_fake_src_change_state (GstElement * element,
    GstStateChange transition)
{
  GstMediaStreamFakeSrc *self = GST_MEDIA_STREAM_FAKE_SRC (element);

  switch (transition) {
    case GST_STATE_CHANGE_NULL_TO_READY:
      if (!gst_media_stream_fake_src_open (self))
        return GST_STATE_CHANGE_FAILURE;
      break;
    case GST_STATE_CHANGE_READY_TO_PAUSED:
      if (!gst_media_stream_fake_src_configure (self))
        return GST_STATE_CHANGE_FAILURE;
      break;
    default:
      break;
  }

  GstStateChangeReturn ret =
      GST_ELEMENT_CLASS (parent_class)->change_state (element, transition);
  if (ret == GST_STATE_CHANGE_FAILURE)
    return ret;

  switch (transition) {
    case GST_STATE_CHANGE_PAUSED_TO_READY:{
      std::lock_guard < std::mutex > guard (self->priv->lock);
      self->priv->activeCaps.reset ();
      break;
    }
    case GST_STATE_CHANGE_READY_TO_NULL:
      gst_media_stream_fake_src_close (self);
      break;
    default:
      break;
  }
  return ret;
}

static void
gst_media_stream_fake_src_class_init (GstMediaStreamFakeSrcClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);

  gobject_class->finalize = gst_media_stream_fake_src_finalize;
  gobject_class->set_property = gst_media_stream_fake_src_set_property;
  gobject_class->get_property = gst_media_stream_fake_src_get_property;

  /**
   * GstMediaStreamFakeSrc:profile:
   *
   * The fake device profile: a built-in profile name or a JSON profile
   * file, as `GST_MEDIASTREAM_FAKE_DEVICES` takes. Unset, the environment
   * variable's, or `chromium` when that is unset too. Read when going from
   * NULL to READY.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_PROFILE,
      g_param_spec_string ("profile", "Profile",
          "Fake device profile name or JSON file (default: "
          "GST_MEDIASTREAM_FAKE_DEVICES, else chromium)", nullptr,
          static_cast < GParamFlags > (G_PARAM_READWRITE |
              G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY)));

  /**
   * GstMediaStreamFakeSrc:device-id:
   *
   * The deviceId of the device to imitate, as enumerateDevices() and the
   * fake device provider report it. Empty: the profile's first device.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_DEVICE_ID,
      g_param_spec_string ("device-id", "Device ID",
          "deviceId of the fake device (empty: the profile's first)", "",
          static_cast < GParamFlags > (G_PARAM_READWRITE |
              G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY)));

  element_class->change_state = gst_media_stream_fake_src_change_state;

  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "Fake media device source", "Source/Video/Audio",
      "A fake camera or microphone producing exactly its native modes",
      "gst-mediastream contributors");

  GST_DEBUG_CATEGORY_INIT (gst_media_stream_fake_src_debug,
      "mediastreamfakesrc", 0, "Fake media device source");
}
