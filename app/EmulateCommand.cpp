// gavel emulate: serve a guild snapshot as Discord REST v10 on 127.0.0.1 (docs/emulator.md).

#include "Cli.h"
#include "Commands.h"
#include "DemoData.h"
#include "common/Snowflake.h"
#include "emulator/Server.h"
#include "emulator/Snapshot.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using namespace gavel::emulator;

int signalPipe[2] = {-1, -1};

extern "C" void onTerminationSignal(int)
{
    const char byte = 1;
    const auto written = ::write(signalPipe[1], &byte, 1);
    static_cast<void>(written);
}

//! Quits the event loop on SIGINT or SIGTERM (the handler only writes to a socket pair).
bool installSignalHandlers(QObject *context)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [] {
        char byte = 0;
        const auto got = ::read(signalPipe[0], &byte, 1);
        static_cast<void>(got);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 &&
           ::sigaction(SIGTERM, &action, nullptr) == 0;
}

struct Usage
{
    QString message;
};

//! "GROUP=LIMIT/SECONDS" (sub-limits may end in ":user" or ":shared").
std::pair<QByteArray, QString> splitAssignment(const QString &text, const QString &option)
{
    const qsizetype eq = text.indexOf(u'=');
    if (eq <= 0)
        throw Usage{QStringLiteral("--%1 wants GROUP=LIMIT/SECONDS, not '%2'").arg(option, text)};
    const QString group = text.left(eq);
    if (!Server::routeGroups().contains(group)) {
        throw Usage{QStringLiteral("--%1: unknown route group '%2' (groups: %3)")
                        .arg(option, group, Server::routeGroups().join(QStringLiteral(", ")))};
    }
    return {group.toUtf8(), text.mid(eq + 1)};
}

BucketLimit bucketOrThrow(const QString &text, const QString &option)
{
    const auto bucket = BucketLimit::parse(text);
    if (!bucket) {
        throw Usage{QStringLiteral("--%1 wants LIMIT/SECONDS such as 5/1 (0/1 turns limits off), "
                                   "not '%2'")
                        .arg(option, text)};
    }
    return *bucket;
}

} // namespace

int gavel::cli::runEmulate(const QStringList &args)
{
    const QString command = args.value(0);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serves a guild snapshot as Discord REST v10 on 127.0.0.1."));
    const QCommandLineOption snapshotOption(
        QStringLiteral("snapshot"), QStringLiteral("guild-snapshot/1 file (.json or .json.gz)"),
        QStringLiteral("FILE"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral("serve the default demo guild (generated on first use, then cached)"));
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("TCP port; 0 or absent picks a free one"),
                                        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption tokenOption(QStringLiteral("token"),
                                         QStringLiteral("bot token clients must send (used when "
                                                        "the --token-env variable is not set)"),
                                         QStringLiteral("T"));
    const QCommandLineOption tokenEnvOption(QStringLiteral("token-env"),
                                            QStringLiteral("environment variable that holds the "
                                                           "token (default GAVEL_TOKEN)"),
                                            QStringLiteral("VAR"), QStringLiteral("GAVEL_TOKEN"));
    const QCommandLineOption botOption(QStringLiteral("bot-user"),
                                       QStringLiteral("answer as this member instead of the bot "
                                                      "found in the snapshot"),
                                       QStringLiteral("ID"));
    const QCommandLineOption globalOption(QStringLiteral("global-rate"),
                                          QStringLiteral("global limit in requests/s (default 50; "
                                                         "0 = off)"),
                                          QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption bucketOption(QStringLiteral("bucket"),
                                          QStringLiteral("default per-route bucket (default 5/1; "
                                                         "0/1 = off)"),
                                          QStringLiteral("LIMIT/SECONDS"), QStringLiteral("5/1"));
    const QCommandLineOption routeBucketOption(QStringLiteral("route-bucket"),
                                               QStringLiteral("bucket of one route group "
                                                              "(repeatable)"),
                                               QStringLiteral("GROUP=LIMIT/SECONDS"));
    const QCommandLineOption subLimitOption(QStringLiteral("sub-limit"),
                                            QStringLiteral("hidden sub-limit of a route group, "
                                                           "scope user or shared (repeatable)"),
                                            QStringLiteral("GROUP=LIMIT/SECONDS[:SCOPE]"));
    const QCommandLineOption noLimitsOption(
        QStringLiteral("no-rate-limits"), QStringLiteral("turn every rate limit off (benchmarks)"));
    const QCommandLineOption invalidOption(QStringLiteral("invalid-threshold"),
                                           QStringLiteral("401/403/429 answers per 10 minutes "
                                                          "before the Cloudflare ban (default "
                                                          "10000; 0 = never)"),
                                           QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption faultsOption(QStringLiteral("faults"),
                                          QStringLiteral("share of requests that fail (0..1)"),
                                          QStringLiteral("RATE"), QStringLiteral("0"));
    const QCommandLineOption seedOption(QStringLiteral("fault-seed"),
                                        QStringLiteral("seed of the fault draws"),
                                        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption kindsOption(QStringLiteral("fault-kinds"),
                                         QStringLiteral("subset of 500,502,503,html,reset,"
                                                        "truncate,slow,reset-after (default: all "
                                                        "but reset-after)"),
                                         QStringLiteral("LIST"));
    const QCommandLineOption slowOption(QStringLiteral("slow-ms"),
                                        QStringLiteral("delay of 'slow' faults (default 2000)"),
                                        QStringLiteral("MS"), QStringLiteral("2000"));
    const QCommandLineOption noMembersOption(QStringLiteral("no-members-intent"),
                                             QStringLiteral("the bot lacks the members intent"));
    const QCommandLineOption noContentOption(QStringLiteral("no-message-content-intent"),
                                             QStringLiteral("the bot lacks the message-content "
                                                            "intent (content is \"\")"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"),
                                           QStringLiteral("one stderr line per injected fault"));
    parser.addOptions({snapshotOption, demoOption, portOption, tokenOption, tokenEnvOption,
                       botOption, globalOption, bucketOption, routeBucketOption, subLimitOption,
                       noLimitsOption, invalidOption, faultsOption, seedOption, kindsOption,
                       slowOption, noMembersOption, noContentOption, verboseOption});
    if (const auto exit = parse(parser, args))
        return *exit;
    if (parser.isSet(snapshotOption) == parser.isSet(demoOption)) {
        printError(command, QStringLiteral("give exactly one of --snapshot FILE and --demo"));
        return ExitUsage;
    }

    ServerOptions options;
    try {
        bool ok = false;
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535)
            throw Usage{QStringLiteral("--port wants a number from 0 to 65535")};
        options.port = static_cast<quint16>(port);
        if (parser.isSet(botOption)) {
            const auto bot = gavel::snowflake::parse(QStringView(parser.value(botOption)));
            if (!bot)
                throw Usage{QStringLiteral("--bot-user wants a user id")};
            options.botUserId = *bot;
        }
        options.globalRate = parser.value(globalOption).toInt(&ok);
        if (!ok || options.globalRate < 0)
            throw Usage{QStringLiteral("--global-rate wants a number >= 0")};
        options.bucket = bucketOrThrow(parser.value(bucketOption), QStringLiteral("bucket"));
        for (const QString &value : parser.values(routeBucketOption)) {
            const auto [group, spec] = splitAssignment(value, QStringLiteral("route-bucket"));
            options.routeBuckets.insert(group, bucketOrThrow(spec, QStringLiteral("route-bucket")));
        }
        for (const QString &value : parser.values(subLimitOption)) {
            auto [group, spec] = splitAssignment(value, QStringLiteral("sub-limit"));
            SubLimit sub;
            const qsizetype colon = spec.indexOf(u':');
            if (colon >= 0) {
                const auto scope = parseScope(QStringView(spec).sliced(colon + 1));
                if (!scope || *scope == LimitScope::Global)
                    throw Usage{QStringLiteral("--sub-limit scope is user or shared")};
                sub.scope = *scope;
                spec.truncate(colon);
            }
            const BucketLimit limit = bucketOrThrow(spec, QStringLiteral("sub-limit"));
            if (!limit.enabled())
                throw Usage{QStringLiteral("--sub-limit wants a limit of at least 1")};
            sub.limit = limit.limit;
            sub.seconds = limit.seconds;
            options.subLimits.insert(group, sub);
        }
        options.rateLimits = !parser.isSet(noLimitsOption);
        options.invalidRequestThreshold = parser.value(invalidOption).toInt(&ok);
        if (!ok || options.invalidRequestThreshold < 0)
            throw Usage{QStringLiteral("--invalid-threshold wants a number >= 0")};
        options.faults.rate = parser.value(faultsOption).toDouble(&ok);
        if (!ok || options.faults.rate < 0 || options.faults.rate > 1)
            throw Usage{QStringLiteral("--faults wants a rate from 0 to 1")};
        options.faults.seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok)
            throw Usage{QStringLiteral("--fault-seed wants a non-negative number")};
        if (parser.isSet(kindsOption)) {
            QString error;
            const auto kinds = FaultConfig::parseKinds(parser.value(kindsOption), &error);
            if (!kinds)
                throw Usage{QStringLiteral("--fault-kinds: ") + error};
            options.faults.kinds = *kinds;
        }
        options.faults.slowMs = parser.value(slowOption).toInt(&ok);
        if (!ok || options.faults.slowMs < 0)
            throw Usage{QStringLiteral("--slow-ms wants a number >= 0")};
        options.membersIntent = !parser.isSet(noMembersOption);
        options.messageContentIntent = !parser.isSet(noContentOption);
        options.verbose = parser.isSet(verboseOption);
    } catch (const Usage &usage) {
        printError(command, usage.message);
        return ExitUsage;
    }

    // The token: the variable named by --token-env, else --token, else a fixed default.
    const QString tokenVariable = parser.value(tokenEnvOption);
    QString tokenSource;
    if (const QString fromEnv = qEnvironmentVariable(tokenVariable.toLocal8Bit().constData());
        !tokenVariable.isEmpty() && !fromEnv.isEmpty()) {
        options.token = fromEnv;
        tokenSource = QStringLiteral("the token from environment variable ") + tokenVariable;
    } else if (parser.isSet(tokenOption) && !parser.value(tokenOption).isEmpty()) {
        options.token = parser.value(tokenOption);
        tokenSource = QStringLiteral("the token given with --token");
    } else {
        options.token = ServerOptions::defaultToken();
        tokenSource = QStringLiteral("the fixed default token '%1' (set %2 or --token to change "
                                     "it)")
                          .arg(options.token, tokenVariable);
    }

    QElapsedTimer timer;
    timer.start();
    QString snapshotPath = parser.value(snapshotOption);
    if (parser.isSet(demoOption)) {
        const auto demo = ensureDemoSnapshot();
        if (!demo) {
            printError(command, demo.error().text());
            return ExitFailure;
        }
        snapshotPath = *demo;
    }
    auto snapshot = Snapshot::load(snapshotPath);
    if (!snapshot) {
        printError(command, snapshot.error().text());
        return ExitFailure;
    }
    const double loadSeconds = static_cast<double>(timer.elapsed()) / 1000.0;
    const qint64 channels = static_cast<qint64>(snapshot->channels().size());
    const qint64 members = static_cast<qint64>(snapshot->members().size());
    const qint64 messages = snapshot->messageCount();
    const qint64 reactors = snapshot->reactionUserCount();

    Server server(std::move(*snapshot));
    const auto port = server.listen(options);
    if (!port) {
        printError(command, port.error().text());
        return ExitFailure;
    }
    if (!installSignalHandlers(&server)) {
        printError(command, QStringLiteral("cannot install the SIGINT/SIGTERM handlers"));
        return ExitFailure;
    }
    out() << "listening on " << server.apiBase() << Qt::endl; // Qt::endl flushes
    err() << "gavel emulate: " << members << " members, " << channels << " channels, " << messages
          << " messages, " << reactors << " reaction users loaded in "
          << QString::number(loadSeconds, 'f', 2) << " s; bot user " << server.botUserId()
          << "; clients must send " << tokenSource << "; admin API at " << server.adminBase()
          << Qt::endl;
    const int code = QCoreApplication::exec();
    server.close();
    return code == 0 ? ExitOk : ExitFailure;
}
