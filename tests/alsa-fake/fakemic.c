/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A fake ALSA microphone for tests: an ALSA I/O plugin (ioplug) that
 * captures a raw file, looped, at real-time pace, and whose hardware
 * parameters (formats, rates, channels, period and buffer sizes) are
 * whatever its configuration says. ALSA's own `null` and `file` PCMs are not
 * paced and cannot be constrained, so neither gives a test the caps or the
 * bytes it expects.
 *
 *   pcm_type.fakemic { lib "/path/to/libasound_module_pcm_fakemic.so" }
 *   pcm.mic {
 *     type fakemic
 *     file "/path/to/capture.raw"     # optional; silence without it
 *     format [ S16_LE S32_LE ]        # ALSA names; one or a list (S16_LE)
 *     rate [ 16000 48000 ]            # one or a list (48000), or
 *     # rate_min 8000 rate_max 96000  # a continuous range
 *     channels 2                      # or channels_min / channels_max (2)
 *     period_bytes_min 64             # optional limits on the ring buffer
 *     period_bytes_max 65536
 *     buffer_bytes_max 1048576
 *     periods_min 2
 *     periods_max 1024
 *     exclusive true                  # a second open fails with EBUSY
 *     hint { show on description "Fake microphone" }
 *   }
 *
 * The file holds interleaved samples in whatever format, rate and channel
 * count the application negotiates; it is delivered byte for byte.
 *
 * Unlike a real microphone this one never overruns: when the application
 * falls a whole buffer behind, the fake waits for it instead of dropping
 * audio, so that what a test reads does not depend on how busy the machine
 * is. It is capture only; opening it for playback fails with ENOENT, as for
 * a hardware PCM without playback. */

#include <alsa/asoundlib.h>
#include <alsa/pcm_external.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_S 1000000000ull
#define MAX_LIST 64

typedef struct
{
  snd_pcm_ioplug_t io;

  int timer_fd;
  int lock_fd;

  unsigned char *data;
  size_t data_size;
  size_t usable_size;           /* whole frames of data, for this setup */
  size_t data_pos;
  size_t frame_bytes;
  snd_pcm_channel_area_t *source_areas;

  int running;
  uint64_t start_ns;            /* when frame 0 was (notionally) captured */
  uint64_t captured;            /* frames the fake has delivered */
  snd_pcm_uframes_t boundary;
} FakeMic;

static uint64_t
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * NS_PER_S + (uint64_t) ts.tv_nsec;
}

/* Split so that hours of capture at high rates cannot overflow. */
static uint64_t
frames_in (uint64_t ns, unsigned int rate)
{
  return ns / NS_PER_S * rate + ns % NS_PER_S * rate / NS_PER_S;
}

static uint64_t
ns_of (uint64_t frames, unsigned int rate)
{
  return frames / rate * NS_PER_S + frames % rate * NS_PER_S / rate;
}

static int
fake_start (snd_pcm_ioplug_t * io)
{
  FakeMic *mic = io->private_data;
  /* Rounded up: a timer that fires a little early would wake the reader
   * one frame short of a period. */
  uint64_t period_ns =
      ((uint64_t) io->period_size * NS_PER_S + io->rate - 1) / io->rate;
  struct itimerspec spec = { 0 };

  spec.it_value.tv_sec = spec.it_interval.tv_sec = period_ns / NS_PER_S;
  spec.it_value.tv_nsec = spec.it_interval.tv_nsec = period_ns % NS_PER_S;
  if (timerfd_settime (mic->timer_fd, 0, &spec, NULL) < 0)
    return -errno;
  mic->start_ns = now_ns ();
  mic->running = 1;
  return 0;
}

static int
fake_stop (snd_pcm_ioplug_t * io)
{
  FakeMic *mic = io->private_data;
  struct itimerspec off = { 0 };

  mic->running = 0;
  timerfd_settime (mic->timer_fd, 0, &off, NULL);
  return 0;
}

static snd_pcm_sframes_t
fake_pointer (snd_pcm_ioplug_t * io)
{
  FakeMic *mic = io->private_data;

  if (mic->running) {
    uint64_t now = now_ns ();
    uint64_t due = frames_in (now - mic->start_ns, io->rate);
    /* io->hw_ptr is what this callback last returned, so the difference
     * is what the application has not read yet. */
    uint64_t consumed = mic->captured - snd_pcm_ioplug_avail (io, io->hw_ptr,
        io->appl_ptr);
    uint64_t limit = consumed + io->buffer_size;

    if (due > limit) {
      /* Wait for the reader, and restart the clock from here so that the
       * wait is not made up later with a burst. */
      due = limit;
      mic->start_ns = now - ns_of (limit, io->rate);
    }
    mic->captured = due;
  }
  /* The boundary is only known once prepared; nothing moves before. */
  if (mic->boundary == 0)
    return 0;
  return (snd_pcm_sframes_t) (mic->captured % mic->boundary);
}

static snd_pcm_sframes_t
fake_transfer (snd_pcm_ioplug_t * io, const snd_pcm_channel_area_t * areas,
    snd_pcm_uframes_t offset, snd_pcm_uframes_t size)
{
  FakeMic *mic = io->private_data;
  snd_pcm_uframes_t done = 0;

  if (mic->usable_size == 0) {
    snd_pcm_areas_silence (areas, offset, io->channels, size, io->format);
    return size;
  }

  while (done < size) {
    snd_pcm_uframes_t left = (mic->usable_size - mic->data_pos) /
        mic->frame_bytes;
    snd_pcm_uframes_t n = size - done < left ? size - done : left;

    for (unsigned int c = 0; c < io->channels; c++)
      mic->source_areas[c].addr = mic->data + mic->data_pos;
    snd_pcm_areas_copy (areas, offset + done, mic->source_areas, 0,
        io->channels, n, io->format);
    mic->data_pos += n * mic->frame_bytes;
    if (mic->data_pos == mic->usable_size)
      mic->data_pos = 0;
    done += n;
  }
  return size;
}

static int
fake_hw_params (snd_pcm_ioplug_t * io, snd_pcm_hw_params_t * params)
{
  FakeMic *mic = io->private_data;
  int sample_bits = snd_pcm_format_physical_width (io->format);
  snd_pcm_channel_area_t *areas;

  (void) params;
  if (sample_bits <= 0)
    return -EINVAL;
  areas = calloc (io->channels, sizeof (*areas));
  if (areas == NULL)
    return -ENOMEM;
  for (unsigned int c = 0; c < io->channels; c++) {
    areas[c].first = c * sample_bits;
    areas[c].step = io->channels * sample_bits;
  }
  free (mic->source_areas);
  mic->source_areas = areas;
  mic->frame_bytes = io->channels * sample_bits / 8;
  mic->usable_size = mic->data_size / mic->frame_bytes * mic->frame_bytes;
  /* Offsets into the file are in frames of the old setup: start over. */
  mic->data_pos = 0;
  return 0;
}

static int
fake_prepare (snd_pcm_ioplug_t * io)
{
  FakeMic *mic = io->private_data;
  snd_pcm_sw_params_t *sw;
  int err;

  snd_pcm_sw_params_alloca (&sw);
  err = snd_pcm_sw_params_current (io->pcm, sw);
  if (err < 0)
    return err;
  err = snd_pcm_sw_params_get_boundary (sw, &mic->boundary);
  if (err < 0)
    return err;
  mic->captured = 0;
  mic->running = 0;
  return 0;
}

/* The timer fires once a period; reading it re-arms poll(). */
static int
fake_poll_revents (snd_pcm_ioplug_t * io, struct pollfd *pfd,
    unsigned int nfds, unsigned short *revents)
{
  FakeMic *mic = io->private_data;
  uint64_t expirations;

  if (nfds != 1)
    return -EINVAL;
  if (read (mic->timer_fd, &expirations, sizeof (expirations)) < 0
      && errno != EAGAIN)
    return -errno;
  *revents = pfd->revents & (POLLIN | POLLERR | POLLNVAL);
  return 0;
}

static void
fake_free (FakeMic * mic)
{
  if (mic->timer_fd >= 0)
    close (mic->timer_fd);
  if (mic->lock_fd >= 0)
    close (mic->lock_fd);
  free (mic->data);
  free (mic->source_areas);
  free (mic);
}

static int
fake_close (snd_pcm_ioplug_t * io)
{
  fake_free (io->private_data);
  return 0;
}

static const snd_pcm_ioplug_callback_t fake_callbacks = {
  .start = fake_start,
  .stop = fake_stop,
  .pointer = fake_pointer,
  .transfer = fake_transfer,
  .close = fake_close,
  .hw_params = fake_hw_params,
  .prepare = fake_prepare,
  .poll_revents = fake_poll_revents,
};

static int
read_file (FakeMic * mic, const char *path)
{
  struct stat st;
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  int err = 0;

  if (fd < 0) {
    err = -errno;
    SNDERR ("fakemic: cannot open %s: %s", path, strerror (errno));
    return err;
  }
  if (fstat (fd, &st) < 0) {
    err = -errno;
  } else if (st.st_size > 0) {
    mic->data = malloc (st.st_size);
    if (mic->data == NULL)
      err = -ENOMEM;
    while (err == 0 && mic->data_size < (size_t) st.st_size) {
      ssize_t n = read (fd, mic->data + mic->data_size,
          st.st_size - mic->data_size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        err = n < 0 ? -errno : -EIO;
      else
        mic->data_size += n;
    }
  }
  close (fd);
  return err;
}

/* A second open of an exclusive fake fails as a busy hardware PCM does. */
static int
lock_file (FakeMic * mic, const char *path)
{
  mic->lock_fd = open (path, O_RDONLY | O_CLOEXEC);
  if (mic->lock_fd < 0)
    return -errno;
  if (flock (mic->lock_fd, LOCK_EX | LOCK_NB) < 0)
    return errno == EWOULDBLOCK ? -EBUSY : -errno;
  return 0;
}

/* An integer or a list of integers. */
static int
get_uints (snd_config_t * n, const char *id, unsigned int *values,
    unsigned int *count)
{
  snd_config_iterator_t i, next;
  long v;

  *count = 0;
  if (snd_config_get_type (n) != SND_CONFIG_TYPE_COMPOUND) {
    if (snd_config_get_integer (n, &v) < 0 || v <= 0) {
      SNDERR ("fakemic: %s must be a positive integer or a list of them", id);
      return -EINVAL;
    }
    values[(*count)++] = v;
    return 0;
  }
  snd_config_for_each (i, next, n) {
    if (*count == MAX_LIST
        || snd_config_get_integer (snd_config_iterator_entry (i), &v) < 0
        || v <= 0) {
      SNDERR ("fakemic: %s must be a positive integer or a list of them", id);
      return -EINVAL;
    }
    values[(*count)++] = v;
  }
  return *count > 0 ? 0 : -EINVAL;
}

static int
get_formats (snd_config_t * n, unsigned int *formats, unsigned int *count)
{
  snd_config_iterator_t i, next;
  const char *name;

  *count = 0;
  if (snd_config_get_type (n) != SND_CONFIG_TYPE_COMPOUND) {
    if (snd_config_get_string (n, &name) < 0)
      return -EINVAL;
    formats[0] = snd_pcm_format_value (name);
    *count = 1;
  } else {
    snd_config_for_each (i, next, n) {
      if (*count == MAX_LIST
          || snd_config_get_string (snd_config_iterator_entry (i),
              &name) < 0)
        return -EINVAL;
      formats[(*count)++] = snd_pcm_format_value (name);
    }
  }
  for (unsigned int f = 0; f < *count; f++) {
    if ((int) formats[f] == SND_PCM_FORMAT_UNKNOWN) {
      SNDERR ("fakemic: unknown format in the format list");
      return -EINVAL;
    }
  }
  return *count > 0 ? 0 : -EINVAL;
}

/* The limits, as read from the configuration; 0 is "not given". */
typedef struct
{
  unsigned int formats[MAX_LIST], n_formats;
  unsigned int rates[MAX_LIST], n_rates;
  unsigned int rate_min, rate_max;
  unsigned int channels_min, channels_max;
  unsigned int period_bytes_min, period_bytes_max;
  unsigned int buffer_bytes_max;
  unsigned int periods_min, periods_max;
  const char *file;
  int exclusive;
} Config;

static int
get_uint (snd_config_t * n, const char *id, unsigned int *value)
{
  long v;

  if (snd_config_get_integer (n, &v) < 0 || v <= 0) {
    SNDERR ("fakemic: %s must be a positive integer", id);
    return -EINVAL;
  }
  *value = v;
  return 0;
}

/* Fields every PCM definition may have, which ALSA reads itself. */
static int
is_generic_field (const char *id)
{
  return strcmp (id, "comment") == 0 || strcmp (id, "type") == 0
      || strcmp (id, "hint") == 0;
}

static int
parse_config (snd_config_t * conf, Config * c)
{
  snd_config_iterator_t i, next;
  int err = 0;

  snd_config_for_each (i, next, conf) {
    snd_config_t *n = snd_config_iterator_entry (i);
    const char *id;

    if (snd_config_get_id (n, &id) < 0 || is_generic_field (id))
      continue;
    if (strcmp (id, "file") == 0)
      err = snd_config_get_string (n, &c->file);
    else if (strcmp (id, "format") == 0)
      err = get_formats (n, c->formats, &c->n_formats);
    else if (strcmp (id, "rate") == 0)
      err = get_uints (n, id, c->rates, &c->n_rates);
    else if (strcmp (id, "rate_min") == 0)
      err = get_uint (n, id, &c->rate_min);
    else if (strcmp (id, "rate_max") == 0)
      err = get_uint (n, id, &c->rate_max);
    else if (strcmp (id, "channels") == 0) {
      err = get_uint (n, id, &c->channels_min);
      c->channels_max = c->channels_min;
    } else if (strcmp (id, "channels_min") == 0)
      err = get_uint (n, id, &c->channels_min);
    else if (strcmp (id, "channels_max") == 0)
      err = get_uint (n, id, &c->channels_max);
    else if (strcmp (id, "period_bytes_min") == 0)
      err = get_uint (n, id, &c->period_bytes_min);
    else if (strcmp (id, "period_bytes_max") == 0)
      err = get_uint (n, id, &c->period_bytes_max);
    else if (strcmp (id, "buffer_bytes_max") == 0)
      err = get_uint (n, id, &c->buffer_bytes_max);
    else if (strcmp (id, "periods_min") == 0)
      err = get_uint (n, id, &c->periods_min);
    else if (strcmp (id, "periods_max") == 0)
      err = get_uint (n, id, &c->periods_max);
    else if (strcmp (id, "exclusive") == 0) {
      c->exclusive = snd_config_get_bool (n);
      err = c->exclusive < 0 ? c->exclusive : 0;
    } else {
      SNDERR ("fakemic: unknown field %s", id);
      err = -EINVAL;
    }
    if (err < 0)
      return err;
  }
  if (c->exclusive && c->file == NULL) {
    SNDERR ("fakemic: exclusive needs a file to lock");
    return -EINVAL;
  }
  return 0;
}

static unsigned int
or_default (unsigned int value, unsigned int fallback)
{
  return value ? value : fallback;
}

static int
set_constraints (snd_pcm_ioplug_t * io, Config * c)
{
  static const unsigned int access[] = { SND_PCM_ACCESS_RW_INTERLEAVED };
  unsigned int s16 = SND_PCM_FORMAT_S16_LE;
  int err;

  err = snd_pcm_ioplug_set_param_list (io, SND_PCM_IOPLUG_HW_ACCESS, 1,
      access);
  if (err == 0)
    err = c->n_formats ? snd_pcm_ioplug_set_param_list (io,
        SND_PCM_IOPLUG_HW_FORMAT, c->n_formats, c->formats)
        : snd_pcm_ioplug_set_param_list (io, SND_PCM_IOPLUG_HW_FORMAT, 1, &s16);
  if (err == 0 && c->n_rates)
    err = snd_pcm_ioplug_set_param_list (io, SND_PCM_IOPLUG_HW_RATE,
        c->n_rates, c->rates);
  else if (err == 0)
    err = snd_pcm_ioplug_set_param_minmax (io, SND_PCM_IOPLUG_HW_RATE,
        or_default (c->rate_min, 48000),
        or_default (c->rate_max, or_default (c->rate_min, 48000)));
  if (err == 0)
    err = snd_pcm_ioplug_set_param_minmax (io, SND_PCM_IOPLUG_HW_CHANNELS,
        or_default (c->channels_min, 2),
        or_default (c->channels_max, or_default (c->channels_min, 2)));
  if (err == 0)
    err = snd_pcm_ioplug_set_param_minmax (io, SND_PCM_IOPLUG_HW_PERIOD_BYTES,
        or_default (c->period_bytes_min, 64),
        or_default (c->period_bytes_max, 65536));
  if (err == 0)
    err = snd_pcm_ioplug_set_param_minmax (io, SND_PCM_IOPLUG_HW_BUFFER_BYTES,
        2 * or_default (c->period_bytes_min, 64),
        or_default (c->buffer_bytes_max, 1048576));
  if (err == 0)
    err = snd_pcm_ioplug_set_param_minmax (io, SND_PCM_IOPLUG_HW_PERIODS,
        or_default (c->periods_min, 2), or_default (c->periods_max, 1024));
  return err;
}

SND_PCM_PLUGIN_DEFINE_FUNC (fakemic)
{
  Config c = { 0 };
  FakeMic *mic;
  int err;

  (void) root;
  if (stream != SND_PCM_STREAM_CAPTURE) {
    SNDERR ("fakemic: %s can only capture", name);
    return -ENOENT;
  }
  err = parse_config (conf, &c);
  if (err < 0)
    return err;

  mic = calloc (1, sizeof (*mic));
  if (mic == NULL)
    return -ENOMEM;
  mic->lock_fd = -1;
  mic->timer_fd = timerfd_create (CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (mic->timer_fd < 0) {
    err = -errno;
    goto failed;
  }
  if (c.file) {
    err = read_file (mic, c.file);
    if (err == 0 && c.exclusive)
      err = lock_file (mic, c.file);
    if (err < 0)
      goto failed;
  }

  mic->io.version = SND_PCM_IOPLUG_VERSION;
  mic->io.name = "gst-mediastream fake microphone";
  mic->io.flags = SND_PCM_IOPLUG_FLAG_BOUNDARY_WA |
      SND_PCM_IOPLUG_FLAG_MONOTONIC;
  mic->io.poll_fd = mic->timer_fd;
  mic->io.poll_events = POLLIN;
  mic->io.callback = &fake_callbacks;
  mic->io.private_data = mic;
  err = snd_pcm_ioplug_create (&mic->io, name, stream, mode);
  if (err < 0)
    goto failed;
  err = set_constraints (&mic->io, &c);
  if (err < 0) {
    /* Deleting the ioplug closes it, which frees mic. */
    snd_pcm_ioplug_delete (&mic->io);
    return err;
  }
  *pcmp = mic->io.pcm;
  return 0;

failed:
  fake_free (mic);
  return err;
}

SND_PCM_PLUGIN_SYMBOL (fakemic);
