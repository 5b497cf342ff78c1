#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/Records.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace gavel::store {

//! A row of sync_runs.
struct SyncRunRecord
{
    qint64 id = 0;
    quint64 guildId = 0;
    qint64 startedAt = 0;
    std::optional<qint64> finishedAt;
    QString status; //!< running, ok, failed, cancelled
    QString statsJson;
};

//! The write side of the store: what a sync (and later push and imports) records.
//!
//! Every function takes one page of rows and writes it with reused prepared statements and
//! multi-row upserts. When called inside Database::transaction() it joins that transaction (the
//! sync commits once per page); otherwise it runs in a transaction of its own. On error the
//! surrounding transaction must be rolled back (Database::transaction() does that). Times are
//! UTC ms given by the caller: `seenAt` is when the rows were observed, `at` when something
//! happened. Observing a row again keeps its first_seen_at and moves last_seen_at forward;
//! seeing a row that was marked deleted or removed clears the mark.
//!
//! Per-channel counts of live messages and reactions (table channel_stats) are kept in step by
//! every function here, so listGuilds() and channelStatus() never count rows.
class Repository
{
public:
    explicit Repository(Database &db);

    Database &database() { return m_db; }

    // Guild structure
    Result<void> upsertGuild(const GuildRecord &guild);
    Result<void> upsertUsers(const QList<UserRecord> &users, qint64 seenAt);
    //! `roles` is the guild's complete role list; stored roles missing from it get deleted_at.
    Result<void> replaceRoles(quint64 guildId, const QList<RoleRecord> &roles, qint64 seenAt);
    //! `emojis` is the guild's complete emoji list; stored ones missing from it get deleted_at.
    Result<void> replaceEmojis(quint64 guildId, const QList<EmojiRecord> &emojis, qint64 seenAt);
    Result<void> upsertChannels(quint64 guildId, const QList<ChannelRecord> &channels);
    Result<void> markChannelsDeleted(const QList<quint64> &channelIds, qint64 at);

    // Members
    //! Stores a page of members: new members get a 'join' history row, members who had left
    //! get 'rejoin' (a changed joined_at means they left and came back in between), and each
    //! member's role set is diffed against the stored one into member_roles and
    //! member_role_history (source 'sync', time unknown).
    Result<void> upsertMembers(quint64 guildId, const QList<MemberRecord> &members, qint64 seenAt);
    //! Marks members as gone: 'leave' history rows, and their roles removed (Discord drops the
    //! roles of members who leave).
    Result<void> markMembersLeft(quint64 guildId, const QList<quint64> &userIds, qint64 observedAt);
    //! After a complete member list: members not seen since `seenBefore` have left.
    //! Returns how many were marked.
    Result<int> sweepMembers(quint64 guildId, qint64 seenBefore, qint64 observedAt);
    //! Applies single role changes (e.g. after a push); only changes that alter the stored role
    //! set are written to member_role_history.
    Result<void> applyRoleChanges(quint64 guildId, const QList<RoleChange> &changes,
                                  qint64 observedAt, RoleSource source);

    // Messages and reactions
    //! The id of a reaction emoji, added to reaction_emojis on first use. Ids are cached; an id
    //! interned in a transaction that is rolled back is forgotten.
    Result<qint64> internEmoji(const ReactionEmoji &emoji);
    Result<void> upsertMessages(quint64 guildId, const QList<MessageRecord> &messages,
                                qint64 seenAt);
    //! Sets deleted_at on messages not yet marked (rows are never deleted).
    Result<void> markMessagesDeleted(const QList<quint64> &messageIds, qint64 at);
    //! After re-reading a channel's id range [fromId, toId]: messages there not seen since
    //! `seenBefore` were deleted. Returns how many were marked.
    Result<int> sweepMessages(quint64 channelId, quint64 fromId, quint64 toId, qint64 seenBefore,
                              qint64 at);
    Result<void> upsertReactions(const QList<ReactionRecord> &reactions, qint64 seenAt);
    Result<void> markReactionsRemoved(const QList<ReactionKey> &keys, qint64 at);
    //! After re-reading all reactions of these messages: reactions not seen since `seenBefore`
    //! were removed. Returns how many were marked.
    Result<int> sweepReactions(const QList<quint64> &messageIds, qint64 seenBefore, qint64 at);

    // Sync bookkeeping
    Result<std::optional<Checkpoint>> checkpoint(quint64 guildId, const QString &scope);
    Result<QList<Checkpoint>> checkpoints(quint64 guildId); //!< ordered by scope
    Result<void> setCheckpoint(quint64 guildId, const Checkpoint &checkpoint);
    Result<void> clearCheckpoints(quint64 guildId);
    //! Deletes the guild's checkpoints whose scope starts with `scopePrefix` (a channel's
    //! slice cursors once the channel is read to its end).
    Result<void> deleteCheckpoints(quint64 guildId, const QString &scopePrefix);
    //! `statsJson` may say who runs it (pid, host), so that a later run can tell a killed run
    //! from one still going.
    Result<qint64> startSyncRun(quint64 guildId, qint64 startedAt, const QString &statsJson = {});
    //! The guild's runs still marked running, oldest first.
    Result<QList<SyncRunRecord>> runningSyncRuns(quint64 guildId);
    //! The guild's newest runs, newest first.
    Result<QList<SyncRunRecord>> recentSyncRuns(quint64 guildId, int limit);
    //! Records the end of a run; an Ok run also sets the guild's first/last_synced_at.
    Result<void> finishSyncRun(qint64 runId, SyncStatus status, qint64 finishedAt,
                               const QString &statsJson);

    //! Recomputes channel_stats from the rows (repair; the write functions keep it current).
    Result<void> rebuildChannelStats();

private:
    template<typename Work>
    Result<void> write(Work &&work);
    Result<void> addChannelStats(const QHash<quint64, qint64> &messages,
                                 const QHash<quint64, qint64> &reactions);
    struct StoredMessage
    {
        quint64 channelId = 0;
        quint64 authorId = 0;
    };
    Result<QHash<quint64, StoredMessage>> storedMessages(const QList<quint64> &messageIds);
    template<typename Fn>
    Result<void> forEachChannel(const QHash<quint64, StoredMessage> &messages,
                                const QList<quint64> &messageIds, Fn &&fn);
    Result<QHash<quint64, qint64>>
    liveReactionsByChannel(const QHash<quint64, StoredMessage> &messages,
                           const QList<quint64> &messageIds);
    Result<void> checkReactionParents(const QList<ReactionRecord> &reactions);
    Result<void> removeAllRoles(quint64 guildId, quint64 userId, qint64 observedAt);
    void dropCachesAfterRollback();

    Database &m_db;
    quint64 m_rollbacksSeen = 0;
    // Caches of what exists; all are dropped when a transaction rolls back.
    QHash<QString, qint64> m_emojiIds;
    QSet<qint64> m_emojisKnown;
    QSet<quint64> m_usersKnown;
    // Users written by this repository with exactly these attributes and seenAt: writing them
    // again would change nothing, and authors and reactors repeat on every page of a sync.
    QHash<quint64, std::pair<UserRecord, qint64>> m_usersWritten;
};

} // namespace gavel::store
