/* placeholder until the implementation lands */
#include "gst-caps.h"
