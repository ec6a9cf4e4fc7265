/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Native modes from caps, and the caps a selection turns into. */

#include "check-main.h"
#include "mode-asserts.h"

#include "gst-caps.h"
#include "gst-ptr.h"

#include <algorithm>
#include <string>

using namespace mediastream;

static CapsPtr
capsFrom (const char *text)
{
  GstCaps *caps = gst_caps_from_string (text);
  fail_unless (caps != nullptr, "could not parse caps %s", text);
  return CapsPtr (caps);
}

static std::vector<VideoMode>
videoModes (const char *text)
{
  return videoModesFromCaps (capsFrom (text).get ());
}

static std::vector<AudioMode>
audioModes (const char *text)
{
  return audioModesFromCaps (capsFrom (text).get ());
}

/* Caps equality that prints both sides when it fails. */
static void
assertCapsEqual (GstCaps * actual, const char *expected)
{
  CapsPtr owned (actual);
  CapsPtr want = capsFrom (expected);
  GCharPtr text (gst_caps_to_string (actual));
  fail_unless (gst_caps_is_strictly_equal (actual, want.get ()),
      "got %s, expected %s", text.get (), expected);
}

static CapsPtr
templateCapsOf (const char *factoryName)
{
  ObjectPtr<GstElementFactory> factory (gst_element_factory_find
      (factoryName));
  fail_unless (factory != nullptr, "%s is not installed", factoryName);
  for (const GList * l =
      gst_element_factory_get_static_pad_templates (factory.get ()); l;
      l = l->next) {
    auto *templ = static_cast<GstStaticPadTemplate *> (l->data);
    if (templ->direction == GST_PAD_SRC)
      return CapsPtr (gst_static_pad_template_get_caps (templ));
  }
  fail ("%s has no source template", factoryName);
  return nullptr;
}

GST_START_TEST (test_fixed_raw_mode)
{
  auto modes = videoModes ("video/x-raw, format=YUY2, width=640, height=480,"
      " framerate=30/1");
  fail_unless_equals_int (modes.size (), 1);
  fail_unless_equals_string (modes[0].mediaType.c_str (), "video/x-raw");
  fail_unless (modes[0].isRaw ());
  fail_unless_equals_int (modes[0].formats.size (), 1);
  fail_unless_equals_string (modes[0].formats[0].c_str (), "YUY2");
  assertRange (modes[0].width, 640, 640, 1);
  assertRange (modes[0].height, 480, 480, 1);
  fail_unless (modes[0].width.fixed ());
  assertRate (modes[0].frameRate, 30, 1, 30, 1);
  fail_unless (modes[0].frameRate.fixed ());
}

GST_END_TEST;

GST_START_TEST (test_lists_expand_in_order)
{
  auto modes = videoModes ("video/x-raw, format={ NV12, YUY2 },"
      " width={ 320, 640 }, height={ 240, 480 }, framerate={ 30/1, 15/1 }");
  fail_unless_equals_int (modes.size (), 8);
  /* Formats stay a list: a format is not a separate mode. */
  for (const VideoMode & mode : modes) {
    fail_unless_equals_int (mode.formats.size (), 2);
    fail_unless_equals_string (mode.formats[0].c_str (), "NV12");
    fail_unless_equals_string (mode.formats[1].c_str (), "YUY2");
  }
  /* Widths outermost, frame rates innermost, each in caps order. */
  fail_unless_equals_int (modes[0].width.min, 320);
  fail_unless_equals_int (modes[0].height.min, 240);
  fail_unless_equals_int (modes[0].frameRate.max.num, 30);
  fail_unless_equals_int (modes[1].frameRate.max.num, 15);
  fail_unless_equals_int (modes[2].height.min, 480);
  fail_unless_equals_int (modes[4].width.min, 640);
  fail_unless_equals_int (modes[7].width.min, 640);
  fail_unless_equals_int (modes[7].height.min, 480);
  fail_unless_equals_int (modes[7].frameRate.max.num, 15);
}

GST_END_TEST;

GST_START_TEST (test_int_ranges_and_steps)
{
  auto modes = videoModes ("video/x-raw, format=NV12,"
      " width=[ 16, 1920, 8 ], height=[ 2, 1080 ], framerate=30/1");
  fail_unless_equals_int (modes.size (), 1);
  assertRange (modes[0].width, 16, 1920, 8);
  assertRange (modes[0].height, 2, 1080, 1);
  fail_unless (!modes[0].width.fixed ());

  /* A range reaching zero keeps only its positive part. */
  modes = videoModes ("video/x-raw, width=[ 0, 640, 16 ], height=[ 0, 1 ],"
      " framerate=30/1");
  fail_unless_equals_int (modes.size (), 1);
  assertRange (modes[0].width, 16, 640, 16);
  assertRange (modes[0].height, 1, 1, 1);
  fail_unless (modes[0].height.fixed ());
  fail_unless (modes[0].formats.empty ());

  /* A list may mix fixed values and ranges. */
  modes = videoModes ("video/x-raw, format=I420,"
      " width={ 320, [ 640, 1280, 2 ] }, height=240, framerate=30/1");
  fail_unless_equals_int (modes.size (), 2);
  assertRange (modes[0].width, 320, 320, 1);
  assertRange (modes[1].width, 640, 1280, 2);

  /* Non-positive sizes are not modes. */
  modes = videoModes ("video/x-raw, width={ 0, 320 }, height=240,"
      " framerate=30/1");
  fail_unless_equals_int (modes.size (), 1);
  fail_unless_equals_int (modes[0].width.min, 320);
}

GST_END_TEST;

GST_START_TEST (test_frame_rates)
{
  auto modes = videoModes ("video/x-raw, format=I420, width=640, height=480,"
      " framerate=[ 1/1, 60/1 ]");
  fail_unless_equals_int (modes.size (), 1);
  assertRate (modes[0].frameRate, 1, 1, 60, 1);
  fail_unless (!modes[0].frameRate.fixed ());

  /* NTSC rates keep their exact fraction. */
  modes = videoModes ("video/x-raw, width=640, height=480,"
      " framerate={ 30000/1001, 15/2 }");
  fail_unless_equals_int (modes.size (), 2);
  assertRate (modes[0].frameRate, 30000, 1001, 30000, 1001);
  assertRate (modes[1].frameRate, 15, 2, 15, 2);
  fail_unless (modes[1].frameRate.max.asDouble () == 7.5);

  /* A variable-rate source (0/1 only) offers no rate; a range from 0 up to
   * a real rate still does. */
  modes = videoModes ("video/x-raw, width=640, height=480, framerate=0/1");
  fail_unless (modes.empty ());
  modes = videoModes ("video/x-raw, width=640, height=480,"
      " framerate={ 0/1, 30/1 }");
  fail_unless_equals_int (modes.size (), 1);
  assertRate (modes[0].frameRate, 30, 1, 30, 1);
  modes = videoModes ("video/x-raw, width=640, height=480,"
      " framerate=[ 0/1, 30/1 ]");
  fail_unless_equals_int (modes.size (), 1);
  assertRate (modes[0].frameRate, 0, 1, 30, 1);
}

GST_END_TEST;

GST_START_TEST (test_mixed_mjpeg_and_raw)
{
  auto modes = videoModes ("image/jpeg, width=1920, height=1080,"
      " framerate={ 30/1, 15/1 }; video/x-raw, format=YUY2, width=1920,"
      " height=1080, framerate=5/1; video/x-h264, stream-format=byte-stream,"
      " width=1280, height=720, framerate=30/1");
  fail_unless_equals_int (modes.size (), 4);
  fail_unless_equals_string (modes[0].mediaType.c_str (), "image/jpeg");
  fail_unless (!modes[0].isRaw ());
  fail_unless (modes[0].formats.empty ());
  fail_unless_equals_int (modes[1].frameRate.max.num, 15);
  fail_unless_equals_string (modes[2].mediaType.c_str (), "video/x-raw");
  fail_unless_equals_string (modes[2].formats[0].c_str (), "YUY2");
  fail_unless_equals_int (modes[2].frameRate.max.num, 5);
  fail_unless_equals_string (modes[3].mediaType.c_str (), "video/x-h264");
  fail_unless_equals_int (modes[3].width.min, 1280);

  /* Audio structures are not video modes and vice versa. */
  fail_unless (audioModesFromCaps (capsFrom ("image/jpeg, width=1920,"
              " height=1080, framerate=30/1").get ()).empty ());
}

GST_END_TEST;

/* What v4l2src reports for a UVC camera: per-size framerate lists, and the
 * colorimetry / aspect fields that are not part of a mode. */
GST_START_TEST (test_v4l2_like_caps)
{
  auto modes = videoModes ("video/x-raw, format=(string)YUY2,"
      " width=(int)1280, height=(int)720, pixel-aspect-ratio=(fraction)1/1,"
      " framerate=(fraction){ 10/1, 15/2, 5/1 }, colorimetry=(string)2:4:5:1,"
      " interlace-mode=(string)progressive;"
      " video/x-raw, format=(string)YUY2, width=(int)640, height=(int)480,"
      " pixel-aspect-ratio=(fraction)1/1,"
      " framerate=(fraction){ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 },"
      " interlace-mode=(string)progressive;"
      " image/jpeg, width=(int)1920, height=(int)1080,"
      " pixel-aspect-ratio=(fraction)1/1,"
      " framerate=(fraction){ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 };"
      " video/x-raw(memory:DMABuf), format=(string)YUY2, width=(int)640,"
      " height=(int)480, framerate=(fraction)30/1");
  /* 3 + 7 + 7; the DMABuf copy is left out. */
  fail_unless_equals_int (modes.size (), 17);
  fail_unless_equals_int (modes[0].width.min, 1280);
  assertRate (modes[1].frameRate, 15, 2, 15, 2);
  fail_unless_equals_int (modes[3].width.min, 640);
  fail_unless_equals_int (modes[3].frameRate.max.num, 30);
  fail_unless_equals_string (modes[16].mediaType.c_str (), "image/jpeg");
  assertRate (modes[16].frameRate, 5, 1, 5, 1);
}

GST_END_TEST;

GST_START_TEST (test_videotestsrc_template)
{
  CapsPtr caps = templateCapsOf ("videotestsrc");
  auto modes = videoModesFromCaps (caps.get ());
  /* video/x-raw and video/x-bayer, each a range of sizes and rates. */
  fail_unless_equals_int (modes.size (), 2);
  fail_unless (modes[0].isRaw ());
  fail_unless (modes[0].formats.size () > 50);
  fail_unless (std::find (modes[0].formats.begin (), modes[0].formats.end (),
          "I420") != modes[0].formats.end ());
  assertRange (modes[0].width, 1, G_MAXINT, 1);
  assertRange (modes[0].height, 1, G_MAXINT, 1);
  assertRate (modes[0].frameRate, 0, 1, G_MAXINT, 1);
  fail_unless_equals_string (modes[1].mediaType.c_str (), "video/x-bayer");
  fail_unless_equals_int (modes[1].formats.size (), 4);
  fail_unless (audioModesFromCaps (caps.get ()).empty ());
}

GST_END_TEST;

GST_START_TEST (test_audiotestsrc_template)
{
  CapsPtr caps = templateCapsOf ("audiotestsrc");
  auto modes = audioModesFromCaps (caps.get ());
  fail_unless_equals_int (modes.size (), 1);
  fail_unless_equals_string (modes[0].mediaType.c_str (), "audio/x-raw");
  fail_unless (std::find (modes[0].formats.begin (), modes[0].formats.end (),
          "S16LE") != modes[0].formats.end ());
  assertRange (modes[0].sampleRate, 1, G_MAXINT, 1);
  assertRange (modes[0].channels, 1, G_MAXINT, 1);
  fail_unless (videoModesFromCaps (caps.get ()).empty ());
}

GST_END_TEST;

GST_START_TEST (test_audio_modes)
{
  auto modes = audioModes ("audio/x-raw, format={ S16LE, F32LE },"
      " layout=interleaved, rate={ 16000, 32000, 48000 }, channels=[ 1, 2 ]");
  fail_unless_equals_int (modes.size (), 3);
  fail_unless_equals_int (modes[0].formats.size (), 2);
  fail_unless_equals_string (modes[0].formats[1].c_str (), "F32LE");
  assertRange (modes[0].sampleRate, 16000, 16000, 1);
  assertRange (modes[2].sampleRate, 48000, 48000, 1);
  assertRange (modes[1].channels, 1, 2, 1);

  modes = audioModes ("audio/x-raw, format=S16LE, rate=44100,"
      " channels={ 1, 2 }");
  fail_unless_equals_int (modes.size (), 2);
  fail_unless_equals_int (modes[0].channels.min, 1);
  fail_unless_equals_int (modes[1].channels.min, 2);

  /* Planar only cannot be opened interleaved; either layout can. */
  fail_unless (audioModes ("audio/x-raw, format=F32LE,"
          " layout=non-interleaved, rate=48000, channels=2").empty ());
  fail_unless_equals_int (audioModes ("audio/x-raw, format=F32LE,"
          " layout={ non-interleaved, interleaved }, rate=48000,"
          " channels=2").size (), 1);
  /* Compressed audio is not a microphone mode. */
  fail_unless (audioModes ("audio/x-opus, rate=48000, channels=2").empty ());
}

GST_END_TEST;

GST_START_TEST (test_malformed_and_partial)
{
  fail_unless (videoModesFromCaps (nullptr).empty ());
  fail_unless (audioModesFromCaps (nullptr).empty ());
  CapsPtr any (gst_caps_new_any ());
  fail_unless (videoModesFromCaps (any.get ()).empty ());
  CapsPtr empty (gst_caps_new_empty ());
  fail_unless (videoModesFromCaps (empty.get ()).empty ());

  /* Missing fields, wrong types: that structure is skipped, the next one
   * still counts. */
  auto modes = videoModes ("video/x-raw, format=I420, width=640,"
      " framerate=30/1; video/x-raw, format=I420, width=(string)wide,"
      " height=480, framerate=30/1; video/x-raw, format=(int)5, width=640,"
      " height=480, framerate=30/1; video/x-raw, format={ I420, 7 },"
      " width=640, height=480, framerate=30/1; video/x-raw, width=640,"
      " height=480, framerate=(int)30; video/x-raw, width=640, height=480;"
      " video/x-raw, width=<640, 320>, height=480, framerate=30/1;"
      " video/x-raw, format=NV12, width=320, height=240, framerate=15/1");
  fail_unless_equals_int (modes.size (), 1);
  fail_unless_equals_string (modes[0].formats[0].c_str (), "NV12");

  /* No usable value at all leaves no mode. */
  fail_unless (videoModes ("video/x-raw, width=0, height=480,"
          " framerate=30/1").empty ());
  fail_unless (videoModes ("video/x-raw, width=[ -640, 0 ], height=480,"
          " framerate=30/1").empty ());

  fail_unless (audioModes ("audio/x-raw, format=S16LE, channels=2").empty ());
  fail_unless (audioModes ("audio/x-raw, format=S16LE, rate=(string)fast,"
          " channels=2").empty ());
  fail_unless (audioModes ("audio/x-raw, format=S16LE, rate=48000,"
          " channels=0").empty ());
}

GST_END_TEST;

GST_START_TEST (test_expansion_is_capped)
{
  /* 200 widths x 200 heights x 100 rates would be four million modes. */
  std::string widths, heights, rates;
  for (int i = 1; i <= 200; i++) {
    widths += (i > 1 ? ", " : "") + std::to_string (i * 8);
    heights += (i > 1 ? ", " : "") + std::to_string (i * 6);
    if (i <= 100)
      rates += (i > 1 ? ", " : "") + std::to_string (i) + "/1";
  }
  const std::string text = "video/x-raw, format=I420, width={ " + widths +
      " }, height={ " + heights + " }, framerate={ " + rates + " };"
      " image/jpeg, width=640, height=480, framerate=30/1";
  auto modes = videoModes (text.c_str ());
  fail_unless_equals_int (modes.size (), kMaxNativeModes);
  /* The first modes are those the caps lists first. */
  fail_unless_equals_int (modes[0].width.min, 8);
  fail_unless_equals_int (modes[0].height.min, 6);
  fail_unless_equals_int (modes[99].frameRate.max.num, 100);
  fail_unless_equals_int (modes[100].height.min, 12);
  fail_unless_equals_string (modes.back ().mediaType.c_str (), "video/x-raw");

  std::string audio = "audio/x-raw, format=S16LE, rate={ ";
  for (int i = 1; i <= 1000; i++)
    audio += (i > 1 ? ", " : "") + std::to_string (8000 + i);
  audio += " }, channels=[ 1, 8 ]";
  std::string many;
  for (int i = 0; i < 101; i++)
    many += (i ? "; " : "") + audio;
  fail_unless_equals_int (audioModes (many.c_str ()).size (), kMaxNativeModes);
}

GST_END_TEST;

GST_START_TEST (test_caps_for_device_round_trip)
{
  const char *video = "video/x-raw, format=(string)YUY2, width=(int)640,"
      " height=(int)480, framerate=(fraction)30/1;"
      " video/x-raw, format=(string){ NV12, I420 },"
      " width=(int)[ 16, 1920, 8 ], height=(int)[ 16, 1080, 2 ],"
      " framerate=(fraction)[ 1/1, 60/1 ];"
      " image/jpeg, width=(int)1280, height=(int)720,"
      " framerate=(fraction)30000/1001";
  DeviceDescription camera;
  camera.kind = Kind::Video;
  camera.videoModes = videoModes (video);
  fail_unless_equals_int (camera.videoModes.size (), 3);
  CapsPtr caps (capsForDevice (camera));
  fail_unless (gst_caps_is_strictly_equal (caps.get (), capsFrom (video).get ()));

  DeviceDescription mic;
  mic.kind = Kind::Audio;
  const char *audio = "audio/x-raw, format=(string)S16LE, rate=(int)16000,"
      " channels=(int)2, layout=(string)interleaved;"
      " audio/x-raw, format=(string){ S16LE, F32LE }, rate=(int)[ 8000, 96000 ],"
      " channels=(int)[ 1, 2 ], layout=(string)interleaved";
  mic.audioModes = audioModes (audio);
  caps.reset (capsForDevice (mic));
  fail_unless (gst_caps_is_strictly_equal (caps.get (), capsFrom (audio).get ()));

  /* A list expands into one structure per value, which together say what
   * the list said. */
  const char *list = "video/x-raw, format=I420, width={ 320, 640 },"
      " height=240, framerate=30/1";
  camera.videoModes = videoModes (list);
  caps.reset (capsForDevice (camera));
  fail_unless (gst_caps_is_subset (caps.get (), capsFrom (list).get ()));
  assertCapsEqual (caps.release (),
      "video/x-raw, format=(string)I420, width=(int)320, height=(int)240,"
      " framerate=(fraction)30/1; video/x-raw, format=(string)I420,"
      " width=(int)640, height=(int)240, framerate=(fraction)30/1");
}

GST_END_TEST;

GST_START_TEST (test_caps_for_hand_built_device)
{
  DeviceDescription camera;
  camera.kind = Kind::Video;
  /* A step that does not divide the bounds cannot be said in caps: the
   * range loses its step rather than its bounds. No media type means raw. */
  VideoMode mode;
  mode.width = { 10, 100, 4 };
  mode.height = { 48, 48, 1 };
  mode.frameRate = { {30, 1}, {30, 1} };
  camera.videoModes.push_back (mode);
  assertCapsEqual (capsForDevice (camera),
      "video/x-raw, width=(int)[ 10, 100 ], height=(int)48,"
      " framerate=(fraction)30/1");

  DeviceDescription nothing;
  nothing.kind = Kind::Audio;
  CapsPtr caps (capsForDevice (nothing));
  fail_unless (gst_caps_is_empty (caps.get ()));
}

GST_END_TEST;

static DeviceDescription
cameraWith (const char *caps)
{
  DeviceDescription camera;
  camera.kind = Kind::Video;
  camera.videoModes = videoModes (caps);
  return camera;
}

static Selection
videoSelection (std::size_t modeIndex, int width, int height, Fraction native,
    Fraction output)
{
  Selection selection;
  selection.modeIndex = modeIndex;
  selection.nativeWidth = width;
  selection.nativeHeight = height;
  selection.nativeFrameRate = native;
  selection.frameRate = output;
  selection.settings.set (Property::Width, static_cast<double> (width));
  selection.settings.set (Property::Height, static_cast<double> (height));
  selection.settings.set (Property::FrameRate, output.asDouble ());
  selection.settings.set (Property::ResizeMode, std::string ("none"));
  return selection;
}

GST_START_TEST (test_raw_selection_caps)
{
  DeviceDescription camera = cameraWith ("video/x-raw,"
      " format={ YUY2, NV12 }, width=[ 16, 1920 ], height=[ 16, 1080 ],"
      " framerate=[ 1/1, 30/1 ]; video/x-raw, format=I420, width=640,"
      " height=480, framerate=30/1");

  /* Every raw format of the mode stays open: the consumer picks. */
  Selection selection = videoSelection (0, 1280, 720, { 30, 1 }, { 30, 1 });
  assertCapsEqual (sourceCapsFor (camera, selection),
      "video/x-raw, format=(string){ YUY2, NV12 }, width=(int)1280,"
      " height=(int)720,"
      " framerate=(fraction)30/1");
  assertCapsEqual (outputCapsFor (camera, selection),
      "video/x-raw, width=(int)1280, height=(int)720,"
      " framerate=(fraction)30/1, pixel-aspect-ratio=(fraction)1/1");

  /* Cropped and decimated: the source runs at its native mode, the track
   * gets the settings. */
  selection = videoSelection (1, 640, 480, { 30, 1 }, { 15, 1 });
  selection.rescaled = true;
  selection.settings.set (Property::Width, 320.0);
  selection.settings.set (Property::Height, 180.0);
  CapsPtr source (sourceCapsFor (camera, selection));
  fail_unless (gst_caps_is_fixed (source.get ()));
  assertCapsEqual (source.release (),
      "video/x-raw, format=(string)I420, width=(int)640, height=(int)480,"
      " framerate=(fraction)30/1");
  assertCapsEqual (outputCapsFor (camera, selection),
      "video/x-raw, width=(int)320, height=(int)180,"
      " framerate=(fraction)15/1, pixel-aspect-ratio=(fraction)1/1");

  /* A mode index the device does not have yields nothing to ask for. */
  selection.modeIndex = 2;
  CapsPtr none (sourceCapsFor (camera, selection));
  fail_unless (gst_caps_is_empty (none.get ()));
  none.reset (outputCapsFor (camera, selection));
  fail_unless (gst_caps_is_empty (none.get ()));
}

GST_END_TEST;

GST_START_TEST (test_compressed_selection_caps)
{
  DeviceDescription camera = cameraWith ("image/jpeg, width=1920,"
      " height=1080, framerate={ 30/1, 15/1 }");

  Selection selection = videoSelection (0, 1920, 1080, { 30, 1 }, { 30, 1 });
  assertCapsEqual (sourceCapsFor (camera, selection),
      "image/jpeg, width=(int)1920, height=(int)1080,"
      " framerate=(fraction)30/1");
  /* Untouched: decoded raw first, the JPEG itself as the alternative. */
  assertCapsEqual (outputCapsFor (camera, selection),
      "video/x-raw, width=(int)1920, height=(int)1080,"
      " framerate=(fraction)30/1, pixel-aspect-ratio=(fraction)1/1;"
      " image/jpeg, width=(int)1920, height=(int)1080,"
      " framerate=(fraction)30/1");

  /* Decimated: only raw can come out. */
  selection = videoSelection (0, 1920, 1080, { 30, 1 }, { 10, 1 });
  assertCapsEqual (outputCapsFor (camera, selection),
      "video/x-raw, width=(int)1920, height=(int)1080,"
      " framerate=(fraction)10/1, pixel-aspect-ratio=(fraction)1/1");

  /* Scaled: likewise. */
  selection = videoSelection (1, 1920, 1080, { 15, 1 }, { 15, 1 });
  selection.rescaled = true;
  selection.settings.set (Property::Width, 1280.0);
  selection.settings.set (Property::Height, 720.0);
  assertCapsEqual (outputCapsFor (camera, selection),
      "video/x-raw, width=(int)1280, height=(int)720,"
      " framerate=(fraction)15/1, pixel-aspect-ratio=(fraction)1/1");
}

GST_END_TEST;

GST_START_TEST (test_audio_selection_caps)
{
  DeviceDescription mic;
  mic.kind = Kind::Audio;
  mic.audioModes = audioModes ("audio/x-raw, format={ S16LE, F32LE },"
      " rate={ 44100, 48000 }, channels=2, layout=interleaved");

  Selection selection;
  selection.modeIndex = 1;
  selection.nativeSampleRate = 48000;
  selection.nativeChannels = 2;
  selection.settings.set (Property::SampleRate, 48000.0);
  selection.settings.set (Property::ChannelCount, 2.0);
  selection.settings.set (Property::SampleSize, 16.0);
  /* only the formats of the sample size the settings report */
  assertCapsEqual (sourceCapsFor (mic, selection),
      "audio/x-raw, format=(string)S16LE, rate=(int)48000, channels=(int)2,"
      " layout=(string)interleaved");
  assertCapsEqual (outputCapsFor (mic, selection),
      "audio/x-raw, rate=(int)48000, channels=(int)2,"
      " layout=(string)interleaved");

  /* Resampled and downmixed. */
  selection.settings.set (Property::SampleRate, 16000.0);
  selection.settings.set (Property::ChannelCount, 1.0);
  assertCapsEqual (outputCapsFor (mic, selection),
      "audio/x-raw, rate=(int)16000, channels=(int)1,"
      " layout=(string)interleaved");

  selection.modeIndex = 5;
  CapsPtr none (sourceCapsFor (mic, selection));
  fail_unless (gst_caps_is_empty (none.get ()));
}

GST_END_TEST;

static Suite *
gst_caps_suite (void)
{
  Suite *s = suite_create ("gst-caps");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_fixed_raw_mode);
  tcase_add_test (tc, test_lists_expand_in_order);
  tcase_add_test (tc, test_int_ranges_and_steps);
  tcase_add_test (tc, test_frame_rates);
  tcase_add_test (tc, test_mixed_mjpeg_and_raw);
  tcase_add_test (tc, test_v4l2_like_caps);
  tcase_add_test (tc, test_videotestsrc_template);
  tcase_add_test (tc, test_audiotestsrc_template);
  tcase_add_test (tc, test_audio_modes);
  tcase_add_test (tc, test_malformed_and_partial);
  tcase_add_test (tc, test_expansion_is_capped);
  tcase_add_test (tc, test_caps_for_device_round_trip);
  tcase_add_test (tc, test_caps_for_hand_built_device);
  tcase_add_test (tc, test_raw_selection_caps);
  tcase_add_test (tc, test_compressed_selection_caps);
  tcase_add_test (tc, test_audio_selection_caps);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (gst_caps);
