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

#include "device-change.h"

#include "json.h"
#include "select-settings.h"

namespace mediastream {

nlohmann::ordered_json
devicesJson (const MediaDevices & devices)
{
  using Json = nlohmann::ordered_json;
  Json list = Json::array ();
  for (const MediaDevice & device : devices) {
    const DeviceDescription &description = device.description;
    Json entry = Json::object ();
    entry["kind"] = mediaDeviceKind (device);
    entry["label"] = description.label;
    entry["deviceId"] = description.deviceId;
    entry["groupId"] = description.groupId;
    if (!device.output)
      entry["capabilities"] = toJson (capabilitiesOf (description));
    list.push_back (std::move (entry));
  }
  Json answer = Json::object ();
  answer["devices"] = std::move (list);
  return answer;
}

std::string
devicesJsonText (const MediaDevices & devices)
{
  return devicesJson (devices).dump (-1, ' ', false,
      nlohmann::ordered_json::error_handler_t::replace);
}

GstMessage *
newDeviceChangeMessage (GstObject * src, const MediaDevices & devices)
{
  const std::string text = devicesJsonText (devices);
  GstStructure *structure = gst_structure_new (kDeviceChangeMessageName,
      "devices", G_TYPE_STRING, text.c_str (), nullptr);
  return gst_message_new_element (src, structure);
}

}  // namespace mediastream
