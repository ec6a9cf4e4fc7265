/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* ext/v4l2 without a device: the mapping from V4L2 enumerations and
 * controls to native modes, capabilities and settings, the order of control
 * writes, and the Camera flow over a scripted driver (FakeDriver below) that
 * also misbehaves the ways real drivers do. The real driver (vivid) is
 * tests/vm/v4l2-camera.cpp. */

#include "check-main.h"
#include "mode-asserts.h"

#include "v4l2-camera.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace mediastream;
using namespace mediastream::v4l2;

/* --- Building blocks --- */

static v4l2_fract
fract (std::uint32_t numerator, std::uint32_t denominator)
{
  v4l2_fract f {};
  f.numerator = numerator;
  f.denominator = denominator;
  return f;
}

static v4l2_frmsizeenum
discreteSize (std::uint32_t width, std::uint32_t height)
{
  v4l2_frmsizeenum size {};
  size.type = V4L2_FRMSIZE_TYPE_DISCRETE;
  size.discrete.width = width;
  size.discrete.height = height;
  return size;
}

static v4l2_frmsizeenum
stepwiseSize (std::uint32_t type, std::uint32_t minWidth,
    std::uint32_t maxWidth, std::uint32_t stepWidth, std::uint32_t minHeight,
    std::uint32_t maxHeight, std::uint32_t stepHeight)
{
  v4l2_frmsizeenum size {};
  size.type = type;
  size.stepwise.min_width = minWidth;
  size.stepwise.max_width = maxWidth;
  size.stepwise.step_width = stepWidth;
  size.stepwise.min_height = minHeight;
  size.stepwise.max_height = maxHeight;
  size.stepwise.step_height = stepHeight;
  return size;
}

static v4l2_frmivalenum
discreteInterval (std::uint32_t numerator, std::uint32_t denominator)
{
  v4l2_frmivalenum interval {};
  interval.type = V4L2_FRMIVAL_TYPE_DISCRETE;
  interval.discrete = fract (numerator, denominator);
  return interval;
}

static v4l2_frmivalenum
intervalRange (std::uint32_t type, v4l2_fract min, v4l2_fract max)
{
  v4l2_frmivalenum interval {};
  interval.type = type;
  interval.stepwise.min = min;
  interval.stepwise.max = max;
  interval.stepwise.step = fract (1, 1000);
  return interval;
}

static PixelFormat
pixelFormat (std::uint32_t fourcc, std::vector<FrameSize> sizes,
    std::uint32_t flags = 0)
{
  PixelFormat format;
  format.description.pixelformat = fourcc;
  format.description.flags = flags;
  format.sizes = std::move (sizes);
  return format;
}

static Control
integer (std::uint32_t id, std::int64_t min, std::int64_t max,
    std::uint64_t step, std::int64_t value, std::uint32_t flags = 0)
{
  Control c;
  c.id = id;
  c.type = V4L2_CTRL_TYPE_INTEGER;
  c.flags = flags;
  c.minimum = min;
  c.maximum = max;
  c.step = step;
  c.defaultValue = min;
  c.value = value;
  return c;
}

static Control
boolean (std::uint32_t id, bool value)
{
  Control c = integer (id, 0, 1, 1, value ? 1 : 0);
  c.type = V4L2_CTRL_TYPE_BOOLEAN;
  return c;
}

static Control
menu (std::uint32_t id, std::int64_t min, std::int64_t max,
    const std::vector<std::uint32_t> &indexes, std::int64_t value,
    std::uint32_t flags = 0)
{
  Control c = integer (id, min, max, 1, value, flags);
  c.type = V4L2_CTRL_TYPE_MENU;
  for (std::uint32_t index : indexes)
    c.menu.push_back ({ index, index, "item " + std::to_string (index) });
  return c;
}

static Control
integerMenu (std::uint32_t id, const std::vector<std::int64_t> &values,
    std::int64_t currentIndex)
{
  Control c = integer (id, 0, static_cast<std::int64_t> (values.size ()) - 1,
      1, currentIndex);
  c.type = V4L2_CTRL_TYPE_INTEGER_MENU;
  for (std::size_t i = 0; i < values.size (); i++)
    c.menu.push_back ({ static_cast<std::uint32_t> (i), values[i], "" });
  return c;
}

static Control
button (std::uint32_t id)
{
  Control c = integer (id, 0, 0, 0, 0, V4L2_CTRL_FLAG_WRITE_ONLY);
  c.type = V4L2_CTRL_TYPE_BUTTON;
  c.value.reset ();
  return c;
}

static void
add (ControlSet &set, Control control)
{
  set[control.id] = std::move (control);
}

/* What a typical UVC webcam offers: automatic exposure through the aperture
 * priority item, automatic focus and white balance on, PTZ in arc seconds. */
static ControlSet
uvcWebcam ()
{
  ControlSet set;
  add (set, integer (V4L2_CID_BRIGHTNESS, -64, 64, 1, 0));
  add (set, integer (V4L2_CID_CONTRAST, 0, 95, 1, 32));
  add (set, integer (V4L2_CID_SATURATION, 0, 100, 1, 64));
  add (set, integer (V4L2_CID_HUE, -2000, 2000, 1, 0));
  add (set, integer (V4L2_CID_SHARPNESS, 1, 7, 1, 3));
  add (set, boolean (V4L2_CID_AUTO_WHITE_BALANCE, true));
  add (set, integer (V4L2_CID_WHITE_BALANCE_TEMPERATURE, 2800, 6500, 10,
          4600, V4L2_CTRL_FLAG_INACTIVE));
  add (set, menu (V4L2_CID_EXPOSURE_AUTO, 0, 3, { V4L2_EXPOSURE_MANUAL,
              V4L2_EXPOSURE_APERTURE_PRIORITY },
          V4L2_EXPOSURE_APERTURE_PRIORITY));
  add (set, integer (V4L2_CID_EXPOSURE_ABSOLUTE, 3, 2047, 1, 157,
          V4L2_CTRL_FLAG_INACTIVE));
  add (set, boolean (V4L2_CID_FOCUS_AUTO, true));
  add (set, integer (V4L2_CID_FOCUS_ABSOLUTE, 0, 250, 5, 0,
          V4L2_CTRL_FLAG_INACTIVE));
  add (set, integer (V4L2_CID_ZOOM_ABSOLUTE, 100, 500, 1, 100));
  add (set, integer (V4L2_CID_PAN_ABSOLUTE, -36000, 36000, 3600, 0));
  add (set, integer (V4L2_CID_TILT_ABSOLUTE, -36000, 36000, 3600, 0));
  return set;
}

/* A phone-style sensor driver: integer menus for exposure bias (0.001 EV)
 * and ISO, white balance presets, single-shot autofocus, a flash LED with a
 * torch mode, mounted on the back. */
static ControlSet
phoneSensor ()
{
  ControlSet set;
  add (set, integerMenu (V4L2_CID_AUTO_EXPOSURE_BIAS, { -2000, -1000, 0, 1000,
              2000 }, 2));
  add (set, integerMenu (V4L2_CID_ISO_SENSITIVITY, { 100, 200, 400, 800,
              1600 }, 0));
  add (set, menu (V4L2_CID_ISO_SENSITIVITY_AUTO, 0, 1, { 0, 1 },
          V4L2_ISO_SENSITIVITY_AUTO));
  add (set, menu (V4L2_CID_AUTO_N_PRESET_WHITE_BALANCE, 0, 9, { 0, 1, 2, 3,
              4, 5, 6, 7, 8, 9 }, V4L2_WHITE_BALANCE_AUTO));
  add (set, button (V4L2_CID_AUTO_FOCUS_START));
  add (set, integer (V4L2_CID_FOCUS_ABSOLUTE, 0, 1023, 1, 512));
  add (set, menu (V4L2_CID_FLASH_LED_MODE, 0, 2, { 0, 1, 2 },
          V4L2_FLASH_LED_MODE_NONE));
  add (set, menu (V4L2_CID_CAMERA_ORIENTATION, 0, 2, { 0, 1, 2 },
          V4L2_CAMERA_ORIENTATION_BACK, V4L2_CTRL_FLAG_READ_ONLY));
  return set;
}

/* fail_unless_equals_string keeps the pointers it is given past the full
 * expression, so strings built for a comparison must outlive it. */
static void
assertText (const std::string &got, const std::string &want)
{
  fail_unless_equals_string (got.c_str (), want.c_str ());
}

static void
assertNumeric (const CameraControls & camera, Property property, double min,
    double max, double step, double value)
{
  const auto it = camera.numericControls.find (property);
  fail_unless (it != camera.numericControls.end (), "no %s",
      std::string (propertyInfo (property).name).c_str ());
  fail_unless_equals_float (it->second.min, min);
  fail_unless_equals_float (it->second.max, max);
  fail_unless_equals_float (it->second.step, step);
  fail_unless_equals_float (it->second.value, value);
}

static void
assertModes (const CameraControls & camera, Property property,
    const std::vector<std::string> &modes, const char *value)
{
  const auto it = camera.modeControls.find (property);
  fail_unless (it != camera.modeControls.end (), "no %s",
      std::string (propertyInfo (property).name).c_str ());
  std::string got, want;
  for (const std::string & m : it->second.modes)
    got += m + " ";
  for (const std::string & m : modes)
    want += m + " ";
  fail_unless_equals_string (got.c_str (), want.c_str ());
  fail_unless_equals_string (it->second.value.c_str (), value);
}

/* Writes as "ID=VALUE" lines, so a failing comparison shows both lists. */
static std::string
writesText (const std::vector<ControlWrite> &writes)
{
  std::string text;
  for (const ControlWrite & w : writes) {
    char line[64];
    g_snprintf (line, sizeof line, "%08x=%" G_GINT64_FORMAT " ", w.id,
        static_cast<gint64> (w.value));
    text += line;
  }
  return text;
}

static std::string
expectedWrites (const std::vector<std::pair<std::uint32_t,
    std::int64_t>> &writes)
{
  std::vector<ControlWrite> list;
  for (const auto & [id, value] : writes)
    list.push_back ({ id, value, Property::Brightness });
  return writesText (list);
}

static void
assertPlan (const ControlSet & controls, const Settings & settings,
    const std::vector<std::pair<std::uint32_t, std::int64_t>> &expected)
{
  const auto plan = planControlWrites (controls, settings);
  fail_unless (plan.ok (), "planning failed: %s",
      plan.ok ()? "" : plan.error ().message.c_str ());
  assertText (writesText (*plan), expectedWrites (expected));
}

static void
assertOverconstrained (const ControlSet & controls, const Settings & settings,
    const char *constraint)
{
  const auto plan = planControlWrites (controls, settings);
  fail_unless (!plan.ok (), "expected an error for %s", constraint);
  fail_unless (plan.error ().name == ErrorName::OverconstrainedError,
      "not an OverconstrainedError: %s", plan.error ().message.c_str ());
  fail_unless_equals_string (plan.error ().constraint.c_str (), constraint);
  fail_if (plan.error ().message.empty ());
}

/* --- A scripted driver --- */

struct FakeFormat {
  std::uint32_t fourcc = 0;
  std::uint32_t flags = 0;
  std::vector<v4l2_frmsizeenum> sizes;
  /* Intervals by (width, height) asked for. */
  std::map<std::pair<std::uint32_t, std::uint32_t>,
      std::vector<v4l2_frmivalenum>> intervals;
};

struct FakeDriver {
  v4l2_capability capability {};
  std::vector<FakeFormat> formats;
  std::optional<v4l2_fract> timePerFrame;
  ControlSet controls;
  /* Never answer EINVAL to an enumeration: the list goes on forever. */
  bool endless = false;
  /* Answer ENOTTY to the extended control ioctls, as old drivers do. */
  bool legacyControls = false;
  /* Writes to these controls fail with this errno. */
  std::map<std::uint32_t, int> refuse;
  std::vector<std::pair<std::uint32_t, std::int64_t>> writes;
  std::size_t enumerationCalls = 0;
  std::size_t legacyCalls = 0;

  FakeDriver () {
    std::strcpy (reinterpret_cast<char *> (capability.driver), "fake");
    std::strcpy (reinterpret_cast<char *> (capability.card), "Fake Camera");
    std::strcpy (reinterpret_cast<char *> (capability.bus_info), "fake:0");
    capability.capabilities = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING
        | V4L2_CAP_DEVICE_CAPS;
    capability.device_caps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING;
  }

  const FakeFormat *format (std::uint32_t fourcc) const {
    for (const FakeFormat & f : formats) {
      if (f.fourcc == fourcc)
        return &f;
    }
    return nullptr;
  }

  int failWith (int err) {
    errno = err;
    return -1;
  }

  int enumFormat (v4l2_fmtdesc * d) {
    enumerationCalls++;
    if (endless) {
      d->pixelformat = V4L2_PIX_FMT_YUYV;
      return 0;
    }
    if (d->index >= formats.size ())
      return failWith (EINVAL);
    d->pixelformat = formats[d->index].fourcc;
    d->flags = formats[d->index].flags;
    return 0;
  }

  int enumSize (v4l2_frmsizeenum * s) {
    enumerationCalls++;
    if (endless) {
      const auto index = s->index;
      const auto fourcc = s->pixel_format;
      *s = discreteSize (640, 480);
      s->index = index;
      s->pixel_format = fourcc;
      return 0;
    }
    const FakeFormat *f = format (s->pixel_format);
    if (!f || s->index >= f->sizes.size ())
      return failWith (EINVAL);
    const auto index = s->index;
    const auto fourcc = s->pixel_format;
    *s = f->sizes[index];
    s->index = index;
    s->pixel_format = fourcc;
    return 0;
  }

  int enumInterval (v4l2_frmivalenum * i) {
    enumerationCalls++;
    if (endless) {
      i->type = V4L2_FRMIVAL_TYPE_DISCRETE;
      i->discrete = fract (1, 30);
      return 0;
    }
    const FakeFormat *f = format (i->pixel_format);
    if (!f)
      return failWith (EINVAL);
    const auto it = f->intervals.find ({ i->width, i->height });
    if (it == f->intervals.end () || i->index >= it->second.size ())
      return failWith (EINVAL);
    const auto &found = it->second[i->index];
    i->type = found.type;
    i->discrete = found.discrete;
    i->stepwise = found.stepwise;
    return 0;
  }

  Control *control (std::uint32_t id) {
    const auto it = controls.find (id);
    return it == controls.end ()? nullptr : &it->second;
  }

  int write (std::uint32_t id, std::int64_t value) {
    Control *c = control (id);
    if (!c)
      return failWith (EINVAL);
    const auto refused = refuse.find (id);
    if (refused != refuse.end ())
      return failWith (refused->second);
    if (c->flags & V4L2_CTRL_FLAG_READ_ONLY)
      return failWith (EACCES);
    if (value < c->minimum || value > c->maximum)
      return failWith (ERANGE);
    if ((c->type == V4L2_CTRL_TYPE_MENU
            || c->type == V4L2_CTRL_TYPE_INTEGER_MENU)
        && !c->hasMenuItem (value))
      return failWith (EINVAL);
    writes.emplace_back (id, value);
    if (c->type != V4L2_CTRL_TYPE_BUTTON)
      c->value = value;
    return 0;
  }

  int read (std::uint32_t id, std::int64_t & value) {
    Control *c = control (id);
    if (!c)
      return failWith (EINVAL);
    if (!c->value)
      return failWith (EACCES);
    value = *c->value;
    return 0;
  }

  int ioctl (unsigned long request, void *arg) {
    switch (request) {
      case VIDIOC_QUERYCAP:
        *static_cast<v4l2_capability *> (arg) = capability;
        return 0;
      case VIDIOC_ENUM_FMT:
        return enumFormat (static_cast<v4l2_fmtdesc *> (arg));
      case VIDIOC_ENUM_FRAMESIZES:
        return enumSize (static_cast<v4l2_frmsizeenum *> (arg));
      case VIDIOC_ENUM_FRAMEINTERVALS:
        return enumInterval (static_cast<v4l2_frmivalenum *> (arg));
      case VIDIOC_G_PARM:{
        if (!timePerFrame)
          return failWith (ENOTTY);
        auto *parm = static_cast<v4l2_streamparm *> (arg);
        parm->parm.capture.capability = V4L2_CAP_TIMEPERFRAME;
        parm->parm.capture.timeperframe = *timePerFrame;
        return 0;
      }
      case VIDIOC_QUERY_EXT_CTRL:{
        if (legacyControls)
          return failWith (ENOTTY);
        auto *q = static_cast<v4l2_query_ext_ctrl *> (arg);
        const Control *c = control (q->id);
        if (!c)
          return failWith (EINVAL);
        q->type = c->type;
        q->flags = c->flags;
        q->minimum = c->minimum;
        q->maximum = c->maximum;
        q->step = c->step;
        q->default_value = c->defaultValue;
        return 0;
      }
      case VIDIOC_QUERYCTRL:{
        legacyCalls++;
        auto *q = static_cast<v4l2_queryctrl *> (arg);
        const Control *c = control (q->id);
        if (!c)
          return failWith (EINVAL);
        q->type = c->type;
        q->flags = c->flags;
        q->minimum = static_cast<std::int32_t> (c->minimum);
        q->maximum = static_cast<std::int32_t> (c->maximum);
        q->step = static_cast<std::int32_t> (c->step);
        q->default_value = static_cast<std::int32_t> (c->defaultValue);
        return 0;
      }
      case VIDIOC_QUERYMENU:{
        auto *q = static_cast<v4l2_querymenu *> (arg);
        const Control *c = control (q->id);
        if (!c)
          return failWith (EINVAL);
        for (const MenuItem & item : c->menu) {
          if (item.index != q->index)
            continue;
          if (c->type == V4L2_CTRL_TYPE_INTEGER_MENU)
            q->value = item.value;
          else
            g_strlcpy (reinterpret_cast<char *> (q->name), item.name.c_str (),
                sizeof q->name);
          return 0;
        }
        return failWith (EINVAL);
      }
      case VIDIOC_G_EXT_CTRLS:
      case VIDIOC_S_EXT_CTRLS:{
        if (legacyControls)
          return failWith (ENOTTY);
        auto *request_ = static_cast<v4l2_ext_controls *> (arg);
        fail_unless_equals_int (request_->count, 1);
        v4l2_ext_control & entry = request_->controls[0];
        fail_unless_equals_int (request_->which,
            V4L2_CTRL_ID2CLASS (entry.id));
        const Control *c = control (entry.id);
        const bool wide = c && c->type == V4L2_CTRL_TYPE_INTEGER64;
        if (request == VIDIOC_S_EXT_CTRLS)
          return write (entry.id, wide ? entry.value64 : entry.value);
        std::int64_t value = 0;
        if (read (entry.id, value) < 0)
          return -1;
        if (wide)
          entry.value64 = value;
        else
          entry.value = static_cast<std::int32_t> (value);
        return 0;
      }
      case VIDIOC_G_CTRL:{
        legacyCalls++;
        auto *entry = static_cast<v4l2_control *> (arg);
        std::int64_t value = 0;
        if (read (entry->id, value) < 0)
          return -1;
        entry->value = static_cast<std::int32_t> (value);
        return 0;
      }
      case VIDIOC_S_CTRL:{
        legacyCalls++;
        auto *entry = static_cast<v4l2_control *> (arg);
        return write (entry->id, entry->value);
      }
      default:
        return failWith (ENOTTY);
    }
  }
};

class FakeIo final : public DeviceIo {
public:
  explicit FakeIo (std::shared_ptr<FakeDriver> driver)
      : driver_ (std::move (driver)) {}
  int ioctl (unsigned long request, void *arg) override {
    return driver_->ioctl (request, arg);
  }

private:
  std::shared_ptr<FakeDriver> driver_;
};

static Camera
openFake (const std::shared_ptr<FakeDriver> &driver)
{
  auto camera = Camera::open (std::make_unique<FakeIo> (driver), "/dev/fake");
  fail_unless (camera.ok (), "open failed: %s",
      camera.ok ()? "" : camera.error ().message.c_str ());
  return std::move (camera).value ();
}

/* A webcam with a YUYV mode list, an MJPEG size range, and formats that must
 * not become modes. */
static std::shared_ptr<FakeDriver>
fakeWebcam ()
{
  auto driver = std::make_shared<FakeDriver> ();
  FakeFormat yuyv;
  yuyv.fourcc = V4L2_PIX_FMT_YUYV;
  yuyv.sizes = { discreteSize (640, 480), discreteSize (1280, 720) };
  yuyv.intervals[{ 640, 480 }] = { discreteInterval (1, 30),
    discreteInterval (1, 15) };
  yuyv.intervals[{ 1280, 720 }] = { discreteInterval (1, 10) };
  FakeFormat mjpeg;
  mjpeg.fourcc = V4L2_PIX_FMT_MJPEG;
  mjpeg.sizes = { stepwiseSize (V4L2_FRMSIZE_TYPE_STEPWISE, 160, 1920, 16,
        120, 1080, 8) };
  mjpeg.intervals[{ 1920, 1080 }] = { intervalRange
        (V4L2_FRMIVAL_TYPE_CONTINUOUS, fract (1, 60), fract (1, 5)) };
  FakeFormat emulated;
  emulated.fourcc = V4L2_PIX_FMT_RGB24;
  emulated.flags = V4L2_FMT_FLAG_EMULATED;
  emulated.sizes = { discreteSize (640, 480) };
  emulated.intervals[{ 640, 480 }] = { discreteInterval (1, 30) };
  FakeFormat unnamed;
  unnamed.fourcc = V4L2_PIX_FMT_VYUY;
  unnamed.sizes = { discreteSize (640, 480) };
  unnamed.intervals[{ 640, 480 }] = { discreteInterval (1, 30) };
  driver->formats = { yuyv, mjpeg, emulated, unnamed };
  driver->controls = uvcWebcam ();
  return driver;
}

/* --- Pixel formats, sizes and intervals --- */

GST_START_TEST (test_fourcc_names)
{
  const struct {
    std::uint32_t fourcc;
    const char *mediaType;
    const char *formats;
  } cases[] = {
    { V4L2_PIX_FMT_YUYV, "video/x-raw", "YUY2" },
    { V4L2_PIX_FMT_MJPEG, "image/jpeg", "" },
    { V4L2_PIX_FMT_JPEG, "image/jpeg", "" },
    { V4L2_PIX_FMT_NV12, "video/x-raw", "NV12" },
    { V4L2_PIX_FMT_NV12M, "video/x-raw", "NV12" },
    { V4L2_PIX_FMT_YUV420, "video/x-raw", "I420" },
    { V4L2_PIX_FMT_YVU420, "video/x-raw", "YV12" },
    { V4L2_PIX_FMT_UYVY, "video/x-raw", "UYVY" },
    { V4L2_PIX_FMT_GREY, "video/x-raw", "GRAY8" },
    { V4L2_PIX_FMT_Y16, "video/x-raw", "GRAY16_LE" },
    { V4L2_PIX_FMT_RGB24, "video/x-raw", "RGB" },
    { V4L2_PIX_FMT_XBGR32, "video/x-raw", "BGRx" },
    { V4L2_PIX_FMT_ABGR32, "video/x-raw", "BGRA" },
    { V4L2_PIX_FMT_BGRA32, "video/x-raw", "ABGR" },
    { V4L2_PIX_FMT_RGB32, "video/x-raw", "xRGB ARGB" },
    { V4L2_PIX_FMT_BGR32, "video/x-raw", "BGRx BGRA" },
    { V4L2_PIX_FMT_SGRBG8, "video/x-bayer", "grbg" },
    { V4L2_PIX_FMT_H264, "video/x-h264", "" },
    { V4L2_PIX_FMT_HEVC, "video/x-h265", "" },
  };
  for (const auto & c : cases) {
    const auto name = formatName (c.fourcc);
    fail_unless (name.has_value (), "%s has no name",
        fourccString (c.fourcc).c_str ());
    fail_unless_equals_string (name->mediaType.c_str (), c.mediaType);
    std::string formats;
    for (const std::string & f : name->formats)
      formats += (formats.empty ()? "" : " ") + f;
    fail_unless_equals_string (formats.c_str (), c.formats);
  }

  /* No GStreamer 1.22 name: v4l2src could not open a mode in them. */
  for (std::uint32_t fourcc : { V4L2_PIX_FMT_VYUY, V4L2_PIX_FMT_NV42,
          V4L2_PIX_FMT_Y10, V4L2_PIX_FMT_SBGGR10, V4L2_PIX_FMT_ARGB555,
          V4L2_PIX_FMT_HSV24, V4L2_PIX_FMT_H264_NO_SC, 0u })
    fail_if (formatName (fourcc).has_value (), "%s should have no name",
        fourccString (fourcc).c_str ());

  assertText (fourccString (V4L2_PIX_FMT_YUYV), "YUYV");
  assertText (fourccString (V4L2_PIX_FMT_Y16_BE), "Y16?");
}

GST_END_TEST;

GST_START_TEST (test_interval_to_rate)
{
  auto rate = frameRateOfInterval (fract (1, 30));
  fail_unless (rate && rate->num == 30 && rate->den == 1);
  rate = frameRateOfInterval (fract (1001, 30000));
  fail_unless (rate && rate->num == 30000 && rate->den == 1001);
  rate = frameRateOfInterval (fract (2, 25));
  fail_unless (rate && rate->num == 25 && rate->den == 2);
  /* Reduced: drivers write 100/3000 as readily as 1/30. */
  rate = frameRateOfInterval (fract (100, 3000));
  fail_unless (rate && rate->num == 30 && rate->den == 1);
  rate = frameRateOfInterval (fract (5, 1));
  fail_unless (rate && rate->num == 1 && rate->den == 5);

  fail_if (frameRateOfInterval (fract (0, 30)).has_value ());
  fail_if (frameRateOfInterval (fract (1, 0)).has_value ());

  /* Terms beyond int keep the rate. */
  rate = frameRateOfInterval (fract (3000000001u, 4000000000u));
  fail_unless (rate.has_value ());
  fail_unless (rate->num > 0 && rate->den > 0);
  fail_unless (std::abs (rate->asDouble () - 4000000000.0 / 3000000001.0)
      < 1e-6);
  /* Billions of frames per second is no rate. */
  fail_if (frameRateOfInterval (fract (1, 0xffffffffu)).has_value ());
}

GST_END_TEST;

GST_START_TEST (test_discrete_modes)
{
  FrameSize small { discreteSize (320, 180), { discreteInterval (1, 30),
          discreteInterval (2, 25) } };
  FrameSize large { discreteSize (1920, 1080), { discreteInterval (1, 5) } };
  const auto modes = videoModesOf ({ pixelFormat (V4L2_PIX_FMT_YUYV, { small,
              large }), pixelFormat (V4L2_PIX_FMT_MJPEG, { large }) });
  fail_unless_equals_int (modes.size (), 4);

  fail_unless_equals_string (modes[0].mediaType.c_str (), "video/x-raw");
  fail_unless_equals_int (modes[0].formats.size (), 1);
  fail_unless_equals_string (modes[0].formats[0].c_str (), "YUY2");
  assertRange (modes[0].width, 320, 320, 1);
  assertRange (modes[0].height, 180, 180, 1);
  assertRate (modes[0].frameRate, 30, 1, 30, 1);
  assertRate (modes[1].frameRate, 25, 2, 25, 2);
  assertRange (modes[2].width, 1920, 1920, 1);
  assertRate (modes[2].frameRate, 5, 1, 5, 1);

  fail_unless_equals_string (modes[3].mediaType.c_str (), "image/jpeg");
  fail_unless (modes[3].formats.empty ());
  fail_unless (!modes[3].isRaw ());

  /* RGB32 (alpha byte undefined) is xRGB and ARGB, one mode each, as in
   * v4l2src's caps; XRGB32's modes are the same xRGB ones. */
  const auto rgb = videoModesOf ({ pixelFormat (V4L2_PIX_FMT_RGB32, { small }),
          pixelFormat (V4L2_PIX_FMT_XRGB32, { small }) });
  fail_unless_equals_int (rgb.size (), 4);
  const char *expected[] = { "xRGB", "ARGB", "xRGB", "ARGB" };
  for (std::size_t i = 0; i < rgb.size (); i++) {
    fail_unless_equals_int (rgb[i].formats.size (), 1);
    fail_unless_equals_string (rgb[i].formats[0].c_str (), expected[i]);
  }
  assertRate (rgb[1].frameRate, 30, 1, 30, 1);
  assertRate (rgb[2].frameRate, 25, 2, 25, 2);
}

GST_END_TEST;

GST_START_TEST (test_stepwise_sizes_and_intervals)
{
  FrameSize stepwise { stepwiseSize (V4L2_FRMSIZE_TYPE_STEPWISE, 16, 1920, 16,
          16, 1080, 8), { intervalRange (V4L2_FRMIVAL_TYPE_STEPWISE,
            fract (1, 60), fract (1, 1)) } };
  FrameSize continuous { stepwiseSize (V4L2_FRMSIZE_TYPE_CONTINUOUS, 2, 4096,
          7, 2, 2160, 3), { intervalRange (V4L2_FRMIVAL_TYPE_CONTINUOUS,
            fract (1001, 30000), fract (1, 2)) } };
  const auto modes = videoModesOf ({ pixelFormat (V4L2_PIX_FMT_NV12,
              { stepwise }), pixelFormat (V4L2_PIX_FMT_GREY, { continuous })
      });
  fail_unless_equals_int (modes.size (), 2);

  assertRange (modes[0].width, 16, 1920, 16);
  assertRange (modes[0].height, 16, 1080, 8);
  /* The longest interval is the slowest rate. */
  assertRate (modes[0].frameRate, 1, 1, 60, 1);

  /* Continuous ignores whatever step the driver left in the struct. */
  assertRange (modes[1].width, 2, 4096, 1);
  assertRange (modes[1].height, 2, 2160, 1);
  assertRate (modes[1].frameRate, 2, 1, 30000, 1001);
}

GST_END_TEST;

GST_START_TEST (test_odd_enumerations)
{
  const std::vector<v4l2_frmivalenum> thirty { discreteInterval (1, 30) };
  std::vector<PixelFormat> formats;
  /* Zero and inverted sizes are nonsense; they are skipped, not crashed on. */
  formats.push_back (pixelFormat (V4L2_PIX_FMT_YUYV, { { discreteSize (0, 480),
                thirty }, { discreteSize (640, 0), thirty }, {
              stepwiseSize (V4L2_FRMSIZE_TYPE_STEPWISE, 640, 320, 16, 480, 240,
                  16), thirty }, { discreteSize (640, 480), { discreteInterval
                    (0, 30), discreteInterval (1, 0) } } }));
  /* Huge ranges are clamped to what an int (and caps) can hold, on the
   * step grid; a zero minimum starts at the step. */
  formats.push_back (pixelFormat (V4L2_PIX_FMT_GREY, { { stepwiseSize
                (V4L2_FRMSIZE_TYPE_STEPWISE, 0, 0xffffffffu, 16, 1, 0xffffffffu,
                  0), thirty } }));
  /* An emulated format (libv4l2's conversion) and an unnamed one. */
  formats.push_back (pixelFormat (V4L2_PIX_FMT_RGB24, { { discreteSize (640,
                  480), thirty } }, V4L2_FMT_FLAG_EMULATED));
  formats.push_back (pixelFormat (V4L2_PIX_FMT_VYUY, { { discreteSize (640,
                  480), thirty } }));
  /* Two fourccs with one GStreamer name give one mode. */
  formats.push_back (pixelFormat (V4L2_PIX_FMT_RGB555, { { discreteSize (320,
                  240), thirty } }));
  formats.push_back (pixelFormat (V4L2_PIX_FMT_XRGB555, { { discreteSize (320,
                  240), thirty } }));
  /* A format without sizes. */
  formats.push_back (pixelFormat (V4L2_PIX_FMT_UYVY, {}));

  const auto modes = videoModesOf (formats);
  fail_unless_equals_int (modes.size (), 2);
  fail_unless_equals_string (modes[0].formats[0].c_str (), "GRAY8");
  assertRange (modes[0].width, 16, 2147483632, 16);
  assertRange (modes[0].height, 1, 2147483647, 1);
  fail_unless_equals_string (modes[1].formats[0].c_str (), "RGB15");
}

GST_END_TEST;

GST_START_TEST (test_sizes_without_intervals)
{
  const std::vector<PixelFormat> formats { pixelFormat (V4L2_PIX_FMT_YUYV,
          { { discreteSize (720, 576), {} } }) };
  /* Nobody said which rate: no mode... */
  fail_unless (videoModesOf (formats).empty ());
  /* ...unless the driver's current frame interval says it. */
  const auto modes = videoModesOf (formats, fract (1, 25));
  fail_unless_equals_int (modes.size (), 1);
  assertRate (modes[0].frameRate, 25, 1, 25, 1);
}

GST_END_TEST;

/* --- Controls --- */

GST_START_TEST (test_control_properties)
{
  const std::pair<std::uint32_t, Property> cases[] = {
    { V4L2_CID_ZOOM_ABSOLUTE, Property::Zoom },
    { V4L2_CID_PAN_ABSOLUTE, Property::Pan },
    { V4L2_CID_TILT_ABSOLUTE, Property::Tilt },
    { V4L2_CID_FOCUS_ABSOLUTE, Property::FocusDistance },
    { V4L2_CID_FOCUS_AUTO, Property::FocusMode },
    { V4L2_CID_AUTO_FOCUS_START, Property::FocusMode },
    { V4L2_CID_EXPOSURE_AUTO, Property::ExposureMode },
    { V4L2_CID_EXPOSURE_ABSOLUTE, Property::ExposureTime },
    { V4L2_CID_AUTO_EXPOSURE_BIAS, Property::ExposureCompensation },
    { V4L2_CID_AUTO_WHITE_BALANCE, Property::WhiteBalanceMode },
    { V4L2_CID_AUTO_N_PRESET_WHITE_BALANCE, Property::WhiteBalanceMode },
    { V4L2_CID_WHITE_BALANCE_TEMPERATURE, Property::ColorTemperature },
    { V4L2_CID_ISO_SENSITIVITY, Property::Iso },
    { V4L2_CID_BRIGHTNESS, Property::Brightness },
    { V4L2_CID_CONTRAST, Property::Contrast },
    { V4L2_CID_SATURATION, Property::Saturation },
    { V4L2_CID_SHARPNESS, Property::Sharpness },
    { V4L2_CID_FLASH_LED_MODE, Property::Torch },
    { V4L2_CID_CAMERA_ORIENTATION, Property::FacingMode },
  };
  for (const auto & [id, property] : cases) {
    const auto mapped = propertyOfControl (id);
    fail_unless (mapped.has_value (), "control %08x has no property", id);
    fail_unless (*mapped == property, "control %08x maps to %s", id,
        std::string (propertyInfo (*mapped).name).c_str ());
    const auto &ids = cameraControlIds ();
    fail_unless (std::find (ids.begin (), ids.end (), id) != ids.end (),
        "control %08x is not read", id);
  }
  for (std::uint32_t id : { V4L2_CID_HUE, V4L2_CID_GAIN,
          V4L2_CID_PAN_RELATIVE, V4L2_CID_ZOOM_CONTINUOUS })
    fail_if (propertyOfControl (id).has_value (), "control %08x mapped", id);
}

GST_END_TEST;

GST_START_TEST (test_unit_conversion)
{
  /* V4L2's exposure bias is in 0.001 EV, Image Capture's in EV. */
  fail_unless_equals_float (imageCaptureValue
      (Property::ExposureCompensation, 1500), 1.5);
  fail_unless_equals_float (v4l2ValueOf (Property::ExposureCompensation,
          -0.5), -500);
  /* 100 us units on both sides, arc seconds on both sides, kelvin too. */
  for (Property p : { Property::ExposureTime, Property::Pan, Property::Tilt,
          Property::ColorTemperature, Property::Zoom, Property::Brightness }) {
    fail_unless_equals_float (imageCaptureValue (p, 157), 157);
    fail_unless_equals_float (v4l2ValueOf (p, -36000), -36000);
  }
}

GST_END_TEST;

GST_START_TEST (test_webcam_capabilities)
{
  const CameraControls camera = cameraControlsOf (uvcWebcam ());
  assertNumeric (camera, Property::Brightness, -64, 64, 1, 0);
  assertNumeric (camera, Property::Contrast, 0, 95, 1, 32);
  assertNumeric (camera, Property::Saturation, 0, 100, 1, 64);
  assertNumeric (camera, Property::Sharpness, 1, 7, 1, 3);
  assertNumeric (camera, Property::ExposureTime, 3, 2047, 1, 157);
  assertNumeric (camera, Property::ColorTemperature, 2800, 6500, 10, 4600);
  assertNumeric (camera, Property::FocusDistance, 0, 250, 5, 0);
  assertNumeric (camera, Property::Zoom, 100, 500, 1, 100);
  assertNumeric (camera, Property::Pan, -36000, 36000, 3600, 0);
  assertNumeric (camera, Property::Tilt, -36000, 36000, 3600, 0);
  assertModes (camera, Property::ExposureMode, { "manual", "continuous" },
      "continuous");
  assertModes (camera, Property::FocusMode, { "manual", "continuous" },
      "continuous");
  assertModes (camera, Property::WhiteBalanceMode, { "manual", "continuous" },
      "continuous");
  /* What the webcam lacks is absent; hue has no Image Capture meaning. */
  fail_unless_equals_int (camera.numericControls.size (), 10);
  fail_if (camera.numericControls.count (Property::Iso));
  fail_if (camera.numericControls.count (Property::ExposureCompensation));
  fail_if (camera.torch.has_value ());
  fail_if (camera.facingMode.has_value ());

  const Settings settings = settingsOf (camera);
  fail_unless_equals_float (*settings.number (Property::ExposureTime), 157);
  fail_unless_equals_string (std::get<std::string> (*settings.get
          (Property::FocusMode)).c_str (), "continuous");
  fail_if (settings.get (Property::Torch).has_value ());

  DeviceDescription device;
  addCameraControls (camera, device);
  fail_unless_equals_int (device.numericControls.size (), 10);
  fail_unless_equals_int (device.modeControls.size (), 3);
}

GST_END_TEST;

GST_START_TEST (test_sensor_capabilities)
{
  const CameraControls camera = cameraControlsOf (phoneSensor ());
  /* Integer menus: the range of their values; evenly spaced ones keep the
   * spacing as step (0.001 EV scaled to EV). */
  assertNumeric (camera, Property::ExposureCompensation, -2, 2, 1, 0);
  assertNumeric (camera, Property::Iso, 100, 1600, 0, 100);
  assertNumeric (camera, Property::FocusDistance, 0, 1023, 1, 512);
  /* No FOCUS_AUTO: manual, plus the single-shot sweep AUTO_FOCUS_START. */
  assertModes (camera, Property::FocusMode, { "manual", "single-shot" },
      "manual");
  assertModes (camera, Property::WhiteBalanceMode, { "manual", "continuous" },
      "continuous");
  fail_if (camera.modeControls.count (Property::ExposureMode));
  fail_unless (camera.torch.has_value () && !*camera.torch);
  fail_unless (camera.facingMode.has_value ());
  fail_unless_equals_string (camera.facingMode->c_str (), "environment");

  const Settings settings = settingsOf (camera);
  fail_unless_equals_string (std::get<std::string> (*settings.get
          (Property::FacingMode)).c_str (), "environment");
  fail_unless (settings.get (Property::Torch) == SettingValue (false));
}

GST_END_TEST;

GST_START_TEST (test_mode_variants)
{
  /* A white balance preset is a fixed white balance: it reads as manual. */
  ControlSet presets = phoneSensor ();
  presets[V4L2_CID_AUTO_N_PRESET_WHITE_BALANCE].value =
      V4L2_WHITE_BALANCE_DAYLIGHT;
  assertModes (cameraControlsOf (presets), Property::WhiteBalanceMode,
      { "manual", "continuous" }, "manual");

  /* Exposure in manual; white balance with a one-shot button; autofocus
   * with the sweep button as well. */
  ControlSet webcam = uvcWebcam ();
  webcam[V4L2_CID_EXPOSURE_AUTO].value = V4L2_EXPOSURE_MANUAL;
  add (webcam, button (V4L2_CID_DO_WHITE_BALANCE));
  add (webcam, button (V4L2_CID_AUTO_FOCUS_START));
  CameraControls camera = cameraControlsOf (webcam);
  assertModes (camera, Property::ExposureMode, { "manual", "continuous" },
      "manual");
  assertModes (camera, Property::WhiteBalanceMode, { "manual", "single-shot",
          "continuous" }, "continuous");
  assertModes (camera, Property::FocusMode, { "manual", "single-shot",
          "continuous" }, "continuous");

  /* Only the manual values: manual-only modes. */
  ControlSet manual;
  add (manual, integer (V4L2_CID_EXPOSURE_ABSOLUTE, 1, 100, 1, 50));
  add (manual, integer (V4L2_CID_FOCUS_ABSOLUTE, 1, 100, 1, 50));
  add (manual, integer (V4L2_CID_WHITE_BALANCE_TEMPERATURE, 2000, 9000, 1,
          5000));
  camera = cameraControlsOf (manual);
  assertModes (camera, Property::ExposureMode, { "manual" }, "manual");
  assertModes (camera, Property::FocusMode, { "manual" }, "manual");
  assertModes (camera, Property::WhiteBalanceMode, { "manual" }, "manual");

  /* Only automatic exposure items (a fixed-exposure driver lists AUTO only). */
  ControlSet automatic;
  add (automatic, menu (V4L2_CID_EXPOSURE_AUTO, 0, 3, { V4L2_EXPOSURE_AUTO },
          V4L2_EXPOSURE_AUTO));
  assertModes (cameraControlsOf (automatic), Property::ExposureMode,
      { "continuous" }, "continuous");

  /* A read-only mode control offers only its current mode. */
  ControlSet locked;
  add (locked, boolean (V4L2_CID_FOCUS_AUTO, true));
  locked[V4L2_CID_FOCUS_AUTO].flags = V4L2_CTRL_FLAG_READ_ONLY;
  assertModes (cameraControlsOf (locked), Property::FocusMode,
      { "continuous" }, "continuous");
}

GST_END_TEST;

GST_START_TEST (test_odd_controls)
{
  ControlSet set;
  /* Read-only: a fixed range at the current value. */
  add (set, integer (V4L2_CID_BRIGHTNESS, 0, 255, 1, 100,
          V4L2_CTRL_FLAG_READ_ONLY));
  /* Disabled controls do not exist. */
  add (set, integer (V4L2_CID_CONTRAST, 0, 255, 1, 100,
          V4L2_CTRL_FLAG_DISABLED));
  /* Inverted range, wrong type, empty integer menu: ignored. */
  add (set, integer (V4L2_CID_SATURATION, 10, 0, 1, 5));
  Control string = integer (V4L2_CID_SHARPNESS, 0, 10, 1, 0);
  string.type = V4L2_CTRL_TYPE_STRING;
  add (set, string);
  add (set, integerMenu (V4L2_CID_ISO_SENSITIVITY, {}, 0));
  /* A current value outside the range is clamped into it. */
  add (set, integer (V4L2_CID_ZOOM_ABSOLUTE, 1, 10, 1, 50));
  /* A torch-less flash LED has no torch; an external camera no facing. */
  add (set, menu (V4L2_CID_FLASH_LED_MODE, 0, 1, { 0, 1 }, 0));
  add (set, menu (V4L2_CID_CAMERA_ORIENTATION, 0, 2, { 0, 1, 2 },
          V4L2_CAMERA_ORIENTATION_EXTERNAL, V4L2_CTRL_FLAG_READ_ONLY));
  /* 64-bit ranges stay numbers. */
  Control wide = integer (V4L2_CID_PAN_ABSOLUTE, -(1ll << 40), 1ll << 40, 1,
      -(1ll << 39));
  wide.type = V4L2_CTRL_TYPE_INTEGER64;
  add (set, wide);

  const CameraControls camera = cameraControlsOf (set);
  assertNumeric (camera, Property::Brightness, 100, 100, 0, 100);
  assertNumeric (camera, Property::Zoom, 1, 10, 1, 10);
  assertNumeric (camera, Property::Pan, -1099511627776.0, 1099511627776.0, 1,
      -549755813888.0);
  fail_unless_equals_int (camera.numericControls.size (), 3);
  fail_if (camera.torch.has_value ());
  fail_if (camera.facingMode.has_value ());

  ControlSet front;
  add (front, menu (V4L2_CID_CAMERA_ORIENTATION, 0, 2, { 0, 1, 2 },
          V4L2_CAMERA_ORIENTATION_FRONT, V4L2_CTRL_FLAG_READ_ONLY));
  assertText (cameraControlsOf (front).facingMode.value_or (""), "user");
  fail_unless (cameraControlsOf ({}).modeControls.empty ());
}

GST_END_TEST;

/* --- Writing settings --- */

GST_START_TEST (test_manual_values_after_automatic_modes_off)
{
  Settings s;
  s.set (Property::ExposureMode, std::string ("manual"));
  s.set (Property::ExposureTime, 200.0);
  s.set (Property::FocusMode, std::string ("manual"));
  s.set (Property::FocusDistance, 52.0);
  s.set (Property::Brightness, 10.0);
  /* Members that are not Image Capture controls are not this code's. */
  s.set (Property::Width, 1280.0);
  s.set (Property::DeviceId, std::string ("camera"));
  assertPlan (uvcWebcam (), s, {
        { V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_MANUAL },
        { V4L2_CID_FOCUS_AUTO, 0 },
        /* 52 on a step of 5 from 0. */
        { V4L2_CID_FOCUS_ABSOLUTE, 50 },
        { V4L2_CID_EXPOSURE_ABSOLUTE, 200 },
        { V4L2_CID_BRIGHTNESS, 10 },
      });
}

GST_END_TEST;

GST_START_TEST (test_automatic_modes_on_last)
{
  ControlSet webcam = uvcWebcam ();
  webcam[V4L2_CID_EXPOSURE_AUTO].value = V4L2_EXPOSURE_MANUAL;
  webcam[V4L2_CID_AUTO_WHITE_BALANCE].value = 0;
  Settings s;
  s.set (Property::ExposureMode, std::string ("continuous"));
  /* Named automatic mode: the manual value is not significant, not written. */
  s.set (Property::ExposureTime, 1000.0);
  s.set (Property::WhiteBalanceMode, std::string ("continuous"));
  s.set (Property::Contrast, 40.0);
  assertPlan (webcam, s, {
        { V4L2_CID_CONTRAST, 40 },
        { V4L2_CID_AUTO_WHITE_BALANCE, 1 },
        { V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_APERTURE_PRIORITY },
      });
}

GST_END_TEST;

GST_START_TEST (test_manual_value_implies_manual_mode)
{
  Settings s;
  s.set (Property::ExposureTime, 300.0);
  s.set (Property::ColorTemperature, 5004.0);
  assertPlan (uvcWebcam (), s, {
        { V4L2_CID_AUTO_WHITE_BALANCE, 0 },
        { V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_MANUAL },
        { V4L2_CID_EXPOSURE_ABSOLUTE, 300 },
        { V4L2_CID_WHITE_BALANCE_TEMPERATURE, 5000 },
      });
}

GST_END_TEST;

GST_START_TEST (test_unchanged_values_not_written)
{
  /* The settings the camera already has: nothing to do (the engine passes
   * every property back, most of them unchanged). */
  const ControlSet webcam = uvcWebcam ();
  assertPlan (webcam, settingsOf (cameraControlsOf (webcam)), {});
  /* An automatic value that did not change does not switch the mode. */
  Settings s;
  s.set (Property::ExposureTime, 157.0);
  s.set (Property::Brightness, 0.2);
  assertPlan (webcam, s, {});

  const ControlSet sensor = phoneSensor ();
  assertPlan (sensor, settingsOf (cameraControlsOf (sensor)), {});
}

GST_END_TEST;

GST_START_TEST (test_single_shot_last)
{
  ControlSet webcam = uvcWebcam ();
  add (webcam, button (V4L2_CID_AUTO_FOCUS_START));
  add (webcam, button (V4L2_CID_DO_WHITE_BALANCE));
  webcam[V4L2_CID_EXPOSURE_AUTO].value = V4L2_EXPOSURE_MANUAL;
  Settings s;
  s.set (Property::FocusMode, std::string ("single-shot"));
  s.set (Property::WhiteBalanceMode, std::string ("single-shot"));
  s.set (Property::ExposureMode, std::string ("continuous"));
  s.set (Property::Zoom, 200.0);
  assertPlan (webcam, s, {
        { V4L2_CID_AUTO_WHITE_BALANCE, 0 },
        { V4L2_CID_FOCUS_AUTO, 0 },
        { V4L2_CID_ZOOM_ABSOLUTE, 200 },
        { V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_APERTURE_PRIORITY },
        { V4L2_CID_DO_WHITE_BALANCE, 1 },
        { V4L2_CID_AUTO_FOCUS_START, 1 },
      });

  /* The sweep is an action: asked for again, it runs again, although the
   * mode reads back as manual. */
  Settings again;
  again.set (Property::FocusMode, std::string ("single-shot"));
  assertPlan (phoneSensor (), again, { { V4L2_CID_AUTO_FOCUS_START, 1 } });
}

GST_END_TEST;

GST_START_TEST (test_sensor_writes)
{
  const ControlSet sensor = phoneSensor ();
  Settings s;
  /* Integer menus are written by index: the nearest value's. */
  s.set (Property::Iso, 400.0);
  s.set (Property::ExposureCompensation, 0.9);
  s.set (Property::Torch, true);
  s.set (Property::WhiteBalanceMode, std::string ("manual"));
  assertPlan (sensor, s, {
        { V4L2_CID_ISO_SENSITIVITY_AUTO, V4L2_ISO_SENSITIVITY_MANUAL },
        { V4L2_CID_AUTO_N_PRESET_WHITE_BALANCE, V4L2_WHITE_BALANCE_MANUAL },
        { V4L2_CID_AUTO_EXPOSURE_BIAS, 3 },
        { V4L2_CID_ISO_SENSITIVITY, 2 },
        { V4L2_CID_FLASH_LED_MODE, V4L2_FLASH_LED_MODE_TORCH },
      });

  ControlSet lit = phoneSensor ();
  lit[V4L2_CID_FLASH_LED_MODE].value = V4L2_FLASH_LED_MODE_TORCH;
  Settings off;
  off.set (Property::Torch, false);
  assertPlan (lit, off, { { V4L2_CID_FLASH_LED_MODE,
              V4L2_FLASH_LED_MODE_NONE } });

  /* Torch off on a camera without one is already true. */
  assertPlan (uvcWebcam (), off, {});
}

GST_END_TEST;

GST_START_TEST (test_refused_settings)
{
  const ControlSet webcam = uvcWebcam ();
  const ControlSet sensor = phoneSensor ();
  auto one = [] (Property p, SettingValue v) {
    Settings s;
    s.set (p, std::move (v));
    return s;
  };
  assertOverconstrained (webcam, one (Property::Brightness, 65.0),
      "brightness");
  assertOverconstrained (webcam, one (Property::Pan, -36001.0), "pan");
  assertOverconstrained (webcam, one (Property::Zoom, std::nan ("")), "zoom");
  assertOverconstrained (sensor, one (Property::ExposureCompensation, 2.5),
      "exposureCompensation");
  assertOverconstrained (webcam, one (Property::FocusMode,
          std::string ("single-shot")), "focusMode");
  assertOverconstrained (webcam, one (Property::ExposureMode,
          std::string ("none")), "exposureMode");
  assertOverconstrained (webcam, one (Property::Torch, true), "torch");
  assertOverconstrained (sensor, one (Property::Zoom, 2.0), "zoom");
  assertOverconstrained (sensor, one (Property::ExposureMode,
          std::string ("manual")), "exposureMode");

  /* Read-only controls cannot change; automatic-only ISO neither. */
  ControlSet locked = webcam;
  locked[V4L2_CID_BRIGHTNESS].flags |= V4L2_CTRL_FLAG_READ_ONLY;
  assertOverconstrained (locked, one (Property::Brightness, 3.0),
      "brightness");
  ControlSet automaticIso = sensor;
  automaticIso[V4L2_CID_ISO_SENSITIVITY_AUTO].flags |=
      V4L2_CTRL_FLAG_READ_ONLY;
  assertOverconstrained (automaticIso, one (Property::Iso, 800.0), "iso");
  /* A manual value whose mode the camera cannot leave automatic. */
  ControlSet automaticExposure;
  add (automaticExposure, menu (V4L2_CID_EXPOSURE_AUTO, 0, 3,
          { V4L2_EXPOSURE_AUTO }, V4L2_EXPOSURE_AUTO));
  add (automaticExposure, integer (V4L2_CID_EXPOSURE_ABSOLUTE, 1, 100, 1, 5));
  assertOverconstrained (automaticExposure, one (Property::ExposureTime, 9.0),
      "exposureTime");

  /* Values of the wrong type are the caller's error, not the camera's. */
  auto wrong = planControlWrites (webcam, one (Property::Brightness,
          std::string ("bright")));
  fail_unless (!wrong.ok ());
  fail_unless (wrong.error ().name == ErrorName::TypeError);
  fail_unless (wrong.error ().message.find ("brightness") !=
      std::string::npos);
  wrong = planControlWrites (webcam, one (Property::FocusMode, 1.0));
  fail_unless (!wrong.ok () && wrong.error ().name == ErrorName::TypeError);
  wrong = planControlWrites (sensor, one (Property::Torch, 1.0));
  fail_unless (!wrong.ok () && wrong.error ().name == ErrorName::TypeError);
}

GST_END_TEST;

GST_START_TEST (test_errors_from_errno)
{
  const ControlWrite write { V4L2_CID_BRIGHTNESS, 300, Property::Brightness };
  for (int err : { EINVAL, ERANGE, EACCES }) {
    const Error e = controlWriteError (write, err);
    fail_unless (e.name == ErrorName::OverconstrainedError);
    fail_unless_equals_string (e.constraint.c_str (), "brightness");
  }
  for (int err : { EBUSY, EIO, ENODEV }) {
    const Error e = controlWriteError (write, err);
    fail_unless (e.name == ErrorName::NotReadableError);
    fail_unless (e.message.find ("brightness") != std::string::npos,
        "%s", e.message.c_str ());
  }

  for (int err : { ENOENT, ENODEV, ENXIO, ENOTDIR, EISDIR })
    fail_unless (openError ("/dev/video9", err).name ==
        ErrorName::NotFoundError);
  const Error denied = openError ("/dev/video0", EACCES);
  fail_unless (denied.name == ErrorName::NotReadableError);
  fail_unless (denied.message.find ("Permission denied") != std::string::npos);
  fail_unless (denied.message.find ("/dev/video0") != std::string::npos);
  const Error busy = openError ("/dev/video0", EBUSY);
  fail_unless (busy.name == ErrorName::NotReadableError);
  fail_unless (busy.message.find ("busy") != std::string::npos);
  fail_unless (openError ("/dev/video0", EIO).name ==
      ErrorName::NotReadableError);
}

GST_END_TEST;

/* --- The Camera flow over a scripted driver --- */

GST_START_TEST (test_camera_describe)
{
  auto driver = fakeWebcam ();
  Camera camera = openFake (driver);
  fail_unless_equals_string (camera.driver ().c_str (), "fake");
  fail_unless_equals_string (camera.card ().c_str (), "Fake Camera");
  fail_unless_equals_string (camera.busInfo ().c_str (), "fake:0");
  fail_unless_equals_string (camera.path ().c_str (), "/dev/fake");

  const auto device = camera.describe ();
  fail_unless (device.ok ());
  fail_unless (device->kind == Kind::Video);
  fail_unless_equals_string (device->label.c_str (), "Fake Camera");
  fail_unless (device->deviceId.empty ());
  /* YUYV 640x480 at 30 and 15, 1280x720 at 10, MJPEG's range; the emulated
   * RGB3 and the unnamed VYUY are not modes. */
  const auto &modes = device->videoModes;
  fail_unless_equals_int (modes.size (), 4);
  assertRate (modes[1].frameRate, 15, 1, 15, 1);
  fail_unless_equals_string (modes[3].mediaType.c_str (), "image/jpeg");
  assertRange (modes[3].width, 160, 1920, 16);
  assertRange (modes[3].height, 120, 1080, 8);
  assertRate (modes[3].frameRate, 5, 1, 60, 1);

  fail_unless_equals_int (device->numericControls.size (), 10);
  fail_unless_equals_float (device->numericControls.at
      (Property::ExposureTime).value, 157);
  fail_unless_equals_int (device->modeControls.size (), 3);

  /* The raw enumeration keeps everything the driver said. */
  const auto formats = camera.pixelFormats ();
  fail_unless (formats.ok ());
  fail_unless_equals_int (formats->size (), 4);
  fail_unless_equals_int ((*formats)[2].description.flags,
      V4L2_FMT_FLAG_EMULATED);

  const auto settings = camera.settings ();
  fail_unless (settings.ok ());
  fail_unless_equals_float (*settings->number (Property::Brightness), 0);
}

GST_END_TEST;

GST_START_TEST (test_camera_current_interval_fallback)
{
  auto driver = std::make_shared<FakeDriver> ();
  FakeFormat format;
  format.fourcc = V4L2_PIX_FMT_UYVY;
  format.sizes = { discreteSize (720, 576) };
  driver->formats = { format };
  Camera camera = openFake (driver);
  fail_unless (camera.videoModes ()->empty ());
  driver->timePerFrame = fract (1, 25);
  const auto modes = camera.videoModes ();
  fail_unless_equals_int (modes->size (), 1);
  assertRate ((*modes)[0].frameRate, 25, 1, 25, 1);
}

GST_END_TEST;

GST_START_TEST (test_camera_apply)
{
  auto driver = fakeWebcam ();
  Camera camera = openFake (driver);
  Settings s;
  s.set (Property::ExposureMode, std::string ("manual"));
  s.set (Property::ExposureTime, 200.0);
  s.set (Property::Brightness, 10.0);
  const auto applied = camera.apply (s);
  fail_unless (applied.ok (), "%s",
      applied.ok ()? "" : applied.error ().message.c_str ());
  assertText (expectedWrites (driver->writes), expectedWrites ({
            { V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_MANUAL },
            { V4L2_CID_EXPOSURE_ABSOLUTE, 200 },
            { V4L2_CID_BRIGHTNESS, 10 } }));
  /* The returned settings are read back from the driver. */
  fail_unless_equals_string (std::get<std::string> (*applied->get
          (Property::ExposureMode)).c_str (), "manual");
  fail_unless_equals_float (*applied->number (Property::ExposureTime), 200);
  fail_unless_equals_float (*applied->number (Property::Brightness), 10);
  fail_unless (camera.settings () .value () == *applied);

  /* Applying the same again writes nothing. */
  driver->writes.clear ();
  fail_unless (camera.apply (s).ok ());
  fail_unless (driver->writes.empty ());
}

GST_END_TEST;

GST_START_TEST (test_camera_refused_write_rolls_back)
{
  auto driver = fakeWebcam ();
  driver->refuse[V4L2_CID_EXPOSURE_ABSOLUTE] = EINVAL;
  Camera camera = openFake (driver);
  Settings s;
  s.set (Property::ExposureMode, std::string ("manual"));
  s.set (Property::ExposureTime, 200.0);
  s.set (Property::Brightness, 10.0);
  const auto applied = camera.apply (s);
  fail_unless (!applied.ok ());
  fail_unless (applied.error ().name == ErrorName::OverconstrainedError);
  fail_unless_equals_string (applied.error ().constraint.c_str (),
      "exposureTime");
  /* Manual exposure was switched on, then back when the value was refused;
   * brightness was never reached. */
  assertText (expectedWrites (driver->writes), expectedWrites ({
            { V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_MANUAL },
            { V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_APERTURE_PRIORITY } }));
  fail_unless (camera.settings ().value () ==
      settingsOf (cameraControlsOf (uvcWebcam ())));

  /* A busy camera is not readable rather than overconstrained. */
  driver->refuse.clear ();
  driver->refuse[V4L2_CID_BRIGHTNESS] = EBUSY;
  const auto busy = camera.apply (s);
  fail_unless (!busy.ok ());
  fail_unless (busy.error ().name == ErrorName::NotReadableError);
  fail_unless (busy.error ().message.find ("brightness") != std::string::npos);
  fail_unless_equals_float (*camera.settings ()->number
      (Property::ExposureTime), 157);

  /* Planning errors touch nothing. */
  driver->writes.clear ();
  Settings outside;
  outside.set (Property::Brightness, 1000.0);
  outside.set (Property::ExposureMode, std::string ("manual"));
  fail_unless (!camera.apply (outside).ok ());
  fail_unless (driver->writes.empty ());
}

GST_END_TEST;

GST_START_TEST (test_camera_legacy_ioctls)
{
  /* Drivers without the extended control ioctls get the old ones. */
  auto driver = fakeWebcam ();
  driver->legacyControls = true;
  Camera camera = openFake (driver);
  const auto controls = camera.controls ();
  fail_unless (controls.ok ());
  assertNumeric (*controls, Property::Brightness, -64, 64, 1, 0);
  assertModes (*controls, Property::ExposureMode, { "manual", "continuous" },
      "continuous");
  Settings s;
  s.set (Property::Saturation, 70.0);
  fail_unless_equals_float (*camera.apply (s)->number (Property::Saturation),
      70);
  fail_unless (driver->legacyCalls > 0);
  fail_unless_equals_int (driver->writes.size (), 1);
}

GST_END_TEST;

GST_START_TEST (test_camera_endless_driver)
{
  /* A driver that never ends a list: the enumeration stops at its limits. */
  auto driver = fakeWebcam ();
  driver->endless = true;
  Camera camera = openFake (driver);
  const auto formats = camera.pixelFormats ();
  fail_unless (formats.ok ());
  fail_unless (driver->enumerationCalls <= kMaxEnumerationEntries);
  fail_unless (formats->size () <= kMaxPixelFormats);
  /* Always the same entry: one mode. */
  driver->enumerationCalls = 0;
  const auto modes = camera.videoModes ();
  fail_unless (modes.ok ());
  fail_unless_equals_int (modes->size (), 1);
  fail_unless (driver->enumerationCalls <= kMaxEnumerationEntries);
}

GST_END_TEST;

GST_START_TEST (test_camera_open_errors)
{
  /* Not a capture node (an output, a UVC metadata node...). */
  auto output = std::make_shared<FakeDriver> ();
  output->capability.device_caps = V4L2_CAP_VIDEO_OUTPUT;
  auto camera = Camera::open (std::make_unique<FakeIo> (output), "/dev/out");
  fail_unless (!camera.ok ());
  fail_unless (camera.error ().name == ErrorName::NotFoundError);
  fail_unless (camera.error ().message.find ("not a video capture device") !=
      std::string::npos);

  /* Multi-planar capture is capture. */
  auto mplane = std::make_shared<FakeDriver> ();
  mplane->capability.device_caps = V4L2_CAP_VIDEO_CAPTURE_MPLANE;
  fail_unless (Camera::open (std::make_unique<FakeIo> (mplane), "/dev/mp")
      .ok ());

  /* Real nodes: missing, not V4L2, a directory. */
  for (const char *path : { "/nonexistent/video0", "/dev/null", "/" }) {
    const auto opened = Camera::open (path);
    fail_unless (!opened.ok (), "%s opened", path);
    fail_unless (opened.error ().name == ErrorName::NotFoundError,
        "%s: %s", path, opened.error ().message.c_str ());
    fail_unless (opened.error ().message.find (path) != std::string::npos);
    fail_unless (!describeDevice (path).ok ());
    fail_unless (!readSettings (path).ok ());
    fail_unless (!applySettings (path, Settings ()).ok ());
  }
}

GST_END_TEST;

static Suite *
v4l2_camera_suite (void)
{
  Suite *s = suite_create ("v4l2-camera");
  TCase *mapping = tcase_create ("mapping");
  suite_add_tcase (s, mapping);
  tcase_add_test (mapping, test_fourcc_names);
  tcase_add_test (mapping, test_interval_to_rate);
  tcase_add_test (mapping, test_discrete_modes);
  tcase_add_test (mapping, test_stepwise_sizes_and_intervals);
  tcase_add_test (mapping, test_odd_enumerations);
  tcase_add_test (mapping, test_sizes_without_intervals);
  tcase_add_test (mapping, test_control_properties);
  tcase_add_test (mapping, test_unit_conversion);
  tcase_add_test (mapping, test_webcam_capabilities);
  tcase_add_test (mapping, test_sensor_capabilities);
  tcase_add_test (mapping, test_mode_variants);
  tcase_add_test (mapping, test_odd_controls);

  TCase *writes = tcase_create ("writes");
  suite_add_tcase (s, writes);
  tcase_add_test (writes, test_manual_values_after_automatic_modes_off);
  tcase_add_test (writes, test_automatic_modes_on_last);
  tcase_add_test (writes, test_manual_value_implies_manual_mode);
  tcase_add_test (writes, test_unchanged_values_not_written);
  tcase_add_test (writes, test_single_shot_last);
  tcase_add_test (writes, test_sensor_writes);
  tcase_add_test (writes, test_refused_settings);
  tcase_add_test (writes, test_errors_from_errno);

  TCase *camera = tcase_create ("camera");
  suite_add_tcase (s, camera);
  tcase_add_test (camera, test_camera_describe);
  tcase_add_test (camera, test_camera_current_interval_fallback);
  tcase_add_test (camera, test_camera_apply);
  tcase_add_test (camera, test_camera_refused_write_rolls_back);
  tcase_add_test (camera, test_camera_legacy_ioctls);
  tcase_add_test (camera, test_camera_endless_driver);
  tcase_add_test (camera, test_camera_open_errors);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (v4l2_camera);
