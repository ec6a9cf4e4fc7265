/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Constraints JSON: the WebIDL conversions a browser applies to what a page
 * passes to getUserMedia() / applyConstraints(), the error paths, the input
 * limits, and the JSON given back by getConstraints(), getSettings(),
 * getCapabilities() and getSupportedConstraints(). */

/* The C++ headers go first: gstcheck.h defines macros (fail, ...) that
 * clash with names in the standard library. */
#include "json.h"

#include <iterator>
#include <string>
#include <vector>

#include "check-main.h"

using namespace mediastream;

/* ---- helpers ---------------------------------------------------------- */

static TrackConstraints
parseTrack (const std::string & text)
{
  Result<TrackConstraints> result = parseTrackConstraints (text);
  fail_unless (result.ok (), "%s: unexpected error: %s", text.c_str (),
      result.ok () ? "" : result.error ().message.c_str ());
  return result.value ();
}

static StreamConstraints
parseStream (const std::string & text)
{
  Result<StreamConstraints> result = parseStreamConstraints (text);
  fail_unless (result.ok (), "%s: unexpected error: %s", text.c_str (),
      result.ok () ? "" : result.error ().message.c_str ());
  return result.value ();
}

/* The TypeError message parsing `text` as MediaTrackConstraints gives. */
static std::string
trackError (const std::string & text)
{
  Result<TrackConstraints> result = parseTrackConstraints (text);
  fail_if (result.ok (), "%s: parsed, a TypeError was expected",
      text.c_str ());
  fail_unless (result.error ().name == ErrorName::TypeError);
  return result.error ().message;
}

static std::string
streamError (const std::string & text)
{
  Result<StreamConstraints> result = parseStreamConstraints (text);
  fail_if (result.ok (), "%s: parsed, a TypeError was expected",
      text.c_str ());
  fail_unless (result.error ().name == ErrorName::TypeError);
  return result.error ().message;
}

static NumericConstraint
numericMember (const std::string & text, Property property)
{
  const std::optional<Constraint> member = parseTrack (text).basic.get
      (property);
  fail_unless (member.has_value (), "%s: member missing", text.c_str ());
  fail_unless (std::holds_alternative<NumericConstraint> (*member),
      "%s: not a numeric constraint", text.c_str ());
  return std::get<NumericConstraint> (*member);
}

static DiscreteConstraint
discreteMember (const std::string & text, Property property)
{
  const std::optional<Constraint> member = parseTrack (text).basic.get
      (property);
  fail_unless (member.has_value (), "%s: member missing", text.c_str ());
  fail_unless (std::holds_alternative<DiscreteConstraint> (*member),
      "%s: not a discrete constraint", text.c_str ());
  return std::get<DiscreteConstraint> (*member);
}

/* The value of a bare number, which must be the only thing written. */
static double
bareNumber (const std::string & text, Property property)
{
  const NumericConstraint c = numericMember (text, property);
  fail_unless (c.bare, "%s: not bare", text.c_str ());
  fail_unless (c.ideal.has_value (), "%s: no value", text.c_str ());
  fail_unless (!c.min && !c.max && !c.exact && !c.presence,
      "%s: more than a bare value", text.c_str ());
  return *c.ideal;
}

#define fail_unless_number(actual, expected)                              \
  G_STMT_START {                                                          \
    const std::optional<double> _actual = (actual);                       \
    const double _expected = (expected);                                  \
    fail_unless (_actual.has_value (), "'" #actual "' is not set");       \
    fail_unless (*_actual == _expected,                                   \
        "'" #actual "' is %.17g, expected %.17g", *_actual, _expected);   \
  } G_STMT_END

#define fail_unless_bare_number(text, property, expected)                 \
  G_STMT_START {                                                          \
    const double _value = bareNumber ((text), (property));                \
    const double _expected = (expected);                                  \
    fail_unless (_value == _expected, "%s: %.17g, expected %.17g",        \
        std::string (text).c_str (), _value, _expected);                  \
  } G_STMT_END

/* Like fail_unless_equals_string, but it copies both sides first: the
 * strings compared here are mostly temporaries. */
#define fail_unless_equals_text(actual, expected)                         \
  G_STMT_START {                                                          \
    const std::string _actual = (actual);                                 \
    const std::string _expected = (expected);                             \
    fail_unless (_actual == _expected, "'" #actual "' is '%s', not '%s'", \
        _actual.c_str (), _expected.c_str ());                            \
  } G_STMT_END

/* Discrete values as JSON text, so lists compare in one assertion. */
static std::string
valuesText (const std::optional<std::vector<DiscreteValue>> & values)
{
  if (!values)
    return "unset";
  nlohmann::json array = nlohmann::json::array ();
  for (const DiscreteValue & value : *values) {
    if (const bool *b = std::get_if<bool> (&value))
      array.push_back (*b);
    else
      array.push_back (std::get<std::string> (value));
  }
  return array.dump ();
}

static std::string
dumpTrack (const std::string & text)
{
  return toJson (parseTrack (text)).dump ();
}

static std::string
dumpStream (const std::string & text)
{
  return toJson (parseStream (text)).dump ();
}

/* ---- ConstrainULong --------------------------------------------------- */

GST_START_TEST (test_ulong_bare)
{
  fail_unless_bare_number ("{\"width\": 640}", Property::Width, 640);
  fail_unless_bare_number ("{\"height\": 0}", Property::Height, 0);
  fail_unless_bare_number ("{\"sampleRate\": 48000}", Property::SampleRate,
      48000);
  /* Not a number: ToNumber, then [Clamp]. */
  fail_unless_bare_number ("{\"width\": \"640\"}", Property::Width, 640);
  fail_unless_bare_number ("{\"width\": true}", Property::Width, 1);
  fail_unless_bare_number ("{\"width\": false}", Property::Width, 0);
}

GST_END_TEST;

GST_START_TEST (test_ulong_range)
{
  const NumericConstraint c = numericMember
      ("{\"width\": {\"min\": 320, \"max\": 1280, \"exact\": 640, "
      "\"ideal\": 800}}", Property::Width);
  fail_if (c.bare);
  fail_unless_number (c.min, 320);
  fail_unless_number (c.max, 1280);
  fail_unless_number (c.exact, 640);
  fail_unless_number (c.ideal, 800);

  /* null and arrays convert to a dictionary with no members. */
  for (const char *text : { "{\"height\": null}", "{\"height\": []}",
          "{\"height\": [640]}", "{\"height\": {}}" }) {
    const NumericConstraint empty = numericMember (text, Property::Height);
    fail_if (empty.bare, "%s", text);
    fail_if (empty.min || empty.max || empty.exact || empty.ideal, "%s",
        text);
  }

  /* A member that is present converts, null included (ToNumber(null) = 0). */
  fail_unless_number (numericMember ("{\"channelCount\": {\"min\": null}}",
          Property::ChannelCount).min, 0);
}

GST_END_TEST;

GST_START_TEST (test_ulong_clamp)
{
  const std::vector<std::pair<std::string, double>> cases = {
    { "-1", 0 },
    { "-1e20", 0 },
    { "1e20", 4294967295.0 },
    { "4294967295", 4294967295.0 },
    { "4294967296", 4294967295.0 },
    { "0.5", 0 },               /* half to even */
    { "1.5", 2 },
    { "2.5", 2 },
    { "3.5", 4 },
    { "2.5000001", 3 },
    { "639.4", 639 },
    { "\"abc\"", 0 },           /* NaN */
    { "\"Infinity\"", 4294967295.0 },
    { "\"-Infinity\"", 0 },
    { "1e400", 4294967295.0 },  /* Infinity in JavaScript */
    { "-1e400", 0 },
    { "[320]", 320 },           /* in a range member: [320] is "320" */
    { "[1, 2]", 0 },            /* "1,2" is NaN */
    { "{}", 0 },                /* "[object Object]" is NaN */
  };
  for (const auto &[value, expected] : cases) {
    const std::string text = "{\"width\": {\"max\": " + value + "}}";
    fail_unless_number (numericMember (text, Property::Width).max, expected);
  }
  fail_unless_bare_number ("{\"width\": -1}", Property::Width, 0);
  fail_unless_bare_number ("{\"width\": 1e20}", Property::Width,
      4294967295.0);
  fail_unless_bare_number ("{\"width\": \"x\"}", Property::Width, 0);
}

GST_END_TEST;

/* ---- WebIDL conversions: ToNumber on strings -------------------------- */

GST_START_TEST (test_string_to_number)
{
  const std::vector<std::pair<std::string, double>> cases = {
    { "\" 640 \"", 640 },
    { "\"+640\"", 640 },
    { "\"0640\"", 640 },
    { "\"6.4e2\"", 640 },
    { "\"6400E-1\"", 640 },
    { "\".5e3\"", 500 },
    { "\"5.\"", 5 },
    { "\"0x280\"", 640 },
    { "\"0X280\"", 640 },
    { "\"0o1200\"", 640 },
    { "\"0b1010000000\"", 640 },
    { "\"\"", 0 },
    { "\"  \"", 0 },
    { "\"\\u00a0640\\u3000\"", 640 },  /* Unicode white space is trimmed */
    { "\"\\ufeff640\\u2029\"", 640 },
    { "\"640px\"", 0 },         /* NaN from here on */
    { "\"1_000\"", 0 },
    { "\"0x\"", 0 },
    { "\"-0x10\"", 0 },
    { "\"0x1g\"", 0 },
    { "\"1e\"", 0 },
    { "\".\"", 0 },
    { "\"infinity\"", 0 },
    { "\"null\"", 0 },
  };
  for (const auto &[value, expected] : cases) {
    const std::string text = "{\"height\": " + value + "}";
    fail_unless_bare_number (text, Property::Height, expected);
  }

  /* Doubles keep the fraction and the sign. */
  fail_unless_bare_number ("{\"frameRate\": \"29.97\"}", Property::FrameRate,
      29.97);
  fail_unless_bare_number ("{\"latency\": \"-0.5\"}", Property::Latency,
      -0.5);
  fail_unless_bare_number ("{\"frameRate\": \"0x1E\"}", Property::FrameRate,
      30);
  fail_unless_bare_number ("{\"frameRate\": \"0x20000000000001\"}",
      Property::FrameRate, 9007199254740992.0); /* 2^53 + 1 rounds to even */
  fail_unless_bare_number ("{\"frameRate\": \"0x20000000000003\"}",
      Property::FrameRate, 9007199254740996.0);
  fail_unless_bare_number ("{\"frameRate\": \"1e-400\"}",
      Property::FrameRate, 0);
}

GST_END_TEST;

/* ---- ConstrainDouble ---------------------------------------------------- */

GST_START_TEST (test_double_forms)
{
  fail_unless_bare_number ("{\"frameRate\": 29.97}", Property::FrameRate,
      29.97);
  fail_unless_bare_number ("{\"aspectRatio\": 1.7777777778}",
      Property::AspectRatio, 1.7777777778);
  fail_unless_bare_number ("{\"frameRate\": true}", Property::FrameRate, 1);
  fail_unless_bare_number ("{\"exposureCompensation\": -1.5}",
      Property::ExposureCompensation, -1.5);

  const NumericConstraint range = numericMember
      ("{\"latency\": {\"min\": 0.01, \"max\": 0.1, \"ideal\": null}}",
      Property::Latency);
  fail_if (range.bare);
  fail_unless_number (range.min, 0.01);
  fail_unless_number (range.max, 0.1);
  fail_unless_number (range.ideal, 0);        /* a present null member is 0 */
  fail_if (range.exact.has_value ());

  /* No [Clamp] on doubles: -1 stays -1. */
  fail_unless_number (numericMember ("{\"frameRate\": {\"max\": -1}}",
          Property::FrameRate).max, -1);
}

GST_END_TEST;

GST_START_TEST (test_double_rejects_non_finite)
{
  fail_unless_equals_text (trackError ("{\"frameRate\": \"abc\"}").c_str (),
      "frameRate: expected a finite number");
  fail_unless_equals_text (trackError
      ("{\"frameRate\": \"Infinity\"}").c_str (),
      "frameRate: expected a finite number");
  fail_unless_equals_text (trackError ("{\"frameRate\": 1e400}").c_str (),
      "frameRate: expected a finite number");
  fail_unless_equals_text (trackError
      ("{\"latency\": {\"max\": -1e400}}").c_str (),
      "latency.max: expected a finite number");
  fail_unless_equals_text (trackError
      ("{\"aspectRatio\": {\"min\": \"x\"}}").c_str (),
      "aspectRatio.min: expected a finite number");
  fail_unless_equals_text (trackError
      ("{\"aspectRatio\": {\"ideal\": {}}}").c_str (),
      "aspectRatio.ideal: expected a finite number");
  fail_unless_equals_text (trackError
      ("{\"brightness\": {\"exact\": [1, 2]}}").c_str (),
      "brightness.exact: expected a finite number");
}

GST_END_TEST;

/* ---- (boolean or ConstrainDouble): pan, tilt, zoom ------------------- */

GST_START_TEST (test_boolean_or_double)
{
  const NumericConstraint pan = numericMember ("{\"pan\": true}",
      Property::Pan);
  fail_unless (pan.presence == std::optional<bool> (true));
  fail_if (pan.bare || pan.ideal || pan.exact || pan.min || pan.max);

  const NumericConstraint zoom = numericMember ("{\"zoom\": false}",
      Property::Zoom);
  fail_unless (zoom.presence == std::optional<bool> (false));

  fail_unless_bare_number ("{\"tilt\": 3}", Property::Tilt, 3);
  /* A string is not the boolean: it goes through ToNumber. */
  fail_unless_bare_number ("{\"pan\": \"2\"}", Property::Pan, 2);
  fail_unless_equals_text (trackError ("{\"pan\": \"x\"}").c_str (),
      "pan: expected a finite number");
  /* Inside the range a boolean is just a number. */
  const NumericConstraint exact = numericMember
      ("{\"zoom\": {\"exact\": true}}", Property::Zoom);
  fail_unless_number (exact.exact, 1);
  fail_if (exact.presence.has_value ());
}

GST_END_TEST;

/* ---- ConstrainBoolean ------------------------------------------------- */

GST_START_TEST (test_boolean_forms)
{
  const std::vector<std::pair<std::string, std::string>> bare = {
    { "true", "[true]" },
    { "false", "[false]" },
    { "0", "[false]" },
    { "2", "[true]" },
    { "\"\"", "[false]" },
    { "\"no\"", "[true]" },
  };
  for (const auto &[value, expected] : bare) {
    const std::string text = "{\"torch\": " + value + "}";
    const DiscreteConstraint c = discreteMember (text, Property::Torch);
    fail_unless (c.bare, "%s", text.c_str ());
    fail_unless_equals_text (valuesText (c.ideal).c_str (),
        expected.c_str ());
    fail_if (c.idealIsList, "%s", text.c_str ());
  }

  const DiscreteConstraint dict = discreteMember
      ("{\"noiseSuppression\": {\"exact\": true, \"ideal\": null}}",
      Property::NoiseSuppression);
  fail_if (dict.bare);
  fail_unless_equals_text (valuesText (dict.exact).c_str (), "[true]");
  fail_unless_equals_text (valuesText (dict.ideal).c_str (), "[false]");

  /* null and arrays are the (empty) dictionary, not a bare value. */
  for (const char *text : { "{\"autoGainControl\": null}",
          "{\"autoGainControl\": [true]}" }) {
    const DiscreteConstraint empty = discreteMember (text,
        Property::AutoGainControl);
    fail_if (empty.bare, "%s", text);
    fail_if (empty.exact || empty.ideal, "%s", text);
  }
}

GST_END_TEST;

/* ---- ConstrainDOMString ----------------------------------------------- */

GST_START_TEST (test_string_forms)
{
  const DiscreteConstraint bare = discreteMember ("{\"facingMode\": \"user\"}",
      Property::FacingMode);
  fail_unless (bare.bare);
  fail_if (bare.idealIsList);
  fail_unless_equals_text (valuesText (bare.ideal).c_str (), "[\"user\"]");
  fail_if (bare.exact.has_value ());

  const DiscreteConstraint list = discreteMember
      ("{\"facingMode\": [\"user\", \"left\"]}", Property::FacingMode);
  fail_unless (list.bare);
  fail_unless (list.idealIsList);
  fail_unless_equals_text (valuesText (list.ideal).c_str (),
      "[\"user\",\"left\"]");

  const DiscreteConstraint dict = discreteMember
      ("{\"deviceId\": {\"exact\": [\"a\", \"b\"], \"ideal\": \"c\"}}",
      Property::DeviceId);
  fail_if (dict.bare);
  fail_unless (dict.exactIsList);
  fail_if (dict.idealIsList);
  fail_unless_equals_text (valuesText (dict.exact).c_str (),
      "[\"a\",\"b\"]");
  fail_unless_equals_text (valuesText (dict.ideal).c_str (), "[\"c\"]");

  /* An empty list is kept (it means "not specified" to SelectSettings). */
  const DiscreteConstraint empty = discreteMember ("{\"resizeMode\": []}",
      Property::ResizeMode);
  fail_unless (empty.bare && empty.idealIsList);
  fail_unless_equals_text (valuesText (empty.ideal).c_str (), "[]");

  for (const char *text : { "{\"groupId\": null}", "{\"groupId\": {}}" }) {
    const DiscreteConstraint none = discreteMember (text, Property::GroupId);
    fail_if (none.bare || none.exact || none.ideal, "%s", text);
  }
}

GST_END_TEST;

GST_START_TEST (test_string_tostring)
{
  /* ToString as JavaScript does it, for every kind of JSON value. */
  const std::vector<std::pair<std::string, std::string>> cases = {
    { "640", "[\"640\"]" },
    { "0.5", "[\"0.5\"]" },
    { "-0", "[\"0\"]" },
    { "1e21", "[\"1e+21\"]" },
    { "123456789012345680000", "[\"123456789012345680000\"]" },
    { "0.000001", "[\"0.000001\"]" },
    { "1e-7", "[\"1e-7\"]" },
    { "1.5e-7", "[\"1.5e-7\"]" },
    { "0.1e1", "[\"1\"]" },
    { "1.2345e30", "[\"1.2345e+30\"]" },
    { "0.30000000000000004", "[\"0.30000000000000004\"]" },
    { "1e400", "[\"Infinity\"]" },
    { "true", "[\"true\"]" },
    { "{\"exact\": null}", "[\"null\"]" },
    { "{\"exact\": {}}", "[\"[object Object]\"]" },
    { "{\"exact\": 4.5}", "[\"4.5\"]" },
    { "[[1, 2], null, true, {}]",
        "[\"1,2\",\"null\",\"true\",\"[object Object]\"]" },
    { "[[null, [null]], [[]], [1.5, \"x\"]]", "[\",\",\"\",\"1.5,x\"]" },
  };
  for (const auto &[value, expected] : cases) {
    const std::string text = "{\"deviceId\": " + value + "}";
    const DiscreteConstraint c = discreteMember (text, Property::DeviceId);
    const std::string got = valuesText (c.exact ? c.exact : c.ideal);
    fail_unless (got == expected, "%s gives %s, expected %s", text.c_str (),
        got.c_str (), expected.c_str ());
  }
}

GST_END_TEST;

/* ---- ConstrainBooleanOrDOMString (echoCancellation) ------------------ */

GST_START_TEST (test_boolean_or_string)
{
  const std::vector<std::pair<std::string, std::string>> bare = {
    { "true", "[true]" },
    { "false", "[false]" },
    { "\"all\"", "[\"all\"]" },
    { "\"remote-only\"", "[\"remote-only\"]" },
    { "5", "[\"5\"]" },         /* a number is a string, not a boolean */
    { "0", "[\"0\"]" },
  };
  for (const auto &[value, expected] : bare) {
    const std::string text = "{\"echoCancellation\": " + value + "}";
    const DiscreteConstraint c = discreteMember (text,
        Property::EchoCancellation);
    fail_unless (c.bare, "%s", text.c_str ());
    fail_unless_equals_text (valuesText (c.ideal).c_str (),
        expected.c_str ());
  }

  const DiscreteConstraint dict = discreteMember
      ("{\"echoCancellation\": {\"exact\": false, \"ideal\": null}}",
      Property::EchoCancellation);
  fail_if (dict.bare);
  fail_unless_equals_text (valuesText (dict.exact).c_str (), "[false]");
  fail_unless_equals_text (valuesText (dict.ideal).c_str (), "[\"null\"]");

  /* No sequence in this union: an array is the (empty) dictionary. */
  const DiscreteConstraint array = discreteMember
      ("{\"echoCancellation\": [true]}", Property::EchoCancellation);
  fail_if (array.bare || array.exact || array.ideal);
}

GST_END_TEST;

/* ---- Names, members and documents ------------------------------------- */

GST_START_TEST (test_unknown_names_ignored)
{
  const TrackConstraints c = parseTrack ("{\"doesnotexist\": 1, "
      "\"mandatory\": {\"width\": 640}, \"optional\": [{\"width\": 1}], "
      "\"volume\": {\"min\": 2}, \"pointsOfInterest\": \"x\", "
      "\"Width\": 5, \"height\": 480}");
  for (const PropertyInfo & info : allProperties ()) {
    if (info.id != Property::Height)
      fail_if (c.basic.get (info.id).has_value (), "%s is set",
          std::string (info.name).c_str ());
  }
  fail_unless_bare_number ("{\"volume\": 1, \"height\": 480}",
      Property::Height, 480);
  fail_unless (c.advanced.empty ());

  /* In MediaStreamConstraints too: nothing is requested. */
  const StreamConstraints s = parseStream ("{\"doesnotexist\": true, "
      "\"peerIdentity\": \"x\", \"preferCurrentTab\": true}");
  fail_if (s.audio.has_value ());
  fail_if (s.video.has_value ());
}

GST_END_TEST;

GST_START_TEST (test_stream_members)
{
  const std::vector<std::pair<std::string, bool>> cases = {
    { "true", true },
    { "false", false },
    { "null", true },           /* null converts to the dictionary */
    { "{}", true },
    { "[]", true },
    { "1", true },
    { "0", false },
    { "-0.0", false },
    { "\"x\"", true },
    { "\"\"", false },
  };
  for (const auto &[value, requested] : cases) {
    const std::string text = "{\"video\": " + value + "}";
    const StreamConstraints s = parseStream (text);
    fail_unless (s.video.has_value () == requested, "%s", text.c_str ());
    fail_if (s.audio.has_value (), "%s", text.c_str ());
    if (requested)
      fail_unless (*s.video == TrackConstraints {}, "%s", text.c_str ());
  }

  const StreamConstraints both = parseStream
      ("{\"audio\": {\"echoCancellation\": true}, \"video\": {\"width\": 640}}");
  fail_unless (both.audio.has_value () && both.video.has_value ());
  fail_unless (both.audio->basic.get (Property::EchoCancellation).has_value
      ());
  fail_unless (both.video->basic.get (Property::Width).has_value ());

  /* The document is a dictionary: null and arrays have no members. */
  for (const char *text : { "null", "[]", "[{\"video\": true}]", "{}" }) {
    const StreamConstraints none = parseStream (text);
    fail_if (none.audio || none.video, "%s", text);
  }
  for (const char *text : { "5", "\"video\"", "true" }) {
    fail_unless_equals_text (streamError (text).c_str (),
        "constraints: expected an object");
    fail_unless_equals_text (trackError (text).c_str (),
        "constraints: expected an object");
  }
}

GST_END_TEST;

GST_START_TEST (test_advanced_sets)
{
  const TrackConstraints c = parseTrack ("{\"width\": 640, \"advanced\": "
      "[{\"width\": 1280}, null, [], {\"advanced\": [{\"height\": 1}]}]}");
  fail_unless_equals_int (c.advanced.size (), 4);
  fail_unless (c.advanced[0].get (Property::Width).has_value ());
  fail_unless (c.advanced[1].empty ());
  fail_unless (c.advanced[2].empty ());
  /* A set has no `advanced` member of its own. */
  fail_unless (c.advanced[3].empty ());
  fail_unless (parseTrack ("{\"advanced\": []}").advanced.empty ());

  for (const char *text : { "{\"advanced\": {}}", "{\"advanced\": null}",
          "{\"advanced\": 1}", "{\"advanced\": \"[]\"}" }) {
    fail_unless_equals_text (trackError (text).c_str (),
        "advanced: expected a sequence");
  }
  fail_unless_equals_text (trackError
      ("{\"advanced\": [{}, {}, 5]}").c_str (),
      "advanced[2]: expected an object");
  fail_unless_equals_text (trackError
      ("{\"advanced\": [\"width\"]}").c_str (),
      "advanced[0]: expected an object");
  fail_unless_equals_text (streamError
      ("{\"video\": {\"advanced\": {\"0\": {}}}}").c_str (),
      "video.advanced: expected a sequence");
}

GST_END_TEST;

GST_START_TEST (test_error_paths)
{
  fail_unless_equals_text (streamError ("{\"video\": {\"advanced\": "
          "[{}, {}, {\"frameRate\": {\"min\": \"fast\"}}]}}").c_str (),
      "video.advanced[2].frameRate.min: expected a finite number");
  fail_unless_equals_text (streamError
      ("{\"audio\": {\"latency\": {\"ideal\": \"low\"}}}").c_str (),
      "audio.latency.ideal: expected a finite number");
  fail_unless_equals_text (streamError
      ("{\"video\": {\"advanced\": [7]}}").c_str (),
      "video.advanced[0]: expected an object");

  /* Several errors: the one WebIDL meets first is reported. audio converts
   * before video, set members in lexicographic order, inherited members
   * before `advanced`, and max, min before exact, ideal. */
  fail_unless_equals_text (streamError ("{\"video\": {\"frameRate\": \"x\"}, "
          "\"audio\": {\"latency\": \"y\"}}").c_str (),
      "audio.latency: expected a finite number");
  fail_unless_equals_text (trackError
      ("{\"zoom\": \"x\", \"aspectRatio\": \"y\"}").c_str (),
      "aspectRatio: expected a finite number");
  fail_unless_equals_text (trackError
      ("{\"advanced\": 5, \"frameRate\": \"x\"}").c_str (),
      "frameRate: expected a finite number");
  fail_unless_equals_text (trackError
      ("{\"frameRate\": {\"exact\": \"x\", \"min\": \"y\"}}").c_str (),
      "frameRate.min: expected a finite number");
}

GST_END_TEST;

/* ---- Limits and invalid JSON ----------------------------------------- */

static std::string
nestedDocument (std::size_t depth)
{
  /* {"deviceId": [[...]]}: the object is one level, each array another. */
  return "{\"deviceId\": " + std::string (depth - 1, '[') +
      std::string (depth - 1, ']') + "}";
}

GST_START_TEST (test_limit_depth)
{
  fail_unless (parseTrackConstraints (nestedDocument
          (kMaxNestingDepth)).ok ());
  fail_unless_equals_text (trackError (nestedDocument
          (kMaxNestingDepth + 1)).c_str (),
      "constraints: nested deeper than 32 levels");
  fail_unless_equals_text (streamError (std::string (60000, '[')).c_str (),
      "constraints: nested deeper than 32 levels");
  fail_unless_equals_text (streamError (std::string (30000, '{') + "\"a\":"
          + std::string (30000, '}')).c_str (),
      "constraints: nested deeper than 32 levels");

  /* Brackets inside strings are text, not nesting. */
  const std::string brackets = "{\"deviceId\": \"" + std::string (100, '[')
      + "\\\"" + std::string (100, '{') + "\"}";
  fail_unless (parseTrackConstraints (brackets).ok ());
}

GST_END_TEST;

GST_START_TEST (test_limit_size)
{
  const std::string head = "{\"deviceId\": \"";
  const std::string tail = "\"}";
  const std::string fits = head + std::string (kMaxDocumentBytes -
      head.size () - tail.size (), 'a') + tail;
  fail_unless_equals_int (fits.size (), kMaxDocumentBytes);
  fail_unless (parseTrackConstraints (fits).ok ());

  const std::string tooBig = fits + " ";
  fail_unless_equals_text (trackError (tooBig).c_str (),
      "constraints: document is larger than 65536 bytes");
  fail_unless_equals_text (streamError (tooBig).c_str (),
      "constraints: document is larger than 65536 bytes");
}

GST_END_TEST;

GST_START_TEST (test_invalid_json)
{
  for (const char *text : { "", "{", "{'width': 640}", "{\"width\": 640,}",
          "{\"width\": 640} x", "{\"width\": 01}", "/* c */ {}",
          "{\"width\": NaN}", "{\"width\": \"\\ud800\"}" }) {
    const std::string message = trackError (text);
    fail_unless (message.rfind ("constraints: invalid JSON: ", 0) == 0,
        "%s: %s", text, message.c_str ());
  }
  fail_unless_equals_text (trackError ("{\"width\": }").c_str (),
      "constraints: invalid JSON: parse error at line 1, column 11: syntax "
      "error while parsing value - unexpected '}'; expected '[', '{', or a "
      "literal");

  /* A NUL byte is the end of the input to nlohmann, not to JSON.parse(). */
  fail_unless_equals_text (streamError (std::string ("{\"video\": true}\0]]",
              18)),
      "constraints: invalid JSON: parse error at line 1, column 16: NUL "
      "character");
  fail_unless_equals_text (trackError (std::string ("{\n  \"deviceId\": \"a\0\"}",
              21)),
      "constraints: invalid JSON: parse error at line 2, column 17: NUL "
      "character");

  /* The message quotes the input; it stays printable ASCII. */
  const std::string message = streamError ("{\"video\": \"\xff\xfe\"}");
  fail_unless (message.find ("line 1, column") != std::string::npos,
      "%s", message.c_str ());
  for (char c : message)
    fail_unless (c >= 0x20 && c < 0x7f, "byte %d in the message", c);
}

GST_END_TEST;

GST_START_TEST (test_number_overflow)
{
  /* JSON numbers beyond the double range are Infinity, as in JavaScript. */
  fail_unless_bare_number ("{\"width\": 1e400}", Property::Width,
      4294967295.0);
  fail_unless_bare_number ("{\"height\": -1e999}", Property::Height, 0);
  fail_unless_equals_text (dumpTrack ("{\"deviceId\": [-1e400, 1E+400], "
          "\"groupId\": \"1e400\"}").c_str (),
      "{\"deviceId\":[\"-Infinity\",\"Infinity\"],\"groupId\":\"1e400\"}");
  fail_unless_equals_text (dumpStream ("{\"video\": -1e400}").c_str (),
      "{\"video\":{}}");
  fail_unless_equals_text (trackError ("{\"frameRate\": 2e308}").c_str (),
      "frameRate: expected a finite number");
  /* Still invalid JSON when the number is not the only problem, and the
   * position is the one in the text as written. */
  fail_unless_equals_text (trackError ("{\"width\": 1e400, \"x\": }"),
      "constraints: invalid JSON: parse error at line 1, column 23: syntax "
      "error while parsing value - unexpected '}'; expected '[', '{', or a "
      "literal");
  /* Only a whole number literal reads as Infinity. */
  for (const char *text : { "{\"width\": 1e400e5}", "{\"width\": 1e400-}",
          "{\"width\": 1e400.5}", "{\"width\": -1e400e}" }) {
    const std::string message = trackError (text);
    fail_unless (message.rfind ("constraints: invalid JSON: ", 0) == 0,
        "%s: %s", text, message.c_str ());
  }
}

GST_END_TEST;

/* ---- Serialisation ---------------------------------------------------- */

GST_START_TEST (test_serialise_shapes)
{
  fail_unless_equals_text (dumpTrack ("{\"advanced\": [{\"frameRate\": 30},"
          " {\"width\": {\"ideal\": 1920, \"min\": 1280}}], "
          "\"pan\": true, \"deviceId\": {\"exact\": \"abc\"}, "
          "\"facingMode\": [\"user\"], \"height\": {\"ideal\": 720, "
          "\"min\": 480, \"max\": 1080, \"exact\": 720}, \"width\": 640}")
      .c_str (),
      "{\"deviceId\":{\"exact\":\"abc\"},\"facingMode\":[\"user\"],"
      "\"width\":640,\"height\":{\"max\":1080,\"min\":480,\"exact\":720,"
      "\"ideal\":720},\"pan\":true,\"advanced\":[{\"frameRate\":30},"
      "{\"width\":{\"min\":1280,\"ideal\":1920}}]}");

  fail_unless_equals_text (dumpTrack ("{\"frameRate\": {\"ideal\": 29.97}, "
          "\"aspectRatio\": 1.5, \"zoom\": false, \"tilt\": \"4\"}").c_str (),
      "{\"aspectRatio\":1.5,\"frameRate\":{\"ideal\":29.97},\"tilt\":4,"
      "\"zoom\":false}");
  /* echoCancellation's exact is (boolean or DOMString), with no sequence:
   * ["all"] goes through ToString and is "all". */
  fail_unless_equals_text (dumpTrack ("{\"echoCancellation\": {\"exact\": "
          "[\"all\"], \"ideal\": false}, \"torch\": 1, "
          "\"resizeMode\": {\"ideal\": []}}").c_str (),
      "{\"resizeMode\":{\"ideal\":[]},\"echoCancellation\":{\"exact\":"
      "\"all\",\"ideal\":false},\"torch\":true}");
  fail_unless_equals_text (dumpTrack ("{}").c_str (), "{}");
  fail_unless_equals_text (dumpTrack ("{\"advanced\": []}").c_str (), "{}");
  fail_unless_equals_text (dumpTrack ("{\"width\": null}").c_str (),
      "{\"width\":{}}");

  /* toJson (ConstraintSet): an advanced set on its own. */
  const TrackConstraints c = parseTrack ("{\"advanced\": [{\"width\": 640}]}");
  fail_unless_equals_text (toJson (c.advanced[0]).dump ().c_str (),
      "{\"width\":640}");
}

GST_END_TEST;

GST_START_TEST (test_round_trip)
{
  const char *documents[] = {
    "{}",
    "{\"width\": 640, \"height\": {\"min\": 480, \"ideal\": 720}}",
    "{\"width\": -1, \"height\": 1e20, \"sampleRate\": 0.5}",
    "{\"frameRate\": {\"min\": 0.1, \"max\": 1e300, \"ideal\": -0}}",
    "{\"aspectRatio\": 1.3333333333333333, \"latency\": 5e-324}",
    "{\"facingMode\": [\"user\", \"left\"], \"deviceId\": \"a\"}",
    "{\"groupId\": {\"exact\": [\"g\"], \"ideal\": \"h\"}}",
    "{\"resizeMode\": [], \"deviceId\": {\"exact\": []}}",
    "{\"echoCancellation\": {\"exact\": \"all\", \"ideal\": true}}",
    "{\"echoCancellation\": 7, \"autoGainControl\": {\"ideal\": null}}",
    "{\"pan\": true, \"tilt\": false, \"zoom\": {\"min\": 1, \"max\": 4}}",
    "{\"width\": null, \"torch\": null, \"deviceId\": null}",
    "{\"advanced\": [null, {\"width\": 640}, [], {\"facingMode\": \"user\"}]}",
    "{\"deviceId\": [[1, [2]], {}, null, \"\\u0000\\u00e9\\ud83d\\ude00\"]}",
    "{\"deviceId\": 1e21, \"groupId\": 1e400, \"width\": \"0x10\"}",
    "{\"noiseSuppression\": \"\", \"backgroundBlur\": {}}",
    "{\"voiceIsolation\": [], \"torch\": [true]}",
  };
  for (const char *text : documents) {
    const TrackConstraints first = parseTrack (text);
    const std::string written = toJson (first).dump ();
    const TrackConstraints second = parseTrack (written);
    fail_unless (first == second, "%s -> %s does not read back the same",
        text, written.c_str ());
    fail_unless_equals_text (toJson (second).dump ().c_str (),
        written.c_str ());
  }

  for (const char *text : { "{\"video\": true, \"audio\": false}",
          "{\"audio\": {\"echoCancellation\": false}, \"video\": 1}",
          "{\"video\": {\"advanced\": [{\"width\": {\"exact\": 640}}]}}" }) {
    const StreamConstraints first = parseStream (text);
    const std::string written = toJson (first).dump ();
    const StreamConstraints second = parseStream (written);
    fail_unless (first.audio == second.audio && first.video == second.video,
        "%s -> %s does not read back the same", text, written.c_str ());
  }
}

GST_END_TEST;

GST_START_TEST (test_settings_json)
{
  Settings settings;
  settings.set (Property::DeviceId, std::string ("cam0"));
  settings.set (Property::GroupId, std::string ("g1"));
  settings.set (Property::ResizeMode, std::string ("none"));
  settings.set (Property::Width, 640.0);
  settings.set (Property::Height, 480.0);
  settings.set (Property::AspectRatio, aspectRatioOf (640, 480));
  settings.set (Property::FrameRate, 30.0);
  settings.set (Property::SampleRate, 48000.0);
  settings.set (Property::SampleSize, 16.0);
  settings.set (Property::ChannelCount, 2.0);
  settings.set (Property::Latency, 0.01);
  settings.set (Property::EchoCancellation, true);
  settings.set (Property::Zoom, 1.5);

  fail_unless_equals_text (toJson (settings).dump ().c_str (),
      "{\"deviceId\":\"cam0\",\"groupId\":\"g1\",\"resizeMode\":\"none\","
      "\"width\":640,\"height\":480,\"aspectRatio\":1.3333333333,"
      "\"frameRate\":30,\"sampleRate\":48000,\"sampleSize\":16,"
      "\"channelCount\":2,\"latency\":0.01,\"echoCancellation\":true,"
      "\"zoom\":1.5}");

  /* unsigned long settings are integers whatever the double held. */
  Settings odd;
  odd.set (Property::Width, 1279.6);
  odd.set (Property::Height, -3.0);
  odd.set (Property::FrameRate, 29.97);
  odd.set (Property::EchoCancellation, std::string ("remote-only"));
  fail_unless_equals_text (toJson (odd).dump ().c_str (),
      "{\"width\":1280,\"height\":0,\"frameRate\":29.97,"
      "\"echoCancellation\":\"remote-only\"}");

  fail_unless_equals_text (toJson (Settings {}).dump ().c_str (), "{}");
}

GST_END_TEST;

GST_START_TEST (test_capabilities_json)
{
  Capabilities caps;
  caps.set (Property::DeviceId, std::string ("cam0"));
  caps.set (Property::FacingMode, CapabilityList { std::string ("user") });
  caps.set (Property::ResizeMode, CapabilityList { std::string ("none"),
          std::string ("crop-and-scale") });
  caps.set (Property::Width, CapabilityRange { 1, 1920, std::nullopt });
  caps.set (Property::AspectRatio, CapabilityRange { 0.0005, 1920,
          std::nullopt });
  caps.set (Property::FrameRate, CapabilityRange { 0, 30, std::nullopt });
  caps.set (Property::EchoCancellation, CapabilityList { true, false });
  caps.set (Property::Zoom, CapabilityRange { 1, 4, 0.1 });
  caps.set (Property::Torch, CapabilityList {});

  fail_unless_equals_text (toJson (caps).dump ().c_str (),
      "{\"deviceId\":\"cam0\",\"facingMode\":[\"user\"],"
      "\"resizeMode\":[\"none\",\"crop-and-scale\"],"
      "\"width\":{\"min\":1,\"max\":1920},"
      "\"aspectRatio\":{\"min\":0.0005,\"max\":1920},"
      "\"frameRate\":{\"min\":0,\"max\":30},"
      "\"echoCancellation\":[true,false],"
      "\"zoom\":{\"min\":1,\"max\":4,\"step\":0.1},\"torch\":[]}");
  fail_unless_equals_text (toJson (Capabilities {}).dump ().c_str (),
      "{}");
}

GST_END_TEST;

GST_START_TEST (test_error_json)
{
  Error overconstrained;
  overconstrained.name = ErrorName::OverconstrainedError;
  overconstrained.constraint = "width";
  overconstrained.message = "no camera is that wide";
  fail_unless_equals_text (toJson (overconstrained).dump ().c_str (),
      "{\"name\":\"OverconstrainedError\",\"constraint\":\"width\","
      "\"message\":\"no camera is that wide\"}");

  /* "" when no single constraint is to blame: still written. */
  overconstrained.constraint.clear ();
  overconstrained.message.clear ();
  fail_unless_equals_text (toJson (overconstrained).dump ().c_str (),
      "{\"name\":\"OverconstrainedError\",\"constraint\":\"\","
      "\"message\":\"\"}");

  /* Only OverconstrainedError has a constraint. */
  const Result<TrackConstraints> bad = parseTrackConstraints
      ("{\"frameRate\": \"x\"}");
  fail_if (bad.ok ());
  fail_unless_equals_text (toJson (bad.error ()).dump ().c_str (),
      "{\"name\":\"TypeError\","
      "\"message\":\"frameRate: expected a finite number\"}");

  Error notFound;
  notFound.name = ErrorName::NotFoundError;
  notFound.constraint = "ignored";
  notFound.message = "no camera";
  fail_unless_equals_text (toJson (notFound).dump ().c_str (),
      "{\"name\":\"NotFoundError\",\"message\":\"no camera\"}");
}

GST_END_TEST;

GST_START_TEST (test_supported_constraints)
{
  const nlohmann::ordered_json supported = supportedConstraintsJson ();
  fail_unless (supported.is_object ());
  fail_unless_equals_int (supported.size (), kPropertyCount);
  for (const PropertyInfo & info : allProperties ()) {
    const std::string name (info.name);
    fail_unless (supported.contains (name), "%s missing", name.c_str ());
    fail_unless (supported[name] == true, "%s is not true", name.c_str ());
  }
  /* In the property table's order. */
  fail_unless_equals_text (supported.begin ().key ().c_str (), "deviceId");
  fail_unless_equals_text (std::prev (supported.end ()).key ().c_str (),
      "backgroundBlur");
}

GST_END_TEST;

static Suite *
constraints_json_suite (void)
{
  Suite *s = suite_create ("constraints-json");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_ulong_bare);
  tcase_add_test (tc, test_ulong_range);
  tcase_add_test (tc, test_ulong_clamp);
  tcase_add_test (tc, test_string_to_number);
  tcase_add_test (tc, test_double_forms);
  tcase_add_test (tc, test_double_rejects_non_finite);
  tcase_add_test (tc, test_boolean_or_double);
  tcase_add_test (tc, test_boolean_forms);
  tcase_add_test (tc, test_string_forms);
  tcase_add_test (tc, test_string_tostring);
  tcase_add_test (tc, test_boolean_or_string);
  tcase_add_test (tc, test_unknown_names_ignored);
  tcase_add_test (tc, test_stream_members);
  tcase_add_test (tc, test_advanced_sets);
  tcase_add_test (tc, test_error_paths);
  tcase_add_test (tc, test_limit_depth);
  tcase_add_test (tc, test_limit_size);
  tcase_add_test (tc, test_invalid_json);
  tcase_add_test (tc, test_number_overflow);
  tcase_add_test (tc, test_serialise_shapes);
  tcase_add_test (tc, test_round_trip);
  tcase_add_test (tc, test_settings_json);
  tcase_add_test (tc, test_capabilities_json);
  tcase_add_test (tc, test_error_json);
  tcase_add_test (tc, test_supported_constraints);

  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (constraints_json);
