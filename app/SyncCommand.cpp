// gavel sync: a guild's history into the database over the REST API (docs/sync.md).

#include "Cli.h"
#include "Commands.h"
#include "common/Snowflake.h"
#include "discord/KeychainTokenSource.h"
#include "discord/Token.h"
#include "store/Location.h"
#include "sync/Engine.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int signalPipe[2] = {-1, -1};

extern "C" void onInterrupt(int)
{
    const char byte = 1;
    const auto written = ::write(signalPipe[1], &byte, 1);
    static_cast<void>(written);
}

//! SIGINT/SIGTERM cancel the sync cleanly (the page in flight is dropped, the rest is kept).
void installCancelHandler(gavel::sync::Engine *engine)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, engine);
    QObject::connect(notifier, &QSocketNotifier::activated, engine, [engine] {
        char byte = 0;
        const auto got = ::read(signalPipe[0], &byte, 1);
        static_cast<void>(got);
        engine->cancel();
    });
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

QString duration(qint64 ms)
{
    if (ms < 0)
        return u"?"_s;
    const qint64 s = (ms + 999) / 1000;
    if (s < 60)
        return u"%1s"_s.arg(s);
    if (s < 3600)
        return u"%1m%2s"_s.arg(s / 60).arg(s % 60, 2, 10, QChar(u'0'));
    return u"%1h%2m"_s.arg(s / 3600).arg((s / 60) % 60, 2, 10, QChar(u'0'));
}

QString progressLine(const gavel::sync::Progress &p)
{
    return u"%1: channels %2/%3, %4 messages, %5 reactions, %6 members, %7 req/s, %8 429s, ETA %9"_s
        .arg(p.phase)
        .arg(p.channelsDone)
        .arg(p.channelsTotal)
        .arg(p.messages)
        .arg(p.reactions)
        .arg(p.members)
        .arg(p.requestsPerSecond, 0, 'f', 1)
        .arg(p.rateLimited)
        .arg(duration(p.etaMs));
}

int positive(const QCommandLineParser &parser, const QString &name, int fallback, bool *ok)
{
    if (!parser.isSet(name))
        return fallback;
    bool valid = false;
    const int v = parser.value(name).toInt(&valid);
    if (!valid || v < 0) {
        gavel::cli::printError(
            u"sync"_s, u"--%1 wants a whole number ≥ 0, not '%2'"_s.arg(name, parser.value(name)));
        *ok = false;
    }
    return v;
}

} // namespace

namespace gavel::cli {

int runSync(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Syncs a guild's history (messages, reactions, threads, members, roles) into the "
        u"database; resumable and incremental (docs/sync.md)."_s);
    parser.addOption({u"db"_s, u"SQLite file or postgresql:// URL."_s, u"DB"_s});
    parser.addOption({u"guild"_s, u"The guild (server) id."_s, u"ID"_s});
    parser.addOption(
        {u"api"_s,
         u"API base URL including /api/v10 (default %1)."_s.arg(u"https://discord.com/api/v10"_s),
         u"URL"_s});
    parser.addOption({u"token-env"_s,
                      u"Environment variable holding the bot token, used when the keychain has "
                      u"no entry for the guild (default GAVEL_TOKEN)."_s,
                      u"VAR"_s});
    parser.addOption({u"full"_s, u"Re-read and verify everything, not only what changed."_s});
    parser.addOption({u"rescan-days"_s,
                      u"Incremental re-scan window in days for edits, deletions and reactions "
                      u"(default 14; 0 with --rescan-messages 0 turns the re-scan off)."_s,
                      u"N"_s});
    parser.addOption({u"rescan-messages"_s,
                      u"Re-scan at least the newest N messages of each channel (default 1000)."_s,
                      u"N"_s});
    parser.addOption({u"concurrency"_s, u"Channels read at once (default 16)."_s, u"N"_s});
    parser.addOption({u"connections"_s, u"HTTP connections (default 8)."_s, u"N"_s});
    parser.addOption({u"channel-slices"_s,
                      u"On a first read, a long channel is read in up to N id ranges at once "
                      u"(default 8; 1 = one range)."_s,
                      u"N"_s});
    parser.addOption({u"global-rate"_s,
                      u"Requests per second for the whole bot (default 50, Discord's limit; 0 = "
                      u"no client-side limit, for an emulator without limits)."_s,
                      u"N"_s});
    parser.addOption({u"progress-interval"_s,
                      u"Seconds between progress lines when stderr is not a terminal (default "
                      u"5; 0 = none)."_s,
                      u"S"_s});
    if (auto exit = parse(parser, args, {u"db"_s, u"guild"_s}))
        return *exit;

    const auto location = store::Location::parse(parser.value(u"db"_s));
    if (!location) {
        printError(u"sync"_s, location.error().text());
        return ExitUsage;
    }
    const auto guildId = snowflake::parse(QStringView(parser.value(u"guild"_s)));
    if (!guildId || *guildId == 0) {
        printError(u"sync"_s, u"--guild wants the server's numeric id, not '%1'"_s.arg(
                                  parser.value(u"guild"_s)));
        return ExitUsage;
    }
    const QUrl api(parser.isSet(u"api"_s) ? parser.value(u"api"_s)
                                          : u"https://discord.com/api/v10"_s);
    if (!api.isValid() || (api.scheme() != u"http" && api.scheme() != u"https")) {
        printError(u"sync"_s, u"--api wants an http(s) URL such as http://127.0.0.1:PORT/api/v10, "
                              u"not '%1'"_s.arg(parser.value(u"api"_s)));
        return ExitUsage;
    }
    sync::Options options;
    options.guildId = *guildId;
    options.full = parser.isSet(u"full"_s);
    bool ok = true;
    options.rescanDays = positive(parser, u"rescan-days"_s, options.rescanDays, &ok);
    options.rescanMessages = positive(parser, u"rescan-messages"_s, options.rescanMessages, &ok);
    options.channelConcurrency =
        std::max(1, positive(parser, u"concurrency"_s, options.channelConcurrency, &ok));
    options.connections = std::max(1, positive(parser, u"connections"_s, options.connections, &ok));
    options.channelSlices =
        std::max(1, positive(parser, u"channel-slices"_s, options.channelSlices, &ok));
    options.globalPerSecond = positive(parser, u"global-rate"_s, options.globalPerSecond, &ok);
    const int interval = positive(parser, u"progress-interval"_s, 5, &ok);
    if (!ok)
        return ExitUsage;

    const QString variable = parser.isSet(u"token-env"_s)
                                 ? parser.value(u"token-env"_s)
                                 : discord::EnvTokenSource::defaultVariable();
    auto token = std::make_shared<discord::GuildTokenSource>(*guildId, variable);

    sync::Engine engine(*location, api, token, options);
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    QElapsedTimer sinceLine;
    sinceLine.start();
    bool lineOpen = false;
    QObject::connect(&engine, &sync::Engine::progress, &engine, [&](const sync::Progress &p) {
        if (tty) {
            err() << '\r' << progressLine(p) << "\x1b[K";
            err().flush();
            lineOpen = true;
        } else if (interval > 0 && sinceLine.elapsed() >= interval * 1000 && p.phase != u"done") {
            err() << "gavel sync: " << progressLine(p) << Qt::endl;
            sinceLine.restart();
        }
    });
    int exitCode = ExitOk;
    QObject::connect(&engine, &sync::Engine::finished, &engine,
                     [&](const Result<sync::Summary> &result) {
                         if (lineOpen) {
                             err() << '\n';
                             err().flush();
                         }
                         if (!result) {
                             printError(u"sync"_s, result.error().text());
                             exitCode = ExitFailure;
                         } else {
                             out() << result->line() << Qt::endl;
                             if (!result->unreadableChannels.isEmpty())
                                 err() << "gavel sync: not readable by the bot: "
                                       << result->unreadableChannels.join(u", "_s) << Qt::endl;
                             exitCode = result->cancelled ? ExitFailure : ExitOk;
                         }
                         QCoreApplication::exit(exitCode);
                     });
    installCancelHandler(&engine);
    engine.start();
    QCoreApplication::exec();
    return exitCode;
}

} // namespace gavel::cli
