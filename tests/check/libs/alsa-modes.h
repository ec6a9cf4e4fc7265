/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Comparing what ext/alsa describes with what alsasrc reports, for the
 * host tests (fake microphone) and the VM tests (snd-dummy, snd-aloop). */

#pragma once

#include "device.h"
#include "gst-caps.h"
#include "gst-ptr.h"

#include <gst/check/gstcheck.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace mediastream {

/* (format, lowest rate, highest rate, channel count) */
using AudioModeKey = std::tuple<std::string, int, int, int>;

/* Audio modes as a set of keys, one per format and channel count, so that
 * two descriptions of one device compare equal however they group their
 * modes (alsasrc has one caps structure per channel layout; ext/alsa one
 * mode per rate range with a channel range). */
inline std::set<AudioModeKey>
audioModeKeys (const std::vector<AudioMode> &modes)
{
  std::set<AudioModeKey> keys;
  for (const AudioMode & mode : modes) {
    for (const std::string & format : mode.formats) {
      for (int c = mode.channels.min; c <= mode.channels.max; c++)
        keys.emplace (format, mode.sampleRate.min, mode.sampleRate.max, c);
    }
  }
  return keys;
}

inline std::string
describeKey (const AudioModeKey & key)
{
  return std::get<0> (key) + " " + std::to_string (std::get<1> (key)) + "-" +
      std::to_string (std::get<2> (key)) + " Hz " +
      std::to_string (std::get<3> (key)) + " ch";
}

/* What alsasrc's source pad reports for a device once it has opened it
 * (READY): the caps it probed from the device. */
inline CapsPtr
alsasrcCaps (const std::string &device)
{
  GstElement *src = gst_element_factory_make ("alsasrc", nullptr);
  fail_unless (src != nullptr, "alsasrc is not installed");
  gst_object_ref_sink (src);
  ObjectPtr<GstElement> owned (src);
  g_object_set (src, "device", device.c_str (), nullptr);
  fail_unless_equals_int (gst_element_set_state (src, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  ObjectPtr<GstPad> pad (gst_element_get_static_pad (src, "src"));
  CapsPtr caps (gst_pad_query_caps (pad.get (), nullptr));
  fail_unless_equals_int (gst_element_set_state (src, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  return caps;
}

}  // namespace mediastream
