#include "DemoGuild.h"
