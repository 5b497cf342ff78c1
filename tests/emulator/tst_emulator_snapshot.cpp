// Loading, validating, changing and dumping guild snapshots (emulator::Snapshot).

#include "SnapshotBuilder.h"
#include "emulator/Gzip.h"
#include "emulator/Snapshot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace gavel;
using namespace gavel::emulator;
using gavel::test::SnapshotBuilder;

namespace {

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray withField(const QByteArray &doc, const QString &key, const QJsonValue &value)
{
    QJsonObject o = parseObject(doc);
    o[key] = value;
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestEmulatorSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsTypicalGuild()
    {
        const SnapshotBuilder b = SnapshotBuilder::typical();
        auto s = b.build();
        QVERIFY2(s.ok(), qPrintable(s ? QString() : s.error().text()));
        QCOMPARE(s->guildId(), b.guildId());
        QCOMPARE(s->members().size(), size_t(5));
        QCOMPARE(s->messageCount(), qint64(3));
        QCOMPARE(s->reactionUserCount(), qint64(3));
        for (size_t i = 1; i < s->members().size(); ++i)
            QVERIFY(s->members()[i - 1].userId < s->members()[i].userId);
    }

    void sortsMessagesAndKeepsUnknownFields()
    {
        SnapshotBuilder b;
        b.addBot();
        const quint64 author = b.addMember(QStringLiteral("A"));
        const quint64 channel = b.addChannel(QStringLiteral("c"));
        const quint64 late = b.addMessage(channel, author, QStringLiteral("late"), 1710000000000);
        const quint64 early = b.addMessage(channel, author, QStringLiteral("early"), 1700000000000);
        // Message order in the file is free; unknown fields anywhere survive.
        QJsonObject doc = parseObject(b.json());
        QJsonObject messages = doc[QStringLiteral("messages")].toObject();
        QJsonArray list = messages[QString::number(channel)].toArray();
        QJsonObject first = list[0].toObject();
        first[QStringLiteral("x_future_field")] = QJsonObject{{QStringLiteral("a"), 1}};
        list[0] = first;
        messages[QString::number(channel)] = list;
        doc[QStringLiteral("messages")] = messages;
        doc[QStringLiteral("x_top_level")] = QStringLiteral("kept");
        auto s = Snapshot::fromJson(QJsonDocument(doc).toJson());
        QVERIFY2(s.ok(), qPrintable(s ? QString() : s.error().text()));
        const Channel *c = s->channel(channel);
        QVERIFY(c);
        QCOMPARE(c->messages.size(), size_t(2));
        QCOMPARE(c->messages[0].id, early);
        QCOMPARE(c->messages[1].id, late);
        QVERIFY(c->messages[1].json.contains("\"x_future_field\":{\"a\":1}"));
        const QJsonObject dumped = parseObject(s->toJson());
        QCOMPARE(dumped[QStringLiteral("x_top_level")].toString(), QStringLiteral("kept"));
    }

    void dumpRoundTrips()
    {
        auto first = SnapshotBuilder::typical().build();
        QVERIFY(first.ok());
        const QByteArray dump = first->toJson();
        auto second = Snapshot::fromJson(dump);
        QVERIFY2(second.ok(), qPrintable(second ? QString() : second.error().text()));
        QCOMPARE(second->toJson(), dump);
        QCOMPARE(parseObject(dump)[QStringLiteral("format")].toString(),
                 QStringLiteral("guild-snapshot/1"));
    }

    void loadsFilesPlainAndGzip_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("plain") << false;
        QTest::newRow("gzip") << true;
    }

    void loadsFilesPlainAndGzip()
    {
        QFETCH(bool, gzip);
        QTemporaryDir dir;
        const QString path =
            dir.filePath(gzip ? QStringLiteral("g.json.gz") : QStringLiteral("g.json"));
        const SnapshotBuilder b = SnapshotBuilder::typical();
        QVERIFY(b.writeTo(path, gzip));
        auto s = Snapshot::load(path);
        QVERIFY2(s.ok(), qPrintable(s ? QString() : s.error().text()));
        QCOMPARE(s->messageCount(), qint64(3));
        QCOMPARE(s->toJson(), b.build()->toJson());
    }

    void reportsErrors_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("expected");
        const QByteArray good = SnapshotBuilder::typical().json();
        QTest::newRow("syntax: missing comma")
            << QByteArray("{\"format\": \"guild-snapshot/1\"\n \"guild\": {}}")
            << QStringLiteral("not valid JSON: expected ',' or '}' in an object at byte 31 "
                              "(line 2, column 2)");
        QTest::newRow("syntax: truncated")
            << good.left(good.size() / 2) << QStringLiteral("is not valid JSON: ");
        QTest::newRow("syntax: trailing text")
            << good + " x"
            << QStringLiteral("unexpected text after the end of the JSON value at byte %1")
                   .arg(good.size() + 1);
        QTest::newRow("not an object")
            << QByteArray("[1,2]") << QStringLiteral("the document is not a JSON object");
        QTest::newRow("wrong format")
            << withField(good, QStringLiteral("format"), QStringLiteral("guild-snapshot/2"))
            << QStringLiteral("\"format\" is not \"guild-snapshot/1\"");
        QTest::newRow("no format") << QByteArray("{\"guild\": {\"id\": \"100000000000000000\"}}")
                                   << QStringLiteral("no \"format\": \"guild-snapshot/1\" field");
        QTest::newRow("roles not an array")
            << withField(good, QStringLiteral("roles"), QJsonObject())
            << QStringLiteral("a value has the wrong JSON type (in roles");
        QTest::newRow("reaction for unknown message")
            << withField(good, QStringLiteral("reactions"),
                         QJsonObject{{QStringLiteral("1/2/👍"), QJsonArray{QStringLiteral("3")}}})
            << QStringLiteral("reactions[\"1/2/👍\"]: there is no message 2 in channel 1");
    }

    void reportsErrors()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, expected);
        auto s = Snapshot::fromJson(document, QStringLiteral("test.json"));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.startsWith(QStringLiteral("test.json")),
                 qPrintable(s.error().message));
        QVERIFY2(s.error().message.contains(expected), qPrintable(s.error().message));
    }

    void rejectsSummaryThatDisagreesWithLists()
    {
        SnapshotBuilder b = SnapshotBuilder::typical();
        QJsonObject doc = parseObject(b.json());
        QJsonObject reactions = doc[QStringLiteral("reactions")].toObject();
        const QString key = reactions.keys().first();
        QJsonArray users = reactions[key].toArray();
        users.removeLast();
        reactions[key] = users;
        doc[QStringLiteral("reactions")] = reactions;
        auto s = Snapshot::fromJson(QJsonDocument(doc).toJson());
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("counts 2 normal and 0 burst, but the "
                                                           "reactions lists hold 1 and 0 users")),
                 qPrintable(s.error().message));
    }

    void rejectsUnknownReactor()
    {
        SnapshotBuilder b = SnapshotBuilder::typical();
        QJsonObject doc = parseObject(b.json());
        QJsonObject reactions = doc[QStringLiteral("reactions")].toObject();
        const QString key = reactions.keys().first();
        QJsonArray users = reactions[key].toArray();
        users[0] = QStringLiteral("999999999999999999");
        reactions[key] = users;
        doc[QStringLiteral("reactions")] = reactions;
        auto s = Snapshot::fromJson(QJsonDocument(doc).toJson());
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("user 999999999999999999 is neither a "
                                                           "member nor in \"users\"")),
                 qPrintable(s.error().message));
    }

    void missingFileSaysSo()
    {
        auto s = Snapshot::load(QStringLiteral("/nonexistent/guild.json"));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.startsWith(
                     QStringLiteral("cannot open snapshot /nonexistent/guild.json")),
                 qPrintable(s.error().message));
    }

    void corruptGzipSaysSo()
    {
        QByteArray gz = gzipCompress(SnapshotBuilder::typical().json());
        gz.truncate(gz.size() / 2);
        auto s = Snapshot::fromJson(gz, QStringLiteral("cut.json.gz"));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("ends early")),
                 qPrintable(s.error().message));
    }

    void reactionSummaryFollowsLists()
    {
        SnapshotBuilder b = SnapshotBuilder::typical();
        auto s = b.build();
        QVERIFY(s.ok());
        s->setBotUserId(b.botId());
        const Channel &general = s->channels()[1];
        QCOMPARE(general.messages.size(), size_t(3));
        const quint64 channel = general.id;
        const quint64 message = general.messages[0].id;
        // Add a normal and a burst 👍 (the bot's own), and a new emoji.
        QVERIFY(*s->setReaction(channel, message, "👍", b.botId(), false, true));
        QVERIFY(*s->setReaction(channel, message, "👍", b.ownerId(), true, true));
        QVERIFY(!*s->setReaction(channel, message, "👍", b.ownerId(), true, true));
        QVERIFY(*s->setReaction(channel, message, "🎉", b.ownerId(), false, true));
        QJsonArray summary =
            parseObject(
                Snapshot::message(*s->channel(channel), message)->json)[QStringLiteral("reactions")]
                .toArray();
        QCOMPARE(summary.size(), 2);
        const QJsonObject thumbs = summary[0].toObject();
        QCOMPARE(thumbs[QStringLiteral("emoji")].toObject()[QStringLiteral("name")].toString(),
                 QStringLiteral("👍"));
        QCOMPARE(thumbs[QStringLiteral("count")].toInt(), 4);
        QCOMPARE(
            thumbs[QStringLiteral("count_details")].toObject()[QStringLiteral("normal")].toInt(),
            3);
        QCOMPARE(
            thumbs[QStringLiteral("count_details")].toObject()[QStringLiteral("burst")].toInt(), 1);
        QCOMPARE(thumbs[QStringLiteral("me")].toBool(), true);
        QCOMPARE(thumbs[QStringLiteral("me_burst")].toBool(), false);
        QVERIFY(summary[1]
                    .toObject()[QStringLiteral("emoji")]
                    .toObject()[QStringLiteral("id")]
                    .isNull());
        // Removing every reaction drops the summary, and the dump stays loadable.
        for (quint64 user : {b.botId()})
            QVERIFY(*s->setReaction(channel, message, "👍", user, false, false));
        auto reloaded = Snapshot::fromJson(s->toJson());
        QVERIFY2(reloaded.ok(), qPrintable(reloaded ? QString() : reloaded.error().text()));
        QCOMPARE(reloaded->reactionUserCount(), s->reactionUserCount());
    }

    void customEmojiSummaryUsesGuildEmoji()
    {
        SnapshotBuilder b = SnapshotBuilder::typical();
        const quint64 emoji = b.addEmoji(QStringLiteral("gavel"), true);
        auto s = b.build();
        QVERIFY(s.ok());
        const Channel &general = s->channels()[1];
        const QByteArray key = b.emojiKey(emoji).toUtf8();
        QVERIFY(*s->setReaction(general.id, general.messages[1].id,
                                std::string_view(key.constData(), size_t(key.size())), b.ownerId(),
                                false, true));
        const QJsonArray summary =
            parseObject(general.messages[1].json)[QStringLiteral("reactions")].toArray();
        const QJsonObject e = summary.last().toObject()[QStringLiteral("emoji")].toObject();
        QCOMPARE(e[QStringLiteral("id")].toString(), QString::number(emoji));
        QCOMPARE(e[QStringLiteral("name")].toString(), QStringLiteral("gavel"));
        QCOMPARE(e[QStringLiteral("animated")].toBool(), true);
    }

    void findsTheBot_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<int>("expectedIndex"); // index into the candidate list, -1 = error
        QTest::newRow("lowest id wins a tie") << 0 << 0;
        QTest::newRow("highest role must have the permission") << 1 << 1;
        QTest::newRow("administrator counts") << 2 << 0;
        QTest::newRow("no qualifying bot") << 3 << -1;
    }

    void findsTheBot()
    {
        using namespace permission;
        QFETCH(int, scenario);
        QFETCH(int, expectedIndex);
        SnapshotBuilder b;
        b.addMember(QStringLiteral("Owner"));
        QList<quint64> candidates;
        if (scenario == 0) {
            candidates << b.addBot(QStringLiteral("A"), 5) << b.addBot(QStringLiteral("B"), 6);
        } else if (scenario == 1) {
            const quint64 top = b.addRole(QStringLiteral("decor"), 9, 0);
            const quint64 manage = b.addRole(QStringLiteral("manage"), 4, ManageRoles);
            candidates << b.addMember(QStringLiteral("A"), {manage, top}, true);
            candidates << b.addBot(QStringLiteral("B"), 3);
        } else if (scenario == 2) {
            const quint64 admin = b.addRole(QStringLiteral("admin"), 4, Administrator);
            candidates << b.addMember(QStringLiteral("A"), {admin}, true);
        } else {
            candidates << b.addMember(QStringLiteral("A"), {b.addRole(QStringLiteral("r"), 2, 0)},
                                      true);
        }
        auto s = b.build();
        QVERIFY(s.ok());
        const auto bot = s->findBotUser();
        if (expectedIndex < 0) {
            QVERIFY(!bot.ok());
            QVERIFY(bot.error().hint.contains(QStringLiteral("--bot-user")));
            QCOMPARE(*s->findBotUser(candidates[0]), candidates[0]);
        } else {
            QVERIFY2(bot.ok(), qPrintable(bot ? QString() : bot.error().text()));
            QCOMPARE(*bot, candidates[expectedIndex]);
        }
        QVERIFY(!s->findBotUser(quint64(123456789012345678)).ok());
    }

    void permissionsFollowOverwrites()
    {
        using namespace permission;
        SnapshotBuilder b;
        b.addMember(QStringLiteral("Owner"));
        const quint64 mods = b.addRole(QStringLiteral("mods"), 2, 0);
        const quint64 bot = b.addBot(QStringLiteral("Bot"), 5, ManageRoles);
        auto everyoneDeny = SnapshotBuilder::Overwrite{b.everyoneRoleId(), 0, 0, ViewChannel};
        const quint64 hidden = b.addChannel(QStringLiteral("hidden"), 0, 0, {everyoneDeny});
        const quint64 roleAllowed =
            b.addChannel(QStringLiteral("mods"), 0, 0,
                         {everyoneDeny, SnapshotBuilder::Overwrite{mods, 0, ViewChannel, 0}});
        const quint64 memberDenied =
            b.addChannel(QStringLiteral("nohistory"), 0, 0,
                         {SnapshotBuilder::Overwrite{bot, 1, 0, ReadMessageHistory}});
        const quint64 thread = b.addThread(hidden, QStringLiteral("t"));
        auto s = b.build();
        QVERIFY(s.ok());
        QCOMPARE(s->channelPermissions(bot, *s->channel(hidden)) & ViewChannel, quint64(0));
        QCOMPARE(s->channelPermissions(bot, *s->channel(thread)) & ViewChannel, quint64(0));
        QCOMPARE(s->channelPermissions(bot, *s->channel(roleAllowed)) & ViewChannel, quint64(0));
        QCOMPARE(s->channelPermissions(bot, *s->channel(memberDenied)) & ReadMessageHistory,
                 quint64(0));
        QVERIFY(s->channelPermissions(bot, *s->channel(memberDenied)) & ViewChannel);
        QCOMPARE(s->channelPermissions(b.ownerId(), *s->channel(hidden)), All);
        QCOMPARE(s->highestRolePosition(bot), qint64(5));
    }

    void isoTimestamps_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("msecs");
        QTest::newRow("discord") << QByteArray("2024-01-01T00:00:00.000000+00:00")
                                 << qint64(1704067200000);
        QTest::newRow("millis") << QByteArray("2024-02-29T12:34:56.789+00:00")
                                << qint64(1709210096789);
        QTest::newRow("zulu") << QByteArray("2015-01-01T00:00:00Z") << qint64(1420070400000);
        QTest::newRow("offset") << QByteArray("2024-01-01T02:00:00+02:00") << qint64(1704067200000);
    }

    void isoTimestamps()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, msecs);
        QCOMPARE(Snapshot::parseTimestamp(std::string_view(text.constData(), size_t(text.size()))),
                 std::optional<qint64>(msecs));
        const QByteArray back = Snapshot::isoTimestamp(msecs);
        QCOMPARE(Snapshot::parseTimestamp(std::string_view(back.constData(), size_t(back.size()))),
                 std::optional<qint64>(msecs));
        QVERIFY(!Snapshot::parseTimestamp("2024-13-01T00:00:00Z"));
        QVERIFY(!Snapshot::parseTimestamp("yesterday"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorSnapshot)
#include "tst_emulator_snapshot.moc"
