/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* gst-mediastream-1.0's devices verb in the test's own process: the
 * summaries in its table, and `devices --watch` printing the list again at
 * each devicechange, driven by the fake provider's hot-plug hook (its
 * `profile` property reaches the watch only in the same process). The
 * tool itself is run in tools/gst-mediastream.cpp. */

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

/* Before check-main.h: libcheck's fail () macro breaks nlohmann/json. */
#include "device-change.h"
#include "device-listing.h"
#include "fake-devices.h"
#include "media-devices.h"

#include "check-main.h"

#include <unistd.h>

using namespace mediastream;
using mediastream::tool::watchDevices;

namespace {

MediaDevices
listing (const char *profile)
{
  g_setenv (kFakeDevicesEnv, profile, TRUE);
  DeviceKinds all;
  all.audioOutput = true;
  auto devices = enumerateDevices (all);
  fail_unless (devices.ok ());
  return *devices;
}

std::vector<DeviceDescription>
descriptions (const char *profile)
{
  return descriptionsOf (listing (profile));
}

const DeviceDescription &
byLabel (const std::vector<DeviceDescription> &devices, const char *label)
{
  for (const DeviceDescription & device : devices) {
    if (device.label == label)
      return device;
  }
  fail ("no device \"%s\"", label);
  return devices.front ();
}

/* Lines a watch writes, from whatever thread. */
class Lines {
public:
  void add (const std::string &line) {
    std::lock_guard<std::mutex> guard (lock_);
    lines_.push_back (line);
    changed_.notify_all ();
  }
  /* Waits (generously) until the last lines are `expected`. */
  void waitForTail (const std::vector<std::string> &expected) {
    std::unique_lock<std::mutex> guard (lock_);
    const bool arrived = changed_.wait_for (guard, std::chrono::seconds (60),
        [this, &expected] {
          return lines_.size () >= expected.size () &&
              std::equal (expected.begin (), expected.end (),
              lines_.end () - static_cast<std::ptrdiff_t> (expected.size ()));
        });
    fail_unless (arrived, "the watch printed %zu lines, the last: %s",
        lines_.size (), lines_.empty ()? "" : lines_.back ().c_str ());
  }
  std::vector<std::string> all () {
    std::lock_guard<std::mutex> guard (lock_);
    return lines_;
  }

private:
  std::mutex lock_;
  std::condition_variable changed_;
  std::vector<std::string> lines_;
};

/* watchDevices () in a thread, reading a pipe the test closes. */
class Watch {
public:
  explicit Watch (bool json) {
    fail_unless (pipe (fds_) == 0);
    thread_ = std::thread ([this, json] {
          DeviceKinds kinds;
          auto result = watchDevices (kinds, json, fds_[0],
              [this] (const std::string & line) { lines.add (line); });
          ok_ = result.ok ();
        });
  }
  ~Watch () {
    if (thread_.joinable ())
      stop ();
    close (fds_[0]);
  }
  /* The end of the input ends the watch. */
  bool stop () {
    close (fds_[1]);
    thread_.join ();
    return ok_;
  }

  Lines lines;

private:
  int fds_[2] = { -1, -1 };
  std::thread thread_;
  bool ok_ = false;
};

/* (fail_unless_equals_string would keep a pointer into a temporary.) */
void
expectText (const std::string &actual, const char *expected)
{
  fail_unless (actual == expected, "\"%s\", expected \"%s\"",
      actual.c_str (), expected);
}

ObjectPtr<GstDeviceProvider>
fakeProvider ()
{
  ObjectPtr<GstDeviceProvider> provider
      (gst_device_provider_factory_get_by_name
      ("mediastreamfakedeviceprovider"));
  fail_unless (provider != nullptr);
  return provider;
}

}  // namespace

GST_START_TEST (test_modes_summary)
{
  const auto phone = descriptions ("phone");
  /* The largest size at its rate, and the fastest rate where it is. */
  expectText (tool::modesSummary (byLabel (phone,
              "Back Camera")),
      "4 modes, up to 4032x3024@30, 60 fps at 1920x1080");
  expectText (tool::modesSummary (byLabel (phone,
              "Phone Microphone")), "1 mode, 48000 Hz, 1 ch");
  const auto laptop = descriptions ("laptop");
  expectText (tool::modesSummary (byLabel (laptop,
              "Integrated Camera")),
      "12 modes in 2 formats, up to 1280x720@30");
  expectText (tool::modesSummary (byLabel (laptop,
              "USB Headset Microphone")),
      "2 modes, 44100..48000 Hz, 1 ch");
  DeviceDescription empty;
  expectText (tool::modesSummary (empty),
      "no usable modes");
}

GST_END_TEST;

GST_START_TEST (test_controls_summary)
{
  const auto phone = descriptions ("phone");
  expectText (tool::controlsSummary (byLabel (phone,
              "Front Camera")),
      "exposureCompensation whiteBalanceMode, facing user");
  expectText (tool::controlsSummary (byLabel (phone,
              "Back Camera")),
      "exposureCompensation focusDistance zoom whiteBalanceMode focusMode "
      "torch, facing environment");
  const auto laptop = descriptions ("laptop");
  expectText (tool::controlsSummary (byLabel (laptop,
              "Internal Microphone")),
      "latency 5 ms..100 ms, echoCancellation autoGainControl "
      "noiseSuppression");
  /* A hw PCM's range, as snd-aloop's: from a third of a millisecond to
   * seconds. */
  DeviceDescription loopback;
  loopback.kind = Kind::Audio;
  loopback.latency = { 1.0 / 3000, 10.9226, 0.01 };
  loopback.processing = AudioProcessing ();
  expectText (tool::controlsSummary (loopback),
      "latency 0.333 ms..10.9 s");
  const auto chromium = descriptions ("chromium");
  expectText (tool::controlsSummary (byLabel (chromium,
              "Fake Camera")), "-");
}

GST_END_TEST;

/* --watch --json: the list, then the list again at each devicechange,
 * each as `devices --json` prints it. */
GST_START_TEST (test_watch_json)
{
  const std::string chromium = devicesJsonText (listing ("chromium"));
  /* The watch starts with the environment's profile. */
  const std::string initial = devicesJsonText (listing ("laptop"));
  Watch watch (true);
  watch.lines.waitForTail ({ initial });

  auto provider = fakeProvider ();
  g_object_set (provider.get (), "profile", "chromium", nullptr);
  watch.lines.waitForTail ({ chromium });
  g_object_set (provider.get (), "profile", nullptr, nullptr);
  watch.lines.waitForTail ({ initial });
  provider.reset ();

  fail_unless (watch.stop ());
  /* Every line a whole list, the first the initial one. */
  const std::vector<std::string> lines = watch.lines.all ();
  fail_unless (lines.size () >= 3);
  fail_unless (lines.front () == initial);
  for (const std::string & line : lines)
    fail_unless (line.rfind ("{\"devices\":[", 0) == 0, "%s", line.c_str ());
}

GST_END_TEST;

/* Without --json: tables, an empty line between them. */
GST_START_TEST (test_watch_tables)
{
  const auto phone = tool::deviceListing (listing ("phone"), false);
  const auto laptop = tool::deviceListing (listing ("laptop"), false);
  Watch watch (false);
  watch.lines.waitForTail (laptop);

  auto provider = fakeProvider ();
  g_object_set (provider.get (), "profile", "phone", nullptr);
  std::vector<std::string> change = { "" };
  change.insert (change.end (), phone.begin (), phone.end ());
  watch.lines.waitForTail (change);
  g_object_set (provider.get (), "profile", nullptr, nullptr);
  provider.reset ();
  fail_unless (watch.stop ());

  const std::vector<std::string> lines = watch.lines.all ();
  fail_unless (std::equal (laptop.begin (), laptop.end (), lines.begin ()));
  fail_unless (lines[laptop.size ()].empty ());
}

GST_END_TEST;

GST_START_TEST (test_watch_broken_profile)
{
  g_setenv (kFakeDevicesEnv, "no-such-profile", TRUE);
  int fds[2];
  fail_unless (pipe (fds) == 0);
  std::vector<std::string> lines;
  auto result = watchDevices (DeviceKinds (), true, fds[0],
      [&lines] (const std::string & line) { lines.push_back (line); });
  close (fds[0]);
  close (fds[1]);
  fail_if (result.ok ());
  fail_unless (result.error ().name == ErrorName::NotFoundError);
  fail_unless (lines.empty ());
}

GST_END_TEST;

static Suite *
device_listing_suite (void)
{
  Suite *s = suite_create ("device-listing");
  TCase *tc = tcase_create ("general");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_modes_summary);
  tcase_add_test (tc, test_controls_summary);
  tcase_add_test (tc, test_watch_json);
  tcase_add_test (tc, test_watch_tables);
  tcase_add_test (tc, test_watch_broken_profile);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (device_listing);
