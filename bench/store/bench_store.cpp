// Writes a synthetic guild through store::Repository the way a sync does (one transaction per
// page of messages, with their authors, reactors, mentions and reactions) and prints the rates.
#include "common/Snowflake.h"
#include "store/Database.h"
#include "store/Queries.h"
#include "store/Repository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <cmath>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace gavel;
using namespace gavel::store;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

bool fail(const Error &error)
{
    QTextStream(stderr) << "bench_store: " << error.text() << Qt::endl;
    return false;
}

struct Options
{
    QString db;
    qint64 messages = 1000000;
    int reactionsPerMessage = 5;
    int pageSize = 100;
    int channels = 50;
    int users = 5000;
    bool descending = false;
    bool bulk = false;
};

// Skewed choice: a few members write and react a lot, most rarely.
// CPU time of this process: on a busy machine wall time measures the neighbours too.
qint64 cpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

int skewed(QRandomGenerator &random, int n)
{
    const double u = random.generateDouble();
    return std::min(n - 1, static_cast<int>(n * u * u));
}

bool run(const Options &o)
{
    const Result<Location> location = Location::parse(o.db);
    if (!location)
        return fail(location.error());
    auto opened = Database::open(*location);
    if (!opened)
        return fail(opened.error());
    Database &db = **opened;
    Repository repo(db);
    QRandomGenerator random(20240501);

    const quint64 guildId = snowflake::fromMsecs(1500000000000);
    const qint64 seenAt = QDateTime::currentMSecsSinceEpoch();
    QList<UserRecord> users;
    for (int i = 0; i < o.users; ++i) {
        UserRecord user;
        user.id = snowflake::fromMsecs(1450000000000 + i * 3600000LL) + 1;
        user.username = u"member_%1"_s.arg(i);
        user.globalName = u"Member %1"_s.arg(i);
        user.discriminator = u"0"_s;
        users.append(user);
    }
    QList<ChannelRecord> channels;
    for (int c = 0; c < o.channels; ++c) {
        ChannelRecord channel;
        channel.id = guildId + 1 + static_cast<quint64>(c);
        channel.name = u"channel-%1"_s.arg(c);
        channel.position = c;
        channels.append(channel);
    }
    QList<ReactionEmoji> emojis;
    for (const QString &key : {u"👍"_s, u"❤️"_s, u"😂"_s, u"🎉"_s, u"🔥"_s, u"👀"_s, u"✅"_s, u"🙏"_s})
        emojis.append(ReactionEmoji::fromKey(key));
    for (int e = 0; e < 12; ++e)
        emojis.append(ReactionEmoji::fromKey(u"custom_%1:%2"_s.arg(e).arg(guildId + 1000 + e)));

    const Result<void> frame = db.transaction([&]() -> Result<void> {
        GuildRecord guild;
        guild.id = guildId;
        guild.name = u"Benchmark guild"_s;
        if (const auto done = repo.upsertGuild(guild); !done)
            return done;
        return repo.upsertChannels(guildId, channels);
    });
    if (!frame)
        return fail(frame.error());
    if (o.bulk) {
        if (const Result<void> done = db.suspendLookupIndexes(); !done)
            return fail(done.error());
    }

    QStringList words = {u"the"_s,   u"reputation"_s, u"thanks"_s, u"for"_s,     u"helping"_s,
                         u"with"_s,  u"this"_s,       u"merge"_s,  u"request"_s, u"cred"_s,
                         u"great"_s, u"idea"_s,       u"let's"_s,  u"ship"_s,    u"it"_s};
    // Messages are spread over three years and over all channels; the sync reads one channel
    // after another, so each channel's pages land between the other channels' rows.
    const qint64 perChannel = o.messages / o.channels;
    const qint64 start = 1609459200000;
    const double step = 3.0 * 365 * 86400000.0 / static_cast<double>(o.messages);

    QElapsedTimer wall;
    wall.start();
    qint64 storeNs = 0;
    qint64 storeCpuNs = 0;
    qint64 usersNs = 0;
    qint64 messagesNs = 0;
    qint64 reactionsNs = 0;
    qint64 commitNs = 0;
    qint64 reactionRows = 0;
    qint64 messageRows = 0;
    qint64 pages = 0;
    QElapsedTimer timer;
    for (int c = 0; c < o.channels; ++c) {
        for (qint64 first = 0; first < perChannel; first += o.pageSize) {
            const qint64 count = std::min<qint64>(o.pageSize, perChannel - first);
            QList<MessageRecord> messages;
            QList<UserRecord> pageUsers;
            QList<std::pair<int, quint64>> reactionSpecs; // emoji index, reactor
            QList<ReactionRecord> reactions;
            for (qint64 k = 0; k < count; ++k) {
                const qint64 i = o.descending ? perChannel - 1 - (first + k) : first + k;
                const qint64 at = start + static_cast<qint64>((i * o.channels + c) * step);
                MessageRecord m;
                m.id = snowflake::fromMsecs(at) + static_cast<quint64>(c);
                m.channelId = channels.at(c).id;
                const UserRecord &author = users.at(skewed(random, o.users));
                m.authorId = author.id;
                pageUsers.append(author);
                QString content;
                const int length = 3 + static_cast<int>(random.bounded(30));
                for (int w = 0; w < length; ++w)
                    content += words.at(random.bounded(static_cast<int>(words.size()))) + u' ';
                m.content = content;
                if (random.bounded(10) == 0) {
                    const UserRecord &mentioned = users.at(skewed(random, o.users));
                    m.mentionIds.append(mentioned.id);
                    pageUsers.append(mentioned);
                }
                if (random.bounded(5) == 0 && !messages.isEmpty()) {
                    m.replyToMessageId = messages.constLast().id;
                    m.replyToAuthorId = messages.constLast().authorId;
                    m.type = 19;
                }
                messages.append(m);
                const int n = static_cast<int>(random.bounded(2 * o.reactionsPerMessage + 1));
                for (int r = 0; r < n; ++r) {
                    ReactionRecord reaction;
                    reaction.messageId = m.id;
                    const UserRecord &reactor = users.at(skewed(random, o.users));
                    reaction.userId = reactor.id;
                    reaction.burst = random.bounded(20) == 0;
                    pageUsers.append(reactor);
                    reactionSpecs.append(
                        {skewed(random, static_cast<int>(emojis.size())), reactor.id});
                    reactions.append(reaction);
                }
            }

            timer.start();
            const qint64 cpuStart = cpuNs();
            QElapsedTimer phase;
            const Result<void> page = db.transaction([&]() -> Result<void> {
                phase.start();
                if (const auto done = repo.upsertUsers(pageUsers, seenAt); !done)
                    return done;
                usersNs += phase.nsecsElapsed();
                phase.start();
                if (const auto done = repo.upsertMessages(guildId, messages, seenAt); !done)
                    return done;
                messagesNs += phase.nsecsElapsed();
                phase.start();
                for (qsizetype r = 0; r < reactions.size(); ++r) {
                    const Result<qint64> emoji =
                        repo.internEmoji(emojis.at(reactionSpecs[r].first));
                    if (!emoji)
                        return emoji.error();
                    reactions[r].emoji = *emoji;
                }
                const auto done = repo.upsertReactions(reactions, seenAt);
                reactionsNs += phase.nsecsElapsed();
                phase.start();
                return done;
            });
            commitNs += phase.nsecsElapsed();
            storeNs += timer.nsecsElapsed();
            storeCpuNs += cpuNs() - cpuStart;
            if (!page)
                return fail(page.error());
            messageRows += messages.size();
            reactionRows += reactions.size();
            ++pages;
        }
    }
    qint64 restoreMs = 0;
    qint64 restoreCpuMs = 0;
    if (o.bulk) {
        timer.start();
        const qint64 cpuStart = cpuNs();
        if (const Result<void> done = db.restoreLookupIndexes(); !done)
            return fail(done.error());
        restoreMs = timer.elapsed();
        restoreCpuMs = (cpuNs() - cpuStart) / 1000000;
    }
    const double storeSeconds = static_cast<double>(storeNs) / 1e9;
    const double totalSeconds = storeSeconds + static_cast<double>(restoreMs) / 1000.0;

    timer.start();
    const auto guilds = listGuilds(db);
    const qint64 listUs = timer.nsecsElapsed() / 1000;
    timer.start();
    const auto status = channelStatus(db, guildId);
    const qint64 statusUs = timer.nsecsElapsed() / 1000;
    if (!guilds || !status)
        return fail(!guilds ? guilds.error() : status.error());

    const auto rate = [](double n, double s) { return QString::number(qRound64(n / s)); };
    out() << "bench_store: " << backendName(db.backend()) << ' ' << location->display() << '\n'
          << "  " << messageRows << " messages, " << reactionRows << " reactions, " << o.users
          << " users, " << o.channels << " channels; pages of " << o.pageSize
          << " messages, one transaction each (" << pages << "); "
          << (o.descending ? "newest first" : "oldest first") << "; lookup indexes "
          << (o.bulk ? "suspended during the load" : "kept") << '\n'
          << "  store time " << QString::number(storeSeconds, 'f', 1)
          << " s (generation excluded; wall "
          << QString::number(static_cast<double>(wall.elapsed()) / 1000.0, 'f', 1) << " s)\n"
          << "  " << rate(static_cast<double>(messageRows), storeSeconds) << " messages/s, "
          << rate(static_cast<double>(messageRows + reactionRows), storeSeconds)
          << " rows/s (messages + reactions)\n"
          << "  store CPU time " << QString::number(static_cast<double>(storeCpuNs) / 1e9, 'f', 1)
          << " s: " << rate(static_cast<double>(messageRows), static_cast<double>(storeCpuNs) / 1e9)
          << " messages/s, "
          << rate(static_cast<double>(messageRows + reactionRows),
                  static_cast<double>(storeCpuNs) / 1e9)
          << " rows/s per CPU second\n"
          << "  of which: users " << usersNs / 1000000 << " ms, messages " << messagesNs / 1000000
          << " ms, reactions " << reactionsNs / 1000000 << " ms, commits " << commitNs / 1000000
          << " ms\n";
    if (o.bulk) {
        out() << "  rebuilding the lookup indexes: " << restoreMs << " ms (CPU " << restoreCpuMs
              << " ms); including it " << rate(static_cast<double>(messageRows), totalSeconds)
              << " messages/s, "
              << rate(static_cast<double>(messageRows + reactionRows), totalSeconds) << " rows/s\n";
    }
    out() << "  listGuilds(): " << listUs << " µs (" << guilds->constFirst().messages
          << " messages, " << guilds->constFirst().reactions << " reactions counted); "
          << "channelStatus(): " << statusUs << " µs\n";
    if (db.backend() == Backend::Sqlite) {
        out() << "  database file: "
              << QString::number(static_cast<double>(QFileInfo(location->path()).size()) / 1e6, 'f',
                                 0)
              << " MB\n";
    }
    out().flush();
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Store write benchmark: a synthetic guild written page by page as a sync would."_s);
    parser.addHelpOption();
    parser.addOption(
        {u"db"_s, u"Database (default: a new SQLite file in a temporary folder)."_s, u"DB"_s});
    parser.addOption({u"messages"_s, u"Messages to write (default 1000000)."_s, u"N"_s});
    parser.addOption({u"reactions"_s, u"Mean reactions per message (default 5)."_s, u"N"_s});
    parser.addOption({u"page"_s, u"Messages per page and transaction (default 100)."_s, u"N"_s});
    parser.addOption({u"newest-first"_s, u"Write each channel newest first (before= paging)."_s});
    parser.addOption({u"bulk"_s, u"Suspend the lookup indexes during the load, rebuild after."_s});
    parser.process(app);

    Options options;
    QTemporaryDir dir;
    options.db = parser.isSet(u"db"_s) ? parser.value(u"db"_s) : dir.filePath(u"bench.db"_s);
    if (parser.isSet(u"messages"_s))
        options.messages = parser.value(u"messages"_s).toLongLong();
    if (parser.isSet(u"reactions"_s))
        options.reactionsPerMessage = parser.value(u"reactions"_s).toInt();
    if (parser.isSet(u"page"_s))
        options.pageSize = std::max(1, parser.value(u"page"_s).toInt());
    options.descending = parser.isSet(u"newest-first"_s);
    options.bulk = parser.isSet(u"bulk"_s);
    if (options.messages < options.channels) {
        QTextStream(stderr) << "bench_store: --messages must be at least " << options.channels
                            << Qt::endl;
        return 2;
    }
    return run(options) ? 0 : 1;
}
