#include "DemoGuild.h"

#include "GuildModel.h"
#include "GuildSimulator.h"
#include "JsonWriter.h"
#include "OutputFile.h"
#include "SnapshotWriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace gavel::demoguild {

namespace {

// Ids must stay within 19 digits: (ms - Discord epoch) << 22 < 10^19 until about 2090.
constexpr qint64 latestEndMs = Q_INT64_C(3471292800000);   // 2080-01-01
constexpr qint64 earliestEndMs = Q_INT64_C(1514764800000); // 2018-01-01

Error rangeError(const QString &option, const QString &range, const QString &got)
{
    return Error{u"%1 must be %2 (got %3)"_s.arg(option, range, got),
                 u"Run 'gavel demo-guild --help' for the options."_s};
}

QString plural(qint64 n, const QString &one, const QString &many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

Error cancelled()
{
    return Error{u"demo guild generation was cancelled; no files were written"_s, {}};
}

// The most people the planted groups can take: every group at its largest size.
int plantedUpperBound(const Options &o)
{
    const int staff = 2 + std::clamp(o.members / 400, 2, 25);
    const int others = 1 + std::max(1, o.members / 1000) + std::max(1, o.members / 1500);
    return 5 + staff + others + o.rings * 8 + o.alts * 6 + std::max(0, o.friendGroups - 1) * 6;
}

} // namespace

Options Options::resolved() const
{
    Options r = *this;
    if (r.rings < 0)
        r.rings = r.members < 300 ? 1 : std::clamp(r.members / 1000, 2, 200);
    if (r.alts < 0)
        r.alts = std::clamp(r.members / 2000, 1, 100);
    if (r.friendGroups < 0)
        r.friendGroups = std::clamp(r.members / 2000, 1, 100);
    if (r.reactionsPerMessage < 0) {
        // Bigger guilds react more per message; interpolate on a log scale.
        const double x =
            std::clamp(std::log(std::max(r.members, 1) / 2000.0) / std::log(25.0), 0.0, 1.0);
        r.reactionsPerMessage = 1.6 + 3.0 * x;
    }
    return r;
}

Options defaultDemoOptions()
{
    return Options();
}

QString truthPathFor(const QString &snapshotPath)
{
    return snapshotPath + u".truth.json"_s;
}

Result<void> validate(const Options &options)
{
    const Options &o = options;
    if (o.members < 100 || o.members > 1000000)
        return rangeError(u"--members"_s, u"between 100 and 1000000"_s, QString::number(o.members));
    if (o.messages < 1000 || o.messages > 10000000)
        return rangeError(u"--messages"_s, u"between 1000 and 10000000"_s,
                          QString::number(o.messages));
    if (o.rings < -1 || o.rings > 10000)
        return rangeError(u"--rings"_s, u"between 0 and 10000, or -1 for automatic"_s,
                          QString::number(o.rings));
    if (o.alts < -1 || o.alts > 10000)
        return rangeError(u"--alts"_s, u"between 0 and 10000, or -1 for automatic"_s,
                          QString::number(o.alts));
    if (o.friendGroups < -1 || o.friendGroups > 10000)
        return rangeError(u"--friend-groups"_s, u"between 0 and 10000, or -1 for automatic"_s,
                          QString::number(o.friendGroups));
    const struct
    {
        const char16_t *name;
        double value;
        double max;
    } fractions[] = {
        {u"--stealthy-fraction", o.stealthyRingFraction, 1.0},
        {u"--ring-density", o.ringDensity, 1.0},
        {u"--ring-outsider-rate", o.ringOutsiderRate, 1.0},
        {u"--friend-reciprocity", o.friendReciprocity, 1.0},
        {u"--left-fraction", o.leftFraction, 0.5},
    };
    for (const auto &f : fractions) {
        if (!(f.value >= 0.0 && f.value <= f.max))
            return rangeError(QString::fromUtf16(f.name), u"between 0 and %1"_s.arg(f.max),
                              QString::number(f.value));
    }
    if (!(o.reactionsPerMessage == -1 ||
          (o.reactionsPerMessage >= 0 && o.reactionsPerMessage <= 50)))
        return rangeError(u"--reactions-per-message"_s, u"between 0 and 50, or -1 for automatic"_s,
                          QString::number(o.reactionsPerMessage));
    if (o.days < 30 || o.days > 3650)
        return rangeError(u"--days"_s, u"between 30 and 3650"_s, QString::number(o.days));
    if (o.endMs < earliestEndMs || o.endMs > latestEndMs)
        return rangeError(u"--end"_s, u"between 2018-01-01 and 2080-01-01"_s,
                          QString::fromStdString(JsonWriter::timestampString(o.endMs)));
    if (o.endMs - static_cast<qint64>(o.days) * dayMs < Q_INT64_C(1451606400000))
        return Error{
            u"--days %1 reaches back before 2016, when the guild could not have existed"_s.arg(
                o.days),
            u"Use fewer days or a later --end."_s};
    if (o.guildName.trimmed().isEmpty() || o.guildName.size() > 100)
        return Error{u"the guild name must have 1 to 100 characters"_s, {}};

    const Options r = o.resolved();
    const int humans = r.members - 3;
    const int planted = plantedUpperBound(r);
    if (planted > humans / 2)
        return Error{u"%1, %2 and %3 need up to %4 members, more than half of the %5 members"_s
                         .arg(plural(r.rings, u"ring"_s, u"rings"_s),
                              plural(r.alts, u"alt family"_s, u"alt families"_s),
                              plural(r.friendGroups, u"friend group"_s, u"friend groups"_s))
                         .arg(planted)
                         .arg(r.members),
                     u"Ask for fewer planted groups or more --members."_s};
    return {};
}

QString Summary::text() const
{
    return u"wrote %1: %2 (+%3 left, %4), %5 in %6 and %7, %8 (%9 super) on %10, %11, %12, "
           u"%13; truth in %14 (%15 s)"_s
               .arg(QDir::toNativeSeparators(snapshotPath),
                    plural(members, u"member"_s, u"members"_s), QString::number(leftUsers),
                    plural(bots, u"bot"_s, u"bots"_s),
                    plural(messages, u"message"_s, u"messages"_s),
                    plural(channels, u"channel"_s, u"channels"_s),
                    plural(threads, u"thread"_s, u"threads"_s),
                    plural(reactionUsers + burstReactionUsers, u"reaction"_s, u"reactions"_s),
                    QString::number(burstReactionUsers))
               .arg(plural(reactedMessages, u"message"_s, u"messages"_s),
                    plural(rings, u"ring"_s, u"rings"_s),
                    plural(altFamilies, u"alt family"_s, u"alt families"_s),
                    plural(friendGroups, u"friend group"_s, u"friend groups"_s),
                    QDir::toNativeSeparators(truthPath),
                    QString::number(elapsedMs / 1000.0, 'f', 1));
}

Result<Summary> generate(const Options &options, const QString &outPath,
                         const std::function<bool(int percent)> &progress)
{
    if (const Result<void> valid = validate(options); !valid)
        return valid.error();
    QElapsedTimer timer;
    timer.start();
    const Options resolved = options.resolved();

    int lastReported = -1;
    // Overall progress: simulation 0-35 %, snapshot 35-97 %, truth and commit the rest.
    const auto report = [&](int percent) {
        percent = std::clamp(percent, 0, 100);
        if (percent == lastReported || !progress)
            return true;
        lastReported = percent;
        return progress(percent);
    };

    GuildModel model;
    GuildSimulator simulator(resolved, [&](int p) { return report(p * 35 / 100); });
    if (!simulator.run(model))
        return cancelled();

    const QString truthPath = truthPathFor(outPath);
    OutputFile snapshotFile;
    if (const Result<void> opened = snapshotFile.open(outPath); !opened)
        return opened.error();
    SnapshotWriter writer(model);
    qint64 uncompressed = 0;
    {
        JsonWriter w(snapshotFile);
        if (!writer.writeSnapshot(w, [&](int p) { return report(35 + p * 62 / 100); })) {
            snapshotFile.cancel();
            return cancelled();
        }
        if (!w.flush()) {
            snapshotFile.cancel();
            return Error{u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(outPath),
                                                      snapshotFile.errorString()),
                         u"Check the free disk space."_s};
        }
        uncompressed = w.bytesWritten();
    }

    OutputFile truthFile;
    if (const Result<void> opened = truthFile.open(truthPath); !opened) {
        snapshotFile.cancel();
        return opened.error();
    }
    {
        JsonWriter w(truthFile);
        writer.writeTruth(w);
        if (!w.flush()) {
            snapshotFile.cancel();
            truthFile.cancel();
            return Error{u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(truthPath),
                                                      truthFile.errorString()),
                         u"Check the free disk space."_s};
        }
    }
    if (!report(98)) {
        snapshotFile.cancel();
        truthFile.cancel();
        return cancelled();
    }
    if (const Result<void> committed = snapshotFile.commit(); !committed) {
        truthFile.cancel();
        return committed.error();
    }
    const qint64 snapshotBytes = snapshotFile.fileBytes(); // after the final gzip block
    if (const Result<void> committed = truthFile.commit(); !committed) {
        QFile::remove(outPath); // never leave a snapshot without its truth
        return committed.error();
    }
    report(100);

    Summary s;
    s.snapshotPath = outPath;
    s.truthPath = truthPath;
    s.guildId = model.guildId;
    for (const Person &p : model.people) {
        s.members += p.isMember() ? 1 : 0;
        s.leftUsers += p.isMember() ? 0 : 1;
        s.bots += p.bot ? 1 : 0;
    }
    for (const Channel &c : model.channels)
        (c.isThread() ? s.threads : s.channels) += 1;
    const ChannelTotals totals = writer.totals();
    s.messages = totals.messages;
    s.reactionUsers = totals.reactionUsers;
    s.burstReactionUsers = totals.burstReactionUsers;
    s.reactedMessages = totals.reactedMessages;
    s.rings = static_cast<int>(model.rings.size());
    s.altFamilies = static_cast<int>(model.altFamilies.size());
    s.friendGroups = static_cast<int>(model.friendGroups.size());
    s.snapshotBytes = snapshotBytes;
    s.uncompressedBytes = uncompressed;
    s.elapsedMs = timer.elapsed();
    return s;
}

} // namespace gavel::demoguild
