#!/usr/bin/env bash
# Self-checks of the real-driver tier, run inside the VM by run-in-vm. Checks
# that the kernel devices are there and that GStreamer's own elements and
# providers work with them, so that a later failure in a project test points
# at the project, not at the VM. Prints TAP (one line per check).
#
#   self-check.sh --v4l2-controls PROGRAM --audio-check PROGRAM [--tap PROGRAM]...
#
# PROGRAMs are the helpers built by meson (tests/vm/*.c). Each --tap PROGRAM
# is a project test that prints TAP itself (a gst-check suite run with
# CK_TAP_LOG_FILE_NAME=-): it runs after the self-checks, in the same boot,
# and its tests join this stream, numbered on.
set -euo pipefail

v4l2_controls=
audio_check=
tap_programs=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --v4l2-controls) v4l2_controls=$2; shift 2 ;;
    --audio-check) audio_check=$2; shift 2 ;;
    --tap) tap_programs+=("$2"); shift 2 ;;
    *) echo "self-check: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ -x $v4l2_controls && -x $audio_check ]] || {
  echo "usage: self-check.sh --v4l2-controls PROGRAM --audio-check PROGRAM [--tap PROGRAM]..." >&2
  exit 2
}

# Each check gets this long; a hang in one must not eat the others' time.
check_timeout=60
# A TAP program runs several tests in one go.
tap_timeout=150
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The self-checks; the TAP programs add their own tests, so the plan line
# comes last (TAP allows it at either end).
planned=6
n=0
failed=0

# Prints a file as TAP diagnostics; long ones shortened in the middle, since
# the cause is usually stated at the start (the command) or the end (the error).
diagnostics() {
  local lines
  lines=$(wc -l <"$1")
  if ((lines <= 60)); then
    sed 's/^/#   /' "$1"
  else
    head -n 15 "$1" | sed 's/^/#   /'
    echo "#   [... $((lines - 55)) lines left out ...]"
    tail -n 40 "$1" | sed 's/^/#   /'
  fi
}

# check DESCRIPTION COMMAND...: runs COMMAND; "ok"/"not ok" with its output as
# TAP diagnostics (all of it on failure, the first lines on success).
check() {
  local description=$1 status=0 started=$SECONDS
  shift
  n=$((n + 1))
  timeout --kill-after=5 "$check_timeout" bash -c '"$@"' check "$@" >"$scratch/out" 2>&1 ||
    status=$?
  # Durations are for whoever keeps the suite within its time budget.
  local took="took $((SECONDS - started)) s"
  if [[ $status == 0 ]]; then
    echo "ok $n - $description"
    head -n 5 "$scratch/out" | sed 's/^/#   /'
    echo "#   ($took)"
  else
    failed=$((failed + 1))
    echo "not ok $n - $description"
    if [[ $status == 124 || $status == 137 ]]; then
      echo "#   timed out after ${check_timeout}s: $*"
    else
      echo "#   exit status $status ($took): $*"
    fi
    diagnostics "$scratch/out"
  fi
}

# gst-device-monitor-1.0 prints one "Device found:" block per device, with
# "name : ...", "class : ..." and, under "properties:", "key = value" lines.
monitor_devices() {
  gst-device-monitor-1.0 Video/Source Audio/Source >"$scratch/monitor" 2>"$scratch/monitor.err" || {
    cat "$scratch/monitor.err"
    return 1
  }
}
device_property() {  # CLASS KEY: the KEY value of each device of CLASS, one per line
  awk -v class="$1" -v key="$2" '
    /^Device found:/ { cls = "" }
    $1 == "class" { cls = $3 }
    $1 == key && $2 == "=" && cls == class { $1 = $2 = ""; sub(/^ +/, ""); print }
  ' "$scratch/monitor"
}

monitor_summary() {  # one line per device found: class, name, device path or ALSA id
  echo "devices found by gst-device-monitor-1.0:"
  awk '
    function flush() { if (cls != "") print "  " cls ": " name " " where; cls = name = where = "" }
    /^Device found:/ { flush() }
    $1 == "name" { $1 = $2 = ""; sub(/^ +/, ""); name = "\"" $0 "\"" }
    $1 == "class" { cls = $3 }
    ($1 == "device.path" || $1 == "alsa.id") && $2 == "=" { where = where " " $1 "=" $3 }
    END { flush() }
  ' "$scratch/monitor"
  [[ ! -s $scratch/monitor.err ]] || { echo "its stderr:"; cat "$scratch/monitor.err"; }
}

check_monitor_video() {
  monitor_devices || return 1
  local drivers
  drivers=$(device_property Video/Source v4l2.device.driver)
  if ! grep -qx vivid <<<"$drivers"; then
    monitor_summary
    ls -l /dev/video* /run/udev/data 2>&1 | head -n 5
    echo "no Video/Source device with v4l2.device.driver = vivid (drivers seen: ${drivers:-none})"
    echo "the v4l2 provider lists only devices udev knows about: is systemd-udevd running?"
    return 1
  fi
  echo "Video/Source devices: $(device_property Video/Source device.path | tr '\n' ' ')"
}

check_monitor_audio() {
  [[ -s $scratch/monitor ]] || monitor_devices || return 1
  local cards missing=
  cards=$(device_property Audio/Source alsa.id)
  grep -qx Dummy <<<"$cards" || missing+=" Dummy"
  # Loopback has two capture PCMs (hw:Loopback,0 and hw:Loopback,1).
  [[ $(grep -cx Loopback <<<"$cards") == 2 ]] || missing+=" Loopback(x2)"
  if [[ -n $missing ]]; then
    monitor_summary
    echo "/proc/asound/cards:"
    cat /proc/asound/cards
    echo "missing Audio/Source devices:$missing (alsa.id seen: $(tr '\n' ' ' <<<"$cards"))"
    return 1
  fi
  echo "Audio/Source ALSA cards: $(tr '\n' ' ' <<<"$cards")"
}

find_vivid() {
  local dev
  for dev in /sys/class/video4linux/video*; do
    [[ $(<"$dev/name") == vivid* ]] && { echo "/dev/$(basename "$dev")"; return 0; }
  done
  return 1
}

check_v4l2src() {
  local device
  device=$(find_vivid) || { echo "no vivid node in /sys/class/video4linux"; return 1; }
  # Always constrain vivid: left to itself v4l2src picks 4K at 2 fps.
  # -v prints the negotiated caps; show those rather than the state chatter.
  if ! gst-launch-1.0 -v v4l2src device="$device" num-buffers=10 \
      ! video/x-raw,width=640,height=360,framerate=30/1 ! fakesink >"$scratch/launch" 2>&1; then
    cat "$scratch/launch"
    return 1
  fi
  grep -m1 -o 'v4l2src0.GstPad:src: caps = .*' "$scratch/launch" || true
}

# The checks run under timeout(1), in a child bash, so it needs these.
export scratch
export -f monitor_devices device_property monitor_summary check_monitor_video check_monitor_audio find_vivid \
  check_v4l2src

check "GstDeviceMonitor lists the vivid camera as Video/Source" check_monitor_video
check "GstDeviceMonitor lists the Dummy and both Loopback capture PCMs as Audio/Source" check_monitor_audio
check "v4l2src streams 10 frames of 640x360@30 from vivid" check_v4l2src
check "V4L2 controls (brightness, contrast) read and set on vivid" "$v4l2_controls"
check "alsasrc captures 1 s from snd-dummy (hw:Dummy,0,0)" "$audio_check" capture hw:Dummy,0,0
check "snd-aloop carries a tone from hw:Loopback,0,0 to hw:Loopback,1,0" \
  "$audio_check" loopback hw:Loopback,0,0 hw:Loopback,1,0

# run_tap PROGRAM: runs a program that prints TAP and passes its test lines
# on, renumbered; its other output becomes diagnostics. A program that
# crashes, hangs, or reports fewer tests than it planned counts as one more
# failed test, with its stderr.
run_tap() {
  local program=$1 status=0 started=$SECONDS ran=0 own_failures=0 plan='' line
  timeout --kill-after=5 "$tap_timeout" "$program" >"$scratch/tap" 2>"$scratch/tap.err" ||
    status=$?
  while IFS= read -r line; do
    if [[ $line =~ ^(not\ )?ok\ [0-9]+(.*)$ ]]; then
      n=$((n + 1))
      ran=$((ran + 1))
      if [[ -n ${BASH_REMATCH[1]} ]]; then
        failed=$((failed + 1))
        own_failures=$((own_failures + 1))
      fi
      echo "${BASH_REMATCH[1]}ok $n${BASH_REMATCH[2]}"
    elif [[ $line =~ ^1\.\.([0-9]+) ]]; then
      plan=${BASH_REMATCH[1]}
    elif [[ $line == "#"* ]]; then
      echo "$line"  # the program's own diagnostics
    elif [[ -n $line ]]; then
      echo "#   $line"
    fi
  done <"$scratch/tap"
  local took="took $((SECONDS - started)) s"
  # gst-check exits 1 when some of its tests failed; those are reported.
  if [[ $status == 0 || ($status == 1 && $own_failures -gt 0) ]] && [[ $plan == "$ran" ]]; then
    echo "#   $(basename "$program"): $ran tests ($took)"
    return
  fi
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $(basename "$program") ran to the end"
  if [[ $status == 124 || $status == 137 ]]; then
    echo "#   timed out after ${tap_timeout}s: $program"
  else
    echo "#   exit status $status, $ran of ${plan:-?} planned tests reported ($took): $program"
  fi
  diagnostics "$scratch/tap.err"
}

[[ $n == "$planned" ]] || { echo "Bail out! ran $n checks, planned $planned"; exit 1; }
for program in "${tap_programs[@]}"; do
  run_tap "$program"
done
echo "1..$n"
[[ $failed == 0 ]]
