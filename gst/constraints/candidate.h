/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A candidate of SelectSettings: one native mode of one device with one
 * way of processing it (as is, crop-and-scale, audio processing on), and the
 * domain of every property it exposes. Narrowing a candidate by a
 * constraint set keeps the settings dictionaries that satisfy the set. */

#pragma once

#include "constraints.h"
#include "device.h"
#include "domain.h"
#include "settings.h"

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

namespace mediastream {

struct Candidate {
  std::size_t deviceIndex = 0;
  std::size_t modeIndex = 0;
  Kind kind = Kind::Video;
  bool rescale = false;     /* video: resizeMode "crop-and-scale" */
  bool processed = false;   /* audio: through the processing path */
  bool compressed = false;  /* video: a compressed native format */

  std::array<Domain, kPropertyCount> domains;
  /* The value picked when no ideal says otherwise: the native value, the
   * user agent default, or the control's current value. */
  std::array<std::optional<SettingValue>, kPropertyCount> preferred;

  Domain &domain (Property p) { return domains[static_cast<std::size_t> (p)]; }
  const Domain &domain (Property p) const {
    return domains[static_cast<std::size_t> (p)];
  }
  double preferredNumber (Property p) const;
};

/* The frame rate a crop-and-scale candidate may decimate down to. */
inline constexpr double kMinFrameRate = 0.001;

/* Every candidate of a device (none when it is not of `kind`). */
void appendCandidates (const DeviceDescription &device,
    std::size_t deviceIndex, std::vector<Candidate> &out);

/* Keeps the settings dictionaries of the candidate that satisfy the set's
 * required constraints (bare values are exact in advanced sets). Returns the
 * first property, in Property order, that no dictionary satisfies. */
std::optional<Property> narrowCandidate (Candidate &candidate,
    const ConstraintSet &set, bool advanced);

}  // namespace mediastream
