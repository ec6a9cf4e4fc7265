/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "alsa-microphone.h"

#include "sysfs-device.h"

#include <cstdarg>
/* alsa-lib 1.2.8's error.h declares snd_lib_error_set_local () after the
 * end of its extern "C" block (later releases fixed that), so a C++ caller
 * would look for a mangled name: the header goes in with C linkage first,
 * and asoundlib.h's own include of it is then a no-op. */
extern "C" {
#include <alsa/error.h>
}
#include <alsa/asoundlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace mediastream::alsa {

namespace {

/* Rates below this are not audio anyone captures; alsasrc does not offer
 * them either. */
constexpr unsigned kMinRate = 4000;
/* ALSA's software PCMs claim up to 2^30 channels. */
constexpr unsigned kMaxChannels = 64;
/* alsasrc's latency-time default: one 10 ms period. */
constexpr double kDefaultLatency = 0.010;

constexpr unsigned kStandardRates[] = {
  8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200,
  96000, 176400, 192000, 352800, 384000,
};

enum class ByteOrder { None, Little, Big };

struct FormatName {
  snd_pcm_format_t alsa;
  const char *gst;
  ByteOrder order;
};

/* The formats alsasrc maps, in the order of its caps (widest first). */
constexpr FormatName kFormats[] = {
  { SND_PCM_FORMAT_FLOAT64_BE, "F64BE", ByteOrder::Big },
  { SND_PCM_FORMAT_FLOAT64_LE, "F64LE", ByteOrder::Little },
  { SND_PCM_FORMAT_FLOAT_BE, "F32BE", ByteOrder::Big },
  { SND_PCM_FORMAT_FLOAT_LE, "F32LE", ByteOrder::Little },
  { SND_PCM_FORMAT_S32_BE, "S32BE", ByteOrder::Big },
  { SND_PCM_FORMAT_S32_LE, "S32LE", ByteOrder::Little },
  { SND_PCM_FORMAT_U32_BE, "U32BE", ByteOrder::Big },
  { SND_PCM_FORMAT_U32_LE, "U32LE", ByteOrder::Little },
  { SND_PCM_FORMAT_S24_BE, "S24_32BE", ByteOrder::Big },
  { SND_PCM_FORMAT_S24_LE, "S24_32LE", ByteOrder::Little },
  { SND_PCM_FORMAT_U24_BE, "U24_32BE", ByteOrder::Big },
  { SND_PCM_FORMAT_U24_LE, "U24_32LE", ByteOrder::Little },
  { SND_PCM_FORMAT_S24_3BE, "S24BE", ByteOrder::Big },
  { SND_PCM_FORMAT_S24_3LE, "S24LE", ByteOrder::Little },
  { SND_PCM_FORMAT_U24_3BE, "U24BE", ByteOrder::Big },
  { SND_PCM_FORMAT_U24_3LE, "U24LE", ByteOrder::Little },
  { SND_PCM_FORMAT_S16_BE, "S16BE", ByteOrder::Big },
  { SND_PCM_FORMAT_S16_LE, "S16LE", ByteOrder::Little },
  { SND_PCM_FORMAT_U16_BE, "U16BE", ByteOrder::Big },
  { SND_PCM_FORMAT_U16_LE, "U16LE", ByteOrder::Little },
  { SND_PCM_FORMAT_S8, "S8", ByteOrder::None },
  { SND_PCM_FORMAT_U8, "U8", ByteOrder::None },
};

constexpr ByteOrder kNativeOrder =
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? ByteOrder::Big : ByteOrder::Little;

/* ALSA reports problems through an error handler that prints to stderr by
 * default. While one of these is alive, this thread's reports are kept
 * instead, so they can go into the Error's message and do not litter the
 * application's output. (An application that installed a global handler,
 * as GStreamer's ALSA plugin does, keeps receiving them.) */
class AlsaMessages {
public:
  AlsaMessages () : previous_ (snd_lib_error_set_local (&AlsaMessages::keep)) {
    last ().clear ();
  }
  ~AlsaMessages () { snd_lib_error_set_local (previous_); }
  AlsaMessages (const AlsaMessages &) = delete;
  AlsaMessages &operator= (const AlsaMessages &) = delete;

  /* The last report on this thread, e.g. "Unknown PCM nonexistent". */
  static std::string &last () {
    thread_local std::string message;
    return message;
  }

private:
  __attribute__ ((format (printf, 5, 0)))
  static void keep (const char *, int, const char *, int,
      const char *format, va_list args) {
    char text[256];
    std::vsnprintf (text, sizeof (text), format, args);
    last () = text;
  }

  snd_local_error_handler_t previous_;
};

struct PcmClose {
  void operator() (snd_pcm_t * pcm) const { snd_pcm_close (pcm); }
};
using PcmPtr = std::unique_ptr<snd_pcm_t, PcmClose>;

struct HwParamsFree {
  void operator() (snd_pcm_hw_params_t * p) const { snd_pcm_hw_params_free (p); }
};
using HwParamsPtr = std::unique_ptr<snd_pcm_hw_params_t, HwParamsFree>;

struct HintsFree {
  void operator() (void **hints) const { snd_device_name_free_hint (hints); }
};
using HintsPtr = std::unique_ptr<void *, HintsFree>;

struct CFree {
  void operator() (char *s) const { std::free (s); }
};
using CStringPtr = std::unique_ptr<char, CFree>;

struct ConfigDelete {
  void operator() (snd_config_t * c) const { snd_config_delete (c); }
};
using ConfigPtr = std::unique_ptr<snd_config_t, ConfigDelete>;

struct ConfigUnref {
  void operator() (snd_config_t * c) const { snd_config_unref (c); }
};
using ConfigRefPtr = std::unique_ptr<snd_config_t, ConfigUnref>;

HwParamsPtr
newHwParams ()
{
  snd_pcm_hw_params_t *params = nullptr;
  if (snd_pcm_hw_params_malloc (&params) < 0)
    return nullptr;
  return HwParamsPtr (params);
}

HwParamsPtr
copyHwParams (const snd_pcm_hw_params_t * from)
{
  HwParamsPtr copy = newHwParams ();
  if (copy)
    snd_pcm_hw_params_copy (copy.get (), from);
  return copy;
}

std::string
withAlsaDetail (std::string message, int err)
{
  message += ": ";
  message += snd_strerror (err);
  const std::string &detail = AlsaMessages::last ();
  if (!detail.empty ())
    message += " (" + detail + ")";
  return message;
}

Error
openError (const std::string &pcm, int err)
{
  const std::string quoted = "'" + pcm + "'";
  switch (-err) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
      return { ErrorName::NotFoundError, "",
        withAlsaDetail ("No ALSA capture device " + quoted, err) };
    case EBUSY:
      return { ErrorName::NotReadableError, "",
        "ALSA capture device " + quoted +
            " is busy: another application is using it" };
    case EACCES:
    case EPERM:
      return { ErrorName::NotAllowedError, "",
        withAlsaDetail ("The system denies access to ALSA capture device " +
                quoted, err) };
    default:
      return { ErrorName::NotReadableError, "",
        withAlsaDetail ("Could not open ALSA capture device " + quoted, err) };
  }
}

Error
readError (const std::string &pcm, const std::string &what, int err)
{
  return { ErrorName::NotReadableError, "",
    withAlsaDetail ("Could not read the " + what + " of ALSA capture device '"
            + pcm + "'", err) };
}

std::vector<std::string>
formatsOf (const snd_pcm_hw_params_t * params)
{
  snd_pcm_format_mask_t *mask = nullptr;
  if (snd_pcm_format_mask_malloc (&mask) < 0)
    return {};
  snd_pcm_hw_params_get_format_mask (const_cast<snd_pcm_hw_params_t *>
      (params), mask);

  /* Like alsasrc: GStreamer converts byte order itself, so the other order
   * only counts for a PCM that has nothing in the native one. */
  std::vector<std::string> formats;
  for (const ByteOrder wanted : { kNativeOrder, kNativeOrder ==
          ByteOrder::Little ? ByteOrder::Big : ByteOrder::Little }) {
    for (const FormatName &f : kFormats) {
      if ((f.order == wanted || f.order == ByteOrder::None)
          && snd_pcm_format_mask_test (mask, f.alsa))
        formats.push_back (f.gst);
    }
    if (!formats.empty ())
      break;
  }
  snd_pcm_format_mask_free (mask);
  return formats;
}

/* The bounds of an interval as integers: ALSA marks an open end with dir
 * (the true minimum is above min when dir > 0, the maximum below max when
 * dir < 0). */
void
integerBounds (unsigned &min, int minDir, unsigned &max, int maxDir)
{
  if (minDir > 0 && min < UINT_MAX)
    min++;
  if (maxDir < 0 && max > 0)
    max--;
}

bool
takesRate (snd_pcm_t * pcm, snd_pcm_hw_params_t * params, unsigned rate)
{
  return snd_pcm_hw_params_test_rate (pcm, params, rate, 0) == 0;
}

/* One range when the PCM takes any rate between its bounds, else the
 * rates it takes among the bounds and the standard ones. A PCM whose rates
 * are a list (a USB microphone with 16 and 48 kHz, a hw device behind a
 * fixed-rate codec) has min and max in its list but rejects rates in
 * between, which is what the probes look for. */
std::vector<IntRange>
ratesOf (snd_pcm_t * pcm, snd_pcm_hw_params_t * params)
{
  unsigned min = 0, max = 0;
  int minDir = 0, maxDir = 0;
  if (snd_pcm_hw_params_get_rate_min (params, &min, &minDir) < 0
      || snd_pcm_hw_params_get_rate_max (params, &max, &maxDir) < 0)
    return {};
  integerBounds (min, minDir, max, maxDir);
  min = std::max (min, kMinRate);
  max = std::min (max, static_cast<unsigned> (INT_MAX));
  if (min > max)
    return {};
  if (min == max) {
    const int rate = static_cast<int> (min);
    return { { rate, rate, 1 } };
  }

  /* Not standard rates, so a list of the usual ones cannot take them. */
  const unsigned probes[] = { min + 1, min + (max - min) / 3 + 1,
    max - (max - min) / 3 - 1, max - 1 };
  const bool continuous = std::all_of (std::begin (probes), std::end (probes),
      [&] (unsigned rate) {
        return rate < min || rate > max || takesRate (pcm, params, rate);
      });
  if (continuous)
    return { { static_cast<int> (min), static_cast<int> (max), 1 } };

  std::vector<unsigned> candidates = { min, max };
  for (const unsigned rate : kStandardRates) {
    if (rate > min && rate < max)
      candidates.push_back (rate);
  }
  std::sort (candidates.begin (), candidates.end ());

  std::vector<IntRange> rates;
  for (const unsigned rate : candidates) {
    if (takesRate (pcm, params, rate))
      rates.push_back ({ static_cast<int> (rate), static_cast<int> (rate), 1 });
  }
  return rates;
}

std::optional<IntRange>
channelsOf (const snd_pcm_hw_params_t * params)
{
  unsigned min = 0, max = 0;
  if (snd_pcm_hw_params_get_channels_min (params, &min) < 0
      || snd_pcm_hw_params_get_channels_max (params, &max) < 0)
    return std::nullopt;
  min = std::max (min, 1u);
  max = std::min (max, std::max (min, kMaxChannels));
  if (min > max || max > static_cast<unsigned> (INT_MAX))
    return std::nullopt;
  return IntRange { static_cast<int> (min), static_cast<int> (max), 1 };
}

/* Period and buffer sizes depend on the frame size and the rate, so they
 * are read for one typical configuration rather than over every format,
 * rate and channel count at once (where the smallest period of the widest
 * frames and the largest buffer of the narrowest would be mixed). */
std::optional<LatencyRange>
latencyOf (snd_pcm_t * pcm, const snd_pcm_hw_params_t * space,
    const std::vector<std::string> &formats)
{
  HwParamsPtr params = copyHwParams (space);
  if (!params || formats.empty ())
    return std::nullopt;

  const std::string format =
      std::find (formats.begin (), formats.end (), "S16LE") != formats.end ()
      ? std::string ("S16LE") : formats.front ();
  for (const FormatName &f : kFormats) {
    if (format == f.gst
        && snd_pcm_hw_params_set_format (pcm, params.get (), f.alsa) < 0)
      return std::nullopt;
  }
  unsigned rate = 48000;
  unsigned channels = 2;
  snd_pcm_uframes_t periodMin = 0, bufferMax = 0;
  int dir = 0;
  if (snd_pcm_hw_params_set_rate_near (pcm, params.get (), &rate, nullptr) < 0
      || snd_pcm_hw_params_set_channels_near (pcm, params.get (),
          &channels) < 0
      || snd_pcm_hw_params_get_period_size_min (params.get (), &periodMin,
          &dir) < 0
      || snd_pcm_hw_params_get_buffer_size_max (params.get (), &bufferMax) < 0
      || rate == 0)
    return std::nullopt;
  if (dir > 0 || periodMin == 0)
    periodMin++;
  bufferMax = std::max (bufferMax, periodMin);

  LatencyRange latency;
  latency.min = static_cast<double> (periodMin) / rate;
  latency.max = static_cast<double> (bufferMax) / rate;
  latency.value = std::clamp (kDefaultLatency, latency.min, latency.max);
  return latency;
}

/* "hw:CARD=Dummy,DEV=0" → type "hw", card id "Dummy", device 0. */
struct PcmName {
  std::string type;
  std::string cardId;
  int device = -1;
};

std::string
argumentOf (const std::string &arguments, const std::string &key)
{
  const std::string prefix = key + "=";
  std::size_t at = 0;
  while (at <= arguments.size ()) {
    std::size_t end = arguments.find (',', at);
    if (end == std::string::npos)
      end = arguments.size ();
    if (arguments.compare (at, prefix.size (), prefix) == 0)
      return arguments.substr (at + prefix.size (), end - at - prefix.size ());
    at = end + 1;
  }
  return {};
}

PcmName
parsePcmName (const std::string &name)
{
  PcmName parsed;
  const std::size_t colon = name.find (':');
  parsed.type = name.substr (0, colon);
  if (colon == std::string::npos)
    return parsed;
  const std::string arguments = name.substr (colon + 1);
  parsed.cardId = argumentOf (arguments, "CARD");
  const std::string device = argumentOf (arguments, "DEV");
  if (!device.empty ()) {
    char *end = nullptr;
    const long value = std::strtol (device.c_str (), &end, 10);
    if (*end == '\0' && value >= 0 && value <= INT_MAX)
      parsed.device = static_cast<int> (value);
  }
  return parsed;
}

std::string
hintValue (const void *hint, const char *id)
{
  CStringPtr value (snd_device_name_get_hint (hint, id));
  return value ? std::string (value.get ()) : std::string ();
}

/* "default" when the configuration resolves it, with its hint description
 * when it has one. ALSA's name hints skip it: alsa.conf defines it as a
 * redirection to the first card's default. */
std::optional<CapturePcm>
defaultPcm ()
{
  snd_config_t *top = nullptr;
  if (snd_config_update_ref (&top) < 0)
    return std::nullopt;
  ConfigRefPtr topRef (top);

  snd_config_t *found = nullptr;
  if (snd_config_search_definition (top, "pcm", "default", &found) < 0)
    return std::nullopt;
  ConfigPtr definition (found);

  CapturePcm pcm;
  pcm.name = "default";
  snd_config_t *node = nullptr;
  const char *text = nullptr;
  if (snd_config_search (definition.get (), "hint.description", &node) >= 0
      && snd_config_get_string (node, &text) >= 0)
    pcm.description = text;
  pcm.label = pcm.description.empty ()? "Default"
      : pcm.description.substr (0, pcm.description.find ('\n'));
  return pcm;
}

}  // namespace

std::vector<CapturePcm>
listCapturePcms ()
{
  AlsaMessages quiet;
  std::vector<CapturePcm> pcms;

  void **hints = nullptr;
  if (snd_device_name_hint (-1, "pcm", &hints) < 0)
    return pcms;
  HintsPtr owned (hints);

  for (void **hint = hints; *hint; hint++) {
    CapturePcm pcm;
    pcm.name = hintValue (*hint, "NAME");
    const std::string ioid = hintValue (*hint, "IOID");
    if (pcm.name.empty () || pcm.name == "null"
        || (!ioid.empty () && ioid != "Input"))
      continue;

    const PcmName parsed = parsePcmName (pcm.name);
    if (!parsed.cardId.empty ()) {
      if (parsed.type != "hw")
        continue;
      pcm.card = std::max (-1, snd_card_get_index (parsed.cardId.c_str ()));
      pcm.device = parsed.device;
    }
    pcm.description = hintValue (*hint, "DESC");
    pcm.label = pcm.description.empty ()? pcm.name
        : pcm.description.substr (0, pcm.description.find ('\n'));
    pcms.push_back (std::move (pcm));
  }

  /* What alsasrc opens when given no device goes first. */
  const auto listed = std::find_if (pcms.begin (), pcms.end (),
      [] (const CapturePcm & pcm) { return pcm.name == "default"; });
  if (listed != pcms.end ()) {
    if (listed->description.empty ())
      listed->label = "Default";
    std::rotate (pcms.begin (), listed, listed + 1);
  } else if (std::optional<CapturePcm> pcm = defaultPcm ())
    pcms.insert (pcms.begin (), std::move (*pcm));
  return pcms;
}

Result<Microphone>
describe (const std::string &pcm)
{
  AlsaMessages messages;

  snd_pcm_t *opened = nullptr;
  int err = snd_pcm_open (&opened, pcm.c_str (), SND_PCM_STREAM_CAPTURE,
      SND_PCM_NONBLOCK);
  if (err < 0)
    return openError (pcm, err);
  PcmPtr handle (opened);

  HwParamsPtr params = newHwParams ();
  if (!params)
    return readError (pcm, "hardware parameters", -ENOMEM);
  err = snd_pcm_hw_params_any (handle.get (), params.get ());
  if (err < 0)
    return readError (pcm, "hardware parameters", err);

  Microphone mic;
  mic.pcm = pcm;
  DeviceDescription &description = mic.description;
  description.kind = Kind::Audio;

  const std::vector<std::string> formats = formatsOf (params.get ());
  if (formats.empty ())
    return Error { ErrorName::NotReadableError, "",
      "ALSA capture device '" + pcm +
          "' offers no sample format GStreamer can capture" };
  const std::vector<IntRange> rates = ratesOf (handle.get (), params.get ());
  if (rates.empty ())
    return readError (pcm, "sample rates", -EINVAL);
  const std::optional<IntRange> channels = channelsOf (params.get ());
  if (!channels)
    return readError (pcm, "channel counts", -EINVAL);
  for (const IntRange & rate : rates)
    description.audioModes.push_back ({ "audio/x-raw", formats, rate,
            *channels });

  const std::optional<LatencyRange> latency =
      latencyOf (handle.get (), params.get (), formats);
  if (!latency)
    return readError (pcm, "period and buffer sizes", -EINVAL);
  description.latency = *latency;

  snd_pcm_info_t *info = nullptr;
  if (snd_pcm_info_malloc (&info) == 0) {
    if (snd_pcm_info (handle.get (), info) == 0) {
      mic.card = snd_pcm_info_get_card (info);
      const char *name = snd_pcm_info_get_name (info);
      description.label = name && *name ? name : pcm;
    }
    snd_pcm_info_free (info);
  }
  if (description.label.empty ())
    description.label = pcm;
  return mic;
}

std::string
cardLongName (int card)
{
  char *name = nullptr;
  if (card < 0 || snd_card_get_longname (card, &name) < 0 || name == nullptr)
    return {};
  CStringPtr owned (name);
  return name;
}

int
tryOpen (const std::string &pcm)
{
  AlsaMessages quiet;
  snd_pcm_t *opened = nullptr;
  const int err = snd_pcm_open (&opened, pcm.c_str (), SND_PCM_STREAM_CAPTURE,
      SND_PCM_NONBLOCK);
  if (err < 0)
    return err;
  snd_pcm_close (opened);
  return 0;
}

std::optional<std::string>
physicalDeviceKey (int card, const std::string &sysfsRoot)
{
  if (card < 0)
    return std::nullopt;
  return sysfs::physicalDevice (sysfsRoot + "/class/sound/card" +
      std::to_string (card));
}

}  // namespace mediastream::alsa
