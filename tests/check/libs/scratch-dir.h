/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A temporary directory for a test's files. Include it before check-main.h:
 * libcheck's fail () macro breaks std::ios::fail, which <fstream> needs. */

#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <gst/check/gstcheck.h>

/* A scratch directory, removed with what it holds. */
class ScratchDir {
public:
  ScratchDir () {
    GError *error = nullptr;
    gchar *path = g_dir_make_tmp ("gst-mediastream-test-XXXXXX", &error);
    fail_unless (path != nullptr, "no temporary directory: %s",
        error ? error->message : "");
    path_ = path;
    g_free (path);
  }
  ~ScratchDir () {
    std::error_code ec;
    std::filesystem::remove_all (path_, ec);
  }
  ScratchDir (const ScratchDir &) = delete;
  ScratchDir &operator= (const ScratchDir &) = delete;

  const std::filesystem::path &path () const { return path_; }

  void write (const std::filesystem::path &relative,
      const std::string &content) const {
    std::filesystem::create_directories ((path_ / relative).parent_path ());
    std::ofstream out (path_ / relative, std::ios::binary);
    out << content;
    fail_unless (out.good (), "could not write %s", relative.c_str ());
  }

private:
  std::filesystem::path path_;
};
