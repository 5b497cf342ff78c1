#include "ClientFakeTransport.h"
#include "MockClock.h"
#include "discord/Client.h"

#include <QCoreApplication>
#include <QDebug>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace gavel;
using namespace gavel::discord;
using namespace gavel::test;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 channelA = 1001;
constexpr quint64 channelB = 1002;

ClientOptions testOptions()
{
    ClientOptions options;
    options.apiBase = QUrl(u"http://127.0.0.1:9/api/v10"_s);
    options.connections = 4;
    options.resetOffsetMs = 10;
    options.globalMarginMs = 0;
    options.backoff = {100, 1000, 2.0, 0.5, 7};
    return options;
}

RawHeaders bucketHeaders(QByteArray hash, int limit, int remaining, QByteArray resetAfter)
{
    return {{"X-RateLimit-Limit", QByteArray::number(limit)},
            {"X-RateLimit-Remaining", QByteArray::number(remaining)},
            {"X-RateLimit-Reset-After", resetAfter},
            {"X-RateLimit-Bucket", hash}};
}

//! A client over a fake transport and a mock clock, collecting replies.
struct Harness
{
    explicit Harness(ClientOptions options = testOptions(), QByteArray token = "test-token"_ba)
    {
        auto fake = std::make_unique<ClientFakeTransport>(options.connections);
        transport = fake.get();
        client = std::make_unique<Client>(options, Token(token), std::move(fake), &clock);
    }

    ReplyCallback collect()
    {
        return [this](Reply &&reply) { replies.append(std::move(reply)); };
    }
    quint64 getMessages(quint64 channel)
    {
        return client->get("/channels/{}/messages", {channel}).execute(nullptr, collect());
    }
    //! Runs posted callbacks (Cancelled, Stopped are delivered from the event loop).
    static void flush() { QCoreApplication::processEvents(); }
    //! The open exchange with the lowest id.
    quint64 first() const
    {
        const QList<quint64> open = transport->open();
        return open.isEmpty() ? 0 : open.constFirst();
    }

    MockClock clock;
    ClientFakeTransport *transport = nullptr;
    std::unique_ptr<Client> client;
    QList<Reply> replies;
};

} // namespace

class TestDiscordClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsUrlAndHeaders();
    void jsonBodyAndAuditReason();
    void successDeliversResponse();
    void unknownBucketProbesThenReleases();
    void waitsBeforeSendingInsteadOfCollecting429();
    void sharedHashAcrossRoutesAndSeparatePerMajor();
    void resetEpochWhenNoResetAfter();
    void globalBudget();
    void connectionsCapRequestsInFlight();
    void sublimitDoesNotPoisonTheBucket();
    void global429PausesEverything();
    void retryAfterHonoured_data();
    void retryAfterHonoured();
    void retriesTransientFailures_data();
    void retriesTransientFailures();
    void serverRetryAfterIsAMinimum();
    void validatorReplacesTheJsonCheck();
    void givesUpAfterMaxAttempts();
    void postIsNotRepeatedAfterAnUnknownOutcome();
    void unauthorizedStopsWithoutRetry();
    void forbiddenReportsDiscordCode_data();
    void forbiddenReportsDiscordCode();
    void notFoundAndBadRequest();
    void rateLimitedWhenRetriesRunOut();
    void rateLimitedWhenAskedToWaitTooLong();
    void edgeBanPausesEverythingOrStops();
    void invalidRequestGuardStopsTheClient();
    void cancelQueuedAndRunning();
    void cancelAll();
    void destroyedContextGetsNoCallback();
    void builderNotExecutedWarns();
    void invalidSetupStops();
    void statistics();
    void idleQueuesAreDropped();
    void tokenNeverAppearsInOutput();
};

void TestDiscordClient::sendsUrlAndHeaders()
{
    Harness h;
    h.client->get("/channels/{}/messages", {channelA})
        .query("limit", 100)
        .query("before", quint64(123456789012345678))
        .query("q", u"a b&c"_s)
        .query("with_counts", true)
        .execute(nullptr, h.collect());
    QCOMPARE(h.transport->sentCount(), 1);
    const TransportRequest &request = h.transport->request(h.first());
    QCOMPARE(request.method, Method::Get);
    QCOMPARE(request.url,
             "http://127.0.0.1:9/api/v10/channels/1001/messages?limit=100&before=123456789012345678"
             "&q=a%20b%26c&with_counts=true"_ba);
    QCOMPARE(findHeader(request.headers, "Authorization"), QByteArrayView("Bot test-token"));
    QVERIFY(findHeader(request.headers, "User-Agent")
                .startsWith("DiscordBot (https://github.com/gavel-app/gavel, "));
    QVERIFY(findHeader(request.headers, "Content-Type").isNull());
    QVERIFY(findHeader(request.headers, "X-Audit-Log-Reason").isNull());
    QVERIFY(request.body.isEmpty());
    QCOMPARE(request.timeoutMs, testOptions().requestTimeoutMs);
}

void TestDiscordClient::jsonBodyAndAuditReason()
{
    Harness h;
    // 600 characters, the 512th a surrogate pair: the cut keeps it whole.
    QString reason = QString(511, u'x') + u"👍"_s + QString(100, u'y');
    h.client->patch("/guilds/{}/members/{}", {quint64(1), quint64(2)})
        .json(R"({"roles":["3"]})"_ba)
        .reason(reason)
        .timeout(1234)
        .execute(nullptr, h.collect());
    const TransportRequest &request = h.transport->request(h.first());
    QCOMPARE(request.method, Method::Patch);
    QCOMPARE(request.body, R"({"roles":["3"]})"_ba);
    QCOMPARE(findHeader(request.headers, "Content-Type"), QByteArrayView("application/json"));
    const QByteArray encoded = findHeader(request.headers, "X-Audit-Log-Reason").toByteArray();
    const QString decoded = QString::fromUtf8(QByteArray::fromPercentEncoding(encoded));
    QCOMPARE(decoded, QString(511, u'x') + u"👍"_s);
    QCOMPARE(decoded.toUcs4().size(), 512);
    for (const char c : encoded)
        QVERIFY2(QByteArrayView("%-._~").contains(c) || QChar::fromLatin1(c).isLetterOrNumber(),
                 "reason must be percent-encoded");
    QCOMPARE(request.timeoutMs, qint64(1234));

    h.client->put("/guilds/{}/members/{}/roles/{}", {quint64(1), quint64(2), quint64(3)})
        .reason(u"Promoted: 50 reactions (rule R2)"_s)
        .execute(nullptr, h.collect());
    const TransportRequest &put = h.transport->request(h.transport->open().constLast());
    QCOMPARE(findHeader(put.headers, "X-Audit-Log-Reason"),
             QByteArrayView("Promoted%3A%2050%20reactions%20%28rule%20R2%29"));
}

void TestDiscordClient::successDeliversResponse()
{
    Harness h;
    const quint64 id = h.getMessages(channelA);
    h.transport->respond(h.first(), 200, {{"Content-Type", "application/json"}},
                         R"([{"id":"1"}])"_ba);
    QCOMPARE(h.replies.size(), 1);
    const Reply &reply = h.replies.constFirst();
    QVERIFY(reply.ok());
    QCOMPARE(reply.id, id);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, R"([{"id":"1"}])"_ba);
    QCOMPARE(reply.header("content-type"), QByteArrayView("application/json"));
    QCOMPARE(reply.attempts, 1);
    QCOMPARE(h.client->pendingCount(), 0);

    // 204 has no body, and that is fine.
    h.client->deleteResource("/guilds/{}/members/{}/roles/{}", {quint64(1), quint64(2), quint64(3)})
        .execute(nullptr, h.collect());
    h.transport->respond(h.first(), 204, {}, {});
    QVERIFY(h.replies.constLast().ok());
    // expectJson(false) accepts anything.
    h.client->get("/gateway").expectJson(false).execute(nullptr, h.collect());
    h.transport->respond(h.first(), 200, {}, "plain"_ba);
    QVERIFY(h.replies.constLast().ok());
}

void TestDiscordClient::unknownBucketProbesThenReleases()
{
    Harness h;
    for (int i = 0; i < 5; ++i)
        h.getMessages(channelA);
    QCOMPARE(h.transport->sentCount(), 1);
    h.transport->respond(h.first(), 200, bucketHeaders("msgs", 5, 4, "1.000"), "[]");
    // The first response taught the limit: the other four go at once.
    QCOMPARE(h.transport->open().size(), 4);
    QCOMPARE(h.transport->sentCount(), 5);
}

void TestDiscordClient::waitsBeforeSendingInsteadOfCollecting429()
{
    Harness h;
    for (int i = 0; i < 6; ++i)
        h.getMessages(channelA);
    const qint64 start = h.clock.nowMs();
    h.transport->respond(h.first(), 200, bucketHeaders("msgs", 2, 1, "1.000"), "[]");
    QCOMPARE(h.transport->open().size(), 1);
    h.transport->respond(h.first(), 200, bucketHeaders("msgs", 2, 0, "0.999"), "[]");
    QCOMPARE(h.transport->open().size(), 0);
    // Nothing before the reset (1000 ms + 10 ms offset)...
    h.clock.advanceTo(start + 1009);
    QCOMPARE(h.transport->sentCount(), 2);
    // ... then the next window's two.
    h.clock.advanceTo(start + 1010);
    QCOMPARE(h.transport->sentCount(), 4);
    QCOMPARE(h.transport->open().size(), 2);
}

void TestDiscordClient::sharedHashAcrossRoutesAndSeparatePerMajor()
{
    Harness h;
    h.client->get("/channels/{}/messages/{}", {channelA, quint64(1)}).execute(nullptr, h.collect());
    h.transport->respond(h.first(), 200, bucketHeaders("shared", 3, 2, "1"), "{}");
    h.client->get("/channels/{}/pins", {channelA}).execute(nullptr, h.collect());
    QCOMPARE(h.transport->sentCount(), 2); // an unknown route probes once
    h.transport->respond(h.first(), 200, bucketHeaders("shared", 3, 1, "0.99"), "{}");
    // Both routes now count against one bucket for channel A: one request left in the window.
    h.client->get("/channels/{}/pins", {channelA}).execute(nullptr, h.collect());
    h.client->get("/channels/{}/messages/{}", {channelA, quint64(2)}).execute(nullptr, h.collect());
    h.client->get("/channels/{}/pins", {channelA}).execute(nullptr, h.collect());
    QCOMPARE(h.transport->sentCount(), 3);
    QCOMPARE(h.transport->open().size(), 1);
    // Channel B is a separate counter of the same hash, known to allow three: no probing.
    for (int i = 0; i < 4; ++i)
        h.client->get("/channels/{}/pins", {channelB}).execute(nullptr, h.collect());
    QCOMPARE(h.transport->sentCount(), 6);
    QCOMPARE(h.transport->open().size(), 4);
}

void TestDiscordClient::resetEpochWhenNoResetAfter()
{
    Harness h;
    for (int i = 0; i < 3; ++i)
        h.getMessages(channelA);
    const qint64 start = h.clock.nowMs();
    // Only X-RateLimit-Reset (epoch seconds): the wall clock says it is 2.5 s away.
    const QByteArray reset = QByteArray::number(double(h.clock.wallMs() + 2500) / 1000.0, 'f', 3);
    h.transport->respond(h.first(), 200,
                         {{"X-RateLimit-Limit", "1"},
                          {"X-RateLimit-Remaining", "0"},
                          {"X-RateLimit-Reset", reset},
                          {"X-RateLimit-Bucket", "epoch"}},
                         "[]");
    h.clock.advanceTo(start + 2509);
    QCOMPARE(h.transport->sentCount(), 1);
    h.clock.advanceTo(start + 2510);
    QCOMPARE(h.transport->sentCount(), 2);
}

void TestDiscordClient::globalBudget()
{
    ClientOptions options = testOptions();
    options.connections = 32;
    options.globalPerSecond = 3;
    Harness h(options);
    const qint64 start = h.clock.nowMs();
    for (quint64 channel = 1; channel <= 10; ++channel)
        h.getMessages(channel);
    QCOMPARE(h.transport->sentCount(), 3);
    for (const quint64 id : h.transport->open())
        h.transport->respond(id, 200, {}, "[]");
    QCOMPARE(h.transport->sentCount(), 3);
    h.clock.advanceTo(start + 999);
    QCOMPARE(h.transport->sentCount(), 3);
    h.clock.advanceTo(start + 1000);
    QCOMPARE(h.transport->sentCount(), 6);
}

void TestDiscordClient::connectionsCapRequestsInFlight()
{
    ClientOptions options = testOptions();
    options.connections = 2;
    Harness h(options);
    for (quint64 channel = 1; channel <= 5; ++channel)
        h.getMessages(channel);
    QCOMPARE(h.transport->open().size(), 2);
    h.transport->respond(h.first(), 200, {}, "[]");
    QCOMPARE(h.transport->open().size(), 2);
    QCOMPARE(h.transport->sentCount(), 3);
}

void TestDiscordClient::sublimitDoesNotPoisonTheBucket()
{
    Harness h;
    // PATCH /channels/{} (rename) and GET /channels/{} share a bucket.
    h.client->get("/channels/{}", {channelA}).execute(nullptr, h.collect());
    h.transport->respond(h.first(), 200, bucketHeaders("chan", 5, 4, "1"), "{}");
    h.client->patch("/channels/{}", {channelA})
        .json(R"({"name":"x"})")
        .execute(nullptr, h.collect());
    h.transport->respond(h.first(), 200, bucketHeaders("chan", 5, 3, "0.9"), "{}");
    const qint64 start = h.clock.nowMs();
    h.client->patch("/channels/{}", {channelA})
        .json(R"({"name":"y"})")
        .execute(nullptr, h.collect());
    RawHeaders limited = bucketHeaders("chan", 5, 2, "0.8");
    limited.emplaceBack("Retry-After", "3");
    limited.emplaceBack("X-RateLimit-Scope", "user");
    h.transport->respond(
        h.first(), 429, limited,
        R"({"message":"You are being rate limited.","retry_after":2.5,"global":false})");
    QCOMPARE(h.client->stats().sublimited, quint64(1));
    // The bucket has budget: another route goes at once.
    h.client->get("/channels/{}", {channelA}).execute(nullptr, h.collect());
    QCOMPARE(h.transport->open().size(), 1);
    QCOMPARE(h.transport->request(h.first()).method, Method::Get);
    h.transport->respond(h.first(), 200, bucketHeaders("chan", 5, 2, "0.7"), "{}");
    // The same action waits for the sub-limit, as does the next one of its kind.
    h.client->patch("/channels/{}", {channelA})
        .json(R"({"name":"z"})")
        .execute(nullptr, h.collect());
    QCOMPARE(h.transport->open().size(), 0);
    h.clock.advanceTo(start + 2509);
    QCOMPARE(h.transport->open().size(), 0);
    h.clock.advanceTo(start + 2510);
    QCOMPARE(h.transport->open().size(), 2);
    for (const quint64 id : h.transport->open()) {
        QCOMPARE(h.transport->request(id).method, Method::Patch);
        h.transport->respond(id, 200, bucketHeaders("chan", 5, 4, "1"), "{}");
    }
    QCOMPARE(h.replies.size(), 5);
    for (const Reply &reply : std::as_const(h.replies))
        QVERIFY(reply.ok());
}

void TestDiscordClient::global429PausesEverything()
{
    Harness h;
    for (quint64 channel = 1; channel <= 3; ++channel) {
        h.getMessages(channel);
        h.getMessages(channel);
    }
    QCOMPARE(h.transport->open().size(), 3);
    const qint64 start = h.clock.nowMs();
    const QList<quint64> open = h.transport->open();
    h.transport->respond(
        open[0], 429,
        {{"Retry-After", "2"}, {"X-RateLimit-Global", "true"}, {"X-RateLimit-Scope", "global"}},
        R"({"message":"You are being rate limited.","retry_after":1.5,"global":true})");
    h.transport->respond(open[1], 200, {}, "[]");
    h.transport->respond(open[2], 200, {}, "[]");
    QCOMPARE(h.transport->sentCount(), 3);
    QCOMPARE(h.client->stats().rateLimitedGlobal, quint64(1));
    h.clock.advanceTo(start + 1509);
    QCOMPARE(h.transport->sentCount(), 3);
    h.clock.advanceTo(start + 1510);
    // Channel 1's bucket is still unknown (a global 429 says nothing about it): one probe.
    QCOMPARE(h.transport->open().size(), 3);
}

void TestDiscordClient::retryAfterHonoured_data()
{
    QTest::addColumn<RawHeaders>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("waitMs");
    QTest::newRow("body wins (ms precision)")
        << RawHeaders{{"Retry-After", "3"}, {"X-RateLimit-Remaining", "0"}}
        << R"({"retry_after": 2.2, "global": false})"_ba << qint64(2200);
    QTest::newRow("header when the body is HTML")
        << RawHeaders{{"Retry-After", "3"}} << "<html>429 Too Many Requests</html>"_ba
        << qint64(3000);
    QTest::newRow("reset-after when nothing else")
        << RawHeaders{{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset-After", "0.75"}} << ""_ba
        << qint64(750);
    QTest::newRow("one second when nothing at all") << RawHeaders{} << ""_ba << qint64(1000);
}

void TestDiscordClient::retryAfterHonoured()
{
    QFETCH(RawHeaders, headers);
    QFETCH(QByteArray, body);
    QFETCH(qint64, waitMs);
    Harness h;
    h.getMessages(channelA);
    const qint64 start = h.clock.nowMs();
    h.transport->respond(h.first(), 429, headers, body);
    QCOMPARE(h.transport->open().size(), 0);
    h.clock.advanceTo(start + waitMs + 9);
    QCOMPARE(h.transport->sentCount(), 1);
    h.clock.advanceTo(start + waitMs + 10);
    QCOMPARE(h.transport->sentCount(), 2);
    h.transport->respond(h.first(), 200, {}, "[]");
    QCOMPARE(h.replies.size(), 1);
    QVERIFY(h.replies[0].ok());
    QCOMPARE(h.replies[0].attempts, 2);
}

Q_DECLARE_METATYPE(gavel::discord::TransportError)

void TestDiscordClient::retriesTransientFailures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<TransportError>("error");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("500") << 500 << TransportError::None << R"({"message":"500"})"_ba;
    QTest::newRow("502 html") << 502 << TransportError::None << "<html>Bad Gateway</html>"_ba;
    QTest::newRow("503") << 503 << TransportError::None << ""_ba;
    QTest::newRow("connection reset") << 0 << TransportError::ConnectionReset << ""_ba;
    QTest::newRow("refused") << 0 << TransportError::ConnectionRefused << ""_ba;
    QTest::newRow("timeout") << 0 << TransportError::Timeout << ""_ba;
    QTest::newRow("truncated") << 200 << TransportError::Truncated << R"([{"id":)"_ba;
    QTest::newRow("200 with html") << 200 << TransportError::None << "<html>oops</html>"_ba;
    QTest::newRow("200 with cut json") << 200 << TransportError::None << R"([{"id":"1"},{"i)"_ba;
    QTest::newRow("200 empty") << 200 << TransportError::None << ""_ba;
}

void TestDiscordClient::retriesTransientFailures()
{
    QFETCH(int, status);
    QFETCH(TransportError, error);
    QFETCH(QByteArray, body);
    Harness h;
    h.getMessages(channelA);
    const qint64 start = h.clock.nowMs();
    TransportResponse failed;
    failed.status = status;
    failed.error = error;
    failed.body = body;
    h.transport->respond(h.first(), std::move(failed));
    QCOMPARE(h.replies.size(), 0);
    QCOMPARE(h.client->stats().retries, quint64(1));
    // First retry after 50..100 ms (initial 100, jitter 0.5).
    h.clock.advanceTo(start + 49);
    QCOMPARE(h.transport->sentCount(), 1);
    h.clock.advanceTo(start + 100);
    QCOMPARE(h.transport->sentCount(), 2);
    h.transport->respond(h.first(), 200, {}, R"([{"id":"1"}])");
    QCOMPARE(h.replies.size(), 1);
    QVERIFY(h.replies[0].ok());
    QCOMPARE(h.replies[0].body, R"([{"id":"1"}])"_ba);
    QCOMPARE(h.replies[0].attempts, 2);
}

void TestDiscordClient::serverRetryAfterIsAMinimum()
{
    Harness h;
    h.getMessages(channelA);
    const qint64 start = h.clock.nowMs();
    h.transport->respond(h.first(), 503, {{"Retry-After", "5"}}, "<html>maintenance</html>");
    h.clock.advanceTo(start + 4999);
    QCOMPARE(h.transport->sentCount(), 1);
    h.clock.advanceTo(start + 5000);
    QCOMPARE(h.transport->sentCount(), 2);
}

void TestDiscordClient::validatorReplacesTheJsonCheck()
{
    Harness h;
    QList<QByteArray> seen;
    h.client->get("/channels/{}/messages", {channelA})
        .validate([&](QByteArrayView body) {
            seen.append(body.toByteArray());
            return body.startsWith("[");
        })
        .execute(nullptr, h.collect());
    // Valid JSON of the wrong shape is rejected by the caller's parser and retried.
    h.transport->respond(h.first(), 200, {}, R"({"not":"a page"})");
    QVERIFY(h.clock.runUntil([&] { return !h.transport->open().isEmpty(); }));
    h.transport->respond(h.first(), 200, {}, "[]");
    QCOMPARE(seen, (QList<QByteArray>{R"({"not":"a page"})", "[]"}));
    QCOMPARE(h.replies.size(), 1);
    QVERIFY(h.replies[0].ok());
    QCOMPARE(h.replies[0].attempts, 2);
    // Not consulted for 204.
    h.client->deleteResource("/guilds/{}/members/{}/roles/{}", {quint64(1), quint64(2), quint64(3)})
        .validate([&](QByteArrayView) { return false; })
        .execute(nullptr, h.collect());
    h.transport->respond(h.first(), 204, {}, {});
    QVERIFY(h.replies.constLast().ok());
}

void TestDiscordClient::givesUpAfterMaxAttempts()
{
    ClientOptions options = testOptions();
    options.maxAttempts = 4;
    Harness h(options);
    h.getMessages(channelA);
    for (int attempt = 1; attempt <= 4; ++attempt) {
        QVERIFY(h.clock.runUntil([&] { return !h.transport->open().isEmpty(); }));
        h.transport->respond(h.first(), 502, {}, "<html>Bad Gateway</html>");
    }
    QCOMPARE(h.transport->sentCount(), 4);
    QCOMPARE(h.replies.size(), 1);
    const Reply &reply = h.replies[0];
    QCOMPARE(reply.error, ErrorKind::Server);
    QCOMPARE(reply.status, 502);
    QCOMPARE(reply.attempts, 4);
    QVERIFY(reply.errorMessage.contains(u"GET /channels/1001/messages"_s));
    QVERIFY(reply.errorMessage.contains(u"502"_s));
    QVERIFY(reply.errorMessage.contains(u"4 attempts"_s));
    QVERIFY(!reply.errorHint.isEmpty());
    QVERIFY(!h.client->isStopped());
}

void TestDiscordClient::postIsNotRepeatedAfterAnUnknownOutcome()
{
    Harness h;
    h.client->post("/channels/{}/messages", {channelA}).json("{}").execute(nullptr, h.collect());
    h.transport->fail(h.first(), TransportError::ConnectionReset);
    QCOMPARE(h.replies.size(), 1);
    QCOMPARE(h.replies[0].error, ErrorKind::Network);
    QCOMPARE(h.transport->sentCount(), 1);
    // Unless the caller says it is safe.
    h.client->post("/channels/{}/messages", {channelA})
        .json("{}")
        .idempotent(true)
        .execute(nullptr, h.collect());
    h.transport->fail(h.first(), TransportError::ConnectionReset);
    QVERIFY(h.clock.runUntil([&] { return !h.transport->open().isEmpty(); }));
    QCOMPARE(h.transport->sentCount(), 3);
}

void TestDiscordClient::unauthorizedStopsWithoutRetry()
{
    Harness h;
    QSignalSpy stopped(h.client.get(), &Client::stopped);
    h.getMessages(channelA);
    h.getMessages(channelA);
    h.getMessages(channelB);
    QCOMPARE(h.transport->open().size(), 2);
    const QList<quint64> open = h.transport->open();
    h.transport->respond(open[0], 401, {}, R"({"message": "401: Unauthorized", "code": 0})");
    QCOMPARE(h.replies.size(), 1);
    const Reply reply = h.replies[0];
    QCOMPARE(reply.error, ErrorKind::Unauthorized);
    QCOMPARE(reply.attempts, 1);
    QVERIFY(reply.errorMessage.contains(u"token"_s));
    QVERIFY(reply.errorHint.contains(u"Developer Portal"_s));
    QCOMPARE(stopped.size(), 1);
    QVERIFY(h.client->isStopped());
    // The other request in flight is aborted, the queued one never sent.
    QVERIFY(h.transport->all().at(open[1]).aborted);
    Harness::flush();
    QCOMPARE(h.replies.size(), 3);
    QCOMPARE(h.replies[1].error, ErrorKind::Stopped);
    QCOMPARE(h.replies[2].error, ErrorKind::Stopped);
    QCOMPARE(h.transport->sentCount(), 2);
    // And nothing afterwards goes out.
    h.getMessages(channelB);
    Harness::flush();
    QCOMPARE(h.transport->sentCount(), 2);
    QCOMPARE(h.replies.constLast().error, ErrorKind::Stopped);
    QCOMPARE(h.replies.constLast().errorMessage, reply.errorMessage);
    QCOMPARE(h.client->pendingCount(), 0);
}

void TestDiscordClient::forbiddenReportsDiscordCode_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("inMessage");
    QTest::addColumn<QString>("inHint");
    QTest::newRow("missing access") << R"({"message": "Missing Access", "code": 50001})"_ba << 50001
                                    << u"Missing Access"_s << u"View Channel"_s;
    QTest::newRow("missing permissions")
        << R"({"message": "Missing Permissions", "code": 50013})"_ba << 50013
        << u"Missing Permissions"_s << u"Read Message History"_s;
    QTest::newRow("other code") << R"({"message": "Something else", "code": 20001})"_ba << 20001
                                << u"20001"_s << u"permissions"_s;
    QTest::newRow("html from the edge")
        << "<html>403 Forbidden</html>"_ba << 0 << u"403"_s << u"permissions"_s;
}

void TestDiscordClient::forbiddenReportsDiscordCode()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(QString, inMessage);
    QFETCH(QString, inHint);
    Harness h;
    h.getMessages(channelA);
    h.transport->respond(h.first(), 403, {}, body);
    QCOMPARE(h.replies.size(), 1);
    const Reply &reply = h.replies[0];
    QCOMPARE(reply.error, ErrorKind::Forbidden);
    QCOMPARE(reply.discordCode, code);
    QCOMPARE(reply.attempts, 1);
    QVERIFY2(reply.errorMessage.contains(inMessage), qPrintable(reply.errorMessage));
    QVERIFY2(reply.errorHint.contains(inHint), qPrintable(reply.errorHint));
    QVERIFY(reply.errorMessage.contains(u"GET /channels/1001/messages"_s));
    QVERIFY(!h.client->isStopped());
    QCOMPARE(h.transport->sentCount(), 1);

    // A role change names the permission that matters there.
    h.client->put("/guilds/{}/members/{}/roles/{}", {quint64(1), quint64(2), quint64(3)})
        .execute(nullptr, h.collect());
    h.transport->respond(h.first(), 403, {},
                         R"({"message": "Missing Permissions", "code": 50013})");
    QVERIFY(h.replies.constLast().errorHint.contains(u"Manage Roles"_s));
}

void TestDiscordClient::notFoundAndBadRequest()
{
    Harness h;
    h.getMessages(channelA);
    h.transport->respond(h.first(), 404, {}, R"({"message": "Unknown Channel", "code": 10003})");
    QCOMPARE(h.replies[0].error, ErrorKind::NotFound);
    QCOMPARE(h.replies[0].discordCode, 10003);
    QVERIFY(h.replies[0].errorMessage.contains(u"Unknown Channel"_s));
    h.getMessages(channelA);
    h.transport->respond(h.first(), 400, {},
                         R"({"message": "Invalid Form Body", "code": 50035, "errors": {}})");
    QCOMPARE(h.replies[1].error, ErrorKind::BadRequest);
    QCOMPARE(h.replies[1].discordCode, 50035);
    QCOMPARE(h.transport->sentCount(), 2);
    QCOMPARE(h.client->stats().invalidRequests, quint64(0));
}

void TestDiscordClient::rateLimitedWhenRetriesRunOut()
{
    ClientOptions options = testOptions();
    options.maxRateLimitRetries = 2;
    Harness h(options);
    h.getMessages(channelA);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(h.clock.runUntil([&] { return !h.transport->open().isEmpty(); }));
        h.transport->respond(h.first(), 429, {{"X-RateLimit-Remaining", "0"}},
                             R"({"retry_after": 0.1, "global": false})");
    }
    QCOMPARE(h.replies.size(), 1);
    QCOMPARE(h.replies[0].error, ErrorKind::RateLimited);
    QCOMPARE(h.replies[0].attempts, 3);
    QCOMPARE(h.client->stats().rateLimited, quint64(3));
}

void TestDiscordClient::rateLimitedWhenAskedToWaitTooLong()
{
    Harness h;
    h.getMessages(channelA);
    h.transport->respond(h.first(), 429, {{"Retry-After", "3600"}, {"X-RateLimit-Scope", "shared"}},
                         R"({"retry_after": 3600, "global": false})");
    QCOMPARE(h.replies.size(), 1);
    QCOMPARE(h.replies[0].error, ErrorKind::RateLimited);
    QVERIFY(h.replies[0].errorMessage.contains(u"3600"_s));
    QCOMPARE(h.client->stats().rateLimitedShared, quint64(1));
    QCOMPARE(h.client->stats().invalidRequests, quint64(0)); // shared 429s do not count
}

void TestDiscordClient::edgeBanPausesEverythingOrStops()
{
    {
        Harness h;
        h.getMessages(channelA);
        h.getMessages(channelB);
        const qint64 start = h.clock.nowMs();
        const QList<quint64> open = h.transport->open();
        h.transport->respond(open[0], 429, {{"Retry-After", "30"}, {"Content-Type", "text/plain"}},
                             "error code: 1015");
        h.transport->respond(open[1], 200, {}, "[]");
        h.getMessages(channelB);
        // The whole address is refused: channel B waits too.
        QCOMPARE(h.transport->open().size(), 0);
        QCOMPARE(h.client->stats().rateLimitedEdge, quint64(1));
        h.clock.advanceTo(start + 30009);
        QCOMPARE(h.transport->open().size(), 0);
        h.clock.advanceTo(start + 30010);
        QCOMPARE(h.transport->open().size(), 2);
    }
    {
        Harness h;
        QSignalSpy stopped(h.client.get(), &Client::stopped);
        h.getMessages(channelA);
        h.getMessages(channelB);
        h.transport->respond(h.first(), 429, {{"Retry-After", "3600"}}, "error code: 1015");
        QCOMPARE(stopped.size(), 1);
        QVERIFY(h.client->stopError()->message.contains(u"60 minutes"_s));
        QVERIFY(h.client->stopError()->message.contains(u"IP address"_s));
        Harness::flush();
        QCOMPARE(h.replies.size(), 2);
        for (const Reply &reply : std::as_const(h.replies))
            QCOMPARE(reply.error, ErrorKind::Stopped);
    }
}

void TestDiscordClient::invalidRequestGuardStopsTheClient()
{
    ClientOptions options = testOptions();
    options.invalidRequestLimit = 5;
    options.connections = 1;
    Harness h(options);
    QSignalSpy stopped(h.client.get(), &Client::stopped);
    for (quint64 channel = 1; channel <= 8; ++channel)
        h.getMessages(channel);
    for (int i = 0; i < 5; ++i)
        h.transport->respond(h.first(), 403, {}, R"({"message": "Missing Access", "code": 50001})");
    QCOMPARE(stopped.size(), 1);
    QVERIFY(h.client->stopError()->message.contains(u"5 invalid requests"_s));
    QVERIFY(h.client->stopError()->hint.contains(u"10,000"_s));
    QCOMPARE(h.transport->sentCount(), 5);
    Harness::flush();
    QCOMPARE(h.replies.size(), 8);
    QCOMPARE(h.replies[4].error, ErrorKind::Forbidden);
    QCOMPARE(h.replies[5].error, ErrorKind::Stopped);
}

void TestDiscordClient::cancelQueuedAndRunning()
{
    ClientOptions options = testOptions();
    options.connections = 1;
    Harness h(options);
    const quint64 running = h.getMessages(channelA);
    const quint64 queued = h.getMessages(channelB);
    const quint64 third = h.getMessages(channelB);
    QCOMPARE(h.transport->sentCount(), 1);
    QVERIFY(h.client->cancel(queued));
    QVERIFY(!h.client->cancel(queued));
    const quint64 exchange = h.first();
    QVERIFY(h.client->cancel(running));
    QVERIFY(h.transport->all().at(exchange).aborted);
    // The freed connection goes to the next live request, not the cancelled one.
    QCOMPARE(h.transport->open().size(), 1);
    QCOMPARE(h.transport->request(h.first()).url.endsWith("/channels/1002/messages"), true);
    Harness::flush();
    QCOMPARE(h.replies.size(), 2);
    QCOMPARE(h.replies[0].id, queued);
    QCOMPARE(h.replies[0].error, ErrorKind::Cancelled);
    QCOMPARE(h.replies[1].id, running);
    QCOMPARE(h.replies[1].error, ErrorKind::Cancelled);
    h.transport->respond(h.first(), 200, {}, "[]");
    QCOMPARE(h.replies.constLast().id, third);
    QVERIFY(h.replies.constLast().ok());
    QCOMPARE(h.transport->sentCount(), 2);
    QVERIFY(!h.client->cancel(987654));
}

void TestDiscordClient::cancelAll()
{
    Harness h;
    for (quint64 channel = 1; channel <= 10; ++channel)
        h.getMessages(channel);
    h.getMessages(1);
    h.transport->respond(h.first(), 500, {}, "");
    QCOMPARE(h.client->pendingCount(), 11);
    h.client->cancelAll();
    QCOMPARE(h.client->pendingCount(), 0);
    QCOMPARE(h.transport->open().size(), 0);
    Harness::flush();
    QCOMPARE(h.replies.size(), 11);
    for (const Reply &reply : std::as_const(h.replies)) {
        QCOMPARE(reply.error, ErrorKind::Cancelled);
        QVERIFY(reply.errorMessage.contains(u"cancelled"_s));
    }
    // Retry timers find nothing to do.
    h.clock.advance(60000);
    QCOMPARE(h.replies.size(), 11);
    QCOMPARE(h.transport->sentCount(), 5);
}

void TestDiscordClient::destroyedContextGetsNoCallback()
{
    Harness h;
    auto context = std::make_unique<QObject>();
    int calls = 0;
    h.client->get("/guilds/{}", {quint64(5)}).execute(context.get(), [&](Reply &&) { ++calls; });
    h.client->get("/guilds/{}", {quint64(6)}).execute(context.get(), [&](Reply &&) { ++calls; });
    context.reset();
    for (const quint64 id : h.transport->open())
        h.transport->respond(id, 200, {}, "{}");
    QCOMPARE(calls, 0);
    QCOMPARE(h.client->pendingCount(), 0);
}

void TestDiscordClient::builderNotExecutedWarns()
{
    Harness h;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"GET /guilds/5.*never executed"_s));
    {
        auto builder = h.client->get("/guilds/{}", {quint64(5)}).query("with_counts", true);
    }
    QCOMPARE(h.transport->sentCount(), 0);
}

void TestDiscordClient::invalidSetupStops()
{
    ClientOptions options = testOptions();
    options.apiBase = QUrl(u"ftp://example.com/api"_s);
    Harness h(options);
    QVERIFY(h.client->isStopped());
    QVERIFY(h.client->stopError()->message.contains(u"ftp://example.com/api"_s));
    h.getMessages(channelA);
    Harness::flush();
    QCOMPARE(h.replies.size(), 1);
    QCOMPARE(h.replies[0].error, ErrorKind::Stopped);
    QCOMPARE(h.transport->sentCount(), 0);

    Harness empty(testOptions(), ""_ba);
    QVERIFY(empty.client->isStopped());
    QVERIFY(empty.client->stopError()->message.contains(u"token"_s));

    // An invalid route is a bug, reported as such and never sent.
    Harness routes;
    routes.client->get("/channels/{}/messages").execute(nullptr, routes.collect());
    Harness::flush();
    QCOMPARE(routes.replies.size(), 1);
    QCOMPARE(routes.replies[0].error, ErrorKind::BadRequest);
    QCOMPARE(routes.transport->sentCount(), 0);
}

void TestDiscordClient::statistics()
{
    Harness h;
    h.client->put("/guilds/{}/members/{}/roles/{}", {quint64(1), quint64(2), quint64(3)})
        .json("{}")
        .execute(nullptr, h.collect());
    h.transport->respond(h.first(), 500, {}, "oops");
    QVERIFY(h.clock.runUntil([&] { return !h.transport->open().isEmpty(); }));
    const QByteArray limitedBody = R"({"retry_after": 0.05})";
    h.transport->respond(h.first(), 429,
                         {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Bucket", "roles"}},
                         limitedBody);
    QVERIFY(h.clock.runUntil([&] { return !h.transport->open().isEmpty(); }));
    h.transport->respond(h.first(), 204, {}, {});
    const ClientStats &stats = h.client->stats();
    QCOMPARE(stats.requests, quint64(3));
    QCOMPARE(stats.retries, quint64(2));
    QCOMPARE(stats.succeeded, quint64(1));
    QCOMPARE(stats.failed, quint64(0));
    QCOMPARE(stats.rateLimited, quint64(1));
    QCOMPARE(stats.rateLimitedUser, quint64(1));
    QCOMPARE(stats.invalidRequests, quint64(1));
    QCOMPARE(stats.bytesSent, quint64(6));
    QCOMPARE(stats.bytesReceived, quint64(4 + limitedBody.size()));
    QCOMPARE(stats.rateLimitedByBucket.size(), 1);
}

void TestDiscordClient::idleQueuesAreDropped()
{
    ClientOptions options = testOptions();
    options.connections = 64;
    options.globalPerSecond = 0;
    Harness h(options);
    // One channel whose window runs for another 10 s: it must be remembered.
    h.getMessages(channelA);
    h.transport->respond(h.first(), 200, bucketHeaders("msgs", 1, 0, "10"), "[]");
    for (quint64 channel = 5001; channel <= 8000; ++channel)
        h.getMessages(channel);
    while (!h.transport->open().isEmpty()) {
        for (const quint64 id : h.transport->open())
            h.transport->respond(id, 200, bucketHeaders("msgs", 1, 0, "0.001"), "[]");
        h.clock.advance(1);
    }
    h.clock.advance(100);
    QCOMPARE(h.replies.size(), 3001);
    QVERIFY2(h.client->queueCount() < 2100, qPrintable(QString::number(h.client->queueCount())));
    // Channel A still waits out its window.
    h.getMessages(channelA);
    QCOMPARE(h.transport->open().size(), 0);
    h.clock.advance(10000);
    QCOMPARE(h.transport->open().size(), 1);
}

namespace {
QStringList *capturedMessages = nullptr;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    capturedMessages->append(message);
}
} // namespace

void TestDiscordClient::tokenNeverAppearsInOutput()
{
    const QByteArray secret = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"_ba;
    QStringList captured;
    capturedMessages = &captured;
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    QStringList texts;
    {
        ClientOptions options = testOptions();
        options.maxAttempts = 2;
        Harness h(options, secret);
        // The token does go where it belongs.
        h.getMessages(channelA);
        const QByteArray expected = "Bot " + secret;
        QCOMPARE(findHeader(h.transport->request(h.first()).headers, "Authorization"),
                 QByteArrayView(expected));
        h.transport->respond(h.first(), 502, {}, "<html>bad gateway</html>");
        QVERIFY(h.clock.runUntil([&] { return !h.transport->open().isEmpty(); }));
        h.transport->respond(h.first(), 200, {}, "<html>not json</html>");
        h.getMessages(channelB);
        h.transport->fail(h.first(), TransportError::ConnectionReset);
        QVERIFY(h.clock.runUntil([&] { return !h.transport->open().isEmpty(); }));
        h.transport->fail(h.first(), TransportError::Timeout);
        h.client->get("/guilds/{}/members", {quint64(3)}).execute(nullptr, h.collect());
        h.transport->respond(h.first(), 403, {}, R"({"message": "Missing Access", "code": 50001})");
        {
            auto forgotten = h.client->get("/guilds/{}", {quint64(4)});
        }
        h.getMessages(channelA);
        h.getMessages(channelA);
        h.transport->respond(h.first(), 401, {}, R"({"message": "401: Unauthorized", "code": 0})");
        Harness::flush();
        QVERIFY(h.replies.size() >= 5);
        for (const Reply &reply : std::as_const(h.replies)) {
            QVERIFY(!reply.ok());
            qDebug() << reply;
            qWarning() << reply.toError().text();
            texts << reply.errorMessage << reply.errorHint;
        }
        qDebug() << Token(secret) << h.client.get() << h.client->stopError()->text();
        texts << h.client->stopError()->text();
    }
    qInstallMessageHandler(previous);
    capturedMessages = nullptr;
    QVERIFY(captured.size() >= 7);
    texts += captured;
    // Any recognisable part of the token would be a leak.
    const QList<QByteArray> parts = secret.split('.');
    for (const QString &text : std::as_const(texts)) {
        for (const QByteArray &part : parts)
            QVERIFY2(!text.contains(QString::fromLatin1(part)), qPrintable(text));
    }
}

QTEST_GUILESS_MAIN(TestDiscordClient)
#include "tst_discordclient.moc"
