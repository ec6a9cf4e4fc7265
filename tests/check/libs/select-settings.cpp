#include "check-main.h"
GST_START_TEST (test_placeholder) { }
GST_END_TEST;
static Suite *select_settings_suite (void) { Suite *s = suite_create ("select-settings"); TCase *tc = tcase_create ("general"); suite_add_tcase (s, tc); tcase_add_test (tc, test_placeholder); return s; }
GST_MEDIASTREAM_CHECK_MAIN (select_settings);
