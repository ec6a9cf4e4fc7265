/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "error.h"

namespace mediastream {

std::string_view
errorNameString (ErrorName name)
{
  switch (name) {
    case ErrorName::TypeError:
      return "TypeError";
    case ErrorName::OverconstrainedError:
      return "OverconstrainedError";
    case ErrorName::NotFoundError:
      return "NotFoundError";
    case ErrorName::NotReadableError:
      return "NotReadableError";
    case ErrorName::NotAllowedError:
      return "NotAllowedError";
    case ErrorName::AbortError:
      return "AbortError";
  }
  return "Error";
}

}  // namespace mediastream
