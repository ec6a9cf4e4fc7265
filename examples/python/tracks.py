#!/usr/bin/python3
# gst-mediastream
# Copyright (C) 2026 gst-mediastream contributors
#
# This library is free software; you can redistribute it and/or
# modify it under the terms of the GNU Library General Public
# License as published by the Free Software Foundation; either
# version 2.1 of the License, or (at your option) any later version.

"""The MediaStreamTrack API on mediastreamsrc's pads.

Usage: tracks.py [CONSTRAINTS]

Opens the stream CONSTRAINTS asks for (default: a camera and a microphone),
prints each track's attributes, settings and capabilities, then disables a
track, clones it and stops the clone.
"""

import sys

import gi

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # noqa: E402


def print_track(pad):
    print(f"{pad.get_name()}: {pad.props.kind} \"{pad.props.label}\"")
    print(f"  id:           {pad.props.id}")
    print(f"  enabled:      {pad.props.enabled}")
    print(f"  muted:        {pad.props.muted}")
    print(f"  ready-state:  {pad.props.ready_state.value_nick}")
    print(f"  device-id:    {pad.props.device_id}")
    print(f"  constraints:  {pad.props.constraints}")
    print(f"  settings:     {pad.props.settings}")
    print(f"  capabilities: {pad.props.capabilities}")


def show_tracks(source):
    tracks = [source.get_static_pad(name) for name in ("video_0", "audio_0")]
    tracks = [pad for pad in tracks if pad is not None]
    for pad in tracks:
        print_track(pad)

    track = tracks[0]
    track.props.enabled = False
    print(f"{track.get_name()}.enabled = {track.props.enabled}: it carries "
          f"{'black frames' if track.props.kind == 'video' else 'silence'}")
    track.props.enabled = True

    clone = source.emit("clone-track", track)
    print(f"clone of {track.get_name()}:")
    print_track(clone)
    clone.emit("stop")
    print(f"{clone.get_name()} stopped: ready-state "
          f"{clone.props.ready_state.value_nick}; {track.get_name()}: "
          f"{track.props.ready_state.value_nick}")


def main():
    constraints = sys.argv[1] if len(sys.argv) > 1 else \
        '{"video": true, "audio": true}'
    Gst.init(None)
    pipeline = Gst.Pipeline.new()
    source = Gst.ElementFactory.make("mediastreamsrc")
    if source is None:
        print("error: the mediastreamsrc element is missing "
              "(GST_PLUGIN_PATH should name its directory)", file=sys.stderr)
        return 1
    source.props.constraints = constraints
    pipeline.add(source)

    # READY is getUserMedia(): the tracks are chosen, or the request fails;
    # PAUSED gives them their pads.
    if pipeline.set_state(Gst.State.READY) == Gst.StateChangeReturn.FAILURE \
            or pipeline.set_state(Gst.State.PAUSED) == \
            Gst.StateChangeReturn.FAILURE:
        message = pipeline.get_bus().pop_filtered(Gst.MessageType.ERROR)
        error, _ = message.parse_error()
        details = message.parse_error_details()
        print(f"error: {details.get_string('name')}: {error.message}",
              file=sys.stderr)
        return 1

    print(f"stream {source.props.stream_id}")
    # Our references to the track pads end with show_tracks(), before the
    # element drops the tracks.
    show_tracks(source)
    pipeline.set_state(Gst.State.NULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
