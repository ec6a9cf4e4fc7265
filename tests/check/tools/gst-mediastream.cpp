/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* gst-mediastream-1.0 as a script sees it: its answers, their shape, the
 * one-answer-per-line contract of `select -`, and the exit status. */

/* Before check-main.h: libcheck defines a fail () macro that breaks the
 * standard streams' fail () member. */
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "check-main.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <csignal>

using Json = nlohmann::ordered_json;

namespace {

struct ObjectUnref {
  void operator() (gpointer object) const { g_object_unref (object); }
};

struct GFree {
  void operator() (gpointer p) const { g_free (p); }
};

struct ToolRun {
  int status = -1;
  std::string out;
  std::string err;

  std::vector<std::string> lines () const {
    std::vector<std::string> result;
    std::size_t start = 0;
    while (start < out.size ()) {
      const std::size_t end = out.find ('\n', start);
      fail_unless (end != std::string::npos, "unterminated line in %s",
          out.c_str ());
      result.push_back (out.substr (start, end - start));
      start = end + 1;
    }
    return result;
  }
};

using Env = std::vector<std::pair<const char *, std::string>>;

/* Runs the tool over the fake devices of `profile` (real devices when
 * null) with `input` on its standard input. */
ToolRun
runTool (const std::vector<std::string> &args, const char *profile =
    "chromium", const std::string &input = "", const Env & env = {})
{
  const gchar *tool = g_getenv ("GST_MEDIASTREAM_TOOL");
  fail_unless (tool != nullptr, "GST_MEDIASTREAM_TOOL is not set");

  std::unique_ptr<GSubprocessLauncher, ObjectUnref>
      launcher (g_subprocess_launcher_new (static_cast<GSubprocessFlags>
          (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
              G_SUBPROCESS_FLAGS_STDERR_PIPE)));
  if (profile != nullptr)
    g_subprocess_launcher_setenv (launcher.get (),
        "GST_MEDIASTREAM_FAKE_DEVICES", profile, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher.get (),
        "GST_MEDIASTREAM_FAKE_DEVICES");
  for (const auto &[name, value] : env)
    g_subprocess_launcher_setenv (launcher.get (), name, value.c_str (), TRUE);

  std::vector<const gchar *> argv = { tool };
  for (const std::string & arg : args)
    argv.push_back (arg.c_str ());
  argv.push_back (nullptr);

  GError *error = nullptr;
  std::unique_ptr<GSubprocess, ObjectUnref>
      process (g_subprocess_launcher_spawnv (launcher.get (), argv.data (),
          &error));
  fail_unless (process != nullptr, "cannot run %s: %s", tool,
      error ? error->message : "");

  gchar *out = nullptr;
  gchar *err = nullptr;
  const gboolean done = g_subprocess_communicate_utf8 (process.get (),
      input.c_str (), nullptr, &out, &err, &error);
  std::unique_ptr<gchar, GFree> ownedOut (out), ownedErr (err);
  fail_unless (done, "communicating with %s: %s", tool,
      error ? error->message : "");
  fail_unless (g_subprocess_get_if_exited (process.get ()), "%s crashed",
      tool);

  ToolRun run;
  run.status = g_subprocess_get_exit_status (process.get ());
  run.out = out ? out : "";
  run.err = err ? err : "";
  return run;
}

Json
parseLine (const std::string &line)
{
  Json json = Json::parse (line, nullptr, false);
  fail_if (json.is_discarded (), "not JSON: %s", line.c_str ());
  return json;
}

/* The single JSON line a --json run printed. */
Json
onlyAnswer (const ToolRun & run)
{
  const std::vector<std::string> lines = run.lines ();
  fail_unless_equals_int (lines.size (), 1);
  return parseLine (lines[0]);
}

std::vector<std::string>
keysOf (const Json & object)
{
  std::vector<std::string> keys;
  for (auto it = object.begin (); it != object.end (); ++it)
    keys.push_back (it.key ());
  return keys;
}

std::string
sha256 (const std::string &text)
{
  std::unique_ptr<gchar, GFree> sum (g_compute_checksum_for_string
      (G_CHECKSUM_SHA256, text.c_str (), -1));
  return sum.get ();
}

bool
contains (const std::string &haystack, const char *needle)
{
  return haystack.find (needle) != std::string::npos;
}

void
assertError (const Json & answer, const char *name)
{
  fail_unless (answer.contains ("error"), "no error in %s",
      answer.dump ().c_str ());
  const Json & error = answer["error"];
  fail_unless (error["name"] == name, "%s is not a %s",
      answer.dump ().c_str (), name);
  fail_unless (error["message"].is_string ()
      && !error["message"].get<std::string> ().empty ());
}

/* A directory holding one profile file, removed afterwards. */
class ProfileFile {
public:
  explicit ProfileFile (const char *contents) {
    dir_ = g_dir_make_tmp ("gst-mediastream-tool-XXXXXX", nullptr);
    fail_unless (dir_ != nullptr);
    path_ = std::string (dir_) + G_DIR_SEPARATOR_S "devices.json";
    fail_unless (g_file_set_contents (path_.c_str (), contents, -1, nullptr));
  }
  ~ProfileFile () {
    g_remove (path_.c_str ());
    g_rmdir (dir_);
    g_free (dir_);
  }
  const char *path () const { return path_.c_str (); }

private:
  gchar *dir_ = nullptr;
  std::string path_;
};

}  // namespace

GST_START_TEST (test_devices_json)
{
  ToolRun run = runTool ({ "devices", "--json" });
  fail_unless_equals_int (run.status, 0);
  Json answer = onlyAnswer (run);
  fail_unless (keysOf (answer) == std::vector<std::string> { "devices" });
  const Json & devices = answer["devices"];
  fail_unless_equals_int (devices.size (), 2);

  /* enumerateDevices order: microphones first. */
  const Json & mic = devices[0];
  const Json & camera = devices[1];
  const std::vector<std::string> keys = { "kind", "label", "deviceId",
    "groupId", "capabilities"
  };
  fail_unless (keysOf (mic) == keys, "%s", mic.dump ().c_str ());
  fail_unless (keysOf (camera) == keys, "%s", camera.dump ().c_str ());
  fail_unless (mic["kind"] == "audioinput");
  fail_unless (mic["label"] == "Fake Microphone");
  fail_unless (camera["kind"] == "videoinput");
  fail_unless (camera["label"] == "Fake Camera");
  fail_unless (camera["deviceId"] ==
      sha256 ("gst-mediastream-fake:chromium:videoinput:fake_device_0"));
  fail_unless (camera["groupId"] != mic["groupId"]);

  /* getCapabilities() of each device. */
  const Json & video = camera["capabilities"];
  fail_unless (video["deviceId"] == camera["deviceId"]);
  fail_unless (video["groupId"] == camera["groupId"]);
  fail_unless (video["width"]["max"] == 3840);
  fail_unless (video["height"]["max"] == 2160);
  fail_unless (video["frameRate"]["max"] == 30);
  const Json & audio = mic["capabilities"];
  fail_unless (audio["deviceId"] == mic["deviceId"]);
  fail_unless (audio["channelCount"]["max"] == 2);
  fail_unless (audio["echoCancellation"].is_array ());
  fail_unless (!audio.contains ("width"));

  /* The same devices every run. */
  fail_unless (onlyAnswer (runTool ({ "devices", "--json" })) == answer);
}

GST_END_TEST;

GST_START_TEST (test_devices_table)
{
  ToolRun run = runTool ({ "devices" }, "laptop");
  fail_unless_equals_int (run.status, 0);
  const std::vector<std::string> lines = run.lines ();
  fail_unless_equals_int (lines.size (), 4);
  fail_unless (lines[0].rfind ("KIND        LABEL                   DEVICE ID"
          "  GROUP ID  MODES", 0) == 0, "%s", lines[0].c_str ());
  fail_unless (contains (lines[0], "CONTROLS"));
  fail_unless (lines[1].rfind ("audioinput  Internal Microphone", 0) == 0,
      "%s", lines[1].c_str ());
  fail_unless (lines[2].rfind ("audioinput  USB Headset Microphone", 0) == 0);
  fail_unless (lines[3].rfind ("videoinput  Integrated Camera", 0) == 0);

  /* The short ids are the first characters of the whole ones. */
  const Json devices = onlyAnswer (runTool ({ "devices", "--json" },
          "laptop"))["devices"];
  const std::string cameraId = devices[2]["deviceId"];
  const std::string groupId = devices[2]["groupId"];
  fail_unless (contains (lines[3], ("  " + cameraId.substr (0, 8) + "   " +
              groupId.substr (0, 8) + "  ").c_str ()), "%s", lines[3].c_str ());
  fail_unless (contains (lines[3], "12 modes in 2 formats, up to "
          "1280x720@30"), "%s", lines[3].c_str ());
  fail_unless (contains (lines[3], "brightness contrast"));
  fail_unless (contains (lines[3], ", facing user"));
  fail_unless (contains (lines[2], "2 modes, 44100..48000 Hz, 1 ch"));
  fail_unless (contains (lines[2], "latency 20 ms"));

  run = runTool ({ "devices" });
  fail_unless (contains (run.out, "6 modes, up to 3840x2160@30"));
}

GST_END_TEST;

/* A running tool with a pipe on each end. */
class RunningTool {
public:
  RunningTool (const std::vector<std::string> &args, const char *profile) {
    const gchar *tool = g_getenv ("GST_MEDIASTREAM_TOOL");
    fail_unless (tool != nullptr, "GST_MEDIASTREAM_TOOL is not set");
    std::unique_ptr<GSubprocessLauncher, ObjectUnref>
        launcher (g_subprocess_launcher_new (static_cast<GSubprocessFlags>
            (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE)));
    g_subprocess_launcher_setenv (launcher.get (),
        "GST_MEDIASTREAM_FAKE_DEVICES", profile, TRUE);
    std::vector<const gchar *> argv = { tool };
    for (const std::string & arg : args)
      argv.push_back (arg.c_str ());
    argv.push_back (nullptr);
    GError *error = nullptr;
    process_.reset (g_subprocess_launcher_spawnv (launcher.get (),
            argv.data (), &error));
    fail_unless (process_ != nullptr, "cannot run %s: %s", tool,
        error ? error->message : "");
    out_.reset (g_data_input_stream_new (g_subprocess_get_stdout_pipe
            (process_.get ())));
  }

  /* The next line of its output; "" at its end. */
  std::string readLine () {
    gsize length = 0;
    std::unique_ptr<char, GFree> line (g_data_input_stream_read_line
        (out_.get (), &length, nullptr, nullptr));
    return line ? std::string (line.get (), length) : std::string ();
  }
  void closeInput () {
    fail_unless (g_output_stream_close (g_subprocess_get_stdin_pipe
            (process_.get ()), nullptr, nullptr));
  }
  void interrupt () { g_subprocess_send_signal (process_.get (), SIGINT); }
  /* Its exit status once it has ended (it must end by itself). */
  int wait () {
    fail_unless (g_subprocess_wait (process_.get (), nullptr, nullptr));
    fail_unless (g_subprocess_get_if_exited (process_.get ()),
        "the tool ended by signal %d", g_subprocess_get_if_signaled
        (process_.get ())? g_subprocess_get_term_sig (process_.get ()) : 0);
    return g_subprocess_get_exit_status (process_.get ());
  }

private:
  std::unique_ptr<GSubprocess, ObjectUnref> process_;
  std::unique_ptr<GDataInputStream, ObjectUnref> out_;
};

/* devices --watch: the list first (as devices --json prints it), then
 * one line per devicechange, until standard input ends or an interrupt.
 * The changes themselves are tested in tools/device-listing.cpp, where
 * the fake provider can be reached. */
GST_START_TEST (test_devices_watch)
{
  const std::string listed = runTool ({ "devices", "--json" }, "phone").out;

  RunningTool endOfInput ({ "devices", "--watch", "--json" }, "phone");
  const std::string first = endOfInput.readLine () + "\n";
  fail_unless (first == listed, "the first line differs from devices "
      "--json (%zu and %zu bytes): %.200s", first.size (), listed.size (),
      first.c_str ());
  endOfInput.closeInput ();
  fail_unless_equals_int (endOfInput.wait (), 0);
  fail_unless (endOfInput.readLine ().empty ());

  RunningTool interrupted ({ "devices", "--watch" }, "phone");
  fail_unless (interrupted.readLine ().rfind ("KIND", 0) == 0);
  interrupted.interrupt ();
  fail_unless_equals_int (interrupted.wait (), 0);

  /* A broken profile is told at once. */
  RunningTool broken ({ "devices", "--watch" }, "no-such-profile");
  fail_unless_equals_int (broken.wait (), 1);
}

GST_END_TEST;

GST_START_TEST (test_select_video)
{
  ToolRun run = runTool ({ "select", "--json", R"({"video": true})" });
  fail_unless_equals_int (run.status, 0);
  fail_unless (run.err.empty (), "%s", run.err.c_str ());
  Json answer = onlyAnswer (run);
  fail_unless (keysOf (answer) == std::vector<std::string> { "tracks" });
  fail_unless_equals_int (answer["tracks"].size (), 1);
  const Json & track = answer["tracks"][0];
  fail_unless (keysOf (track) == (std::vector<std::string> { "kind", "label",
              "deviceId", "groupId", "settings", "capabilities",
              "constraints"}), "%s", track.dump ().c_str ());
  fail_unless (track["kind"] == "video");
  fail_unless (track["label"] == "Fake Camera");
  const Json & settings = track["settings"];
  fail_unless (settings["width"] == 640);
  fail_unless (settings["height"] == 480);
  fail_unless (settings["frameRate"] == 30);
  fail_unless (settings["deviceId"] == track["deviceId"]);
  fail_unless (settings["groupId"] == track["groupId"]);
  /* getConstraints() after getUserMedia({video: true}) is empty. */
  fail_unless (track["constraints"] == Json::object ());

  /* The capabilities are the device's, as devices --json lists them. */
  Json devices = onlyAnswer (runTool ({ "devices", "--json" }));
  fail_unless (track["capabilities"] == devices["devices"][1]["capabilities"]);

  /* Constraints come back in the shape they were written. */
  run = runTool ({ "select", "--json",
          R"({"video": {"width": {"min": 320, "ideal": 1280}, "frameRate": 15}})"
      });
  fail_unless_equals_int (run.status, 0);
  answer = onlyAnswer (run);
  fail_unless (answer["tracks"][0]["constraints"] ==
      Json::parse (R"({"width": {"min": 320, "ideal": 1280}, "frameRate": 15})"),
      "%s", run.out.c_str ());
  fail_unless (answer["tracks"][0]["settings"]["width"] == 1280);
}

GST_END_TEST;

GST_START_TEST (test_select_both_kinds)
{
  ToolRun run = runTool ({ "select", R"({"video": true, "audio": true})",
          "--json" });
  fail_unless_equals_int (run.status, 0);
  Json answer = onlyAnswer (run);
  fail_unless_equals_int (answer["tracks"].size (), 2);
  fail_unless (answer["tracks"][0]["kind"] == "audio");
  fail_unless (answer["tracks"][0]["label"] == "Fake Microphone");
  fail_unless (answer["tracks"][0]["settings"]["channelCount"].is_number ());
  fail_unless (answer["tracks"][1]["kind"] == "video");

  /* "--" ends the options, as usual. */
  run = runTool ({ "select", "--json", "--", R"({"audio": true})" });
  fail_unless_equals_int (run.status, 0);
  fail_unless (onlyAnswer (run)["tracks"][0]["kind"] == "audio");
}

GST_END_TEST;

/* The webcam's MJPEG full HD at 30 fps beats its raw full HD at 5 fps. */
GST_START_TEST (test_select_webcam_mode)
{
  ToolRun run = runTool ({ "select", "--json",
          R"({"video": {"width": 1920, "height": 1080}})" }, "usb-webcam");
  fail_unless_equals_int (run.status, 0);
  const Json settings = onlyAnswer (run)["tracks"][0]["settings"];
  fail_unless (settings["width"] == 1920);
  fail_unless (settings["frameRate"] == 30);
  fail_unless (settings["zoom"] == 100);

  run = runTool ({ "select", R"({"video": {"width": 1920, "height": 1080}})" },
      "usb-webcam");
  fail_unless_equals_int (run.status, 0);
  fail_unless (contains (run.out, "source caps  image/jpeg, width=(int)1920,"
          " height=(int)1080, framerate=(fraction)30/1"), "%s",
      run.out.c_str ());
}

GST_END_TEST;

GST_START_TEST (test_select_readable)
{
  ToolRun run = runTool ({ "select", R"({"video": {"width": 320}})" });
  fail_unless_equals_int (run.status, 0);
  const std::vector<std::string> lines = run.lines ();
  fail_unless (lines.at (0) == "video track: Fake Camera", "%s",
      run.out.c_str ());
  fail_unless (contains (run.out, "width 320"));
  fail_unless (contains (run.out, "constraints  {\"width\":320}"));
  fail_unless (contains (run.out, "source caps  video/x-raw"));
  fail_unless (contains (run.out, "output caps  video/x-raw, width=(int)320"));

  run = runTool ({ "select", "{}" });
  fail_unless_equals_int (run.status, 1);
  fail_unless (run.out.rfind ("error: TypeError: ", 0) == 0, "%s",
      run.out.c_str ());
}

GST_END_TEST;

GST_START_TEST (test_select_errors)
{
  ToolRun run = runTool ({ "select", "--json",
          R"({"video": {"width": {"exact": 639}, "resizeMode": {"exact": "none"}}})"
      });
  fail_unless_equals_int (run.status, 1);
  Json answer = onlyAnswer (run);
  fail_unless (keysOf (answer) == std::vector<std::string> { "error" });
  assertError (answer, "OverconstrainedError");
  fail_unless (answer["error"]["constraint"] == "width");
  fail_unless (keysOf (answer["error"]) == (std::vector<std::string> { "name",
              "constraint", "message"}));

  /* Asking for nothing, or not JSON at all: TypeError. */
  for (const char *request : { "{}", R"({"video": false})", "not json",
          R"({"video": {"frameRate": {"min": "fast"}}})"}) {
    run = runTool ({ "select", "--json", request });
    fail_unless_equals_int (run.status, 1);
    assertError (onlyAnswer (run), "TypeError");
  }

  /* No camera at all: NotFoundError. */
  ProfileFile profile (R"({"devices": [{"kind": "audioinput",
      "label": "Mic", "modes": [{"sampleRate": 48000, "channels": 1}]}]})");
  run = runTool ({ "select", "--json", R"({"video": true})" }, profile.path ());
  fail_unless_equals_int (run.status, 1);
  assertError (onlyAnswer (run), "NotFoundError");
  run = runTool ({ "select", "--json", R"({"audio": true})" }, profile.path ());
  fail_unless_equals_int (run.status, 0);
}

GST_END_TEST;

GST_START_TEST (test_select_lines)
{
  const std::string input =
      R"({"video": true})" "\n"
      "\n"
      R"({"audio": true})" "\r\n"
      "garbage\n"
      R"({"video": {"width": {"exact": 639}, "resizeMode": {"exact": "none"}}})"
      "\n" "   \n"
      R"({"video": {"height": 720}})";
  ToolRun run = runTool ({ "select", "--json", "-" }, "chromium", input);
  fail_unless_equals_int (run.status, 1);
  const std::vector<std::string> lines = run.lines ();
  fail_unless_equals_int (lines.size (), 7);
  fail_unless (parseLine (lines[0])["tracks"][0]["kind"] == "video");
  assertError (parseLine (lines[1]), "TypeError");
  fail_unless (parseLine (lines[2])["tracks"][0]["kind"] == "audio");
  assertError (parseLine (lines[3]), "TypeError");
  assertError (parseLine (lines[4]), "OverconstrainedError");
  assertError (parseLine (lines[5]), "TypeError");
  fail_unless (parseLine (lines[6])["tracks"][0]["settings"]["height"] == 720);

  /* Every line answered and every answer a success: exit 0. */
  std::string many;
  for (int i = 0; i < 200; i++)
    many += R"({"video": {"width": )" + std::to_string (100 + i) + "}}\n";
  run = runTool ({ "select", "--json", "-" }, "chromium", many);
  fail_unless_equals_int (run.status, 0);
  const std::vector<std::string> answers = run.lines ();
  fail_unless_equals_int (answers.size (), 200);
  fail_unless (parseLine (answers[199])["tracks"][0]["settings"]["width"] ==
      299);

  /* No input, no answers, nothing failed. */
  run = runTool ({ "select", "--json", "-" }, "chromium", "");
  fail_unless_equals_int (run.status, 0);
  fail_unless (run.out.empty ());
}

GST_END_TEST;

GST_START_TEST (test_supported_constraints)
{
  ToolRun run = runTool ({ "supported" });
  fail_unless_equals_int (run.status, 0);
  Json supported = onlyAnswer (run);
  for (const char *name : { "width", "height", "aspectRatio", "frameRate",
          "facingMode", "resizeMode", "sampleRate", "sampleSize",
          "echoCancellation", "autoGainControl", "noiseSuppression",
          "voiceIsolation", "latency", "channelCount", "deviceId", "groupId",
          "zoom", "torch" })
    fail_unless (supported[name] == true, "%s", name);
  fail_if (supported.contains ("volume"));
}

GST_END_TEST;

GST_START_TEST (test_usage_errors)
{
  const std::vector<std::vector<std::string>> mistakes = {
    {},
    {"frobnicate"},
    {"--bogus", "devices"},
    {"select"},
    {"select", "--json"},
    {"select", "{}", "{}"},
    {"devices", "extra"},
    {"select", "--watch", "{}"},
    {"supported", "extra"},
  };
  for (const auto & args : mistakes) {
    ToolRun run = runTool (args);
    fail_unless_equals_int (run.status, 2);
    fail_unless (run.out.empty (), "%s", run.out.c_str ());
    fail_unless (contains (run.err, "Usage: gst-mediastream-1.0 devices"),
        "%s", run.err.c_str ());
  }

  ToolRun run = runTool ({ "--help" });
  fail_unless_equals_int (run.status, 0);
  fail_unless (contains (run.out, "devices"));
  fail_unless (contains (run.out, "select CONSTRAINTS"));
  fail_unless (contains (run.out, "Examples:"));
  fail_unless (contains (run.out, "--json"));
}

GST_END_TEST;

GST_START_TEST (test_profile_errors)
{
  ToolRun run = runTool ({ "devices" }, "no-such-profile");
  fail_unless_equals_int (run.status, 1);
  fail_unless (run.out.empty ());
  fail_unless (contains (run.err, "GST_MEDIASTREAM_FAKE_DEVICES"));
  fail_unless (contains (run.err, "no-such-profile"));
  fail_unless (contains (run.err, "chromium"));

  ProfileFile profile (R"({"devices": [{"kind": "videoinput",
      "label": "Cam", "modes": [{"width": -1, "height": 8, "frameRate": 1}]}]})");
  run = runTool ({ "select", "--json", R"({"video": true})" },
      profile.path ());
  fail_unless_equals_int (run.status, 1);
  fail_unless (run.out.empty ());
  fail_unless (contains (run.err, "devices[0].modes[0].width"), "%s",
      run.err.c_str ());
}

GST_END_TEST;

/* Without the variable the devices are GStreamer's; with no provider
 * loaded there are none, and the answer says so rather than failing. */
GST_START_TEST (test_real_devices_without_providers)
{
  gchar *dir = g_dir_make_tmp ("gst-mediastream-registry-XXXXXX", nullptr);
  fail_unless (dir != nullptr);
  const std::string registry = std::string (dir) + G_DIR_SEPARATOR_S "r.bin";
  const Env env = {
    {"GST_PLUGIN_LOADING_WHITELIST", "gstreamer"},
    {"GST_REGISTRY_1_0", registry},
  };
  ToolRun run = runTool ({ "devices", "--json" }, nullptr, "", env);
  fail_unless_equals_int (run.status, 0);
  fail_unless (onlyAnswer (run) == Json::parse (R"({"devices": []})"));

  run = runTool ({ "select", "--json", R"({"video": true})" }, nullptr, "",
      env);
  fail_unless_equals_int (run.status, 1);
  assertError (onlyAnswer (run), "NotFoundError");
  g_remove (registry.c_str ());
  g_rmdir (dir);
  g_free (dir);
}

GST_END_TEST;

static Suite *
gst_mediastream_tool_suite (void)
{
  Suite *s = suite_create ("gst-mediastream-tool");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_devices_json);
  tcase_add_test (tc, test_devices_table);
  tcase_add_test (tc, test_devices_watch);
  tcase_add_test (tc, test_select_video);
  tcase_add_test (tc, test_select_both_kinds);
  tcase_add_test (tc, test_select_webcam_mode);
  tcase_add_test (tc, test_select_readable);
  tcase_add_test (tc, test_select_errors);
  tcase_add_test (tc, test_select_lines);
  tcase_add_test (tc, test_usage_errors);
  tcase_add_test (tc, test_supported_constraints);
  tcase_add_test (tc, test_profile_errors);
  tcase_add_test (tc, test_real_devices_without_providers);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (gst_mediastream_tool);
