#pragma once

#include "common/Result.h"
#include "store/Location.h"
#include "sync/Engine.h"

#include <QString>
#include <QUrl>

#include <functional>

namespace gavel::test {

//! Runs one sync::Engine to its end in the calling thread (a local event loop), for tests.
struct SyncRun
{
    Result<sync::Summary> result = Error{QStringLiteral("the sync did not finish"), {}};
    int progressSignals = 0;
    int finishedSignals = 0;
    sync::Progress lastProgress;
};

/*!
 * Syncs `options.guildId` from `apiBase` into `location` with `token` (the test emulator's)
 * and waits up to `timeoutMs`. `onProgress` sees every progress signal with the engine, so a
 * test can cancel at a chosen point.
 */
SyncRun runSync(const store::Location &location, const QUrl &apiBase, const QString &token,
                sync::Options options, int timeoutMs = 60000,
                const std::function<void(sync::Engine &, const sync::Progress &)> &onProgress = {});

//! Engine options for tests against an emulator without limits: no client-side global limit.
sync::Options fastSyncOptions(quint64 guildId);

} // namespace gavel::test
