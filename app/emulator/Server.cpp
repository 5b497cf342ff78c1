#include "Server.h"

#include "AdminApi.h"
#include "ApiSupport.h"
#include "DiscordApi.h"
#include "HttpServer.h"
#include "Json.h"

#include <QMetaObject>
#include <QThread>

#include <cmath>
#include <cstdio>

namespace gavel::emulator {

namespace {

const QByteArray apiPrefix = QByteArrayLiteral("/api/v10/");
const QByteArray adminPrefix = QByteArrayLiteral("/_emulator/");

HttpResponse faultResponse(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Status500:
        return reply::error(500, 0, "500: Internal Server Error");
    case FaultKind::Status502:
        return reply::error(502, 0, "502: Bad Gateway");
    case FaultKind::Status503:
        return reply::error(503, 0, "503: Service Unavailable");
    case FaultKind::Html: {
        HttpResponse r;
        r.status = 502;
        r.contentType = "text/html";
        r.body = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center>"
                 "<h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
                 "</body>\r\n</html>\r\n";
        return r;
    }
    case FaultKind::Reset:
    case FaultKind::ResetAfter: {
        HttpResponse r;
        r.delivery = HttpResponse::Delivery::Reset;
        return r;
    }
    case FaultKind::Truncate: {
        // Used for requests that would change state: nothing applied, a cut-off error body.
        HttpResponse r = reply::error(500, 0, "500: Internal Server Error");
        r.delivery = HttpResponse::Delivery::Truncate;
        return r;
    }
    case FaultKind::Slow:
        break;
    }
    return reply::error(500, 0, "500: Internal Server Error");
}

void addRateHeaders(HttpResponse &r, const RateVerdict &v)
{
    if (!v.hasBucket)
        return;
    r.addHeader("X-RateLimit-Limit", QByteArray::number(v.limit));
    r.addHeader("X-RateLimit-Remaining", QByteArray::number(v.remaining));
    r.addHeader("X-RateLimit-Reset", json::seconds3(v.resetEpoch));
    r.addHeader("X-RateLimit-Reset-After", json::seconds3(v.resetAfter));
    r.addHeader("X-RateLimit-Bucket", v.bucket);
}

HttpResponse rateLimited(const RateVerdict &v, double retryAfter)
{
    const bool global = v.scope == LimitScope::Global;
    QByteArray body("{\"message\":\"You are being rate limited.\",\"retry_after\":");
    body.append(json::seconds3(retryAfter)).append(",\"global\":");
    body.append(global ? "true" : "false").append(",\"code\":0}");
    HttpResponse r = reply::json(429, body);
    // The header is whole seconds, rounded up; the body has the precise value.
    r.addHeader("Retry-After",
                QByteArray::number(std::max<qint64>(1, qint64(std::ceil(retryAfter)))));
    if (global)
        r.addHeader("X-RateLimit-Global", "true");
    r.addHeader("X-RateLimit-Scope", scopeName(v.scope));
    return r;
}

} // namespace

Server::Server(Snapshot snapshot, QObject *parent)
    : QObject(parent)
    , m_state(std::make_unique<ServerState>())
    , m_http(new HttpServer(this))
{
    m_state->snapshot = std::move(snapshot);
    m_api = std::make_unique<DiscordApi>(*m_state);
    m_admin = std::make_unique<AdminApi>(*m_state);
    m_http->setHandler([this](const HttpRequest &r) { return handle(r); });
    m_http->setObserver([this](const QByteArray &key, qint64 ns) { record(key, ns); });
}

Server::~Server()
{
    delete m_http; // before the handlers it calls into go away
}

void Server::runInThread(const std::function<void()> &fn) const
{
    if (QThread::currentThread() == thread() || !thread()->isRunning())
        fn();
    else
        QMetaObject::invokeMethod(const_cast<Server *>(this), fn, Qt::BlockingQueuedConnection);
}

Result<quint16> Server::listen(const ServerOptions &options)
{
    std::optional<Result<quint16>> result;
    runInThread([&] {
        if (options.token.isEmpty()) {
            result = Error{QStringLiteral("the emulator's bot token is empty"),
                           QStringLiteral("give a non-empty --token or token variable")};
            return;
        }
        const auto bot = m_state->snapshot.findBotUser(options.botUserId);
        if (!bot) {
            result = bot.error();
            return;
        }
        m_state->botUserId = *bot;
        m_state->snapshot.setBotUserId(*bot);
        m_state->options = options;
        RateLimiter &l = m_state->limiter;
        l.setEnabled(options.rateLimits);
        l.setGlobalRate(options.globalRate);
        l.setDefaultBucket(options.bucket);
        for (auto it = options.routeBuckets.cbegin(); it != options.routeBuckets.cend(); ++it)
            l.setRouteBucket(it.key(), it.value());
        for (auto it = options.subLimits.cbegin(); it != options.subLimits.cend(); ++it)
            l.setSubLimit(it.key(), it.value());
        l.setInvalidRequestLimit(options.invalidRequestThreshold, options.invalidWindowSeconds);
        if (!m_http->listen(options.address, options.port)) {
            result = Error{QStringLiteral("cannot listen on %1:%2: %3")
                               .arg(options.address.toString())
                               .arg(options.port)
                               .arg(m_http->errorString()),
                           QStringLiteral("pick another --port, or 0 for any free port")};
            return;
        }
        m_state->port = m_http->port();
        result = m_state->port;
    });
    return *result;
}

void Server::close()
{
    runInThread([this] { m_http->close(); });
}

quint16 Server::port() const
{
    quint16 p = 0;
    runInThread([&] { p = m_state->port; });
    return p;
}

QString Server::apiBase() const
{
    return QStringLiteral("http://127.0.0.1:%1/api/v10").arg(port());
}

QString Server::adminBase() const
{
    return QStringLiteral("http://127.0.0.1:%1/_emulator").arg(port());
}

quint64 Server::botUserId() const
{
    quint64 id = 0;
    runInThread([&] { id = m_state->botUserId; });
    return id;
}

ServerOptions Server::options() const
{
    ServerOptions o;
    runInThread([&] { o = m_state->options; });
    return o;
}

void Server::setGlobalRate(int perSecond)
{
    runInThread([&] {
        m_state->options.globalRate = perSecond;
        m_state->limiter.setGlobalRate(perSecond);
    });
}

void Server::setDefaultBucket(BucketLimit limit)
{
    runInThread([&] {
        m_state->options.bucket = limit;
        m_state->limiter.setDefaultBucket(limit);
    });
}

void Server::setRouteBucket(const QByteArray &group, std::optional<BucketLimit> limit)
{
    runInThread([&] {
        if (limit)
            m_state->options.routeBuckets.insert(group, *limit);
        else
            m_state->options.routeBuckets.remove(group);
        m_state->limiter.setRouteBucket(group, limit);
    });
}

void Server::setSubLimit(const QByteArray &group, std::optional<SubLimit> limit)
{
    runInThread([&] {
        if (limit)
            m_state->options.subLimits.insert(group, *limit);
        else
            m_state->options.subLimits.remove(group);
        m_state->limiter.setSubLimit(group, limit);
    });
}

void Server::setRateLimitsEnabled(bool enabled)
{
    runInThread([&] {
        m_state->options.rateLimits = enabled;
        m_state->limiter.setEnabled(enabled);
    });
}

void Server::setInvalidRequestLimit(int threshold, int windowSeconds)
{
    runInThread([&] {
        m_state->options.invalidRequestThreshold = threshold;
        m_state->options.invalidWindowSeconds = windowSeconds;
        m_state->limiter.setInvalidRequestLimit(threshold, windowSeconds);
    });
}

void Server::setFaults(const FaultConfig &faults)
{
    runInThread([&] { m_state->options.faults = faults; });
}

void Server::setMembersIntent(bool on)
{
    runInThread([&] { m_state->options.membersIntent = on; });
}

void Server::setMessageContentIntent(bool on)
{
    runInThread([&] { m_state->options.messageContentIntent = on; });
}

void Server::setChannelAccess(quint64 channelId, bool visible)
{
    runInThread([&] {
        if (visible)
            m_state->revokedChannels.remove(channelId);
        else
            m_state->revokedChannels.insert(channelId);
    });
}

void Server::resetLimits()
{
    runInThread([&] { m_state->limiter.reset(); });
}

QByteArray Server::statsJson() const
{
    QByteArray out;
    runInThread([&] { out = m_admin->statsJson(); });
    return out;
}

QByteArray Server::snapshotJson() const
{
    QByteArray out;
    runInThread([&] { out = m_state->snapshot.toJson(); });
    return out;
}

void Server::withSnapshot(const std::function<void(Snapshot &)> &fn)
{
    runInThread([&] { fn(m_state->snapshot); });
}

QStringList Server::routeGroups()
{
    return DiscordApi::groups();
}

void Server::record(const QByteArray &statsKey, qint64 nanoseconds)
{
    if (!statsKey.isEmpty())
        m_state->stats.timings[statsKey].add(nanoseconds);
}

HttpResponse Server::handle(const HttpRequest &request)
{
    ServerState &st = *m_state;
    if (request.path.startsWith(adminPrefix))
        return m_admin->handle(request, QByteArrayView(request.path).sliced(adminPrefix.size()));
    if (!request.path.startsWith(apiPrefix))
        return reply::error(404, 0, "404: Not Found");

    const quint64 sequence = ++st.sequence;
    const DiscordApi::Match match =
        m_api->match(request.method, QByteArrayView(request.path).sliced(apiPrefix.size()));
    ++st.stats.requests[match.group];
    ++st.stats.requestsTotal;

    auto finish = [&](HttpResponse r) {
        ++st.stats.statuses[r.delivery == HttpResponse::Delivery::Reset ? 0 : r.status];
        r.statsKey = match.group;
        return r;
    };

    // Past the invalid-request threshold the "edge" answers everything, as Cloudflare does.
    if (const auto ban = st.limiter.banRemaining()) {
        ++st.stats.banned;
        HttpResponse r;
        r.status = 429;
        r.contentType = "text/plain; charset=UTF-8";
        r.body = "error code: 1015";
        r.addHeader("Retry-After", QByteArray::number(qint64(std::ceil(*ban))));
        return finish(r);
    }

    const auto fault = drawFault(st.options.faults, sequence);
    if (fault) {
        ++st.stats.faults[faultKindName(*fault)];
        if (st.options.verbose) {
            std::fprintf(stderr, "gavel emulate: fault %s on request #%llu %s %s\n",
                         faultKindName(*fault).constData(),
                         static_cast<unsigned long long>(sequence), request.method.constData(),
                         request.target.constData());
        }
        const bool runsNormally = *fault == FaultKind::Slow || *fault == FaultKind::ResetAfter ||
                                  (*fault == FaultKind::Truncate && request.method == "GET");
        if (!runsNormally)
            return finish(faultResponse(*fault));
    }

    HttpResponse r;
    RateVerdict verdict;
    if (request.header("authorization") != "Bot " + st.options.token.toUtf8()) {
        verdict = st.limiter.peek(match.group, match.major);
        r = reply::error(401, 0, "401: Unauthorized");
    } else if (const RateVerdict global = st.limiter.takeGlobal(); global.limited) {
        verdict = st.limiter.peek(match.group, match.major);
        verdict.scope = LimitScope::Global;
        r = rateLimited(global, global.retryAfter);
        ++st.stats.limitedGlobal;
        st.limiter.recordLimited(match.group, match.major);
        st.limiter.recordInvalid();
    } else if (verdict = st.limiter.take(match.group, match.major); verdict.limited) {
        r = rateLimited(verdict, verdict.retryAfter);
        st.limiter.recordLimited(match.group, match.major);
        if (verdict.scope == LimitScope::Shared) {
            ++st.stats.limitedShared; // shared limits do not count as invalid requests
        } else {
            ++st.stats.limitedUser;
            st.limiter.recordInvalid();
        }
    } else {
        r = m_api->call(match, request);
    }
    if (r.status == 401 || r.status == 403)
        st.limiter.recordInvalid();
    addRateHeaders(r, verdict);

    if (fault == FaultKind::Slow)
        r.delayMs = st.options.faults.slowMs;
    else if (fault == FaultKind::ResetAfter)
        r.delivery = HttpResponse::Delivery::Reset;
    else if (fault == FaultKind::Truncate)
        r.delivery = HttpResponse::Delivery::Truncate;
    return finish(r);
}

// ---- ServerThread -------------------------------------------------------------------------

ServerThread::ServerThread() = default;

ServerThread::~ServerThread()
{
    stop();
}

Result<quint16> ServerThread::start(Snapshot snapshot, const ServerOptions &options)
{
    stop();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("gavel-emulator"));
    m_server = new Server(std::move(snapshot));
    m_server->moveToThread(m_thread);
    m_thread->start();
    Result<quint16> port = m_server->listen(options);
    if (!port)
        stop();
    return port;
}

void ServerThread::stop()
{
    if (!m_thread)
        return;
    // Deleted on its own thread, where its sockets live: the deferred delete runs in the
    // thread's event loop or, at the latest, when the thread finishes.
    m_server->deleteLater();
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_server = nullptr;
}

} // namespace gavel::emulator
