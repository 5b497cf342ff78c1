// gavel demo-guild: writes a demo guild snapshot and its ground truth (docs/demo-guild.md).

#include "Cli.h"
#include "Commands.h"
#include "demoguild/DemoGuild.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDateTime>
#include <QTimeZone>

#include <cstdio>
#include <optional>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QString command = u"demo-guild"_s;

std::optional<int> parseInt(const QCommandLineParser &parser, const QString &name, int &target)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok) {
        gavel::cli::printError(
            command, u"--%1 expects a whole number, got '%2'"_s.arg(name, parser.value(name)));
        return gavel::cli::ExitUsage;
    }
    target = value;
    return std::nullopt;
}

std::optional<int> parseDouble(const QCommandLineParser &parser, const QString &name,
                               double &target)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok) {
        gavel::cli::printError(command, u"--%1 expects a number such as 0.5, got '%2'"_s.arg(
                                            name, parser.value(name)));
        return gavel::cli::ExitUsage;
    }
    target = value;
    return std::nullopt;
}

} // namespace

int gavel::cli::runDemoGuild(const QStringList &args)
{
    using gavel::demoguild::Options;
    const Options defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Writes a realistic demo guild as a guild-snapshot/1 file (gzip if FILE ends in .gz) "
        u"and its ground truth as FILE.truth.json. Same options, same bytes."_s);
    const auto option = [&](const QString &name, const QString &description,
                            const QString &valueName, const QString &defaultText = {}) {
        QString text = description;
        if (!defaultText.isEmpty())
            text += u" (default: "_s + defaultText + u')';
        parser.addOption(QCommandLineOption(name, text, valueName));
    };
    option(u"out"_s, u"The snapshot file to write."_s, u"FILE"_s);
    option(u"seed"_s, u"Random seed."_s, u"N"_s, QString::number(defaults.seed));
    option(u"members"_s, u"Current members, bots included."_s, u"N"_s,
           QString::number(defaults.members));
    option(u"messages"_s, u"Messages in the whole history."_s, u"N"_s,
           QString::number(defaults.messages));
    option(u"rings"_s, u"Like-for-like rings (3-8 members each)."_s, u"N"_s, u"by size"_s);
    option(u"alts"_s, u"Alt-account families (a master and 2-5 alts)."_s, u"N"_s, u"by size"_s);
    option(u"friend-groups"_s, u"Honest friend groups (4-6); the first is the core team."_s, u"N"_s,
           u"by size"_s);
    option(u"stealthy-fraction"_s, u"Share of rings that also behave normally."_s, u"F"_s,
           QString::number(defaults.stealthyRingFraction));
    option(u"ring-density"_s, u"Chance a ring member reacts to each ring mate's message."_s, u"F"_s,
           QString::number(defaults.ringDensity));
    option(u"ring-outsider-rate"_s,
           u"Blatant rings: factor on reactions between members and outsiders."_s, u"F"_s,
           QString::number(defaults.ringOutsiderRate));
    option(u"friend-reciprocity"_s,
           u"Chance a friend reacts to each friend's post (a third of it for small talk)."_s,
           u"F"_s, QString::number(defaults.friendReciprocity));
    option(u"left-fraction"_s, u"Users who left, as a share of the members."_s, u"F"_s,
           QString::number(defaults.leftFraction));
    option(u"reactions-per-message"_s, u"Mean organic reaction users per message."_s, u"F"_s,
           u"1.6 at 2,000 members to 4.6 at 50,000"_s);
    option(u"days"_s, u"Length of the history in days."_s, u"N"_s, QString::number(defaults.days));
    option(u"end"_s, u"End of the history, ISO 8601 UTC."_s, u"DATE"_s, u"2026-11-01"_s);
    option(u"guild-name"_s, u"The guild's name."_s, u"NAME"_s, defaults.guildName);
    parser.addOption(QCommandLineOption(u"quiet"_s, u"No progress on stderr."_s));

    if (const auto exit = parse(parser, args, {u"out"_s}))
        return *exit;

    Options options;
    if (parser.isSet(u"seed"_s)) {
        bool ok = false;
        options.seed = parser.value(u"seed"_s).toULongLong(&ok);
        if (!ok) {
            printError(command, u"--seed expects a whole number from 0 to 18446744073709551615, "
                                u"got '%1'"_s.arg(parser.value(u"seed"_s)));
            return ExitUsage;
        }
    }
    for (const auto &[name, target] : {std::pair<QString, int *>{u"members"_s, &options.members},
                                       {u"messages"_s, &options.messages},
                                       {u"rings"_s, &options.rings},
                                       {u"alts"_s, &options.alts},
                                       {u"friend-groups"_s, &options.friendGroups},
                                       {u"days"_s, &options.days}}) {
        if (const auto exit = parseInt(parser, name, *target))
            return *exit;
    }
    for (const auto &[name, target] :
         {std::pair<QString, double *>{u"stealthy-fraction"_s, &options.stealthyRingFraction},
          {u"ring-density"_s, &options.ringDensity},
          {u"ring-outsider-rate"_s, &options.ringOutsiderRate},
          {u"friend-reciprocity"_s, &options.friendReciprocity},
          {u"left-fraction"_s, &options.leftFraction},
          {u"reactions-per-message"_s, &options.reactionsPerMessage}}) {
        if (const auto exit = parseDouble(parser, name, *target))
            return *exit;
    }
    if (parser.isSet(u"end"_s)) {
        QDateTime end = QDateTime::fromString(parser.value(u"end"_s), Qt::ISODateWithMs);
        if (!end.isValid())
            end = QDateTime::fromString(parser.value(u"end"_s), Qt::ISODate);
        if (!end.isValid()) {
            printError(command, u"--end expects an ISO 8601 date such as 2026-11-01 or "
                                u"2026-11-01T00:00:00Z, got '%1'"_s.arg(parser.value(u"end"_s)));
            return ExitUsage;
        }
        if (end.timeSpec() == Qt::LocalTime)
            end.setTimeZone(QTimeZone::utc()); // a date without a zone means UTC
        options.endMs = end.toMSecsSinceEpoch();
    }
    if (parser.isSet(u"guild-name"_s))
        options.guildName = parser.value(u"guild-name"_s);

    if (const Result<void> valid = demoguild::validate(options); !valid) {
        printError(command, valid.error().text());
        return ExitUsage;
    }

    // Progress only for a person watching a terminal; scripts and tests get clean stderr.
    const bool showProgress = !parser.isSet(u"quiet"_s) && isatty(fileno(stderr));
    const auto progress = [&](int percent) {
        if (showProgress) {
            err() << "\rgenerating demo guild... " << percent << '%';
            err().flush();
        }
        return true;
    };
    const QString out = parser.value(u"out"_s);
    const Result<demoguild::Summary> summary = demoguild::generate(options, out, progress);
    if (showProgress) {
        err() << '\r' << QString(40, u' ') << '\r';
        err().flush();
    }
    if (!summary) {
        printError(command, summary.error().text());
        return ExitFailure;
    }
    cli::out() << summary->text() << Qt::endl;
    return ExitOk;
}
