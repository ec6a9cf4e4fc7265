#include "fake-devices.h"
