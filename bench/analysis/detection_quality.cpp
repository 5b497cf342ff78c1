// detection_quality: ring and alt-family detection measured on generated demo guilds against
// their truth files, with the reciprocity baseline beside it (docs/detection.md).

#include "DetectionQuality.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

QList<qint64> numbers(const QString &text)
{
    QList<qint64> out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        out.append(part.trimmed().toLongLong());
    return out;
}

int messagesFor(int members)
{
    // 50 messages per member up to 5,000 members, then the benchmark's 1M at 50,000.
    return members <= 5000 ? members * 50 : std::min(1000000, members * 20);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures ring and alt-family detection on demo guilds."_s);
    parser.addHelpOption();
    parser.addOptions({
        {u"seeds"_s, u"Comma-separated seeds."_s, u"list"_s, u"1,2,3,4,5"_s},
        {u"sizes"_s, u"Comma-separated member counts."_s, u"list"_s, u"500,5000"_s},
        {u"messages"_s, u"Messages per guild (default: by size)."_s, u"n"_s},
        {u"ring-density"_s, u"Generator --ring-density."_s, u"f"_s},
        {u"ring-outsider-rate"_s, u"Generator --ring-outsider-rate."_s, u"f"_s},
        {u"friend-reciprocity"_s, u"Generator --friend-reciprocity."_s, u"f"_s},
        {u"stealthy-fraction"_s, u"Generator --stealthy-fraction."_s, u"f"_s},
        {u"rings"_s, u"Generator --rings."_s, u"n"_s},
        {u"friend-groups"_s, u"Generator --friend-groups."_s, u"n"_s},
        {u"alts"_s, u"Generator --alts."_s, u"n"_s},
        {u"resolution"_s, u"Leiden CPM resolution."_s, u"f"_s},
        {u"min-dominance"_s, u"Ring: minimum median dominance."_s, u"f"_s},
        {u"min-share"_s, u"Ring: minimum internal share."_s, u"f"_s},
        {u"min-exclusivity"_s, u"Ring: flagging threshold on exclusivity."_s, u"f"_s},
        {u"cache"_s, u"Keep generated databases in DIR and reuse them."_s, u"dir"_s},
        {u"dump"_s, u"Print the figures of every planted group."_s},
        {u"quiet"_s, u"Only the table."_s},
    });
    parser.process(app);
    QTextStream out(stdout);

    QTemporaryDir work;
    gavel::quality::RunOptions options;
    options.workDir = work.path();
    options.dump = parser.isSet(u"dump"_s);
    auto setDouble = [&](const QString &name, double &target) {
        if (parser.isSet(name))
            target = parser.value(name).toDouble();
    };
    auto setInt = [&](const QString &name, int &target) {
        if (parser.isSet(name))
            target = parser.value(name).toInt();
    };
    setDouble(u"ring-density"_s, options.guild.ringDensity);
    setDouble(u"ring-outsider-rate"_s, options.guild.ringOutsiderRate);
    setDouble(u"friend-reciprocity"_s, options.guild.friendReciprocity);
    setDouble(u"stealthy-fraction"_s, options.guild.stealthyRingFraction);
    setInt(u"rings"_s, options.guild.rings);
    setInt(u"friend-groups"_s, options.guild.friendGroups);
    setInt(u"alts"_s, options.guild.alts);
    setDouble(u"resolution"_s, options.rings.resolution);
    setDouble(u"min-dominance"_s, options.rings.minMedianDominance);
    setDouble(u"min-share"_s, options.rings.minInternalShare);
    setDouble(u"min-exclusivity"_s, options.rings.minExclusivity);
    if (parser.isSet(u"cache"_s))
        options.cacheDir = parser.value(u"cache"_s);

    out << "seed members messages | ring recall precision (stealthy recall) | alt recall "
           "precision | friend groups flagged | baseline recall precision friends | load "
           "matrix detect s\n";
    gavel::quality::Score rings, alts, stealthy, base;
    int friends = 0, friendsFlagged = 0, baseFriends = 0;
    bool failed = false;
    for (qint64 size : numbers(parser.value(u"sizes"_s))) {
        for (qint64 seed : numbers(parser.value(u"seeds"_s))) {
            options.guild.seed = quint64(seed);
            options.guild.members = int(size);
            options.guild.messages = parser.isSet(u"messages"_s)
                                         ? parser.value(u"messages"_s).toInt()
                                         : messagesFor(int(size));
            auto result = gavel::quality::run(options);
            if (!result) {
                out << "seed " << seed << " size " << size << ": " << result.error().text()
                    << Qt::endl;
                failed = true;
                continue;
            }
            const auto &e = *result;
            out << u"%1 %2 %3 | %4 %5 (%6) | %7 %8 | %9/%10 | %11 %12 %13/%14 | %15 %16 %17"_s
                       .arg(seed)
                       .arg(size)
                       .arg(options.guild.messages)
                       .arg(e.rings.recall(), 0, 'f', 3)
                       .arg(e.rings.precision(), 0, 'f', 3)
                       .arg(e.stealthyRings.recall(), 0, 'f', 3)
                       .arg(e.alts.recall(), 0, 'f', 3)
                       .arg(e.alts.precision(), 0, 'f', 3)
                       .arg(e.friendGroupsFlagged)
                       .arg(e.friendGroups)
                       .arg(e.baseline.recall(), 0, 'f', 3)
                       .arg(e.baseline.precision(), 0, 'f', 3)
                       .arg(e.baselineFriendGroupsFlagged)
                       .arg(e.friendGroups)
                       .arg(e.loadSeconds, 0, 'f', 2)
                       .arg(e.matrixSeconds, 0, 'f', 3)
                       .arg(e.detectSeconds, 0, 'f', 3)
                << Qt::endl;
            if (!parser.isSet(u"quiet"_s))
                for (const QString &note : e.notes)
                    out << "    " << note << Qt::endl;
            auto add = [](gavel::quality::Score &to, const gavel::quality::Score &s) {
                to.truth += s.truth;
                to.flagged += s.flagged;
                to.hit += s.hit;
            };
            add(rings, e.rings);
            add(alts, e.alts);
            add(stealthy, e.stealthyRings);
            add(base, e.baseline);
            friends += e.friendGroups;
            friendsFlagged += e.friendGroupsFlagged;
            baseFriends += e.baselineFriendGroupsFlagged;
        }
    }
    out << u"total | ring %1 %2 (stealthy %3) | alt %4 %5 | friends %6/%7 | baseline %8 %9 %10/%11"_s
               .arg(rings.recall(), 0, 'f', 3)
               .arg(rings.precision(), 0, 'f', 3)
               .arg(stealthy.recall(), 0, 'f', 3)
               .arg(alts.recall(), 0, 'f', 3)
               .arg(alts.precision(), 0, 'f', 3)
               .arg(friendsFlagged)
               .arg(friends)
               .arg(base.recall(), 0, 'f', 3)
               .arg(base.precision(), 0, 'f', 3)
               .arg(baseFriends)
               .arg(friends)
        << Qt::endl;
    return failed ? 1 : 0;
}
