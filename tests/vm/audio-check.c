/* Real-driver tier self-check: audio capture through alsasrc.
 *
 *   vm-audio-check capture CAPTURE_DEVICE
 *       alsasrc delivers one second of S16LE 48 kHz stereo from the device.
 *   vm-audio-check loopback PLAYBACK_DEVICE CAPTURE_DEVICE
 *       a 440 Hz tone played to PLAYBACK_DEVICE with alsasink comes back from
 *       CAPTURE_DEVICE through alsasrc: loud enough, and at about that pitch.
 *
 * Prints what it measured; exits 0 on success, 1 with the reason on stderr.
 */
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000
#define CHANNELS 2
#define CAPS "audio/x-raw,format=S16LE,layout=interleaved,rate=48000,channels=2"
#define TONE_HZ 440.0
#define TONE_VOLUME 0.5
/* Generous: emulation is slow, but one second of audio must come in time. */
#define PULL_TIMEOUT (10 * GST_SECOND)

typedef struct
{
  guint64 frames;
  gint peak;                    /* largest |sample|, left channel */
  double sum_squares;
  guint64 crossings;            /* sign changes, left channel */
  gint last_sign;
} Stats;

static void
accumulate (Stats * st, const gint16 * samples, gsize frames)
{
  for (gsize i = 0; i < frames; i++) {
    gint s = samples[i * CHANNELS];
    gint sign = s > 0 ? 1 : (s < 0 ? -1 : 0);
    if (abs (s) > st->peak)
      st->peak = abs (s);
    st->sum_squares += (double) s * s;
    if (sign != 0) {
      if (st->last_sign != 0 && sign != st->last_sign)
        st->crossings++;
      st->last_sign = sign;
    }
  }
  st->frames += frames;
}

static gboolean
check_bus (GstElement * pipeline, const char *what)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg;
  gboolean ok = TRUE;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR | GST_MESSAGE_WARNING))) {
    GError *err = NULL;
    gchar *dbg = NULL;
    gboolean is_error = GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR;
    if (is_error)
      gst_message_parse_error (msg, &err, &dbg);
    else
      gst_message_parse_warning (msg, &err, &dbg);
    g_printerr ("%s %s from %s: %s (%s)\n", what, is_error ? "error" : "warning",
        GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), err->message, dbg ? dbg : "");
    ok = ok && !is_error;
    g_clear_error (&err);
    g_free (dbg);
    gst_message_unref (msg);
  }
  gst_object_unref (bus);
  return ok;
}

/* Parses description, sets the device property of the element named "alsa"
 * (set here rather than in the description, where ALSA's commas would need
 * escaping) and starts the pipeline. */
static GstElement *
start (const char *description, const char *device, const char *what)
{
  GError *err = NULL;
  GstElement *pipeline = gst_parse_launch (description, &err);
  GstElement *alsa;

  if (!pipeline) {
    g_printerr ("%s pipeline \"%s\": %s\n", what, description, err->message);
    g_clear_error (&err);
    return NULL;
  }
  alsa = gst_bin_get_by_name (GST_BIN (pipeline), "alsa");
  g_object_set (alsa, "device", device, NULL);
  gst_object_unref (alsa);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    g_printerr ("%s pipeline \"%s\" (device %s) did not start\n", what, description, device);
    check_bus (pipeline, what);
    gst_object_unref (pipeline);
    return NULL;
  }
  return pipeline;
}

static void
stop (GstElement * pipeline)
{
  if (pipeline) {
    gst_element_set_state (pipeline, GST_STATE_NULL);
    gst_object_unref (pipeline);
  }
}

/* Pull skip_frames, then measure frames from the capture pipeline's appsink. */
static gboolean
capture (GstElement * pipeline, guint64 skip_frames, guint64 frames, Stats * st)
{
  GstAppSink *sink = GST_APP_SINK (gst_bin_get_by_name (GST_BIN (pipeline), "sink"));
  guint64 seen = 0;
  gboolean ok = TRUE;

  while (st->frames < frames) {
    GstSample *sample = gst_app_sink_try_pull_sample (sink, PULL_TIMEOUT);
    GstBuffer *buf;
    GstMapInfo map;
    gsize n, skip;

    if (!sample) {
      g_printerr ("capture: %s after %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
          " frames\n", gst_app_sink_is_eos (sink) ? "end of stream" : "no data for 10 s",
          st->frames, frames);
      ok = FALSE;
      break;
    }
    buf = gst_sample_get_buffer (sample);
    gst_buffer_map (buf, &map, GST_MAP_READ);
    n = map.size / (CHANNELS * sizeof (gint16));
    skip = seen < skip_frames ? MIN (n, skip_frames - seen) : 0;
    seen += n;
    accumulate (st, (const gint16 *) map.data + skip * CHANNELS, n - skip);
    gst_buffer_unmap (buf, &map);
    gst_sample_unref (sample);
  }
  gst_object_unref (sink);
  return ok;
}

/* No sync on the sink: alsasrc is the clock and paces the stream itself. */
#define CAPTURE_DESCRIPTION "alsasrc name=alsa ! " CAPS " ! appsink name=sink sync=false"

static int
run_capture (const char *device)
{
  GstElement *pipeline = start (CAPTURE_DESCRIPTION, device, "capture");
  Stats st = { 0 };
  gboolean ok = pipeline && capture (pipeline, 0, RATE, &st);

  if (pipeline)
    ok = check_bus (pipeline, "capture") && ok;
  stop (pipeline);
  if (!ok)
    return 1;
  g_print ("captured %" G_GUINT64_FORMAT " frames from %s, peak %d\n", st.frames, device, st.peak);
  return 0;
}

static int
run_loopback (const char *playback_device, const char *capture_device)
{
  gchar *play_desc = g_strdup_printf ("audiotestsrc is-live=true wave=sine freq=%g volume=%g ! "
      CAPS " ! alsasink name=alsa", TONE_HZ, TONE_VOLUME);
  GstElement *player = start (play_desc, playback_device, "playback");
  GstElement *recorder =
      player ? start (CAPTURE_DESCRIPTION, capture_device, "capture") : NULL;
  Stats st = { 0 };
  /* Skip the first 0.2 s: until playback has filled the loop, capture reads silence. */
  gboolean ok = recorder && capture (recorder, RATE / 5, RATE, &st);
  double rms, hz;
  int expected_peak = (int) (TONE_VOLUME * 32767 * 0.8);

  if (player)
    ok = check_bus (player, "playback") && ok;
  if (recorder)
    ok = check_bus (recorder, "capture") && ok;
  stop (recorder);
  stop (player);
  g_free (play_desc);
  if (!ok)
    return 1;

  rms = sqrt (st.sum_squares / (double) st.frames);
  hz = st.crossings / 2.0 / ((double) st.frames / RATE);
  g_print ("captured %" G_GUINT64_FORMAT " frames from %s: peak %d, rms %.0f, ~%.0f Hz\n",
      st.frames, capture_device, st.peak, rms, hz);
  if (st.peak < expected_peak) {
    g_printerr ("peak %d is below %d: the %g Hz tone played to %s did not come back from %s\n",
        st.peak, expected_peak, TONE_HZ, playback_device, capture_device);
    return 1;
  }
  /* Gaps (xruns under emulation) lower the count, so only catch gross errors. */
  if (hz < TONE_HZ / 2 || hz > TONE_HZ * 2) {
    g_printerr ("captured signal is at ~%.0f Hz, not near the %g Hz that was played\n", hz,
        TONE_HZ);
    return 1;
  }
  return 0;
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);

  if (argc == 3 && strcmp (argv[1], "capture") == 0)
    return run_capture (argv[2]);
  if (argc == 4 && strcmp (argv[1], "loopback") == 0)
    return run_loopback (argv[2], argv[3]);

  g_printerr ("usage: %s capture CAPTURE_DEVICE\n"
      "       %s loopback PLAYBACK_DEVICE CAPTURE_DEVICE\n", argv[0], argv[0]);
  return 2;
}
