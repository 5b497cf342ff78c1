#include "DetectionQuality.h"

#include "SnapshotStore.h"
#include "common/Snowflake.h"
#include "store/Database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <set>

using namespace Qt::StringLiterals;

namespace gavel::quality {

namespace {

std::vector<quint64> ids(const QJsonArray &array)
{
    std::vector<quint64> out;
    for (const QJsonValue &v : array)
        out.push_back(v.toString().toULongLong());
    return out;
}

QString names(const history::History &h, const std::vector<history::Index> &users)
{
    QStringList list;
    for (history::Index u : users)
        list.append(h.users[u].username);
    return list.join(u", "_s);
}

QString figures(const analysis::RingFigures &f)
{
    QStringList members;
    for (const auto &m : f.members)
        members.append(u"[in %1 dom %2 gin %3 recv %4]"_s.arg(m.internalShare(), 0, 'f', 2)
                           .arg(m.dominance(), 0, 'f', 1)
                           .arg(m.givenInsideShare(), 0, 'f', 2)
                           .arg(m.received));
    return u"share %1 dom %2 (min %3) dens %4 recip %5 gin %6 %7"_s.arg(f.internalShare, 0, 'f', 2)
        .arg(f.medianDominance, 0, 'f', 1)
        .arg(f.minDominance, 0, 'f', 1)
        .arg(f.density, 0, 'f', 2)
        .arg(f.reciprocity, 0, 'f', 2)
        .arg(f.givenInsideShare, 0, 'f', 2)
        .arg(members.join(u' '));
}

} // namespace

Result<Truth> readTruth(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{u"cannot read the truth file %1: %2"_s.arg(path, file.errorString()), {}};
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    Truth truth;
    for (const QJsonValue &v : root.value(u"rings"_s).toArray()) {
        Truth::Ring ring;
        ring.members = ids(v.toObject().value(u"members"_s).toArray());
        ring.stealthy = v.toObject().value(u"stealthy"_s).toBool();
        truth.rings.push_back(ring);
    }
    for (const QJsonValue &v : root.value(u"alt_families"_s).toArray()) {
        Truth::Family family;
        family.master = v.toObject().value(u"master"_s).toString().toULongLong();
        family.alts = ids(v.toObject().value(u"alts"_s).toArray());
        truth.families.push_back(family);
    }
    for (const QJsonValue &v : root.value(u"friend_groups"_s).toArray())
        truth.friendGroups.push_back(ids(v.toObject().value(u"members"_s).toArray()));
    return truth;
}

Evaluation evaluate(const history::History &h, const analysis::PairMatrix &matrix,
                    const std::vector<analysis::Cluster> &clusters, const Truth &truth, bool dump)
{
    using history::Index;
    Evaluation e;
    auto index = [&](quint64 id) { return h.userIndex(id); };

    std::set<Index> ringTruth, stealthyTruth, altTruth, friends;
    for (const auto &ring : truth.rings)
        for (quint64 id : ring.members) {
            ringTruth.insert(index(id));
            if (ring.stealthy)
                stealthyTruth.insert(index(id));
        }
    for (const auto &family : truth.families) {
        altTruth.insert(index(family.master));
        for (quint64 id : family.alts)
            altTruth.insert(index(id));
    }
    std::set<Index> ringFlagged, altFlagged, anyFlagged;
    for (const analysis::Cluster &c : clusters) {
        for (Index u : c.members) {
            (c.kind == analysis::ClusterKind::Ring ? ringFlagged : altFlagged).insert(u);
            anyFlagged.insert(u);
        }
    }
    auto score = [](const std::set<Index> &t, const std::set<Index> &f) {
        Score s;
        s.truth = int(t.size());
        s.flagged = int(f.size());
        for (Index u : f)
            s.hit += t.count(u) ? 1 : 0;
        return s;
    };
    e.rings = score(ringTruth, ringFlagged);
    e.alts = score(altTruth, altFlagged);
    e.stealthyRings = score(stealthyTruth, ringFlagged);
    e.stealthyRings.flagged = e.stealthyRings.hit;
    const std::vector<Index> base = reciprocityBaseline(matrix, 0.5, 5);
    e.baseline = score(ringTruth, std::set<Index>(base.begin(), base.end()));

    e.friendGroups = int(truth.friendGroups.size());
    for (const auto &group : truth.friendGroups) {
        bool flagged = false, baseFlagged = false;
        for (quint64 id : group) {
            flagged = flagged || anyFlagged.count(index(id));
            baseFlagged = baseFlagged || std::binary_search(base.begin(), base.end(), index(id));
        }
        e.friendGroupsFlagged += flagged ? 1 : 0;
        e.baselineFriendGroupsFlagged += baseFlagged ? 1 : 0;
        if (flagged)
            e.notes.append(u"FALSE FLAG friend group: %1"_s.arg(names(h, [&] {
                std::vector<Index> v;
                for (quint64 id : group)
                    v.push_back(index(id));
                return v;
            }())));
    }
    for (const auto &ring : truth.rings) {
        std::vector<Index> members, missed;
        for (quint64 id : ring.members) {
            members.push_back(index(id));
            if (!ringFlagged.count(index(id)))
                missed.push_back(index(id));
        }
        if (!missed.empty())
            e.notes.append(u"missed %1 ring member(s) of %2: %3"_s.arg(
                ring.stealthy ? u"stealthy"_s : u"blatant"_s, QString::number(members.size()),
                names(h, missed)));
        if (dump || !missed.empty())
            e.notes.append(u"  %1 ring: %2"_s.arg(ring.stealthy ? u"stealthy"_s : u"blatant"_s,
                                                  figures(ringFigures(h, matrix, members))));
    }
    for (const auto &family : truth.families) {
        std::vector<Index> missed;
        if (!altFlagged.count(index(family.master)))
            missed.push_back(index(family.master));
        for (quint64 id : family.alts)
            if (!altFlagged.count(index(id)))
                missed.push_back(index(id));
        if (!missed.empty())
            e.notes.append(u"missed alt-family member(s) (master %1): %2"_s.arg(
                h.users[index(family.master)].username, names(h, missed)));
    }
    if (dump) {
        for (const auto &group : truth.friendGroups) {
            std::vector<Index> members;
            for (quint64 id : group)
                members.push_back(index(id));
            e.notes.append(u"  friend group: %1"_s.arg(figures(ringFigures(h, matrix, members))));
        }
    }
    for (const analysis::Cluster &c : clusters) {
        std::vector<Index> wrong;
        const auto &t = c.kind == analysis::ClusterKind::Ring ? ringTruth : altTruth;
        for (Index u : c.members)
            if (!t.count(u))
                wrong.push_back(u);
        if (!wrong.empty()) {
            e.notes.append(u"false flag in %1 %2 (%3 members): %4"_s.arg(
                kindName(c.kind), QString::number(c.id), QString::number(c.members.size()),
                names(h, wrong)));
            if (c.kind == analysis::ClusterKind::Ring)
                e.notes.append(u"  flagged: %1"_s.arg(figures(c.ring)));
            else
                e.notes.append(u"  "_s + c.evidence);
        }
    }
    return e;
}

Result<Evaluation> run(const RunOptions &options)
{
    QDir dir(options.workDir);
    const demoguild::Options &g = options.guild;
    const QString tag = u"guild-s%1-m%2-n%3-d%4-o%5-f%6-st%7-r%8-fg%9"_s.arg(g.seed)
                            .arg(g.members)
                            .arg(g.messages)
                            .arg(g.ringDensity)
                            .arg(g.ringOutsiderRate)
                            .arg(g.friendReciprocity)
                            .arg(g.stealthyRingFraction)
                            .arg(g.rings)
                            .arg(g.friendGroups) +
                        u"-a%1"_s.arg(g.alts);
    const bool cached = !options.cacheDir.isEmpty();
    const QDir home(cached ? options.cacheDir : options.workDir);
    const QString snapshot = dir.filePath(tag + u".json.gz"_s);
    const QString database = home.filePath(tag + u".sqlite"_s);
    const QString truthCopy = home.filePath(tag + u".truth.json"_s);
    const bool reuse = cached && QFile::exists(database) && QFile::exists(truthCopy);
    quint64 guildId = 0;
    QString truthPath = truthCopy;
    if (!reuse) {
        auto generated = demoguild::generate(options.guild, snapshot);
        if (!generated)
            return generated.error();
        guildId = generated->guildId;
        QFile::remove(database);
        QFile::remove(truthCopy);
        if (!QFile::copy(generated->truthPath, truthCopy))
            return Error{u"cannot copy the truth file to %1"_s.arg(truthCopy), {}};
        QFile::remove(generated->truthPath);
    }
    Evaluation e;
    {
        auto db = store::Database::open(store::Location::sqliteFile(database));
        if (!db)
            return db.error();
        if (!reuse) {
            if (auto r = (*db)->suspendLookupIndexes(); !r)
                return r.error();
            if (auto r = test::loadSnapshotIntoStore(snapshot, **db, demoguild::defaultEndMs); !r)
                return r.error();
            if (auto r = (*db)->restoreLookupIndexes(); !r)
                return r.error();
            QFile::remove(snapshot);
        } else {
            auto id = (*db)->scalar(u"SELECT id FROM guilds"_s);
            if (!id)
                return id.error();
            guildId = id->toULongLong();
        }
        QElapsedTimer timer;
        timer.start();
        auto history = history::History::load(**db, guildId);
        if (!history)
            return history.error();
        e.loadSeconds = timer.nsecsElapsed() / 1e9;
        timer.restart();
        const auto matrix = analysis::PairMatrix::build(*history);
        e.matrixSeconds = timer.nsecsElapsed() / 1e9;
        timer.restart();
        const auto clusters =
            analysis::detectClusters(*history, matrix, options.rings, options.alts);
        e.detectSeconds = timer.nsecsElapsed() / 1e9;
        auto truth = readTruth(truthPath);
        if (!truth)
            return truth.error();
        Evaluation ev = evaluate(*history, matrix, clusters, *truth, options.dump);
        ev.loadSeconds = e.loadSeconds;
        ev.matrixSeconds = e.matrixSeconds;
        ev.detectSeconds = e.detectSeconds;
        ev.users = qint64(history->users.size());
        ev.messages = qint64(history->messages.size());
        ev.reactions = qint64(history->reactions.size());
        e = ev;
    }
    if (!cached) {
        QFile::remove(truthCopy);
        QFile::remove(database);
        QFile::remove(database + u"-wal"_s);
        QFile::remove(database + u"-shm"_s);
    }
    return e;
}

} // namespace gavel::quality
