/* gst-mediastream
 * Copyright (C) 2026 gst-mediastream contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Every element of this project's plugins, alone, through every state
 * change up and down, twice: nothing may fail, hang or leak. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "check-main.h"

#include <algorithm>
#include <string>
#include <vector>

static std::vector<std::string>
projectElements ()
{
  std::vector<std::string> names;
  GList *features = gst_registry_get_feature_list (gst_registry_get (),
      GST_TYPE_ELEMENT_FACTORY);
  for (GList * l = features; l; l = l->next) {
    GstPluginFeature *feature = GST_PLUGIN_FEATURE (l->data);
    GstPlugin *plugin = gst_plugin_feature_get_plugin (feature);
    if (!plugin)
      continue;
    if (g_strcmp0 (gst_plugin_get_source (plugin), PACKAGE) == 0)
      names.emplace_back (GST_OBJECT_NAME (feature));
    gst_object_unref (plugin);
  }
  gst_plugin_feature_list_free (features);
  return names;
}

GST_START_TEST (test_project_plugins_are_found)
{
  auto names = projectElements ();
  for (const char *name : { "constraintfilter", "mediastreamtrackgate" })
    fail_unless (std::find (names.begin (), names.end (), name)
        != names.end (), "%s is missing", name);
}
GST_END_TEST;

/* What to take through the states: the element alone, or a source with an
 * always src pad (and no sink pad) linked to a fakesink in a pipeline.
 * Alone, a live source's first buffer fails as not linked, and a source
 * that is a bin (mediastreamfakesrc) reports that error as a failed state
 * change, whenever the source gets to push before the next change. */
static GstElement *
underTest (const std::string &name)
{
  GstElement *element = gst_element_factory_make (name.c_str (), nullptr);
  fail_unless (element != nullptr, "cannot make %s", name.c_str ());
  GstPad *src = gst_element_get_static_pad (element, "src");
  const bool source = src != nullptr && element->numsinkpads == 0;
  if (src)
    gst_object_unref (src);
  if (!source)
    return element;
  GstElement *pipeline = gst_pipeline_new (nullptr);
  GstElement *sink = gst_element_factory_make ("fakesink", nullptr);
  fail_unless (sink != nullptr);
  g_object_set (sink, "async", FALSE, nullptr);
  gst_bin_add_many (GST_BIN (pipeline), element, sink, nullptr);
  fail_unless (gst_element_link (element, sink), "cannot link %s",
      name.c_str ());
  return pipeline;
}

GST_START_TEST (test_state_changes_up_and_down)
{
  for (const std::string & name : projectElements ()) {
    for (int round = 0; round < 2; round++) {
      GstElement *element = underTest (name);
      for (GstState state : { GST_STATE_READY, GST_STATE_PAUSED,
              GST_STATE_PLAYING, GST_STATE_PAUSED, GST_STATE_READY,
              GST_STATE_NULL, GST_STATE_PAUSED, GST_STATE_NULL }) {
        const char *failed = nullptr;
        if (gst_element_set_state (element, state) ==
            GST_STATE_CHANGE_FAILURE)
          failed = "to";
        else if (gst_element_get_state (element, nullptr, nullptr,
                5 * GST_SECOND) == GST_STATE_CHANGE_FAILURE)
          failed = "in";
        /* Stopped before the failure ends the test: a streaming thread
         * left running would keep gst_deinit () from returning. */
        if (failed)
          gst_element_set_state (element, GST_STATE_NULL);
        fail_if (failed != nullptr, "%s %s %s", name.c_str (), failed,
            gst_element_state_get_name (state));
      }
      gst_object_unref (element);
    }
  }
}
GST_END_TEST;

static Suite *
states_suite (void)
{
  Suite *s = suite_create ("states");
  TCase *tc = tcase_create ("general");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_project_plugins_are_found);
  tcase_add_test (tc, test_state_changes_up_and_down);
  return s;
}

GST_MEDIASTREAM_CHECK_MAIN (states);
