#pragma once

#include <QString>

namespace gavel::test {

//! Root of the source tree (GAVEL_SOURCE_DIR, set by CTest), for fixtures beside the tests.
QString sourceDir();

//! Path of the built `gavel` executable (GAVEL_BINARY, set by CTest) for tests that run the CLI.
QString gavelBinary();

//! Path of ../shared next to the source tree (the docs and openapi.json).
QString sharedDir();

} // namespace gavel::test
