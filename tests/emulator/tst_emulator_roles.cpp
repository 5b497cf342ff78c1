// Role changes: PUT/DELETE member roles, PATCH member, hierarchy, unknowns, no-ops, audit log.

#include "EmulatorClient.h"
#include "EmulatorFixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace gavel;
using namespace gavel::test;
using namespace gavel::emulator::permission;

class TestEmulatorRoles : public QObject
{
    Q_OBJECT

private:
    EmulatorFixture m_emulator;
    std::unique_ptr<EmulatorClient> m_client;
    quint64 m_guild = 0, m_bot = 0, m_owner = 0, m_alice = 0, m_bob = 0;
    quint64 m_member = 0, m_trusted = 0, m_botRole = 0, m_admin = 0, m_managed = 0, m_equal = 0;

    QString rolePath(quint64 user, quint64 role) const
    {
        return QStringLiteral("/guilds/%1/members/%2/roles/%3").arg(m_guild).arg(user).arg(role);
    }

    QList<quint64> rolesOf(quint64 user)
    {
        QList<quint64> out;
        const QJsonArray roles =
            m_client->get(QStringLiteral("/guilds/%1/members/%2").arg(m_guild).arg(user))
                .object()[QStringLiteral("roles")]
                .toArray();
        for (const QJsonValue &r : roles)
            out.append(r.toString().toULongLong());
        return out;
    }

    QJsonArray audit(const QString &query = {})
    {
        return m_client
            ->get(QStringLiteral("/guilds/%1/audit-logs?action_type=25").arg(m_guild) + query)
            .object()[QStringLiteral("audit_log_entries")]
            .toArray();
    }

    static void verifyError(const EmulatorReply &r, int status, int code)
    {
        QCOMPARE(r.status, status);
        QCOMPARE(r.object()[QStringLiteral("code")].toInt(), code);
    }

private Q_SLOTS:
    void initTestCase()
    {
        SnapshotBuilder b;
        m_owner = b.addMember(QStringLiteral("Owner"));
        m_member = b.addRole(QStringLiteral("Member"), 1);
        m_managed = b.addRole(QStringLiteral("Booster"), 2, 0, true);
        m_trusted = b.addRole(QStringLiteral("Trusted"), 5);
        m_bot = b.addBot(QStringLiteral("Gavel"), 10, ManageRoles | ViewAuditLog);
        m_equal = b.addRole(QStringLiteral("Peer"), 10);
        m_admin = b.addRole(QStringLiteral("Admin"), 20, Administrator);
        m_guild = b.guildId();
        m_alice = b.addMember(QStringLiteral("Alice"), {m_member});
        m_bob = b.addMember(QStringLiteral("Bob"), {m_member, m_trusted});
        QVERIFY2(m_emulator.start(b), qPrintable(m_emulator.errorString()));
        m_client = std::make_unique<EmulatorClient>(m_emulator.origin(), m_emulator.token());
    }

    void putAndDeleteWithDecodedReason()
    {
        const QString reason = QStringLiteral("Promoted: 10 ✓ reactions — policy R2");
        const QByteArray encoded = QUrl::toPercentEncoding(reason);
        EmulatorReply r = m_client->send("PUT", rolePath(m_alice, m_trusted), {},
                                         {{"X-Audit-Log-Reason", encoded}});
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        QVERIFY(rolesOf(m_alice).contains(m_trusted));
        QJsonArray entries = audit();
        QCOMPARE(entries.size(), 1);
        QJsonObject e = entries[0].toObject();
        QCOMPARE(e[QStringLiteral("action_type")].toInt(), 25);
        QCOMPARE(e[QStringLiteral("user_id")].toString(), QString::number(m_bot));
        QCOMPARE(e[QStringLiteral("target_id")].toString(), QString::number(m_alice));
        QCOMPARE(e[QStringLiteral("reason")].toString(), reason);
        const QJsonObject change = e[QStringLiteral("changes")].toArray()[0].toObject();
        QCOMPARE(change[QStringLiteral("key")].toString(), QStringLiteral("$add"));
        QCOMPARE(change[QStringLiteral("new_value")].toArray()[0].toObject(),
                 (QJsonObject{{QStringLiteral("id"), QString::number(m_trusted)},
                              {QStringLiteral("name"), QStringLiteral("Trusted")}}));
        QVERIFY(e[QStringLiteral("id")].toString().toULongLong() > m_alice);

        r = m_client->send("DELETE", rolePath(m_alice, m_trusted));
        QCOMPARE(r.status, 204);
        QVERIFY(!rolesOf(m_alice).contains(m_trusted));
        entries = audit();
        QCOMPARE(entries.size(), 2);
        e = entries[0].toObject(); // newest first
        QCOMPARE(
            e[QStringLiteral("changes")].toArray()[0].toObject()[QStringLiteral("key")].toString(),
            QStringLiteral("$remove"));
        QVERIFY(!e.contains(QStringLiteral("reason")));
        // The audit log response has every array the spec requires, and the users.
        const QJsonObject log =
            m_client->get(QStringLiteral("/guilds/%1/audit-logs").arg(m_guild)).object();
        for (const char *key :
             {"audit_log_entries", "users", "integrations", "webhooks", "guild_scheduled_events",
              "threads", "application_commands", "auto_moderation_rules"})
            QVERIFY2(log[QLatin1StringView(key)].isArray(), key);
        QCOMPARE(log[QStringLiteral("users")].toArray().size(), 2); // bot and Alice
    }

    void noOpsAreSilent()
    {
        const int before = int(audit().size());
        QCOMPARE(m_client->send("PUT", rolePath(m_bob, m_trusted)).status, 204); // already held
        QCOMPARE(m_client->send("DELETE", rolePath(m_alice, m_trusted)).status, 204); // not held
        QCOMPARE(int(audit().size()), before);
    }

    void hierarchyAndUnknowns_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>(
            "which"); // 0 admin, 1 equal, 2 managed, 3 unknown role, 4 unknown member, 5 everyone
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::newRow("role above the bot") << QByteArray("PUT") << 0 << 403 << 50013;
        QTest::newRow("role at the bot's position") << QByteArray("PUT") << 1 << 403 << 50013;
        QTest::newRow("managed role") << QByteArray("PUT") << 2 << 403 << 50013;
        QTest::newRow("remove role above") << QByteArray("DELETE") << 0 << 403 << 50013;
        QTest::newRow("unknown role") << QByteArray("PUT") << 3 << 404 << 10011;
        QTest::newRow("unknown member") << QByteArray("PUT") << 4 << 404 << 10007;
        QTest::newRow("@everyone") << QByteArray("PUT") << 5 << 404 << 10011;
    }

    void hierarchyAndUnknowns()
    {
        QFETCH(QByteArray, method);
        QFETCH(int, which);
        QFETCH(int, status);
        QFETCH(int, code);
        const int before = int(audit().size());
        const quint64 role = which == 0   ? m_admin
                             : which == 1 ? m_equal
                             : which == 2 ? m_managed
                             : which == 3 ? quint64(123456789012345678)
                             : which == 5 ? m_guild
                                          : m_member;
        const quint64 user = which == 4 ? quint64(123456789012345678) : m_alice;
        const EmulatorReply r = m_client->send(method, rolePath(user, role));
        verifyError(r, status, code);
        if (which != 4)
            QCOMPARE(rolesOf(m_alice), QList<quint64>{m_member});
        QCOMPARE(int(audit().size()), before);
    }

    void reasonTooLong()
    {
        const QByteArray reason = QUrl::toPercentEncoding(QString(513, u'x'));
        verifyError(m_client->send("PUT", rolePath(m_alice, m_trusted), {},
                                   {{"X-Audit-Log-Reason", reason}}),
                    400, 50035);
        QVERIFY(!rolesOf(m_alice).contains(m_trusted));
    }

    void patchReplacesRoles()
    {
        // Bob: Member + Trusted -> Trusted only (one removed); then Member back and Trusted away.
        QByteArray body = "{\"roles\":[\"" + QByteArray::number(m_trusted) + "\"]}";
        EmulatorReply r =
            m_client->send("PATCH", QStringLiteral("/guilds/%1/members/%2").arg(m_guild).arg(m_bob),
                           body, {{"X-Audit-Log-Reason", "cleanup"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object()[QStringLiteral("roles")].toArray(),
                 QJsonArray{QString::number(m_trusted)});
        QCOMPARE(rolesOf(m_bob), QList<quint64>{m_trusted});
        QJsonObject e = audit()[0].toObject();
        QCOMPARE(e[QStringLiteral("target_id")].toString(), QString::number(m_bob));
        QCOMPARE(e[QStringLiteral("reason")].toString(), QStringLiteral("cleanup"));
        QCOMPARE(e[QStringLiteral("changes")].toArray().size(), 1);

        body = "{\"roles\":[\"" + QByteArray::number(m_member) + "\"], \"nick\": null}";
        r = m_client->send("PATCH", QStringLiteral("/guilds/%1/members/%2").arg(m_guild).arg(m_bob),
                           body);
        QCOMPARE(r.status, 200);
        QCOMPARE(rolesOf(m_bob), QList<quint64>{m_member});
        const QJsonArray changes = audit()[0].toObject()[QStringLiteral("changes")].toArray();
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes[0].toObject()[QStringLiteral("key")].toString(), QStringLiteral("$add"));
        QCOMPARE(changes[1].toObject()[QStringLiteral("key")].toString(),
                 QStringLiteral("$remove"));

        // Hierarchy applies to added and removed roles alike; nothing changes on refusal.
        body = "{\"roles\":[\"" + QByteArray::number(m_member) + "\",\"" +
               QByteArray::number(m_admin) + "\"]}";
        verifyError(m_client->send("PATCH",
                                   QStringLiteral("/guilds/%1/members/%2").arg(m_guild).arg(m_bob),
                                   body),
                    403, 50013);
        QCOMPARE(rolesOf(m_bob), QList<quint64>{m_member});
        verifyError(m_client->send("PATCH",
                                   QStringLiteral("/guilds/%1/members/%2").arg(m_guild).arg(m_bob),
                                   "{\"roles\":[\"1\"]}"),
                    400, 50035);
        verifyError(m_client->send("PATCH",
                                   QStringLiteral("/guilds/%1/members/%2").arg(m_guild).arg(m_bob),
                                   "{nope"),
                    400, 50109);
        verifyError(
            m_client->send("PATCH",
                           QStringLiteral("/guilds/%1/members/123456789012345678").arg(m_guild),
                           "{\"roles\":[]}"),
            404, 10007);
    }

    void auditLogFiltersAndPages()
    {
        const QJsonArray all = audit(QStringLiteral("&limit=100"));
        QVERIFY(all.size() >= 4);
        QList<quint64> entryIds;
        for (const QJsonValue &e : all)
            entryIds.append(e[QStringLiteral("id")].toString().toULongLong());
        for (qsizetype i = 1; i < entryIds.size(); ++i)
            QVERIFY(entryIds[i - 1] > entryIds[i]); // newest first
        QJsonArray page = audit(QStringLiteral("&limit=2"));
        QCOMPARE(page.size(), 2);
        QCOMPARE(page[0].toObject()[QStringLiteral("id")].toString().toULongLong(), entryIds[0]);
        page = audit(QStringLiteral("&limit=2&before=%1").arg(entryIds[1]));
        QCOMPARE(page[0].toObject()[QStringLiteral("id")].toString().toULongLong(), entryIds[2]);
        page = audit(QStringLiteral("&limit=1&after=%1").arg(entryIds.last()));
        QCOMPARE(page[0].toObject()[QStringLiteral("id")].toString().toULongLong(),
                 entryIds[entryIds.size() - 2]);
        QCOMPARE(audit(QStringLiteral("&user_id=%1").arg(m_owner)).size(), 0);
        QCOMPARE(audit(QStringLiteral("&user_id=%1").arg(m_bot)).size(), all.size());
        for (const QJsonValue &e : audit(QStringLiteral("&target_id=%1").arg(m_bob)))
            QCOMPARE(e[QStringLiteral("target_id")].toString(), QString::number(m_bob));
        QCOMPARE(m_client->get(QStringLiteral("/guilds/%1/audit-logs?action_type=24").arg(m_guild))
                     .object()[QStringLiteral("audit_log_entries")]
                     .toArray()
                     .size(),
                 0);
        verifyError(m_client->get(QStringLiteral("/guilds/%1/audit-logs?limit=101").arg(m_guild)),
                    400, 50035);
    }

    void botWithoutManageRoles()
    {
        // Answer as Alice (no Manage Roles, no View Audit Log): every change is refused.
        EmulatorFixture other;
        SnapshotBuilder b;
        b.addMember(QStringLiteral("Owner"));
        const quint64 role = b.addRole(QStringLiteral("r"), 1);
        b.addBot();
        const quint64 alice = b.addMember(QStringLiteral("Alice"));
        emulator::ServerOptions options = EmulatorFixture::testOptions();
        options.botUserId = alice;
        QVERIFY(other.start(b, options));
        EmulatorClient client(other.origin(), other.token());
        verifyError(client.send("PUT", QStringLiteral("/guilds/%1/members/%2/roles/%3")
                                           .arg(b.guildId())
                                           .arg(alice)
                                           .arg(role)),
                    403, 50013);
        verifyError(client.get(QStringLiteral("/guilds/%1/audit-logs").arg(b.guildId())), 403,
                    50013);
        QCOMPARE(client.get(QStringLiteral("/users/@me")).object()[QStringLiteral("id")].toString(),
                 QString::number(alice));
    }

    void cleanupTestCase() { m_emulator.stop(); }
};

QTEST_GUILESS_MAIN(TestEmulatorRoles)
#include "tst_emulator_roles.moc"
