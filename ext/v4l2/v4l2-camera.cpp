/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#include "v4l2-camera.h"

#include <libv4l2.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace mediastream::v4l2 {

namespace {

/* A menu's indexes are walked one by one; a driver reporting a maximum of
 * millions must not turn that into millions of ioctls. */
constexpr std::int64_t kMaxMenuIndexes = 256;

/* A node opened through libv4l2, closed with it. */
class Libv4l2Io final : public DeviceIo {
public:
  explicit Libv4l2Io (int fd) : fd_ (fd) {}
  ~Libv4l2Io () override { v4l2_close (fd_); }
  Libv4l2Io (const Libv4l2Io &) = delete;
  Libv4l2Io &operator= (const Libv4l2Io &) = delete;

  int ioctl (unsigned long request, void *arg) override {
    return v4l2_ioctl (fd_, request, arg);
  }

private:
  int fd_;
};

int
xioctl (DeviceIo &io, unsigned long request, void *arg)
{
  int result;
  do {
    result = io.ioctl (request, arg);
  } while (result == -1 && errno == EINTR);
  return result;
}

/* A fixed-size string field of a V4L2 struct, which the driver need not
 * terminate when it fills the whole field. */
template <std::size_t N>
std::string
textOf (const __u8 (&field)[N])
{
  const char *chars = reinterpret_cast<const char *> (field);
  return std::string (chars, strnlen (chars, N));
}

/* An ioctl that failed on a node that was open: gone (unplugged) or not
 * answering. */
Error
deviceError (const std::string &path, const char *what, int err)
{
  const std::string reason = std::system_category ().message (err);
  if (err == ENODEV)
    return Error { ErrorName::NotFoundError, "",
          path + " went away while reading its " + what + " (" + reason + ")" };
  return Error { ErrorName::NotReadableError, "",
        "Could not read the " + std::string (what) + " of " + path + ": " +
        reason };
}

}  // namespace

Camera::Camera (std::unique_ptr<DeviceIo> io, std::string path)
    : io_ (std::move (io)), path_ (std::move (path))
{
}

Camera::Camera (Camera &&) noexcept = default;
Camera &Camera::operator= (Camera &&) noexcept = default;
Camera::~Camera () = default;

Result<Camera>
Camera::open (const std::string &path)
{
  const int fd = ::open (path.c_str (), O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return openError (path, errno);
  /* Conversion off: libv4l2 would otherwise add emulated formats that only
   * its own read path produces. When libv4l2 declines the node (-1), the fd
   * stays open and v4l2_ioctl passes every call to the kernel. */
  v4l2_fd_open (fd, V4L2_DISABLE_CONVERSION);
  return open (std::make_unique<Libv4l2Io> (fd), path);
}

Result<Camera>
Camera::open (std::unique_ptr<DeviceIo> io, std::string path)
{
  v4l2_capability capability {};
  if (xioctl (*io, VIDIOC_QUERYCAP, &capability) < 0) {
    const int err = errno;
    if (err == ENOTTY || err == EINVAL)
      return Error { ErrorName::NotFoundError, "",
            path + " is not a V4L2 device" };
    return openError (path, err);
  }

  Camera camera (std::move (io), std::move (path));
  camera.driver_ = textOf (capability.driver);
  camera.card_ = textOf (capability.card);
  camera.busInfo_ = textOf (capability.bus_info);

  /* device_caps describe this node; capabilities the whole device, which
   * for a UVC camera also has a metadata node that captures no video. */
  const std::uint32_t caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS)
      ? capability.device_caps : capability.capabilities;
  if (caps & V4L2_CAP_VIDEO_CAPTURE)
    camera.bufferType_ = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  else if (caps & V4L2_CAP_VIDEO_CAPTURE_MPLANE)
    camera.bufferType_ = V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE;
  else
    return Error { ErrorName::NotFoundError, "", camera.path_ + " (" +
          camera.card_ + ") is not a video capture device" };
  return Result<Camera> (std::move (camera));
}

std::vector<v4l2_frmivalenum>
Camera::frameIntervals (std::uint32_t fourcc, std::uint32_t width,
    std::uint32_t height, std::size_t &budget)
{
  std::vector<v4l2_frmivalenum> intervals;
  for (std::uint32_t index = 0; index < kMaxFrameIntervals && budget > 0;
      index++) {
    budget--;
    v4l2_frmivalenum interval {};
    interval.index = index;
    interval.pixel_format = fourcc;
    interval.width = width;
    interval.height = height;
    if (xioctl (*io_, VIDIOC_ENUM_FRAMEINTERVALS, &interval) < 0)
      break;
    intervals.push_back (interval);
    /* A range is the only entry (index 0); a driver that answers further
     * indexes would only repeat it. */
    if (interval.type != V4L2_FRMIVAL_TYPE_DISCRETE)
      break;
  }
  return intervals;
}

std::vector<FrameSize>
Camera::frameSizes (std::uint32_t fourcc, std::size_t &budget)
{
  std::vector<FrameSize> sizes;
  for (std::uint32_t index = 0; index < kMaxFrameSizes && budget > 0;
      index++) {
    budget--;
    FrameSize entry;
    entry.size.index = index;
    entry.size.pixel_format = fourcc;
    if (xioctl (*io_, VIDIOC_ENUM_FRAMESIZES, &entry.size) < 0)
      break;
    const bool discrete = entry.size.type == V4L2_FRMSIZE_TYPE_DISCRETE;
    /* The intervals of a size range are asked at its largest size (see
     * FrameSize). */
    const std::uint32_t width = discrete ? entry.size.discrete.width :
        entry.size.stepwise.max_width;
    const std::uint32_t height = discrete ? entry.size.discrete.height :
        entry.size.stepwise.max_height;
    entry.intervals = frameIntervals (fourcc, width, height, budget);
    sizes.push_back (std::move (entry));
    if (!discrete)
      break;
  }
  return sizes;
}

std::optional<v4l2_fract>
Camera::currentInterval ()
{
  v4l2_streamparm parm {};
  parm.type = bufferType_;
  if (xioctl (*io_, VIDIOC_G_PARM, &parm) < 0
      || !(parm.parm.capture.capability & V4L2_CAP_TIMEPERFRAME))
    return std::nullopt;
  return parm.parm.capture.timeperframe;
}

Result<std::vector<PixelFormat>>
Camera::pixelFormats ()
{
  std::vector<PixelFormat> formats;
  std::size_t budget = kMaxEnumerationEntries;
  for (std::uint32_t index = 0; index < kMaxPixelFormats && budget > 0;
      index++) {
    budget--;
    PixelFormat format;
    format.description.index = index;
    format.description.type = bufferType_;
    if (xioctl (*io_, VIDIOC_ENUM_FMT, &format.description) < 0) {
      const int err = errno;
      /* EINVAL ends the list; a failure further on keeps what was listed. */
      if (err == EINVAL || index > 0)
        break;
      return deviceError (path_, "pixel formats", err);
    }
    format.sizes = frameSizes (format.description.pixelformat, budget);
    formats.push_back (std::move (format));
  }
  return formats;
}

Result<std::vector<VideoMode>>
Camera::videoModes ()
{
  auto formats = pixelFormats ();
  if (!formats)
    return formats.error ();
  return videoModesOf (*formats, currentInterval ());
}

std::vector<MenuItem>
Camera::menuItems (const Control &control)
{
  std::vector<MenuItem> items;
  const std::int64_t first = std::max<std::int64_t> (control.minimum, 0);
  const std::int64_t last = std::min (control.maximum,
      first + kMaxMenuIndexes - 1);
  for (std::int64_t index = first; index <= last; index++) {
    v4l2_querymenu query {};
    query.id = control.id;
    query.index = static_cast<std::uint32_t> (index);
    /* Drivers leave holes: EINVAL marks an index they do not accept. */
    if (xioctl (*io_, VIDIOC_QUERYMENU, &query) < 0)
      continue;
    MenuItem item;
    item.index = query.index;
    if (control.type == V4L2_CTRL_TYPE_INTEGER_MENU) {
      item.value = query.value;
    } else {
      item.value = index;
      item.name = textOf (query.name);
    }
    items.push_back (std::move (item));
  }
  return items;
}

std::optional<std::int64_t>
Camera::readControl (const Control &control)
{
  if (extendedControls_) {
    v4l2_ext_control value {};
    value.id = control.id;
    v4l2_ext_controls request {};
    /* The control's class rather than V4L2_CTRL_WHICH_CUR_VAL: kernels
     * before 4.4 only take a class here, later ones take both. */
    request.which = V4L2_CTRL_ID2CLASS (control.id);
    request.count = 1;
    request.controls = &value;
    if (xioctl (*io_, VIDIOC_G_EXT_CTRLS, &request) == 0)
      return control.type == V4L2_CTRL_TYPE_INTEGER64 ? value.value64 :
          value.value;
    if (errno != ENOTTY)
      return std::nullopt;
    extendedControls_ = false;
  }
  v4l2_control value {};
  value.id = control.id;
  if (xioctl (*io_, VIDIOC_G_CTRL, &value) < 0)
    return std::nullopt;
  return value.value;
}

int
Camera::writeControl (const Control &control, std::int64_t value)
{
  if (extendedControls_) {
    v4l2_ext_control entry {};
    entry.id = control.id;
    if (control.type == V4L2_CTRL_TYPE_INTEGER64)
      entry.value64 = value;
    else
      entry.value = static_cast<std::int32_t> (value);
    v4l2_ext_controls request {};
    request.which = V4L2_CTRL_ID2CLASS (control.id);
    request.count = 1;
    request.controls = &entry;
    const int result = xioctl (*io_, VIDIOC_S_EXT_CTRLS, &request);
    if (result == 0 || errno != ENOTTY)
      return result;
    extendedControls_ = false;
  }
  v4l2_control entry {};
  entry.id = control.id;
  entry.value = static_cast<std::int32_t> (value);
  return xioctl (*io_, VIDIOC_S_CTRL, &entry);
}

Result<std::optional<Control>>
Camera::queryControl (std::uint32_t id)
{
  Control control;
  bool found = false;
  if (extendedQuery_) {
    v4l2_query_ext_ctrl query {};
    query.id = id;
    if (xioctl (*io_, VIDIOC_QUERY_EXT_CTRL, &query) == 0) {
      control.id = query.id;
      control.type = query.type;
      control.flags = query.flags;
      control.minimum = query.minimum;
      control.maximum = query.maximum;
      control.step = query.step;
      control.defaultValue = query.default_value;
      found = true;
    } else if (errno == ENOTTY) {
      extendedQuery_ = false;
    } else if (errno == ENODEV) {
      return deviceError (path_, "controls", errno);
    } else {
      return std::optional<Control> ();
    }
  }
  if (!found) {
    v4l2_queryctrl query {};
    query.id = id;
    if (xioctl (*io_, VIDIOC_QUERYCTRL, &query) < 0) {
      if (errno == ENODEV)
        return deviceError (path_, "controls", errno);
      return std::optional<Control> ();
    }
    control.id = query.id;
    control.type = query.type;
    control.flags = query.flags;
    control.minimum = query.minimum;
    control.maximum = query.maximum;
    control.step = static_cast<std::uint32_t> (query.step);
    control.defaultValue = query.default_value;
  }
  if (control.id != id || (control.flags & V4L2_CTRL_FLAG_DISABLED))
    return std::optional<Control> ();

  if (control.type == V4L2_CTRL_TYPE_MENU
      || control.type == V4L2_CTRL_TYPE_INTEGER_MENU)
    control.menu = menuItems (control);
  if (control.type != V4L2_CTRL_TYPE_BUTTON
      && !(control.flags & V4L2_CTRL_FLAG_WRITE_ONLY))
    control.value = readControl (control);
  return std::optional<Control> (std::move (control));
}

Result<ControlSet>
Camera::controlSet ()
{
  ControlSet controls;
  for (std::uint32_t id : cameraControlIds ()) {
    auto control = queryControl (id);
    if (!control)
      return control.error ();
    if (*control)
      controls[id] = std::move (**control);
  }
  return controls;
}

Result<CameraControls>
Camera::controls ()
{
  auto controls = controlSet ();
  if (!controls)
    return controls.error ();
  return cameraControlsOf (*controls);
}

Result<DeviceDescription>
Camera::describe ()
{
  auto modes = videoModes ();
  if (!modes)
    return modes.error ();
  auto camera = controls ();
  if (!camera)
    return camera.error ();
  DeviceDescription device;
  device.kind = Kind::Video;
  device.label = card_;
  device.videoModes = std::move (*modes);
  addCameraControls (*camera, device);
  return device;
}

Result<Settings>
Camera::settings ()
{
  auto camera = controls ();
  if (!camera)
    return camera.error ();
  return settingsOf (*camera);
}

Result<Settings>
Camera::apply (const Settings &settings)
{
  auto controls = controlSet ();
  if (!controls)
    return controls.error ();
  const auto writes = planControlWrites (*controls, settings);
  if (!writes)
    return writes.error ();

  /* What each write replaced, to put back if a later one is refused: a
   * failed change leaves the camera as it was. */
  std::vector<std::pair<const Control *, std::int64_t>> undo;
  for (const ControlWrite & write : *writes) {
    const auto control = controls->find (write.id);
    if (control == controls->end ())
      continue;
    if (writeControl (control->second, write.value) < 0) {
      const int err = errno;
      for (auto it = undo.rbegin (); it != undo.rend (); ++it)
        writeControl (*it->first, it->second);
      return controlWriteError (write, err);
    }
    if (control->second.type != V4L2_CTRL_TYPE_BUTTON && control->second.value)
      undo.emplace_back (&control->second, *control->second.value);
  }
  return this->settings ();
}

Result<DeviceDescription>
describeDevice (const std::string &path)
{
  auto camera = Camera::open (path);
  if (!camera)
    return camera.error ();
  return camera->describe ();
}

Result<Settings>
readSettings (const std::string &path)
{
  auto camera = Camera::open (path);
  if (!camera)
    return camera.error ();
  return camera->settings ();
}

Result<Settings>
applySettings (const std::string &path, const Settings &settings)
{
  auto camera = Camera::open (path);
  if (!camera)
    return camera.error ();
  return camera->apply (settings);
}

}  // namespace mediastream::v4l2
