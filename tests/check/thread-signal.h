/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A fact one thread makes true (a pad probe, a streaming thread) and
 * another waits for: the tests use it to hold a pipeline at a chosen
 * moment. */

#ifndef GST_MEDIASTREAM_TESTS_THREAD_SIGNAL_H
#define GST_MEDIASTREAM_TESTS_THREAD_SIGNAL_H

#include <chrono>
#include <condition_variable>
#include <mutex>

class ThreadSignal {
public:
  void raise () {
    std::lock_guard<std::mutex> guard (lock_);
    raised_ = true;
    changed_.notify_all ();
  }

  /* Whether it was raised within `patience`. */
  bool wait (std::chrono::milliseconds patience) {
    std::unique_lock<std::mutex> guard (lock_);
    return changed_.wait_for (guard, patience, [this] { return raised_; });
  }

  /* Waits as long as it takes, for a thread that was told to go on. */
  void wait () {
    std::unique_lock<std::mutex> guard (lock_);
    changed_.wait (guard, [this] { return raised_; });
  }

private:
  std::mutex lock_;
  std::condition_variable changed_;
  bool raised_ = false;
};

#endif
