#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/Repository.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace gavel::sync {

//! The process that runs a sync, recorded in its sync_runs row, so that a later run can tell a
//! run that was killed (its row stays 'running': nothing could record its end) from one that
//! is still going.
struct RunOwner
{
    qint64 pid = 0;
    QString host;
    qint64 processStart = 0; //!< the kernel's start time of the process (0 unknown): pids recycle

    static RunOwner current();
    static std::optional<RunOwner> fromJson(const QJsonObject &stats);
    void writeTo(QJsonObject &stats) const;
    //! Whether the process still runs; a run on another host counts as alive (no way to know).
    bool alive() const;
};

//! Marks the guild's runs left 'running' by processes that are gone as interrupted: status
//! 'failed' (the schema knows no other end) with `"interrupted": true`, `interrupted_at` (the
//! newest checkpoint that run wrote: its last progress), `noticed_at` and `resumed_by` in its
//! stats JSON. Returns how many were marked.
Result<int> markInterruptedRuns(store::Database &db, store::Repository &repo, quint64 guildId,
                                qint64 resumedBy, qint64 now);

//! What `gavel status` says about the guild's recent runs that did not end by themselves:
//! "sync started … was interrupted at …, resumed by the next sync (…)", or for a run still
//! marked running, whether its process is alive.
Result<QStringList> runNotes(store::Repository &repo, quint64 guildId);

} // namespace gavel::sync
