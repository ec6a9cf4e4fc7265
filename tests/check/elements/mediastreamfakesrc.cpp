/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* mediastreamfakesrc: every native mode of a fake device really flows (raw
 * from the test source, JPEG through jpegenc), and nothing else does. */

#include "check-main.h"

#include "fake-devices.h"
#include "gst-caps.h"
#include "gst-ptr.h"

#include <string>

using namespace mediastream;

namespace {

DeviceDescription
device (const char *profile, std::size_t index)
{
  auto devices = loadFakeDevices (profile);
  fail_unless (devices.ok ());
  fail_unless (index < devices->size ());
  return (*devices)[index];
}

/* The caps of one native mode: the device with only that mode. */
CapsPtr
modeCaps (const DeviceDescription & d, std::size_t mode)
{
  DeviceDescription one = d;
  if (d.kind == Kind::Video)
    one.videoModes = { d.videoModes[mode] };
  else
    one.audioModes = { d.audioModes[mode] };
  return CapsPtr (capsForDevice (one));
}

/* The first sample of `src ! capsfilter caps=<wanted> ! appsink`, or null
 * when the pipeline does not get to PLAYING. */
GstSample *
firstSample (const char *profile, const DeviceDescription & d,
    const GstCaps * wanted)
{
  GCharPtr capsText (gst_caps_to_string (wanted));
  GCharPtr description (g_strdup_printf ("mediastreamfakesrc profile=%s "
          "device-id=%s ! capsfilter caps=\"%s\" ! appsink name=sink sync=false",
          profile, d.deviceId.c_str (), capsText.get ()));
  GError *error = nullptr;
  ObjectPtr<GstElement> pipeline (gst_parse_launch (description.get (),
          &error));
  fail_unless (error == nullptr, "%s", error ? error->message : "");
  ObjectPtr<GstElement> sink (gst_bin_get_by_name (GST_BIN (pipeline.get ()),
          "sink"));
  GstSample *sample = nullptr;
  if (gst_element_set_state (pipeline.get (), GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE)
    g_signal_emit_by_name (sink.get (), "try-pull-sample", 10 * GST_SECOND,
        &sample);
  gst_element_set_state (pipeline.get (), GST_STATE_NULL);
  return sample;
}

void
checkMode (const char *profile, const DeviceDescription & d, std::size_t i)
{
  CapsPtr wanted = modeCaps (d, i);
  GstSample *sample = firstSample (profile, d, wanted.get ());
  fail_unless (sample != nullptr, "no sample for %" GST_PTR_FORMAT,
      wanted.get ());
  GstCaps *caps = gst_sample_get_caps (sample);
  fail_unless (gst_caps_is_subset (caps, wanted.get ()),
      "%" GST_PTR_FORMAT " is not %" GST_PTR_FORMAT, caps, wanted.get ());
  const GstStructure *s = gst_caps_get_structure (caps, 0);
  if (gst_structure_has_name (s, "image/jpeg")) {
    /* A real JPEG: start of image marker. */
    GstMapInfo map;
    GstBuffer *buffer = gst_sample_get_buffer (sample);
    fail_unless (gst_buffer_map (buffer, &map, GST_MAP_READ));
    fail_unless (map.size > 2 && map.data[0] == 0xff && map.data[1] == 0xd8);
    gst_buffer_unmap (buffer, &map);
  }
  gst_sample_unref (sample);
}

}  // namespace

GST_START_TEST (test_every_raw_camera_mode)
{
  DeviceDescription camera = device ("laptop", 0);
  for (std::size_t i = 0; i < camera.videoModes.size (); i++) {
    if (camera.videoModes[i].isRaw ())
      checkMode ("laptop", camera, i);
  }
}
GST_END_TEST;

GST_START_TEST (test_every_jpeg_camera_mode)
{
  DeviceDescription camera = device ("laptop", 0);
  int jpeg = 0;
  for (std::size_t i = 0; i < camera.videoModes.size (); i++) {
    if (camera.videoModes[i].mediaType == "image/jpeg") {
      checkMode ("laptop", camera, i);
      jpeg++;
    }
  }
  fail_unless (jpeg > 0);
}
GST_END_TEST;

GST_START_TEST (test_every_microphone_mode)
{
  DeviceDescription headset = device ("laptop", 2);
  fail_unless_equals_int (headset.audioModes.size (), 2);
  for (std::size_t i = 0; i < headset.audioModes.size (); i++)
    checkMode ("laptop", headset, i);
}
GST_END_TEST;

/* Caps outside the native modes are refused, though the test source could
 * make them. */
GST_START_TEST (test_refuses_other_modes)
{
  DeviceDescription camera = device ("laptop", 0);
  for (const char *text : { "video/x-raw, width=800, height=600",
          "video/x-raw, format=I420, width=640, height=480",
          "image/jpeg, width=1920, height=1080", "audio/x-raw" }) {
    CapsPtr caps (gst_caps_from_string (text));
    GstSample *sample = firstSample ("laptop", camera, caps.get ());
    fail_unless (sample == nullptr, "%s produced", text);
  }
}
GST_END_TEST;

GST_START_TEST (test_caps_query_is_the_device)
{
  DeviceDescription camera = device ("usb-webcam", 0);
  ObjectPtr<GstElement> src (GST_ELEMENT (gst_object_ref_sink
          (gst_element_factory_make ("mediastreamfakesrc", nullptr))));
  g_object_set (src.get (), "profile", "usb-webcam", "device-id",
      camera.deviceId.c_str (), nullptr);
  fail_unless_equals_int (gst_element_set_state (src.get (), GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  ObjectPtr<GstPad> pad (gst_element_get_static_pad (src.get (), "src"));
  CapsPtr caps (gst_pad_query_caps (pad.get (), nullptr));
  CapsPtr expected (capsForDevice (camera));
  fail_unless (gst_caps_is_equal (caps.get (), expected.get ()));
  CapsPtr other (gst_caps_from_string ("video/x-raw, format=RGB, "
          "width=640, height=480, framerate=30/1"));
  fail_if (gst_pad_query_accept_caps (pad.get (), other.get ()));
  CapsPtr mode = modeCaps (camera, 0);
  fail_unless (gst_pad_query_accept_caps (pad.get (), mode.get ()));
  gst_element_set_state (src.get (), GST_STATE_NULL);
}
GST_END_TEST;

/* While PLAYING the source offers the modes of the chain it opened (raw
 * here) and switches between them when downstream asks. */
GST_START_TEST (test_renegotiates_within_the_chain)
{
  DeviceDescription camera = device ("laptop", 0);
  GCharPtr description (g_strdup_printf ("mediastreamfakesrc name=src "
          "profile=laptop device-id=%s ! capsfilter name=filter "
          "caps=video/x-raw,width=640,height=480 ! appsink name=sink "
          "sync=false max-buffers=2 drop=true", camera.deviceId.c_str ()));
  ObjectPtr<GstElement> pipeline (gst_parse_launch (description.get (),
          nullptr));
  fail_unless (pipeline != nullptr);
  ObjectPtr<GstElement> src (gst_bin_get_by_name (GST_BIN (pipeline.get ()),
          "src"));
  ObjectPtr<GstElement> filter (gst_bin_get_by_name (GST_BIN
          (pipeline.get ()), "filter"));
  ObjectPtr<GstElement> sink (gst_bin_get_by_name (GST_BIN (pipeline.get ()),
          "sink"));
  fail_if (gst_element_set_state (pipeline.get (), GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);

  auto widthOfNextSample = [&sink] () {
    GstSample *sample = nullptr;
    g_signal_emit_by_name (sink.get (), "try-pull-sample", 10 * GST_SECOND,
        &sample);
    fail_unless (sample != nullptr);
    int width = 0;
    gst_structure_get_int (gst_caps_get_structure (gst_sample_get_caps
            (sample), 0), "width", &width);
    gst_sample_unref (sample);
    return width;
  };
  fail_unless_equals_int (widthOfNextSample (), 640);

  ObjectPtr<GstPad> pad (gst_element_get_static_pad (src.get (), "src"));
  CapsPtr offered (gst_pad_query_caps (pad.get (), nullptr));
  for (guint i = 0; i < gst_caps_get_size (offered.get ()); i++)
    fail_unless (gst_structure_has_name (gst_caps_get_structure
            (offered.get (), i), "video/x-raw"));

  CapsPtr smaller (gst_caps_from_string ("video/x-raw, width=320, "
          "height=240"));
  g_object_set (filter.get (), "caps", smaller.get (), nullptr);
  int width = 0;
  for (int i = 0; i < 20 && width != 320; i++)
    width = widthOfNextSample ();
  fail_unless_equals_int (width, 320);
  gst_element_set_state (pipeline.get (), GST_STATE_NULL);
}
GST_END_TEST;

GST_START_TEST (test_unknown_device)
{
  ObjectPtr<GstElement> src (GST_ELEMENT (gst_object_ref_sink
          (gst_element_factory_make ("mediastreamfakesrc", nullptr))));
  g_object_set (src.get (), "profile", "laptop", "device-id", "nope", nullptr);
  fail_unless_equals_int (gst_element_set_state (src.get (), GST_STATE_READY),
      GST_STATE_CHANGE_FAILURE);
  gst_element_set_state (src.get (), GST_STATE_NULL);
}
GST_END_TEST;

static Suite *
mediastreamfakesrc_suite (void)
{
  Suite *s = suite_create ("mediastreamfakesrc");
  TCase *tc = tcase_create ("general");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_every_raw_camera_mode);
  tcase_add_test (tc, test_every_jpeg_camera_mode);
  tcase_add_test (tc, test_every_microphone_mode);
  tcase_add_test (tc, test_refuses_other_modes);
  tcase_add_test (tc, test_caps_query_is_the_device);
  tcase_add_test (tc, test_renegotiates_within_the_chain);
  tcase_add_test (tc, test_unknown_device);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (mediastreamfakesrc);
