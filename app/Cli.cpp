#include "Cli.h"

#include "report/Csv.h"

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

QString csvText(const QString &text)
{
    return report::csv::field(text);
}

QString csvNumber(const QString &text)
{
    return report::csv::number(text);
}

bool isPlainNumber(QStringView text)
{
    // Hand-written rather than a regular expression: it runs for every cell of a large table.
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto digits = [&] {
        const qsizetype start = i;
        while (i < n && text[i] >= u'0' && text[i] <= u'9')
            ++i;
        return i > start;
    };
    if (i < n && text[i] == u'-')
        ++i;
    if (!digits())
        return false;
    if (i < n && text[i] == u'.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < n && (text[i] == u'e' || text[i] == u'E')) {
        ++i;
        if (i < n && (text[i] == u'-' || text[i] == u'+'))
            ++i;
        if (!digits())
            return false;
    }
    return i == n;
}

QString csvCell(const QString &text)
{
    return isPlainNumber(text) ? csvNumber(text) : csvText(text);
}

} // namespace gavel::cli
