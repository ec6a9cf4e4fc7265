#!/usr/bin/python3
# gst-mediastream
# Copyright (C) 2026 gst-mediastream contributors
#
# This library is free software; you can redistribute it and/or
# modify it under the terms of the GNU Library General Public
# License as published by the Free Software Foundation; either
# version 2.1 of the License, or (at your option) any later version.

"""The programs in examples/ on the chromium fake devices: each runs, says
what the README says it does, and the recordings are Matroska files with
the tracks asked for (as GstDiscoverer finds them).

Environment: GST_MEDIASTREAM_SOURCE_ROOT (the Python examples are under
it) and GST_MEDIASTREAM_GETUSERMEDIA (the built C++ example)."""

import json
import os
import re
import subprocess
import sys
import tempfile

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstApp", "1.0")
gi.require_version("GstPbutils", "1.0")
from gi.repository import Gst, GstApp, GstPbutils  # noqa: E402,F401

from tap import check, main  # noqa: E402

EXAMPLES = os.path.join(os.environ["GST_MEDIASTREAM_SOURCE_ROOT"], "examples")
RECORD_STREAM = [sys.executable,
                 os.path.join(EXAMPLES, "python", "record-stream.py")]
TRACKS = [sys.executable, os.path.join(EXAMPLES, "python", "tracks.py")]
GETUSERMEDIA = [os.environ["GST_MEDIASTREAM_GETUSERMEDIA"]]
RECORDERS = {"record-stream.py": RECORD_STREAM, "getusermedia": GETUSERMEDIA}


def run(command, env=None):
    """Runs an example to its end; its exit status, stdout and stderr."""
    result = subprocess.run(command, capture_output=True, text=True,
                            timeout=120, env=env)
    # GLib's criticals (and PyGObject's warnings that carry them) mean a
    # misuse of the API, by the example or by the element.
    check("CRITICAL" not in result.stderr
          and "assertion" not in result.stderr, result.stderr)
    return result.returncode, result.stdout, result.stderr


def settings_printed(stdout, pad, what="track"):
    """The settings printed for the track pad `pad`, as JSON."""
    match = re.search(rf"^{pad}: \w+ {re.escape(what)} \"[^\"]*\"\n"
                      r"  settings: (.*)$", stdout, re.MULTILINE)
    check(match is not None, f"no {what} settings of {pad} in:\n{stdout}")
    return json.loads(match.group(1))


def discover(path):
    """The media type of the file's container, and the caps structure of
    each of its streams by stream type (video, audio)."""
    discoverer = GstPbutils.Discoverer.new(30 * Gst.SECOND)
    info = discoverer.discover_uri(Gst.filename_to_uri(path))
    check(info.get_result() == GstPbutils.DiscovererResult.OK,
          f"{path}: {info.get_result().value_nick}")
    streams = {stream.get_stream_type_nick():
               stream.get_caps().get_structure(0)
               for stream in info.get_stream_list()}
    container = info.get_stream_info().get_caps().get_structure(0).get_name()
    return container, streams


def last_video_time(path):
    """Where the file's last video frame ends, in seconds."""
    pipeline = Gst.parse_launch(
        f"filesrc location=\"{path}\" ! matroskademux ! "
        "appsink name=frames sync=false caps=video/x-vp8")
    sink = pipeline.get_by_name("frames")
    pipeline.set_state(Gst.State.PLAYING)
    end = 0
    while (sample := sink.try_pull_sample(10 * Gst.SECOND)) is not None:
        buffer = sample.get_buffer()
        end = max(end, buffer.pts + max(buffer.duration, 0))
    pipeline.set_state(Gst.State.NULL)
    return end / Gst.SECOND


def check_recording(path, video, audio):
    """The file is Matroska with the video and audio media types given,
    the video in the size the recording started with (640x360)."""
    container, streams = discover(path)
    check(container == "video/x-matroska", container)
    check(sorted(streams) == ["audio", "video"], streams)
    check(streams["video"].get_name() == video, streams["video"].get_name())
    check(streams["audio"].get_name() == audio, streams["audio"].get_name())
    check(streams["video"].get_int("width").value == 640)
    check(streams["video"].get_int("height").value == 360)


def records_the_default_stream(recorder):
    with tempfile.TemporaryDirectory() as scratch:
        output = os.path.join(scratch, "recording.mkv")
        status, stdout, stderr = run(RECORDERS[recorder]
                                     + ["--seconds", "2", "--output", output])
        check(status == 0, f"exit status {status}: {stderr}")
        video = settings_printed(stdout, "video_0")
        check((video["width"], video["height"]) == (640, 360), video)
        check(settings_printed(stdout, "audio_0")["channelCount"] >= 1)
        check(f"recorded {output}" in stdout, stdout)
        check_recording(output, "video/x-vp8", "audio/x-vorbis")


def applies_constraints_while_recording(recorder):
    with tempfile.TemporaryDirectory() as scratch:
        output = os.path.join(scratch, "recording.mkv")
        status, stdout, stderr = run(RECORDERS[recorder] + [
            "--seconds", "3", "--output", output, "--apply-after", "0.5",
            '{"video": {"width": {"exact": 1280}, "height": {"exact": 720}}}'])
        check(status == 0, f"exit status {status}: {stderr}")
        after = settings_printed(stdout, "video_0",
                                 "track after applyConstraints()")
        check((after["width"], after["height"]) == (1280, 720), after)
        # Still 640x360 in the file, and frames long after the change.
        check_recording(output, "video/x-vp8", "audio/x-vorbis")
        end = last_video_time(output)
        check(end >= 2, f"the video ends at {end} s")


def reports_the_dom_exception(recorder):
    status, _, stderr = run(RECORDERS[recorder]
                            + ['{"video": {"width": {"exact": 5000}}}'])
    check(status == 1, f"exit status {status}")
    check(re.search(r"^error: OverconstrainedError: .*\(constraint: width\)",
                    stderr, re.MULTILINE), stderr)


def test_record_stream_py_records(cleanup):
    records_the_default_stream("record-stream.py")


def test_record_stream_py_applies_constraints(cleanup):
    applies_constraints_while_recording("record-stream.py")


def test_record_stream_py_reports_the_dom_exception(cleanup):
    reports_the_dom_exception("record-stream.py")


def test_record_stream_py_falls_back_to_other_encoders(cleanup):
    """Without vp8enc and vorbisenc installed: JPEG and FLAC."""
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ)
        env["GST_REGISTRY_1_0"] = os.path.join(scratch, "registry.bin")
        # The whitelist's entries are ':'-separated, plugin names in an
        # entry ','-separated.
        entries = env["GST_PLUGIN_LOADING_WHITELIST"].split(":")
        check(any("vpx" in e.split(",") for e in entries), entries)
        env["GST_PLUGIN_LOADING_WHITELIST"] = ":".join(
            ",".join(name for name in entry.split(",")
                     if name not in ("vpx", "vorbis"))
            for entry in entries)
        output = os.path.join(scratch, "recording.mkv")
        status, _, stderr = run(RECORD_STREAM + ["--seconds", "1",
                                                 "--output", output], env)
        check(status == 0, f"exit status {status}: {stderr}")
        check_recording(output, "image/jpeg", "audio/x-flac")


def test_getusermedia_records(cleanup):
    records_the_default_stream("getusermedia")


def test_getusermedia_applies_constraints(cleanup):
    applies_constraints_while_recording("getusermedia")


def test_getusermedia_reports_the_dom_exception(cleanup):
    reports_the_dom_exception("getusermedia")


def test_tracks_py(cleanup):
    status, stdout, stderr = run(TRACKS)
    check(status == 0, f"exit status {status}: {stderr}")
    check(re.search(r"^stream [0-9a-f-]{36}$", stdout, re.MULTILINE), stdout)
    for line in ('video_0: video "Fake Camera"',
                 'audio_0: audio "Fake Microphone"',
                 "video_0.enabled = False: it carries black frames",
                 "clone of video_0:",
                 'video_1: video "Fake Camera"',
                 "video_1 stopped: ready-state ended; video_0: live"):
        check(line in stdout.splitlines(), f"no \"{line}\" in:\n{stdout}")
    for match in re.finditer(r"^  (settings|capabilities): (.*)$", stdout,
                             re.MULTILINE):
        check(json.loads(match.group(2))["deviceId"], match.group(0))
    status, _, stderr = run(TRACKS + ['{"audio": {"channelCount": '
                                      '{"exact": 9}}}'])
    check(status == 1 and "error: OverconstrainedError" in stderr, stderr)


if __name__ == "__main__":
    Gst.init(None)
    main([
        test_record_stream_py_records,
        test_record_stream_py_applies_constraints,
        test_record_stream_py_reports_the_dom_exception,
        test_record_stream_py_falls_back_to_other_encoders,
        test_getusermedia_records,
        test_getusermedia_applies_constraints,
        test_getusermedia_reports_the_dom_exception,
        test_tracks_py,
    ])
