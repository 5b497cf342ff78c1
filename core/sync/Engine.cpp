#include "sync/Engine.h"

#include "common/Snowflake.h"
#include "sync/EngineRun.h"
#include "sync/SyncRuns.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QSqlQuery>
#include <QStorageInfo>

#include <limits>

using namespace Qt::StringLiterals;

namespace gavel::sync {

namespace {

constexpr int messagePageSize = 100;
constexpr int reactionPageSize = 100;
constexpr int memberPageSize = 1000;
constexpr qint64 dayMs = 24 * 3600 * 1000;
//! A slice is worth its extra request (the page that crosses into the next slice) only when it
//! has many pages of its own.
constexpr int minPagesPerSlice = 8;
constexpr quint64 maxId = quint64(std::numeric_limits<qint64>::max());

QString idText(quint64 id)
{
    return snowflake::toString(id);
}

QString channelLabel(const store::ChannelRecord &c)
{
    return u"#%1 (%2)"_s.arg(c.name, idText(c.id));
}

QString channelScope(quint64 channelId)
{
    return u"channel:%1:messages"_s.arg(idText(channelId));
}

//! Checkpoints of a channel read in slices: `channel:<id>:slice:<n>`, cursor the newest id the
//! slice stored (or its start), state `paging:<last id of the slice>` or `done`.
QString slicePrefix(quint64 channelId)
{
    return u"channel:%1:slice:"_s.arg(idText(channelId));
}

} // namespace

// ---------------------------------------------------------------------------------------
// Summary

QString Summary::toJson() const
{
    QJsonObject o{
        {u"full"_s, full},
        {u"cancelled"_s, cancelled},
        {u"messages_new"_s, messagesNew},
        {u"messages_edited"_s, messagesEdited},
        {u"messages_deleted"_s, messagesDeleted},
        {u"reactions_added"_s, reactionsAdded},
        {u"reactions_removed"_s, reactionsRemoved},
        {u"members_joined"_s, membersJoined},
        {u"members_left"_s, membersLeft},
        {u"role_changes"_s, roleChanges},
        {u"channels_synced"_s, channelsSynced},
        {u"channels_skipped"_s, channelsSkipped},
        {u"channels_unreadable"_s, channelsUnreadable},
        {u"requests"_s, requests},
        {u"rate_limited"_s, rateLimited},
        {u"elapsed_ms"_s, elapsedMs},
        {u"unreadable"_s, QJsonArray::fromStringList(unreadableChannels)},
    };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString Summary::line() const
{
    QString s = cancelled ? u"sync cancelled (run again to resume): "_s : u"synced: "_s;
    s += u"%1 new messages, %2 edited, %3 deleted; %4 reactions added, %5 removed; "
         u"%6 members joined, %7 left, %8 role changes; "
         u"channels %9 synced, %10 unchanged, %11 unreadable; "
         u"%12 requests, %13 rate-limited, %14 s"_s.arg(messagesNew)
             .arg(messagesEdited)
             .arg(messagesDeleted)
             .arg(reactionsAdded)
             .arg(reactionsRemoved)
             .arg(membersJoined)
             .arg(membersLeft)
             .arg(roleChanges)
             .arg(channelsSynced)
             .arg(channelsSkipped)
             .arg(channelsUnreadable)
             .arg(requests)
             .arg(rateLimited)
             .arg(double(elapsedMs) / 1000.0, 0, 'f', 1);
    return s;
}

// ---------------------------------------------------------------------------------------
// Engine

Engine::Engine(store::Location location, QUrl apiBase, std::shared_ptr<discord::TokenSource> token,
               Options options, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_apiBase(std::move(apiBase))
    , m_token(std::move(token))
    , m_options(std::move(options))
{
    qRegisterMetaType<gavel::sync::Progress>();
    qRegisterMetaType<gavel::sync::Summary>();
    qRegisterMetaType<gavel::Result<gavel::sync::Summary>>();
}

Engine::~Engine() = default;

void Engine::start()
{
    if (m_run)
        return;
    m_run = std::make_unique<EngineRun>(this, m_options);
    if (m_cancelRequested)
        m_run->cancel();
    m_run->start();
}

void Engine::cancel()
{
    m_cancelRequested = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_run)
                m_run->cancel();
        },
        Qt::QueuedConnection);
}

// ---------------------------------------------------------------------------------------
// EngineRun

EngineRun::EngineRun(Engine *engine, const Options &options)
    : m_engine(engine)
    , m_options(options)
{
    m_summary.full = options.full;
    m_progressTimer.setInterval(200);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { emitProgress(); });
}

EngineRun::~EngineRun()
{
    qDeleteAll(m_active);
    m_active.clear();
    m_client.reset();
    m_repo.reset();
    m_db.reset();
}

qint64 EngineRun::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

void EngineRun::start()
{
    m_elapsed.start();
    m_startedAt = nowMs();
    m_progress.phase = u"guild"_s;
    if (m_cancelRequested)
        return finish(std::nullopt);
    if (m_options.guildId == 0)
        return finish(Error{u"No guild to sync"_s, u"Pass --guild with the server's id"_s});

    const Result<discord::Token> token =
        m_engine->m_token ? m_engine->m_token->token()
                          : Result<discord::Token>(Error{u"No bot token source was given"_s, {}});
    if (!token)
        return finish(token.error());

    auto db = store::Database::open(m_engine->m_location);
    if (!db)
        return finish(db.error());
    m_db = std::move(*db);
    m_repo = std::make_unique<store::Repository>(*m_db);

    discord::ClientOptions clientOptions;
    clientOptions.apiBase = m_engine->m_apiBase;
    clientOptions.connections = std::max(1, m_options.connections);
    clientOptions.globalPerSecond = std::max(0, m_options.globalPerSecond);
    if (const auto valid = discord::Client::validate(clientOptions, *token); !valid)
        return finish(valid.error());
    m_client = std::make_unique<discord::Client>(clientOptions, *token);
    connect(m_client.get(), &discord::Client::stopped, this,
            [this](const gavel::Error &error) { fail(error); });

    QJsonObject owner;
    RunOwner::current().writeTo(owner);
    auto run = m_repo->startSyncRun(
        m_options.guildId, m_startedAt,
        QString::fromUtf8(QJsonDocument(owner).toJson(QJsonDocument::Compact)));
    if (!run)
        return finish(run.error());
    m_runId = *run;
    // Runs killed before they could record their end: this run resumes their work.
    if (auto r = markInterruptedRuns(*m_db, *m_repo, m_options.guildId, m_runId, m_startedAt); !r)
        return finish(r.error());

    auto checkpoints = m_repo->checkpoints(m_options.guildId);
    if (!checkpoints)
        return finish(checkpoints.error());
    for (const store::Checkpoint &c : *checkpoints)
        m_checkpoints.insert(c.scope, c);

    // A first or full sync writes most rows of the guild: the lookup indexes are rebuilt once
    // at the end instead of being updated by every page (docs/store.md). A run that died
    // during such a load left them suspended; this run finishes the job.
    auto suspended = m_db->lookupIndexesSuspended();
    if (!suspended)
        return finish(suspended.error());
    if (m_checkpoints.isEmpty() || m_options.full || *suspended) {
        if (!*suspended) {
            if (auto r = m_db->suspendLookupIndexes(); !r)
                return finish(r.error());
        }
        m_suspendedIndexes = true;
    }

    m_progressTimer.start();
    emitProgress(true);
    m_structurePending = 2;
    requestGuild();
    requestBot();
}

void EngineRun::cancel()
{
    if (m_finished)
        return;
    m_cancelRequested = true;
    if (m_client)
        finish(std::nullopt);
}

void EngineRun::fail(const Error &error)
{
    finish(error);
}

Error EngineRun::storeError(const Error &error) const
{
    // SQLite's SQLITE_FULL does not reach here as such (the store words it), and a write can
    // fail in other ways when the disk has filled up (a rebuild, the WAL): what the user needs
    // to know is that the disk is full, so it is asked directly.
    const store::Location &location = m_engine->m_location;
    if (location.backend() != store::Backend::Sqlite)
        return error;
    const QStorageInfo storage(QFileInfo(location.path()).absolutePath());
    constexpr qint64 fullBelow = 1024 * 1024; // less than SQLite needs to finish a page
    if (!storage.isValid() || storage.bytesAvailable() >= fullBelow)
        return error;
    return Error{u"The disk holding %1 is full: free space and run `gavel sync` again; nothing "
                 u"already stored was lost"_s.arg(location.path()),
                 {}};
}

bool EngineRun::replyFailed(const discord::Reply &reply, const QString &what)
{
    if (m_finished)
        return true;
    if (reply.ok())
        return false;
    if (reply.error == discord::ErrorKind::Cancelled)
        return true;
    Error e = reply.toError();
    if (!what.isEmpty())
        e.message = what + u": "_s + e.message;
    fail(e);
    return true;
}

void EngineRun::requestGuild()
{
    m_client->get("/guilds/{}", {m_options.guildId}).execute(this, [this](discord::Reply &&reply) {
        if (m_finished)
            return;
        if (reply.error == discord::ErrorKind::NotFound ||
            reply.error == discord::ErrorKind::Forbidden) {
            return fail(Error{
                u"Guild %1 was not found: it does not exist, or the bot is not a member of it "
                u"(Discord: %2)"_s.arg(idText(m_options.guildId), reply.errorMessage),
                u"Check --guild (with Developer Mode on, right-click the server and Copy "
                u"Server ID) and that the bot was invited to that server"_s});
        }
        if (replyFailed(reply, u"Reading the guild failed"_s))
            return;
        auto guild = parseObject(reply.body, u"a guild"_s);
        if (!guild)
            return fail(guild.error());
        m_guild = *guild;
        for (const QJsonValue &r : m_guild.value("roles"_L1).toArray())
            m_roles.append(roleRecord(r.toObject()));
        if (--m_structurePending == 0)
            requestChannels();
    });
}

void EngineRun::requestBot()
{
    m_client->get("/users/@me").execute(this, [this](discord::Reply &&reply) {
        if (replyFailed(reply, u"Reading the bot's own user failed"_s))
            return;
        auto me = parseObject(reply.body, u"the bot's user"_s);
        if (!me)
            return fail(me.error());
        m_botId = idOf(me->value("id"_L1)).value_or(0);
        m_client->get("/guilds/{}/members/{}", {m_options.guildId, m_botId})
            .execute(this, [this](discord::Reply &&reply) {
                if (m_finished)
                    return;
                if (reply.error == discord::ErrorKind::NotFound ||
                    reply.error == discord::ErrorKind::Forbidden) {
                    return fail(Error{
                        u"Guild %1 was not found: it does not exist, or the bot is not a member "
                        u"of it (Discord: %2)"_s.arg(idText(m_options.guildId), reply.errorMessage),
                        u"Check --guild and that the bot was invited to that server"_s});
                }
                if (replyFailed(reply, u"Reading the bot's membership failed"_s))
                    return;
                auto member = parseObject(reply.body, u"the bot's member"_s);
                if (!member)
                    return fail(member.error());
                m_botRoles = memberRecord(*member).roleIds;
                if (--m_structurePending == 0)
                    requestChannels();
            });
    });
}

void EngineRun::requestChannels()
{
    m_progress.phase = u"channels"_s;
    emitProgress(true);
    m_permissions = Permissions(m_options.guildId, idOf(m_guild.value("owner_id"_L1)).value_or(0),
                                m_botId, m_botRoles, m_roles);
    m_structurePending = 2;
    m_client->get("/guilds/{}/channels", {m_options.guildId})
        .execute(this, [this](discord::Reply &&reply) {
            if (replyFailed(reply, u"Reading the channel list failed"_s))
                return;
            const QJsonDocument doc = QJsonDocument::fromJson(reply.body);
            for (const QJsonValue &v : doc.array()) {
                const QJsonObject o = v.toObject();
                ChannelInfo info;
                info.record = channelRecord(o);
                info.overwrites = overwritesOf(o);
                info.readable = m_permissions.canRead(info.overwrites);
                info.record.readable = info.readable;
                if (info.record.id == 0 || isThread(info.record.type))
                    continue;
                m_channelOrder.append(info.record.id);
                m_channels.insert(info.record.id, info);
            }
            // Threads are listed per parent channel: only now are the parents known.
            for (quint64 id : std::as_const(m_channelOrder)) {
                const ChannelInfo &c = m_channels[id];
                if (!c.readable || !hasThreads(c.record.type))
                    continue;
                requestArchived(id, false, {});
                if (m_permissions.inChannel(c.overwrites) & permission::ManageThreads)
                    requestArchived(id, true, {});
            }
            if (--m_structurePending == 0)
                structureReady();
        });
    m_client->get("/guilds/{}/threads/active", {m_options.guildId})
        .execute(this, [this](discord::Reply &&reply) {
            if (replyFailed(reply, u"Reading the active threads failed"_s))
                return;
            const QJsonObject o = QJsonDocument::fromJson(reply.body).object();
            for (const QJsonValue &v : o.value("threads"_L1).toArray()) {
                ChannelInfo info;
                info.record = channelRecord(v.toObject());
                if (info.record.id != 0)
                    m_channels.insert(info.record.id, info);
            }
            if (--m_structurePending == 0)
                structureReady();
        });
}

void EngineRun::requestArchived(quint64 parentId, bool privateThreads, const QString &before)
{
    ++m_structurePending;
    auto builder = m_client
                       ->get(privateThreads ? "/channels/{}/threads/archived/private"
                                            : "/channels/{}/threads/archived/public",
                             {parentId})
                       .query("limit", 100);
    if (!before.isEmpty())
        builder = std::move(builder).query("before", before);
    std::move(builder).execute(this, [this, parentId, privateThreads](discord::Reply &&reply) {
        if (m_finished)
            return;
        if (reply.error == discord::ErrorKind::Forbidden ||
            reply.error == discord::ErrorKind::NotFound) {
            // Refused although the permissions said otherwise: access changed just now.
            if (!privateThreads && reply.error == discord::ErrorKind::Forbidden)
                markUnreadable(parentId, reply.errorMessage);
        } else if (replyFailed(reply, u"Reading archived threads failed"_s)) {
            return;
        } else {
            const QJsonObject o = QJsonDocument::fromJson(reply.body).object();
            QString last;
            for (const QJsonValue &v : o.value("threads"_L1).toArray()) {
                ChannelInfo info;
                info.record = channelRecord(v.toObject());
                last = v.toObject()
                           .value("thread_metadata"_L1)
                           .toObject()
                           .value("archive_timestamp"_L1)
                           .toString();
                if (info.record.id != 0)
                    m_channels.insert(info.record.id, info);
            }
            if (o.value("has_more"_L1).toBool() && !last.isEmpty())
                requestArchived(parentId, privateThreads, last);
        }
        if (--m_structurePending == 0)
            structureReady();
    });
}

void EngineRun::structureReady()
{
    if (m_finished)
        return;
    // Threads take their parent's permissions; those of unknown parents are not stored.
    QList<quint64> threads;
    for (auto it = m_channels.begin(); it != m_channels.end();) {
        ChannelInfo &t = it.value();
        if (!isThread(t.record.type)) {
            ++it;
            continue;
        }
        const auto parent = m_channels.constFind(t.record.parentId.value_or(0));
        if (parent == m_channels.cend() || isThread(parent->record.type)) {
            it = m_channels.erase(it);
            continue;
        }
        t.overwrites = parent->overwrites;
        t.readable = parent->readable;
        t.record.readable = t.readable;
        threads.append(t.record.id);
        ++it;
    }
    // Bigger work first: channels, then threads by message count, so the tail is short.
    std::sort(threads.begin(), threads.end(), [this](quint64 a, quint64 b) {
        const qint64 ca = m_channels[a].record.messageCount.value_or(0);
        const qint64 cb = m_channels[b].record.messageCount.value_or(0);
        return ca != cb ? ca > cb : a < b;
    });
    m_channelOrder += threads;

    const quint64 guildId = m_options.guildId;
    const Result<void> written = m_db->transaction([&]() -> Result<void> {
        if (auto r = m_repo->upsertGuild(guildRecord(m_guild)); !r)
            return r;
        if (auto r = m_repo->replaceRoles(guildId, m_roles, nowMs()); !r)
            return r;
        QList<store::EmojiRecord> emojis;
        for (const QJsonValue &e : m_guild.value("emojis"_L1).toArray())
            emojis.append(emojiRecord(e.toObject()));
        if (auto r = m_repo->replaceEmojis(guildId, emojis, nowMs()); !r)
            return r;
        QList<store::ChannelRecord> records;
        for (quint64 id : std::as_const(m_channelOrder))
            records.append(m_channels[id].record);
        if (auto r = m_repo->upsertChannels(guildId, records); !r)
            return r;
        // Channels (not threads: their listing is partial) gone from the guild's list.
        QList<quint64> gone;
        auto read =
            m_db->forEachRow(u"SELECT id FROM channels WHERE guild_id = ? AND deleted_at IS NULL "
                             u"AND type NOT IN (10, 11, 12)"_s,
                             {qint64(guildId)}, [&](const QSqlQuery &q) {
                                 const quint64 id = quint64(q.value(0).toLongLong());
                                 if (!m_channels.contains(id))
                                     gone.append(id);
                             });
        if (!read)
            return read;
        return gone.isEmpty() ? Result<void>() : m_repo->markChannelsDeleted(gone, nowMs());
    });
    if (!written)
        return fail(written.error());

    // What to read in each channel.
    const qint64 now = nowMs();
    for (quint64 id : std::as_const(m_channelOrder)) {
        const ChannelInfo &c = m_channels[id];
        if (!hasMessages(c.record.type))
            continue;
        if (!c.readable) {
            ++m_summary.channelsUnreadable;
            m_summary.unreadableChannels.append(channelLabel(c.record));
            continue;
        }
        ++m_progress.channelsTotal;
        m_queue.push_back(id);
    }
    Q_UNUSED(now);
    m_progress.phase = u"messages"_s;
    emitProgress(true);
    m_channelsStarted = true;

    const store::Checkpoint members = m_checkpoints.value(u"members"_s);
    if (members.state.startsWith(u"paging:"_s))
        startMembers(members.cursor, members.state.mid(7).toLongLong());
    else
        startMembers(u"0"_s, nowMs());
    scheduleChannels();
}

void EngineRun::startMembers(const QString &after, qint64 passStart)
{
    requestMembers(after, passStart);
}

void EngineRun::requestMembers(const QString &after, qint64 passStart)
{
    m_client->get("/guilds/{}/members", {m_options.guildId})
        .query("limit", memberPageSize)
        .query("after", after)
        .execute(this, [this, passStart](discord::Reply &&reply) {
            if (m_finished)
                return;
            if (reply.error == discord::ErrorKind::Forbidden) {
                return fail(Error{
                    u"Discord refused the member list of guild %1 (%2): the bot lacks the "
                    u"Server Members intent"_s.arg(idText(m_options.guildId), reply.errorMessage),
                    u"Enable \"Server Members Intent\" for the bot in the Discord Developer "
                    u"Portal (Bot → Privileged Gateway Intents) and run the sync again; nothing "
                    u"stored was lost"_s});
            }
            if (replyFailed(reply, u"Reading the member list failed"_s))
                return;
            const QJsonArray array = QJsonDocument::fromJson(reply.body).array();
            QList<store::UserRecord> users;
            QList<store::MemberRecord> members;
            for (const QJsonValue &v : array) {
                const QJsonObject o = v.toObject();
                users.append(userRecord(o.value("user"_L1).toObject()));
                members.append(memberRecord(o));
            }
            const bool last = array.size() < memberPageSize;
            const QString cursor = members.isEmpty() ? QString() : idText(members.last().userId);
            const qint64 seenAt = nowMs();
            const Result<void> written = m_db->transaction([&]() -> Result<void> {
                if (auto r = m_repo->upsertUsers(users, seenAt); !r)
                    return r;
                if (auto r = m_repo->upsertMembers(m_options.guildId, members, seenAt); !r)
                    return r;
                if (last) {
                    if (auto r = m_repo->sweepMembers(m_options.guildId, passStart, seenAt); !r)
                        return r.error();
                    return m_repo->setCheckpoint(
                        m_options.guildId,
                        store::Checkpoint{u"members"_s, QString(), u"done"_s, seenAt});
                }
                return m_repo->setCheckpoint(
                    m_options.guildId,
                    store::Checkpoint{u"members"_s, cursor, u"paging:%1"_s.arg(passStart), seenAt});
            });
            if (!written)
                return fail(written.error());
            m_progress.members += members.size();
            if (m_cancelRequested)
                return;
            if (last) {
                m_membersDone = true;
                maybeFinish();
            } else {
                requestMembers(cursor, passStart);
            }
        });
}

void EngineRun::scheduleChannels()
{
    while (!m_finished && !m_cancelRequested && !m_queue.empty() &&
           m_active.size() < std::max(1, m_options.channelConcurrency)) {
        const quint64 id = m_queue.front();
        m_queue.pop_front();
        const ChannelInfo &c = m_channels[id];
        const QString scope = u"channel:%1:messages"_s.arg(idText(id));
        const auto cp = m_checkpoints.constFind(scope);
        const bool has = cp != m_checkpoints.cend();
        const quint64 cursor = has ? snowflake::parse(QStringView(cp->cursor)).value_or(0) : 0;

        quint64 after = 0;
        bool verify = false;
        bool fresh = false;
        quint64 startCursor = cursor;
        QString state;
        if (has && cp->state == u"sliced" && !m_options.full) {
            // A first read that was split into slices and interrupted: each unfinished slice
            // resumes from its own cursor.
            const QString prefix = slicePrefix(id);
            SlicedChannel group;
            group.cursor = cursor;
            QList<const store::Checkpoint *> slices;
            for (auto it = m_checkpoints.cbegin(); it != m_checkpoints.cend(); ++it) {
                if (it.key().startsWith(prefix))
                    slices.append(&it.value());
            }
            QList<ChannelTask *> tasks;
            for (const store::Checkpoint *slice : std::as_const(slices)) {
                const quint64 at = snowflake::parse(QStringView(slice->cursor)).value_or(0);
                group.cursor = std::max(group.cursor, at);
                if (!slice->state.startsWith(u"paging:"_s))
                    continue;
                const quint64 end =
                    snowflake::parse(QStringView(slice->state).mid(7)).value_or(maxId);
                auto *task = new ChannelTask(this, c, at, false, true, at, slice->state);
                task->setSlice(end, slice->scope, 1.0 / double(slices.size()));
                tasks.append(task);
            }
            group.running = int(tasks.size());
            m_sliced.insert(id, group);
            if (tasks.isEmpty()) {
                // Killed between the last slice's page and the channel's own checkpoint.
                if (auto r = finishSliced(id); !r)
                    return fail(storeError(r.error()));
                m_sliced.remove(id);
                ++m_progress.channelsDone;
                ++m_summary.channelsSynced;
                continue;
            }
            for (ChannelTask *task : std::as_const(tasks))
                startTask(task);
            continue;
        }
        const bool leftSlices = has && cp->state == u"sliced";
        if (has && cp->state == u"verifying") { // a --full pass that was interrupted
            after = cursor;
            verify = true;
            state = u"verifying"_s;
        } else if (m_options.full) {
            after = 0;
            verify = has;
            fresh = !has;
            startCursor = 0;
            state = u"verifying"_s;
        } else if (!has) {
            fresh = true;
            state = u"paging"_s;
        } else if (cp->state == u"paging") { // a first pass that was interrupted
            after = cursor;
            fresh = true;
            state = u"paging"_s;
        } else {
            // Incremental: new messages after the cursor, plus the re-scan window.
            const bool newMessages = c.record.lastMessageId.value_or(0) > cursor;
            bool window = m_options.rescanDays > 0 || m_options.rescanMessages > 0;
            const qint64 since = nowMs() - qint64(m_options.rescanDays) * dayMs;
            if (window && c.record.archived.value_or(false) &&
                c.record.archiveTimestamp.value_or(0) < since)
                window = false; // archived before the window: nothing can have changed much
            quint64 start = maxId;
            if (window) {
                if (m_options.rescanDays > 0)
                    start = std::min(start, snowflake::fromMsecs(since));
                if (m_options.rescanMessages > 0) {
                    auto nth = m_db->scalar(
                        u"SELECT id FROM messages WHERE channel_id = ? ORDER BY id DESC "
                        u"LIMIT 1 OFFSET ?"_s,
                        {qint64(id), m_options.rescanMessages - 1});
                    if (!nth)
                        return fail(nth.error());
                    start = std::min(start, nth->isNull() ? 0 : quint64(nth->toLongLong()));
                }
            }
            if (!newMessages && (!window || start > cursor)) {
                ++m_summary.channelsSkipped;
                ++m_progress.channelsDone;
                m_skipped.append(id);
                continue;
            }
            after = window ? std::min(cursor, start > 0 ? start - 1 : 0) : cursor;
            verify = window;
            state = u"done"_s;
        }
        auto *task = new ChannelTask(this, c, after, verify, fresh, startCursor, state);
        task->setClearSlices(leftSlices);
        startTask(task);
    }
    maybeFinish();
}

void EngineRun::startTask(ChannelTask *task)
{
    m_active.append(task);
    task->start(m_elapsed.elapsed());
}

bool EngineRun::splitChannel(ChannelTask *task, const QList<quint64> &bounds)
{
    const quint64 id = task->channelId();
    QList<quint64> starts{task->cursor()};
    starts += bounds;
    QList<quint64> ends = bounds;
    ends.append(maxId);
    QStringList scopes;
    for (int i = 0; i < starts.size(); ++i)
        scopes.append(slicePrefix(id) + QString::number(i));
    const qint64 now = nowMs();
    // The plan and every slice's start in one transaction: a kill leaves either the plain
    // cursor or the complete set of slices.
    const Result<void> written = m_db->transaction([&]() -> Result<void> {
        if (auto r = m_repo->setCheckpoint(
                m_options.guildId,
                store::Checkpoint{channelScope(id), idText(task->cursor()), u"sliced"_s, now});
            !r)
            return r;
        for (int i = 0; i < starts.size(); ++i) {
            if (auto r = m_repo->setCheckpoint(
                    m_options.guildId, store::Checkpoint{scopes[i], idText(starts[i]),
                                                         u"paging:"_s + idText(ends[i]), now});
                !r)
                return r;
        }
        return {};
    });
    if (!written) {
        fail(storeError(written.error()));
        return false;
    }
    const double weight = 1.0 / double(starts.size());
    task->setSlice(ends[0], scopes[0], weight);
    m_sliced.insert(id, SlicedChannel{int(starts.size()), task->cursor(), false});
    const ChannelInfo &c = m_channels[id];
    for (int i = 1; i < starts.size(); ++i) {
        auto *slice = new ChannelTask(this, c, starts[i], false, true, starts[i],
                                      u"paging:"_s + idText(ends[i]));
        slice->setSlice(ends[i], scopes[i], weight);
        startTask(slice);
    }
    return true;
}

Result<void> EngineRun::finishSliced(quint64 channelId)
{
    const ChannelInfo &c = m_channels[channelId];
    const quint64 cursor =
        std::max(m_sliced.value(channelId).cursor, c.record.lastMessageId.value_or(0));
    const qint64 now = nowMs();
    return m_db->transaction([&]() -> Result<void> {
        if (auto r = m_repo->setCheckpoint(
                m_options.guildId,
                store::Checkpoint{channelScope(channelId), idText(cursor), u"done"_s, now});
            !r)
            return r;
        return m_repo->deleteCheckpoints(m_options.guildId, slicePrefix(channelId));
    });
}

void EngineRun::channelDone(ChannelTask *task)
{
    m_active.removeOne(task);
    task->deleteLater();
    if (task->sliced()) {
        auto it = m_sliced.find(task->channelId());
        if (it != m_sliced.end()) {
            --it->running;
            it->cursor = std::max(it->cursor, task->cursor());
            it->abandoned = it->abandoned || task->abandoned();
            if (it->running > 0) {
                if (!m_finished)
                    scheduleChannels();
                return;
            }
            if (!it->abandoned && !m_finished) {
                if (auto r = finishSliced(task->channelId()); !r)
                    return fail(storeError(r.error()));
            }
            m_sliced.erase(it);
        }
    }
    ++m_progress.channelsDone;
    ++m_summary.channelsSynced;
    if (m_finished)
        return;
    scheduleChannels();
}

void EngineRun::markUnreadable(quint64 channelId, const QString &why)
{
    Q_UNUSED(why);
    auto it = m_channels.find(channelId);
    if (it == m_channels.end() || !it->readable)
        return;
    it->readable = false;
    it->record.readable = false;
    if (auto r = m_repo->upsertChannels(m_options.guildId, {it->record}); !r)
        return fail(r.error());
    if (hasMessages(it->record.type)) {
        ++m_summary.channelsUnreadable;
        m_summary.unreadableChannels.append(channelLabel(it->record));
    }
}

void EngineRun::maybeFinish()
{
    if (m_finished || !m_channelsStarted || !m_membersDone || !m_queue.empty() ||
        !m_active.isEmpty())
        return;
    finish(std::nullopt);
}

Result<void> EngineRun::touchSkipped()
{
    // Unchanged channels were checked too: their "last synced" moves forward.
    if (m_skipped.isEmpty())
        return {};
    const qint64 now = nowMs();
    return m_db->transaction([&]() -> Result<void> {
        for (quint64 id : std::as_const(m_skipped)) {
            const QString scope = u"channel:%1:messages"_s.arg(idText(id));
            store::Checkpoint cp = m_checkpoints.value(scope);
            cp.updatedAt = now;
            if (auto r = m_repo->setCheckpoint(m_options.guildId, cp); !r)
                return r;
        }
        return {};
    });
}

Result<void> EngineRun::collectMemberCounts()
{
    const QVariantList args{qint64(m_options.guildId), m_startedAt};
    auto joined = m_db->scalar(u"SELECT COUNT(*) FROM member_history WHERE guild_id = ? AND "
                               u"observed_at >= ? AND event IN ('join', 'rejoin')"_s,
                               args);
    auto left = m_db->scalar(u"SELECT COUNT(*) FROM member_history WHERE guild_id = ? AND "
                             u"observed_at >= ? AND event = 'leave'"_s,
                             args);
    auto roles = m_db->scalar(
        u"SELECT COUNT(*) FROM member_role_history WHERE guild_id = ? AND observed_at >= ?"_s,
        args);
    if (!joined)
        return joined.error();
    if (!left)
        return left.error();
    if (!roles)
        return roles.error();
    m_summary.membersJoined = joined->toLongLong();
    m_summary.membersLeft = left->toLongLong();
    m_summary.roleChanges = roles->toLongLong();
    return {};
}

void EngineRun::finish(std::optional<Error> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_progressTimer.stop();
    if (m_client)
        m_client->cancelAll();
    const bool cancelled = !error && m_cancelRequested;
    m_summary.cancelled = cancelled;
    if (!error && !cancelled && m_db) {
        if (auto r = touchSkipped(); !r)
            error = r.error();
    }
    if (!error && m_db) {
        if (auto r = collectMemberCounts(); !r)
            error = r.error();
    }
    if (m_client) {
        m_summary.requests = qint64(m_client->stats().requests);
        m_summary.rateLimited = qint64(m_client->stats().rateLimited);
    }
    if (m_db && m_suspendedIndexes && !error) {
        // The lookup indexes come back after a completed or cancelled load; after a failure
        // they stay suspended (rebuilding may be what fails, e.g. on a full disk) and the next
        // run rebuilds them.
        m_progress.phase = u"indexes"_s;
        emitProgress(true);
        if (auto r = m_db->restoreLookupIndexes(); !r)
            error = r.error();
    }
    m_summary.elapsedMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    if (error)
        error = storeError(*error);
    if (m_db && m_runId >= 0) {
        const store::SyncStatus status = error       ? store::SyncStatus::Failed
                                         : cancelled ? store::SyncStatus::Cancelled
                                                     : store::SyncStatus::Ok;
        if (auto r = m_repo->finishSyncRun(m_runId, status, nowMs(), m_summary.toJson());
            !r && !error)
            error = r.error();
    }
    m_progress.phase = u"done"_s;
    emitProgress(true);
    // Delivered from the event loop, so that the receiver may delete the engine.
    Result<Summary> result = error ? Result<Summary>(*error) : Result<Summary>(m_summary);
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, result] { Q_EMIT engine->finished(result); },
        Qt::QueuedConnection);
}

void EngineRun::emitProgress(bool force)
{
    const qint64 elapsed = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    if (!force && elapsed - m_lastProgressMs < 190)
        return;
    m_lastProgressMs = elapsed;
    if (m_client) {
        m_progress.requests = qint64(m_client->stats().requests);
        m_progress.rateLimited = qint64(m_client->stats().rateLimited);
    }
    m_rateSamples.emplace_back(elapsed, m_progress.requests);
    while (m_rateSamples.size() > 2 && elapsed - m_rateSamples.front().first > 3000)
        m_rateSamples.pop_front();
    const auto &[t0, r0] = m_rateSamples.front();
    m_progress.requestsPerSecond =
        elapsed > t0 ? double(m_progress.requests - r0) * 1000.0 / double(elapsed - t0) : 0.0;
    m_progress.etaMs = -1;
    if (m_progress.phase == u"messages" && m_progress.channelsTotal > 0) {
        // Two estimates, the larger wins: the share of channels done (partly done ones count
        // by how far through their ids they are), and the slowest running channel's own pace,
        // which is what the end of a rate-limited sync waits for (one channel's bucket).
        double done = m_progress.channelsDone;
        qint64 slowest = -1;
        for (const ChannelTask *task : std::as_const(m_active)) {
            const double f = task->fraction();
            done += f * task->weight();
            const qint64 running = elapsed - task->startedMs();
            if (f > 0.02 && running > 1000)
                slowest = std::max(slowest, qint64(double(running) * (1.0 - f) / f));
        }
        const double share = done / m_progress.channelsTotal;
        if (share > 0.01)
            m_progress.etaMs = qint64(double(elapsed) * (1.0 - share) / share);
        m_progress.etaMs = std::max(m_progress.etaMs, slowest);
    }
    Q_EMIT m_engine->progress(m_progress);
}

// ---------------------------------------------------------------------------------------
// ChannelTask

ChannelTask::ChannelTask(EngineRun *run, const ChannelInfo &channel, quint64 after, bool verify,
                         bool fresh, quint64 checkpointCursor, const QString &pagingState)
    : QObject(run)
    , m_run(run)
    , m_channel(channel.record)
    , m_after(after)
    , m_verify(verify)
    , m_fresh(fresh)
    , m_cursor(checkpointCursor)
    , m_pagingState(pagingState)
    , m_end(maxId)
{}

void ChannelTask::setSlice(quint64 end, const QString &scope, double weight)
{
    m_end = end;
    m_sliceScope = scope;
    m_weight = weight;
    m_pagingState = u"paging:"_s + idText(end);
}

QList<quint64> ChannelTask::sliceBounds() const
{
    // The first page's id span estimates how many pages the rest holds (ids grow with time,
    // so this assumes an even pace; a slice that turns out empty costs one request).
    const int slices = m_run->options().channelSlices;
    const quint64 last = m_channel.lastMessageId.value_or(0);
    if (slices < 2 || m_page.messages.size() < 2)
        return {};
    const quint64 first = m_page.messages.first().record.id;
    const quint64 newest = m_page.messages.last().record.id;
    if (last <= newest || newest <= first)
        return {};
    const double perPage =
        double(newest - first) * messagePageSize / double(m_page.messages.size() - 1);
    const double pagesLeft = double(last - newest) / perPage;
    const int k = int(std::min<double>(slices, pagesLeft / minPagesPerSlice));
    if (k < 2)
        return {};
    QList<quint64> bounds;
    const quint64 step = (last - newest) / quint64(k);
    for (int i = 1; i < k; ++i)
        bounds.append(newest + step * quint64(i));
    return bounds;
}

double ChannelTask::fraction() const
{
    const quint64 last = std::min(m_channel.lastMessageId.value_or(0), m_end);
    if (last <= m_lowId)
        return m_after > m_lowId ? 1.0 : 0.0;
    const double f =
        double(std::min(m_after, last) - std::min(m_after, m_lowId)) / double(last - m_lowId);
    return std::clamp(f, 0.0, 1.0);
}

QString ChannelTask::scope() const
{
    return sliced() ? m_sliceScope : channelScope(m_channel.id);
}

void ChannelTask::fetchPage()
{
    auto page = std::make_shared<MessagePage>();
    const quint64 channelId = m_channel.id;
    m_run->client()
        .get("/channels/{}/messages", {channelId})
        .query("limit", messagePageSize)
        .query("after", m_after)
        .validate([page, channelId](QByteArrayView body) { return page->parse(body, channelId); })
        .execute(this, [this, page](discord::Reply &&reply) { onPage(std::move(reply), page); });
}

void ChannelTask::abandon(const QString &why, bool unreadable)
{
    m_finished = true;
    m_abandoned = true;
    if (unreadable)
        m_run->markUnreadable(m_channel.id, why);
    m_run->channelDone(this);
}

void ChannelTask::onPage(discord::Reply &&reply, const std::shared_ptr<MessagePage> &page)
{
    if (m_run->stopping() || m_finished)
        return;
    if (reply.error == discord::ErrorKind::Forbidden)
        return abandon(reply.errorMessage, true);
    if (reply.error == discord::ErrorKind::NotFound) {
        // The channel was deleted while the sync ran.
        if (auto r = m_run->repo().markChannelsDeleted({m_channel.id}, m_run->nowMs()); !r)
            return m_run->fail(r.error());
        return abandon(reply.errorMessage, false);
    }
    if (!reply.ok()) {
        if (reply.error == discord::ErrorKind::Cancelled)
            return;
        Error e = reply.toError();
        e.message = u"Reading messages of %1 failed: "_s.arg(channelLabel(m_channel)) + e.message;
        return m_run->fail(e);
    }
    m_page = std::move(*page);
    m_reachedEnd = false;
    if (m_end != maxId) {
        // A slice stops at its last id; what lies beyond is the next slice's (read there, so
        // a message exactly on the bound is stored once).
        const auto beyond =
            std::find_if(m_page.messages.begin(), m_page.messages.end(),
                         [this](const PageMessage &m) { return m.record.id > m_end; });
        if (beyond != m_page.messages.end()) {
            m_page.messages.erase(beyond, m_page.messages.end());
            m_reachedEnd = true;
        }
    }
    if (m_after == m_startAfter && !m_page.messages.isEmpty())
        m_lowId = std::max(m_startAfter, m_page.messages.first().record.id - 1);
    m_lists.clear();
    m_reactions.clear();
    m_reactors.clear();
    m_sweepReactions.clear();
    m_storedEdited.clear();
    m_storedIds.clear();
    m_storedLiveReactions = 0;
    m_pageDone = false;
    if (auto r = planReactions(); !r)
        return m_run->fail(r.error());
    m_pendingLists = int(m_lists.size());
    if (m_pendingLists == 0)
        return maybeWrite();
    for (int i = 0; i < m_lists.size(); ++i)
        fetchReactions(i, 0);
}

Result<void> ChannelTask::planReactions()
{
    // Which user lists to read: on a first read every emoji of every message; on a re-scan only
    // those of messages whose counts differ from what is stored, on a --full pass all of them
    // (the lists are then read in full and swept, so emojis and users that disappeared are
    // marked removed).
    QHash<quint64, QHash<QString, std::pair<int, int>>> stored;
    if (m_verify && !m_page.messages.isEmpty()) {
        const quint64 lo = m_after + 1;
        const quint64 hi =
            m_page.received >= messagePageSize ? m_page.messages.last().record.id : maxId;
        const QVariantList range{qint64(m_channel.id), qint64(lo), qint64(hi)};
        auto messages = m_run->db().forEachRow(
            u"SELECT id, edited_at FROM messages WHERE channel_id = ? AND id BETWEEN ? AND ?"_s,
            range, [&](const QSqlQuery &q) {
                const quint64 id = quint64(q.value(0).toLongLong());
                m_storedIds.insert(id);
                m_storedEdited.insert(id, q.value(1).isNull() ? -1 : q.value(1).toLongLong());
            });
        if (!messages)
            return messages;
        auto reactions = m_run->db().forEachRow(
            u"SELECT r.message_id, e.key, r.burst, COUNT(*) FROM reactions r "
            u"JOIN reaction_emojis e ON e.id = r.emoji "
            u"WHERE r.channel_id = ? AND r.message_id BETWEEN ? AND ? AND r.removed_at IS NULL "
            u"GROUP BY r.message_id, e.key, r.burst"_s,
            range, [&](const QSqlQuery &q) {
                auto &counts = stored[quint64(q.value(0).toLongLong())][q.value(1).toString()];
                (q.value(2).toLongLong() ? counts.second : counts.first) =
                    int(q.value(3).toLongLong());
            });
        if (!reactions)
            return reactions;
    }
    for (int i = 0; i < m_page.messages.size(); ++i) {
        const PageMessage &m = m_page.messages[i];
        if (m_verify) {
            const auto known = stored.value(m.record.id);
            bool same = known.size() == m.reactions.size();
            for (const ReactionCount &c : m.reactions) {
                const auto it = known.constFind(c.emoji.key);
                if (!same || it == known.cend() || it->first != c.normal || it->second != c.burst) {
                    same = false;
                    break;
                }
            }
            // Equal counts can hide a swap (one user took a reaction back, another added the
            // same emoji), so --full reads every list whatever the counts say.
            if (same && !m_run->options().full)
                continue;
            m_sweepReactions.insert(m.record.id);
            for (auto it = known.cbegin(); it != known.cend(); ++it)
                m_storedLiveReactions += it->first + it->second;
        }
        for (const ReactionCount &c : m.reactions) {
            if (c.normal > 0)
                m_lists.append(ReactionList{i, 0, false, c.emoji.key, c.normal});
            if (c.burst > 0)
                m_lists.append(ReactionList{i, 0, true, c.emoji.key, c.burst});
        }
    }
    return {};
}

void ChannelTask::fetchReactions(int list, quint64 after)
{
    const ReactionList &l = m_lists[list];
    const quint64 messageId = m_page.messages[l.message].record.id;
    auto users = std::make_shared<UserPage>();
    auto builder = m_run->client()
                       .get("/channels/{}/messages/{}/reactions/{}",
                            {m_channel.id, messageId, discord::PathArg(l.key)})
                       .query("limit", reactionPageSize)
                       .query("type", l.burst ? 1 : 0);
    if (after)
        builder = std::move(builder).query("after", after);
    std::move(builder)
        .validate([users](QByteArrayView body) { return users->parse(body); })
        .execute(this, [this, list, users](discord::Reply &&reply) {
            onReactions(list, std::move(reply), users);
        });
}

void ChannelTask::onReactions(int list, discord::Reply &&reply,
                              const std::shared_ptr<UserPage> &users)
{
    if (m_run->stopping() || m_finished)
        return;
    if (reply.error == discord::ErrorKind::Forbidden)
        return abandon(reply.errorMessage, true);
    if (reply.error == discord::ErrorKind::NotFound) {
        // 10014 Unknown Emoji / 10008 Unknown Message: the reaction or the message went away
        // between the page and this request; the next re-scan sees the result.
        --m_pendingLists;
        return maybeWrite();
    }
    if (!reply.ok()) {
        if (reply.error == discord::ErrorKind::Cancelled)
            return;
        Error e = reply.toError();
        e.message = u"Reading reactions in %1 failed: "_s.arg(channelLabel(m_channel)) + e.message;
        return m_run->fail(e);
    }
    const ReactionList &l = m_lists[list];
    const quint64 messageId = m_page.messages[l.message].record.id;
    m_lists[list].expected -= int(users->users.size());
    for (const store::UserRecord &u : std::as_const(users->users)) {
        m_reactions.append(store::ReactionRecord{messageId, qint64(list), u.id, l.burst});
        m_reactors.append(u);
    }
    if (users->users.size() >= reactionPageSize && m_lists[list].expected > 0)
        return fetchReactions(list, users->users.last().id);
    --m_pendingLists;
    maybeWrite();
}

void ChannelTask::maybeWrite()
{
    if (m_pendingLists > 0 || m_pageDone)
        return;
    m_pageDone = true;
    if (auto r = writePage(); !r)
        return m_run->fail(r.error());
    if (m_run->stopping())
        return;
    ++m_pagesRead;
    if (m_page.received >= messagePageSize && !m_reachedEnd) {
        m_after = m_page.messages.last().record.id;
        if (!sliced() && m_pagesRead == 1 && m_fresh && !m_verify) {
            const QList<quint64> bounds = sliceBounds();
            if (!bounds.isEmpty() && !m_run->splitChannel(this, bounds))
                return;
        }
        return fetchPage();
    }
    m_finished = true;
    m_run->channelDone(this);
}

Result<void> ChannelTask::writePage()
{
    EngineRun &run = *m_run;
    store::Repository &repo = run.repo();
    const quint64 guildId = run.options().guildId;
    const qint64 seenAt = run.nowMs();
    const bool last = m_page.received < messagePageSize || m_reachedEnd;
    const quint64 lo = m_after + 1;
    const quint64 hi = last || m_page.messages.isEmpty() ? maxId : m_page.messages.last().record.id;
    quint64 cursor = m_pagingState == u"verifying" ? m_after : m_cursor;
    if (!m_page.messages.isEmpty())
        cursor = std::max(cursor, m_page.messages.last().record.id);
    if (last && !sliced())
        cursor = std::max(cursor, m_channel.lastMessageId.value_or(0));

    qint64 removed = 0, deleted = 0;
    const Result<void> written = run.db().transaction([&]() -> Result<void> {
        QList<store::UserRecord> users = m_page.users;
        users += m_reactors;
        if (auto r = repo.upsertUsers(users, seenAt); !r)
            return r;
        QList<store::MessageRecord> messages;
        messages.reserve(m_page.messages.size());
        for (const PageMessage &m : std::as_const(m_page.messages))
            messages.append(m.record);
        if (auto r = repo.upsertMessages(guildId, messages, seenAt); !r)
            return r;
        if (!m_reactions.isEmpty()) {
            QHash<int, qint64> emojiOfList;
            QList<store::ReactionRecord> reactions = m_reactions;
            for (store::ReactionRecord &r : reactions) {
                const int list = int(r.emoji);
                auto it = emojiOfList.constFind(list);
                if (it == emojiOfList.cend()) {
                    const ReactionList &l = m_lists[list];
                    store::ReactionEmoji emoji = store::ReactionEmoji::fromKey(l.key);
                    for (const ReactionCount &c : m_page.messages[l.message].reactions) {
                        if (c.emoji.key == l.key)
                            emoji = c.emoji;
                    }
                    auto id = repo.internEmoji(emoji);
                    if (!id)
                        return id.error();
                    it = emojiOfList.insert(list, *id);
                }
                r.emoji = *it;
            }
            if (auto r = repo.upsertReactions(reactions, seenAt); !r)
                return r;
        }
        if (m_verify) {
            auto swept = repo.sweepMessages(m_channel.id, lo, hi, seenAt, seenAt);
            if (!swept)
                return swept.error();
            deleted = *swept;
            if (!m_sweepReactions.isEmpty()) {
                auto gone = repo.sweepReactions(m_sweepReactions.values(), seenAt, seenAt);
                if (!gone)
                    return gone.error();
                removed = *gone;
            }
        }
        if (last && m_clearSlices) {
            if (auto r = repo.deleteCheckpoints(guildId, slicePrefix(m_channel.id)); !r)
                return r;
        }
        return repo.setCheckpoint(
            guildId,
            store::Checkpoint{scope(), idText(cursor), last ? u"done"_s : m_pagingState, seenAt});
    });
    if (!written)
        return written;
    m_cursor = cursor;

    Summary &s = run.summary();
    for (const PageMessage &m : std::as_const(m_page.messages)) {
        const auto stored = m_storedEdited.constFind(m.record.id);
        if (stored == m_storedEdited.cend())
            ++s.messagesNew;
        else if (m.record.editedAt.value_or(-1) != *stored)
            ++s.messagesEdited;
    }
    s.messagesDeleted += deleted;
    s.reactionsRemoved += removed;
    s.reactionsAdded += std::max<qint64>(0, m_reactions.size() - m_storedLiveReactions + removed);
    run.progress().messages += m_page.messages.size();
    run.progress().reactions += m_reactions.size();
    return {};
}

} // namespace gavel::sync
