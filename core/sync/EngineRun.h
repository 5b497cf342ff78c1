#pragma once

#include "common/Result.h"
#include "discord/Client.h"
#include "store/Database.h"
#include "store/Records.h"
#include "store/Repository.h"
#include "sync/Engine.h"
#include "sync/Objects.h"
#include "sync/PageParser.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>
#include <optional>

namespace gavel::sync {

class ChannelTask;

//! A channel or thread as the run knows it: the record to store and what to read.
struct ChannelInfo
{
    store::ChannelRecord record;
    QList<Overwrite> overwrites;
    bool readable = true;
};

/*!
 * The state of one Engine::start(): owns the database connection and the client, walks the
 * phases (guild, channels, members and messages), and finishes once. Internal to core/sync.
 */
class EngineRun : public QObject
{
    Q_OBJECT

public:
    EngineRun(Engine *engine, const Options &options);
    ~EngineRun() override;

    void start();
    void cancel();

    // For ChannelTask.
    discord::Client &client() { return *m_client; }
    store::Database &db() { return *m_db; }
    store::Repository &repo() { return *m_repo; }
    const Options &options() const { return m_options; }
    Summary &summary() { return m_summary; }
    Progress &progress() { return m_progress; }
    bool stopping() const { return m_finished || m_cancelRequested; }
    //! A request failed in a way that ends the run (bad token, network gone, disk full...).
    void fail(const Error &error);
    //! Marks a channel unreadable in the store after Discord refused it mid-sync.
    void markUnreadable(quint64 channelId, const QString &why);
    void channelDone(ChannelTask *task);
    //! Splits the rest of a first read of `task`'s channel into slices read at once; `task`
    //! becomes the first. Returns false (and changes nothing) when the store write fails.
    bool splitChannel(ChannelTask *task, const QList<quint64> &bounds);
    //! A store write failed: the error as the user should read it (a full disk says so).
    Error storeError(const Error &error) const;
    qint64 nowMs() const;

private:
    void requestGuild();
    void requestBot();
    void requestChannels();
    void requestArchived(quint64 parentId, bool privateThreads, const QString &before);
    void structureReady();
    void startMembers(const QString &after, qint64 passStart);
    void requestMembers(const QString &after, qint64 passStart);
    void scheduleChannels();
    void maybeFinish();
    void finish(std::optional<Error> error);
    void emitProgress(bool force = false);
    bool replyFailed(const discord::Reply &reply, const QString &what);
    Result<void> touchSkipped();
    Result<void> collectMemberCounts();
    //! A sliced channel whose slices are all read: its checkpoint becomes `done`.
    Result<void> finishSliced(quint64 channelId);
    void startTask(ChannelTask *task);

    Engine *m_engine;
    Options m_options;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<store::Repository> m_repo;
    std::unique_ptr<discord::Client> m_client;
    QTimer m_progressTimer;
    QElapsedTimer m_elapsed;
    Summary m_summary;
    Progress m_progress;
    qint64 m_runId = -1;
    qint64 m_startedAt = 0;
    bool m_finished = false;
    bool m_cancelRequested = false;
    bool m_suspendedIndexes = false;

    // Structure
    int m_structurePending = 0;
    QJsonObject m_guild;
    quint64 m_botId = 0;
    QList<quint64> m_botRoles;
    Permissions m_permissions;
    QList<store::RoleRecord> m_roles;
    QHash<quint64, ChannelInfo> m_channels; // channels and threads
    QList<quint64> m_channelOrder;
    QHash<QString, store::Checkpoint> m_checkpoints;

    // Messages
    //! A channel read in slices: how many are still running, the newest id they stored.
    struct SlicedChannel
    {
        int running = 0;
        quint64 cursor = 0;
        bool abandoned = false;
    };
    QHash<quint64, SlicedChannel> m_sliced;
    std::deque<quint64> m_queue;
    QList<ChannelTask *> m_active;
    QList<quint64> m_skipped;
    bool m_membersDone = false;
    bool m_channelsStarted = false;

    // Rate of requests for progress: (elapsed ms, requests) samples.
    std::deque<std::pair<qint64, qint64>> m_rateSamples;
    qint64 m_lastProgressMs = -1000;
};

/*!
 * Reads one channel or thread page by page, oldest first (`after`), with the reactions of
 * each page, and writes each page with its checkpoint in one transaction.
 */
class ChannelTask : public QObject
{
    Q_OBJECT

public:
    ChannelTask(EngineRun *run, const ChannelInfo &channel, quint64 after, bool verify, bool fresh,
                quint64 checkpointCursor, const QString &pagingState);

    //! Makes this task read one slice: ids in (after, end], its checkpoint under `scope` with
    //! the state `paging:<end>`; `weight` is its share of the channel for the ETA.
    void setSlice(quint64 end, const QString &scope, double weight);
    bool sliced() const { return !m_sliceScope.isEmpty(); }
    bool abandoned() const { return m_abandoned; }
    //! The checkpoint's cursor: the newest message id stored by this task (or its start).
    quint64 cursor() const { return m_cursor; }
    double weight() const { return m_weight; }
    //! A first read of this channel also deletes slice checkpoints left by an earlier run.
    void setClearSlices(bool clear) { m_clearSlices = clear; }

    quint64 channelId() const { return m_channel.id; }
    void start(qint64 nowElapsedMs)
    {
        m_startedMs = nowElapsedMs;
        m_startAfter = m_after;
        m_lowId = m_after;
        fetchPage();
    }
    //! How far through the channel's ids the task has come (0..1), and since when it runs:
    //! the engine's ETA follows the slowest channel, which is what the tail of a sync waits for.
    double fraction() const;
    qint64 startedMs() const { return m_startedMs; }

private:
    struct ReactionList
    {
        int message = 0; //!< index into the page
        qint64 emoji = 0;
        bool burst = false;
        QString key;
        int expected = 0;
    };

    void fetchPage();
    void onPage(discord::Reply &&reply, const std::shared_ptr<MessagePage> &page);
    Result<void> planReactions();
    void fetchReactions(int list, quint64 after);
    void onReactions(int list, discord::Reply &&reply, const std::shared_ptr<UserPage> &users);
    void maybeWrite();
    Result<void> writePage();
    void abandon(const QString &why, bool unreadable);
    QString scope() const;
    //! After the first page of a long first read: the id bounds of slices to read at once.
    QList<quint64> sliceBounds() const;

    EngineRun *m_run;
    store::ChannelRecord m_channel;
    quint64 m_after;
    bool m_verify;
    bool m_fresh;
    quint64 m_cursor; //!< the checkpoint's cursor: newest message stored
    QString m_pagingState;
    quint64 m_startAfter = 0;
    quint64 m_lowId = 0; //!< where the channel's ids start for fraction(): the first id read
    qint64 m_startedMs = 0;
    quint64 m_end;        //!< the slice's last id (maxId: the channel's end)
    QString m_sliceScope; //!< empty when the task reads the whole rest of the channel
    double m_weight = 1.0;
    bool m_clearSlices = false;
    bool m_abandoned = false;
    bool m_reachedEnd = false; //!< the page went past m_end: the slice is complete
    int m_pagesRead = 0;

    // The page in flight
    MessagePage m_page;
    QList<ReactionList> m_lists;
    QList<store::ReactionRecord> m_reactions;
    QList<store::UserRecord> m_reactors;
    QSet<quint64> m_sweepReactions;        //!< message ids whose reactions were re-read in full
    QHash<quint64, qint64> m_storedEdited; // verify: stored messages of the page's range
    QSet<quint64> m_storedIds;
    qint64 m_storedLiveReactions = 0;
    int m_pendingLists = 0;
    bool m_pageDone = false;
    bool m_finished = false; //!< done or abandoned: late callbacks of the page are ignored
};

} // namespace gavel::sync
