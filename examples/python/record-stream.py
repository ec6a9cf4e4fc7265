#!/usr/bin/python3
# gst-mediastream
# Copyright (C) 2026 gst-mediastream contributors
#
# This library is free software; you can redistribute it and/or
# modify it under the terms of the GNU Library General Public
# License as published by the Free Software Foundation; either
# version 2.1 of the License, or (at your option) any later version.

"""Records a getUserMedia() stream to a Matroska file.

mediastreamsrc opens the cameras and microphones that CONSTRAINTS (a
MediaStreamConstraints JSON document) asks for and gives one pad per track;
each pad is encoded and muxed as it appears. With --apply-after, new
constraints are applied to the running tracks, as applyConstraints() does.
"""

import argparse
import json
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
from gi.repository import GLib, Gst  # noqa: E402

DEFAULT_CONSTRAINTS = '{"video": {"width": 640, "height": 360}, "audio": true}'

# Per kind: what converts the track to what the encoder takes, and the
# encoders in order of preference (the first one installed is used).
CONVERTERS = {
    "video": "videoconvert ! videoscale ! videorate",
    "audio": "audioconvert ! audioresample",
}
ENCODERS = {
    "video": ["vp8enc deadline=1", "jpegenc"],
    "audio": ["vorbisenc", "flacenc"],
}


def encoder_for(kind):
    for description in ENCODERS[kind]:
        if Gst.ElementFactory.find(description.split()[0]) is not None:
            return description
    return None


def recorded_caps(kind, settings):
    """The caps a track is recorded in: its settings when recording starts.

    A Matroska track keeps the size and rate it was declared with, so when
    applyConstraints() changes the track later, its frames are scaled (with
    borders) and its audio resampled back into these caps.
    """
    if kind == "video":
        num, den = Gst.util_double_to_fraction(settings["frameRate"])
        return (f"video/x-raw,width={settings['width']},"
                f"height={settings['height']},framerate={num}/{den},"
                "pixel-aspect-ratio=1/1")
    return (f"audio/x-raw,rate={settings['sampleRate']},"
            f"channels={settings['channelCount']}")


def describe(message):
    """An error or warning message as text, with the DOMException that its
    details structure names (OverconstrainedError, NotFoundError...)."""
    if message.type == Gst.MessageType.ERROR:
        error, _ = message.parse_error()
        details = message.parse_error_details()
    else:
        error, _ = message.parse_warning()
        details = message.parse_warning_details()
    name = details.get_string("name") if details else None
    constraint = details.get_string("constraint") if details else None
    text = f"{name}: {error.message}" if name else error.message
    if constraint:
        text += f" (constraint: {constraint})"
    if details and details.get_string("message"):
        text += f"\n  {details.get_string('message')}"
    return text


def print_track(pad, what="track"):
    print(f"{pad.get_name()}: {pad.props.kind} {what} \"{pad.props.label}\"",
          flush=True)
    print(f"  settings: {pad.props.settings}", flush=True)


class Recorder:
    def __init__(self, constraints, output):
        self.pipeline = Gst.Pipeline.new("recorder")
        self.source = Gst.ElementFactory.make("mediastreamsrc", "source")
        self.mux = Gst.ElementFactory.make("matroskamux", "mux")
        sink = Gst.ElementFactory.make("filesink", "sink")
        if self.source is None:
            raise RuntimeError("the mediastreamsrc element is missing "
                               "(GST_PLUGIN_PATH should name its directory)")
        self.source.props.constraints = constraints
        sink.props.location = output
        for element in (self.source, self.mux, sink):
            self.pipeline.add(element)
        self.mux.link(sink)
        self.source.connect("pad-added", self.on_pad_added)
        self.tracks = {}
        self.loop = GLib.MainLoop()
        self.status = 0

    def on_pad_added(self, source, pad):
        kind = pad.props.kind
        print_track(pad)
        encoder = encoder_for(kind)
        if encoder is None:
            print(f"error: no {kind} encoder is installed (tried "
                  f"{', '.join(ENCODERS[kind])})", file=sys.stderr)
            self.status = 1
            return
        caps = recorded_caps(kind, json.loads(pad.props.settings))
        branch = Gst.parse_bin_from_description(
            f"queue ! {CONVERTERS[kind]} ! capsfilter caps=\"{caps}\" ! "
            f"{encoder}", True)
        self.pipeline.add(branch)
        branch.link(self.mux)
        pad.link(branch.get_static_pad("sink"))
        branch.sync_state_with_parent()
        self.tracks[pad.get_name()] = pad

    def apply_constraints(self, document):
        for pad in self.tracks.values():
            if pad.props.kind in document:
                pad.props.constraints = json.dumps(document[pad.props.kind])
                print_track(pad, "track after applyConstraints()")
        return GLib.SOURCE_REMOVE

    def stop(self):
        # EOS from the sources: the muxer finishes the file, then EOS comes
        # out on the bus.
        self.pipeline.send_event(Gst.Event.new_eos())
        return GLib.SOURCE_REMOVE

    def on_message(self, bus, message):
        if message.type == Gst.MessageType.ERROR:
            print(f"error: {describe(message)}", file=sys.stderr, flush=True)
            self.status = 1
            self.loop.quit()
        elif message.type == Gst.MessageType.WARNING:
            print(f"warning: {describe(message)}", file=sys.stderr,
                  flush=True)
        elif message.type == Gst.MessageType.EOS:
            self.loop.quit()

    def run(self, seconds, apply_after):
        bus = self.pipeline.get_bus()
        # READY is getUserMedia(): the tracks are chosen, or the request
        # fails; their pads appear (and are linked in on_pad_added) on the
        # way to PLAYING.
        if self.pipeline.set_state(Gst.State.READY) == \
                Gst.StateChangeReturn.FAILURE:
            message = bus.pop_filtered(Gst.MessageType.ERROR)
            print("error: " + (describe(message) if message else
                               "the stream could not be opened"),
                  file=sys.stderr)
            self.status = 1
        if self.status != 0:
            self.tracks.clear()
            self.pipeline.set_state(Gst.State.NULL)
            return self.status
        bus.add_signal_watch()
        bus.connect("message", self.on_message)
        GLib.timeout_add(int(seconds * 1000), self.stop)
        if apply_after is not None:
            delay, document = apply_after
            GLib.timeout_add(int(delay * 1000), self.apply_constraints,
                             document)
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, self.stop)
        self.pipeline.set_state(Gst.State.PLAYING)
        self.loop.run()
        bus.remove_signal_watch()
        # Our references to the track pads go before the tracks do.
        self.tracks.clear()
        self.pipeline.set_state(Gst.State.NULL)
        return self.status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("constraints", nargs="?", default=DEFAULT_CONSTRAINTS,
                        help="MediaStreamConstraints JSON (default: "
                        f"{DEFAULT_CONSTRAINTS})")
    parser.add_argument("--seconds", type=float, default=5.0,
                        help="how long to record (default: 5)")
    parser.add_argument("--output", default="recording.mkv",
                        help="the Matroska file to write "
                        "(default: recording.mkv)")
    parser.add_argument("--apply-after", nargs=2,
                        metavar=("SECONDS", "JSON"),
                        help="after SECONDS, apply JSON's "
                        "MediaTrackConstraints to the tracks of each kind it "
                        "names, e.g. "
                        "'{\"video\": {\"width\": 1280, \"height\": 720}}'")
    args = parser.parse_args()
    apply_after = None
    if args.apply_after is not None:
        try:
            apply_after = (float(args.apply_after[0]),
                           json.loads(args.apply_after[1]))
        except ValueError as e:
            parser.error(f"--apply-after: {e}")
        if not isinstance(apply_after[1], dict):
            parser.error("--apply-after: JSON must be an object")

    Gst.init(None)
    try:
        recorder = Recorder(args.constraints, args.output)
    except RuntimeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    status = recorder.run(args.seconds, apply_after)
    if status == 0:
        print(f"recorded {args.output}")
    return status


if __name__ == "__main__":
    sys.exit(main())
