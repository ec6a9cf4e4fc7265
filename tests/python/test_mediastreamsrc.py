#!/usr/bin/python3
# gst-mediastream
# Copyright (C) 2026 gst-mediastream contributors
#
# This library is free software; you can redistribute it and/or
# modify it under the terms of the GNU Library General Public
# License as published by the Free Software Foundation; either
# version 2.1 of the License, or (at your option) any later version.

"""mediastreamsrc embedded in a Python (PyGObject) application, on the
chromium fake devices: the track pads and their properties, buffers at an
appsink, applyConstraints(), the errors' DOMException details, clone-track,
enabled and stop."""

import json
import time
import uuid

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstApp", "1.0")
gi.require_version("GstVideo", "1.0")
from gi.repository import GObject, Gst, GstApp, GstVideo  # noqa: E402,F401

from tap import check, main  # noqa: E402

PATIENCE = 20  # seconds: generous, for a loaded machine


class Stream:
    """A pipeline of mediastreamsrc and one appsink per track pad, linked as
    the pads appear (optionally through caps per kind); every bus message
    is kept."""

    def __init__(self, cleanup, constraints, caps=None):
        self.pipeline = Gst.Pipeline.new()
        self.source = Gst.ElementFactory.make("mediastreamsrc")
        check(self.source is not None, "no mediastreamsrc")
        self.source.props.constraints = constraints
        self.pipeline.add(self.source)
        self.caps = caps or {}
        self.sinks = {}
        self.messages = []
        self.source.connect("pad-added", self._on_pad_added)
        cleanup(self.stop)

    def _on_pad_added(self, source, pad):
        sink = Gst.ElementFactory.make("appsink")
        sink.set_property("async", False)
        sink.props.sync = False
        sink.props.max_buffers = 2
        sink.props.drop = True
        if pad.props.kind in self.caps:
            sink.props.caps = Gst.Caps.from_string(self.caps[pad.props.kind])
        self.pipeline.add(sink)
        pad.link(sink.get_static_pad("sink"))
        sink.sync_state_with_parent()
        self.sinks[pad.get_name()] = sink

    def open(self):
        """getUserMedia(): READY chooses the tracks (or fails), PAUSED adds
        their pads."""
        ret = self.pipeline.set_state(Gst.State.READY)
        if ret != Gst.StateChangeReturn.SUCCESS:
            return ret
        if self.pipeline.set_state(Gst.State.PAUSED) == \
                Gst.StateChangeReturn.FAILURE:
            return Gst.StateChangeReturn.FAILURE
        return Gst.StateChangeReturn.SUCCESS

    def play(self):
        check(self.open() == Gst.StateChangeReturn.SUCCESS,
              "READY failed: " + self.error_text())
        check(self.pipeline.set_state(Gst.State.PLAYING)
              != Gst.StateChangeReturn.FAILURE, "PLAYING failed")

    def stop(self):
        self.sinks.clear()
        self.pipeline.set_state(Gst.State.NULL)

    def pad(self, name):
        pad = self.source.get_static_pad(name)
        check(pad is not None, f"no pad {name}")
        return pad

    def pad_names(self):
        return sorted(pad.get_name() for pad in self.source.srcpads)

    def wait_sample(self, name, accept=lambda sample: True, what="a sample"):
        """The first sample at the pad's appsink that `accept` takes."""
        sink = self.sinks[name]
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            sample = sink.try_pull_sample(Gst.SECOND // 10)
            if sample is not None and accept(sample):
                return sample
            check(not sink.is_eos(), f"EOS on {name} waiting for {what}")
        check(False, f"{what} never came on {name}")

    def wait_caps(self, name, width, height):
        def fits(sample):
            s = sample.get_caps().get_structure(0)
            return (s.get_int("width").value == width
                    and s.get_int("height").value == height)
        return self.wait_sample(name, fits, f"{width}x{height} frames")

    def wait_message(self, accept, what):
        """The first bus message `accept` takes, kept or yet to come."""
        bus = self.pipeline.get_bus()
        deadline = time.monotonic() + PATIENCE
        while True:
            for message in self.messages:
                if accept(message):
                    return message
            check(time.monotonic() < deadline, f"no {what} message")
            message = bus.timed_pop(Gst.SECOND // 10)
            if message is not None:
                self.messages.append(message)

    def error_text(self):
        message = self.pipeline.get_bus().pop_filtered(Gst.MessageType.ERROR)
        return message.parse_error()[0].message if message else "no error"


def details(message):
    """The details structure of an error or warning message."""
    if message.type == Gst.MessageType.ERROR:
        structure = message.parse_error_details()
    else:
        structure = message.parse_warning_details()
    check(structure is not None, "the message has no details")
    return structure


def is_uuid(text):
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def caps_field(sample, getter, name):
    result = getattr(sample.get_caps().get_structure(0), getter)(name)
    check(result[0], f"no {name} in {sample.get_caps().to_string()}")
    return tuple(result)[1:]


def test_tracks_are_pads_with_track_attributes(cleanup):
    stream = Stream(cleanup,
                    '{"video": {"width": 640, "height": 360}, "audio": true}')
    check(stream.open() == Gst.StateChangeReturn.SUCCESS)
    check(stream.pad_names() == ["audio_0", "video_0"], stream.pad_names())
    check(is_uuid(stream.source.props.stream_id))
    labels = {"video": "Fake Camera", "audio": "Fake Microphone"}
    ids = set()
    for kind in ("video", "audio"):
        pad = stream.pad(f"{kind}_0")
        check(GObject.type_name(pad) == "GstMediaStreamTrackPad")
        check(pad.props.kind == kind, pad.props.kind)
        check(pad.props.label == labels[kind], pad.props.label)
        check(is_uuid(pad.props.id), pad.props.id)
        ids.add(pad.props.id)
        check(pad.props.enabled and not pad.props.muted)
        check(pad.props.ready_state.value_nick == "live")
        settings = json.loads(pad.props.settings)
        check(settings["deviceId"] == pad.props.device_id)
        check(settings["groupId"] == pad.props.group_id)
        capabilities = json.loads(pad.props.capabilities)
        check(capabilities["deviceId"] == pad.props.device_id)
        if kind == "video":
            check(settings["width"] == 640 and settings["height"] == 360,
                  pad.props.settings)
            check(json.loads(pad.props.constraints)
                  == {"width": 640, "height": 360}, pad.props.constraints)
            check(capabilities["width"]["max"] >= 640, pad.props.capabilities)
        else:
            check(capabilities["channelCount"]["max"]
                  >= settings["channelCount"] >= 1, pad.props.settings)
    check(len(ids) == 2, "the tracks share an id")


def test_buffers_have_the_asked_caps(cleanup):
    stream = Stream(cleanup,
                    '{"video": {"width": {"exact": 320}, '
                    '"height": {"exact": 180}, "frameRate": 15}, '
                    '"audio": {"sampleRate": {"exact": 16000}, '
                    '"channelCount": {"exact": 1}}}')
    stream.play()
    video = stream.wait_sample("video_0")
    check(caps_field(video, "get_int", "width") == (320,))
    check(caps_field(video, "get_int", "height") == (180,))
    check(caps_field(video, "get_fraction", "framerate") == (15, 1))
    info = GstVideo.VideoInfo.new_from_caps(video.get_caps())
    check(video.get_buffer().get_size() == info.size,
          f"a frame of {video.get_buffer().get_size()} bytes")
    audio = stream.wait_sample("audio_0")
    check(caps_field(audio, "get_int", "rate") == (16000,))
    check(caps_field(audio, "get_int", "channels") == (1,))
    check(audio.get_buffer().get_size() > 0)


def test_setting_constraints_changes_the_caps(cleanup):
    stream = Stream(cleanup, '{"video": {"width": 640, "height": 480}}')
    stream.play()
    stream.wait_caps("video_0", 640, 480)
    pad = stream.pad("video_0")
    pad.props.constraints = \
        '{"width": {"exact": 1280}, "height": {"exact": 720}}'
    stream.wait_caps("video_0", 1280, 720)
    settings = json.loads(pad.props.settings)
    check(settings["width"] == 1280 and settings["height"] == 720,
          pad.props.settings)
    check(json.loads(pad.props.constraints)["width"] == {"exact": 1280},
          pad.props.constraints)


def test_impossible_request_is_overconstrained(cleanup):
    stream = Stream(cleanup, '{"video": {"width": {"exact": 5000}}}')
    check(stream.open() == Gst.StateChangeReturn.FAILURE)
    message = stream.wait_message(
        lambda m: m.type == Gst.MessageType.ERROR, "error")
    structure = details(message)
    check(structure.get_string("name") == "OverconstrainedError",
          structure.to_string())
    check(structure.get_string("constraint") == "width",
          structure.to_string())
    check(structure.get_string("message"), structure.to_string())
    check(stream.pad_names() == [], stream.pad_names())


def test_rejected_constraints_keep_the_track(cleanup):
    stream = Stream(cleanup, '{"video": {"width": 640, "height": 480}}')
    stream.play()
    stream.wait_caps("video_0", 640, 480)
    pad = stream.pad("video_0")
    before = (pad.props.constraints, pad.props.settings)
    pad.props.constraints = '{"width": {"exact": 5000}}'
    message = stream.wait_message(
        lambda m: m.type == Gst.MessageType.WARNING
        and details(m).get_string("name") is not None, "rejection warning")
    structure = details(message)
    check(structure.get_string("name") == "OverconstrainedError",
          structure.to_string())
    check(structure.get_string("constraint") == "width",
          structure.to_string())
    check((pad.props.constraints, pad.props.settings) == before)
    stream.wait_caps("video_0", 640, 480)


def test_clone_track_returns_a_pad(cleanup):
    stream = Stream(cleanup, '{"video": {"width": 1280, "height": 720}}')
    stream.play()
    stream.wait_caps("video_0", 1280, 720)
    original = stream.pad("video_0")
    clone = stream.source.emit("clone-track", original)
    check(clone is not None, "no clone")
    check(GObject.type_name(clone) == "GstMediaStreamTrackPad")
    check(clone.get_name() == "video_1", clone.get_name())
    check(clone.get_parent() == stream.source)
    check(is_uuid(clone.props.id) and clone.props.id != original.props.id)
    check(clone.props.device_id == original.props.device_id)
    check(clone.props.settings == original.props.settings)
    stream.wait_caps("video_1", 1280, 720)
    # Each keeps its own constraints: the clone is scaled down from the
    # shared capture, the original goes on as it was.
    clone.props.constraints = \
        '{"width": {"exact": 320}, "height": {"exact": 180}}'
    stream.wait_caps("video_1", 320, 180)
    stream.wait_caps("video_0", 1280, 720)


def black_levels(caps):
    """Luma and chroma of black in these I420 caps."""
    info = GstVideo.VideoInfo.new_from_caps(caps)
    studio = info.colorimetry.range == getattr(GstVideo.VideoColorRange,
                                               "16_235")
    return (16 if studio else 0), 128


def planes(sample):
    """The Y, U and V planes of an I420 frame (without row padding)."""
    info = GstVideo.VideoInfo.new_from_caps(sample.get_caps())
    data = sample.get_buffer().extract_dup(0, info.size)
    result = []
    for plane in range(3):
        width = info.width if plane == 0 else (info.width + 1) // 2
        height = info.height if plane == 0 else (info.height + 1) // 2
        stride, offset = info.stride[plane], info.offset[plane]
        result.append(b"".join(
            data[offset + row * stride:offset + row * stride + width]
            for row in range(height)))
    return result


def is_black(sample):
    luma, chroma = black_levels(sample.get_caps())
    y, u, v = planes(sample)
    return (y.count(luma) == len(y) and u.count(chroma) == len(u)
            and v.count(chroma) == len(v))


def test_disabled_track_is_black(cleanup):
    stream = Stream(cleanup, '{"video": {"width": 320, "height": 240}}',
                    caps={"video": "video/x-raw,format=I420"})
    stream.play()
    first = stream.wait_sample("video_0")
    check(not is_black(first), "the camera's own frames are black")
    caps = first.get_caps().to_string()
    pad = stream.pad("video_0")
    pad.props.enabled = False
    check(not pad.props.enabled)
    black = stream.wait_sample("video_0", is_black, "a black frame")
    check(black.get_caps().to_string() == caps,
          f"caps changed: {black.get_caps().to_string()}")
    pad.props.enabled = True
    stream.wait_sample("video_0", lambda s: not is_black(s),
                       "the camera's frames again")


def test_stop_ends_only_that_track(cleanup):
    stream = Stream(cleanup, '{"video": true, "audio": true}')
    stream.play()
    stream.wait_sample("video_0")
    stream.wait_sample("audio_0")
    video = stream.pad("video_0")
    video_id = video.props.id
    video.emit("stop")
    check(video.props.ready_state.value_nick == "ended")
    message = stream.wait_message(
        lambda m: m.has_name("mediastream-track-ended"), "track-ended")
    check(message.get_structure().get_string("track-id") == video_id)
    check(message.get_structure().get_string("reason") == "stopped")
    sink = stream.sinks["video_0"]
    deadline = time.monotonic() + PATIENCE
    while not sink.is_eos():
        check(time.monotonic() < deadline, "no EOS on the stopped track")
        sink.try_pull_sample(Gst.SECOND // 10)
    # appsink keeps at most two samples: a third one is new.
    for _ in range(3):
        stream.wait_sample("audio_0")
    check(stream.pad("audio_0").props.ready_state.value_nick == "live")


def test_stream_collection_names_the_tracks(cleanup):
    stream = Stream(cleanup, '{"video": true, "audio": true}')
    check(stream.open() == Gst.StateChangeReturn.SUCCESS)
    message = stream.wait_message(
        lambda m: m.type == Gst.MessageType.STREAM_COLLECTION, "collection")
    collection = message.parse_stream_collection()
    check(collection.get_upstream_id() == stream.source.props.stream_id)
    ids = {collection.get_stream(i).get_stream_id()
           for i in range(collection.get_size())}
    check(ids == {stream.pad("video_0").props.id,
                  stream.pad("audio_0").props.id}, ids)
    # SELECT_STREAMS from Python: only the video track keeps its pad.
    check(stream.source.send_event(Gst.Event.new_select_streams(
        [stream.pad("video_0").props.id])))
    check(stream.pad_names() == ["video_0"], stream.pad_names())


if __name__ == "__main__":
    Gst.init(None)
    main([
        test_tracks_are_pads_with_track_attributes,
        test_buffers_have_the_asked_caps,
        test_setting_constraints_changes_the_caps,
        test_impossible_request_is_overconstrained,
        test_rejected_constraints_keep_the_track,
        test_clone_track_returns_a_pad,
        test_disabled_track_is_black,
        test_stop_ends_only_that_track,
        test_stream_collection_names_the_tracks,
    ])
