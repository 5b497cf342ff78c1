// gavel pairs / clusters / audit as processes on a stored guild: the CSV contract of
// ../shared/docs/cli.md (exact header, ids as decimal strings), agreement with the core API,
// and exit codes for bad usage and failures.

#include "StoreSampleGuild.h"
#include "StoreTestDatabase.h"
#include "TestPaths.h"
#include "analysis/PairMatrix.h"
#include "history/History.h"
#include "store/Repository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <set>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run gavelRun(const QStringList &args)
{
    QProcess p;
    p.start(test::gavelBinary(), args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestPairsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pairs();
    void pairsWindowAndMinimum();
    void clusters();
    void audit();
    void usageErrors_data();
    void usageErrors();

private:
    std::unique_ptr<test::StoreTestDatabase> m_db;
    test::StoreSampleGuild m_sample;
    QString m_path;
};

void TestPairsCli::initTestCase()
{
    m_db = std::make_unique<test::StoreTestDatabase>(store::Backend::Sqlite);
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    auto db = m_db->open();
    QVERIFY(db);
    store::Repository repository(**db);
    m_sample = test::StoreSampleGuild::make(11, 14, 200);
    QVERIFY(test::writeSampleGuild(repository, m_sample, 1700000000000));
    m_path = m_db->sqlitePath();
}

void TestPairsCli::pairs()
{
    const Run r = gavelRun({u"pairs"_s, u"--db"_s, m_path});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.err.isEmpty());
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(),
             u"reactor_id,author_id,reactions,weighted,reverse_reactions,reciprocity"_s);

    auto db = m_db->open();
    QVERIFY(db);
    auto h = history::History::load(**db, m_sample.guild.id, {});
    QVERIFY(h);
    const auto matrix = analysis::PairMatrix::build(*h);
    QCOMPARE(lines.size() - 1, qsizetype(matrix.pairs().size()));
    quint32 previous = std::numeric_limits<quint32>::max();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList f = lines[i].split(u',');
        QCOMPARE(f.size(), 6);
        const history::Index reactor = h->userIndex(f[0].toULongLong());
        const history::Index author = h->userIndex(f[1].toULongLong());
        const analysis::Pair *p = matrix.find(reactor, author);
        QVERIFY2(p, qPrintable(lines[i]));
        QCOMPARE(f[2].toUInt(), p->count);
        QCOMPARE(f[3].toDouble(), double(p->count));
        QCOMPARE(f[4].toUInt(), p->reverseCount);
        QCOMPARE(f[5], QString::number(p->reciprocity(), 'f', 4));
        QVERIFY(p->count <= previous); // largest pairs first
        previous = p->count;
    }
}

void TestPairsCli::pairsWindowAndMinimum()
{
    const Run all = gavelRun({u"pairs"_s, u"--db"_s, m_path});
    const Run min2 = gavelRun({u"pairs"_s, u"--db"_s, m_path, u"--min"_s, u"2"_s});
    QCOMPARE(min2.exitCode, 0);
    for (const QString &line : min2.out.split(u'\n', Qt::SkipEmptyParts).mid(1))
        QVERIFY(line.split(u',')[2].toInt() >= 2);
    QVERIFY(min2.out.size() < all.out.size());
    // The sample's messages start on 2021-01-01 at 01:40 and come one a minute.
    const Run late =
        gavelRun({u"pairs"_s, u"--db"_s, m_path, u"--since"_s, u"2021-01-01T03:00:00Z"_s,
                  u"--guild"_s, QString::number(m_sample.guild.id)});
    QCOMPARE(late.exitCode, 0);
    QVERIFY(late.out.size() < all.out.size());
    const QString out = u"%1/pairs.csv"_s.arg(m_db->folder());
    const Run toFile = gavelRun({u"pairs"_s, u"--db"_s, m_path, u"--out"_s, out});
    QCOMPARE(toFile.exitCode, 0);
    QVERIFY(toFile.out.isEmpty());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), all.out);
}

void TestPairsCli::clusters()
{
    const Run r = gavelRun({u"clusters"_s, u"--db"_s, m_path});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), u"cluster_id,kind,user_id,score,evidence"_s);
    // A random sample guild has no ring or alt family: detection must not invent one.
    QCOMPARE(lines.size(), 1);
}

void TestPairsCli::audit()
{
    const quint64 user = m_sample.users.at(2).id;
    const Run json = gavelRun({u"audit"_s, u"--db"_s, m_path, u"--user"_s, QString::number(user)});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(root.value(u"member"_s).toObject().value(u"user_id"_s).toString(),
             QString::number(user));
    const QJsonArray given = root.value(u"reactions_given"_s).toArray();
    const QJsonArray received = root.value(u"reactions_received"_s).toArray();
    int expectedGiven = 0;
    std::set<std::tuple<quint64, QString, bool>> seen;
    for (const auto &reaction : m_sample.reactions)
        if (reaction.userId == user)
            seen.insert({reaction.messageId, reaction.emojiKey, reaction.burst});
    expectedGiven = int(seen.size());
    QCOMPARE(given.size(), expectedGiven);
    for (const QJsonValue &v : given)
        QVERIFY(v.toObject().value(u"link"_s).toString().startsWith(
            u"https://discord.com/channels/%1/"_s.arg(m_sample.guild.id)));
    QVERIFY(!received.isEmpty());

    const Run csv = gavelRun({u"audit"_s, u"--db"_s, m_path, u"--user"_s, QString::number(user),
                              u"--format"_s, u"csv"_s});
    QCOMPARE(csv.exitCode, 0);
    const QStringList lines = csv.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.first().startsWith(u"direction,reactor_id,author_id,message_id"_s));
    QCOMPARE(lines.size() - 1, given.size() + received.size());

    const Run onlyGiven =
        gavelRun({u"audit"_s, u"--db"_s, m_path, u"--user"_s, QString::number(user), u"--format"_s,
                  u"csv"_s, u"--only"_s, u"given"_s});
    QCOMPARE(onlyGiven.exitCode, 0);
    const QStringList givenLines = onlyGiven.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(givenLines.size() - 1, given.size());
    for (const QString &line : givenLines.mid(1))
        QVERIFY(line.startsWith(u"given,"_s));
}

void TestPairsCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no db") << QStringList{u"pairs"_s} << 2 << u"--db"_s;
    QTest::newRow("bad since") << QStringList{u"pairs"_s, u"--db"_s, u"DB"_s, u"--since"_s,
                                              u"last week"_s}
                               << 2 << u"ISO 8601"_s;
    QTest::newRow("since after until")
        << QStringList{u"clusters"_s,   u"--db"_s,    u"DB"_s,        u"--since"_s,
                       u"2022-01-01"_s, u"--until"_s, u"2021-01-01"_s}
        << 2 << u"--since must be before --until"_s;
    QTest::newRow("bad min") << QStringList{u"pairs"_s, u"--db"_s, u"DB"_s, u"--min"_s, u"x"_s} << 2
                             << u"--min"_s;
    QTest::newRow("audit without user")
        << QStringList{u"audit"_s, u"--db"_s, u"DB"_s} << 2 << u"--user"_s;
    QTest::newRow("audit bad format")
        << QStringList{u"audit"_s, u"--db"_s, u"DB"_s, u"--user"_s, u"1"_s, u"--format"_s, u"xml"_s}
        << 2 << u"json, text or csv"_s;
    QTest::newRow("audit bad only")
        << QStringList{u"audit"_s, u"--db"_s, u"DB"_s, u"--user"_s, u"1"_s, u"--only"_s, u"both"_s}
        << 2 << u"given or received"_s;
    QTest::newRow("unknown user") << QStringList{u"audit"_s, u"--db"_s, u"DB"_s, u"--user"_s,
                                                 u"42"_s}
                                  << 1 << u"user 42"_s;
    QTest::newRow("unknown guild")
        << QStringList{u"pairs"_s, u"--db"_s, u"DB"_s, u"--guild"_s, u"42"_s} << 1 << u"guild 42"_s;
    QTest::newRow("missing database")
        << QStringList{u"clusters"_s, u"--db"_s, u"/nonexistent/gavel.sqlite"_s} << 1
        << u"/nonexistent/gavel.sqlite"_s;
}

void TestPairsCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    args.replaceInStrings(u"DB"_s, m_path);
    const Run r = gavelRun(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestPairsCli)
#include "tst_pairs_cli.moc"
