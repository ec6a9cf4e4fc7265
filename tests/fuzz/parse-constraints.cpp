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
 * crash or throw; an error must serialise; a document must be called
 * invalid JSON exactly when the JSON grammar says so; and what parses must
 * read back the same from its own serialisation (getConstraints() gives
 * back what applyConstraints() took). */

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
  const std::string written = toJson (constraints).dump ();
  if (!fitsInputLimit (written))
    return;
  const Result<StreamConstraints> again = parseStreamConstraints (written);
  if (!again.ok () || !(again->audio == constraints.audio)
      || !(again->video == constraints.video))
    roundTripFailed ("MediaStreamConstraints", written);
}

/* The JSON grammar (RFC 8259, plus the leading byte order mark the parser
 * skips), read independently of the parser and with no limit on the
 * magnitude of numbers, which JavaScript reads as Infinity. Recursive: only
 * used on documents the parser found within its nesting limit. */
class JsonGrammar {
public:
  explicit JsonGrammar (std::string_view text) : text_ (text) {}

  bool valid ()
  {
    if (text_.substr (0, 3) == "\xEF\xBB\xBF")
      pos_ = 3;
    skipWhiteSpace ();
    if (!value ())
      return false;
    skipWhiteSpace ();
    return pos_ == text_.size ();
  }

private:
  bool at (char c) const { return pos_ < text_.size () && text_[pos_] == c; }

  unsigned byteAt (std::size_t i) const
  {
    return i < text_.size () ? static_cast<unsigned char> (text_[i]) : 0x100;
  }

  void skipWhiteSpace ()
  {
    while (at (' ') || at ('\t') || at ('\n') || at ('\r'))
      pos_++;
  }

  bool value ()
  {
    if (at ('{'))
      return members ('}', true);
    if (at ('['))
      return members (']', false);
    if (at ('"'))
      return string ();
    if (at ('t'))
      return word ("true");
    if (at ('f'))
      return word ("false");
    if (at ('n'))
      return word ("null");
    return number ();
  }

  /* An object or an array, from its opening bracket. */
  bool members (char close, bool named)
  {
    pos_++;
    skipWhiteSpace ();
    if (at (close)) {
      pos_++;
      return true;
    }
    for (;;) {
      if (named) {
        if (!at ('"') || !string ())
          return false;
        skipWhiteSpace ();
        if (!at (':'))
          return false;
        pos_++;
        skipWhiteSpace ();
      }
      if (!value ())
        return false;
      skipWhiteSpace ();
      if (at (close)) {
        pos_++;
        return true;
      }
      if (!at (','))
        return false;
      pos_++;
      skipWhiteSpace ();
    }
  }

  bool word (std::string_view w)
  {
    if (text_.substr (pos_, w.size ()) != w)
      return false;
    pos_ += w.size ();
    return true;
  }

  std::size_t digits ()
  {
    const std::size_t start = pos_;
    while (pos_ < text_.size () && text_[pos_] >= '0' && text_[pos_] <= '9')
      pos_++;
    return pos_ - start;
  }

  bool number ()
  {
    if (at ('-'))
      pos_++;
    if (at ('0'))
      pos_++;
    else if (digits () == 0)
      return false;
    if (at ('.')) {
      pos_++;
      if (digits () == 0)
        return false;
    }
    if (at ('e') || at ('E')) {
      pos_++;
      if (at ('+') || at ('-'))
        pos_++;
      if (digits () == 0)
        return false;
    }
    return true;
  }

  bool string ()
  {
    pos_++;
    for (;;) {
      const unsigned byte = byteAt (pos_);
      if (byte == 0x100 || byte < 0x20)
        return false;
      if (byte == '"') {
        pos_++;
        return true;
      }
      if (byte == '\\') {
        if (!escape ())
          return false;
      } else if (byte < 0x80) {
        pos_++;
      } else if (!utf8Sequence ()) {
        return false;
      }
    }
  }

  bool hex4 (unsigned & code)
  {
    code = 0;
    for (int i = 0; i < 4; i++, pos_++) {
      const unsigned byte = byteAt (pos_);
      unsigned digit;
      if (byte >= '0' && byte <= '9')
        digit = byte - '0';
      else if (byte >= 'a' && byte <= 'f')
        digit = byte - 'a' + 10;
      else if (byte >= 'A' && byte <= 'F')
        digit = byte - 'A' + 10;
      else
        return false;
      code = code * 16 + digit;
    }
    return true;
  }

  /* From the backslash. A high surrogate must be followed by an escaped
   * low one; a low surrogate cannot stand alone. */
  bool escape ()
  {
    pos_++;
    const unsigned byte = byteAt (pos_);
    if (byte != 0x100 && std::string_view ("\"\\/bfnrt").find
        (static_cast<char> (byte)) != std::string_view::npos) {
      pos_++;
      return true;
    }
    if (byte != 'u')
      return false;
    pos_++;
    unsigned code;
    if (!hex4 (code))
      return false;
    if (code >= 0xDC00 && code <= 0xDFFF)
      return false;
    if (code < 0xD800 || code > 0xDBFF)
      return true;
    if (!word ("\\u") || !hex4 (code))
      return false;
    return code >= 0xDC00 && code <= 0xDFFF;
  }

  /* One well-formed UTF-8 sequence (RFC 3629): no overlong forms, no
   * surrogates, nothing above U+10FFFF. */
  bool utf8Sequence ()
  {
    const unsigned lead = byteAt (pos_);
    std::size_t length;
    unsigned secondMin = 0x80, secondMax = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0)
        secondMin = 0xA0;
      else if (lead == 0xED)
        secondMax = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0)
        secondMin = 0x90;
      else if (lead == 0xF4)
        secondMax = 0x8F;
    } else {
      return false;
    }
    const unsigned second = byteAt (pos_ + 1);
    if (second < secondMin || second > secondMax)
      return false;
    for (std::size_t i = 2; i < length; i++) {
      const unsigned next = byteAt (pos_ + i);
      if (next < 0x80 || next > 0xBF)
        return false;
    }
    pos_ += length;
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

bool
startsWith (const std::string & s, std::string_view prefix)
{
  return s.compare (0, prefix.size (), prefix) == 0;
}

/* The parser calls the document invalid JSON exactly when the grammar does.
 * Documents over the size or nesting limits are refused before anyone
 * looks at their grammar. */
void
checkSyntaxVerdict (std::string_view text, const Error * error)
{
  if (error && (startsWith (error->message, "constraints: nested deeper")
          || startsWith (error->message, "constraints: document is larger")))
    return;
  const bool calledInvalid = error
      && startsWith (error->message, "constraints: invalid JSON");
  if (calledInvalid == JsonGrammar (text).valid ()) {
    std::fprintf (stderr, "the parser says %s, the JSON grammar disagrees\n",
        error ? error->message.c_str () : "valid JSON");
    std::abort ();
  }
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
  checkSyntaxVerdict (text, stream.ok () ? nullptr : &stream.error ());
  if (stream.ok ())
    checkStreamRoundTrip (stream.value ());
  else
    checkError (stream.error ());

  const Result<TrackConstraints> track = parseTrackConstraints (text);
  checkSyntaxVerdict (text, track.ok () ? nullptr : &track.error ());
  if (track.ok ())
    checkTrackRoundTrip (track.value ());
  else
    checkError (track.error ());

  return 0;
}
