#include "ClientSimServer.h"

#include "discord/Route.h"

#include <QCryptographicHash>

#include <cmath>

namespace gavel::test {

using namespace gavel::discord;

struct ClientSimServer::Exchange
{
    quint64 id = 0;
    TransportRequest request;
    Done done;
    std::unique_ptr<discord::ClockTimer> timer;
    TransportResponse response;
    bool arrived = false;
    bool finished = false;
};

namespace {

QByteArray seconds(qint64 ms)
{
    return QByteArray::number(double(ms) / 1000.0, 'f', 3);
}

Method methodOf(const TransportRequest &request)
{
    return request.method;
}

QByteArray pathOf(const QByteArray &url)
{
    // Everything after /api/v10, without the query.
    qsizetype start = url.indexOf("/api/v10");
    start = start < 0 ? 0 : start + 8;
    qsizetype end = url.indexOf('?', start);
    if (end < 0)
        end = url.size();
    return url.mid(start, end - start);
}

} // namespace

ClientSimServer::ClientSimServer(MockClock *clock, Options options)
    : m_clock(clock)
    , m_options(options)
{}

ClientSimServer::~ClientSimServer() = default;

void ClientSimServer::shareBucket(const QByteArray &bucketRoute, const QByteArray &hash)
{
    m_shared.insert(bucketRoute, hash);
}

void ClientSimServer::setSublimit(const QByteArray &bucketRoute, Sublimit sublimit)
{
    m_sublimits.insert(bucketRoute, sublimit);
}

QByteArray ClientSimServer::hashFor(const QByteArray &bucketRoute) const
{
    if (const auto it = m_shared.constFind(bucketRoute); it != m_shared.cend())
        return *it;
    return QCryptographicHash::hash(bucketRoute, QCryptographicHash::Md5).toHex().left(16);
}

bool ClientSimServer::enter(Window &window, int limit, qint64 windowMs, qint64 now)
{
    if (window.start < 0 || now >= window.start + windowMs) {
        window.start = now;
        window.count = 0;
    }
    if (window.count >= limit)
        return false;
    ++window.count;
    return true;
}

int ClientSimServer::count429() const
{
    int count = 0;
    for (const Arrival &arrival : m_arrivals)
        count += arrival.status == 429 ? 1 : 0;
    return count;
}

QHash<QByteArray, int> ClientSimServer::count429ByBucket() const
{
    QHash<QByteArray, int> counts;
    for (const Arrival &arrival : m_arrivals) {
        if (arrival.status == 429)
            ++counts[arrival.bucketKey];
    }
    return counts;
}

TransportResponse ClientSimServer::process(const TransportRequest &request)
{
    const qint64 now = m_clock->nowMs();
    const Route route = Route::fromPath(methodOf(request), pathOf(request.url));
    const QByteArray hash = hashFor(route.bucketRoute());
    const QByteArray key = hash + '|' + route.majorParameter();
    TransportResponse response;
    response.status = 200;

    if (m_options.globalLimit > 0 &&
        !enter(m_global, m_options.globalLimit, m_options.globalWindowMs, now)) {
        const qint64 wait = m_global.start + m_options.globalWindowMs - now;
        response.status = 429;
        response.headers = {{"Retry-After", QByteArray::number((wait + 999) / 1000)},
                            {"X-RateLimit-Global", "true"},
                            {"X-RateLimit-Scope", "global"}};
        response.body = R"({"message": "You are being rate limited.", "retry_after": )" +
                        seconds(wait) + R"(, "global": true})";
        m_arrivals.append({now, QByteArrayLiteral("global"), 429});
        return response;
    }

    Window &bucket = m_buckets[key];
    const bool allowed = !m_options.sendHeaders ||
                         enter(bucket, m_options.bucketLimit, m_options.bucketWindowMs, now);
    if (m_options.sendHeaders) {
        const qint64 resetAfter = bucket.start + m_options.bucketWindowMs - now;
        const int remaining = qMax(0, m_options.bucketLimit - bucket.count);
        response.headers = {{"X-RateLimit-Limit", QByteArray::number(m_options.bucketLimit)},
                            {"X-RateLimit-Remaining", QByteArray::number(remaining)},
                            {"X-RateLimit-Reset", seconds(m_clock->wallMs() + resetAfter)},
                            {"X-RateLimit-Reset-After", seconds(resetAfter)},
                            {"X-RateLimit-Bucket", hash}};
        if (!allowed) {
            response.status = 429;
            response.headers.emplaceBack("Retry-After", QByteArray::number((resetAfter + 999) / 1000));
            response.headers.emplaceBack("X-RateLimit-Scope", "user");
            response.body = R"({"message": "You are being rate limited.", "retry_after": )" +
                            seconds(resetAfter) + R"(, "global": false})";
            m_arrivals.append({now, key, 429});
            return response;
        }
        if (const auto sub = m_sublimits.constFind(route.bucketRoute());
            sub != m_sublimits.cend()) {
            Window &window = m_sublimitWindows[route.bucketRoute() + '|' + route.majorParameter()];
            if (!enter(window, sub->limit, sub->windowMs, now)) {
                // Discord answers a sub-limit with the bucket's own headers, budget left.
                const qint64 wait = window.start + sub->windowMs - now;
                --bucket.count;
                response.status = 429;
                response.headers[1].second =
                    QByteArray::number(qMax(0, m_options.bucketLimit - bucket.count));
                response.headers.emplaceBack("Retry-After", QByteArray::number((wait + 999) / 1000));
                response.headers.emplaceBack("X-RateLimit-Scope", "user");
                response.body = R"({"message": "You are being rate limited.", "retry_after": )" +
                                seconds(wait) + R"(, "global": false})";
                m_arrivals.append({now, key, 429});
                return response;
            }
        }
    }
    response.body = body ? body(request) : QByteArrayLiteral("[]");
    m_arrivals.append({now, key, 200});
    return response;
}

quint64 ClientSimServer::send(TransportRequest &&request, Done done)
{
    auto exchange = std::make_unique<Exchange>();
    Exchange *raw = exchange.get();
    raw->id = m_nextId++;
    raw->request = std::move(request);
    raw->done = std::move(done);
    auto latency = [this] {
        if (m_options.jitterMs <= 0)
            return m_options.latencyMs;
        m_random ^= m_random << 13;
        m_random ^= m_random >> 7;
        m_random ^= m_random << 17;
        return m_options.latencyMs + qint64(m_random % quint64(m_options.jitterMs + 1));
    };
    const qint64 arriveAt = m_clock->nowMs() + latency();
    raw->timer = m_clock->createTimer([this, raw, latency] {
        if (!raw->arrived) {
            raw->arrived = true;
            raw->response = process(raw->request);
            raw->timer->start(m_clock->nowMs() + latency());
            return;
        }
        raw->finished = true;
        --m_concurrent;
        const Done done = raw->done;
        done(std::move(raw->response));
    });
    raw->timer->start(arriveAt);
    ++m_concurrent;
    m_maxConcurrent = qMax(m_maxConcurrent, m_concurrent);
    m_exchanges.push_back(std::move(exchange));
    return raw->id;
}

void ClientSimServer::abort(quint64 id)
{
    for (const auto &exchange : m_exchanges) {
        if (exchange->id == id && !exchange->finished) {
            exchange->timer->stop();
            exchange->finished = true;
            --m_concurrent;
        }
    }
}

} // namespace gavel::test
