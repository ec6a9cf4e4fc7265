/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The errors of the API, named as the DOMExceptions a page would see. */

#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace mediastream {

enum class ErrorName {
  TypeError,
  OverconstrainedError,
  NotFoundError,
  NotReadableError,
  NotAllowedError,
  AbortError,
};

std::string_view errorNameString (ErrorName name);

struct Error {
  ErrorName name = ErrorName::TypeError;
  /* OverconstrainedError only: the constraint, or "" when no single
   * constraint is to blame. */
  std::string constraint;
  std::string message;
};

/* A value or the error that prevented it. */
template <typename T>
class Result {
public:
  Result (T value) : v_ (std::move (value)) {}
  Result (Error error) : v_ (std::move (error)) {}

  bool ok () const { return std::holds_alternative<T> (v_); }
  explicit operator bool () const { return ok (); }
  const T &value () const & { return std::get<T> (v_); }
  T &value () & { return std::get<T> (v_); }
  T &&value () && { return std::get<T> (std::move (v_)); }
  const Error &error () const { return std::get<Error> (v_); }
  const T &operator* () const { return value (); }
  T &operator* () { return value (); }
  const T *operator-> () const { return &value (); }
  T *operator-> () { return &value (); }

private:
  std::variant<T, Error> v_;
};

}  // namespace mediastream
