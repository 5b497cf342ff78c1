#pragma once

#include "common/Result.h"

#include <QString>

#include <functional>

namespace gavel::cli {

//! Where the default demo guild's snapshot is cached (per Gavel version, since the generator
//! may change between versions), and the demo database beside it.
QString demoSnapshotPath();
QString demoDatabasePath();

/*!
 * The default demo guild's snapshot, generated on first use (a few seconds) and reused after.
 * progress gets 0-100 and may return false to cancel. Called from any thread.
 */
Result<QString> ensureDemoSnapshot(const std::function<bool(int percent)> &progress = {});

} // namespace gavel::cli
