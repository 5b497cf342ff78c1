#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace gavel::store {
class Database;
class Repository;
} // namespace gavel::store

namespace gavel::imports {

//! Where a guild's data came from and what that source cannot have: for `gavel status`, the GUI
//! and reports, so nobody reads an imported history as if it were a full sync.
struct DataSource
{
    QString source;                   //!< guilds.source: 'discord', 'dce' or 'sourcecred'
    QString label;                    //!< the source in words ("SourceCred Discord plugin data")
    bool imported = false;            //!< false for a guild synced from Discord's API
    std::optional<qint64> importedAt; //!< the last import, if recorded
    QStringList files;                //!< the files of the last import, if recorded
    //! One readable sentence per kind of data the source lacks (empty for a sync).
    QStringList missing;
    //! "Imported from X on DATE" plus every missing sentence, one per line.
    QString text() const;
};

//! The source of `guildId`'s data and its known gaps. For imports, the gaps recorded by the last
//! import (recordImport()) when present, otherwise the gaps every import of that source has.
Result<DataSource> dataSource(store::Database &db, quint64 guildId);

//! The gaps every import from `source` has, whatever the files held.
QStringList knownGaps(const QString &source);

//! Records what an import wrote and lacked (checkpoint scope "import:<source>"), so that
//! dataSource() can say it later. Call inside the import's transaction.
Result<void> recordImport(store::Repository &repo, quint64 guildId, const QString &source,
                          const QStringList &files, const QStringList &missing, qint64 importedAt);

} // namespace gavel::imports
