/* Real-driver tier self-check: V4L2 controls can be read and set.
 *
 *   vm-v4l2-controls [DEVICE]
 *
 * Finds the vivid capture node (or uses DEVICE), lists its controls, then
 * sets brightness with VIDIOC_S_CTRL and contrast with VIDIOC_S_EXT_CTRLS,
 * reads both back through the other API, and restores the old values.
 * Prints what it does; exits 0 when every step behaved, 1 otherwise, with the
 * reason on stderr. Plain ioctls, so it tests the kernel, not a library.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/videodev2.h>

static int
xioctl (int fd, unsigned long request, void *arg)
{
  int r;
  do {
    r = ioctl (fd, request, arg);
  } while (r == -1 && errno == EINTR);
  return r;
}

static int
open_vivid (const char *wanted, char *path, size_t path_size)
{
  for (int i = 0; i < 64; i++) {
    struct v4l2_capability cap;
    int fd;

    if (wanted)
      snprintf (path, path_size, "%s", wanted);
    else
      snprintf (path, path_size, "/dev/video%d", i);
    fd = open (path, O_RDWR);
    if (fd < 0) {
      if (wanted) {
        fprintf (stderr, "cannot open %s: %s\n", path, strerror (errno));
        return -1;
      }
      continue;
    }
    memset (&cap, 0, sizeof cap);
    if (xioctl (fd, VIDIOC_QUERYCAP, &cap) == 0 &&
        (wanted || strcmp ((const char *) cap.driver, "vivid") == 0)) {
      printf ("device %s: driver %s, card \"%s\"\n", path, cap.driver, cap.card);
      return fd;
    }
    close (fd);
    if (wanted) {
      fprintf (stderr, "%s: VIDIOC_QUERYCAP failed: %s\n", path, strerror (errno));
      return -1;
    }
  }
  fprintf (stderr, "no vivid device among /dev/video0..63\n");
  return -1;
}

static int
count_controls (int fd)
{
  struct v4l2_queryctrl q;
  int n = 0;

  memset (&q, 0, sizeof q);
  q.id = V4L2_CTRL_FLAG_NEXT_CTRL;
  while (xioctl (fd, VIDIOC_QUERYCTRL, &q) == 0) {
    if (!(q.flags & V4L2_CTRL_FLAG_DISABLED) && q.type != V4L2_CTRL_TYPE_CTRL_CLASS)
      n++;
    q.id |= V4L2_CTRL_FLAG_NEXT_CTRL;
  }
  return n;
}

/* A valid value of an integer control other than its current one. */
static int
other_value (const struct v4l2_queryctrl *q, int current)
{
  int step = q->step > 0 ? q->step : 1;
  int v = q->minimum + ((q->maximum - q->minimum) / step / 4) * step;
  return v != current ? v : v + step;
}

static int
query_int (int fd, __u32 id, const char *name, struct v4l2_queryctrl *q)
{
  memset (q, 0, sizeof *q);
  q->id = id;
  if (xioctl (fd, VIDIOC_QUERYCTRL, q) != 0) {
    fprintf (stderr, "VIDIOC_QUERYCTRL %s: %s\n", name, strerror (errno));
    return -1;
  }
  if (q->type != V4L2_CTRL_TYPE_INTEGER || q->maximum <= q->minimum) {
    fprintf (stderr, "%s: expected an integer range, got type %u [%d, %d]\n",
        name, q->type, q->minimum, q->maximum);
    return -1;
  }
  printf ("%s: \"%s\" range [%d, %d] step %d default %d\n", name, q->name,
      q->minimum, q->maximum, q->step, q->default_value);
  return 0;
}

static int
get_ctrl (int fd, __u32 id, int *value)
{
  struct v4l2_control c = { .id = id };
  if (xioctl (fd, VIDIOC_G_CTRL, &c) != 0)
    return -1;
  *value = c.value;
  return 0;
}

static int
set_ctrl (int fd, __u32 id, int value)
{
  struct v4l2_control c = { .id = id, .value = value };
  return xioctl (fd, VIDIOC_S_CTRL, &c);
}

static int
get_ext_ctrl (int fd, __u32 id, int *value)
{
  struct v4l2_ext_control c = { .id = id };
  struct v4l2_ext_controls cs = { .which = V4L2_CTRL_WHICH_CUR_VAL, .count = 1, .controls = &c };
  if (xioctl (fd, VIDIOC_G_EXT_CTRLS, &cs) != 0)
    return -1;
  *value = c.value;
  return 0;
}

static int
set_ext_ctrl (int fd, __u32 id, int value)
{
  struct v4l2_ext_control c = { .id = id, .value = value };
  struct v4l2_ext_controls cs = { .which = V4L2_CTRL_WHICH_CUR_VAL, .count = 1, .controls = &c };
  return xioctl (fd, VIDIOC_S_EXT_CTRLS, &cs);
}

typedef int (*getter) (int fd, __u32 id, int *value);

/* 1 when the control reads back as expected through the given API. */
static int
reads_back (int fd, __u32 id, getter get, const char *api, const char *name, int expected)
{
  int got;
  if (get (fd, id, &got) != 0) {
    fprintf (stderr, "%s %s: %s\n", api, name, strerror (errno));
    return 0;
  }
  if (got != expected) {
    fprintf (stderr, "%s: set %d, %s reads %d\n", name, expected, api, got);
    return 0;
  }
  return 1;
}

int
main (int argc, char **argv)
{
  char path[256];
  struct v4l2_queryctrl brightness, contrast;
  int fd, n, old_b, old_c, new_b, new_c;
  int ok = 1;

  if (argc > 2) {
    fprintf (stderr, "usage: %s [DEVICE]\n", argv[0]);
    return 2;
  }
  fd = open_vivid (argc == 2 ? argv[1] : NULL, path, sizeof path);
  if (fd < 0)
    return 1;

  n = count_controls (fd);
  printf ("%d controls\n", n);
  if (n == 0) {
    fprintf (stderr, "VIDIOC_QUERYCTRL with V4L2_CTRL_FLAG_NEXT_CTRL found no controls\n");
    return 1;
  }

  if (query_int (fd, V4L2_CID_BRIGHTNESS, "brightness", &brightness) != 0 ||
      query_int (fd, V4L2_CID_CONTRAST, "contrast", &contrast) != 0)
    return 1;

  /* Brightness: set with the old API, read back with both. */
  if (get_ctrl (fd, V4L2_CID_BRIGHTNESS, &old_b) != 0) {
    fprintf (stderr, "VIDIOC_G_CTRL brightness: %s\n", strerror (errno));
    return 1;
  }
  new_b = other_value (&brightness, old_b);
  if (set_ctrl (fd, V4L2_CID_BRIGHTNESS, new_b) != 0) {
    fprintf (stderr, "VIDIOC_S_CTRL brightness=%d: %s\n", new_b, strerror (errno));
    return 1;
  }
  ok &= reads_back (fd, V4L2_CID_BRIGHTNESS, get_ctrl, "VIDIOC_G_CTRL", "brightness", new_b);
  ok &= reads_back (fd, V4L2_CID_BRIGHTNESS, get_ext_ctrl, "VIDIOC_G_EXT_CTRLS", "brightness",
      new_b);
  printf ("brightness %d -> %d\n", old_b, new_b);

  /* Contrast: set with the extended API, read back with the old one. */
  if (get_ext_ctrl (fd, V4L2_CID_CONTRAST, &old_c) != 0) {
    fprintf (stderr, "VIDIOC_G_EXT_CTRLS contrast: %s\n", strerror (errno));
    return 1;
  }
  new_c = other_value (&contrast, old_c);
  if (set_ext_ctrl (fd, V4L2_CID_CONTRAST, new_c) != 0) {
    fprintf (stderr, "VIDIOC_S_EXT_CTRLS contrast=%d: %s\n", new_c, strerror (errno));
    return 1;
  }
  ok &= reads_back (fd, V4L2_CID_CONTRAST, get_ctrl, "VIDIOC_G_CTRL", "contrast", new_c);
  printf ("contrast %d -> %d\n", old_c, new_c);

  /* Leave the device as found, for whatever runs next in the same VM. */
  if (set_ctrl (fd, V4L2_CID_BRIGHTNESS, old_b) != 0 ||
      set_ext_ctrl (fd, V4L2_CID_CONTRAST, old_c) != 0) {
    fprintf (stderr, "restoring brightness/contrast: %s\n", strerror (errno));
    ok = 0;
  }
  close (fd);
  return ok ? 0 : 1;
}
