/* placeholder until the implementation lands */
#include "json.h"
