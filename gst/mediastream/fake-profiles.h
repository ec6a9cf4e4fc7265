/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The built-in fake device profiles, kept as JSON text so they go through
 * exactly the parser a profile file does. */

#pragma once

#include <optional>
#include <string_view>

namespace mediastream {

std::optional<std::string_view> builtinFakeProfileJson (std::string_view name);

}  // namespace mediastream
