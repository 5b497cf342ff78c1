#pragma once

#include "common/Result.h"
#include "discord/ExponentialBackoff.h"
#include "discord/GlobalLimiter.h"
#include "discord/InvalidRequestGuard.h"
#include "discord/Reply.h"
#include "discord/RequestBuilder.h"
#include "discord/Route.h"
#include "discord/Token.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QUrl>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace gavel::discord {

class Clock;
class ClockTimer;
class Transport;
struct BucketQueue;
struct PendingRequest;
struct TransportResponse;
struct RateLimitHeaders;

//! Settings of a Client; the defaults suit discord.com.
struct ClientOptions
{
    //! API base including the version path, as `gavel emulate` prints it.
    QUrl apiBase = QUrl(QStringLiteral("https://discord.com/api/v10"));
    int connections = 6;      //!< requests in flight at once (keep-alive connections)
    int globalPerSecond = 50; //!< Discord's global budget; 0 disables the client-side limit
    qint64 globalWindowMs = 1000;
    qint64 globalMarginMs = 20;   //!< spacing added to the global window against latency jitter
    qint64 resetOffsetMs = 20;    //!< added to every learned bucket reset
    int maxAttempts = 6;          //!< sends per request for 5xx, network and malformed failures
    int maxRateLimitRetries = 10; //!< 429s per request before giving up
    qint64 maxRateLimitWaitMs = 5 * 60 * 1000; //!< longer retry_after fails the request instead
    qint64 requestTimeoutMs = 30000;           //!< transfer timeout of one attempt
    int invalidRequestLimit = 1000;            //!< stop at this many 401/403/429 ...
    qint64 invalidRequestWindowMs = 10 * 60 * 1000; //!< ... within this window
    BackoffOptions backoff;
};

//! Counters of a Client since it was created.
struct ClientStats
{
    quint64 requests = 0; //!< sends to the server, retries included
    quint64 succeeded = 0;
    quint64 failed = 0;            //!< requests that ended with an error (cancelled ones too)
    quint64 retries = 0;           //!< re-sends after a 5xx, network error, malformed body or 429
    quint64 rateLimited = 0;       //!< 429 responses
    quint64 rateLimitedUser = 0;   //!< ... of a per-route bucket ("user" scope or none)
    quint64 rateLimitedGlobal = 0; //!< ... of the global limit
    quint64 rateLimitedShared = 0; //!< ... of a shared resource
    quint64 rateLimitedEdge = 0;   //!< ... from the edge (Cloudflare), for the whole IP address
    quint64 sublimited = 0;        //!< ... with budget left in the bucket (a sub-limit)
    quint64 invalidRequests = 0;   //!< 401, 403 and non-shared 429 responses
    quint64 bytesSent = 0;         //!< request bodies
    quint64 bytesReceived = 0;     //!< response bodies
    //! 429s per queue ("bucket hash or route" + major parameter).
    QHash<QByteArray, quint64> rateLimitedByBucket;
};

/*!
 * The Discord REST client: queues requests per rate-limit bucket and major parameter, keeps
 * to the learned limits and the global budget before sending, retries what can succeed on a
 * second try, and classifies what cannot.
 *
 * Lives in one thread; callbacks arrive there. The token goes into the Authorization header
 * and nowhere else: not into messages, logs or debug output.
 */
class Client : public QObject
{
    Q_OBJECT

public:
    //! Over HTTP with options.connections keep-alive connections and the steady clock.
    Client(ClientOptions options, Token token, QObject *parent = nullptr);
    //! Over the given transport and clock (tests); clock must outlive the client.
    Client(ClientOptions options, Token token, std::unique_ptr<Transport> transport, Clock *clock,
           QObject *parent = nullptr);
    ~Client() override;

    //! Checks what the constructor would stop on: the base URL and the token.
    static Result<void> validate(const ClientOptions &options, const Token &token);

    RequestBuilder request(Route route);
    RequestBuilder get(QByteArrayView pathTemplate, std::initializer_list<PathArg> args = {});
    RequestBuilder put(QByteArrayView pathTemplate, std::initializer_list<PathArg> args = {});
    RequestBuilder patch(QByteArrayView pathTemplate, std::initializer_list<PathArg> args = {});
    RequestBuilder post(QByteArrayView pathTemplate, std::initializer_list<PathArg> args = {});
    RequestBuilder deleteResource(QByteArrayView pathTemplate,
                                  std::initializer_list<PathArg> args = {});

    //! Ends one request with ErrorKind::Cancelled (its callback comes from the event loop).
    //! False when the id is unknown or already finished.
    bool cancel(quint64 id);
    //! Cancels every queued and running request.
    void cancelAll();

    //! Set once the client has stopped; every request after that fails with Stopped.
    const std::optional<gavel::Error> &stopError() const { return m_stopError; }
    bool isStopped() const { return m_stopError.has_value(); }

    const ClientStats &stats() const { return m_stats; }
    const ClientOptions &options() const { return m_options; }
    //! Requests whose callback has not been called yet.
    int pendingCount() const { return int(m_live.size()); }
    int inFlightCount() const { return m_inFlightCount; }
    //! Rate-limit queues held now (idle ones are dropped as their windows end).
    int queueCount() const { return int(m_queues.size()); }

Q_SIGNALS:
    //! The client stopped for good (bad token, too many invalid requests, bad setup).
    void stopped(const gavel::Error &error);

private:
    friend class RequestBuilder;

    struct ByteArrayHash
    {
        size_t operator()(const QByteArray &bytes) const noexcept { return qHash(bytes); }
    };
    struct Deferred
    {
        std::unique_ptr<PendingRequest> request;
        Reply reply;
    };

    quint64 enqueue(std::unique_ptr<PendingRequest> request);
    BucketQueue *queueFor(const Route &route);
    BucketQueue *createQueue(const QByteArray &key);
    void makeReady(BucketQueue *queue);
    void schedule(BucketQueue *queue, qint64 atMs);
    PendingRequest *candidate(BucketQueue *queue, qint64 nowMs, bool *fromDelayed, qint64 *waitAt);
    void pump();
    void armTimer(std::optional<qint64> globalAt);
    void send(BucketQueue *queue, std::unique_ptr<PendingRequest> request, quint32 window,
              qint64 nowMs);
    void onTransportDone(quint64 id, TransportResponse &&response);
    BucketQueue *learn(BucketQueue *queue, const PendingRequest &request,
                       const RateLimitHeaders &headers, int status, qint64 nowMs);
    bool handleRateLimited(BucketQueue *queue, std::unique_ptr<PendingRequest> &request,
                           const RateLimitHeaders &headers, const TransportResponse &response,
                           qint64 nowMs);
    bool retryLater(BucketQueue *queue, std::unique_ptr<PendingRequest> &request, qint64 nowMs,
                    qint64 minimumDelayMs = 0);
    void recordInvalid(qint64 nowMs);
    void sweepIdleQueues(qint64 nowMs);
    void stop(const gavel::Error &error);
    void finish(const PendingRequest &request, const Reply &reply);
    void deliver(std::unique_ptr<PendingRequest> request, Reply &&reply);
    void deliverLater(std::unique_ptr<PendingRequest> request, Reply &&reply);
    void flushDeferred();
    Reply failure(const PendingRequest &request, ErrorKind kind, QString message, QString hint,
                  int status = 0, int discordCode = 0) const;

    ClientOptions m_options;
    Token m_token;
    QByteArray m_base;
    QByteArray m_authorization;
    QByteArray m_userAgent;
    std::unique_ptr<Transport> m_transport;
    Clock *m_clock;
    std::unique_ptr<ClockTimer> m_timer;
    GlobalLimiter m_global;
    ExponentialBackoff m_backoff;
    InvalidRequestGuard m_guard;

    std::unordered_map<QByteArray, std::unique_ptr<BucketQueue>, ByteArrayHash> m_queues;
    QHash<QByteArray, QByteArray> m_routeHash; //!< bucket route -> X-RateLimit-Bucket
    QHash<QByteArray, int> m_hashLimit;        //!< X-RateLimit-Bucket -> its limit
    std::deque<BucketQueue *> m_ready;
    std::multimap<qint64, BucketQueue *> m_waiting;
    std::unordered_map<quint64, PendingRequest *> m_live;
    std::unordered_map<quint64, std::unique_ptr<PendingRequest>> m_inFlight;
    std::vector<Deferred> m_deferred;
    std::optional<gavel::Error> m_stopError;
    ClientStats m_stats;
    quint64 m_nextId = 1;
    qint64 m_timerAt = -1;
    size_t m_responsesSinceSweep = 0;
    int m_maxInFlight = 1;
    int m_inFlightCount = 0;
    bool m_pumping = false;
    bool m_pumpAgain = false;
    bool m_flushPosted = false;
};

} // namespace gavel::discord
