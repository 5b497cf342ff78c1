// The sync's page parser (core/sync/PageParser) and the structure-object parsing
// (core/sync/Objects): fields, replies, mentions, reaction summaries, and rejection of bodies a
// truncated or wrong answer would give (the client retries those).

#include "EmulatorClient.h"
#include "EmulatorFixture.h"
#include "SyncTestGuild.h"
#include "common/Snowflake.h"
#include "demoguild/DemoGuild.h"
#include "sync/Objects.h"
#include "sync/PageParser.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

const QByteArray page = R"([
 {"id": "1200000000000000002", "channel_id": "9", "type": 19, "content": "thanks!",
  "author": {"id": "11", "username": "alice", "global_name": "Alice", "discriminator": "0",
             "avatar": null, "bot": false},
  "edited_timestamp": "2024-05-01T12:00:00.250000+00:00",
  "message_reference": {"message_id": "1200000000000000001", "channel_id": "9"},
  "referenced_message": {"id": "1200000000000000001", "author": {"id": "12", "username": "bob"}},
  "mentions": [{"id": "12", "username": "bob", "discriminator": "0042", "global_name": null,
                "avatar": "abc"}],
  "flags": 4,
  "reactions": [
    {"emoji": {"id": null, "name": "👍"}, "count": 3, "count_details": {"burst": 1, "normal": 2}},
    {"emoji": {"id": "77", "name": "dojo", "animated": true}, "count": 1,
     "count_details": {"burst": 0, "normal": 1}}]},
 {"id": "1200000000000000001", "channel_id": "9", "type": 0, "content": "",
  "author": {"id": "12", "username": "bob", "discriminator": "0042"},
  "edited_timestamp": null, "mentions": [], "webhook_id": "55"}
])";

} // namespace

class tst_SyncPageParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messagePage();
    void rejectsWhatIsNotAPage_data();
    void rejectsWhatIsNotAPage();
    void userPage();
    void timestamps_data();
    void timestamps();
    void permissions();
    void parseSpeed();
};

void tst_SyncPageParser::messagePage()
{
    sync::MessagePage p;
    QVERIFY(p.parse(page, 9));
    QCOMPARE(p.received, 2);
    QCOMPARE(p.messages.size(), 2);
    // Ascending by id, whatever order Discord sent.
    const store::MessageRecord &first = p.messages[0].record;
    const store::MessageRecord &reply = p.messages[1].record;
    QCOMPARE(first.id, quint64(1200000000000000001));
    QCOMPARE(first.webhookId, std::optional<quint64>(55));
    QVERIFY(!first.content.isNull());
    QVERIFY(first.content.isEmpty());
    QVERIFY(!first.editedAt);
    QCOMPARE(reply.type, 19);
    QCOMPARE(reply.channelId, quint64(9));
    QCOMPARE(reply.authorId, quint64(11));
    QCOMPARE(reply.replyToMessageId, std::optional<quint64>(1200000000000000001));
    QCOMPARE(reply.replyToAuthorId, std::optional<quint64>(12));
    QCOMPARE(reply.editedAt, std::optional<qint64>(1714564800250));
    QCOMPARE(reply.flags, qint64(4));
    QCOMPARE(reply.mentionIds, QList<quint64>{12});
    const auto &reactions = p.messages[1].reactions;
    QCOMPARE(reactions.size(), 2);
    QCOMPARE(reactions[0].emoji.key, u"👍"_s);
    QCOMPARE(reactions[0].normal, 2);
    QCOMPARE(reactions[0].burst, 1);
    QCOMPARE(reactions[1].emoji.key, u"dojo:77"_s);
    QCOMPARE(reactions[1].emoji.emojiId, std::optional<quint64>(77));
    QVERIFY(reactions[1].emoji.animated);
    // Users: authors and mentions, with their attributes.
    QCOMPARE(p.users.size(), 3);
    const auto bob = std::find_if(p.users.begin(), p.users.end(),
                                  [](const store::UserRecord &u) { return u.avatar == u"abc"; });
    QVERIFY(bob != p.users.end());
    QCOMPARE(bob->discriminator, u"0042"_s);
    QVERIFY(bob->globalName.isNull());
}

void tst_SyncPageParser::rejectsWhatIsNotAPage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("truncated") << page.left(page.size() / 2);
    QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>");
    QTest::newRow("object") << QByteArray(R"({"message": "404: Not Found", "code": 0})");
    QTest::newRow("no author") << QByteArray(R"([{"id": "1", "content": "x"}])");
    QTest::newRow("no id") << QByteArray(R"([{"author": {"id": "1"}}])");
    QTest::newRow("empty") << QByteArray();
}

void tst_SyncPageParser::rejectsWhatIsNotAPage()
{
    QFETCH(QByteArray, body);
    sync::MessagePage p;
    QVERIFY(!p.parse(body, 1));
    sync::UserPage u;
    // A message without an author is still a list of objects with ids: a fine user page.
    if (QByteArray(QTest::currentDataTag()) != "no author")
        QVERIFY(!u.parse(body));
}

void tst_SyncPageParser::userPage()
{
    sync::UserPage u;
    QVERIFY(
        u.parse(R"([{"id": "5", "username": "a"}, {"id": "6", "username": "b", "bot": true}])"));
    QCOMPARE(u.users.size(), 2);
    QCOMPARE(u.users[1].id, quint64(6));
    QVERIFY(u.users[1].bot);
    QVERIFY(u.parse("[]"));
    QVERIFY(u.users.isEmpty());
}

void tst_SyncPageParser::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("discord") << u"2024-05-01T12:00:00.000000+00:00"_s << qint64(1714564800000);
    QTest::newRow("z") << u"2024-05-01T12:00:00Z"_s << qint64(1714564800000);
    QTest::newRow("millis") << u"2024-05-01T12:00:00.123Z"_s << qint64(1714564800123);
    QTest::newRow("offset") << u"2024-05-01T14:00:00+02:00"_s << qint64(1714564800000);
    QTest::newRow("leap day") << u"2024-02-29T00:00:00+00:00"_s << qint64(1709164800000);
    QTest::newRow("no zone") << u"2024-05-01T12:00:00"_s << qint64(-1);
    QTest::newRow("bad date") << u"2023-02-29T00:00:00Z"_s << qint64(-1);
    QTest::newRow("garbage") << u"yesterday"_s << qint64(-1);
}

void tst_SyncPageParser::timestamps()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto parsed = sync::parseTimestamp(QStringView(text));
    QCOMPARE(parsed.value_or(-1), ms);
    QCOMPARE(sync::parseTimestamp(QByteArrayView(text.toUtf8())).value_or(-1), ms);
}

void tst_SyncPageParser::permissions()
{
    // @everyone (id = guild) may view and read; the member's role denies reading in one channel,
    // a member overwrite allows it back in another.
    const quint64 guild = 100, role = 200, me = 300;
    store::RoleRecord everyone;
    everyone.id = guild;
    everyone.permissions =
        QString::number(sync::permission::ViewChannel | sync::permission::ReadMessageHistory);
    store::RoleRecord mine;
    mine.id = role;
    mine.permissions = u"0"_s;
    const sync::Permissions p(guild, 1, me, {role}, {everyone, mine});
    QVERIFY(p.canRead({}));
    const QList<sync::Overwrite> denied{{role, 0, 0, sync::permission::ReadMessageHistory}};
    QVERIFY(!p.canRead(denied));
    QList<sync::Overwrite> back = denied;
    back.append({me, 1, sync::permission::ReadMessageHistory, 0});
    QVERIFY(p.canRead(back));
    QVERIFY(!p.canRead({{guild, 0, 0, sync::permission::ViewChannel}}));
    // The owner reads everything; so does an administrator.
    const sync::Permissions owner(guild, me, me, {}, {everyone});
    QVERIFY(owner.canRead({{guild, 0, 0, sync::permission::ViewChannel}}));
    store::RoleRecord admin;
    admin.id = role;
    admin.permissions = QString::number(sync::permission::Administrator);
    const sync::Permissions administrator(guild, 1, me, {role}, {everyone, admin});
    QVERIFY(administrator.canRead({{guild, 0, 0, sync::permission::ViewChannel}}));
    // Bitfields wider than 64 bits keep their low bits.
    store::RoleRecord wide;
    wide.id = guild;
    wide.permissions = u"18446744073709552640"_s; // 2^64 + (1 << 10)
    const sync::Permissions w(guild, 1, me, {}, {wide});
    QCOMPARE(w.base(), sync::permission::ViewChannel);
}

void tst_SyncPageParser::parseSpeed()
{
    // Why the sync parses pages with simdjson: a real 100-message page of the demo guild,
    // parsed into records by MessagePage versus only turned into a QJsonDocument.
    QTemporaryDir dir;
    demoguild::Options o;
    o.members = 200;
    o.messages = 3000;
    auto written = demoguild::generate(o, dir.filePath(u"d.json"_s));
    QVERIFY(written.ok());
    auto snapshot = emulator::Snapshot::load(written->snapshotPath);
    QVERIFY(snapshot.ok());
    quint64 busiest = 0;
    size_t most = 0;
    for (const emulator::Channel &c : snapshot->channels()) {
        if (c.messages.size() > most) {
            most = c.messages.size();
            busiest = c.id;
        }
    }
    test::EmulatorFixture emulator;
    QVERIFY(emulator.start(std::move(*snapshot)));
    test::EmulatorClient client(emulator.origin(), emulator.token());
    const auto reply =
        client.get(u"/channels/%1/messages?limit=100"_s.arg(snowflake::toString(busiest)));
    QCOMPARE(reply.status, 200);
    const QByteArray body = reply.body;
    constexpr int rounds = 300;
    sync::MessagePage p;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < rounds; ++i)
        QVERIFY(p.parse(body, busiest));
    const double simd = double(t.nsecsElapsed()) / rounds / 1000.0;
    QCOMPARE(p.received, 100);
    t.restart();
    qsizetype n = 0;
    for (int i = 0; i < rounds; ++i)
        n += QJsonDocument::fromJson(body).array().size();
    const double qt = double(t.nsecsElapsed()) / rounds / 1000.0;
    QCOMPARE(n, qsizetype(rounds) * 100);
    qInfo("100-message page of %lld bytes: MessagePage::parse (simdjson, records included) "
          "%.0f us; QJsonDocument::fromJson alone %.0f us (%.1fx)",
          qint64(body.size()), simd, qt, qt / simd);
}

QTEST_GUILESS_MAIN(tst_SyncPageParser)
#include "tst_syncpageparser.moc"
