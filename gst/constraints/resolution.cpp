/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "resolution.h"

#include "domain.h"
#include "settings.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace mediastream {

namespace {

constexpr double kHalfPixel = 0.5;

/* A handful of doubles on the stack. */
class FixedList {
public:
  void add (double v) { values_[size_++] = v; }
  const double *begin () const { return values_; }
  const double *end () const { return values_ + size_; }

private:
  double values_[4] = {};
  int size_ = 0;
};
constexpr double kRelativeSlack = 1e-9;

bool
boxEmpty (const ResolutionRegion &r)
{
  return r.minWidth > r.maxWidth || r.minHeight > r.maxHeight
      || r.maxWidth < 1 || r.maxHeight < 1;
}

}  // namespace

bool
resolutionRegionFeasible (const ResolutionRegion &r)
{
  if (boxEmpty (r) || r.minAspectRatio > r.maxAspectRatio)
    return false;
  /* The widest and narrowest ratios the box reaches, half a pixel out. */
  const double narrowest = (r.minWidth - kHalfPixel) / (r.maxHeight + kHalfPixel);
  const double widest = (r.maxWidth + kHalfPixel) /
      std::max (r.minHeight - kHalfPixel, kHalfPixel);
  return widest >= r.minAspectRatio * (1 - kRelativeSlack)
      && narrowest <= r.maxAspectRatio * (1 + kRelativeSlack);
}

bool
resolutionSatisfies (const ResolutionRegion &r, int width, int height)
{
  if (width < r.minWidth || width > r.maxWidth || height < r.minHeight
      || height > r.maxHeight || width < 1 || height < 1)
    return false;
  const double widest = (width + kHalfPixel) / (height - kHalfPixel);
  const double narrowest = (width - kHalfPixel) / (height + kHalfPixel);
  return widest >= r.minAspectRatio * (1 - kRelativeSlack)
      && narrowest <= r.maxAspectRatio * (1 + kRelativeSlack);
}

/* The fitness of a sum of per-property distances is concave along every
 * line of the arrangement formed by the region's edges and the lines of the
 * ideals (w = ideal width, h = ideal height, w/h = ideal ratio), so its
 * minimum over the polygon lies on a vertex of that arrangement. Adding the
 * lines through the preferred size and ratio puts the tie-break optimum
 * among the vertices too. Each vertex is tried with its neighbouring
 * integral sizes. */
std::optional<ResolutionChoice>
bestResolution (const ResolutionRegion &r, const ResolutionIdeal &ideal,
    double preferredWidth, double preferredHeight)
{
  if (!resolutionRegionFeasible (r))
    return std::nullopt;
  if (r.minWidth == r.maxWidth && r.minHeight == r.maxHeight) {
    /* A native size: nothing to choose. */
    const int w = static_cast<int> (r.minWidth);
    const int h = static_cast<int> (r.minHeight);
    if (!resolutionSatisfies (r, w, h))
      return std::nullopt;
    double fitness = 0;
    if (ideal.width)
      fitness += numericDistance (w, *ideal.width);
    if (ideal.height)
      fitness += numericDistance (h, *ideal.height);
    if (ideal.aspectRatio)
      fitness += numericDistance (aspectRatioOf (w, h), *ideal.aspectRatio);
    return ResolutionChoice { w, h, fitness };
  }

  /* At most four lines of each family: no allocation on this hot path. */
  FixedList widths, heights, ratios;
  widths.add (r.minWidth);
  widths.add (r.maxWidth);
  widths.add (preferredWidth);
  heights.add (r.minHeight);
  heights.add (r.maxHeight);
  heights.add (preferredHeight);
  const double preferredRatio = preferredWidth / preferredHeight;
  ratios.add (preferredRatio);
  if (r.minAspectRatio > 0)
    ratios.add (r.minAspectRatio);
  if (std::isfinite (r.maxAspectRatio))
    ratios.add (r.maxAspectRatio);
  if (ideal.width)
    widths.add (*ideal.width);
  if (ideal.height)
    heights.add (*ideal.height);
  if (ideal.aspectRatio && *ideal.aspectRatio > 0)
    ratios.add (*ideal.aspectRatio);

  auto fitnessOf = [&] (int w, int h) {
    double f = 0;
    if (ideal.width)
      f += numericDistance (w, *ideal.width);
    if (ideal.height)
      f += numericDistance (h, *ideal.height);
    if (ideal.aspectRatio)
      f += numericDistance (aspectRatioOf (w, h), *ideal.aspectRatio);
    return f;
  };
  /* Fitness, then distance from the preferred ratio as far as the region
   * allows it, then from the preferred size. */
  const double targetRatio = std::clamp (preferredRatio, r.minAspectRatio,
      r.maxAspectRatio);
  auto rank = [&] (int w, int h) {
    return std::make_tuple (fitnessOf (w, h),
        numericDistance (static_cast<double> (w) / h, targetRatio),
        numericDistance (w, preferredWidth) + numericDistance (h,
            preferredHeight));
  };

  std::optional<ResolutionChoice> best;
  std::tuple<double, double, double> bestRank;
  auto consider = [&] (double wf, double hf) {
    if (!std::isfinite (wf) || !std::isfinite (hf))
      return;
    wf = std::clamp (wf, r.minWidth, r.maxWidth);
    hf = std::clamp (hf, r.minHeight, r.maxHeight);
    for (double w : { std::floor (wf), std::ceil (wf) }) {
      for (double h : { std::floor (hf), std::ceil (hf) }) {
        if (w > std::numeric_limits<int>::max ()
            || h > std::numeric_limits<int>::max ())
          continue;
        const int wi = static_cast<int> (w);
        const int hi = static_cast<int> (h);
        if (!resolutionSatisfies (r, wi, hi))
          continue;
        auto candidateRank = rank (wi, hi);
        if (!best || candidateRank < bestRank) {
          best = ResolutionChoice { wi, hi, std::get<0> (candidateRank) };
          bestRank = candidateRank;
        }
      }
    }
  };

  /* Vertices outside the polygon are not candidates; its own corners and
   * edge crossings are in the lists, so nothing inside is missed. */
  auto considerVertex = [&] (double w, double h) {
    if (w < r.minWidth - 1 || w > r.maxWidth + 1 || h < r.minHeight - 1
        || h > r.maxHeight + 1)
      return;
    consider (w, h);
  };
  for (double w : widths) {
    for (double h : heights)
      considerVertex (w, h);
    for (double a : ratios)
      considerVertex (w, w / a);
  }
  for (double h : heights) {
    for (double a : ratios)
      considerVertex (h * a, h);
  }
  return best;
}

}  // namespace mediastream
