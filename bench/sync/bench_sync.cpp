// bench_sync: the sync engine against `gavel emulate` (a child process) — time against the
// emulator's rate-limit lower bound, 429s, ingest rate and peak memory with the limits off,
// an incremental run over the unchanged guild, and a DiscordChatExporter-style sequential
// client on the same emulator and limits. Figures and commands: docs/benchmarks.md, "Sync".

#include "EmulatorProcess.h"
#include "LowerBound.h"
#include "SequentialClient.h"
#include "emulator/Snapshot.h"
#include "store/Location.h"
#include "sync/Engine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <optional>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

int fail(const Error &error)
{
    QTextStream(stderr) << "bench_sync: " << error.text() << Qt::endl;
    return 1;
}

class FixedTokenSource final : public discord::TokenSource
{
public:
    explicit FixedTokenSource(QString token)
        : m_token(std::move(token))
    {}
    Result<discord::Token> token() const override { return discord::Token(m_token.toUtf8()); }
    QString describe() const override { return u"the emulator's token"_s; }

private:
    QString m_token;
};

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

qint64 peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

struct StatsDelta
{
    qint64 requests = 0, messagesGroup = 0, reactionsGroup = 0;
    qint64 limitedGlobal = 0, limitedUser = 0, limitedShared = 0;
    qint64 maxPerBucket = 0, bucketsLimited = 0; //!< 429s of the worst bucket; buckets with any

    static StatsDelta of(const QJsonObject &stats)
    {
        StatsDelta d;
        d.requests = stats.value(u"requests_total"_s).toInteger();
        const QJsonObject groups = stats.value(u"requests"_s).toObject();
        d.messagesGroup = groups.value(u"messages"_s).toInteger();
        d.reactionsGroup = groups.value(u"reactions"_s).toInteger();
        const QJsonObject limited = stats.value(u"rate_limited"_s).toObject();
        d.limitedGlobal = limited.value(u"global"_s).toInteger();
        d.limitedUser = limited.value(u"user"_s).toInteger();
        d.limitedShared = limited.value(u"shared"_s).toInteger();
        d.maxPerBucket = stats.value(u"rate_limited_max_per_bucket"_s).toInteger();
        d.bucketsLimited = stats.value(u"rate_limited_by_bucket"_s).toObject().size();
        return d;
    }
    qint64 limited() const { return limitedGlobal + limitedUser + limitedShared; }
    QString describe() const
    {
        return u"%1 requests (messages %2, reactions %3, other %4); 429s: %5 (global %6, "
               "bucket %7, shared %8); at most %9 in one bucket (%10 buckets had any)"_s
                   .arg(requests)
                   .arg(messagesGroup)
                   .arg(reactionsGroup)
                   .arg(requests - messagesGroup - reactionsGroup)
                   .arg(limited())
                   .arg(limitedGlobal)
                   .arg(limitedUser)
                   .arg(limitedShared)
                   .arg(maxPerBucket)
                   .arg(bucketsLimited);
    }
};

struct EngineOutcome
{
    std::optional<Result<sync::Summary>> result;
    double wallS = 0, cpuS = 0;
};

EngineOutcome runEngine(const QString &db, const bench::EmulatorProcess &emulator,
                        const sync::Options &options)
{
    EngineOutcome outcome;
    QElapsedTimer timer;
    timer.start();
    const double cpu0 = cpuSeconds();
    sync::Engine engine(store::Location::sqliteFile(db), emulator.apiBase(),
                        std::make_shared<FixedTokenSource>(emulator.token()), options);
    QEventLoop loop;
    QElapsedTimer lastPrint;
    lastPrint.start();
    QObject::connect(
        &engine, &sync::Engine::progress, &loop, [&lastPrint](const sync::Progress &p) {
            if (lastPrint.elapsed() < 10'000)
                return;
            lastPrint.restart();
            QTextStream(stderr) << "  " << p.phase << ": channels " << p.channelsDone << "/"
                                << p.channelsTotal << ", messages " << p.messages << ", reactions "
                                << p.reactions << ", requests " << p.requests << " ("
                                << qRound(p.requestsPerSecond) << "/s), 429s " << p.rateLimited
                                << Qt::endl;
        });
    QObject::connect(&engine, &sync::Engine::finished, &loop,
                     [&outcome, &loop](const Result<sync::Summary> &result) {
                         outcome.result = result;
                         loop.quit();
                     });
    engine.start();
    if (!outcome.result)
        loop.exec();
    outcome.wallS = double(timer.nsecsElapsed()) / 1e9;
    outcome.cpuS = cpuSeconds() - cpu0;
    return outcome;
}

Result<StatsDelta> freshStart(const bench::EmulatorProcess &emulator)
{
    if (const Result<void> r = emulator.resetLimits(); !r)
        return r.error();
    if (const Result<void> r = emulator.resetStats(); !r)
        return r.error();
    return StatsDelta{};
}

Result<StatsDelta> statsNow(const bench::EmulatorProcess &emulator)
{
    const Result<QJsonObject> stats = emulator.stats();
    if (!stats)
        return stats.error();
    return StatsDelta::of(*stats);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Benchmarks the sync engine against gavel emulate: time against the rate-limit lower "
        "bound, 429s, ingest rate, peak memory, an incremental run, and a sequential "
        "DiscordChatExporter-style reference client."_s);
    parser.addHelpOption();
    const QCommandLineOption snapshotOpt(
        u"snapshot"_s, u"Guild snapshot to serve (default: generate the default demo)."_s,
        u"FILE"_s);
    const QCommandLineOption gavelOpt(u"gavel"_s, u"The gavel binary (runs the emulator)."_s,
                                      u"PATH"_s, QStringLiteral(GAVEL_BINARY_PATH));
    const QCommandLineOption globalOpt(u"global-rate"_s, u"Global limit per second."_s, u"N"_s,
                                       u"50"_s);
    const QCommandLineOption bucketOpt(u"bucket"_s, u"Per-route bucket LIMIT/SECONDS."_s, u"L/S"_s,
                                       u"5/1"_s);
    const QCommandLineOption scaleOpt(
        u"scale"_s,
        u"Multiply the global rate and every bucket's limit by K: the same shape of limits, "
        "K times faster (for guilds whose bound at Discord's rates is hours)."_s,
        u"K"_s, u"1"_s);
    const QCommandLineOption noLimitsOpt(u"no-rate-limits"_s,
                                         u"Turn every emulator limit off (ingest rate)."_s);
    const QCommandLineOption clientOpt(u"client"_s, u"engine, baseline or both."_s, u"WHICH"_s,
                                       u"engine"_s);
    const QCommandLineOption incrementalOpt(
        u"incremental"_s, u"After the engine's first sync, sync the unchanged guild again."_s);
    const QCommandLineOption dbOpt(u"db"_s, u"SQLite file to write (default: a temporary one)."_s,
                                   u"FILE"_s);
    const QCommandLineOption concurrencyOpt(u"concurrency"_s, u"Channels paged at once."_s, u"N"_s);
    const QCommandLineOption slicesOpt(
        u"channel-slices"_s, u"Slices of one long channel read at once (1 = none)."_s, u"N"_s);
    const QCommandLineOption connectionsOpt(u"connections"_s, u"HTTP connections."_s, u"N"_s);
    parser.addOptions({snapshotOpt, gavelOpt, globalOpt, bucketOpt, scaleOpt, noLimitsOpt,
                       clientOpt, incrementalOpt, dbOpt, concurrencyOpt, connectionsOpt,
                       slicesOpt});
    parser.process(app);

    const QString client = parser.value(clientOpt);
    const bool runEngineToo = client == u"engine"_s || client == u"both"_s;
    const bool runBaseline = client == u"baseline"_s || client == u"both"_s;
    if (!runEngineToo && !runBaseline)
        return fail(Error{u"--client must be engine, baseline or both."_s, {}});

    QTemporaryDir scratch;
    QString snapshotPath = parser.value(snapshotOpt);
    const QString gavel = parser.value(gavelOpt);
    if (snapshotPath.isEmpty()) {
        snapshotPath = scratch.filePath(u"demo.json"_s);
        QTextStream(stderr) << "generating the default demo guild..." << Qt::endl;
        if (QProcess::execute(gavel, {u"demo-guild"_s, u"--out"_s, snapshotPath}) != 0)
            return fail(Error{u"gavel demo-guild failed."_s, {}});
    }

    // Limits: scaled as a whole, so the bound's shape (which bucket dominates) stays the same.
    const int scale = std::max(1, parser.value(scaleOpt).toInt());
    const bool limitsOff = parser.isSet(noLimitsOpt);
    const int globalRate = parser.value(globalOpt).toInt() * scale;
    const QStringList bucketParts = parser.value(bucketOpt).split(u'/');
    const int bucketLimit = bucketParts.value(0).toInt() * scale;
    const double bucketSeconds = bucketParts.value(1, u"1"_s).toDouble();
    QStringList emulatorArgs;
    if (limitsOff) {
        emulatorArgs << u"--no-rate-limits"_s;
    } else {
        emulatorArgs << u"--global-rate"_s << QString::number(globalRate) << u"--bucket"_s
                     << u"%1/%2"_s.arg(bucketLimit).arg(bucketSeconds);
    }

    bench::EmulatorProcess emulator;
    QElapsedTimer loadTimer;
    loadTimer.start();
    if (const Result<void> started = emulator.start(gavel, snapshotPath, emulatorArgs); !started)
        return fail(started.error());
    out() << "snapshot: " << snapshotPath << " (emulator ready in "
          << QString::number(double(loadTimer.elapsed()) / 1000, 'f', 1) << " s)\n";
    out() << "limits: "
          << (limitsOff ? u"off"_s
                        : u"global %1/s, buckets %2 per %3 s (scale %4)"_s.arg(globalRate)
                              .arg(bucketLimit)
                              .arg(bucketSeconds)
                              .arg(scale))
          << "\n"
          << Qt::flush;

    // The bound needs the snapshot in this process; it is worked out after the runs, so its
    // memory does not count in the sync's peak RSS.
    Result<quint64> guild =
        bench::SequentialClient(emulator.apiBase(), emulator.token().toUtf8()).firstGuild();
    if (!guild)
        return fail(guild.error());
    const quint64 guildId = *guild;

    const QString db =
        parser.isSet(dbOpt) ? parser.value(dbOpt) : scratch.filePath(u"bench.sqlite"_s);
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::remove(db + suffix);
    sync::Options options;
    options.guildId = guildId;
    // The client keeps the server's global budget itself (Discord announces none in advance).
    options.globalPerSecond = limitsOff ? 0 : globalRate;
    if (parser.isSet(slicesOpt))
        options.channelSlices = parser.value(slicesOpt).toInt();
    if (parser.isSet(concurrencyOpt))
        options.channelConcurrency = parser.value(concurrencyOpt).toInt();
    if (parser.isSet(connectionsOpt))
        options.connections = parser.value(connectionsOpt).toInt();

    std::optional<EngineOutcome> first, second;
    StatsDelta firstStats, secondStats, baselineStats;
    qint64 rssAfterSync = 0;
    if (runEngineToo) {
        if (const Result<StatsDelta> r = freshStart(emulator); !r)
            return fail(r.error());
        first = runEngine(db, emulator, options);
        rssAfterSync = peakRssMb();
        if (!*first->result)
            return fail(first->result->error());
        const Result<StatsDelta> stats = statsNow(emulator);
        if (!stats)
            return fail(stats.error());
        firstStats = *stats;
        if (parser.isSet(incrementalOpt)) {
            if (const Result<StatsDelta> r = freshStart(emulator); !r)
                return fail(r.error());
            second = runEngine(db, emulator, options);
            if (!*second->result)
                return fail(second->result->error());
            const Result<StatsDelta> again = statsNow(emulator);
            if (!again)
                return fail(again.error());
            secondStats = *again;
        }
    }
    std::optional<bench::SequentialClient::Counts> baseline;
    double baselineWall = 0;
    if (runBaseline) {
        if (const Result<StatsDelta> r = freshStart(emulator); !r)
            return fail(r.error());
        QElapsedTimer timer;
        timer.start();
        bench::SequentialClient sequential(emulator.apiBase(), emulator.token().toUtf8());
        const Result<bench::SequentialClient::Counts> counts = sequential.run(guildId);
        baselineWall = double(timer.nsecsElapsed()) / 1e9;
        if (!counts)
            return fail(counts.error());
        baseline = *counts;
        const Result<StatsDelta> stats = statsNow(emulator);
        if (!stats)
            return fail(stats.error());
        baselineStats = *stats;
    }
    emulator.stop();

    QTextStream(stderr) << "loading the snapshot for the lower bound..." << Qt::endl;
    const Result<emulator::Snapshot> snapshot = emulator::Snapshot::load(snapshotPath);
    if (!snapshot)
        return fail(snapshot.error());
    const bench::NeededRequests needed = bench::NeededRequests::of(*snapshot);
    out() << "guild: " << needed.messages << " readable messages in " << needed.channels
          << " channels and threads, " << needed.reactionUsers << " reaction users, "
          << snapshot->members().size() << " members\n";
    out() << "needed at least: " << needed.messagePages << " message pages, "
          << needed.reactionPages << " reaction-user pages, " << needed.memberPages
          << " member pages; busiest bucket: " << needed.busiestBucket << " ("
          << needed.busiestBucketRequests << " requests)\n";

    // The bound: the needed requests of the message and reaction buckets plus what the client
    // asked of every other route (guild, channels, threads, members: few), at the global rate;
    // and the busiest bucket at its rate. The larger one wins.
    const auto boundFor = [&](const StatsDelta &stats) {
        const double otherRequests =
            double(stats.requests - stats.messagesGroup - stats.reactionsGroup);
        const double neededTotal =
            double(needed.messagePages + needed.reactionPages) + otherRequests;
        const double globalBound = neededTotal / globalRate;
        const double bucketBound =
            double(needed.busiestBucketRequests) / (double(bucketLimit) / bucketSeconds);
        return std::pair{
            std::max(globalBound, bucketBound),
            u"global %1 ÷ %2/s = %3 s; busiest bucket %4 ÷ %5/s = %6 s"_s.arg(qint64(neededTotal))
                .arg(globalRate)
                .arg(globalBound, 0, 'f', 1)
                .arg(needed.busiestBucketRequests)
                .arg(double(bucketLimit) / bucketSeconds)
                .arg(bucketBound, 0, 'f', 1)};
    };

    if (first) {
        const sync::Summary &summary = first->result->value();
        out() << "engine: wall " << QString::number(first->wallS, 'f', 2) << " s, cpu "
              << QString::number(first->cpuS, 'f', 2) << " s, peak RSS " << rssAfterSync << " MB; "
              << firstStats.describe() << "\n";
        out() << "engine summary: " << summary.line() << "\n";
        out() << "engine ingest: " << qRound64(double(needed.messages) / first->wallS)
              << " messages/s, " << qRound64(double(needed.reactionUsers) / first->wallS)
              << " reaction users/s (wall)\n";
        if (!limitsOff) {
            const auto [bound, how] = boundFor(firstStats);
            out() << "bound: " << QString::number(bound, 'f', 1) << " s (" << how << ")\n";
            out() << "engine wall ÷ bound: " << QString::number(first->wallS / bound, 'f', 3)
                  << "\n";
        }
    }
    if (second) {
        out() << "incremental: wall " << QString::number(second->wallS, 'f', 2) << " s, cpu "
              << QString::number(second->cpuS, 'f', 2) << " s; " << secondStats.describe() << "\n";
        out() << "incremental summary: " << second->result->value().line() << "\n";
    }
    if (baseline) {
        out() << "baseline (sequential): wall " << QString::number(baselineWall, 'f', 2)
              << " s, slept " << QString::number(double(baseline->sleptMs) / 1000, 'f', 1) << " s; "
              << baselineStats.describe() << "; read " << baseline->messages << " messages, "
              << baseline->reactionUsers << " reaction users, " << baseline->members
              << " members\n";
        if (!limitsOff) {
            const auto [bound, how] = boundFor(baselineStats);
            out() << "baseline wall ÷ bound: " << QString::number(baselineWall / bound, 'f', 3)
                  << " (" << how << ")\n";
        }
        if (first) {
            out() << "baseline wall ÷ engine wall: "
                  << QString::number(baselineWall / first->wallS, 'f', 2) << "\n";
        }
    }
    out() << Qt::flush;
    return 0;
}
