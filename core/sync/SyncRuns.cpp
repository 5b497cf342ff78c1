#include "sync/SyncRuns.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QSysInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

using namespace Qt::StringLiterals;

namespace gavel::sync {

namespace {

//! Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); 0 where there is none.
qint64 processStartOf(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return 0;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    // fields[0] is field 3 (state), so field 22 is fields[19].
    return fields.size() > 19 ? fields[19].toLongLong() : 0;
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QJsonObject statsOf(const store::SyncRunRecord &run)
{
    return QJsonDocument::fromJson(run.statsJson.toUtf8()).object();
}

} // namespace

RunOwner RunOwner::current()
{
    RunOwner owner;
    owner.pid = QCoreApplication::applicationPid();
    owner.host = QSysInfo::machineHostName();
    owner.processStart = processStartOf(owner.pid);
    return owner;
}

std::optional<RunOwner> RunOwner::fromJson(const QJsonObject &stats)
{
    if (!stats.contains("pid"_L1))
        return std::nullopt;
    RunOwner owner;
    owner.pid = stats.value("pid"_L1).toInteger();
    owner.host = stats.value("host"_L1).toString();
    owner.processStart = stats.value("process_start"_L1).toInteger();
    return owner;
}

void RunOwner::writeTo(QJsonObject &stats) const
{
    stats.insert("pid"_L1, pid);
    stats.insert("host"_L1, host);
    stats.insert("process_start"_L1, processStart);
}

bool RunOwner::alive() const
{
    if (host != QSysInfo::machineHostName())
        return true;
    if (pid <= 0)
        return false;
#ifdef Q_OS_UNIX
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return false;
#endif
    // The pid exists, but it may be another process that got the number since.
    const qint64 start = processStartOf(pid);
    return processStart == 0 || start == 0 || start == processStart;
}

Result<int> markInterruptedRuns(store::Database &db, store::Repository &repo, quint64 guildId,
                                qint64 resumedBy, qint64 now)
{
    auto running = repo.runningSyncRuns(guildId);
    if (!running)
        return running.error();
    int marked = 0;
    for (const store::SyncRunRecord &run : std::as_const(*running)) {
        if (run.id == resumedBy)
            continue;
        QJsonObject stats = statsOf(run);
        const std::optional<RunOwner> owner = RunOwner::fromJson(stats);
        // Rows from before owners were recorded have none: only a dead process leaves them.
        if (owner && owner->alive())
            continue;
        // Its last sign of life: the newest checkpoint written between its start and ours.
        auto last = db.scalar(u"SELECT MAX(updated_at) FROM sync_checkpoints WHERE guild_id = ? "
                              u"AND updated_at >= ? AND updated_at <= ?"_s,
                              {qint64(guildId), run.startedAt, now});
        if (!last)
            return last.error();
        const qint64 at = last->isNull() ? run.startedAt : last->toLongLong();
        stats.insert("interrupted"_L1, true);
        stats.insert("interrupted_at"_L1, at);
        stats.insert("noticed_at"_L1, now);
        stats.insert("resumed_by"_L1, resumedBy);
        const QString json = QString::fromUtf8(QJsonDocument(stats).toJson(QJsonDocument::Compact));
        if (auto r = repo.finishSyncRun(run.id, store::SyncStatus::Failed, at, json); !r)
            return r.error();
        ++marked;
    }
    return marked;
}

Result<QStringList> runNotes(store::Repository &repo, quint64 guildId)
{
    auto runs = repo.recentSyncRuns(guildId, 5);
    if (!runs)
        return runs.error();
    QStringList notes;
    // Oldest first, so the notes read in the order things happened.
    for (auto it = runs->crbegin(); it != runs->crend(); ++it) {
        const store::SyncRunRecord &run = *it;
        const QJsonObject stats = statsOf(run);
        const std::optional<RunOwner> owner = RunOwner::fromJson(stats);
        if (run.status == u"running") {
            if (owner && owner->alive()) {
                notes.append(u"sync started %1 is running (pid %2 on %3)"_s.arg(
                    iso(run.startedAt), QString::number(owner->pid), owner->host));
            } else {
                notes.append(u"sync started %1 was interrupted (its process is gone); run "
                             u"`gavel sync` to resume it"_s.arg(iso(run.startedAt)));
            }
        } else if (stats.value("interrupted"_L1).toBool()) {
            notes.append(u"sync started %1 was interrupted at %2, resumed by the next sync "
                         u"(started %3, noticed then)"_s.arg(
                             iso(run.startedAt), iso(stats.value("interrupted_at"_L1).toInteger()),
                             iso(stats.value("noticed_at"_L1).toInteger())));
        }
    }
    return notes;
}

} // namespace gavel::sync
