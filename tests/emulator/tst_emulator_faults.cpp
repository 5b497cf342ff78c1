// Fault injection: each kind as a client sees it on the wire, determinism, and state.

#include "EmulatorFixture.h"
#include "EmulatorSocket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gavel;
using namespace gavel::test;
using gavel::emulator::FaultConfig;
using gavel::emulator::FaultKind;
using Outcome = gavel::test::EmulatorSocket::Outcome;

class TestEmulatorFaults : public QObject
{
    Q_OBJECT

private:
    SnapshotBuilder m_builder = SnapshotBuilder::typical();
    quint64 m_member = 0;
    quint64 m_role = 0;

    bool start(EmulatorFixture &emulator, const FaultConfig &faults)
    {
        emulator::ServerOptions options = EmulatorFixture::testOptions();
        options.faults = faults;
        return emulator.start(m_builder, options);
    }

    static FaultConfig only(FaultKind kind)
    {
        FaultConfig f;
        f.rate = 1.0;
        f.kinds = {kind};
        f.slowMs = 300;
        return f;
    }

    QByteArray rolesRequest() const
    {
        return EmulatorSocket::request(
            "GET", "/api/v10/guilds/" + QByteArray::number(m_builder.guildId()) + "/roles",
            "test-token");
    }

    QByteArray putRoleRequest() const
    {
        return EmulatorSocket::request(
            "PUT",
            "/api/v10/guilds/" + QByteArray::number(m_builder.guildId()) + "/members/" +
                QByteArray::number(m_member) + "/roles/" + QByteArray::number(m_role),
            "test-token");
    }

    static bool hasRole(EmulatorFixture &emulator, quint64 user, quint64 role)
    {
        bool has = false;
        emulator.server().withSnapshot([&](emulator::Snapshot &s) {
            const auto &roles = s.member(user)->roles;
            has = std::find(roles.begin(), roles.end(), role) != roles.end();
        });
        return has;
    }

    //! The outcome of each of `count` role-list requests, as a string like "200,502h,R,T,...".
    QStringList observe(EmulatorFixture &emulator, int count)
    {
        QStringList seen;
        EmulatorSocket s;
        for (int i = 0; i < count; ++i) {
            if (!s.connectTo(emulator.port()))
                return {};
            s.send(rolesRequest());
            const auto r = s.read();
            if (r.outcome == Outcome::Reset)
                seen << QStringLiteral("R");
            else if (r.outcome == Outcome::Closed)
                seen << QStringLiteral("T");
            else if (r.header("content-type").startsWith("text/html"))
                seen << QStringLiteral("H");
            else
                seen << QString::number(r.status);
        }
        return seen;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_member = m_builder.addMember(QStringLiteral("Target"));
        m_role = m_builder.addRole(QStringLiteral("Regular"), 2);
    }

    void statusFaults_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("bodyPart");
        QTest::newRow("500") << int(FaultKind::Status500) << 500 << QByteArray("application/json")
                             << QByteArray("\"500: Internal Server Error\"");
        QTest::newRow("502") << int(FaultKind::Status502) << 502 << QByteArray("application/json")
                             << QByteArray("\"502: Bad Gateway\"");
        QTest::newRow("503") << int(FaultKind::Status503) << 503 << QByteArray("application/json")
                             << QByteArray("\"503: Service Unavailable\"");
        QTest::newRow("html") << int(FaultKind::Html) << 502 << QByteArray("text/html")
                              << QByteArray("<center>cloudflare</center>");
    }

    void statusFaults()
    {
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, bodyPart);
        EmulatorFixture emulator;
        QVERIFY2(start(emulator, only(FaultKind(kind))), qPrintable(emulator.errorString()));
        EmulatorSocket s;
        QVERIFY(s.connectTo(emulator.port()));
        QVERIFY(s.send(rolesRequest()));
        const auto r = s.read();
        QCOMPARE(r.outcome, Outcome::Complete);
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("content-type"), contentType);
        QVERIFY2(r.body.contains(bodyPart), r.body.constData());
        QVERIFY(r.header("x-ratelimit-bucket").isEmpty()); // the "edge" answered
        // The connection stays usable, and the admin API never faults.
        QVERIFY(s.send(EmulatorSocket::request("GET", "/_emulator/stats")));
        const auto stats = s.read();
        QCOMPARE(stats.status, 200);
        const QJsonObject faults =
            QJsonDocument::fromJson(stats.body).object()[QStringLiteral("faults")].toObject();
        QCOMPARE(faults[QString::fromLatin1(emulator::faultKindName(FaultKind(kind)))].toInt(), 1);
    }

    void resetAbortsTheConnection()
    {
        EmulatorFixture emulator;
        QVERIFY(start(emulator, only(FaultKind::Reset)));
        EmulatorSocket s;
        QVERIFY(s.connectTo(emulator.port()));
        QVERIFY(s.send(rolesRequest()));
        const auto r = s.read();
        QCOMPARE(r.outcome, Outcome::Reset);
        QCOMPARE(r.status, 0);
    }

    void truncateCutsTheBody()
    {
        EmulatorFixture emulator;
        QVERIFY(start(emulator, only(FaultKind::Truncate)));
        EmulatorSocket s;
        QVERIFY(s.connectTo(emulator.port()));
        QVERIFY(s.send(rolesRequest()));
        const auto r = s.read();
        QCOMPARE(r.outcome, Outcome::Closed);
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentLength > 100);
        QCOMPARE(qint64(r.body.size()), r.contentLength / 2);
        QVERIFY(r.body.startsWith("[{\""));
    }

    void slowDelaysTheAnswer()
    {
        EmulatorFixture emulator;
        QVERIFY(start(emulator, only(FaultKind::Slow)));
        EmulatorSocket s;
        QVERIFY(s.connectTo(emulator.port()));
        // Two pipelined requests: the second waits behind the first; both arrive in order.
        QVERIFY(s.send(rolesRequest() +
                       EmulatorSocket::request("GET", "/api/v10/users/@me", "test-token")));
        const auto first = s.read();
        QCOMPARE(first.outcome, Outcome::Complete);
        QCOMPARE(first.status, 200);
        QVERIFY2(first.milliseconds >= 280, qPrintable(QString::number(first.milliseconds)));
        QVERIFY(first.body.startsWith("[{"));
        const auto second = s.read();
        QCOMPARE(second.status, 200);
        QVERIFY(second.body.contains("\"bot\":true"));
        QVERIFY(second.milliseconds >= 280);
    }

    void faultedChangesAreNotApplied_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<bool>("applied");
        QTest::newRow("500") << int(FaultKind::Status500) << int(Outcome::Complete) << false;
        QTest::newRow("html") << int(FaultKind::Html) << int(Outcome::Complete) << false;
        QTest::newRow("reset") << int(FaultKind::Reset) << int(Outcome::Reset) << false;
        QTest::newRow("truncate") << int(FaultKind::Truncate) << int(Outcome::Closed) << false;
        QTest::newRow("slow") << int(FaultKind::Slow) << int(Outcome::Complete) << true;
        QTest::newRow("reset-after") << int(FaultKind::ResetAfter) << int(Outcome::Reset) << true;
    }

    void faultedChangesAreNotApplied()
    {
        QFETCH(int, kind);
        QFETCH(int, outcome);
        QFETCH(bool, applied);
        EmulatorFixture emulator;
        QVERIFY(start(emulator, only(FaultKind(kind))));
        EmulatorSocket s;
        QVERIFY(s.connectTo(emulator.port()));
        QVERIFY(s.send(putRoleRequest()));
        const auto r = s.read();
        QCOMPARE(int(r.outcome), outcome);
        QCOMPARE(hasRole(emulator, m_member, m_role), applied);
        bool audited = false;
        emulator.server().withSnapshot(
            [&](emulator::Snapshot &snap) { audited = !snap.auditLog().empty(); });
        QCOMPARE(audited, applied);
    }

    void sameSeedSameSequence()
    {
        FaultConfig f;
        f.rate = 0.5;
        f.seed = 42;
        f.kinds = {FaultKind::Status500, FaultKind::Status502, FaultKind::Html, FaultKind::Reset,
                   FaultKind::Truncate};
        QStringList first, second, other;
        {
            EmulatorFixture emulator;
            QVERIFY(start(emulator, f));
            first = observe(emulator, 60);
        }
        {
            EmulatorFixture emulator;
            QVERIFY(start(emulator, f));
            second = observe(emulator, 60);
        }
        f.seed = 43;
        {
            EmulatorFixture emulator;
            QVERIFY(start(emulator, f));
            other = observe(emulator, 60);
        }
        QCOMPARE(first.size(), 60);
        QCOMPARE(first, second);
        QVERIFY(first != other);
        // Roughly half fail, and every configured kind shows up.
        const int ok = int(first.count(QStringLiteral("200")));
        QVERIFY2(ok > 15 && ok < 45, qPrintable(first.join(u',')));
        for (const char *kind : {"500", "502", "H", "R", "T"})
            QVERIFY2(first.contains(QLatin1StringView(kind)), qPrintable(first.join(u',')));
    }

    void drawIsAFunctionOfSeedAndSequence()
    {
        FaultConfig f;
        f.rate = 0.3;
        f.seed = 7;
        int faults = 0;
        for (quint64 i = 1; i <= 10000; ++i) {
            const auto a = emulator::drawFault(f, i);
            QCOMPARE(a, emulator::drawFault(f, i));
            faults += a ? 1 : 0;
        }
        QVERIFY2(faults > 2700 && faults < 3300, qPrintable(QString::number(faults)));
        f.rate = 0;
        QVERIFY(!emulator::drawFault(f, 1));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorFaults)
#include "tst_emulator_faults.moc"
