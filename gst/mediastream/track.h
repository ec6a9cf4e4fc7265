/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The MediaStreamTrack behind one of mediastreamsrc's pads, and the device
 * capture it reads.
 *
 * A capture is the device's own source element followed by a capsfilter
 * holding the native mode the engine chose and a tee: every track of the
 * device (a track and its clones) is a branch of that tee,
 *
 *   source ! capsfilter (native mode) ! tee ! queue ! constraintfilter ! trackgate ! (pad)
 *
 * so the device is opened once, in one mode, and each branch's
 * constraintfilter converts from that mode to the track's own settings
 * (crop, scale, decimate, resample, remix). The engine decides the mode and
 * every track's settings; constraintfilter is given those settings as exact
 * constraints, so it plans exactly the conversion the engine chose, and
 * trackgate carries the track's states (enabled, muted, ended). */

#pragma once

#include "constraints.h"
#include "error.h"
#include "gst-ptr.h"
#include "media-devices.h"
#include "select-settings.h"

#include <gst/gst.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mediastream {

class Track;

class Capture {
public:
  /* Creates the device's source, the mode capsfilter and the tee in `bin`.
   * NotReadableError when the device cannot make a source element. */
  static Result<std::shared_ptr<Capture>> create (GstBin *bin,
      const MediaDevice &device);
  ~Capture ();
  Capture (const Capture &) = delete;
  Capture &operator= (const Capture &) = delete;

  /* The device as enumerated. */
  const MediaDevice &device () const { return device_; }

  /* The device as it is now: its camera controls at the values last
   * written, which an unconstrained control keeps in the next selection. */
  DeviceDescription currentDescription () const;

  /* Writes to the camera the Image Capture settings of a selection (zoom,
   * focus, brightness...: one value per device, shared by the capture's
   * tracks) that differ from what it has. The driver's error (an
   * OverconstrainedError naming the control) when it refuses one; the
   * values written before it stay. */
  Result<bool> applyCameraControls (const Settings &settings);
  GstElement *source () const { return source_; }
  GstElement *tee () const { return tee_; }

  /* The native mode to capture in, before the source runs. */
  void setMode (GstCaps *caps);

  /* Moves the running capture to the native mode `caps`, `retuneTracks`
   * giving its tracks their part of the change. The source's data and the
   * queries of its renegotiation wait meanwhile, so that it asks for the
   * new mode only when every element on its way expects it (else it would
   * fail as not negotiated). */
  void switchMode (GstCaps *caps, const std::function<void ()> &retuneTracks);

  /* Whether `object` is the capsfilter holding the mode. */
  bool isModeFilter (GstObject *object) const {
    return object != nullptr && object == GST_OBJECT_CAST (modeFilter_);
  }

  /* Whether `object` is the source or inside it (the origin of a bus
   * message). */
  bool owns (GstObject *object) const;

  /* Whether the device has delivered data: an error before is a failure
   * to start (getUserMedia() rejects), after it the device was lost. */
  bool started () const { return started_.load (); }

  /* Whether switchMode() was called since this was last asked: a source
   * that was negotiating its mode when the switch came can fail as not
   * negotiated, and is then restarted (once per switch). */
  bool takeModeSwitch () { return modeSwitched_.exchange (false); }

  /* Records that the device is gone; true the first time only, so that a
   * loss is reported once however many ways it is noticed. */
  bool markLost () { return !lost_.exchange (true); }

  /* Records an error of the source; true for its first only, which says
   * what went wrong: a failing GstBaseSrc follows it with a flow error
   * ("Internal data stream error"). */
  bool markErrored () { return !errored_.exchange (true); }

  /* The tracks reading the capture (a track and its clones), in the order
   * they were made. */
  std::vector<std::shared_ptr<Track>> tracks () const;
  void addTrack (const std::shared_ptr<Track> &track);
  void removeTrack (const Track *track);

  /* Takes the elements out of the bin (in NULL). */
  void remove ();

  /* Stops the device (its source goes to NULL and stays there) once none
   * of its tracks is live: a stopped camera's light goes off. Not from a
   * streaming thread of the capture. */
  void releaseIfUnused ();

private:
  Capture (GstBin *bin, MediaDevice device);

  GstBin *bin_;               /* not owned: the bin owns the capture */
  MediaDevice device_;
  GstElement *source_ = nullptr;
  GstElement *modeFilter_ = nullptr;
  GstElement *tee_ = nullptr;
  std::atomic<bool> started_ { false };
  std::atomic<bool> lost_ { false };
  std::atomic<bool> errored_ { false };
  std::atomic<bool> modeSwitched_ { false };
  mutable std::mutex lock_;
  std::vector<std::weak_ptr<Track>> tracks_;
  Settings cameraControls_;   /* written by applyCameraControls () */

  static GstPadProbeReturn onFirstBuffer (GstPad *pad, GstPadProbeInfo *info,
      gpointer capture);
};

/* What a track is made from. */
struct TrackSpec {
  Kind kind = Kind::Video;
  std::string label;
  std::string deviceId;
  std::string groupId;
  TrackConstraints constraints;       /* what getConstraints() returns */
  Selection selection;
  Capabilities capabilities;
};

class Track {
public:
  /* A new track with a random UUID, its branch built in `bin` from the
   * capture's tee (without a capture, the caller links its sinkPad()).
   * For a capture that is running already (a clone), `joining`: the
   * branch is linked to the tee by admit(), once its elements run, since
   * data or events pushed into a branch whose elements do not run yet are
   * refused with flushing, which the tee passes to the source, stopping the
   * capture for every track. */
  static Result<std::shared_ptr<Track>> create (GstBin *bin,
      std::shared_ptr<Capture> capture, TrackSpec spec, bool joining = false);

  /* Runs a joining track's branch in the bin's state (downstream first)
   * and links it to the capture's tee. */
  bool admit ();
  ~Track ();
  Track (const Track &) = delete;
  Track &operator= (const Track &) = delete;

  const std::string &id () const { return id_; }
  Kind kind () const { return spec_.kind; }
  const std::string &label () const { return spec_.label; }
  const std::string &deviceId () const { return spec_.deviceId; }
  const std::string &groupId () const { return spec_.groupId; }
  const std::shared_ptr<Capture> &capture () const { return capture_; }

  /* The branch's first element's sink pad (linked to the capture's tee),
   * and the pad the track's data leaves by (the target of its ghost pad). */
  GstPad *sinkPad () const;
  GstPad *srcPad () const;
  GstElement *gate () const { return gate_; }

  /* getConstraints(), getSettings(), getCapabilities() as JSON (without a
   * capture: constraintfilter's). */
  std::string constraintsJson () const;
  std::string settingsJson () const;
  std::string capabilitiesJson () const;
  TrackConstraints constraints () const;
  Selection selection () const;

  /* Makes the branch deliver `selection` (from the capture's current mode)
   * and records the constraints it was chosen for. Without a capture (a
   * track of a media file) constraintfilter is given the constraints
   * themselves and selects on what the decoder delivers. */
  void realise (const TrackConstraints &constraints,
      const Selection &selection);

  std::string contentHint () const;
  /* MediaStreamTrack.contentHint: values that do not apply to the kind are
   * ignored, as the spec says. Returns whether it was taken. */
  bool setContentHint (const std::string &hint);

  /* Takes the branch's elements out of the bin (in NULL). */
  void remove ();

private:
  Track (GstBin *bin, std::shared_ptr<Capture> capture, TrackSpec spec);
  bool linkToCapture ();

  GstBin *bin_;
  std::shared_ptr<Capture> capture_;
  const std::string id_;
  GstElement *queue_ = nullptr;
  GstElement *filter_ = nullptr;
  GstElement *gate_ = nullptr;
  GstPad *teePad_ = nullptr;          /* the tee's request pad */

  mutable std::mutex lock_;
  TrackSpec spec_;
  std::string contentHint_;
};

/* The exact constraints that make constraintfilter deliver what the engine
 * chose: the selection's size and frame rate (video) or sample rate, size
 * and channel count (audio). The resize mode is left open: upstream of the
 * filter is the capture's one mode, so the filter converts exactly when the
 * sizes differ, and frames of the previous mode still on their way while
 * the device switches are converted rather than refused. */
TrackConstraints exactFormatConstraints (Kind kind, const Selection &selection);

}  // namespace mediastream
