// The /_emulator/ admin API: changes show up through the REST API; config, stats, snapshot dump.

#include "EmulatorClient.h"
#include "EmulatorFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace gavel;
using namespace gavel::test;

class TestEmulatorAdmin : public QObject
{
    Q_OBJECT

private:
    EmulatorFixture m_emulator;
    std::unique_ptr<EmulatorClient> m_client;
    SnapshotBuilder m_builder = SnapshotBuilder::typical();
    quint64 m_channel = 0, m_author = 0, m_role = 0, m_moderator = 0;

    QString n(quint64 id) const { return QString::number(id); }
    EmulatorReply admin(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return m_client->admin(method, path, body);
    }
    EmulatorReply get(const QString &path) { return m_client->get(path); }

private Q_SLOTS:
    void initTestCase()
    {
        m_channel = m_builder.addChannel(QStringLiteral("news"), 5);
        m_author = m_builder.addMember(QStringLiteral("Writer"));
        m_role = m_builder.addRole(QStringLiteral("Helper"), 2);
        m_moderator = m_builder.addMember(QStringLiteral("Moderator"));
        m_builder.addMessage(m_channel, m_author, QStringLiteral("first"));
        QVERIFY2(m_emulator.start(m_builder), qPrintable(m_emulator.errorString()));
        m_client = std::make_unique<EmulatorClient>(m_emulator.origin(), m_emulator.token());
    }

    void messagesAddEditDelete()
    {
        EmulatorReply r =
            admin("POST", QStringLiteral("/channels/%1/messages").arg(m_channel),
                  "{\"author_id\":\"" + QByteArray::number(m_author) + "\",\"content\":\"fresh\"}");
        QCOMPARE(r.status, 201);
        const QJsonObject created = r.object();
        const quint64 id = created[QStringLiteral("id")].toString().toULongLong();
        QVERIFY(id > 0);
        QCOMPARE(created[QStringLiteral("channel_id")].toString(), n(m_channel));
        QCOMPARE(created[QStringLiteral("author")][QStringLiteral("id")].toString(), n(m_author));
        for (const char *key :
             {"type", "mentions", "mention_roles", "attachments", "embeds", "timestamp",
              "edited_timestamp", "flags", "components", "pinned", "mention_everyone", "tts"})
            QVERIFY2(created.contains(QLatin1StringView(key)), key);
        QJsonArray page =
            get(QStringLiteral("/channels/%1/messages?limit=1").arg(m_channel)).array();
        QCOMPARE(page[0][QStringLiteral("id")].toString(), n(id));
        QCOMPARE(get(QStringLiteral("/channels/%1").arg(m_channel))
                     .object()[QStringLiteral("last_message_id")]
                     .toString(),
                 n(id));

        // A given id; the same id again is refused.
        const QByteArray withId = "{\"id\":\"" + QByteArray::number(id - 5) +
                                  "\",\"author_id\":\"" + QByteArray::number(m_author) + "\"}";
        QCOMPARE(
            admin("POST", QStringLiteral("/channels/%1/messages").arg(m_channel), withId).status,
            201);
        QCOMPARE(
            admin("POST", QStringLiteral("/channels/%1/messages").arg(m_channel), withId).status,
            400);
        QCOMPARE(admin("POST", QStringLiteral("/channels/%1/messages").arg(m_channel),
                       "{\"content\":\"x\"}")
                     .status,
                 400); // no author

        r = admin("PATCH", QStringLiteral("/channels/%1/messages/%2").arg(m_channel).arg(id),
                  "{\"content\":\"edited\"}");
        QCOMPARE(r.status, 200);
        const QJsonObject edited =
            get(QStringLiteral("/channels/%1/messages/%2").arg(m_channel).arg(id)).object();
        QCOMPARE(edited[QStringLiteral("content")].toString(), QStringLiteral("edited"));
        QVERIFY(edited[QStringLiteral("edited_timestamp")].isString());

        QCOMPARE(admin("DELETE", QStringLiteral("/channels/%1/messages/%2").arg(m_channel).arg(id))
                     .status,
                 204);
        QCOMPARE(get(QStringLiteral("/channels/%1/messages/%2").arg(m_channel).arg(id)).status,
                 404);
        QCOMPARE(admin("DELETE", QStringLiteral("/channels/%1/messages/%2").arg(m_channel).arg(id))
                     .status,
                 400);
    }

    void reactionsAddAndRemove()
    {
        const quint64 message = get(QStringLiteral("/channels/%1/messages?limit=1").arg(m_channel))
                                    .array()[0][QStringLiteral("id")]
                                    .toString()
                                    .toULongLong();
        const QString emoji = QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("⭐")));
        const QString path = QStringLiteral("/channels/%1/messages/%2/reactions/%3/")
                                 .arg(m_channel)
                                 .arg(message)
                                 .arg(emoji);
        QCOMPARE(admin("PUT", path + n(m_author)).status, 204);
        QCOMPARE(admin("PUT", path + n(m_moderator)).status, 204);
        QCOMPARE(admin("PUT", path + n(m_moderator) + QStringLiteral("?type=1")).status, 204);
        QCOMPARE(admin("PUT", path + QStringLiteral("123456789012345678")).status,
                 400); // unknown user
        const QString users = QStringLiteral("/channels/%1/messages/%2/reactions/%3")
                                  .arg(m_channel)
                                  .arg(message)
                                  .arg(emoji);
        QCOMPARE(get(users).array().size(), 2);
        QCOMPARE(get(users + QStringLiteral("?type=1")).array().size(), 1);
        QJsonObject summary =
            get(QStringLiteral("/channels/%1/messages/%2").arg(m_channel).arg(message))
                .object()[QStringLiteral("reactions")]
                .toArray()[0]
                .toObject();
        QCOMPARE(summary[QStringLiteral("count")].toInt(), 3);
        QCOMPARE(summary[QStringLiteral("count_details")][QStringLiteral("burst")].toInt(), 1);
        QCOMPARE(admin("DELETE", path + n(m_author)).status, 204);
        QCOMPARE(admin("DELETE", path + n(m_moderator)).status, 204);
        QCOMPARE(admin("DELETE", path + n(m_moderator) + QStringLiteral("?type=1")).status, 204);
        QCOMPARE(get(users).status, 404); // no such reaction any more
        QVERIFY(!get(QStringLiteral("/channels/%1/messages/%2").arg(m_channel).arg(message))
                     .object()
                     .contains(QStringLiteral("reactions")));
    }

    void membersJoinAndLeave()
    {
        const QByteArray member =
            "{\"user\":{\"id\":\"555555555555555555\",\"username\":\"newbie\"},"
            "\"roles\":[\"" +
            QByteArray::number(m_role) + "\"]}";
        EmulatorReply r = admin("POST", QStringLiteral("/members"), member);
        QCOMPARE(r.status, 201);
        QCOMPARE(admin("POST", QStringLiteral("/members"), member).status, 400);
        r = get(QStringLiteral("/guilds/%1/members/555555555555555555").arg(m_builder.guildId()));
        QCOMPARE(r.status, 200);
        for (const char *key : {"joined_at", "roles", "deaf", "mute", "flags", "pending"})
            QVERIFY2(r.object().contains(QLatin1StringView(key)), key);
        QVERIFY(r.object()[QStringLiteral("user")][QStringLiteral("global_name")].isNull());
        // A reaction by the newcomer still resolves after they leave.
        const quint64 message = get(QStringLiteral("/channels/%1/messages?limit=1").arg(m_channel))
                                    .array()[0][QStringLiteral("id")]
                                    .toString()
                                    .toULongLong();
        QCOMPARE(
            admin("PUT", QStringLiteral("/channels/%1/messages/%2/reactions/%3/555555555555555555")
                             .arg(m_channel)
                             .arg(message)
                             .arg(QStringLiteral("%F0%9F%91%8B")))
                .status,
            204);
        QCOMPARE(admin("DELETE", QStringLiteral("/members/555555555555555555")).status, 204);
        QCOMPARE(
            get(QStringLiteral("/guilds/%1/members/555555555555555555").arg(m_builder.guildId()))
                .status,
            404);
        const QJsonArray users = get(QStringLiteral("/channels/%1/messages/%2/reactions/%3")
                                         .arg(m_channel)
                                         .arg(message)
                                         .arg(QStringLiteral("%F0%9F%91%8B")))
                                     .array();
        QCOMPARE(users.size(), 1);
        QCOMPARE(users[0][QStringLiteral("username")].toString(), QStringLiteral("newbie"));
    }

    void moderatorRoleChanges()
    {
        const QString path =
            QStringLiteral("/members/%1/roles/%2?by=%3&reason=%4")
                .arg(m_author)
                .arg(m_role)
                .arg(m_moderator)
                .arg(QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("by hand"))));
        QCOMPARE(admin("PUT", path).status, 204);
        const QJsonArray entries = get(QStringLiteral("/guilds/%1/audit-logs?user_id=%2")
                                           .arg(m_builder.guildId())
                                           .arg(m_moderator))
                                       .object()[QStringLiteral("audit_log_entries")]
                                       .toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0][QStringLiteral("target_id")].toString(), n(m_author));
        QCOMPARE(entries[0][QStringLiteral("reason")].toString(), QStringLiteral("by hand"));
        QCOMPARE(admin("DELETE", path).status, 204);
        QCOMPARE(admin("PUT", QStringLiteral("/members/%1/roles/1").arg(m_author)).status, 400);
    }

    void threadsCreateAndArchive()
    {
        EmulatorReply r = admin("POST", QStringLiteral("/channels/%1/threads").arg(m_channel),
                                "{\"name\":\"talk\"}");
        QCOMPARE(r.status, 201);
        const QJsonObject thread = r.object();
        const quint64 id = thread[QStringLiteral("id")].toString().toULongLong();
        QCOMPARE(thread[QStringLiteral("type")].toInt(), 10); // announcement parent: news thread
        for (const char *key : {"flags", "guild_id", "name", "owner_id", "thread_metadata",
                                "message_count", "member_count", "total_message_sent"})
            QVERIFY2(thread.contains(QLatin1StringView(key)), key);
        auto active = [&] {
            QList<quint64> out;
            for (const QJsonValue &t :
                 get(QStringLiteral("/guilds/%1/threads/active").arg(m_builder.guildId()))
                     .object()[QStringLiteral("threads")]
                     .toArray())
                out.append(t[QStringLiteral("id")].toString().toULongLong());
            return out;
        };
        QVERIFY(active().contains(id));
        // A thread from a message takes the message's id.
        const quint64 message = get(QStringLiteral("/channels/%1/messages?limit=1").arg(m_channel))
                                    .array()[0][QStringLiteral("id")]
                                    .toString()
                                    .toULongLong();
        r = admin("POST", QStringLiteral("/channels/%1/threads").arg(m_channel),
                  "{\"message_id\":\"" + QByteArray::number(message) + "\"}");
        QCOMPARE(r.object()[QStringLiteral("id")].toString(), n(message));

        r = admin("POST", QStringLiteral("/channels/%1/archive").arg(id),
                  "{\"archive_timestamp\":\"2024-06-01T00:00:00+00:00\",\"locked\":true}");
        QCOMPARE(r.status, 200);
        QVERIFY(!active().contains(id));
        const QJsonObject archived =
            get(QStringLiteral("/channels/%1/threads/archived/public").arg(m_channel)).object();
        QCOMPARE(archived[QStringLiteral("threads")].toArray().size(), 1);
        const QJsonObject meta =
            archived[QStringLiteral("threads")][0][QStringLiteral("thread_metadata")].toObject();
        QCOMPARE(meta[QStringLiteral("archived")].toBool(), true);
        QCOMPARE(meta[QStringLiteral("locked")].toBool(), true);
        QCOMPARE(meta[QStringLiteral("archive_timestamp")].toString(),
                 QStringLiteral("2024-06-01T00:00:00.000000+00:00"));
        QCOMPARE(admin("POST", QStringLiteral("/channels/%1/unarchive").arg(id)).status, 200);
        QVERIFY(active().contains(id));
        QCOMPARE(admin("POST", QStringLiteral("/channels/%1/archive").arg(m_channel)).status,
                 400); // not a thread
    }

    void revokeAndRestoreAccess()
    {
        QCOMPARE(admin("POST", QStringLiteral("/channels/%1/revoke").arg(m_channel)).status, 204);
        QCOMPARE(get(QStringLiteral("/channels/%1/messages").arg(m_channel)).status, 403);
        QVERIFY(
            admin("GET", QStringLiteral("/config")).body.contains(QByteArray::number(m_channel)));
        QCOMPARE(admin("POST", QStringLiteral("/channels/%1/restore").arg(m_channel)).status, 204);
        QCOMPARE(get(QStringLiteral("/channels/%1/messages").arg(m_channel)).status, 200);
    }

    void configChanges()
    {
        EmulatorReply r =
            admin("PATCH", QStringLiteral("/config"),
                  "{\"members_intent\":false,\"message_content_intent\":false,"
                  "\"route_buckets\":{\"messages\":\"7/2\"},\"global_rate\":9,"
                  "\"faults\":{\"rate\":0.25,\"seed\":3,\"kinds\":[\"500\",\"reset-after\"]}}");
        QCOMPARE(r.status, 200);
        QJsonObject config = r.object();
        QCOMPARE(config[QStringLiteral("members_intent")].toBool(), false);
        QCOMPARE(config[QStringLiteral("route_buckets")][QStringLiteral("messages")].toString(),
                 QStringLiteral("7/2"));
        QCOMPARE(config[QStringLiteral("faults")][QStringLiteral("kinds")].toArray().size(), 2);
        QCOMPARE(config[QStringLiteral("faults")][QStringLiteral("rate")].toDouble(), 0.25);
        QCOMPARE(admin("PATCH", QStringLiteral("/config"), "{\"faults\":{\"rate\":0}}").status,
                 200);
        QCOMPARE(get(QStringLiteral("/guilds/%1/members").arg(m_builder.guildId())).status, 403);
        QVERIFY(get(QStringLiteral("/channels/%1/messages").arg(m_channel))
                    .array()[0][QStringLiteral("content")]
                    .toString()
                    .isEmpty());
        // Refused settings change nothing.
        QCOMPARE(admin("PATCH", QStringLiteral("/config"), "{\"members_intent\":true,\"bogus\":1}")
                     .status,
                 400);
        QCOMPARE(admin("PATCH", QStringLiteral("/config"), "{\"route_buckets\":{\"nope\":\"1/1\"}}")
                     .status,
                 400);
        QCOMPARE(
            admin("PATCH", QStringLiteral("/config"), "{\"faults\":{\"kinds\":[\"boom\"]}}").status,
            400);
        QCOMPARE(admin("GET", QStringLiteral("/config"))
                     .object()[QStringLiteral("members_intent")]
                     .toBool(),
                 false);
        r = admin(
            "PATCH", QStringLiteral("/config"),
            "{\"members_intent\":true,\"message_content_intent\":true,\"faults\":{\"rate\":0},"
            "\"route_buckets\":{\"messages\":null}}");
        QCOMPARE(r.status, 200);
        QCOMPARE(get(QStringLiteral("/guilds/%1/members").arg(m_builder.guildId())).status, 200);
    }

    void statsCount()
    {
        QCOMPARE(admin("POST", QStringLiteral("/stats/reset")).status, 204);
        for (int i = 0; i < 3; ++i)
            get(QStringLiteral("/channels/%1/messages").arg(m_channel));
        get(QStringLiteral("/nowhere"));
        const QJsonObject stats = admin("GET", QStringLiteral("/stats")).object();
        QCOMPARE(stats[QStringLiteral("requests")][QStringLiteral("messages")].toInt(), 3);
        QCOMPARE(stats[QStringLiteral("requests")][QStringLiteral("unknown")].toInt(), 1);
        QCOMPARE(stats[QStringLiteral("requests_total")].toInt(), 4);
        QCOMPARE(stats[QStringLiteral("responses")][QStringLiteral("200")].toInt(), 3);
        QVERIFY(stats[QStringLiteral("server_time_us")][QStringLiteral("messages")]
                     [QStringLiteral("median")]
                         .toDouble() > 0);
        QCOMPARE(admin("GET", QStringLiteral("/nowhere")).status, 404);
    }

    void snapshotDumpRoundTrips()
    {
        admin("POST", QStringLiteral("/channels/%1/messages").arg(m_channel),
              "{\"author_id\":\"" + QByteArray::number(m_author) + "\",\"content\":\"dumped\"}");
        const EmulatorReply r = admin("GET", QStringLiteral("/snapshot"));
        QCOMPARE(r.status, 200);
        auto reloaded = emulator::Snapshot::fromJson(r.body);
        QVERIFY2(reloaded.ok(), qPrintable(reloaded ? QString() : reloaded.error().text()));
        QCOMPARE(reloaded->toJson(), r.body);
        const QJsonObject doc = r.object();
        QVERIFY(doc[QStringLiteral("audit_log_entries")].toArray().size() >= 2);
        QVERIFY(
            doc[QStringLiteral("users")].toObject().contains(QStringLiteral("555555555555555555")));
        const QJsonArray messages = doc[QStringLiteral("messages")][n(m_channel)].toArray();
        QCOMPARE(messages.last()[QStringLiteral("content")].toString(), QStringLiteral("dumped"));
        QCOMPARE(m_emulator.server().snapshotJson(), r.body);
    }

    void cleanupTestCase() { m_emulator.stop(); }
};

QTEST_GUILESS_MAIN(TestEmulatorAdmin)
#include "tst_emulator_admin.moc"
