/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "device.h"

#include <cctype>

namespace mediastream {

int
sampleSizeOfFormat (const std::string &format)
{
  /* S16LE, U8, F32BE, S24_32LE (24 significant bits in 32), ... */
  if (format.size () < 2 || (format[0] != 'S' && format[0] != 'U'
          && format[0] != 'F'))
    return 0;
  std::size_t i = 1;
  int bits = 0;
  while (i < format.size () && std::isdigit (static_cast<unsigned char>
          (format[i])))
    bits = bits * 10 + (format[i++] - '0');
  return bits;
}

}  // namespace mediastream
