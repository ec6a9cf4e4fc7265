/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* MediaTrackSettings and MediaTrackCapabilities. */

#pragma once

#include "property.h"

#include <array>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mediastream {

/* One settings value: a number, a boolean or a string. */
using SettingValue = std::variant<double, bool, std::string>;

struct Settings {
  std::array<std::optional<SettingValue>, kPropertyCount> values;

  const std::optional<SettingValue> &get (Property p) const {
    return values[static_cast<std::size_t> (p)];
  }
  void set (Property p, SettingValue v) {
    values[static_cast<std::size_t> (p)] = std::move (v);
  }
  std::optional<double> number (Property p) const;
  bool operator== (const Settings &o) const { return values == o.values; }
};

/* One capability: a {min, max(, step)} range, a list of values (booleans
 * or strings), or a single string (deviceId, groupId). */
struct CapabilityRange {
  double min = 0;
  double max = 0;
  std::optional<double> step;
  bool operator== (const CapabilityRange &o) const {
    return min == o.min && max == o.max && step == o.step;
  }
};
using CapabilityList = std::vector<std::variant<bool, std::string>>;
using Capability = std::variant<CapabilityRange, CapabilityList, std::string>;

struct Capabilities {
  std::array<std::optional<Capability>, kPropertyCount> values;

  const std::optional<Capability> &get (Property p) const {
    return values[static_cast<std::size_t> (p)];
  }
  void set (Property p, Capability c) {
    values[static_cast<std::size_t> (p)] = std::move (c);
  }
  bool operator== (const Capabilities &o) const { return values == o.values; }
};

/* The aspect ratio of a size as the spec reports it: rounded to the 10th
 * decimal place. */
double aspectRatioOf (double width, double height);

}  // namespace mediastream
