#pragma once

#include "common/Result.h"
#include "history/History.h"
#include "policy/Evaluator.h"
#include "policy/Policy.h"

#include <QString>

#include <memory>
#include <optional>

namespace gavel::store {
class Database;
}

namespace gavel::policy {

//! One guild's history loaded read-only from a database, for the policy commands.
struct LoadedHistory
{
    std::unique_ptr<history::History> history; //!< stable address: Evaluators refer to it
    //! The deactivations the moderation workflow recorded for the guild: pass them to
    //! compile() / Evaluator::setRecordedDeactivations() so every policy honours them.
    std::vector<RecordedDeactivation> deactivations;
    qint64 loadMs = 0;
};

/*!
 * Opens `dbText` (SQLite path or postgresql:// URL) read-only, chooses the guild (`guild` when
 * given, else the only guild of the database; an error lists them when there are several) and
 * loads its history with what `policies` need (message text for karma and R5).
 */
Result<LoadedHistory> loadHistory(const QString &dbText, std::optional<quint64> guild,
                                  const QList<const Policy *> &policies);

//! The guild's deactivations recorded by the moderation workflow (moderation/Deactivations.h).
Result<std::vector<RecordedDeactivation>> recordedDeactivations(store::Database &db,
                                                                quint64 guildId);

//! compile() against a database: the policy together with the guild's recorded deactivations.
Result<CompiledPolicy> compile(const Policy &policy, const history::History &history,
                               store::Database &db, quint64 guildId);

//! The history a policy needs: message text for karma (R3) and conversation (R5).
history::LoadOptions loadOptionsFor(const Policy &policy);

//! An ISO 8601 date or date-time, UTC when no zone is given. UTC ms.
Result<qint64> parseTime(const QString &text, const QString &option);

//! ISO 8601 UTC with milliseconds ("2026-11-01T00:00:00.000Z").
QString isoTime(qint64 ms);

} // namespace gavel::policy
