#include "Cli.h"

#include <QStringConverter>

#include <cstdio>

namespace gavel::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    stream.setEncoding(QStringConverter::Utf8);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    stream.setEncoding(QStringConverter::Utf8);
    return stream;
}

void printError(const QString &command, const QString &message)
{
    err() << "gavel " << command << ": " << message << Qt::endl;
}

std::optional<int> parse(QCommandLineParser &parser, const QStringList &args,
                         const QStringList &requiredOptions)
{
    const QString command = args.value(0);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Shows this help."));
    parser.addOption(help);
    QStringList withProgram = args;
    withProgram.prepend(QStringLiteral("gavel"));
    if (!parser.parse(withProgram)) {
        printError(command, parser.errorText());
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        out() << parser.helpText().replace(QStringLiteral("gavel [options]"),
                                           QStringLiteral("gavel ") + command + u" [options]");
        out().flush();
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        printError(command, QStringLiteral("unexpected argument: ") + positional.at(1));
        return ExitUsage;
    }
    for (const QString &name : requiredOptions) {
        if (!parser.isSet(name)) {
            printError(command, QStringLiteral("missing required option --") + name);
            return ExitUsage;
        }
    }
    return std::nullopt;
}

} // namespace gavel::cli
