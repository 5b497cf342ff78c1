#include "Cli.h"
#include "Commands.h"
#include "DemoSession.h"
#include "MainWindow.h"

#include <QApplication>

int gavel::cli::runDemo(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Generates the demo guild (once), serves it with Gavel's Discord emulator on 127.0.0.1 "
        "and opens it in the GUI."));
    if (const auto exit = parse(parser, args))
        return *exit;

    ui::MainWindow window;
    DemoSession demo(window);
    window.setDemoLauncher([&demo] { demo.start(); });
    window.show();
    demo.start();
    return QApplication::exec();
}
