/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "settings.h"

#include <cmath>

namespace mediastream {

std::optional<double>
Settings::number (Property p) const
{
  const auto & v = get (p);
  if (!v)
    return std::nullopt;
  if (const double *d = std::get_if<double> (&*v))
    return *d;
  return std::nullopt;
}

double
aspectRatioOf (double width, double height)
{
  if (height <= 0)
    return 0;
  return std::round (width / height * 1e10) / 1e10;
}

}  // namespace mediastream
