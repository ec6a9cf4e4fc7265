/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Width, height and aspectRatio are one question: the sizes a candidate
 * allows form a polygon (a box cut by two rays through the origin), and the
 * best size is the point of that polygon with the smallest fitness distance,
 * ties going to the native aspect ratio and then to the native size. */

#pragma once

#include <limits>
#include <optional>

namespace mediastream {

struct ResolutionRegion {
  double minWidth = 1;
  double maxWidth = 0;
  double minHeight = 1;
  double maxHeight = 0;
  double minAspectRatio = 0;
  double maxAspectRatio = std::numeric_limits<double>::infinity ();
};

struct ResolutionIdeal {
  std::optional<double> width;
  std::optional<double> height;
  std::optional<double> aspectRatio;
};

struct ResolutionChoice {
  int width = 0;
  int height = 0;
  double fitness = 0;     /* width + height + aspectRatio distances */
};

/* Whether some size of the region exists. Aspect ratios are judged on the
 * pixel grid: a size satisfies a ratio when it is within half a pixel of a
 * size with exactly that ratio. */
bool resolutionRegionFeasible (const ResolutionRegion &region);
bool resolutionSatisfies (const ResolutionRegion &region, int width, int height);

/* The best size of the region for the ideals; nullopt when no integral size
 * of the region satisfies it. */
std::optional<ResolutionChoice> bestResolution (const ResolutionRegion &region,
    const ResolutionIdeal &ideal, double preferredWidth, double preferredHeight);

}  // namespace mediastream
