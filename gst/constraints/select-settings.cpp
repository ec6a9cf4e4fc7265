/* placeholder until the implementation lands */
#include "select-settings.h"
