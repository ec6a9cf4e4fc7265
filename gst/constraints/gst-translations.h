/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The project's message catalogue, for the elements' user-facing text. */

#pragma once

namespace mediastream {

/* Binds the gettext domain (once per process); each element calls it when
 * it is registered. */
void bindTranslations ();

}  // namespace mediastream
