#pragma once

#include "common/Result.h"
#include "emulator/Snapshot.h"
#include "store/Database.h"

#include <QString>

#include <optional>

namespace gavel::test {

/*!
 * Writes a whole guild snapshot into a store through store::Repository exactly as a complete
 * first sync by the snapshot's bot would leave it (docs/sync.md, "What a complete sync
 * stores"): the reference the sync's equality tests compare canonical dumps against, and a
 * quick way to build test databases.
 *
 * It reads the snapshot directly (its own JSON parsing of messages and reactions; permissions
 * from the emulator's implementation), not over HTTP: what the bot may read follows Discord's
 * rules — channels without View Channel and Read Message History are stored unreadable and
 * without messages, threads of channels the bot cannot see are not listed, archived private
 * threads need Manage Threads. Checkpoints are those a finished sync leaves.
 *
 * `botUserId` defaults to the snapshot's bot (Snapshot::findBotUser()).
 */
Result<void> loadSnapshotIntoStore(const emulator::Snapshot &snapshot, store::Database &db,
                                   qint64 seenAt, std::optional<quint64> botUserId = {});
//! The same from a snapshot file (.json or .json.gz).
Result<void> loadSnapshotIntoStore(const QString &snapshotPath, store::Database &db, qint64 seenAt,
                                   std::optional<quint64> botUserId = {});

} // namespace gavel::test
