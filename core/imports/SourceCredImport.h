#pragma once

#include "common/Result.h"
#include "imports/DceImport.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace gavel::store {
class Database;
}

namespace gavel::imports {

/*!
 * Imports a SourceCred instance's Discord data into `db` through store::Repository, with
 * guilds.source = 'sourcecred' (docs/imports.md). `files` may hold, in any order:
 *
 * - the Discord plugin's graph, `output/graphs/<instance>/discord/graph.json`, plain or gzip
 *   compressed: SourceCred's weighted graph (or bare graph) JSON, whose member, message and
 *   reaction nodes and AUTHORS / ADDS_REACTION / REACTS_TO / MENTIONS edges give reactor →
 *   message → author;
 * - the plugin's SQLite mirror `discordMirror-<guild>.db`: members (with nicknames and, in later
 *   versions, current roles), channels, messages with their full text, every reaction and
 *   mention.
 *
 * The guild id comes from `guildId` when given, else from the mirror (its meta row or file
 * name) or the message links in the graph's descriptions; all must agree. Everything is parsed
 * before anything is written, and written in one transaction: a malformed file leaves the
 * store untouched. What the source lacks is listed in ImportSummary::missing and recorded for
 * dataSource(). Importing the same files again changes nothing.
 */
Result<ImportSummary> importSourceCred(store::Database &db, const QStringList &files,
                                       qint64 importedAt,
                                       std::optional<quint64> guildId = std::nullopt);

//! Decompresses gzip data; an Error when it is not gzip or inflates beyond `maxBytes`.
Result<QByteArray> gunzip(const QByteArray &data, qint64 maxBytes);

} // namespace gavel::imports
