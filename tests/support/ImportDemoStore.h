#pragma once

#include "common/Result.h"

#include <QString>

namespace gavel::test {

//! Generates a small deterministic demo guild (planted rings and alt families) and stores it as a
//! complete sync would, in `dir`/demo.db: the input of the evidence, report and import tests.
//! Returns the database path.
Result<QString> makeDemoStore(const QString &dir, int members = 400, int messages = 12000,
                              quint64 seed = 5);

} // namespace gavel::test
