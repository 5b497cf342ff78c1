// The REST client against a simulated Discord (ClientSimServer) in simulated time: thousands
// of requests under real-looking limits, checking what the server saw and how long it took.

#include "ClientSimServer.h"
#include "MockClock.h"
#include "discord/Client.h"

#include <QTest>

using namespace gavel;
using namespace gavel::discord;
using namespace gavel::test;
using namespace Qt::StringLiterals;

namespace {

struct SimRun
{
    SimRun(ClientSimServer::Options serverOptions, ClientOptions clientOptions = {})
    {
        clientOptions.apiBase = QUrl(u"http://127.0.0.1:9/api/v10"_s);
        clientOptions.connections = serverOptions.connections;
        auto sim = std::make_unique<ClientSimServer>(&clock, serverOptions);
        server = sim.get();
        client =
            std::make_unique<Client>(clientOptions, Token("sim-token"), std::move(sim), &clock);
    }

    void get(QByteArrayView tmpl, std::initializer_list<PathArg> args)
    {
        ++expected;
        client->get(tmpl, args).execute(nullptr, [this](Reply &&reply) {
            if (reply.ok())
                ++succeeded;
            else
                failures.append(reply.errorMessage);
        });
    }
    //! Runs simulated time until every reply is in; returns the elapsed simulated ms.
    qint64 run()
    {
        const qint64 start = clock.nowMs();
        clock.runUntil([this] { return succeeded + failures.size() >= expected; });
        return clock.nowMs() - start;
    }

    MockClock clock;
    ClientSimServer *server = nullptr;
    std::unique_ptr<Client> client;
    QStringList failures;
    int expected = 0;
    int succeeded = 0;
};

} // namespace

class TestDiscordSim : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manyChannelsNearTheBound_data();
    void manyChannelsNearTheBound();
    void reactionRoutesShareTheChannelBucket();
    void sublimitLeavesTheRestOfTheBucketAlone();
    void limitsOffUsesEveryConnection();
};

void TestDiscordSim::manyChannelsNearTheBound_data()
{
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("perChannel");
    QTest::addColumn<int>("latency");
    QTest::addColumn<int>("jitter");
    QTest::addColumn<int>("connections");
    QTest::newRow("global-bound, 20 channels") << 20 << 25 << 4 << 0 << 8;
    QTest::newRow("global-bound, jittery network") << 20 << 25 << 20 << 30 << 8;
    QTest::newRow("bucket-bound, 3 channels") << 3 << 60 << 4 << 2 << 8;
    QTest::newRow("one channel") << 1 << 100 << 10 << 10 << 4;
    QTest::newRow("200 channels") << 200 << 5 << 4 << 4 << 16;
}

// 5 per second per channel, 50 per second globally, as the issue asks: zero 429s, and wall
// time within 1.10 of max(requests / 50, requests per channel / 5) seconds.
void TestDiscordSim::manyChannelsNearTheBound()
{
    QFETCH(int, channels);
    QFETCH(int, perChannel);
    QFETCH(int, latency);
    QFETCH(int, jitter);
    QFETCH(int, connections);
    ClientSimServer::Options options;
    options.bucketLimit = 5;
    options.bucketWindowMs = 1000;
    options.globalLimit = 50;
    options.latencyMs = latency;
    options.jitterMs = jitter;
    options.connections = connections;
    SimRun sim(options);
    for (int round = 0; round < perChannel; ++round) {
        for (int channel = 1; channel <= channels; ++channel)
            sim.get("/channels/{}/messages", {quint64(channel)});
    }
    const qint64 elapsed = sim.run();
    QVERIFY2(sim.failures.isEmpty(), qPrintable(sim.failures.join(u'\n')));
    QCOMPARE(sim.succeeded, channels * perChannel);
    QCOMPARE(sim.server->count429(), 0);
    const double bound = qMax(channels * perChannel / 50.0, perChannel / 5.0) * 1000.0;
    const double ratio = double(elapsed) / bound;
    qInfo("%d requests over %d channels: %lld ms simulated, bound %.0f ms, ratio %.3f",
          channels * perChannel, channels, elapsed, bound, ratio);
    QVERIFY2(ratio <= 1.10, qPrintable(u"ratio %1"_s.arg(ratio)));
}

void TestDiscordSim::reactionRoutesShareTheChannelBucket()
{
    ClientSimServer::Options options;
    options.bucketLimit = 5;
    options.globalLimit = 50;
    options.jitterMs = 10;
    SimRun sim(options);
    // The server gives every reaction route of a channel the same bucket.
    sim.server->shareBucket("GET /channels/{}/messages/{}/reactions", "reactions");
    for (quint64 message = 1; message <= 10; ++message) {
        for (const QString &emoji : {u"👍"_s, u"gavel:77"_s, u"🔥"_s})
            sim.get("/channels/{}/messages/{}/reactions/{}", {quint64(500), message, emoji});
    }
    const qint64 elapsed = sim.run();
    QCOMPARE(sim.succeeded, 30);
    QCOMPARE(sim.server->count429(), 0);
    // 30 requests through one 5/s bucket: at least five windows after the first.
    QVERIFY(elapsed >= 5000);
    QVERIFY(elapsed <= 6600);
}

void TestDiscordSim::sublimitLeavesTheRestOfTheBucketAlone()
{
    ClientSimServer::Options options;
    options.bucketLimit = 5;
    options.globalLimit = 50;
    SimRun sim(options);
    sim.server->shareBucket("GET /channels/{}", "channel");
    sim.server->shareBucket("PATCH /channels/{}", "channel");
    sim.server->setSublimit("PATCH /channels/{}", {2, 10000});
    qint64 lastGet = 0;
    int gets = 0;
    for (int i = 0; i < 4; ++i) {
        ++sim.expected;
        sim.client->patch("/channels/{}", {quint64(7)})
            .json(R"({"name":"x"})")
            .execute(nullptr, [&](Reply &&reply) {
                if (reply.ok())
                    ++sim.succeeded;
                else
                    sim.failures.append(reply.errorMessage);
            });
    }
    for (int i = 0; i < 10; ++i) {
        ++sim.expected;
        sim.client->get("/channels/{}", {quint64(7)}).execute(nullptr, [&](Reply &&reply) {
            QVERIFY(reply.ok());
            ++sim.succeeded;
            ++gets;
            lastGet = sim.clock.nowMs();
        });
    }
    const qint64 start = sim.clock.nowMs();
    const qint64 elapsed = sim.run();
    QVERIFY2(sim.failures.isEmpty(), qPrintable(sim.failures.join(u'\n')));
    QCOMPARE(gets, 10);
    // The renames wait out the 10 s sub-limit; the reads do not wait for them.
    QVERIFY(elapsed >= 10000);
    QVERIFY2(lastGet - start < 4000, qPrintable(QString::number(lastGet - start)));
    QVERIFY(sim.client->stats().sublimited >= 1);
    QVERIFY(sim.server->count429() <= 2);
}

void TestDiscordSim::limitsOffUsesEveryConnection()
{
    ClientSimServer::Options options;
    options.sendHeaders = false;
    options.globalLimit = 0;
    options.latencyMs = 2;
    options.connections = 12;
    ClientOptions clientOptions;
    clientOptions.globalPerSecond = 0;
    SimRun sim(options, clientOptions);
    for (int i = 0; i < 3000; ++i)
        sim.get("/channels/{}/messages/{}/reactions/{}", {quint64(1 + i % 3), quint64(i), u"👍"_s});
    const qint64 elapsed = sim.run();
    QCOMPARE(sim.succeeded, 3000);
    QCOMPARE(sim.server->maxConcurrent(), 12);
    // 3000 exchanges of 4 ms, twelve at a time.
    QVERIFY2(elapsed <= 3000 / 12 * 4 + 20, qPrintable(QString::number(elapsed)));
}

QTEST_GUILESS_MAIN(TestDiscordSim)
#include "tst_discordsim.moc"
