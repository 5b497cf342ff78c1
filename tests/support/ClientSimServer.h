#pragma once

#include "MockClock.h"
#include "discord/Transport.h"

#include <QHash>
#include <QList>

#include <functional>
#include <memory>
#include <vector>

namespace gavel::test {

/*!
 * A Transport that plays Discord's rate limiting on a MockClock: per-route buckets counted per
 * major parameter (fixed windows opened by the first request), a global budget, optional
 * sub-limits, and network latency. Lets client tests run thousands of requests in simulated
 * time and check what the server saw.
 */
class ClientSimServer final : public discord::Transport
{
public:
    struct Options
    {
        int bucketLimit = 5;
        qint64 bucketWindowMs = 1000;
        int globalLimit = 50; //!< per globalWindowMs; 0 = none
        qint64 globalWindowMs = 1000;
        qint64 latencyMs = 4; //!< one way
        qint64 jitterMs = 0;  //!< extra one-way latency, drawn per request in [0, jitterMs]
        int connections = 8;
        bool sendHeaders = true; //!< false: no rate-limit headers (limits off)
    };
    struct Sublimit
    {
        int limit = 1;
        qint64 windowMs = 10000;
    };
    struct Arrival
    {
        qint64 atMs;
        QByteArray bucketKey; //!< hash|major
        int status;
    };

    ClientSimServer(MockClock *clock, Options options);
    ~ClientSimServer() override;

    quint64 send(discord::TransportRequest &&request, Done done) override;
    void abort(quint64 id) override;
    int connections() const override { return m_options.connections; }

    //! Routes (by bucket route, e.g. "GET /channels/{}/messages") that share one hash.
    void shareBucket(const QByteArray &bucketRoute, const QByteArray &hash);
    //! A sub-limit of one route inside its bucket.
    void setSublimit(const QByteArray &bucketRoute, Sublimit sublimit);
    //! Body for successful responses; default "[]".
    std::function<QByteArray(const discord::TransportRequest &)> body;

    const QList<Arrival> &arrivals() const { return m_arrivals; }
    int count429() const;
    QHash<QByteArray, int> count429ByBucket() const;
    int maxConcurrent() const { return m_maxConcurrent; }
    QByteArray hashFor(const QByteArray &bucketRoute) const;

private:
    struct Window
    {
        qint64 start = -1;
        int count = 0;
    };
    struct Exchange;

    discord::TransportResponse process(const discord::TransportRequest &request);
    static bool enter(Window &window, int limit, qint64 windowMs, qint64 now);

    MockClock *m_clock;
    Options m_options;
    QHash<QByteArray, QByteArray> m_shared;
    QHash<QByteArray, Sublimit> m_sublimits;
    QHash<QByteArray, Window> m_buckets;
    QHash<QByteArray, Window> m_sublimitWindows;
    Window m_global;
    QList<Arrival> m_arrivals;
    std::vector<std::unique_ptr<Exchange>> m_exchanges;
    quint64 m_nextId = 1;
    quint64 m_random = 0x9e3779b97f4a7c15ULL;
    int m_concurrent = 0;
    int m_maxConcurrent = 0;
};

} // namespace gavel::test
