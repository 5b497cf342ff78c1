// The emulator's HTTP/1.1 layer: keep-alive, pipelining, limits, garbage, 404/405.

#include "EmulatorFixture.h"
#include "EmulatorSocket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gavel;
using namespace gavel::test;

class TestEmulatorHttp : public QObject
{
    Q_OBJECT

private:
    EmulatorFixture m_emulator;
    QByteArray m_token;
    QByteArray m_guild;

    QByteArray get(const QByteArray &target, const QByteArray &extra = {}) const
    {
        return EmulatorSocket::request("GET", target, m_token, {}, extra);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const SnapshotBuilder b = SnapshotBuilder::typical();
        QVERIFY2(m_emulator.start(b), qPrintable(m_emulator.errorString()));
        m_token = m_emulator.token().toUtf8();
        m_guild = QByteArray::number(b.guildId());
    }

    void keepAliveServesManyRequestsOnOneConnection()
    {
        EmulatorSocket s;
        QVERIFY(s.connectTo(m_emulator.port()));
        for (int i = 0; i < 20; ++i) {
            QVERIFY(s.send(get("/api/v10/guilds/" + m_guild + "/roles")));
            const auto r = s.read();
            QCOMPARE(r.outcome, EmulatorSocket::Outcome::Complete);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("content-type"), QByteArray("application/json"));
            QCOMPARE(r.contentLength, qint64(r.body.size()));
        }
    }

    void pipelinedRequestsAnswerInOrder()
    {
        EmulatorSocket s;
        QVERIFY(s.connectTo(m_emulator.port()));
        // Three requests in one write, the last split oddly across two more writes.
        const QByteArray third = get("/api/v10/users/@me");
        QVERIFY(s.send(get("/api/v10/guilds/" + m_guild + "/roles") + get("/api/v10/nope") +
                       third.left(7)));
        QTest::qWait(50);
        QVERIFY(s.send(third.mid(7)));
        const auto a = s.read();
        const auto b = s.read();
        const auto c = s.read();
        QCOMPARE(a.status, 200);
        QVERIFY(a.body.startsWith("[{"));
        QCOMPARE(b.status, 404);
        QCOMPARE(c.status, 200);
        QVERIFY(c.body.contains("\"bot\":true"));
    }

    void requestBodiesAndExpectContinue()
    {
        EmulatorSocket s;
        QVERIFY(s.connectTo(m_emulator.port()));
        const QByteArray body = "{\"rate_limits\":false}";
        QByteArray head = "PATCH /_emulator/config HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                          "Content-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n";
        QVERIFY(s.send(head));
        const auto interim = s.read(3000);
        QCOMPARE(interim.status, 100);
        QVERIFY(s.send(body));
        const auto r = s.read();
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("\"rate_limits\":false"));
    }

    void connectionCloseAndHttp10_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<bool>("closes");
        const QByteArray auth = "Authorization: Bot test-token\r\n";
        QTest::newRow("1.1 default keep-alive")
            << QByteArray("GET /api/v10/users/@me HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n")
            << false;
        QTest::newRow("1.1 Connection: close")
            << QByteArray("GET /api/v10/users/@me HTTP/1.1\r\nConnection: close\r\n" + auth +
                          "\r\n")
            << true;
        QTest::newRow("1.0 default close")
            << QByteArray("GET /api/v10/users/@me HTTP/1.0\r\n" + auth + "\r\n") << true;
        QTest::newRow("1.0 keep-alive")
            << QByteArray("GET /api/v10/users/@me HTTP/1.0\r\nConnection: keep-alive\r\n" + auth +
                          "\r\n")
            << false;
    }

    void connectionCloseAndHttp10()
    {
        QFETCH(QByteArray, request);
        QFETCH(bool, closes);
        EmulatorSocket s;
        QVERIFY(s.connectTo(m_emulator.port()));
        QVERIFY(s.send(request));
        const auto r = s.read();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("connection") == "close", closes);
        QCOMPARE(s.waitClosed(closes ? 3000 : 300), closes);
    }

    void rejectsGarbage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)
                                << 400;
        QTest::newRow("no version") << QByteArray("GET /api/v10/users/@me\r\n\r\n") << 400;
        QTest::newRow("lower-case method") << QByteArray("get / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("absolute-form target")
            << QByteArray("GET http://x/api HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("bad header line")
            << QByteArray("GET / HTTP/1.1\r\nNoColonHere\r\n\r\n") << 400;
        QTest::newRow("folded header")
            << QByteArray("GET / HTTP/1.1\r\nA: b\r\n  folded\r\n\r\n") << 400;
        QTest::newRow("bad content-length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n") << 400;
        QTest::newRow("conflicting content-length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            << 400;
        QTest::newRow("chunked body")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 501;
        QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 400;
        QTest::newRow("body too large")
            << QByteArray("POST /_emulator/config HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n")
            << 413;
        QTest::newRow("headers too large")
            << QByteArray("GET / HTTP/1.1\r\nX-Big: " + QByteArray(40000, 'a') + "\r\n\r\n") << 431;
    }

    void rejectsGarbage()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        EmulatorSocket s;
        QVERIFY(s.connectTo(m_emulator.port()));
        QVERIFY(s.send(bytes));
        const auto r = s.read();
        QCOMPARE(r.outcome, EmulatorSocket::Outcome::Complete);
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("connection"), QByteArray("close"));
        QVERIFY(s.waitClosed());
        // The server is still fine for everyone else.
        EmulatorSocket other;
        QVERIFY(other.connectTo(m_emulator.port()));
        QVERIFY(other.send(get("/api/v10/users/@me")));
        QCOMPARE(other.read().status, 200);
    }

    void unknownRoutesAndMethods()
    {
        EmulatorSocket s;
        QVERIFY(s.connectTo(m_emulator.port()));
        QVERIFY(s.send(get("/api/v10/guilds/" + m_guild + "/bans")));
        auto r = s.read();
        QCOMPARE(r.status, 404);
        QCOMPARE(QJsonDocument::fromJson(r.body).object(),
                 (QJsonObject{{QStringLiteral("message"), QStringLiteral("404: Not Found")},
                              {QStringLiteral("code"), 0}}));
        QVERIFY(s.send(get("/api/v9/users/@me")));
        QCOMPARE(s.read().status, 404);
        QVERIFY(s.send(EmulatorSocket::request("POST", "/api/v10/guilds/" + m_guild + "/roles",
                                               m_token, "{}")));
        r = s.read();
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), QByteArray("GET"));
        QCOMPARE(QJsonDocument::fromJson(r.body).object()[QStringLiteral("message")].toString(),
                 QStringLiteral("405: Method Not Allowed"));
        QVERIFY(s.send(EmulatorSocket::request(
            "DELETE", "/api/v10/guilds/" + m_guild + "/members/1", m_token)));
        r = s.read();
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), QByteArray("GET, PATCH"));
    }

    void cleanupTestCase() { m_emulator.stop(); }
};

QTEST_GUILESS_MAIN(TestEmulatorHttp)
#include "tst_emulator_http.moc"
