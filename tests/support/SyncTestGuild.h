#pragma once

#include "SnapshotBuilder.h"

#include <QString>

namespace gavel::test {

//! The ids of the interesting parts of syncTestGuild().
struct SyncTestGuildIds
{
    quint64 general = 0, busy = 0, hidden = 0, noHistory = 0, forum = 0, category = 0;
    quint64 activeThread = 0, archivedThread = 0, privateActive = 0, privateArchived = 0;
    quint64 forumPost = 0;
    quint64 alice = 0, bob = 0, carol = 0, former = 0;
    quint64 member = 0, trusted = 0;
    quint64 popular = 0;  //!< a message in `busy` with 150 👍 users (two reaction pages)
    QString customEmoji;  //!< key of the guild's custom emoji
    QList<quint64> crowd; //!< 160 extra members
};

/*!
 * A small guild with every case the sync must handle: SnapshotBuilder::typical() plus a
 * channel of 250 messages (three pages) with a 150-user reaction, normal and super reactions
 * with unicode and custom emoji, a reactor who left the guild, a channel hidden from the bot,
 * one the bot sees without Read Message History, a forum with a post, active and archived
 * public threads, and active and archived private threads (the bot lacks Manage Threads, so the
 * archived private one is out of reach).
 */
SnapshotBuilder syncTestGuild(SyncTestGuildIds *ids = nullptr);

} // namespace gavel::test
