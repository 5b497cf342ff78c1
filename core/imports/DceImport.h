#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

namespace gavel::store {
class Database;
}

//! Imports of other tools' data into a Gavel store (docs/imports.md).
namespace gavel::imports {

//! What an import wrote and what its source lacked.
struct ImportSummary
{
    quint64 guildId = 0;
    QString guildName;
    int files = 0;
    int channels = 0;
    qint64 users = 0;
    qint64 messages = 0;
    qint64 reactions = 0; //!< (reactor, message, emoji) rows written
    qint64 reactionsWithoutUsers =
        0; //!< reactions the source counted but did not name reactors for
    qint64 messagesWithUnnamedReactions = 0;
    QStringList missing;  //!< one sentence per thing the source does not have, for the UI and CLI
    QString text() const; //!< a one-paragraph summary for the CLI
};

/*!
 * Imports DiscordChatExporter JSON exports (one file per channel, as `DiscordChatExporter.Cli
 * export --format Json` writes them) into `db` through store::Repository, with
 * guilds.source = 'dce'. Messages, authors (with nickname and bot flag), mentions, replies and
 * the reactions' users (`reactions[].users`, written by recent versions) are imported; a
 * reaction without `users` has only a count and is recorded in the summary as missing. All files
 * must be of one guild. Importing the same file twice changes nothing.
 */
Result<ImportSummary> importDce(store::Database &db, const QStringList &files, qint64 importedAt);

} // namespace gavel::imports
