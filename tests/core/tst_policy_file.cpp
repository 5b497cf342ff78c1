// The gavel-policy/1 file: shipped policies against the JSON Schema, bad files rejected by
// both the schema and the C++ parser (with the JSON path in the error), the content hash, and
// resolving role names against a guild.

#include "TestPaths.h"
#include "policy/Evaluator.h"
#include "policy/Policy.h"
#include "tst_policy_history.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace gavel;
using namespace gavel::test;
using policy::Policy;

namespace {

QString policiesDir()
{
    return sourceDir() + u"/resources/policies"_s;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

//! Validates `json` against policy.schema.json with python3-jsonschema: "valid" or the error.
QString schemaVerdict(const QByteArray &json)
{
    QTemporaryDir dir;
    QFile f(dir.filePath(u"p.json"_s));
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size())
        return u"cannot write"_s;
    f.close();
    QProcess py;
    py.start(u"/usr/bin/python3"_s,
             {u"-c"_s,
              u"import json,sys,jsonschema\n"
              u"s=json.load(open(sys.argv[1]))\n"
              u"jsonschema.Draft7Validator.check_schema(s)\n"
              u"try:\n"
              u"  jsonschema.validate(json.load(open(sys.argv[2],encoding='utf-8')), s)\n"
              u"  print('valid')\n"
              u"except jsonschema.ValidationError as e:\n"
              u"  print('invalid: ' + e.message)\n"_s,
              policiesDir() + u"/policy.schema.json"_s, f.fileName()});
    if (!py.waitForFinished(30000) || py.exitCode() != 0)
        return u"python failed: "_s + QString::fromUtf8(py.readAllStandardError());
    return QString::fromUtf8(py.readAllStandardOutput()).trimmed();
}

const QByteArray goodDaimyo = R"({"format":"gavel-policy/1","name":"d","version":"1",
  "scoring":"daimyo","roles":{"managed":["Kohai","Senpai","Sensei"],"exempt":["Kohai"],
  "deactivated":null},"daimyo":{"emoji":["dojo"],"base_role":"Kohai",
  "senpai":{"role":"Senpai","reactions":50,"distinct_reactors_bp":1000,
            "reactor_roles":["Senpai","Sensei"]},
  "sensei":{"role":"Sensei","reactions":30,"distinct_reactors_bp":2000,
            "reactor_roles":["Sensei"]}}})";

QByteArray replaced(const QByteArray &from, const QByteArray &to)
{
    QByteArray s = goodDaimyo;
    if (!s.contains(from))
        qFatal("fixture text not found: %s", from.constData());
    return s.replace(from, to);
}

} // namespace

class TestPolicyFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedPoliciesValidate_data();
    void shippedPoliciesValidate();
    void badFiles_data();
    void badFiles();
    void canonicalForm();
    void hashIgnoresLayoutNotContent();
    void rolesResolveByNameOrId();
    void unknownRoleIsAClearError();
};

void TestPolicyFile::shippedPoliciesValidate_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(policiesDir()).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.contains(u"daimyo.json"_s) && files.contains(u"karma.json"_s) &&
            files.contains(u"pollen-2020.json"_s) && files.contains(u"pollen-hardened.json"_s));
    for (const QString &f : files) {
        if (f != u"policy.schema.json"_s)
            QTest::newRow(qPrintable(f)) << f;
    }
}

void TestPolicyFile::shippedPoliciesValidate()
{
    QFETCH(QString, file);
    const QByteArray json = readFile(policiesDir() + u'/' + file);
    QCOMPARE(schemaVerdict(json), u"valid"_s);
    auto p = Policy::parse(json, file);
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().text()));
    QCOMPARE(p->name + u".json"_s, file);
    // Every shipped policy compiles against a guild with the demo's roles.
    HistoryBuilder b;
    const auto h = b.build();
    auto c = policy::compile(*p, h);
    QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().text()));
}

void TestPolicyFile::badFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::newRow("good (control)") << goodDaimyo << QString();
    QTest::newRow("another format")
        << replaced("gavel-policy/1", "gavel-policy/2") << u"$.format"_s;
    QTest::newRow("unknown field")
        << replaced(R"("name":"d")", R"("name":"d","colour":"red")") << u"$.colour"_s;
    QTest::newRow("fractional basis points")
        << replaced(R"("distinct_reactors_bp":1000)", R"("distinct_reactors_bp":1000.5)")
        << u"$.daimyo.senpai.distinct_reactors_bp"_s;
    QTest::newRow("a percentage as a fraction")
        << replaced(R"("distinct_reactors_bp":2000)", R"("distinct_reactors_bp":0.2)")
        << u"$.daimyo.sensei.distinct_reactors_bp"_s;
    QTest::newRow("more than 100%")
        << replaced(R"("distinct_reactors_bp":1000)", R"("distinct_reactors_bp":12000)")
        << u"$.daimyo.senpai.distinct_reactors_bp"_s;
    QTest::newRow("unknown scoring")
        << replaced(R"("scoring":"daimyo")", R"("scoring":"elo")") << u"$.scoring"_s;
    QTest::newRow("no roles")
        << replaced(R"("roles":{"managed":["Kohai","Senpai","Sensei"],"exempt":["Kohai"],
  "deactivated":null},)",
                    "")
        << u"$.roles"_s;
    QTest::newRow("a second scoring section")
        << replaced(R"("daimyo":{"emoji")", R"("karma":{"trigger_words":["ty"]},"daimyo":{"emoji")")
        << u"$.karma"_s;
    QTest::newRow("reactions as a string")
        << replaced(R"("reactions":50)", R"("reactions":"50")") << u"$.daimyo.senpai.reactions"_s;
    QTest::newRow("no reactor roles")
        << replaced(R"("reactor_roles":["Sensei"])", R"("reactor_roles":[])")
        << u"$.daimyo.sensei.reactor_roles"_s;
    QTest::newRow("excluded user not an id")
        << replaced(R"("scoring":"daimyo",)",
                    R"("scoring":"daimyo","counting":{"excluded_users":["bob"]},)")
        << u"$.counting.excluded_users[0]"_s;
    QTest::newRow("unknown decay field")
        << replaced(R"("base_role":"Kohai",)", R"("base_role":"Kohai","decay":{"days":3},)")
        << u"$.daimyo.decay.days"_s;
    QTest::newRow("karma without levels")
        << QByteArray(R"({"format":"gavel-policy/1","name":"k","version":"1","scoring":"karma",
            "roles":{"managed":[],"exempt":[],"deactivated":null},
            "karma":{"trigger_words":["ty"]}})")
        << u"$.levels"_s;
    QTest::newRow("cred pair dropoff mode")
        << QByteArray(R"({"format":"gavel-policy/1","name":"c","version":"1","scoring":"cred",
            "roles":{"managed":[],"exempt":[],"deactivated":null},
            "levels":[{"level":1,"min":0,"role":null}],
            "cred":{"pair_dropoff":{"mode":"soft"}}})")
        << u"$.cred.pair_dropoff.mode"_s;
    QTest::newRow("negative emoji weight")
        << QByteArray(R"({"format":"gavel-policy/1","name":"c","version":"1","scoring":"cred",
            "roles":{"managed":[],"exempt":[],"deactivated":null},
            "levels":[{"level":1,"min":0,"role":null}],
            "cred":{"emoji_weights_bp":{"dojo":-5}}})")
        << u"$.cred.emoji_weights_bp.dojo"_s;
}

void TestPolicyFile::badFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    const QString verdict = schemaVerdict(json);
    auto p = Policy::parse(json, u"bad.json"_s);
    if (path.isEmpty()) {
        QCOMPARE(verdict, u"valid"_s);
        QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().text()));
        return;
    }
    QVERIFY2(verdict.startsWith(u"invalid"_s), qPrintable(verdict));
    QVERIFY(!p.ok());
    const QString text = p.error().text();
    QVERIFY2(text.contains(u"bad.json"_s) && text.contains(path + u':'), qPrintable(text));
    QVERIFY2(text.contains(u"expected"_s) || text.contains(u"remove"_s), qPrintable(text));
}

void TestPolicyFile::canonicalForm()
{
    const QJsonDocument d = QJsonDocument::fromJson(
        R"({ "b": 1, "a": [true, null, "x\n\"\u0001é"], "B": {"z": -3, "y": "😀"} })");
    QCOMPARE(policy::canonicalJson(d.object()),
             QByteArray(R"({"B":{"y":"😀","z":-3},"a":[true,null,"x\n\"\u0001é"],"b":1})"));
}

void TestPolicyFile::hashIgnoresLayoutNotContent()
{
    auto a = Policy::parse(goodDaimyo, u"a"_s);
    QVERIFY(a.ok());
    QVERIFY(QRegularExpression(u"^sha256:[0-9a-f]{64}$"_s).match(a->hash).hasMatch());
    // Same content, other key order and whitespace: same hash.
    QJsonObject o = QJsonDocument::fromJson(goodDaimyo).object();
    const QByteArray reordered = QJsonDocument(o).toJson(QJsonDocument::Indented);
    auto b = Policy::parse(reordered, u"b"_s);
    QVERIFY(b.ok());
    QCOMPARE(b->hash, a->hash);
    // One parameter changed: another hash.
    auto c = Policy::parse(replaced(R"("reactions":30)", R"("reactions":31)"), u"c"_s);
    QVERIFY(c.ok());
    QVERIFY(c->hash != a->hash);
    // The hash is SHA-256 of the canonical form.
    QCOMPARE(
        a->hash,
        u"sha256:"_s +
            QString::fromLatin1(
                QCryptographicHash::hash(a->canonicalJson, QCryptographicHash::Sha256).toHex()));
}

void TestPolicyFile::rolesResolveByNameOrId()
{
    HistoryBuilder b;
    const auto h = b.build();
    const QByteArray senseiId = QByteArray::number(h.roles[b.roleNamed(u"Sensei"_s)].id);
    auto p = Policy::parse(
        replaced(R"("role":"Sensei")", "\"role\":\"" + senseiId + '"')
            .replace(R"("Kohai","Senpai","Sensei"])", QByteArray("\"Kohai\",\"Senpai\",\"" + senseiId + "\"]")),
        u"ids"_s);
    QVERIFY(p.ok());
    auto c = policy::compile(*p, h);
    QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().text()));
    QCOMPARE(c->levelRoles[2], b.roleNamed(u"Sensei"_s));
}

void TestPolicyFile::unknownRoleIsAClearError()
{
    HistoryBuilder b;
    auto h = b.build();
    auto p = Policy::parse(replaced(R"("role":"Senpai")", R"("role":"Senpia")"), u"typo"_s);
    QVERIFY(p.ok());
    auto c = policy::compile(*p, h);
    QVERIFY(!c.ok());
    const QString text = c.error().text();
    QVERIFY2(text.contains(u"\"Senpia\""_s) && text.contains(u"$.daimyo.senpai.role"_s) &&
                 text.contains(u"Senpai"_s) && text.contains(u"Test Dojo"_s),
             qPrintable(text));
    // Two roles with one name: refer by id.
    b.role(u"Senpai"_s);
    h = b.build();
    auto d = policy::compile(*Policy::parse(goodDaimyo, u"dup"_s), h);
    QVERIFY(!d.ok());
    QVERIFY2(d.error().text().contains(u"two roles"_s), qPrintable(d.error().text()));
}

QTEST_GUILESS_MAIN(TestPolicyFile)
#include "tst_policy_file.moc"
