#pragma once

#include "common/Result.h"
#include "store/Database.h"

#include <QByteArray>

class QIODevice;

//! A canonical text form of everything stored about one guild, for comparing two databases
//! byte for byte (two syncs of the same guild, or SQLite against PostgreSQL).
//!
//! Format: UTF-8 lines. First "gavel-canonical-dump 1", then "guild <id>", then per table a
//! header "## <table>" followed by the column names, and its rows; fields are separated by a
//! tab, NULL is \N, and text escapes backslash, tab, newline and carriage return as \\ \t \n \r.
//! Rows are ordered by their key (ids numerically, text keys by UTF-8 bytes), never by
//! insertion order.
//!
//! Left out, because they record when Gavel looked rather than what Discord holds:
//! first_seen_at, last_seen_at, observed_at, updated_at, guilds.first_synced_at and
//! last_synced_at, members.left_at; deleted_at (roles, emojis, channels, messages) and
//! reactions.removed_at are reduced to a 0/1 "deleted"/"removed" column. Also left out:
//! surrogate ids (member_history.id, member_role_history.id, reaction_emojis.id; reactions name
//! their emoji by key, history rows get "seq", their order per member (and role)), the
//! sync_runs table (times and statistics of runs), channel_stats (derived counts) and meta.
//! Users are those the guild refers to (members, authors, reactors, mentioned, history).
namespace gavel::store {

Result<void> writeCanonicalDump(Database &db, quint64 guildId, QIODevice &out);
Result<QByteArray> canonicalDump(Database &db, quint64 guildId);

} // namespace gavel::store
