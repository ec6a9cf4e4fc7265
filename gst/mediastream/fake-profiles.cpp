/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The built-in fake device profiles. Each is a profile file's JSON so that
 * it doubles as an example of the format (see fake-devices.cpp). */

#include "fake-devices.h"
#include "fake-profiles.h"

#include <array>

namespace mediastream {

namespace {

/* Chromium's --use-fake-device-for-media-stream, so the two can be compared
 * side by side: one camera with six native sizes at 30 fps in I420 and no
 * facing mode, and one 44.1 kHz stereo microphone with 10 ms latency whose
 * processing can all be switched on. Chromium names the camera
 * "fake_device_0"; that is kept as its stable id key while the label says
 * what it is. The camera and the microphone are separate devices to
 * Chromium, so each has its own group. */
constexpr std::string_view kChromium = R"json({
  "devices": [
    {
      "kind": "videoinput",
      "label": "Fake Camera",
      "id": "fake_device_0",
      "modes": [
        { "format": "I420", "width": 96, "height": 96, "frameRate": 30 },
        { "format": "I420", "width": 320, "height": 240, "frameRate": 30 },
        { "format": "I420", "width": 640, "height": 480, "frameRate": 30 },
        { "format": "I420", "width": 1280, "height": 720, "frameRate": 30 },
        { "format": "I420", "width": 1920, "height": 1080, "frameRate": 30 },
        { "format": "I420", "width": 3840, "height": 2160, "frameRate": 30 }
      ]
    },
    {
      "kind": "audioinput",
      "label": "Fake Microphone",
      "id": "fake_audio_input_0",
      "modes": [
        { "format": "S16LE", "sampleRate": 44100, "channels": 2 }
      ],
      "latency": 0.01,
      "processing": {
        "echoCancellation": true,
        "autoGainControl": true,
        "noiseSuppression": true
      }
    }
  ]
})json";

/* A Logitech C920-class UVC webcam as v4l2src reports it: YUYV limited by
 * USB 2.0 bandwidth (full HD only at 5 fps), MJPEG at every size up to
 * 1920x1080 at up to 30 fps, sizes largest first per format, and the usual
 * UVC controls with their V4L2 ranges (exposure time in 100 us units, as
 * both V4L2 and Image Capture count it). Its stereo microphone is part of
 * the same USB device, hence the shared group. */
constexpr std::string_view kUsbWebcam = R"json({
  "devices": [
    {
      "kind": "videoinput",
      "label": "USB HD Webcam",
      "id": "usb-webcam-video",
      "group": "usb-webcam",
      "caps": [
        "video/x-raw, format=YUY2, width=1920, height=1080, framerate=5/1",
        "video/x-raw, format=YUY2, width=1600, height=896, framerate={ 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=1280, height=720, framerate={ 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=960, height=720, framerate={ 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=1024, height=576, framerate={ 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=800, height=600, framerate={ 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=864, height=480, framerate={ 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=800, height=448, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=640, height=480, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=640, height=360, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=432, height=240, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=352, height=288, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=320, height=240, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=320, height=180, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=176, height=144, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=160, height=120, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "video/x-raw, format=YUY2, width=160, height=90, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=1920, height=1080, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=1600, height=896, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=1280, height=720, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=960, height=720, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=1024, height=576, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=800, height=600, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=864, height=480, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=800, height=448, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=640, height=480, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=640, height=360, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=432, height=240, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=352, height=288, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=320, height=240, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=320, height=180, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=176, height=144, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=160, height=120, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }",
        "image/jpeg, width=160, height=90, framerate={ 30/1, 24/1, 20/1, 15/1, 10/1, 15/2, 5/1 }"
      ],
      "controls": {
        "brightness": { "min": 0, "max": 255, "step": 1, "value": 128 },
        "contrast": { "min": 0, "max": 255, "step": 1, "value": 128 },
        "saturation": { "min": 0, "max": 255, "step": 1, "value": 128 },
        "sharpness": { "min": 0, "max": 255, "step": 1, "value": 128 },
        "whiteBalanceMode": { "modes": ["manual", "continuous"], "value": "continuous" },
        "colorTemperature": { "min": 2000, "max": 6500, "step": 1, "value": 4000 },
        "exposureMode": { "modes": ["manual", "continuous"], "value": "continuous" },
        "exposureTime": { "min": 3, "max": 2047, "step": 1, "value": 250 },
        "focusMode": { "modes": ["manual", "continuous"], "value": "continuous" },
        "focusDistance": { "min": 0, "max": 250, "step": 5, "value": 0 },
        "zoom": { "min": 100, "max": 500, "step": 1, "value": 100 },
        "pan": { "min": -36000, "max": 36000, "step": 3600, "value": 0 },
        "tilt": { "min": -36000, "max": 36000, "step": 3600, "value": 0 }
      }
    },
    {
      "kind": "audioinput",
      "label": "USB HD Webcam Microphone",
      "id": "usb-webcam-audio",
      "group": "usb-webcam",
      "caps": "audio/x-raw, format=S16LE, layout=interleaved, rate={ 16000, 32000, 48000 }, channels=2",
      "latency": { "min": 0.01, "max": 0.2, "value": 0.02 },
      "processing": {
        "echoCancellation": true,
        "autoGainControl": true,
        "noiseSuppression": true
      }
    }
  ]
})json";

/* A laptop: the integrated user-facing camera (YUYV 720p only at 10 fps,
 * MJPEG up to 720p at 30 fps, fixed focus) and the internal microphone
 * belong to one machine and share a group; a USB headset adds a second,
 * mono microphone in its own group. */
constexpr std::string_view kLaptop = R"json({
  "devices": [
    {
      "kind": "videoinput",
      "label": "Integrated Camera",
      "id": "integrated-camera",
      "group": "laptop",
      "facingMode": "user",
      "modes": [
        { "format": "YUY2", "width": 640, "height": 480, "frameRate": 30 },
        { "format": "YUY2", "width": 1280, "height": 720, "frameRate": 10 },
        { "format": "YUY2", "width": 640, "height": 360, "frameRate": 30 },
        { "format": "YUY2", "width": 424, "height": 240, "frameRate": 30 },
        { "format": "YUY2", "width": 320, "height": 240, "frameRate": 30 },
        { "format": "YUY2", "width": 320, "height": 180, "frameRate": 30 },
        { "format": "YUY2", "width": 160, "height": 120, "frameRate": 30 },
        { "mediaType": "image/jpeg", "width": 1280, "height": 720, "frameRate": 30 },
        { "mediaType": "image/jpeg", "width": 960, "height": 540, "frameRate": 30 },
        { "mediaType": "image/jpeg", "width": 848, "height": 480, "frameRate": 30 },
        { "mediaType": "image/jpeg", "width": 640, "height": 480, "frameRate": 30 },
        { "mediaType": "image/jpeg", "width": 640, "height": 360, "frameRate": 30 }
      ],
      "controls": {
        "brightness": { "min": -64, "max": 64, "step": 1, "value": 0 },
        "contrast": { "min": 0, "max": 95, "step": 1, "value": 0 },
        "saturation": { "min": 0, "max": 100, "step": 1, "value": 64 },
        "sharpness": { "min": 1, "max": 7, "step": 1, "value": 2 },
        "whiteBalanceMode": { "modes": ["manual", "continuous"], "value": "continuous" },
        "colorTemperature": { "min": 2800, "max": 6500, "step": 10, "value": 4600 },
        "exposureMode": { "modes": ["manual", "continuous"], "value": "continuous" },
        "exposureTime": { "min": 1, "max": 5000, "step": 1, "value": 156 }
      }
    },
    {
      "kind": "audioinput",
      "label": "Internal Microphone",
      "id": "internal-microphone",
      "group": "laptop",
      "modes": [
        { "format": "S16LE", "sampleRate": 48000, "channels": 2 }
      ],
      "latency": { "min": 0.005, "max": 0.1, "value": 0.01 },
      "processing": {
        "echoCancellation": true,
        "autoGainControl": true,
        "noiseSuppression": true
      }
    },
    {
      "kind": "audioinput",
      "label": "USB Headset Microphone",
      "id": "usb-headset-microphone",
      "group": "usb-headset",
      "modes": [
        { "format": "S16LE", "sampleRate": 44100, "channels": 1 },
        { "format": "S16LE", "sampleRate": 48000, "channels": 1 }
      ],
      "latency": 0.02,
      "processing": {
        "echoCancellation": true,
        "autoGainControl": true,
        "noiseSuppression": true
      }
    }
  ]
})json";

/* A phone: two cameras that differ in facing mode (the case facingMode
 * constraints exist for), with frame-rate ranges as mobile camera stacks
 * report them; the back camera has an optical zoom, autofocus and a torch. */
constexpr std::string_view kPhone = R"json({
  "devices": [
    {
      "kind": "videoinput",
      "label": "Front Camera",
      "id": "camera-front",
      "facingMode": "user",
      "modes": [
        { "format": "NV12", "width": 640, "height": 480, "frameRate": { "min": 15, "max": 30 } },
        { "format": "NV12", "width": 1280, "height": 720, "frameRate": { "min": 15, "max": 30 } },
        { "format": "NV12", "width": 1920, "height": 1080, "frameRate": { "min": 15, "max": 30 } }
      ],
      "controls": {
        "exposureCompensation": { "min": -2, "max": 2, "step": 0.5, "value": 0 },
        "whiteBalanceMode": { "modes": ["continuous", "manual"], "value": "continuous" }
      }
    },
    {
      "kind": "videoinput",
      "label": "Back Camera",
      "id": "camera-back",
      "facingMode": "environment",
      "modes": [
        { "format": "NV12", "width": 1280, "height": 720, "frameRate": { "min": 15, "max": 60 } },
        { "format": "NV12", "width": 1920, "height": 1080, "frameRate": { "min": 15, "max": 60 } },
        { "format": "NV12", "width": 3840, "height": 2160, "frameRate": { "min": 15, "max": 30 } },
        { "format": "NV12", "width": 4032, "height": 3024, "frameRate": { "min": 15, "max": 30 } }
      ],
      "controls": {
        "zoom": { "min": 1, "max": 8, "step": 0.1, "value": 1 },
        "focusMode": { "modes": ["manual", "single-shot", "continuous"], "value": "continuous" },
        "focusDistance": { "min": 0.1, "max": 10, "step": 0.01, "value": 0.1 },
        "exposureCompensation": { "min": -2, "max": 2, "step": 0.5, "value": 0 },
        "whiteBalanceMode": { "modes": ["continuous", "manual"], "value": "continuous" },
        "torch": false
      }
    },
    {
      "kind": "audioinput",
      "label": "Phone Microphone",
      "id": "microphone",
      "modes": [
        { "format": "S16LE", "sampleRate": 48000, "channels": 1 }
      ],
      "latency": 0.02,
      "processing": {
        "echoCancellation": true,
        "autoGainControl": true,
        "noiseSuppression": true
      }
    }
  ]
})json";

struct BuiltinProfile {
  std::string_view name;
  std::string_view json;
};

constexpr std::array<BuiltinProfile, 4> kProfiles = { {
  { "chromium", kChromium },
  { "laptop", kLaptop },
  { "phone", kPhone },
  { "usb-webcam", kUsbWebcam },
} };

}  // namespace

std::vector<std::string>
builtinFakeProfiles ()
{
  std::vector<std::string> names;
  for (const BuiltinProfile & profile : kProfiles)
    names.emplace_back (profile.name);
  return names;
}

std::optional<std::string_view>
builtinFakeProfileJson (std::string_view name)
{
  for (const BuiltinProfile & profile : kProfiles) {
    if (profile.name == name)
      return profile.json;
  }
  return std::nullopt;
}

}  // namespace mediastream
