/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Parsing reproduces what a browser does with the object a page passes to
 * getUserMedia() or applyConstraints(): JSON gives the JavaScript value
 * (null, boolean, number, string, array, object; there is no undefined, so
 * every member written is "present"), and WebIDL converts it to the
 * dictionaries and unions of the spec. Three ECMAScript operations do most of
 * the work: ToBoolean, ToNumber and ToString, applied to JSON values as they
 * would be to the JavaScript values.
 *
 * Dictionary members are converted in WebIDL order: inherited members first,
 * then lexicographic. That order only decides which error is reported when
 * several members are wrong, but it is the order a browser reports them in.
 *
 * Serialisation writes the shape that was parsed: a bare value stays bare, a
 * list stays a list, pan/tilt/zoom written as booleans stay booleans. Keys of
 * a constraint set follow the property table; dictionary members follow the
 * WebIDL order (max, min, exact, ideal; exact, ideal), as a browser's
 * getConstraints() builds them. Numbers that are integers print as integers,
 * as JSON.stringify prints them; ULong settings and capabilities always do. */

#include "json.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <utility>

namespace mediastream {

namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

/* ------------------------------------------------------------------------
 * Error paths
 * ------------------------------------------------------------------------ */

/* Where a value sits in the document ("video.advanced[2].width.min"). Built
 * on the stack as conversion descends and turned into text only when a
 * conversion fails, so valid documents pay nothing for it. */
class Path {
public:
  Path () = default;

  Path member (std::string_view name) const { return Path (this, name, 0); }
  Path element (std::size_t index) const { return Path (this, {}, index); }

  std::string str () const;

private:
  Path (const Path *parent, std::string_view name, std::size_t index)
      : parent_ (parent), name_ (name), index_ (index) {}

  const Path *parent_ = nullptr;
  std::string_view name_;       /* empty for an element of a sequence */
  std::size_t index_ = 0;
};

std::string
Path::str () const
{
  if (!parent_)
    return std::string ();
  std::string text = parent_->str ();
  if (name_.empty ())
    return text + "[" + std::to_string (index_) + "]";
  if (!text.empty ())
    text += '.';
  text += name_;
  return text;
}

/* A conversion that cannot go on: WebIDL throws a TypeError. Caught at the
 * API boundary and turned into an Error; never seen by callers. */
struct ConversionFailure {
  std::string message;
};

[[noreturn]] void
fail (const Path & path, std::string_view what)
{
  std::string where = path.str ();
  if (where.empty ())
    where = "constraints";
  throw ConversionFailure { where + ": " + std::string (what) };
}

/* ------------------------------------------------------------------------
 * ECMAScript: ToBoolean, ToNumber, ToString on JSON values
 * ------------------------------------------------------------------------ */

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN ();
constexpr double kInfinity = std::numeric_limits<double>::infinity ();

/* StrWhiteSpaceChar: WhiteSpace and LineTerminator, in UTF-8. */
constexpr std::array<std::string_view, 25> kJsWhiteSpace = { {
  "\t", "\n", "\v", "\f", "\r", " ",
  "\xC2\xA0",                   /* U+00A0 no-break space */
  "\xE1\x9A\x80",               /* U+1680 ogham space mark */
  "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83",
  "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87",
  "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A", /* U+2000..U+200A */
  "\xE2\x80\xA8",               /* U+2028 line separator */
  "\xE2\x80\xA9",               /* U+2029 paragraph separator */
  "\xE2\x80\xAF",               /* U+202F narrow no-break space */
  "\xE2\x81\x9F",               /* U+205F medium mathematical space */
  "\xE3\x80\x80",               /* U+3000 ideographic space */
  "\xEF\xBB\xBF",               /* U+FEFF byte order mark */
} };

template <typename Match>
bool
anyWhiteSpace (Match match)
{
  return std::any_of (kJsWhiteSpace.begin (), kJsWhiteSpace.end (), match);
}

std::string_view
trimJsWhiteSpace (std::string_view s)
{
  bool trimmed = true;
  while (trimmed && !s.empty ()) {
    trimmed = anyWhiteSpace ([&s] (std::string_view ws) {
      if (s.substr (0, ws.size ()) != ws)
        return false;
      s.remove_prefix (ws.size ());
      return true;
    });
  }
  trimmed = true;
  while (trimmed && !s.empty ()) {
    trimmed = anyWhiteSpace ([&s] (std::string_view ws) {
      if (s.size () < ws.size () || s.substr (s.size () - ws.size ()) != ws)
        return false;
      s.remove_suffix (ws.size ());
      return true;
    });
  }
  return s;
}

int
digitValue (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return 99;
}

bool
isDecimalDigit (char c)
{
  return c >= '0' && c <= '9';
}

/* "0x1F", "0o17", "0b101": the digits after the prefix, of any length. The
 * first 64 significant bits are kept exactly and the rest only as a sticky
 * bit, which is enough for the conversion to double to round correctly. */
double
radixIntegerValue (std::string_view digits, int bitsPerDigit)
{
  const int radix = 1 << bitsPerDigit;
  std::uint64_t significand = 0;
  bool sticky = false;
  int droppedBits = 0;

  if (digits.empty ())
    return kNaN;
  for (char c : digits) {
    const int digit = digitValue (c);
    if (digit >= radix)
      return kNaN;
    for (int b = bitsPerDigit - 1; b >= 0; b--) {
      const bool bit = (digit >> b) & 1;
      if (significand >> 63) {
        sticky = sticky || bit;
        droppedBits++;
      } else {
        significand = (significand << 1) | (bit ? 1 : 0);
      }
    }
  }
  if (sticky)
    significand |= 1;
  return std::ldexp (static_cast<double> (significand), droppedBits);
}

/* StrDecimalLiteral: [+-] (Infinity | digits [. digits] [exponent] |
 * . digits [exponent]). The value is obtained by rewriting the literal as a
 * JSON number and letting the JSON parser (correctly rounded, locale
 * independent) read it. */
double
decimalLiteralValue (std::string_view s)
{
  bool negative = false;
  if (!s.empty () && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix (1);
  }
  if (s == "Infinity")
    return negative ? -kInfinity : kInfinity;

  std::size_t i = 0;
  auto digitsFrom = [&s, &i] () {
    const std::size_t start = i;
    while (i < s.size () && isDecimalDigit (s[i]))
      i++;
    return s.substr (start, i - start);
  };

  std::string_view integer = digitsFrom ();
  std::string_view fraction;
  if (i < s.size () && s[i] == '.') {
    i++;
    fraction = digitsFrom ();
  }
  if (integer.empty () && fraction.empty ())
    return kNaN;

  std::string_view exponentSign;
  std::string_view exponent;
  if (i < s.size () && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < s.size () && (s[i] == '+' || s[i] == '-'))
      exponentSign = s.substr (i++, 1);
    exponent = digitsFrom ();
    if (exponent.empty ())
      return kNaN;
  }
  if (i != s.size ())
    return kNaN;

  /* JSON has no leading zeros, no empty integer part and no empty fraction. */
  const std::size_t firstNonZero = integer.find_first_not_of ('0');
  std::string text (firstNonZero == std::string_view::npos ? "0" :
      integer.substr (firstNonZero));
  if (!fraction.empty ()) {
    text += '.';
    text += fraction;
  }
  if (!exponent.empty ()) {
    text += 'e';
    text += exponentSign;
    text += exponent;
  }

  /* `text` is a JSON number by construction: the parser can only refuse it
   * for being beyond the largest double, which JavaScript rounds to
   * Infinity. */
  const json number = json::parse (text, nullptr, false);
  const double magnitude = number.is_discarded () ? kInfinity :
      number.get<double> ();
  return negative ? -magnitude : magnitude;
}

/* StringToNumber. */
double
stringToNumber (std::string_view s)
{
  s = trimJsWhiteSpace (s);
  if (s.empty ())
    return 0;
  if (s.size () > 2 && s[0] == '0') {
    switch (s[1]) {
      case 'x':
      case 'X':
        return radixIntegerValue (s.substr (2), 4);
      case 'o':
      case 'O':
        return radixIntegerValue (s.substr (2), 3);
      case 'b':
      case 'B':
        return radixIntegerValue (s.substr (2), 1);
      default:
        break;
    }
  }
  return decimalLiteralValue (s);
}

/* Number::toString(10): the shortest digits that read back as the same
 * double, laid out as JavaScript lays them out (no exponent from 1e-6 up to
 * but excluding 1e21). */
std::string
numberToString (double value)
{
  if (std::isnan (value))
    return "NaN";
  if (value == 0)
    return "0";
  if (std::isinf (value))
    return value < 0 ? "-Infinity" : "Infinity";

  const std::string sign = value < 0 ? "-" : "";
  char buffer[64];
  const auto written = std::to_chars (buffer, buffer + sizeof buffer,
      std::fabs (value), std::chars_format::scientific);
  const std::string_view scientific (buffer,
      static_cast<std::size_t> (written.ptr - buffer));

  /* "d.ddde+XX": the digits without the point, and the exponent. */
  const std::size_t e = scientific.find ('e');
  std::string digits;
  for (char c : scientific.substr (0, e)) {
    if (c != '.')
      digits += c;
  }
  std::string_view exponentText = scientific.substr (e + 1);
  const bool exponentNegative = exponentText[0] == '-';
  if (exponentText[0] == '-' || exponentText[0] == '+')
    exponentText.remove_prefix (1);
  int exponent = 0;
  std::from_chars (exponentText.data (),
      exponentText.data () + exponentText.size (), exponent);
  if (exponentNegative)
    exponent = -exponent;

  const int k = static_cast<int> (digits.size ());
  const int n = exponent + 1;
  if (k <= n && n <= 21)
    return sign + digits + std::string (static_cast<std::size_t> (n - k),
        '0');
  if (0 < n && n <= 21)
    return sign + digits.substr (0, static_cast<std::size_t> (n)) + "." +
        digits.substr (static_cast<std::size_t> (n));
  if (-6 < n && n <= 0)
    return sign + "0." + std::string (static_cast<std::size_t> (-n), '0') +
        digits;

  const std::string exponentPart = std::string (n - 1 >= 0 ? "+" : "-") +
      std::to_string (std::abs (n - 1));
  if (k == 1)
    return sign + digits + "e" + exponentPart;
  return sign + digits.substr (0, 1) + "." + digits.substr (1) + "e" +
      exponentPart;
}

std::string toString (const json & value);

/* Array.prototype.join(","), which is what ToString does to an array: null
 * elements become empty strings, nested arrays are joined in turn (the
 * nesting limit keeps that recursion shallow). */
std::string
joinArray (const json & array)
{
  std::string text;
  bool first = true;
  for (const json & element : array) {
    if (!first)
      text += ',';
    first = false;
    if (!element.is_null ())
      text += toString (element);
  }
  return text;
}

/* ToString. */
std::string
toString (const json & value)
{
  switch (value.type ()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return value.get<bool> () ? "true" : "false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return numberToString (value.get<double> ());
    case json::value_t::string:
      return value.get_ref<const std::string &> ();
    case json::value_t::array:
      return joinArray (value);
    default:
      return "[object Object]";
  }
}

/* ToNumber. An array goes through ToPrimitive, i.e. its joined string; any
 * other object through "[object Object]", which is NaN. */
double
toNumber (const json & value)
{
  switch (value.type ()) {
    case json::value_t::null:
      return 0;
    case json::value_t::boolean:
      return value.get<bool> () ? 1 : 0;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return value.get<double> ();
    case json::value_t::string:
      return stringToNumber (value.get_ref<const std::string &> ());
    case json::value_t::array:
      return stringToNumber (joinArray (value));
    default:
      return kNaN;
  }
}

/* ToBoolean. */
bool
toBoolean (const json & value)
{
  switch (value.type ()) {
    case json::value_t::null:
      return false;
    case json::value_t::boolean:
      return value.get<bool> ();
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:{
      const double number = value.get<double> ();
      return !(number == 0 || std::isnan (number));
    }
    case json::value_t::string:
      return !value.get_ref<const std::string &> ().empty ();
    default:
      return true;
  }
}

/* ------------------------------------------------------------------------
 * WebIDL conversions
 * ------------------------------------------------------------------------ */

constexpr double kMaxUnsignedLong = 4294967295.0;

/* [Clamp] unsigned long on a number: NaN is 0, out-of-range values saturate,
 * fractions round half to even, and -0 becomes +0. */
double
clampToUnsignedLong (double number)
{
  if (std::isnan (number))
    return 0;
  const double clamped = std::min (std::max (number, 0.0), kMaxUnsignedLong);
  const double floor = std::floor (clamped);
  const double fraction = clamped - floor;
  double rounded = floor;
  if (fraction > 0.5 || (fraction == 0.5 && std::fmod (floor, 2.0) != 0))
    rounded = floor + 1;
  return rounded + 0.0;
}

/* [Clamp] unsigned long: any value converts. */
double
clampedUnsignedLong (const json & value, const Path &)
{
  return clampToUnsignedLong (toNumber (value));
}

/* double (a "restricted" double): NaN and the infinities are TypeErrors. */
double
restrictedDouble (const json & value, const Path & path)
{
  const double number = toNumber (value);
  if (!std::isfinite (number))
    fail (path, "expected a finite number");
  return number;
}

using NumberConversion = double (*) (const json &, const Path &);

/* In a union with a dictionary, null and every object (an array included)
 * convert to the dictionary. */
bool
convertsToDictionary (const json & value)
{
  return value.is_null () || value.is_object () || value.is_array ();
}

/* A member of a dictionary. Only JSON objects have named members: null and
 * arrays convert to dictionaries with none. */
const json *
findMember (const json & dictionary, std::string_view name)
{
  if (!dictionary.is_object ())
    return nullptr;
  const auto it = dictionary.find (name);
  return it == dictionary.end () ? nullptr : &*it;
}

/* DoubleRange / ULongRange first (max, min), then the members the
 * Constrain*Range dictionaries add (exact, ideal). */
using NumericField = std::optional<double> NumericConstraint::*;
constexpr std::array<std::pair<std::string_view, NumericField>, 4>
    kRangeMembers = { {
  { "max", &NumericConstraint::max },
  { "min", &NumericConstraint::min },
  { "exact", &NumericConstraint::exact },
  { "ideal", &NumericConstraint::ideal },
} };

NumericConstraint
numericRange (const json & dictionary, const Path & path,
    NumberConversion convert)
{
  NumericConstraint constraint;
  for (const auto &[name, field] : kRangeMembers) {
    if (const json * member = findMember (dictionary, name))
      constraint.*field = convert (*member, path.member (name));
  }
  return constraint;
}

NumericConstraint
bareNumber (double value)
{
  NumericConstraint constraint;
  constraint.ideal = value;
  constraint.bare = true;
  return constraint;
}

/* ([Clamp] unsigned long or ConstrainULongRange). Booleans and strings have
 * no member type of their own in the union, so they go through ToNumber. */
NumericConstraint
constrainULong (const json & value, const Path & path)
{
  if (convertsToDictionary (value))
    return numericRange (value, path, clampedUnsignedLong);
  return bareNumber (clampedUnsignedLong (value, path));
}

/* (double or ConstrainDoubleRange). */
NumericConstraint
constrainDouble (const json & value, const Path & path)
{
  if (convertsToDictionary (value))
    return numericRange (value, path, restrictedDouble);
  return bareNumber (restrictedDouble (value, path));
}

/* (boolean or ConstrainDouble): only a real boolean is the boolean; a string
 * still goes through ToNumber as the double. */
NumericConstraint
constrainBooleanOrDouble (const json & value, const Path & path)
{
  if (value.is_boolean ()) {
    NumericConstraint constraint;
    constraint.presence = value.get<bool> ();
    return constraint;
  }
  return constrainDouble (value, path);
}

/* One converted `exact` or `ideal`: the values and whether they were written
 * as a sequence. */
struct DiscreteValues {
  std::vector<DiscreteValue> values;
  bool isList = false;
};

using DiscreteConversion = DiscreteValues (*) (const json &);

DiscreteValues
singleValue (DiscreteValue value)
{
  DiscreteValues result;
  result.values.push_back (std::move (value));
  return result;
}

/* sequence<DOMString>: each element goes through ToString. */
DiscreteValues
stringSequence (const json & array)
{
  DiscreteValues result;
  result.isList = true;
  result.values.reserve (array.size ());
  for (const json & element : array)
    result.values.emplace_back (toString (element));
  return result;
}

/* boolean. */
DiscreteValues
booleanValue (const json & value)
{
  return singleValue (toBoolean (value));
}

/* (DOMString or sequence<DOMString>): an array is the sequence, anything
 * else (null and plain objects included) goes through ToString. */
DiscreteValues
stringOrSequence (const json & value)
{
  if (value.is_array ())
    return stringSequence (value);
  return singleValue (toString (value));
}

/* (boolean or DOMString): a boolean stays one, anything else is a string. */
DiscreteValues
booleanOrString (const json & value)
{
  if (value.is_boolean ())
    return singleValue (value.get<bool> ());
  return singleValue (toString (value));
}

/* A Constrain*Parameters dictionary: {exact, ideal}. */
DiscreteConstraint
discreteParameters (const json & dictionary, DiscreteConversion convert)
{
  DiscreteConstraint constraint;
  if (const json * exact = findMember (dictionary, "exact")) {
    DiscreteValues converted = convert (*exact);
    constraint.exact = std::move (converted.values);
    constraint.exactIsList = converted.isList;
  }
  if (const json * ideal = findMember (dictionary, "ideal")) {
    DiscreteValues converted = convert (*ideal);
    constraint.ideal = std::move (converted.values);
    constraint.idealIsList = converted.isList;
  }
  return constraint;
}

DiscreteConstraint
bareDiscrete (DiscreteValues converted)
{
  DiscreteConstraint constraint;
  constraint.ideal = std::move (converted.values);
  constraint.idealIsList = converted.isList;
  constraint.bare = true;
  return constraint;
}

/* (boolean or ConstrainBooleanParameters). */
DiscreteConstraint
constrainBoolean (const json & value)
{
  if (convertsToDictionary (value))
    return discreteParameters (value, booleanValue);
  return bareDiscrete (booleanValue (value));
}

/* (DOMString or sequence<DOMString> or ConstrainDOMStringParameters): the
 * sequence wins over the dictionary for arrays, since arrays are iterable. */
DiscreteConstraint
constrainDOMString (const json & value)
{
  if (value.is_array ())
    return bareDiscrete (stringSequence (value));
  if (convertsToDictionary (value))
    return discreteParameters (value, stringOrSequence);
  return bareDiscrete (singleValue (toString (value)));
}

/* (boolean or DOMString or ConstrainBooleanOrDOMStringParameters). */
DiscreteConstraint
constrainBooleanOrDOMString (const json & value)
{
  if (convertsToDictionary (value))
    return discreteParameters (value, booleanOrString);
  return bareDiscrete (booleanOrString (value));
}

Constraint
convertConstraint (ValueType type, const json & value, const Path & path)
{
  switch (type) {
    case ValueType::ULong:
      return constrainULong (value, path);
    case ValueType::Double:
      return constrainDouble (value, path);
    case ValueType::BooleanOrDouble:
      return constrainBooleanOrDouble (value, path);
    case ValueType::Boolean:
      return constrainBoolean (value);
    case ValueType::String:
      return constrainDOMString (value);
    case ValueType::BooleanOrString:
      return constrainBooleanOrDOMString (value);
  }
  return NumericConstraint {};
}

/* The properties in lexicographic order of their names: WebIDL's order of
 * dictionary members. */
const std::array<Property, kPropertyCount> &
propertiesByName ()
{
  static const std::array<Property, kPropertyCount> sorted = [] {
    std::array<Property, kPropertyCount> order {};
    for (std::size_t i = 0; i < kPropertyCount; i++)
      order[i] = allProperties ()[i].id;
    std::sort (order.begin (), order.end (), [] (Property a, Property b) {
      return propertyInfo (a).name < propertyInfo (b).name;
    });
    return order;
  } ();
  return sorted;
}

/* MediaTrackConstraintSet. The caller has checked the value converts to a
 * dictionary. Names that are not properties are not members: ignored. */
ConstraintSet
constraintSet (const json & dictionary, const Path & path)
{
  ConstraintSet set;
  for (Property property : propertiesByName ()) {
    const PropertyInfo & info = propertyInfo (property);
    if (const json * member = findMember (dictionary, info.name))
      set.get (property) = convertConstraint (info.type, *member,
          path.member (info.name));
  }
  return set;
}

/* sequence<MediaTrackConstraintSet>. */
std::vector<ConstraintSet>
advancedSets (const json & value, const Path & path)
{
  if (!value.is_array ())
    fail (path, "expected a sequence");
  std::vector<ConstraintSet> sets;
  sets.reserve (value.size ());
  for (std::size_t i = 0; i < value.size (); i++) {
    const Path elementPath = path.element (i);
    if (!convertsToDictionary (value[i]))
      fail (elementPath, "expected an object");
    sets.push_back (constraintSet (value[i], elementPath));
  }
  return sets;
}

/* MediaTrackConstraints: the inherited set members, then `advanced`. */
TrackConstraints
trackConstraints (const json & dictionary, const Path & path)
{
  TrackConstraints constraints;
  constraints.basic = constraintSet (dictionary, path);
  if (const json * advanced = findMember (dictionary, "advanced"))
    constraints.advanced = advancedSets (*advanced, path.member ("advanced"));
  return constraints;
}

/* (boolean or MediaTrackConstraints) in MediaStreamConstraints. Numbers and
 * strings have no member type in the union and go through ToBoolean. */
std::optional<TrackConstraints>
requestedTrack (const json * member, const Path & path)
{
  if (!member)
    return std::nullopt;
  if (convertsToDictionary (*member))
    return trackConstraints (*member, path);
  if (toBoolean (*member))
    return TrackConstraints {};
  return std::nullopt;
}

/* The document itself is a dictionary: a number, string or boolean cannot
 * be one. */
void
requireDictionary (const json & document, const Path & path)
{
  if (!convertsToDictionary (document))
    fail (path, "expected an object");
}

StreamConstraints
streamConstraints (const json & document)
{
  const Path root;
  requireDictionary (document, root);
  StreamConstraints constraints;
  constraints.audio = requestedTrack (findMember (document, "audio"),
      root.member ("audio"));
  constraints.video = requestedTrack (findMember (document, "video"),
      root.member ("video"));
  return constraints;
}

TrackConstraints
rootTrackConstraints (const json & document)
{
  const Path root;
  requireDictionary (document, root);
  return trackConstraints (document, root);
}

/* ------------------------------------------------------------------------
 * Reading the JSON text, within the limits
 * ------------------------------------------------------------------------ */

/* Whether arrays and objects nest deeper than `limit`. A plain scan of the
 * text, so a hostile document is refused before anything recurses on it. */
bool
nestsDeeperThan (std::string_view text, std::size_t limit)
{
  std::size_t depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size (); i++) {
    const char c = text[i];
    if (inString) {
      if (c == '\\')
        i++;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit)
        return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      depth--;
    }
  }
  return false;
}

bool
startsNumber (char c)
{
  return c == '-' || isDecimalDigit (c);
}

bool
continuesNumber (char c)
{
  return isDecimalDigit (c) || c == '.' || c == 'e' || c == 'E' || c == '+'
      || c == '-';
}

/* The JSON number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]?
 * [0-9]+)?. Only a whole literal may be rewritten: "1e400e5" is not one. */
bool
isJsonNumber (std::string_view s)
{
  std::size_t i = 0;
  auto digits = [&s, &i] () {
    const std::size_t start = i;
    while (i < s.size () && isDecimalDigit (s[i]))
      i++;
    return i - start;
  };

  if (i < s.size () && s[i] == '-')
    i++;
  if (i < s.size () && s[i] == '0')
    i++;
  else if (digits () == 0)
    return false;
  if (i < s.size () && s[i] == '.') {
    i++;
    if (digits () == 0)
      return false;
  }
  if (i < s.size () && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < s.size () && (s[i] == '+' || s[i] == '-'))
      i++;
    if (digits () == 0)
      return false;
  }
  return i == s.size ();
}

/* A SAX handler that only notes whether the parser gave up because a
 * number does not fit in a double (nlohmann's error 406), without the cost
 * of an exception per literal. */
struct OverflowProbe {
  bool overflowed = false;

  bool null () { return true; }
  bool boolean (bool) { return true; }
  bool number_integer (json::number_integer_t) { return true; }
  bool number_unsigned (json::number_unsigned_t) { return true; }
  bool number_float (json::number_float_t, const json::string_t &) {
    return true;
  }
  bool string (json::string_t &) { return true; }
  bool binary (json::binary_t &) { return true; }
  bool start_object (std::size_t) { return true; }
  bool key (json::string_t &) { return true; }
  bool end_object () { return true; }
  bool start_array (std::size_t) { return true; }
  bool end_array () { return true; }
  bool parse_error (std::size_t, const std::string &,
      const json::exception & error) {
    overflowed = error.id == 406;
    return false;
  }
};

/* Whether a number literal is too large for a double: JavaScript reads it
 * as Infinity, the JSON parser refuses it. */
bool
overflowsDouble (std::string_view literal)
{
  if (!isJsonNumber (literal))
    return false;
  OverflowProbe probe;
  json::sax_parse (literal, &probe);
  return probe.overflowed;
}

enum class OverflowRewrite {
  /* The strings "Infinity" / "-Infinity": ToNumber, ToString and ToBoolean
   * agree on them and on the number, and no union here has members that
   * tell a number from a string at that point, so every conversion gives
   * what a browser gives for 1e400. */
  InfinityString,
  /* A zero padded with spaces to the literal's length: the document keeps
   * its shape and every character its line and column, for syntax errors. */
  SameLengthZero,
};

/* The text with every number literal that overflows a double rewritten. */
std::string
rewriteOverflows (std::string_view text, OverflowRewrite rewrite)
{
  std::string out;
  out.reserve (text.size () + 16);
  bool inString = false;
  for (std::size_t i = 0; i < text.size ();) {
    const char c = text[i];
    if (inString) {
      out += c;
      if (c == '\\' && i + 1 < text.size ())
        out += text[++i];
      else if (c == '"')
        inString = false;
      i++;
    } else if (startsNumber (c)) {
      std::size_t end = i + 1;
      while (end < text.size () && continuesNumber (text[end]))
        end++;
      const std::string_view literal = text.substr (i, end - i);
      if (!overflowsDouble (literal))
        out += literal;
      else if (rewrite == OverflowRewrite::SameLengthZero)
        out += "0" + std::string (literal.size () - 1, ' ');
      else
        out += c == '-' ? "\"-Infinity\"" : "\"Infinity\"";
      i = end;
    } else {
      inString = c == '"';
      out += c;
      i++;
    }
  }
  return out;
}

/* json::parse, except that numbers beyond the double range read as
 * Infinity, as JSON.parse() reads them. */
json
parseJson (std::string_view text)
{
  try {
    return json::parse (text.begin (), text.end ());
  } catch (const json::out_of_range &) {
    /* Syntax errors after the overflow are found, and located, here. */
    const json checked = json::parse (rewriteOverflows (text,
            OverflowRewrite::SameLengthZero));
    return json::parse (rewriteOverflows (text,
            OverflowRewrite::InfinityString));
  }
}

/* nlohmann's message without its "[json.exception...]" prefix, in printable
 * ASCII (it quotes the input, which may not be valid UTF-8) and short. */
std::string
describeParseError (const json::exception & error)
{
  std::string_view what = error.what ();
  const std::size_t prefixEnd = what.find ("] ");
  if (what.substr (0, 1) == "[" && prefixEnd != std::string_view::npos)
    what.remove_prefix (prefixEnd + 2);

  constexpr std::size_t kMaxLength = 200;
  static const char kHex[] = "0123456789abcdef";
  std::string text;
  for (char c : what) {
    const auto byte = static_cast<unsigned char> (c);
    if (byte >= 0x20 && byte < 0x7f) {
      text += c;
    } else {
      text += "\\x";
      text += kHex[byte >> 4];
      text += kHex[byte & 0xf];
    }
    if (text.size () >= kMaxLength) {
      text += "...";
      break;
    }
  }
  return text;
}

/* A NUL byte is not JSON anywhere (in a string it must be written
 * \u0000), but nlohmann's lexer takes it for the end of the input and would
 * ignore whatever follows. Reported in nlohmann's words and positions. */
std::string
describeNul (std::string_view text, std::size_t offset)
{
  const std::string_view before = text.substr (0, offset);
  const std::size_t line = 1 + static_cast<std::size_t> (std::count
      (before.begin (), before.end (), '\n'));
  const std::size_t lineStart = before.rfind ('\n');
  const std::size_t column = lineStart == std::string_view::npos ?
      offset + 1 : offset - lineStart;
  return "parse error at line " + std::to_string (line) + ", column " +
      std::to_string (column) + ": NUL character";
}

json
parseText (std::string_view text)
{
  const Path root;
  if (text.size () > kMaxDocumentBytes)
    fail (root, "document is larger than " +
        std::to_string (kMaxDocumentBytes) + " bytes");
  if (nestsDeeperThan (text, kMaxNestingDepth))
    fail (root, "nested deeper than " + std::to_string (kMaxNestingDepth) +
        " levels");
  if (const std::size_t nul = text.find ('\0'); nul != std::string_view::npos)
    fail (root, "invalid JSON: " + describeNul (text, nul));

  try {
    return parseJson (text);
  } catch (const json::exception & error) {
    fail (root, "invalid JSON: " + describeParseError (error));
  }
}

/* An Error built without letting an allocation failure escape. */
Error
typeError (const std::string & message) noexcept
{
  Error error;
  error.name = ErrorName::TypeError;
  try {
    error.message = message;
  } catch (...) {
    /* Out of memory: the error still says TypeError. */
  }
  return error;
}

/* The API boundary for parsing: nothing thrown gets out. */
template <typename T, typename Convert>
Result<T>
parseDocument (std::string_view text, Convert convert) noexcept
{
  try {
    return convert (parseText (text));
  } catch (const ConversionFailure & failure) {
    return typeError (failure.message);
  } catch (const std::exception & e) {
    return typeError (std::string ("constraints: ") + e.what ());
  } catch (...) {
    return typeError ("constraints: could not be converted");
  }
}

/* ------------------------------------------------------------------------
 * Serialisation
 * ------------------------------------------------------------------------ */

/* A number as JSON.stringify writes it: integers without a fraction. */
ordered_json
numberJson (double value)
{
  constexpr double kMaxSafeInteger = 9007199254740991.0;
  if (std::isfinite (value) && std::trunc (value) == value
      && std::fabs (value) <= kMaxSafeInteger)
    return static_cast<std::int64_t> (value);
  return value;
}

/* An unsigned long member: always an integer, converted as [Clamp] would. */
ordered_json
unsignedLongJson (double value)
{
  return static_cast<std::uint64_t> (clampToUnsignedLong (value));
}

ordered_json
propertyNumberJson (Property property, double value)
{
  if (propertyInfo (property).type == ValueType::ULong)
    return unsignedLongJson (value);
  return numberJson (value);
}

template <typename... Alternatives>
ordered_json
booleanOrStringJson (const std::variant<Alternatives...> & value)
{
  if (const bool *b = std::get_if<bool> (&value))
    return *b;
  return std::get<std::string> (value);
}

/* A bare number, pan/tilt/zoom's boolean, or the range dictionary. */
ordered_json
numericConstraintJson (const NumericConstraint & constraint)
{
  if (constraint.presence)
    return *constraint.presence;
  if (constraint.bare && constraint.ideal)
    return numberJson (*constraint.ideal);

  ordered_json dictionary = ordered_json::object ();
  for (const auto &[name, field] : kRangeMembers) {
    if (const std::optional<double> &value = constraint.*field)
      dictionary[std::string (name)] = numberJson (*value);
  }
  return dictionary;
}

/* A single value unless it was written as a sequence (or is not one value,
 * which only a constraint built in code can be). */
ordered_json
discreteValuesJson (const std::vector<DiscreteValue> & values, bool isList)
{
  if (!isList && values.size () == 1)
    return booleanOrStringJson (values.front ());
  ordered_json array = ordered_json::array ();
  for (const DiscreteValue & value : values)
    array.push_back (booleanOrStringJson (value));
  return array;
}

ordered_json
discreteConstraintJson (const DiscreteConstraint & constraint)
{
  if (constraint.bare && constraint.ideal)
    return discreteValuesJson (*constraint.ideal, constraint.idealIsList);

  ordered_json dictionary = ordered_json::object ();
  if (constraint.exact)
    dictionary["exact"] = discreteValuesJson (*constraint.exact,
        constraint.exactIsList);
  if (constraint.ideal)
    dictionary["ideal"] = discreteValuesJson (*constraint.ideal,
        constraint.idealIsList);
  return dictionary;
}

ordered_json
constraintJson (const Constraint & constraint)
{
  if (const auto *numeric = std::get_if<NumericConstraint> (&constraint))
    return numericConstraintJson (*numeric);
  return discreteConstraintJson (std::get<DiscreteConstraint> (constraint));
}

ordered_json
constraintSetJson (const ConstraintSet & set)
{
  ordered_json object = ordered_json::object ();
  for (const PropertyInfo & info : allProperties ()) {
    if (const std::optional<Constraint> &constraint = set.get (info.id))
      object[std::string (info.name)] = constraintJson (*constraint);
  }
  return object;
}

/* An empty `advanced` is not written: the model cannot tell it from a
 * missing one, and both mean the same. */
ordered_json
trackConstraintsJson (const TrackConstraints & constraints)
{
  ordered_json object = constraintSetJson (constraints.basic);
  if (!constraints.advanced.empty ()) {
    ordered_json advanced = ordered_json::array ();
    for (const ConstraintSet & set : constraints.advanced)
      advanced.push_back (constraintSetJson (set));
    object["advanced"] = std::move (advanced);
  }
  return object;
}

ordered_json
settingValueJson (Property property, const SettingValue & value)
{
  if (const double *number = std::get_if<double> (&value))
    return propertyNumberJson (property, *number);
  if (const bool *b = std::get_if<bool> (&value))
    return *b;
  return std::get<std::string> (value);
}

ordered_json
settingsJson (const Settings & settings)
{
  ordered_json object = ordered_json::object ();
  for (const PropertyInfo & info : allProperties ()) {
    if (const std::optional<SettingValue> &value = settings.get (info.id))
      object[std::string (info.name)] = settingValueJson (info.id, *value);
  }
  return object;
}

ordered_json
capabilityJson (Property property, const Capability & capability)
{
  if (const auto *range = std::get_if<CapabilityRange> (&capability)) {
    ordered_json object = ordered_json::object ();
    object["min"] = propertyNumberJson (property, range->min);
    object["max"] = propertyNumberJson (property, range->max);
    if (range->step)
      object["step"] = propertyNumberJson (property, *range->step);
    return object;
  }
  if (const auto *list = std::get_if<CapabilityList> (&capability)) {
    ordered_json array = ordered_json::array ();
    for (const auto &value : *list)
      array.push_back (booleanOrStringJson (value));
    return array;
  }
  return std::get<std::string> (capability);
}

ordered_json
capabilitiesJson (const Capabilities & capabilities)
{
  ordered_json object = ordered_json::object ();
  for (const PropertyInfo & info : allProperties ()) {
    if (const std::optional<Capability> &capability =
        capabilities.get (info.id))
      object[std::string (info.name)] = capabilityJson (info.id, *capability);
  }
  return object;
}

ordered_json
errorJson (const Error & error)
{
  ordered_json object = ordered_json::object ();
  object["name"] = std::string (errorNameString (error.name));
  if (error.name == ErrorName::OverconstrainedError)
    object["constraint"] = error.constraint;
  object["message"] = error.message;
  return object;
}

/* The API boundary for serialisation: the only thing that can go wrong is
 * running out of memory, and then the answer is JSON null. */
template <typename Build>
ordered_json
serialise (Build build) noexcept
{
  try {
    return build ();
  } catch (...) {
    return ordered_json ();
  }
}

}  // namespace

Result<StreamConstraints>
parseStreamConstraints (std::string_view text)
{
  return parseDocument<StreamConstraints> (text, streamConstraints);
}

Result<TrackConstraints>
parseTrackConstraints (std::string_view text)
{
  return parseDocument<TrackConstraints> (text, rootTrackConstraints);
}

nlohmann::ordered_json
toJson (const StreamConstraints & constraints)
{
  nlohmann::ordered_json object = nlohmann::ordered_json::object ();
  if (constraints.audio)
    object["audio"] = toJson (*constraints.audio);
  if (constraints.video)
    object["video"] = toJson (*constraints.video);
  return object;
}

nlohmann::ordered_json
toJson (const TrackConstraints & constraints)
{
  return serialise ([&constraints] {
    return trackConstraintsJson (constraints);
  });
}

nlohmann::ordered_json
toJson (const ConstraintSet & set)
{
  return serialise ([&set] { return constraintSetJson (set); });
}

nlohmann::ordered_json
toJson (const Settings & settings)
{
  return serialise ([&settings] { return settingsJson (settings); });
}

nlohmann::ordered_json
toJson (const Capabilities & capabilities)
{
  return serialise ([&capabilities] {
    return capabilitiesJson (capabilities);
  });
}

nlohmann::ordered_json
toJson (const Error & error)
{
  return serialise ([&error] { return errorJson (error); });
}

nlohmann::ordered_json
supportedConstraintsJson ()
{
  return serialise ([] {
    ordered_json object = ordered_json::object ();
    for (const PropertyInfo & info : allProperties ())
      object[std::string (info.name)] = true;
    return object;
  });
}

}  // namespace mediastream
