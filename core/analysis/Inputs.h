#pragma once

#include "common/Result.h"

#include <QString>

#include <optional>

namespace gavel::store {
class Database;
}

//! What the analysis commands share: which guild to analyse, and times from the command line.
namespace gavel::analysis {

//! The guild to analyse: `requested` when given (it must be in the database), else the only
//! guild the database holds. Errors say how to choose when there are none or several.
Result<quint64> chooseGuild(store::Database &db, std::optional<quint64> requested);

//! An ISO 8601 date or date-time ("2026-01-31", "2026-01-31T12:00:00Z", with an offset or
//! milliseconds); UTC when no zone is given. UTC ms.
Result<qint64> parseTime(const QString &text);

} // namespace gavel::analysis

#include "history/History.h"
#include "store/Database.h"

#include <memory>

namespace gavel::analysis {

//! A database opened read-only and one guild's history loaded from it.
struct LoadedGuild
{
    std::unique_ptr<store::Database> db;
    history::History history;
};

//! Opens `dbText` (a SQLite path or postgresql:// URL) read-only, chooses the guild (see
//! chooseGuild()) and loads its history.
Result<LoadedGuild> loadGuild(const QString &dbText, std::optional<quint64> guild,
                              const history::LoadOptions &options = {});

} // namespace gavel::analysis

class QCommandLineParser;

namespace gavel::analysis {

//! The options every analysis command takes besides --db: --guild, --since and --until.
struct WindowArgs
{
    std::optional<quint64> guild;
    qint64 since = history::NoTime;
    qint64 until = history::NoTime;
};

//! Reads --guild ID, --since T and --until T from a parser that declared them; an Error is a
//! usage error naming the option.
Result<WindowArgs> readWindowArgs(const QCommandLineParser &parser);

//! Writes `text` as UTF-8 to `path` atomically (nothing is left on failure).
Result<void> writeTextFile(const QString &path, const QString &text);
//! Writes `bytes` to `path` atomically (nothing is left on failure).
Result<void> writeFile(const QString &path, const QByteArray &bytes);

} // namespace gavel::analysis
