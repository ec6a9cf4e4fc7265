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

#include "alsa-pcm-device.h"

#include "gst-ptr.h"

namespace mediastream {

namespace {

constexpr const char *kTypeName = "GstMediaStreamAlsaPcmDevice";

bool
isAlsasrc (GstElement * element)
{
  GstElementFactory *factory = gst_element_get_factory (element);
  return factory && g_strcmp0 (GST_OBJECT_NAME (factory), "alsasrc") == 0;
}

void
setPcm (GstDevice * device, GstElement * element)
{
  StructurePtr properties (gst_device_get_properties (device));
  g_object_set (element, "device", gst_structure_get_string (properties.get (),
          kAlsaPcmProperty), nullptr);
}

GstElement *
createElement (GstDevice * device, const gchar * name)
{
  GstElement *element = gst_element_factory_make ("alsasrc", name);
  if (element)
    setPcm (device, element);
  return element;
}

gboolean
reconfigureElement (GstDevice * device, GstElement * element)
{
  if (!isAlsasrc (element))
    return FALSE;
  setPcm (device, element);
  return TRUE;
}

void
classInit (gpointer klass, gpointer)
{
  GstDeviceClass *device_class = GST_DEVICE_CLASS (klass);
  device_class->create_element = createElement;
  device_class->reconfigure_element = reconfigureElement;
}

/* The device layer is a static library, so a process can hold two copies
 * of it (an application linking it and the mediastream plugin it loads).
 * GType names are process-wide: the first copy registers the type and the
 * others use it. The class has no state of its own (the PCM name is in the
 * device's properties), so either copy's functions serve. */
GType
alsaPcmDeviceType ()
{
  static gsize type = 0;
  if (g_once_init_enter (&type)) {
    GType found = g_type_from_name (kTypeName);
    if (found == 0)
      found = g_type_register_static_simple (GST_TYPE_DEVICE, kTypeName,
          sizeof (GstDeviceClass), classInit, sizeof (GstDevice), nullptr,
          static_cast<GTypeFlags> (0));
    if (found == 0)             /* another copy registered it meanwhile */
      found = g_type_from_name (kTypeName);
    g_once_init_leave (&type, found);
  }
  return static_cast<GType> (type);
}

}  // namespace

GstDevice *
newAlsaPcmDevice (const std::string &name, const std::string &label,
    const std::string &description, GstCaps * caps, std::optional<int> card)
{
  StructurePtr properties (gst_structure_new ("alsa-pcm",
          "device.api", G_TYPE_STRING, "alsa",
          kAlsaPcmProperty, G_TYPE_STRING, name.c_str (),
          "alsa.description", G_TYPE_STRING, description.c_str (), nullptr));
  if (card)
    gst_structure_set (properties.get (), "alsa.card", G_TYPE_INT, *card,
        nullptr);
  return GST_DEVICE (g_object_new (alsaPcmDeviceType (),
          "display-name", label.c_str (), "device-class", "Audio/Source",
          "caps", caps, "properties", properties.get (), nullptr));
}

}  // namespace mediastream
