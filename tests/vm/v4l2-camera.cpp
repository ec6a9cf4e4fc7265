/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* ext/v4l2 against a real driver: the kernel's vivid, in the VM of this
 * tier (README.md). The modes must be exactly the ones v4l2src's caps
 * describe (the device layer hands them back to v4l2src), the controls
 * vivid has must appear with the ranges the kernel reports, and settings
 * must reach the driver while v4l2src streams from another descriptor.
 * gst-check, TAP with CK_TAP_LOG_FILE_NAME=-; self-check.sh runs it in the
 * tier's single boot. */

#include "check-main.h"

#include "gst-caps.h"
#include "gst-ptr.h"
#include "v4l2-camera.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <numeric>
#include <set>
#include <string>
#include <tuple>

using namespace mediastream;
using namespace mediastream::v4l2;

/* The vivid capture node, found by driver name as a user would not know
 * its number. */
static std::string
vividPath ()
{
  for (int i = 0; i < 64; i++) {
    const std::string path = "/dev/video" + std::to_string (i);
    auto camera = Camera::open (path);
    if (camera.ok () && camera->driver () == "vivid")
      return path;
  }
  fail ("no vivid capture node in /dev/video0..63");
  return {};
}

/* One (media type, format, size, rate) a caps or a mode list offers; a mode
 * with several formats offers each. Fractions reduced, so equal rates
 * compare equal. */
using Offer = std::tuple<std::string, std::string, int, int, int, int, int,
    int, int, int>;

static std::pair<int, int>
reduced (const Fraction & f)
{
  const int divisor = std::gcd (f.num, f.den);
  return divisor ? std::make_pair (f.num / divisor, f.den / divisor) :
      std::make_pair (f.num, f.den);
}

static std::set<Offer>
offersOf (const std::vector<VideoMode> &modes)
{
  std::set<Offer> offers;
  for (const VideoMode & mode : modes) {
    const auto slowest = reduced (mode.frameRate.min);
    const auto fastest = reduced (mode.frameRate.max);
    std::vector<std::string> formats = mode.formats;
    if (formats.empty ())
      formats.emplace_back ();
    for (const std::string & format : formats)
      offers.emplace (mode.mediaType, format, mode.width.min, mode.width.max,
          mode.height.min, mode.height.max, slowest.first, slowest.second,
          fastest.first, fastest.second);
  }
  return offers;
}

static std::string
offerText (const Offer & o)
{
  return std::get<0> (o) + " " + std::get<1> (o) + " " +
      std::to_string (std::get<2> (o)) + "x" + std::to_string (std::get<4>
      (o)) + " @" + std::to_string (std::get<6> (o)) + "/" +
      std::to_string (std::get<7> (o)) + ".." + std::to_string (std::get<8>
      (o)) + "/" + std::to_string (std::get<9> (o));
}

/* Up to 10 offers of `a` missing from `b`. */
static std::string
missingFrom (const std::set<Offer> &a, const std::set<Offer> &b)
{
  std::string text;
  int listed = 0;
  for (const Offer & o : a) {
    if (b.count (o) || listed++ >= 10)
      continue;
    text += "\n  " + offerText (o);
  }
  return text;
}

static CapsPtr
v4l2srcCaps (const std::string &path)
{
  ObjectPtr<GstElement> src (GST_ELEMENT (gst_object_ref_sink
          (gst_element_factory_make ("v4l2src", nullptr))));
  fail_unless (src != nullptr, "v4l2src is not installed");
  g_object_set (src.get (), "device", path.c_str (), nullptr);
  fail_unless (gst_element_set_state (src.get (), GST_STATE_READY) ==
      GST_STATE_CHANGE_SUCCESS);
  ObjectPtr<GstPad> pad (gst_element_get_static_pad (src.get (), "src"));
  CapsPtr caps (gst_pad_query_caps (pad.get (), nullptr));
  gst_element_set_state (src.get (), GST_STATE_NULL);
  return caps;
}

/* A descriptor of its own for the plain ioctls below. */
class Node {
public:
  explicit Node (const std::string &path)
      : fd_ (open (path.c_str (), O_RDWR | O_CLOEXEC)) {
    fail_unless (fd_ >= 0, "cannot open %s", path.c_str ());
  }
  ~Node () {
    if (fd_ >= 0)
      close (fd_);
  }
  Node (const Node &) = delete;
  Node &operator= (const Node &) = delete;
  int fd () const { return fd_; }

private:
  int fd_;
};

/* The kernel's own answer, without libv4l2, to hold the library to. */
static v4l2_queryctrl
queryDirectly (const std::string &path, std::uint32_t id)
{
  Node node (path);
  v4l2_queryctrl query {};
  query.id = id;
  fail_unless (ioctl (node.fd (), VIDIOC_QUERYCTRL, &query) == 0);
  return query;
}

static std::int32_t
readDirectly (const std::string &path, std::uint32_t id)
{
  Node node (path);
  v4l2_control control {};
  control.id = id;
  fail_unless (ioctl (node.fd (), VIDIOC_G_CTRL, &control) == 0);
  return control.value;
}

GST_START_TEST (test_modes_match_v4l2src)
{
  const std::string path = vividPath ();
  const auto device = describeDevice (path);
  fail_unless (device.ok (), "%s", device.ok ()? "" :
      device.error ().message.c_str ());
  fail_unless_equals_string (device->label.c_str (), "vivid");

  const CapsPtr caps = v4l2srcCaps (path);
  const std::set<Offer> ours = offersOf (device->videoModes);
  const std::set<Offer> theirs = offersOf (videoModesFromCaps (caps.get ()));
  /* For whoever reads the log: how much was compared. */
  g_print ("vivid: %zu modes (%zu offers); v4l2src: %u caps structures "
      "(%zu offers)\n", device->videoModes.size (), ours.size (),
      gst_caps_get_size (caps.get ()), theirs.size ());
  fail_unless (theirs.size () > 100, "v4l2src offers only %zu modes",
      theirs.size ());
  /* Nothing listed twice (vivid has RGB32 as well as XRGB32 and ARGB32). */
  fail_unless_equals_int (device->videoModes.size (), ours.size ());
  const std::string extra = missingFrom (ours, theirs);
  const std::string missing = missingFrom (theirs, ours);
  fail_unless (extra.empty () && missing.empty (),
      "modes differ from v4l2src's caps; only ours:%s\nonly v4l2src's:%s",
      extra.c_str (), missing.c_str ());

  /* vivid's webcam input: 2/25 s at 320x180 is 12.5 fps, and 4K at most 2. */
  fail_unless (ours.count ({ "video/x-raw", "YUY2", 320, 320, 180, 180, 25, 2,
              25, 2 }));
  fail_unless (ours.count ({ "video/x-raw", "YUY2", 3840, 3840, 2160, 2160, 2,
              1, 2, 1 }));
  fail_if (ours.count ({ "video/x-raw", "YUY2", 3840, 3840, 2160, 2160, 5, 1,
              5, 1 }));
}

GST_END_TEST;

GST_START_TEST (test_controls_as_the_kernel_reports)
{
  const std::string path = vividPath ();
  auto camera = Camera::open (path);
  fail_unless (camera.ok ());
  const auto controls = camera->controls ();
  fail_unless (controls.ok ());

  const std::pair<Property, std::uint32_t> vivid[] = {
    { Property::Brightness, V4L2_CID_BRIGHTNESS },
    { Property::Contrast, V4L2_CID_CONTRAST },
    { Property::Saturation, V4L2_CID_SATURATION },
  };
  for (const auto & [property, id] : vivid) {
    const auto it = controls->numericControls.find (property);
    fail_unless (it != controls->numericControls.end (), "no %s",
        std::string (propertyInfo (property).name).c_str ());
    const v4l2_queryctrl kernel = queryDirectly (path, id);
    fail_unless_equals_float (it->second.min, kernel.minimum);
    fail_unless_equals_float (it->second.max, kernel.maximum);
    fail_unless_equals_float (it->second.step, kernel.step);
    fail_unless_equals_float (it->second.value, readDirectly (path, id));
    /* vivid's user controls: 0..255 in steps of 1. */
    fail_unless_equals_float (it->second.min, 0);
    fail_unless_equals_float (it->second.max, 255);
  }
  /* Hue, gain, volume... have no Image Capture meaning; vivid has no camera
   * class controls (exposure, focus, zoom), no flash and no orientation. */
  fail_unless_equals_int (controls->numericControls.size (), 3);
  fail_unless (controls->modeControls.empty ());
  fail_if (controls->torch.has_value ());
  fail_if (controls->facingMode.has_value ());

  const auto settings = camera->settings ();
  fail_unless (settings.ok ());
  fail_unless_equals_float (*settings->number (Property::Brightness),
      readDirectly (path, V4L2_CID_BRIGHTNESS));
}

GST_END_TEST;

static void
countBuffer (GstElement *, GstBuffer *, GstPad *, gpointer counter)
{
  static_cast<std::atomic<int> *> (counter)->fetch_add (1);
}

/* Waits until `counter` passes `target`; fails on a bus error or after a
 * generous time (the VM is emulated and shared). */
static void
waitForBuffers (GstElement * pipeline, std::atomic<int> &counter, int target)
{
  ObjectPtr<GstBus> bus (gst_element_get_bus (pipeline));
  for (int waited = 0; counter.load () < target; waited += 50) {
    GstMessage *error = gst_bus_pop_filtered (bus.get (), GST_MESSAGE_ERROR);
    if (error) {
      GError *gerror = nullptr;
      gst_message_parse_error (error, &gerror, nullptr);
      const std::string text = gerror->message;
      g_error_free (gerror);
      gst_message_unref (error);
      fail ("pipeline error: %s", text.c_str ());
    }
    fail_unless (waited < 60000, "only %d buffers after 60 s (wanted %d)",
        counter.load (), target);
    g_usleep (50 * 1000);
  }
}

GST_START_TEST (test_settings_while_v4l2src_streams)
{
  const std::string path = vividPath ();
  const std::string description = "v4l2src name=src device=" + path +
      " ! video/x-raw,width=320,height=180,framerate=30/1"
      " ! fakesink name=sink signal-handoffs=true sync=false";
  GError *error = nullptr;
  ObjectPtr<GstElement> pipeline (gst_parse_launch (description.c_str (),
          &error));
  fail_unless (error == nullptr, "%s", error ? error->message : "");
  ObjectPtr<GstElement> src (gst_bin_get_by_name (GST_BIN (pipeline.get ()),
          "src"));
  ObjectPtr<GstElement> sink (gst_bin_get_by_name (GST_BIN (pipeline.get ()),
          "sink"));
  std::atomic<int> buffers { 0 };
  g_signal_connect (sink.get (), "handoff", G_CALLBACK (countBuffer),
      &buffers);
  fail_if (gst_element_set_state (pipeline.get (), GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  waitForBuffers (pipeline.get (), buffers, 5);

  const auto before = readSettings (path);
  fail_unless (before.ok ());
  const int brightness = static_cast<int> (*before->number
      (Property::Brightness));
  const int contrast = static_cast<int> (*before->number (Property::Contrast));
  const int newBrightness = brightness == 200 ? 60 : 200;
  const int newContrast = contrast == 100 ? 150 : 100;

  /* A second opener changes controls under the streaming one. */
  Settings wanted;
  wanted.set (Property::Brightness, static_cast<double> (newBrightness));
  wanted.set (Property::Contrast, static_cast<double> (newContrast));
  const auto applied = applySettings (path, wanted);
  fail_unless (applied.ok (), "%s", applied.ok ()? "" :
      applied.error ().message.c_str ());
  fail_unless_equals_float (*applied->number (Property::Brightness),
      newBrightness);
  fail_unless_equals_float (*applied->number (Property::Contrast),
      newContrast);
  const auto after = readSettings (path);
  fail_unless (after.ok ());
  fail_unless (*after == *applied);
  fail_unless_equals_int (readDirectly (path, V4L2_CID_BRIGHTNESS),
      newBrightness);
  /* v4l2src reads the same control through its own descriptor. */
  gint seenBySrc = -1;
  g_object_get (src.get (), "brightness", &seenBySrc, nullptr);
  fail_unless_equals_int (seenBySrc, newBrightness);

  /* The capture goes on, and the node still enumerates while streaming. */
  const int now = buffers.load ();
  waitForBuffers (pipeline.get (), buffers, now + 5);
  auto camera = Camera::open (path);
  fail_unless (camera.ok ());
  const auto modes = camera->videoModes ();
  fail_unless (modes.ok () && modes->size () > 100);

  /* Out of range: refused with the property named, nothing written. */
  Settings outside;
  outside.set (Property::Brightness, 256.0);
  const auto refused = camera->apply (outside);
  fail_unless (!refused.ok ());
  fail_unless (refused.error ().name == ErrorName::OverconstrainedError);
  fail_unless_equals_string (refused.error ().constraint.c_str (),
      "brightness");
  fail_unless_equals_int (readDirectly (path, V4L2_CID_BRIGHTNESS),
      newBrightness);

  fail_unless (camera->apply (*before).ok ());
  fail_unless_equals_int (readDirectly (path, V4L2_CID_BRIGHTNESS),
      brightness);
  fail_unless_equals_int (readDirectly (path, V4L2_CID_CONTRAST), contrast);
  gst_element_set_state (pipeline.get (), GST_STATE_NULL);
}

GST_END_TEST;

GST_START_TEST (test_missing_node)
{
  const auto missing = describeDevice ("/dev/video63");
  fail_unless (!missing.ok ());
  fail_unless (missing.error ().name == ErrorName::NotFoundError);
}

GST_END_TEST;

static Suite *
vm_v4l2_camera_suite (void)
{
  Suite *s = suite_create ("vm-v4l2-camera");
  TCase *vivid = tcase_create ("vivid");
  /* Emulated CPU: v4l2src's caps probe alone takes seconds. */
  tcase_set_timeout (vivid, 120);
  suite_add_tcase (s, vivid);
  tcase_add_test (vivid, test_modes_match_v4l2src);
  tcase_add_test (vivid, test_controls_as_the_kernel_reports);
  tcase_add_test (vivid, test_settings_while_v4l2src_streams);
  tcase_add_test (vivid, test_missing_node);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (vm_v4l2_camera);
