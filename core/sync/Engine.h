#pragma once

#include "common/Result.h"
#include "discord/Token.h"
#include "store/Location.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <memory>

namespace gavel::sync {

//! What one sync run reads and how hard it pushes.
struct Options
{
    quint64 guildId = 0;
    bool full = false;           //!< --full: re-read everything (ignore the checkpoints' `after`)
    int rescanDays = 14;         //!< incremental re-scan window (edits, deletions, reactions) ...
    int rescanMessages = 1000;   //!< ... and at least the newest N messages per channel
    int channelConcurrency = 16; //!< channels paged at once: 5/s buckets need ≥ 10 for 50/s
    //! At most this many slices of one long channel read at once on its first read: paging is
    //! a chain of round trips (each `after` is the last id of the page before), so without
    //! limits one long channel would otherwise be the whole run's tail. 1 = never split.
    int channelSlices = 8;
    int connections = 8;      //!< HTTP connections of the client
    int globalPerSecond = 50; //!< the client's global budget (Discord's); 0 = none
};

//! Where a running sync stands; emitted at most about five times per second.
struct Progress
{
    QString phase; //!< "guild", "channels", "members", "messages", "done"
    int channelsTotal = 0, channelsDone = 0;
    qint64 messages = 0, reactions = 0, members = 0;
    qint64 requests = 0, rateLimited = 0; //!< rateLimited: 429s seen
    double requestsPerSecond = 0;
    qint64 etaMs = -1; //!< -1 unknown
};

//! What a finished sync run did (also stored as the run's stats JSON).
struct Summary
{
    qint64 messagesNew = 0, messagesEdited = 0, messagesDeleted = 0;
    qint64 reactionsAdded = 0, reactionsRemoved = 0;
    qint64 membersJoined = 0, membersLeft = 0, roleChanges = 0;
    int channelsSynced = 0, channelsSkipped = 0, channelsUnreadable = 0;
    qint64 requests = 0, rateLimited = 0;
    qint64 elapsedMs = 0;
    bool full = false;              //!< a --full sync (everything re-read and verified)
    bool cancelled = false;         //!< cancel() stopped it; the next run resumes
    QStringList unreadableChannels; //!< "name (id)" of channels that refused reading

    //! The stats JSON written to sync_runs.stats_json.
    QString toJson() const;
    //! The one-line summary `gavel sync` prints on stdout.
    QString line() const;
};

class EngineRun;

/*!
 * Runs one sync of one guild. Lives on one thread (the one that calls start(); it needs an
 * event loop); it opens its own store::Database on `location` there and creates its own
 * discord::Client. finished() is emitted exactly once, also after cancel().
 */
class Engine : public QObject
{
    Q_OBJECT

public:
    Engine(store::Location location, QUrl apiBase, std::shared_ptr<discord::TokenSource> token,
           Options options, QObject *parent = nullptr);
    ~Engine() override;

    //! Starts the run; returns at once. Call once.
    void start();
    //! Stops after the page in flight; thread-safe (also via QMetaObject::invokeMethod).
    Q_INVOKABLE void cancel();

Q_SIGNALS:
    void progress(const gavel::sync::Progress &progress);
    void finished(const gavel::Result<gavel::sync::Summary> &result); // exactly once

private:
    friend class EngineRun;
    store::Location m_location;
    QUrl m_apiBase;
    std::shared_ptr<discord::TokenSource> m_token;
    Options m_options;
    std::atomic_bool m_cancelRequested{false};
    std::unique_ptr<EngineRun> m_run;
};

} // namespace gavel::sync

Q_DECLARE_METATYPE(gavel::sync::Progress)
Q_DECLARE_METATYPE(gavel::sync::Summary)
Q_DECLARE_METATYPE(gavel::Result<gavel::sync::Summary>)
