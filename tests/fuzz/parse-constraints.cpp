/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* libFuzzer target for the constraints parser: every input is read as
 * MediaStreamConstraints and as MediaTrackConstraints. Parsing must never
 * crash or throw; an error must serialise; and what parses must read back
 * the same from its own serialisation (getConstraints() gives back what
 * applyConstraints() took). */

#include "json.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput (const std::uint8_t * data,
    std::size_t size);

namespace {

using namespace mediastream;

[[noreturn]] void
roundTripFailed (const char *what, const std::string & written)
{
  std::fprintf (stderr, "%s: reading back %s did not give the same "
      "constraints\n", what, written.c_str ());
  std::abort ();
}

/* Serialising can make a document larger than the input limit (ToString
 * turns {} into "[object Object]"); no round trip can go through the
 * parser then, so those are not read back. Nesting cannot grow: the output
 * is never deeper than {"video":{"advanced":[{"x":{"exact":[...]}}]}}. */
bool
fitsInputLimit (const std::string & written)
{
  return written.size () <= kMaxDocumentBytes;
}

nlohmann::ordered_json
streamJson (const StreamConstraints & constraints)
{
  nlohmann::ordered_json object = nlohmann::ordered_json::object ();
  if (constraints.audio)
    object["audio"] = toJson (*constraints.audio);
  if (constraints.video)
    object["video"] = toJson (*constraints.video);
  return object;
}

void
checkTrackRoundTrip (const TrackConstraints & constraints)
{
  const std::string written = toJson (constraints).dump ();
  if (!fitsInputLimit (written))
    return;
  const Result<TrackConstraints> again = parseTrackConstraints (written);
  if (!again.ok () || !(again.value () == constraints))
    roundTripFailed ("MediaTrackConstraints", written);
  /* And the serialisation is a fixed point. */
  if (toJson (again.value ()).dump () != written)
    roundTripFailed ("MediaTrackConstraints (second serialisation)",
        written);
}

void
checkStreamRoundTrip (const StreamConstraints & constraints)
{
  const std::string written = streamJson (constraints).dump ();
  if (!fitsInputLimit (written))
    return;
  const Result<StreamConstraints> again = parseStreamConstraints (written);
  if (!again.ok () || !(again->audio == constraints.audio)
      || !(again->video == constraints.video))
    roundTripFailed ("MediaStreamConstraints", written);
}

/* An error must be a TypeError whose message names where it happened and
 * serialises (dump() throws on text that is not UTF-8). */
void
checkError (const Error & error)
{
  if (error.name != ErrorName::TypeError || error.message.empty ()) {
    std::fprintf (stderr, "unexpected error: %s\n", error.message.c_str ());
    std::abort ();
  }
  (void) toJson (error).dump ().size ();
}

}  // namespace

extern "C" int
LLVMFuzzerTestOneInput (const std::uint8_t * data, std::size_t size)
{
  const std::string_view text (reinterpret_cast<const char *> (data), size);

  const Result<StreamConstraints> stream = parseStreamConstraints (text);
  if (stream.ok ())
    checkStreamRoundTrip (stream.value ());
  else
    checkError (stream.error ());

  const Result<TrackConstraints> track = parseTrackConstraints (text);
  if (track.ok ())
    checkTrackRoundTrip (track.value ());
  else
    checkError (track.error ());

  return 0;
}
