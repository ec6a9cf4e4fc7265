/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* What ALSA tells about microphones beyond what alsasrc and GStreamer's ALSA
 * device provider do: the capabilities of a capture PCM read from its
 * hardware parameters (formats, rates as the device really offers them,
 * channels, the latency range), the capture PCMs that ALSA's configuration
 * defines, and the physical device behind a card, for groupId.
 *
 * These functions are safe to call from any thread. ALSA reads its
 * configuration (asoundrc, including $XDG_CONFIG_HOME/alsa/asoundrc) once
 * per process and caches it; snd_config_update_free_global() makes the next
 * call read it again. */

#pragma once

#include "device.h"
#include "error.h"

#include <optional>
#include <string>
#include <vector>

namespace mediastream::alsa {

/* A capture PCM that ALSA's configuration names (snd_device_name_hint). */
struct CapturePcm {
  std::string name;           /* what alsasrc's "device" property takes */
  std::string label;          /* the description's first line, or the name */
  std::string description;    /* the whole description, possibly several lines */
  int card = -1;              /* for hw:CARD=x,DEV=n: the card's index */
  int device = -1;            /* and the PCM device number */
};

/* The capture PCMs a user would pick from, in ALSA's order:
 *
 * - "default" first, when the configuration defines it (ALSA's name hints
 *   leave it out, being a redirection), labelled with its hint description
 *   or "Default";
 * - every PCM of the configuration that is not bound to a card: the ones an
 *   asoundrc defines, sound servers' PCMs (pulse, pipewire, jack), ...;
 * - one hw:CARD=<id>,DEV=<n> per capture PCM device of each card: the same
 *   devices GStreamer's ALSA device provider lists (as hw:<card>,<n>), under
 *   the names that survive card renumbering.
 *
 * Left out: "null"; PCMs whose hint says they are output only (IOID
 * "Output", which a description can set with a "|IOIDOutput" suffix); and
 * the other plugin routes ALSA generates per card (plughw, default:CARD,
 * sysdefault, dsnoop, front, surround*, iec958, dmix...), which reach the
 * same hardware as the hw entry and would list one microphone many times
 * over. A PCM listed here may still fail to open (busy, or playback only
 * without saying so); describe() tells. */
std::vector<CapturePcm> listCapturePcms ();

/* A capture PCM described for the constraints engine. */
struct Microphone {
  std::string pcm;            /* the name it was opened by */
  int card = -1;              /* the card behind it, when ALSA says (hw,
                               * plughw, dsnoop...; not for null or plugins
                               * that are their own device) */
  /* kind Audio, label (ALSA's PCM name), audioModes and latency. The ids
   * and audio processing are the device layer's to fill. */
  DeviceDescription description;
};

/* Opens the PCM for capture without blocking, reads its hardware parameter
 * space, and closes it again.
 *
 * audioModes: audio/x-raw, one mode per sample rate range, each with every
 * format and the channel range.
 * - formats: those alsasrc can capture (S8/U8 up to F64), native byte order
 *   only unless the PCM has none, widest first: the order and the set of
 *   alsasrc's caps.
 * - rates: one continuous range [min, max] when the PCM takes any rate in
 *   between (probed with rates that are not standard ones); otherwise one
 *   fixed mode per rate it takes among min, max and the standard rates
 *   (8000 ... 384000), where alsasrc would claim the whole range. Rates
 *   below 4000 Hz are not offered (as alsasrc), nor above G_MAXINT.
 * - channels: [min, max] as ALSA reports, with max capped at 64 (software
 *   PCMs report up to 2^30). alsasrc offers only 1-4, 6 and 8 of these.
 *   Formats, rates and channels are treated as independent, as alsasrc
 *   does.
 *
 * latency, in seconds, for a typical configuration (S16LE when offered,
 * else the first format; the rate nearest 48 kHz; the channels nearest 2):
 * min is one period of the smallest size (captured audio reaches the
 * application a period at a time), max the largest buffer, value 10 ms
 * (alsasrc's latency-time default) clamped into [min, max].
 *
 * Errors: NotFoundError when there is no such PCM or it cannot capture;
 * NotReadableError when it is busy (a hw device another application has
 * open) or cannot be opened or read otherwise; NotAllowedError when the
 * system denies access. Messages name the PCM and say what ALSA said. */
Result<Microphone> describe (const std::string &pcm);

/* The long name ALSA gives the card ("Dummy 1", "HDA Intel PCH at 0xf7f10000
 * irq 33"), which GStreamer's alsa provider labels its devices with; empty
 * when there is no such card. */
std::string cardLongName (int card);

/* Opens the PCM for capture without blocking and closes it again: 0 when
 * it opens, else the negative errno ALSA answered (-EBUSY while another
 * application holds a hw device, -ENOENT or -ENODEV when there is no such
 * PCM or its card is gone, -EACCES when the system denies access). For
 * telling why a capture failed. */
int tryOpen (const std::string &pcm);

/* A stable key for the physical device a card belongs to (for groupId):
 * sysfs::physicalDevice() of <sysfsRoot>/class/sound/card<card>, i.e. the
 * USB device (not interface) path of a USB card, so that a webcam's
 * microphone gets the key its camera node gets; the PCI function of a PCI
 * card; the card's own platform device for a virtual card such as
 * snd-dummy. Empty when the card does not exist. sysfsRoot is for tests. */
std::optional<std::string> physicalDeviceKey (int card,
    const std::string &sysfsRoot = "/sys");

}  // namespace mediastream::alsa
