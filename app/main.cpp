// gavel: the GUI with no subcommand, a headless tool with one (../shared/docs/cli.md).

#include "Cli.h"
#include "Commands.h"
#include "common/ProcessHardening.h"
#include "common/Version.h"

#include <QApplication>
#include <QCoreApplication>

#include <memory>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {

struct Command
{
    QStringView name;
    QStringView summary;
    int (*run)(const QStringList &args);
    bool gui;
    //! Renders images or a PDF but opens no window: works without a display (offscreen).
    bool windowless = false;
};

constexpr Command commands[] = {
    {u"demo", u"generate the demo guild, serve it, and open it in the GUI", gavel::cli::runDemo,
     true},
    {u"emulate", u"serve a guild snapshot as Discord REST v10 on 127.0.0.1", gavel::cli::runEmulate,
     false},
    {u"demo-guild", u"write a demo guild snapshot with planted rings and alt families",
     gavel::cli::runDemoGuild, false},
    {u"sync", u"sync a guild's history into the database (resumable, incremental)",
     gavel::cli::runSync, false},
    {u"status", u"what is stored per guild and channel, and when it was synced",
     gavel::cli::runStatus, false},
    {u"scores", u"every member's score and level under a policy", gavel::cli::runScores, false},
    {u"plan", u"the role changes a policy wants, with the reason for each", gavel::cli::runPlan,
     false},
    {u"compare", u"the policy lab: how two policies differ over the same history",
     gavel::cli::runCompare, false},
    {u"pairs", u"the reactor-pair matrix: who reacts to whom, and how reciprocally",
     gavel::cli::runPairs, false},
    {u"clusters", u"like-for-like rings and alt-account families, with evidence",
     gavel::cli::runClusters, false},
    {u"audit", u"one member's full audit: reactions, pairs, roles and flags", gavel::cli::runAudit,
     false},
    {u"reviewers", u"the moderation team (moderators, admins, approvers) and its settings",
     gavel::cli::runReviewers, false},
    {u"propose", u"save a policy's plan (or hand-picked changes) as a proposal for review",
     gavel::cli::runPropose, false},
    {u"proposals", u"proposals with their state, approvals, expiry and staleness",
     gavel::cli::runProposals, false},
    {u"approve", u"approve a proposal (never one's own)", gavel::cli::runApprove, false},
    {u"reject", u"reject a proposal; any rejection blocks it", gavel::cli::runReject, false},
    {u"push", u"apply an approved proposal to Discord (resumable, one line per change)",
     gavel::cli::runPush, false},
    {u"verify-log", u"check the hash chain of the moderation audit log", gavel::cli::runVerifyLog,
     false},
    {u"export", u"export evidence: a member's, cluster's or proposal's evidence package",
     gavel::cli::runExport, false},
    {u"report", u"a case report (HTML or PDF) for a cluster or a proposal", gavel::cli::runReport,
     true, true},
    {u"import", u"import DiscordChatExporter JSON exports into a database", gavel::cli::runImport,
     false},
};

void printUsage()
{
    auto &out = gavel::cli::out();
    out << "Usage: gavel [--db DB]            open the GUI\n"
           "       gavel <command> [options]  run headless\n\nCommands:\n";
    for (const Command &c : commands)
        out << "  " << c.name.toString().leftJustified(12) << ' ' << c.summary.toString() << '\n';
    out << "\nRun 'gavel <command> --help' for a command's options.\n";
    out.flush();
}

bool hasDisplay()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

//! Instead of Qt's abort ("could not connect to display") for a command that opens a window.
int refuseWithoutDisplay(const QString &command)
{
    gavel::cli::printError(command,
                           QStringLiteral("no display (neither DISPLAY nor WAYLAND_DISPLAY is "
                                          "set). Run it in a desktop session or with ssh -X, "
                                          "or use the headless commands: gavel --help"));
    return gavel::cli::ExitFailure;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything opens a file or starts a thread: owner-only files, no core dumps.
    gavel::hardening::hardenProcess();
#ifdef __GLIBC__
    // Large arrays (a guild's history) go back to the system when freed: past the first free,
    // glibc's dynamic threshold keeps them on the heap, and a GUI that reloads a guild or an
    // analysis would keep every earlier copy resident (docs/benchmarks.md, Policies).
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
    if (qEnvironmentVariable("GAVEL_PRINT_HARDENING") == u"1")
        gavel::cli::err() << "gavel: hardening: "
                          << gavel::hardening::describe(gavel::hardening::status()) << Qt::endl;

    QCoreApplication::setOrganizationName(QStringLiteral("Gavel"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("gavel.invalid"));
    QCoreApplication::setApplicationName(QStringLiteral("gavel"));
    QCoreApplication::setApplicationVersion(gavel::versionString());

    QStringList args;
    args.reserve(argc - 1);
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    const QString first = args.value(0);
    if (first == u"--version" || first == u"-v") {
        gavel::cli::out() << "gavel " << gavel::versionString() << Qt::endl;
        return gavel::cli::ExitOk;
    }
    if (first == u"--help" || first == u"-h" || first == u"help") {
        printUsage();
        return gavel::cli::ExitOk;
    }

    // No subcommand (or only GUI options such as --db): the GUI.
    if (first.isEmpty() || first.startsWith(u'-')) {
        if (!hasDisplay() && !args.contains(QStringLiteral("-platform")))
            return refuseWithoutDisplay(QStringLiteral("gui"));
        QApplication app(argc, argv);
        args.prepend(QStringLiteral("gui"));
        return gavel::cli::runGui(args);
    }

    for (const Command &c : commands) {
        if (c.name != first)
            continue;
        // Over ssh or in CI a report still renders its charts and PDF, without a window.
        if (c.windowless && !hasDisplay())
            qputenv("QT_QPA_PLATFORM", "offscreen");
        else if (c.gui && !hasDisplay() && !args.contains(QStringLiteral("--help")) &&
                 !args.contains(QStringLiteral("-h")))
            return refuseWithoutDisplay(first);
        std::unique_ptr<QCoreApplication> app;
        if (c.gui)
            app = std::make_unique<QApplication>(argc, argv);
        else
            app = std::make_unique<QCoreApplication>(argc, argv);
        return c.run(args);
    }
    gavel::cli::printError(first,
                           QStringLiteral("unknown command; run 'gavel --help' for the list"));
    return gavel::cli::ExitUsage;
}
