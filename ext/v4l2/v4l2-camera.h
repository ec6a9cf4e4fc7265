/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A V4L2 capture node as the engine sees it: its native modes (every pixel
 * format, frame size and frame interval the driver enumerates) and its
 * camera controls as Image Capture capabilities and settings, and the way
 * back (settings written to the controls).
 *
 * The node is opened on its own file descriptor: V4L2 lets any number of
 * openers read and set controls and enumerate formats while one of them
 * (v4l2src) streams, so nothing here disturbs a running capture. Opening
 * goes through libv4l2 with its format conversion off, so the modes are the
 * driver's own, the ones v4l2src can open.
 *
 * The ioctls are made through DeviceIo; a test can stand in for the driver.
 * The meaning of what they return is in v4l2-mapping.h. A Camera is used
 * from one thread at a time. */

#pragma once

#include "v4l2-mapping.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mediastream::v4l2 {

/* The ioctls of one open node. */
class DeviceIo {
public:
  virtual ~DeviceIo () = default;
  /* As ioctl(2): 0 on success, -1 with errno set on failure. */
  virtual int ioctl (unsigned long request, void *arg) = 0;
};

class Camera {
public:
  /* Opens a V4L2 video capture node. NotFoundError when there is no node
   * (or it is not a V4L2 video capture device), NotReadableError when it
   * cannot be opened (busy, no permission), with a message that says so. */
  static Result<Camera> open (const std::string &path);

  /* A camera on already open ioctls: the same checks as open(). */
  static Result<Camera> open (std::unique_ptr<DeviceIo> io, std::string path);

  Camera (Camera &&) noexcept;
  Camera &operator= (Camera &&) noexcept;
  ~Camera ();

  const std::string &path () const { return path_; }
  /* VIDIOC_QUERYCAP's driver, card (the label) and bus_info. */
  const std::string &driver () const { return driver_; }
  const std::string &card () const { return card_; }
  const std::string &busInfo () const { return busInfo_; }

  /* What the driver enumerates, as plain data (bounded: see
   * kMaxPixelFormats and the other limits; a list cut short by them keeps
   * the entries read so far). */
  Result<std::vector<PixelFormat>> pixelFormats ();
  /* The controls of cameraControlIds () the driver has, with their menus
   * and current values. */
  Result<ControlSet> controlSet ();

  Result<std::vector<VideoMode>> videoModes ();
  Result<CameraControls> controls ();
  /* A video DeviceDescription: label (the card name), videoModes and the
   * controls. deviceId and groupId are left to the device layer, which
   * knows how to keep them stable. */
  Result<DeviceDescription> describe ();

  /* The current values of the camera's Image Capture properties. */
  Result<Settings> settings ();

  /* Writes the Image Capture values of `settings` (planControlWrites has the
   * order and the rules) and returns the settings read back afterwards,
   * which may differ where the driver rounds. When the driver refuses a
   * write, the writes made before it are undone (as far as the driver
   * allows) and the error names the property (controlWriteError). */
  Result<Settings> apply (const Settings &settings);

private:
  Camera (std::unique_ptr<DeviceIo> io, std::string path);

  std::unique_ptr<DeviceIo> io_;
  std::string path_;
  std::string driver_;
  std::string card_;
  std::string busInfo_;
  std::uint32_t bufferType_ = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  /* Drivers without the extended ioctls (ENOTTY) get the old ones. */
  bool extendedQuery_ = true;
  bool extendedControls_ = true;

  Result<std::optional<Control>> queryControl (std::uint32_t id);
  std::vector<MenuItem> menuItems (const Control &control);
  std::optional<std::int64_t> readControl (const Control &control);
  int writeControl (const Control &control, std::int64_t value);
  std::vector<FrameSize> frameSizes (std::uint32_t fourcc,
      std::size_t &budget);
  std::vector<v4l2_frmivalenum> frameIntervals (std::uint32_t fourcc,
      std::uint32_t width, std::uint32_t height, std::size_t &budget);
  std::optional<v4l2_fract> currentInterval ();
};

/* One-call forms for callers that do not keep the node open. */
Result<DeviceDescription> describeDevice (const std::string &path);
Result<Settings> readSettings (const std::string &path);
Result<Settings> applySettings (const std::string &path,
    const Settings &settings);

}  // namespace mediastream::v4l2
