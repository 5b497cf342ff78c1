#include "discord/Client.h"

#include "common/Version.h"
#include "discord/Clock.h"
#include "discord/PendingRequest.h"
#include "discord/QtTransport.h"
#include "discord/RateLimitBucket.h"
#include "discord/RateLimitHeaders.h"
#include "discord/Transport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>

#include <algorithm>
#include <simdjson.h>

namespace gavel::discord {

using namespace Qt::StringLiterals;

//! The requests waiting for one rate-limit counter: FIFO, plus those due again later
//! (retries, sub-limited ones), which must not hold up the rest.
struct BucketQueue
{
    enum class State : quint8 { Idle, Ready, Waiting, Blocked };

    explicit BucketQueue(QByteArray k, RateLimitBucket b)
        : key(std::move(k))
        , bucket(b)
    {}

    bool hasWork() const { return !fifo.empty() || !delayed.empty(); }
    size_t depth() const { return fifo.size() + delayed.size(); }

    QByteArray key;
    RateLimitBucket bucket;
    std::deque<std::unique_ptr<PendingRequest>> fifo;
    std::multimap<qint64, std::unique_ptr<PendingRequest>> delayed;
    QHash<QByteArray, qint64> sublimitUntil; //!< bucket route -> end of its sub-limit
    qint64 wakeAt = 0;
    size_t passedOver = 0; //!< picks of other ready queues since this one was last picked
    State state = State::Idle;
};

namespace {

bool isJson(const QByteArray &body)
{
    if (body.isEmpty())
        return false;
    // One parser per thread keeps its buffers between responses: validation runs at GB/s.
    thread_local simdjson::dom::parser parser;
    const size_t size = size_t(body.size());
    if (size_t(body.capacity()) >= size + simdjson::SIMDJSON_PADDING) {
        const simdjson::padded_string_view view(body.constData(), size, size_t(body.capacity()));
        return parser.parse(view).error() == simdjson::SUCCESS;
    }
    return parser.parse(body.constData(), size, true).error() == simdjson::SUCCESS;
}

struct DiscordError
{
    QString message;
    int code = 0;
};

// Discord's {"code", "message"}; HTML from an edge proxy or garbage yields nothing.
DiscordError parseDiscordError(const QByteArray &body)
{
    DiscordError result;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return result;
    const QJsonObject object = document.object();
    result.code = object.value("code"_L1).toInt(0);
    result.message = object.value("message"_L1).toString().simplified().left(200);
    return result;
}

QString knownCodeName(int code)
{
    switch (code) {
    case 10003:
        return u"Unknown Channel"_s;
    case 10004:
        return u"Unknown Guild"_s;
    case 10007:
        return u"Unknown Member"_s;
    case 10008:
        return u"Unknown Message"_s;
    case 10011:
        return u"Unknown Role"_s;
    case 10013:
        return u"Unknown User"_s;
    case 10014:
        return u"Unknown Emoji"_s;
    case 50001:
        return u"Missing Access"_s;
    case 50013:
        return u"Missing Permissions"_s;
    case 50035:
        return u"Invalid Form Body"_s;
    default:
        return {};
    }
}

// ", code 50013: Missing Permissions" or "" when Discord sent no code.
QString codeSuffix(const DiscordError &error)
{
    if (error.code == 0)
        return {};
    const QString name = error.message.isEmpty() ? knownCodeName(error.code) : error.message;
    return name.isEmpty() ? u", code %1"_s.arg(error.code)
                          : u", code %1: %2"_s.arg(error.code).arg(name);
}

// Which permission a route needs, for 50013.
QString permissionHint(const Route &route)
{
    const QByteArray &key = route.bucketRoute();
    if (key.contains("/roles") || (route.method() == Method::Patch && key.contains("/members/")))
        return u"The bot needs Manage Roles, and its highest role must be above every role it "
               "adds or removes (Server Settings → Roles: drag the bot's role up)."_s;
    if (key.contains("/audit-logs"))
        return u"The bot needs View Audit Log."_s;
    if (key.contains("/threads/archived/private"))
        return u"Reading private archived threads needs Manage Threads (or membership in the "
               "thread)."_s;
    if (key.contains("/messages") || key.contains("/threads"))
        return u"The bot needs View Channel and Read Message History in that channel."_s;
    return u"Give the bot's role the permission this action needs in Server Settings → Roles."_s;
}

QString transportErrorText(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return {};
    case TransportError::ConnectionRefused:
        return u"connection refused or host not found"_s;
    case TransportError::ConnectionReset:
        return u"connection closed before the response was complete"_s;
    case TransportError::Timeout:
        return u"timed out"_s;
    case TransportError::Truncated:
        return u"truncated body"_s;
    case TransportError::Protocol:
        return u"not a valid HTTP response"_s;
    case TransportError::Tls:
        return u"TLS handshake failed"_s;
    case TransportError::Other:
        return u"network error"_s;
    }
    return {};
}

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', ms % 1000 == 0 ? 0 : 3);
}

} // namespace

Client::Client(ClientOptions options, Token token, QObject *parent)
    : Client(options, std::move(token), std::make_unique<QtTransport>(qMax(1, options.connections)),
             SteadyClock::instance(), parent)
{}

Client::Client(ClientOptions options, Token token, std::unique_ptr<Transport> transport,
               Clock *clock, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_token(std::move(token))
    , m_transport(std::move(transport))
    , m_clock(clock ? clock : SteadyClock::instance())
    , m_global(m_options.globalPerSecond, m_options.globalWindowMs, m_options.globalMarginMs)
    , m_backoff(m_options.backoff)
    , m_guard(m_options.invalidRequestLimit, m_options.invalidRequestWindowMs)
{
    m_timer = m_clock->createTimer([this] {
        m_timerAt = -1;
        pump();
    });
    m_maxInFlight = qMax(1, qMin(m_options.connections, m_transport->connections()));
    m_base = m_options.apiBase.toEncoded(QUrl::StripTrailingSlash);
    m_authorization = m_token.authorizationValue();
    m_userAgent =
        "DiscordBot (https://github.com/gavel-app/gavel, " + versionString().toUtf8() + ')';
    if (const Result<void> valid = validate(m_options, m_token); !valid)
        stop(valid.error());
}

Client::~Client()
{
    // Owners go away with their requests: no callbacks, and the transport must not call back.
    for (const auto &[id, request] : m_inFlight)
        m_transport->abort(request->transportId);
    m_timer.reset();
}

Result<void> Client::validate(const ClientOptions &options, const Token &token)
{
    const QUrl &base = options.apiBase;
    if (!base.isValid() || base.host().isEmpty() ||
        (base.scheme() != "https"_L1 && base.scheme() != "http"_L1)) {
        return Error{u"The API URL '%1' is not an http or https URL."_s.arg(
                         base.toDisplayString(QUrl::RemoveUserInfo)),
                     u"Pass --api like https://discord.com/api/v10, or the URL `gavel emulate` "
                     "prints."_s};
    }
    return token.validate(u"the token given to the client"_s);
}

RequestBuilder Client::request(Route route)
{
    return RequestBuilder(this, std::move(route));
}

RequestBuilder Client::get(QByteArrayView pathTemplate, std::initializer_list<PathArg> args)
{
    return request(Route(Method::Get, pathTemplate, args));
}

RequestBuilder Client::put(QByteArrayView pathTemplate, std::initializer_list<PathArg> args)
{
    return request(Route(Method::Put, pathTemplate, args));
}

RequestBuilder Client::patch(QByteArrayView pathTemplate, std::initializer_list<PathArg> args)
{
    return request(Route(Method::Patch, pathTemplate, args));
}

RequestBuilder Client::post(QByteArrayView pathTemplate, std::initializer_list<PathArg> args)
{
    return request(Route(Method::Post, pathTemplate, args));
}

RequestBuilder Client::deleteResource(QByteArrayView pathTemplate,
                                      std::initializer_list<PathArg> args)
{
    return request(Route(Method::Delete, pathTemplate, args));
}

quint64 Client::enqueue(std::unique_ptr<PendingRequest> request)
{
    const quint64 id = m_nextId++;
    request->id = id;
    m_live.emplace(id, request.get());
    if (m_stopError) {
        Reply reply =
            failure(*request, ErrorKind::Stopped, m_stopError->message, m_stopError->hint);
        deliverLater(std::move(request), std::move(reply));
        return id;
    }
    if (!request->route.isValid()) {
        Reply reply =
            failure(*request, ErrorKind::BadRequest,
                    u"Gavel built an invalid request path for %1."_s.arg(request->route.describe()),
                    u"This is a bug in Gavel; please report it."_s);
        deliverLater(std::move(request), std::move(reply));
        return id;
    }
    BucketQueue *queue = queueFor(request->route);
    request->queue = queue;
    queue->fifo.push_back(std::move(request));
    makeReady(queue);
    pump();
    return id;
}

BucketQueue *Client::createQueue(const QByteArray &key)
{
    auto queue = std::make_unique<BucketQueue>(key, RateLimitBucket(m_options.resetOffsetMs));
    BucketQueue *raw = queue.get();
    m_queues.emplace(key, std::move(queue));
    return raw;
}

BucketQueue *Client::queueFor(const Route &route)
{
    const auto hash = m_routeHash.constFind(route.bucketRoute());
    const bool known = hash != m_routeHash.cend();
    QByteArray key = known ? *hash : route.bucketRoute();
    key.append('|').append(route.majorParameter());
    if (const auto it = m_queues.find(key); it != m_queues.end())
        return it->second.get();
    BucketQueue *queue = createQueue(key);
    // Another major parameter of this hash has taught its limit: a fresh counter with that
    // limit can start at full speed instead of probing with one request.
    if (known) {
        if (const auto limit = m_hashLimit.constFind(*hash); limit != m_hashLimit.cend())
            queue->bucket = RateLimitBucket::withLimit(*limit, m_options.resetOffsetMs);
    }
    return queue;
}

void Client::makeReady(BucketQueue *queue)
{
    if (queue->state == BucketQueue::State::Ready)
        return;
    queue->state = BucketQueue::State::Ready;
    m_ready.push_back(queue);
}

void Client::schedule(BucketQueue *queue, qint64 atMs)
{
    queue->state = BucketQueue::State::Waiting;
    queue->wakeAt = atMs;
    m_waiting.emplace(atMs, queue);
}

PendingRequest *Client::candidate(BucketQueue *queue, qint64 nowMs, bool *fromDelayed,
                                  qint64 *waitAt)
{
    *waitAt = -1;
    while (!queue->delayed.empty()) {
        auto first = queue->delayed.begin();
        if (first->second->cancelled) {
            queue->delayed.erase(first);
            continue;
        }
        if (first->first <= nowMs) {
            *fromDelayed = true;
            return first->second.get();
        }
        break;
    }
    while (!queue->fifo.empty()) {
        PendingRequest *request = queue->fifo.front().get();
        if (request->cancelled) {
            queue->fifo.pop_front();
            continue;
        }
        if (!queue->sublimitUntil.isEmpty()) {
            const auto sub = queue->sublimitUntil.find(request->route.bucketRoute());
            if (sub != queue->sublimitUntil.end()) {
                if (*sub > nowMs) {
                    // Same action as the sub-limited one: it would only collect another 429.
                    request->notBefore = *sub;
                    queue->delayed.emplace(*sub, std::move(queue->fifo.front()));
                    queue->fifo.pop_front();
                    continue;
                }
                queue->sublimitUntil.erase(sub);
            }
        }
        *fromDelayed = false;
        return request;
    }
    if (!queue->delayed.empty())
        *waitAt = queue->delayed.begin()->first;
    return nullptr;
}

void Client::pump()
{
    if (m_pumping) {
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    std::optional<qint64> globalAt;
    do {
        m_pumpAgain = false;
        globalAt.reset();
        const qint64 now = m_clock->nowMs();
        while (!m_waiting.empty() && m_waiting.begin()->first <= now) {
            const auto [at, queue] = *m_waiting.begin();
            m_waiting.erase(m_waiting.begin());
            if (queue->state == BucketQueue::State::Waiting && queue->wakeAt == at)
                makeReady(queue);
        }
        while (!m_ready.empty() && m_inFlightCount < m_maxInFlight && !m_stopError) {
            if (const qint64 at = m_global.availableAt(now); at > now) {
                globalAt = at;
                break;
            }
            // Critical path first: the queue with the most requests waiting goes next. On a
            // sync that is the busiest channel's reaction pages, the chain no other work can
            // shorten; round robin would let thousands of small channels delay it until it
            // ran alone at its bucket's rate at the end. Ties keep the order they became ready.
            // Each pass a queue waits adds one, so a short queue (the next message or member
            // page) is not starved by deep ones that keep refilling.
            auto pick = m_ready.begin();
            size_t pickWeight = (*pick)->depth() + (*pick)->passedOver;
            for (auto it = std::next(pick); it != m_ready.end(); ++it) {
                if (const size_t weight = (*it)->depth() + (*it)->passedOver; weight > pickWeight) {
                    pick = it;
                    pickWeight = weight;
                }
            }
            for (BucketQueue *other : m_ready)
                ++other->passedOver;
            BucketQueue *queue = *pick;
            queue->passedOver = 0;
            m_ready.erase(pick);
            queue->state = BucketQueue::State::Idle;
            bool fromDelayed = false;
            qint64 waitAt = -1;
            PendingRequest *next = candidate(queue, now, &fromDelayed, &waitAt);
            if (!next) {
                if (waitAt >= 0)
                    schedule(queue, waitAt);
                continue;
            }
            const RateLimitBucket::Decision decision = queue->bucket.tryReserve(now);
            switch (decision.verdict) {
            case RateLimitBucket::Verdict::WaitUntil:
                schedule(queue, decision.atMs);
                continue;
            case RateLimitBucket::Verdict::WaitForResponse:
                queue->state = BucketQueue::State::Blocked;
                continue;
            case RateLimitBucket::Verdict::Send:
                break;
            }
            std::unique_ptr<PendingRequest> request;
            if (fromDelayed) {
                auto node = queue->delayed.extract(queue->delayed.begin());
                request = std::move(node.mapped());
            } else {
                request = std::move(queue->fifo.front());
                queue->fifo.pop_front();
            }
            m_global.tryAcquire(now);
            send(queue, std::move(request), decision.window, now);
            if (queue->hasWork())
                makeReady(queue);
        }
    } while (m_pumpAgain);
    m_pumping = false;
    armTimer(globalAt);
}

void Client::armTimer(std::optional<qint64> globalAt)
{
    std::optional<qint64> at = globalAt;
    if (!m_waiting.empty() && (!at || m_waiting.begin()->first < *at))
        at = m_waiting.begin()->first;
    if (!at) {
        if (m_timerAt >= 0) {
            m_timer->stop();
            m_timerAt = -1;
        }
        return;
    }
    if (m_timerAt == *at && m_timer->isActive())
        return;
    m_timerAt = *at;
    m_timer->start(*at);
}

void Client::send(BucketQueue *queue, std::unique_ptr<PendingRequest> request, quint32 window,
                  qint64 nowMs)
{
    Q_UNUSED(nowMs);
    request->window = window;
    request->queue = queue;
    ++request->attempts;
    ++m_inFlightCount;

    TransportRequest outgoing;
    outgoing.method = request->route.method();
    outgoing.url.reserve(m_base.size() + request->route.path().size() + request->query.size() + 1);
    outgoing.url.append(m_base).append(request->route.path());
    if (!request->query.isEmpty())
        outgoing.url.append('?').append(request->query);
    outgoing.headers.reserve(4);
    outgoing.headers.append({QByteArrayLiteral("Authorization"), m_authorization});
    outgoing.headers.append({QByteArrayLiteral("User-Agent"), m_userAgent});
    if (request->hasBody)
        outgoing.headers.append(
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    if (!request->reason.isEmpty())
        outgoing.headers.append({QByteArrayLiteral("X-Audit-Log-Reason"), request->reason});
    outgoing.body = request->body;
    outgoing.timeoutMs = request->timeoutMs > 0 ? request->timeoutMs : m_options.requestTimeoutMs;

    ++m_stats.requests;
    m_stats.bytesSent += quint64(request->body.size());
    const quint64 id = request->id;
    PendingRequest *raw = request.get();
    m_inFlight.emplace(id, std::move(request));
    raw->transportId = m_transport->send(std::move(outgoing), [this, id](TransportResponse &&r) {
        onTransportDone(id, std::move(r));
    });
}

BucketQueue *Client::learn(BucketQueue *queue, const PendingRequest &request,
                           const RateLimitHeaders &headers, int status, qint64 nowMs)
{
    std::optional<qint64> resetAfter = headers.resetAfterMs;
    if (!resetAfter && headers.resetEpochMs)
        resetAfter = std::clamp<qint64>(*headers.resetEpochMs - m_clock->wallMs(), 0,
                                        RateLimitHeaders::maxWaitMs);
    // Silence on a success means the route has no limit; on an error (a 429 of the global
    // limit, a 5xx from a proxy) it means nothing.
    if (!headers.hasBucketInfo() && (status < 200 || status >= 300)) {
        queue->bucket.release(request.window);
        return queue;
    }
    queue->bucket.onResponse(request.window, headers.limit, headers.remaining, resetAfter, nowMs);
    if (headers.bucket.isEmpty())
        return queue;
    if (queue->bucket.mode() == RateLimitBucket::Mode::Limited)
        m_hashLimit.insert(headers.bucket, queue->bucket.limit());
    const QByteArray &route = request.route.bucketRoute();
    const auto known = m_routeHash.constFind(route);
    if (known != m_routeHash.cend() && *known == headers.bucket)
        return queue;
    m_routeHash.insert(route, headers.bucket);
    QByteArray key = headers.bucket;
    key.append('|').append(request.route.majorParameter());
    if (key == queue->key)
        return queue;
    // The route shares a counter with every route of this hash: its waiting requests move
    // to that queue. Requests still in flight report back to the old queue.
    BucketQueue *target = nullptr;
    if (const auto it = m_queues.find(key); it != m_queues.end()) {
        target = it->second.get();
        target->bucket.observe(headers.limit, headers.remaining, resetAfter, nowMs);
    } else {
        target = createQueue(key);
        RateLimitBucket learned(m_options.resetOffsetMs);
        learned.tryReserve(nowMs);
        learned.onResponse(0, headers.limit, headers.remaining, resetAfter, nowMs);
        target->bucket = learned;
    }
    while (!queue->fifo.empty()) {
        queue->fifo.front()->queue = target;
        target->fifo.push_back(std::move(queue->fifo.front()));
        queue->fifo.pop_front();
    }
    while (!queue->delayed.empty()) {
        auto node = queue->delayed.extract(queue->delayed.begin());
        node.mapped()->queue = target;
        target->delayed.insert(std::move(node));
    }
    for (auto it = queue->sublimitUntil.cbegin(); it != queue->sublimitUntil.cend(); ++it)
        target->sublimitUntil.insert(it.key(),
                                     qMax(it.value(), target->sublimitUntil.value(it.key())));
    queue->sublimitUntil.clear();
    if (target->hasWork())
        makeReady(target);
    return target;
}

void Client::onTransportDone(quint64 id, TransportResponse &&response)
{
    const auto it = m_inFlight.find(id);
    if (it == m_inFlight.end())
        return;
    std::unique_ptr<PendingRequest> request = std::move(it->second);
    m_inFlight.erase(it);
    --m_inFlightCount;
    BucketQueue *queue = request->queue;
    const qint64 now = m_clock->nowMs();
    m_stats.bytesReceived += quint64(response.body.size());

    std::optional<Reply> outcome;
    if (response.error != TransportError::None) {
        queue->bucket.release(request->window);
        const bool malformed = response.error == TransportError::Truncated ||
                               response.error == TransportError::Protocol;
        if (!retryLater(queue, request, now)) {
            const QString what = transportErrorText(response.error);
            const QString detail =
                response.errorText.isEmpty() ? what : what + u" ("_s + response.errorText + u')';
            if (malformed) {
                outcome = failure(*request, ErrorKind::Malformed,
                                  u"Discord's response to %1 was incomplete: %2 (after %3 "
                                  "attempts)."_s.arg(request->route.describe(), detail)
                                      .arg(request->attempts),
                                  u"This is usually a passing fault of Discord's edge servers; "
                                  "run the command again later."_s,
                                  response.status);
            } else {
                outcome = failure(*request, ErrorKind::Network,
                                  u"Could not complete %1: %2 (after %3 attempts)."_s
                                      .arg(request->route.describe(), detail)
                                      .arg(request->attempts),
                                  u"Check the network connection and the API URL (--api)."_s,
                                  response.status);
            }
        }
    } else {
        const RateLimitHeaders headers = parseRateLimitHeaders(response.headers);
        queue = learn(queue, *request, headers, response.status, now);
        request->queue = queue;
        const int status = response.status;
        if (status >= 200 && status < 300) {
            const bool valid = status == 204 ||
                               (request->validator ? request->validator(response.body)
                                                   : !request->expectJson || isJson(response.body));
            if (!valid) {
                if (!retryLater(queue, request, now)) {
                    const QByteArrayView type = findHeader(response.headers, "Content-Type");
                    outcome = failure(
                        *request, ErrorKind::Malformed,
                        u"Discord's response to %1 was not what was expected (not JSON, or "
                        "not the expected shape): %2 bytes of %3 (after %4 attempts)."_s
                            .arg(request->route.describe())
                            .arg(response.body.size())
                            .arg(type.isEmpty() ? u"unknown type"_s
                                                : QString::fromLatin1(type).left(60))
                            .arg(request->attempts),
                        u"This is usually a passing fault of Discord's edge servers; run the "
                        "command again later."_s,
                        status);
                }
            } else {
                Reply reply;
                reply.route = request->route;
                reply.id = request->id;
                reply.status = status;
                reply.attempts = request->attempts;
                reply.headers = std::move(response.headers);
                reply.body = std::move(response.body);
                outcome = std::move(reply);
            }
        } else if (status == 429) {
            if (!handleRateLimited(queue, request, headers, response, now) && m_stopError) {
                outcome = failure(*request, ErrorKind::Stopped, m_stopError->message,
                                  m_stopError->hint, status);
            } else if (request) {
                const RateLimitBody body = parseRateLimitBody(response.body);
                const qint64 wait = body.retryAfterMs.value_or(headers.retryAfterMs.value_or(0));
                outcome = failure(*request, ErrorKind::RateLimited,
                                  u"Still rate limited on %1 after %2 attempts (Discord asks to "
                                  "wait %3 s)."_s.arg(request->route.describe())
                                      .arg(request->attempts)
                                      .arg(seconds(wait)),
                                  u"Another program may be using the same bot token; stop it, "
                                  "or wait and run the command again."_s,
                                  status);
            }
        } else if (status >= 500) {
            if (!retryLater(queue, request, now, headers.retryAfterMs.value_or(0))) {
                outcome = failure(*request, ErrorKind::Server,
                                  u"Discord answered %1 with HTTP %2 (after %3 attempts)."_s
                                      .arg(request->route.describe())
                                      .arg(status)
                                      .arg(request->attempts),
                                  u"Discord may be having trouble (https://discordstatus.com); "
                                  "run the command again later."_s,
                                  status);
            }
        } else {
            const DiscordError error = parseDiscordError(response.body);
            const QString route = request->route.describe();
            if (status == 401) {
                recordInvalid(now);
                outcome = failure(*request, ErrorKind::Unauthorized,
                                  u"Discord rejected the bot token (HTTP 401 Unauthorized) on "
                                  "%1."_s.arg(route),
                                  u"Check the token: copy it again from the Discord Developer "
                                  "Portal (your application → Bot → Reset Token) into the "
                                  "keychain entry or the variable named by --token-env."_s,
                                  status, error.code);
            } else if (status == 403) {
                recordInvalid(now);
                if (error.code == 50001) {
                    outcome = failure(
                        *request, ErrorKind::Forbidden,
                        u"Missing Access (Discord code 50001) on %1: the bot cannot see this "
                        "channel or resource."_s.arg(route),
                        u"Give the bot's role View Channel there; for the member list, enable "
                        "the Server Members intent (Developer Portal → Bot → Privileged Gateway "
                        "Intents)."_s,
                        status, error.code);
                } else if (error.code == 50013) {
                    outcome =
                        failure(*request, ErrorKind::Forbidden,
                                u"Missing Permissions (Discord code 50013) on %1."_s.arg(route),
                                permissionHint(request->route), status, error.code);
                } else {
                    outcome =
                        failure(*request, ErrorKind::Forbidden,
                                u"Discord refused %1 (HTTP 403%2)."_s.arg(route, codeSuffix(error)),
                                u"Check the bot's permissions in the server and its "
                                "privileged intents in the Developer Portal."_s,
                                status, error.code);
                }
            } else if (status == 404) {
                outcome = failure(*request, ErrorKind::NotFound,
                                  u"Not found: %1 (HTTP 404%2)."_s.arg(route, codeSuffix(error)),
                                  {}, status, error.code);
            } else if (status >= 400) {
                outcome = failure(*request, ErrorKind::BadRequest,
                                  u"Discord rejected %1 (HTTP %2%3)."_s.arg(route).arg(status).arg(
                                      codeSuffix(error)),
                                  u"This is likely a bug in Gavel; please report it with the "
                                  "command you ran."_s,
                                  status, error.code);
            } else {
                outcome = failure(
                    *request, ErrorKind::Server,
                    u"Discord answered %1 with an unexpected HTTP %2."_s.arg(route).arg(status),
                    u"Check the API URL (--api); it must point at the API, "
                    "including /api/v10."_s,
                    status, error.code);
            }
        }
    }

    if (queue->hasWork())
        makeReady(queue);
    // A sweep is one pass over the queues; after half as many responses it costs O(1) each.
    if (m_queues.size() > 1024 && ++m_responsesSinceSweep >= m_queues.size() / 2)
        sweepIdleQueues(now);
    if (outcome && outcome->error == ErrorKind::Unauthorized)
        stop(outcome->toError());
    // Send what can go now before running the callback: the callback may take a while, and
    // it may even delete the client.
    pump();
    if (outcome)
        deliver(std::move(request), std::move(*outcome));
}

bool Client::handleRateLimited(BucketQueue *queue, std::unique_ptr<PendingRequest> &request,
                               const RateLimitHeaders &headers, const TransportResponse &response,
                               qint64 nowMs)
{
    const RateLimitBody body = parseRateLimitBody(response.body);
    // Neither rate-limit headers nor Discord's JSON body: the edge in front of the API
    // (Cloudflare, "error code: 1015") refuses the whole IP address, not one route.
    const bool edge = !headers.hasBucketInfo() && !headers.global &&
                      headers.scope == RateLimitScope::None && !body.retryAfterMs;
    const bool global =
        edge || headers.global || body.global || headers.scope == RateLimitScope::Global;
    ++m_stats.rateLimited;
    ++m_stats.rateLimitedByBucket[queue->key];
    if (edge)
        ++m_stats.rateLimitedEdge;
    else if (global)
        ++m_stats.rateLimitedGlobal;
    else if (headers.scope == RateLimitScope::Shared)
        ++m_stats.rateLimitedShared;
    else
        ++m_stats.rateLimitedUser;
    // Discord does not count 429s of shared resources towards the ban.
    if (headers.scope != RateLimitScope::Shared)
        recordInvalid(nowMs);
    if (m_stopError)
        return false;

    // The body has milliseconds; the header only whole seconds.
    const qint64 wait = body.retryAfterMs      ? *body.retryAfterMs
                        : headers.retryAfterMs ? *headers.retryAfterMs
                        : headers.resetAfterMs ? *headers.resetAfterMs
                                               : 1000;
    if (edge && wait > m_options.maxRateLimitWaitMs) {
        stop(Error{u"Discord's edge servers refuse this IP address for %1 minutes (HTTP 429 "
                   "without rate-limit headers: a Cloudflare ban, usually after too many "
                   "invalid requests)."_s.arg(QString::number(double(wait) / 60000.0, 'f', 0)),
                   u"Wait that long before running again, and fix what made requests fail "
                   "(the token, the bot's permissions, another program using the token)."_s});
        return false;
    }
    ++request->rateLimitRetries;
    if (request->rateLimitRetries > m_options.maxRateLimitRetries ||
        wait > m_options.maxRateLimitWaitMs)
        return false;
    const qint64 until = nowMs + wait + m_options.resetOffsetMs;
    ++m_stats.retries;
    if (global) {
        m_global.pauseUntil(until);
        queue->fifo.push_front(std::move(request));
    } else if (headers.remaining && *headers.remaining > 0) {
        // Budget left in the bucket: a sub-limit of this action (e.g. channel renames). Only
        // this route waits; the bucket's other routes go on.
        ++m_stats.sublimited;
        qint64 &sub = queue->sublimitUntil[request->route.bucketRoute()];
        sub = qMax(sub, until);
        request->notBefore = until;
        queue->delayed.emplace(until, std::move(request));
    } else {
        queue->bucket.pauseUntil(until);
        queue->fifo.push_front(std::move(request));
    }
    return true;
}

bool Client::retryLater(BucketQueue *queue, std::unique_ptr<PendingRequest> &request, qint64 nowMs,
                        qint64 minimumDelayMs)
{
    ++request->failures;
    const bool idempotent = request->idempotent.value_or(request->route.method() != Method::Post);
    if (m_stopError || !idempotent || request->failures >= m_options.maxAttempts)
        return false;
    const qint64 delay = qMax(minimumDelayMs, m_backoff.delayMs(request->failures));
    const qint64 until = nowMs + delay;
    request->notBefore = until;
    ++m_stats.retries;
    queue->delayed.emplace(until, std::move(request));
    return true;
}

void Client::sweepIdleQueues(qint64 nowMs)
{
    // A sync touches every channel and thread once or twice; without this, a guild with a
    // hundred thousand threads would keep a queue for each after it is done with them.
    std::vector<const BucketQueue *> doomed;
    for (const auto &[key, queue] : m_queues) {
        if (queue->state == BucketQueue::State::Idle && !queue->hasWork() &&
            queue->bucket.isIdleAt(nowMs)) {
            bool sublimited = false;
            for (const qint64 until : std::as_const(queue->sublimitUntil))
                sublimited = sublimited || until > nowMs;
            if (!sublimited)
                doomed.push_back(queue.get());
        }
    }
    if (!doomed.empty()) {
        std::sort(doomed.begin(), doomed.end());
        auto isDoomed = [&](const BucketQueue *queue) {
            return std::binary_search(doomed.cbegin(), doomed.cend(), queue);
        };
        // Stale wake-ups may still name an idle queue.
        for (auto it = m_waiting.begin(); it != m_waiting.end();) {
            if (isDoomed(it->second))
                it = m_waiting.erase(it);
            else
                ++it;
        }
        for (auto it = m_queues.begin(); it != m_queues.end();) {
            if (isDoomed(it->second.get()))
                it = m_queues.erase(it);
            else
                ++it;
        }
    }
    m_responsesSinceSweep = 0;
}

void Client::recordInvalid(qint64 nowMs)
{
    ++m_stats.invalidRequests;
    if (m_guard.record(nowMs) && !m_stopError) {
        stop(Error{u"Stopped after %1 invalid requests (HTTP 401, 403 or 429) within %2 "
                   "minutes."_s.arg(m_guard.threshold())
                       .arg(double(m_guard.windowMs()) / 60000.0),
                   u"Discord bans the IP address for a while at 10,000. Fix the cause first: "
                   "the token, the bot's permissions, or another program using the same "
                   "token."_s});
    }
}

void Client::stop(const gavel::Error &error)
{
    if (m_stopError)
        return;
    m_stopError = error;
    for (auto &[key, queue] : m_queues) {
        for (auto &request : queue->fifo) {
            if (!request->cancelled) {
                Reply reply = failure(*request, ErrorKind::Stopped, error.message, error.hint);
                deliverLater(std::move(request), std::move(reply));
            }
        }
        queue->fifo.clear();
        for (auto &[at, request] : queue->delayed) {
            if (!request->cancelled) {
                Reply reply = failure(*request, ErrorKind::Stopped, error.message, error.hint);
                deliverLater(std::move(request), std::move(reply));
            }
        }
        queue->delayed.clear();
        queue->state = BucketQueue::State::Idle;
    }
    m_ready.clear();
    m_waiting.clear();
    // Whatever is still out would only add invalid requests.
    auto inFlight = std::move(m_inFlight);
    m_inFlight.clear();
    for (auto &[id, request] : inFlight) {
        m_transport->abort(request->transportId);
        request->queue->bucket.release(request->window);
        Reply reply = failure(*request, ErrorKind::Stopped, error.message, error.hint);
        deliverLater(std::move(request), std::move(reply));
    }
    m_inFlightCount = 0;
    m_timer->stop();
    m_timerAt = -1;
    Q_EMIT stopped(error);
}

Reply Client::failure(const PendingRequest &request, ErrorKind kind, QString message, QString hint,
                      int status, int discordCode) const
{
    Reply reply;
    reply.route = request.route;
    reply.id = request.id;
    reply.status = status;
    reply.discordCode = discordCode;
    reply.attempts = request.attempts;
    reply.error = kind;
    reply.errorMessage = std::move(message);
    reply.errorHint = std::move(hint);
    return reply;
}

void Client::finish(const PendingRequest &request, const Reply &reply)
{
    m_live.erase(request.id);
    if (reply.ok())
        ++m_stats.succeeded;
    else
        ++m_stats.failed;
}

void Client::deliver(std::unique_ptr<PendingRequest> request, Reply &&reply)
{
    finish(*request, reply);
    if (request->hasContext && !request->context)
        return;
    ReplyCallback callback = std::move(request->callback);
    request.reset();
    if (callback)
        callback(std::move(reply));
}

void Client::deliverLater(std::unique_ptr<PendingRequest> request, Reply &&reply)
{
    finish(*request, reply);
    m_deferred.push_back(Deferred{std::move(request), std::move(reply)});
    if (!m_flushPosted) {
        m_flushPosted = true;
        QMetaObject::invokeMethod(this, &Client::flushDeferred, Qt::QueuedConnection);
    }
}

void Client::flushDeferred()
{
    m_flushPosted = false;
    std::vector<Deferred> batch = std::move(m_deferred);
    m_deferred.clear();
    QPointer<Client> self(this);
    for (Deferred &item : batch) {
        if (item.request->hasContext && !item.request->context)
            continue;
        ReplyCallback callback = std::move(item.request->callback);
        if (callback)
            callback(std::move(item.reply));
        if (!self)
            return;
    }
}

bool Client::cancel(quint64 id)
{
    const auto live = m_live.find(id);
    if (live == m_live.end())
        return false;
    PendingRequest *raw = live->second;
    if (const auto running = m_inFlight.find(id); running != m_inFlight.end()) {
        std::unique_ptr<PendingRequest> request = std::move(running->second);
        m_inFlight.erase(running);
        --m_inFlightCount;
        m_transport->abort(request->transportId);
        BucketQueue *queue = request->queue;
        queue->bucket.release(request->window);
        if (queue->hasWork())
            makeReady(queue);
        Reply reply = failure(*request, ErrorKind::Cancelled,
                              u"%1 was cancelled."_s.arg(request->route.describe()), {});
        deliverLater(std::move(request), std::move(reply));
        pump();
        return true;
    }
    // Queued: the entry stays behind as a tombstone that the queue drops when it reaches it.
    auto shell = std::make_unique<PendingRequest>();
    shell->route = raw->route;
    shell->id = raw->id;
    shell->attempts = raw->attempts;
    shell->callback = std::move(raw->callback);
    shell->context = raw->context;
    shell->hasContext = raw->hasContext;
    raw->cancelled = true;
    raw->body.clear();
    Reply reply = failure(*shell, ErrorKind::Cancelled,
                          u"%1 was cancelled."_s.arg(shell->route.describe()), {});
    deliverLater(std::move(shell), std::move(reply));
    return true;
}

void Client::cancelAll()
{
    std::vector<quint64> ids;
    ids.reserve(m_live.size());
    // Queued requests first: cancelling one in flight frees its connection and pumps, which
    // must not send a request that is about to be cancelled too.
    for (const auto &[id, request] : m_live)
        if (!m_inFlight.contains(id))
            ids.push_back(id);
    for (const auto &[id, request] : m_live)
        if (m_inFlight.contains(id))
            ids.push_back(id);
    for (const quint64 id : ids)
        cancel(id);
}

} // namespace gavel::discord
