#include "Cli.h"
#include "Commands.h"
#include "DemoSession.h"
#include "MainWindow.h"
#include "Settings.h"

#include <QApplication>
#include <QFileInfo>

int gavel::cli::runGui(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption db(QStringLiteral("db"),
                                QStringLiteral("SQLite file or postgresql:// URL to open."),
                                QStringLiteral("DB"));
    parser.addOption(db);
    if (const auto exit = parse(parser, args))
        return *exit;

    ui::MainWindow window;
    DemoSession demo(window);
    window.setDemoLauncher([&demo] { demo.start(); });
    window.show();

    if (parser.isSet(db)) {
        window.openDatabase(parser.value(db));
    } else {
        // Reopen what was open last time, when it is still there.
        const QString last = ui::Settings().lastDatabase();
        const bool isUrl = last.startsWith(u"postgres");
        if (!last.isEmpty() && (isUrl || QFileInfo::exists(last)))
            window.openDatabase(last);
    }
    // First run (no guild anywhere yet): the connection wizard, which also offers the demo.
    if (window.isFirstRun())
        window.showConnectWizard();
    return QApplication::exec();
}
