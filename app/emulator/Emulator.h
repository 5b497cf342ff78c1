#pragma once
// Placeholder until the emulator lands (issue 2 work in progress).
