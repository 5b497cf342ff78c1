// Discord-style rate limits: bucket headers, 429s, windows, major parameters, shared reaction
// buckets, the global limit, hidden sub-limits and the Cloudflare ban.

#include "EmulatorClient.h"
#include "EmulatorFixture.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <memory>

using namespace gavel;
using namespace gavel::test;
using gavel::emulator::BucketLimit;
using gavel::emulator::LimitScope;
using gavel::emulator::SubLimit;

class TestEmulatorRateLimits : public QObject
{
    Q_OBJECT

private:
    EmulatorFixture m_emulator;
    std::unique_ptr<EmulatorClient> m_client;
    quint64 m_guild = 0, m_a = 0, m_b = 0, m_m1 = 0, m_m2 = 0;

    emulator::Server &server() { return m_emulator.server(); }
    EmulatorReply messages(quint64 channel)
    {
        return m_client->get(QStringLiteral("/channels/%1/messages?limit=1").arg(channel));
    }
    EmulatorReply reactions(quint64 message, const char *emoji)
    {
        return m_client->get(
            QStringLiteral("/channels/%1/messages/%2/reactions/%3")
                .arg(m_a)
                .arg(message)
                .arg(QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(emoji)))));
    }
    QJsonObject stats() { return QJsonDocument::fromJson(server().statsJson()).object(); }

private Q_SLOTS:
    void initTestCase()
    {
        SnapshotBuilder b = SnapshotBuilder::typical();
        m_guild = b.guildId();
        const quint64 author = b.addMember(QStringLiteral("Dee"));
        m_a = b.addChannel(QStringLiteral("a"));
        m_b = b.addChannel(QStringLiteral("b"));
        m_m1 = b.addMessage(m_a, author, QStringLiteral("one"));
        m_m2 = b.addMessage(m_a, author, QStringLiteral("two"));
        b.addMessage(m_b, author, QStringLiteral("three"));
        b.addReaction(m_a, m_m1, QStringLiteral("👍"), author);
        b.addReaction(m_a, m_m2, QStringLiteral("🎉"), author);
        emulator::ServerOptions options = EmulatorFixture::testOptions();
        options.rateLimits = true;
        QVERIFY2(m_emulator.start(b, options), qPrintable(m_emulator.errorString()));
        m_client = std::make_unique<EmulatorClient>(m_emulator.origin(), m_emulator.token());
    }

    void init()
    {
        m_client->setToken(m_emulator.token());
        server().setRateLimitsEnabled(true);
        server().setGlobalRate(0);
        server().setDefaultBucket(BucketLimit{3, 1.0});
        for (const QString &group : emulator::Server::routeGroups()) {
            server().setRouteBucket(group.toUtf8(), std::nullopt);
            server().setSubLimit(group.toUtf8(), std::nullopt);
        }
        server().setInvalidRequestLimit(10000, 600);
        server().resetLimits();
        QCOMPARE(m_client->admin("POST", QStringLiteral("/stats/reset")).status, 204);
    }

    void headersAreExact()
    {
        server().setDefaultBucket(BucketLimit{3, 2.0});
        const QRegularExpression threeDecimals(QStringLiteral("^\\d+\\.\\d{3}$"));
        QByteArray bucket;
        for (int i = 0; i < 3; ++i) {
            const double before = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
            const EmulatorReply r = messages(m_a);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("X-RateLimit-Limit"), QByteArray("3"));
            QCOMPARE(r.header("X-RateLimit-Remaining"), QByteArray::number(2 - i));
            const QByteArray reset = r.header("X-RateLimit-Reset");
            const QByteArray resetAfter = r.header("X-RateLimit-Reset-After");
            QVERIFY2(threeDecimals.match(QString::fromLatin1(reset)).hasMatch(), reset.constData());
            QVERIFY2(threeDecimals.match(QString::fromLatin1(resetAfter)).hasMatch(),
                     resetAfter.constData());
            QVERIFY(resetAfter.toDouble() > 0.0 && resetAfter.toDouble() <= 2.0);
            if (i == 0)
                QVERIFY2(resetAfter.toDouble() > 1.9,
                         resetAfter.constData()); // the window starts now
            QVERIFY(reset.toDouble() > before && reset.toDouble() < before + 2.5);
            QVERIFY(r.header("X-RateLimit-Bucket").size() >= 16);
            if (i > 0)
                QCOMPARE(r.header("X-RateLimit-Bucket"), bucket); // stable
            bucket = r.header("X-RateLimit-Bucket");
            QVERIFY(r.header("X-RateLimit-Scope").isEmpty());
        }
        const EmulatorReply limited = messages(m_a);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("X-RateLimit-Remaining"), QByteArray("0"));
        QCOMPARE(limited.header("X-RateLimit-Scope"), QByteArray("user"));
        QCOMPARE(limited.header("X-RateLimit-Global"), QByteArray());
        QCOMPARE(limited.header("Retry-After"), QByteArray("2"));
        const QJsonObject body = limited.object();
        QCOMPARE(body[QStringLiteral("message")].toString(),
                 QStringLiteral("You are being rate limited."));
        QCOMPARE(body[QStringLiteral("global")].toBool(), false);
        QCOMPARE(body[QStringLiteral("code")].toInt(), 0);
        const double retry = body[QStringLiteral("retry_after")].toDouble();
        QVERIFY(retry > 0.0 && retry <= 2.0);
        QVERIFY(limited.body.contains("\"retry_after\":")); // a float with three decimals
        QVERIFY(QRegularExpression(QStringLiteral("\"retry_after\":\\d+\\.\\d{3},"))
                    .match(QString::fromUtf8(limited.body))
                    .hasMatch());
        // Same group in another channel: same bucket hash; another group: another hash.
        QCOMPARE(messages(m_b).header("X-RateLimit-Bucket"), bucket);
        QVERIFY(
            m_client->get(QStringLiteral("/channels/%1").arg(m_a)).header("X-RateLimit-Bucket") !=
            bucket);
    }

    void windowResets()
    {
        server().setDefaultBucket(BucketLimit{2, 0.3});
        QCOMPARE(messages(m_a).status, 200);
        QCOMPARE(messages(m_a).status, 200);
        const EmulatorReply limited = messages(m_a);
        QCOMPARE(limited.status, 429);
        QThread::msleep(static_cast<unsigned long>(
                            limited.object()[QStringLiteral("retry_after")].toDouble() * 1000) +
                        20);
        const EmulatorReply again = messages(m_a);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("X-RateLimit-Remaining"), QByteArray("1"));
    }

    void bucketsArePerMajorParameter()
    {
        for (int i = 0; i < 3; ++i)
            QCOMPARE(messages(m_a).status, 200);
        QCOMPARE(messages(m_a).status, 429);
        const EmulatorReply other = messages(m_b);
        QCOMPARE(other.status, 200);
        QCOMPARE(other.header("X-RateLimit-Remaining"), QByteArray("2"));
        // Another route group on the same channel has its own bucket.
        QCOMPARE(m_client->get(QStringLiteral("/channels/%1").arg(m_a)).status, 200);
    }

    void reactionRoutesShareOneBucket()
    {
        server().setRouteBucket("reactions", BucketLimit{2, 5.0});
        QCOMPARE(reactions(m_m1, "👍").status, 200);
        const EmulatorReply second = reactions(m_m2, "🎉");
        QCOMPARE(second.status, 200);
        QCOMPARE(second.header("X-RateLimit-Limit"), QByteArray("2"));
        QCOMPARE(second.header("X-RateLimit-Remaining"), QByteArray("0"));
        QCOMPARE(reactions(m_m1, "🎉").status, 429); // another message, another emoji: same bucket
        // Unemulated reaction routes of the channel count against the same bucket.
        const EmulatorReply put = m_client->send(
            "PUT", QStringLiteral("/channels/%1/messages/%2/reactions/x/@me").arg(m_a).arg(m_m1));
        QCOMPARE(put.status, 429);
        QCOMPARE(messages(m_a).status, 200);
    }

    void globalLimitIsDistinct()
    {
        server().setDefaultBucket(BucketLimit{100, 10.0});
        server().setGlobalRate(4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(messages(i % 2 ? m_a : m_b).status, 200);
        const EmulatorReply r = messages(m_a);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.header("X-RateLimit-Global"), QByteArray("true"));
        QCOMPARE(r.header("X-RateLimit-Scope"), QByteArray("global"));
        QVERIFY(!r.header("Retry-After").isEmpty());
        QCOMPARE(r.object()[QStringLiteral("global")].toBool(), true);
        QVERIFY(r.object()[QStringLiteral("retry_after")].toDouble() <= 1.0);
        QVERIFY(r.header("X-RateLimit-Remaining").toInt() > 0); // the bucket still had budget
        QCOMPARE(stats()[QStringLiteral("rate_limited")][QStringLiteral("global")].toInt(), 1);
        QThread::msleep(1050);
        QCOMPARE(messages(m_a).status, 200);
    }

    void subLimitHidesBehindBudget_data()
    {
        QTest::addColumn<int>("scope");
        QTest::newRow("user") << int(LimitScope::User);
        QTest::newRow("shared") << int(LimitScope::Shared);
    }

    void subLimitHidesBehindBudget()
    {
        QFETCH(int, scope);
        server().setRouteBucket("messages", BucketLimit{10, 10.0});
        server().setSubLimit("messages", SubLimit{2, 10.0, LimitScope(scope)});
        const int invalidBefore = stats()[QStringLiteral("invalid_requests")].toInt();
        QCOMPARE(messages(m_a).status, 200);
        QCOMPARE(messages(m_a).status, 200);
        const EmulatorReply r = messages(m_a);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.header("X-RateLimit-Remaining"), QByteArray("8"));
        QCOMPARE(r.header("X-RateLimit-Scope"),
                 scope == int(LimitScope::Shared) ? QByteArray("shared") : QByteArray("user"));
        QCOMPARE(r.object()[QStringLiteral("global")].toBool(), false);
        QVERIFY(r.object()[QStringLiteral("retry_after")].toDouble() > 9.0);
        // Shared-scope 429s do not count as invalid requests; user-scope ones do.
        QCOMPARE(stats()[QStringLiteral("invalid_requests")].toInt() - invalidBefore,
                 scope == int(LimitScope::Shared) ? 0 : 1);
        QCOMPARE(messages(m_b).status, 200); // per major parameter too
    }

    void unauthorizedAnswersCarryHeaders()
    {
        m_client->setToken(QStringLiteral("wrong"));
        const EmulatorReply r = messages(m_a);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.header("X-RateLimit-Limit"), QByteArray("3"));
        QCOMPARE(r.header("X-RateLimit-Remaining"), QByteArray("3"));
    }

    void invalidRequestsLeadToTheBan()
    {
        server().setInvalidRequestLimit(5, 600);
        m_client->setToken(QStringLiteral("wrong"));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_client->get(QStringLiteral("/users/@me")).status, 401);
        m_client->setToken(m_emulator.token());
        const EmulatorReply banned = m_client->get(QStringLiteral("/users/@me"));
        QCOMPARE(banned.status, 429);
        QCOMPARE(banned.body, QByteArray("error code: 1015"));
        QVERIFY(banned.header("Content-Type").startsWith("text/plain"));
        QVERIFY(banned.header("X-RateLimit-Limit").isEmpty());
        const QJsonObject s = stats();
        QCOMPARE(s[QStringLiteral("invalid_requests")].toInt(), 5);
        QVERIFY(s[QStringLiteral("banned_responses")].toInt() >= 1);
        // The admin API is not behind the "edge".
        QCOMPARE(m_client->admin("GET", QStringLiteral("/stats")).status, 200);
        QCOMPARE(m_client->admin("POST", QStringLiteral("/limits/reset")).status, 204);
        QCOMPARE(m_client->get(QStringLiteral("/users/@me")).status, 200);
    }

    void banEndsWithTheWindow()
    {
        server().setInvalidRequestLimit(2, 1);
        m_client->setToken(QStringLiteral("wrong"));
        QCOMPARE(m_client->get(QStringLiteral("/users/@me")).status, 401);
        QCOMPARE(m_client->get(QStringLiteral("/users/@me")).status, 401);
        m_client->setToken(m_emulator.token());
        QCOMPARE(m_client->get(QStringLiteral("/users/@me")).body, QByteArray("error code: 1015"));
        QThread::msleep(1100);
        QCOMPARE(m_client->get(QStringLiteral("/users/@me")).status, 200);
    }

    void limitsOff()
    {
        server().setDefaultBucket(BucketLimit{0, 1.0}); // --bucket 0/1
        for (int i = 0; i < 20; ++i) {
            const EmulatorReply r = messages(m_a);
            QCOMPARE(r.status, 200);
            QVERIFY(r.header("X-RateLimit-Limit").isEmpty());
        }
        server().setDefaultBucket(BucketLimit{1, 60.0});
        server().setGlobalRate(1);
        server().setRateLimitsEnabled(false);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(messages(m_a).status, 200);
    }

    void routeBucketOverride()
    {
        server().setRouteBucket("channel", BucketLimit{1, 60.0});
        QCOMPARE(m_client->get(QStringLiteral("/channels/%1").arg(m_a)).header("X-RateLimit-Limit"),
                 QByteArray("1"));
        QCOMPARE(m_client->get(QStringLiteral("/channels/%1").arg(m_a)).status, 429);
        QCOMPARE(messages(m_a).header("X-RateLimit-Limit"), QByteArray("3"));
    }

    void cleanupTestCase() { m_emulator.stop(); }
};

QTEST_GUILESS_MAIN(TestEmulatorRateLimits)
#include "tst_emulator_ratelimits.moc"
