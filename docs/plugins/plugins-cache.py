#!/usr/bin/python3
# gst-mediastream
# Copyright (C) 2026 gst-mediastream contributors
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Writes or checks docs/plugins/gst_plugins_cache.json: what GStreamer's
own documentation cache records of each plugin (elements, their metadata,
pad templates, properties with blurbs, defaults, flags and ranges, device
providers), read from the registry of a build. Debian ships neither hotdoc
nor gst-hotdoc-plugins-scanner, so this reads the same facts through
GObject introspection.

usage: plugins-cache.py BUILD_DIR CACHE_FILE [--check]
  --check: exit 1 when CACHE_FILE differs from what the build registers.
"""

import json
import os
import sys

import gi

gi.require_version("Gst", "1.0")
from gi.repository import GObject, Gst  # noqa: E402

PACKAGE = "gst-mediastream"


def flag_names(pspec):
    names = []
    for flag, name in (
        (GObject.ParamFlags.READABLE, "readable"),
        (GObject.ParamFlags.WRITABLE, "writable"),
        (GObject.ParamFlags.CONSTRUCT_ONLY, "construct-only"),
    ):
        if pspec.flags & flag:
            names.append(name)
    if pspec.flags & Gst.PARAM_MUTABLE_PLAYING:
        names.append("changeable-in-playing")
    elif pspec.flags & Gst.PARAM_MUTABLE_PAUSED:
        names.append("changeable-in-paused")
    return names


def property_entry(pspec):
    entry = {
        "blurb": pspec.blurb,
        "type": GObject.type_name(pspec.value_type),
        "flags": flag_names(pspec),
    }
    default = pspec.default_value
    if isinstance(default, (bool, int, float, str)) or default is None:
        entry["default"] = default
    for bound in ("minimum", "maximum"):
        if hasattr(pspec, bound):
            entry[bound] = getattr(pspec, bound)
    return entry


def element_entry(factory):
    element = factory.create(None)
    properties = {}
    for pspec in sorted(element.list_properties(), key=lambda p: p.name):
        if pspec.owner_type in (GObject.Object.__gtype__, Gst.Object.__gtype__,
                                Gst.Element.__gtype__, Gst.Bin.__gtype__):
            continue
        properties[pspec.name] = property_entry(pspec)
    pads = {}
    for template in factory.get_static_pad_templates():
        pads[template.name_template] = {
            "caps": template.get_caps().to_string(),
            "direction": template.direction.value_nick,
            "presence": template.presence.value_nick,
        }
    return {
        "author": factory.get_metadata("author"),
        "description": factory.get_metadata("description"),
        "klass": factory.get_metadata("klass"),
        "long-name": factory.get_metadata("long-name"),
        "pad-templates": pads,
        "properties": properties,
        "rank": Gst.Rank(factory.get_rank()).value_nick
        if factory.get_rank() in (0, 64, 128, 256) else str(factory.get_rank()),
    }


def provider_entry(factory):
    return {"rank": factory.get_rank(),
            "long-name": factory.get_metadata("long-name") or "",
            "klass": factory.get_metadata("klass") or ""}


def build_cache():
    cache = {}
    registry = Gst.Registry.get()
    for plugin in sorted(registry.get_plugin_list(), key=lambda p: p.get_name()):
        if plugin.get_source() != PACKAGE:
            continue
        name = plugin.get_name()
        features = registry.get_feature_list_by_plugin(name)
        elements = {f.get_name(): element_entry(f)
                    for f in sorted(features, key=lambda f: f.get_name())
                    if isinstance(f, Gst.ElementFactory)}
        providers = {f.get_name(): provider_entry(f)
                     for f in sorted(features, key=lambda f: f.get_name())
                     if isinstance(f, Gst.DeviceProviderFactory)}
        entry = {
            "description": plugin.get_description(),
            "elements": elements,
            "filename": "gst" + name,
            "license": plugin.get_license(),
            "other-types": {},
            "package": plugin.get_package(),
            "source": plugin.get_source(),
            "tracers": {},
            "url": plugin.get_origin(),
        }
        if providers:
            entry["device-providers"] = providers
        cache[name] = entry
    return cache


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    build_dir, cache_file = sys.argv[1], sys.argv[2]
    # This build's plugins (the system's too: the elements are bins of
    # system elements), from a registry of their own.
    os.environ["GST_PLUGIN_PATH_1_0"] = os.path.join(build_dir, "gst")
    os.environ["GST_REGISTRY_1_0"] = os.path.join(build_dir, "plugins-cache.registry")
    Gst.init(None)
    text = json.dumps(build_cache(), indent=4, sort_keys=True) + "\n"
    if "--check" in sys.argv[3:]:
        with open(cache_file, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{cache_file} is out of date: run "
                      f"docs/plugins/plugins-cache.py {build_dir} {cache_file}",
                      file=sys.stderr)
                return 1
        return 0
    with open(cache_file, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
