#pragma once

// The emulator's public API in one include: a guild snapshot and the server that serves it.
#include "emulator/Server.h"
#include "emulator/ServerOptions.h"
#include "emulator/Snapshot.h"
