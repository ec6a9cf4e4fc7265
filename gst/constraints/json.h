/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Constraints, settings, capabilities and errors to and from JSON, with the
 * conversions WebIDL applies to what a page passes to getUserMedia() and
 * applyConstraints(). */

#pragma once

#include "constraints.h"
#include "error.h"
#include "settings.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace mediastream {

/* Limits on untrusted input; a document beyond them is a TypeError. */
inline constexpr std::size_t kMaxDocumentBytes = 64 * 1024;
inline constexpr std::size_t kMaxNestingDepth = 32;

/* A MediaStreamConstraints document ({"video": ..., "audio": ...}).
 * Errors are TypeErrors whose message starts with the path of the offending
 * member, e.g. "video.width.min: expected a number". */
Result<StreamConstraints> parseStreamConstraints (std::string_view json);

/* A MediaTrackConstraints document (applyConstraints()). */
Result<TrackConstraints> parseTrackConstraints (std::string_view json);

/* getConstraints(): the constraints in the shape they were written. */
nlohmann::ordered_json toJson (const StreamConstraints &constraints);
nlohmann::ordered_json toJson (const TrackConstraints &constraints);
nlohmann::ordered_json toJson (const ConstraintSet &set);

/* getSettings() and getCapabilities(). */
nlohmann::ordered_json toJson (const Settings &settings);
nlohmann::ordered_json toJson (const Capabilities &capabilities);

/* {"name": ..., "constraint": ... (OverconstrainedError only), "message": ...} */
nlohmann::ordered_json toJson (const Error &error);

/* getSupportedConstraints(): {"width": true, ...} */
nlohmann::ordered_json supportedConstraintsJson ();

}  // namespace mediastream
