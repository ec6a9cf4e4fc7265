/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* An ALSA configuration written by the test, with the fake microphone
 * (tests/alsa-fake) available as `type fakemic`. Include it before
 * check-main.h (see scratch-dir.h). */

#pragma once

#include "scratch-dir.h"

#include <alsa/asoundlib.h>

#include <string>

/* An ALSA configuration of the test's own: Debian's alsa.conf reads
 * $XDG_CONFIG_HOME/alsa/asoundrc (and ~/.asoundrc, hence HOME too, so the
 * user's own file stays out). ALSA reads its configuration once per process
 * and then only notices changes to alsa.conf itself, so the cached one is
 * dropped whenever a test switches configurations: with CK_FORK=no
 * (valgrind) all tests share one process. */
class AlsaConfig {
public:
  AlsaConfig () = default;
  ~AlsaConfig () { snd_config_update_free_global (); }
  AlsaConfig (const AlsaConfig &) = delete;
  AlsaConfig &operator= (const AlsaConfig &) = delete;

  /* Defines pcms (asoundrc text), with the fake microphone's type, and
   * makes ALSA read them. */
  void use (const std::string &pcms) {
    const char *module = g_getenv ("GST_MEDIASTREAM_ALSA_FAKEMIC");
    fail_unless (module != nullptr, "GST_MEDIASTREAM_ALSA_FAKEMIC is not set");
    dir_.write ("alsa/asoundrc", "pcm_type.fakemic { lib \"" +
        std::string (module) + "\" }\n" + pcms);
    g_setenv ("XDG_CONFIG_HOME", dir_.path ().c_str (), TRUE);
    g_setenv ("HOME", dir_.path ().c_str (), TRUE);
    snd_config_update_free_global ();
  }

  /* A file next to the configuration, for a fake's "file". */
  std::string file (const std::string &name,
      const std::string &content) const {
    dir_.write (name, content);
    return (dir_.path () / name).string ();
  }

private:
  ScratchDir dir_;
};

