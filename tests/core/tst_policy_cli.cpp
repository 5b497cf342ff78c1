// gavel scores / plan / compare as processes on a database built from a demo guild: the CSV
// and JSON contracts of ../shared/docs/cli.md, exit codes and one-line errors.

#include "SnapshotStore.h"
#include "TestPaths.h"
#include "analysis/Counting.h"
#include "analysis/Inputs.h"
#include "demoguild/DemoGuild.h"
#include "history/History.h"
#include "moderation/Deactivations.h"
#include "policy/Evaluator.h"
#include "policy/Policy.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <cmath>
#include <map>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

struct Run
{
    int exit = -1;
    QString out, err;
};

Run gavelRun(const QStringList &args)
{
    QProcess p;
    p.start(test::gavelBinary(), args);
    if (!p.waitForFinished(120000))
        qFatal("gavel %s did not finish", qPrintable(args.join(u' ')));
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString policyFile(const QString &name)
{
    return test::sourceDir() + u"/resources/policies/"_s + name + u".json"_s;
}

} // namespace

class TestPolicyCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scores();
    void planCsvAndJson();
    void compare();
    void auditMatchesScores_data();
    void auditMatchesScores();
    void pairsPolicyWeights();
    void usageAndFailures_data();
    void usageAndFailures();

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_truthPath;
    QJsonObject m_truth;
};

void TestPolicyCli::initTestCase()
{
    QVERIFY(QFileInfo::exists(test::gavelBinary()));
    demoguild::Options o;
    o.members = 300;
    o.messages = 6000;
    const QString snapshot = m_dir.filePath(u"demo.json"_s);
    auto s = demoguild::generate(o, snapshot);
    QVERIFY(s.ok());
    m_truthPath = demoguild::truthPathFor(snapshot);
    QFile t(m_truthPath);
    QVERIFY(t.open(QIODevice::ReadOnly));
    m_truth = QJsonDocument::fromJson(t.readAll()).object();
    m_db = m_dir.filePath(u"g.db"_s);
    auto db = store::Database::open(store::Location::sqliteFile(m_db));
    QVERIFY(db.ok());
    QVERIFY(test::loadSnapshotIntoStore(snapshot, **db, QDateTime::currentMSecsSinceEpoch()).ok());
}

void TestPolicyCli::scores()
{
    const Run r = gavelRun({u"scores"_s, u"--db"_s, m_db, u"--policy"_s, policyFile(u"daimyo"_s),
                            u"--at"_s, u"2026-11-01"_s});
    QCOMPARE(r.exit, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 100);
    QVERIFY(lines[0].startsWith(u"user_id,score,level,level_name,role_id,"_s));
    const int columns = int(lines[0].count(u',')) + 1;
    QSet<QString> ids;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList f = lines[i].split(u',');
        QVERIFY2(f.size() >= columns, qPrintable(lines[i]));
        QVERIFY(f[0].toULongLong() > 0);
        ids.insert(f[0]);
    }
    QCOMPARE(ids.size(), lines.size() - 1);
    // Every Sensei of the truth is at least Senpai (decay) under the policy.
    for (const QJsonValue &v : m_truth[u"role_holders"_s].toObject()[u"Sensei"_s].toArray())
        QVERIFY(ids.contains(v.toString()));

    const Run k = gavelRun({u"scores"_s, u"--db"_s, m_db, u"--policy"_s, policyFile(u"karma"_s)});
    QCOMPARE(k.exit, 0);
    QVERIFY(k.out.startsWith(u"user_id,score,level,level_name,role_id,counted,username\n"_s));
}

void TestPolicyCli::planCsvAndJson()
{
    const Run r = gavelRun({u"plan"_s, u"--db"_s, m_db, u"--policy"_s, policyFile(u"daimyo"_s),
                            u"--at"_s, u"2026-11-01T00:00:00Z"_s});
    QCOMPARE(r.exit, 0);
    QVERIFY(r.out.startsWith(u"user_id,action,role_id,role_name,reason,change\n"_s));
    // The decay candidates are demoted from Sensei (the synced role spans start at joins, so
    // other rows may differ from the truth's replay; decay needs no role history).
    for (const QJsonValue &v : m_truth[u"special"_s].toObject()[u"decay_candidates"_s].toArray())
        QVERIFY2(r.out.contains(v.toString() + u",demote,"_s), qPrintable(r.out.left(2000)));
    const Run j = gavelRun({u"plan"_s, u"--db"_s, m_db, u"--policy"_s, policyFile(u"daimyo"_s),
                            u"--format"_s, u"json"_s, u"--at"_s, u"2026-11-01"_s});
    QCOMPARE(j.exit, 0);
    const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
    QCOMPARE(o[u"format"_s].toString(), u"gavel-plan/1"_s);
    QCOMPARE(o[u"at"_s].toString(), u"2026-11-01T00:00:00.000Z"_s);
    QVERIFY(o[u"policy"_s].toObject()[u"hash"_s].toString().startsWith(u"sha256:"_s));
    QCOMPARE(o[u"changes"_s].toArray().size(), r.out.count(u'\n') - 1);
}

void TestPolicyCli::compare()
{
    const Run r =
        gavelRun({u"compare"_s, u"--db"_s, m_db, u"--policy"_s, policyFile(u"pollen-2020"_s),
                  u"--policy"_s, policyFile(u"pollen-hardened"_s), u"--truth"_s, m_truthPath});
    QCOMPARE(r.exit, 0);
    QVERIFY(r.out.startsWith(u"kind,subject,a,b\n"_s));
    QVERIFY(r.out.contains(u"\nspearman,,"_s));
    QVERIFY(r.out.contains(u"\ntop_10pct_share,,"_s));
    const int groups =
        int(m_truth[u"rings"_s].toArray().size() + m_truth[u"alt_families"_s].toArray().size());
    QCOMPARE(int(r.out.count(u"\ngroup_share,"_s)), groups);
    const Run j = gavelRun({u"compare"_s, u"--db"_s, m_db, u"--policy"_s, policyFile(u"daimyo"_s),
                            u"--policy"_s, policyFile(u"karma"_s), u"--format"_s, u"json"_s});
    QCOMPARE(j.exit, 0);
    const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
    QCOMPARE(o[u"format"_s].toString(), u"gavel-compare/1"_s);
    QVERIFY(o[u"spearman"_s].toDouble() > -1.0 && o[u"spearman"_s].toDouble() <= 1.0);
}

void TestPolicyCli::auditMatchesScores_data()
{
    QTest::addColumn<QString>("policyName");
    for (const char *name : {"daimyo", "karma", "pollen-2020", "pollen-hardened"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

// `gavel audit --policy` shows a member exactly what `gavel scores --policy` prints for them,
// and its breakdown adds up to that score.
void TestPolicyCli::auditMatchesScores()
{
    QFETCH(QString, policyName);
    const QString at = u"2026-10-15T12:00:00Z"_s;
    const Run s = gavelRun(
        {u"scores"_s, u"--db"_s, m_db, u"--policy"_s, policyFile(policyName), u"--at"_s, at});
    QCOMPARE(s.exit, 0);
    const QStringList lines = s.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 20);
    const QStringList header = lines[0].split(u',');
    // The top scorer, one in the middle and the last row (usually a zero score).
    for (const qsizetype row : {qsizetype(1), lines.size() / 2, lines.size() - 1}) {
        const QStringList f = lines[row].split(u',');
        QVERIFY(f.size() >= header.size());
        const Run a = gavelRun({u"audit"_s, u"--db"_s, m_db, u"--member"_s, f[0], u"--policy"_s,
                                policyFile(policyName), u"--at"_s, at, u"--format"_s, u"json"_s});
        QCOMPARE(a.exit, 0);
        QVERIFY2(a.err.isEmpty(), qPrintable(a.err));
        const QJsonObject audit = QJsonDocument::fromJson(a.out.toUtf8()).object();
        QCOMPARE(audit[u"member"_s].toObject()[u"user_id"_s].toString(), f[0]);
        const QJsonArray scores = audit[u"scores"_s].toArray();
        QCOMPARE(scores.size(), 1);
        const QJsonObject line = scores[0].toObject();
        QCOMPARE(line[u"at"_s].toString(), u"2026-10-15T12:00:00.000Z"_s);
        QVERIFY(line[u"policy_hash"_s].toString().startsWith(u"sha256:"_s));
        QCOMPARE(line[u"score_text"_s].toString(), f[1]);
        QCOMPARE(QString::number(line[u"level_number"_s].toInt()), f[2]);
        const QJsonObject columns = line[u"columns"_s].toObject();
        // user_id, score, level, the scoring's own columns, username.
        QCOMPARE(columns.size(), header.size() - 4);
        for (qsizetype c = 3; c + 1 < header.size(); ++c)
            QCOMPARE(columns[header[c]].toString(), f[c]);
        QCOMPARE(line[u"level"_s].toString(), columns[u"level_name"_s].toString());
        QVERIFY(!line[u"reason"_s].toString().isEmpty());

        double sum = 0;
        for (const QJsonValue &v : line[u"breakdown"_s].toArray()) {
            const QJsonObject item = v.toObject();
            QVERIFY(!item[u"reason"_s].toString().isEmpty());
            if (item[u"counted"_s].toBool())
                sum += item[u"weight"_s].toDouble();
            else
                QCOMPARE(item[u"weight"_s].toDouble(), 0.0);
        }
        const double score = line[u"score"_s].toDouble();
        QVERIFY2(std::abs(sum - score) <= 1e-6 * std::max(1.0, score),
                 qPrintable(u"breakdown %1 vs score %2"_s.arg(sum).arg(score)));

        const Run t = gavelRun({u"audit"_s, u"--db"_s, m_db, u"--user"_s, f[0], u"--policy"_s,
                                policyFile(policyName), u"--at"_s, at, u"--format"_s, u"text"_s});
        QCOMPARE(t.exit, 0);
        QVERIFY2(
            t.out.contains(u"Score under %1 1.0.0 at 2026-10-15T12:00:00.000Z: %2, level %3"_s.arg(
                policyName, f[1], f[2])),
            qPrintable(t.out.left(3000)));
    }
}

// `gavel pairs --policy`: each pair's weighted count is the sum of the policy's weights of its
// counted reactions, excluded members appear in no pair, and a member deactivated (by the
// policy file, or recorded by the moderation workflow in the database) neither gives nor
// receives weight from that time on.
void TestPolicyCli::pairsPolicyWeights()
{
    // A copy: the recorded deactivation must not reach the other tests.
    const QString path = m_dir.filePath(u"pairs.db"_s);
    QVERIFY(QFile::copy(m_db, path));
    const Run raw = gavelRun({u"pairs"_s, u"--db"_s, path});
    QCOMPARE(raw.exit, 0);
    // The members of the three busiest pairs: excluded, deactivated by the file, recorded.
    QList<quint64> chosen;
    for (const QString &l : raw.out.split(u'\n', Qt::SkipEmptyParts).mid(1)) {
        for (const QString &id : l.split(u',').mid(0, 2))
            if (!chosen.contains(id.toULongLong()))
                chosen.append(id.toULongLong());
        if (chosen.size() >= 3)
            break;
    }
    QCOMPARE(chosen.size(), 3);
    const quint64 excluded = chosen[0], fileDeactivated = chosen[1], recorded = chosen[2];

    auto db = store::Database::open(store::Location::sqliteFile(path));
    QVERIFY(db.ok());
    auto guild = analysis::chooseGuild(**db, std::nullopt);
    QVERIFY(guild.ok());
    auto loaded = history::History::load(**db, *guild);
    QVERIFY(loaded.ok());
    const history::History &h = *loaded;
    QVERIFY(h.reactions.size() > 1000);
    const qint64 t0 = h.reactions[h.reactions.size() / 2].at;
    const qint64 t1 = h.reactions[h.reactions.size() / 3].at;
    QVERIFY(moderation::recordDeactivation(**db, *guild, recorded, t1, std::nullopt, {}).ok());

    for (const QString &name : {u"daimyo"_s, u"pollen-2020"_s}) {
        QFile in(policyFile(name));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject p = QJsonDocument::fromJson(in.readAll()).object();
        QJsonObject counting = p[u"counting"_s].toObject();
        counting[u"excluded_users"_s] = QJsonArray{QString::number(excluded)};
        p[u"counting"_s] = counting;
        QJsonObject roles = p[u"roles"_s].toObject();
        // Deactivations need a deactivated role (the demo guild's); it is also managed.
        if (roles[u"deactivated"_s].isNull()) {
            roles[u"deactivated"_s] = u"Deactivated"_s;
            QJsonArray managed = roles[u"managed"_s].toArray();
            managed.append(u"Deactivated"_s);
            roles[u"managed"_s] = managed;
        }
        roles[u"deactivations"_s] = QJsonArray{QJsonObject{
            {u"user_id"_s, QString::number(fileDeactivated)},
            {u"since"_s,
             QDateTime::fromMSecsSinceEpoch(t0, QTimeZone::utc()).toString(Qt::ISODateWithMs)},
            {u"note"_s, u"test"_s}}};
        p[u"roles"_s] = roles;
        const QString file = m_dir.filePath(name + u"-test.json"_s);
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(p).toJson());
        out.close();

        const Run r = gavelRun({u"pairs"_s, u"--db"_s, path, u"--policy"_s, file});
        QVERIFY2(r.exit == 0, qPrintable(r.err));

        // Expected: R1's counted reactions (the excluded member left out), each with the
        // policy's base weight, zero where either side is deactivated at the reaction's time.
        auto parsed = policy::Policy::load(file);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().text()));
        auto compiled = policy::compile(*parsed, h);
        QVERIFY(compiled.ok());
        QVERIFY(!compiled->deactivatedSince.empty());
        const policy::Evaluator evaluator(h);
        analysis::CountOptions plain;
        plain.excludedUsers.assign(h.users.size(), false);
        plain.excludedUsers[h.userIndex(excluded)] = true;
        // The weights with nobody deactivated: the same policy without its deactivations.
        policy::Policy withoutDeactivations = *parsed;
        withoutDeactivations.deactivations.clear();
        auto undeactivated = policy::compile(withoutDeactivations, h);
        QVERIFY(undeactivated.ok());
        const std::vector<double> base = policy::reactionWeights(*undeactivated, evaluator.index());
        std::map<std::pair<quint64, quint64>, std::pair<quint32, double>> expected;
        int zeroed = 0;
        for (const history::Index i : analysis::countedReactions(h, plain)) {
            const history::Reaction &x = h.reactions[i];
            const quint64 reactor = h.users[x.reactor].id, author = h.users[x.author].id;
            QVERIFY(reactor != excluded && author != excluded);
            const bool off =
                ((reactor == fileDeactivated || author == fileDeactivated) && x.at >= t0) ||
                ((reactor == recorded || author == recorded) && x.at >= t1);
            zeroed += off && base[i] != 0 ? 1 : 0;
            auto &e = expected[{reactor, author}];
            e.first += 1;
            e.second += off ? 0.0 : base[i];
        }
        QVERIFY2(zeroed > 10, "the deactivations must zero some weights for the test to mean "
                              "anything");
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size() - 1, qsizetype(expected.size()));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QStringList f = lines[i].split(u',');
            QCOMPARE(f.size(), 6);
            const auto it = expected.find({f[0].toULongLong(), f[1].toULongLong()});
            QVERIFY2(it != expected.end(), qPrintable(lines[i]));
            QCOMPARE(f[2].toUInt(), it->second.first);
            QVERIFY2(
                std::abs(f[3].toDouble() - it->second.second) < 1e-3,
                qPrintable(u"%1: expected weighted %2"_s.arg(lines[i]).arg(it->second.second)));
        }
    }
}

void TestPolicyCli::usageAndFailures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exit");
    QTest::addColumn<QString>("message");
    QTest::newRow("no --db") << QStringList{u"scores"_s, u"--policy"_s, u"x.json"_s} << 2
                             << u"db"_s;
    QTest::newRow("bad --format") << QStringList{u"plan"_s,   u"--db"_s,     u"DB"_s, u"--policy"_s,
                                                 u"DAIMYO"_s, u"--format"_s, u"xml"_s}
                                  << 2 << u"--format"_s;
    QTest::newRow("bad --at") << QStringList{u"scores"_s, u"--db"_s, u"DB"_s,       u"--policy"_s,
                                             u"DAIMYO"_s, u"--at"_s, u"yesterday"_s}
                              << 2 << u"--at"_s;
    QTest::newRow("one policy to compare")
        << QStringList{u"compare"_s, u"--db"_s, u"DB"_s, u"--policy"_s, u"DAIMYO"_s} << 2
        << u"two"_s;
    QTest::newRow("missing policy file")
        << QStringList{u"scores"_s, u"--db"_s, u"DB"_s, u"--policy"_s, u"/nonexistent.json"_s} << 1
        << u"nonexistent.json"_s;
    QTest::newRow("unknown role") << QStringList{u"plan"_s, u"--db"_s, u"DB"_s, u"--policy"_s,
                                                 u"TYPO"_s}
                                  << 1 << u"Senpia"_s;
    QTest::newRow("unknown guild") << QStringList{u"scores"_s,
                                                  u"--db"_s,
                                                  u"DB"_s,
                                                  u"--policy"_s,
                                                  u"DAIMYO"_s,
                                                  u"--guild"_s,
                                                  u"123456789012345678"_s}
                                   << 1 << u"123456789012345678"_s;
}

void TestPolicyCli::usageAndFailures()
{
    QFETCH(QStringList, args);
    QFETCH(int, exit);
    QFETCH(QString, message);
    QFile typo(policyFile(u"daimyo"_s));
    QVERIFY(typo.open(QIODevice::ReadOnly));
    const QString typoPath = m_dir.filePath(u"typo.json"_s);
    QFile out(typoPath);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(typo.readAll().replace("\"role\": \"Senpai\"", "\"role\": \"Senpia\""));
    out.close();
    for (QString &a : args) {
        if (a == u"DB"_s)
            a = m_db;
        else if (a == u"DAIMYO"_s)
            a = policyFile(u"daimyo"_s);
        else if (a == u"TYPO"_s)
            a = typoPath;
    }
    const Run r = gavelRun(args);
    QCOMPARE(r.exit, exit);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestPolicyCli)
#include "tst_policy_cli.moc"
