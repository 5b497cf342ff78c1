#include "AdminApi.h"

#include "DiscordApi.h"
#include "Json.h"
#include "common/Snowflake.h"

#include <algorithm>
#include <cmath>
#include <simdjson.h>

namespace gavel::emulator {

namespace {

//! Reads a value when it is there and of the right type; leaves `out` alone otherwise.
template<typename R, typename T>
void readInto(R &&result, T &out)
{
    T value;
    if (std::forward<R>(result).get(value) == simdjson::SUCCESS)
        out = value;
}

namespace dom = simdjson::dom;

HttpResponse adminError(int status, const QString &message)
{
    return reply::json(status, "{\"message\":" + json::string(message) + '}');
}

HttpResponse badRequest(const QString &message)
{
    return adminError(400, message);
}

std::optional<quint64> segmentId(const QByteArray &segment)
{
    return snowflake::parse(QByteArrayView(segment));
}

std::optional<BucketLimit> bucketFromJson(dom::element e)
{
    std::string_view text;
    if (e.get_string().get(text) != simdjson::SUCCESS)
        return std::nullopt;
    return BucketLimit::parse(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())));
}

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QByteArray percentile(std::vector<qint64> samples, double p)
{
    if (samples.empty())
        return "0";
    const auto k = static_cast<size_t>(std::ceil(p * static_cast<double>(samples.size()))) - 1;
    std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(k),
                     samples.end());
    return QByteArray::number(static_cast<double>(samples[k]) / 1000.0, 'f', 1);
}

} // namespace

AdminApi::AdminApi(ServerState &state)
    : m_state(state)
{}

QByteArray AdminApi::configJson() const
{
    const ServerOptions &o = m_state.options;
    const RateLimiter &l = m_state.limiter;
    QByteArray out("{\"bot_user_id\":");
    out.append(json::id(m_state.botUserId));
    out.append(",\"rate_limits\":").append(l.isEnabled() ? "true" : "false");
    out.append(",\"global_rate\":").append(QByteArray::number(l.globalRate()));
    out.append(",\"bucket\":").append(json::string(l.defaultBucket().toString()));
    out.append(",\"route_buckets\":{");
    bool first = true;
    for (auto it = l.routeBuckets().cbegin(); it != l.routeBuckets().cend(); ++it) {
        out.append(first ? "" : ",");
        first = false;
        json::appendString(out, json::view(it.key()));
        out.append(':').append(json::string(it.value().toString()));
    }
    out.append("},\"sub_limits\":{");
    first = true;
    for (auto it = l.subLimits().cbegin(); it != l.subLimits().cend(); ++it) {
        out.append(first ? "" : ",");
        first = false;
        json::appendString(out, json::view(it.key()));
        out.append(":{\"limit\":").append(QByteArray::number(it->limit));
        out.append(",\"seconds\":").append(QByteArray::number(it->seconds));
        out.append(",\"scope\":\"").append(scopeName(it->scope)).append("\"}");
    }
    out.append("},\"invalid_request_threshold\":")
        .append(QByteArray::number(l.invalidRequestThreshold()));
    out.append(",\"invalid_window_seconds\":").append(QByteArray::number(l.invalidWindowSeconds()));
    out.append(",\"faults\":{\"rate\":").append(QByteArray::number(o.faults.rate));
    out.append(",\"seed\":").append(QByteArray::number(o.faults.seed));
    out.append(",\"kinds\":[");
    for (size_t i = 0; i < o.faults.kinds.size(); ++i)
        out.append(i ? ",\"" : "\"").append(faultKindName(o.faults.kinds[i])).append('"');
    out.append("],\"slow_ms\":").append(QByteArray::number(o.faults.slowMs)).append('}');
    out.append(",\"members_intent\":").append(o.membersIntent ? "true" : "false");
    out.append(",\"message_content_intent\":").append(o.messageContentIntent ? "true" : "false");
    out.append(",\"verbose\":").append(o.verbose ? "true" : "false");
    QList<quint64> revoked = m_state.revokedChannels.values();
    std::sort(revoked.begin(), revoked.end());
    out.append(",\"revoked_channels\":[");
    for (qsizetype i = 0; i < revoked.size(); ++i)
        out.append(i ? "," : "").append(json::id(revoked[i]));
    out.append("],\"route_groups\":[");
    const QStringList groups = DiscordApi::groups();
    for (qsizetype i = 0; i < groups.size(); ++i)
        out.append(i ? "," : "").append(json::string(groups[i]));
    out.append("]}");
    return out;
}

QByteArray AdminApi::statsJson() const
{
    const Stats &s = m_state.stats;
    QByteArray out("{\"requests_total\":");
    out.append(QByteArray::number(s.requestsTotal)).append(",\"requests\":{");
    bool first = true;
    for (auto it = s.requests.cbegin(); it != s.requests.cend(); ++it) {
        out.append(first ? "\"" : ",\"").append(it.key()).append("\":");
        out.append(QByteArray::number(it.value()));
        first = false;
    }
    out.append("},\"responses\":{");
    first = true;
    for (auto it = s.statuses.cbegin(); it != s.statuses.cend(); ++it) {
        out.append(first ? "\"" : ",\"").append(QByteArray::number(it.key())).append("\":");
        out.append(QByteArray::number(it.value()));
        first = false;
    }
    out.append("},\"rate_limited\":{\"user\":").append(QByteArray::number(s.limitedUser));
    out.append(",\"global\":").append(QByteArray::number(s.limitedGlobal));
    out.append(",\"shared\":").append(QByteArray::number(s.limitedShared)).append('}');
    // Per bucket (hash:major), every scope: whether a client kept to one 429 per bucket.
    out.append(",\"rate_limited_by_bucket\":{");
    first = true;
    qint64 maxPerBucket = 0;
    const QHash<QByteArray, qint64> &byBucket = m_state.limiter.limitedByBucket();
    for (auto it = byBucket.cbegin(); it != byBucket.cend(); ++it) {
        out.append(first ? "\"" : ",\"").append(it.key()).append("\":");
        out.append(QByteArray::number(it.value()));
        maxPerBucket = std::max(maxPerBucket, it.value());
        first = false;
    }
    out.append("},\"rate_limited_max_per_bucket\":").append(QByteArray::number(maxPerBucket));
    out.append(",\"banned_responses\":").append(QByteArray::number(s.banned));
    out.append(",\"faults\":{");
    first = true;
    for (const char *kind :
         {"500", "502", "503", "html", "reset", "truncate", "slow", "reset-after"}) {
        out.append(first ? "\"" : ",\"").append(kind).append("\":");
        out.append(QByteArray::number(s.faults.value(kind)));
        first = false;
    }
    out.append("},\"invalid_requests\":")
        .append(QByteArray::number(m_state.limiter.invalidCount()));
    out.append(",\"invalid_requests_total\":")
        .append(QByteArray::number(m_state.limiter.invalidTotal()));
    out.append(",\"server_time_us\":{");
    first = true;
    for (auto it = s.timings.cbegin(); it != s.timings.cend(); ++it) {
        out.append(first ? "\"" : ",\"").append(it.key()).append("\":{\"count\":");
        out.append(QByteArray::number(it->count));
        out.append(",\"median\":").append(percentile(it->samples, 0.5));
        out.append(",\"p99\":").append(percentile(it->samples, 0.99));
        out.append(",\"max\":").append(percentile(it->samples, 1.0)).append('}');
        first = false;
    }
    out.append("}}");
    return out;
}

HttpResponse AdminApi::patchConfig(const QByteArray &body)
{
    dom::parser parser;
    dom::element root;
    dom::object object;
    if (parser.parse(body.constData(), static_cast<size_t>(body.size()), true).get(root) !=
            simdjson::SUCCESS ||
        root.get_object().get(object) != simdjson::SUCCESS)
        return badRequest(QStringLiteral("the body must be a JSON object of settings"));

    // Validate everything into copies first: a bad setting changes nothing.
    ServerOptions options = m_state.options;
    RateLimiter limiter = m_state.limiter;
    QSet<quint64> revoked = m_state.revokedChannels;
    const QStringList groups = DiscordApi::groups();
    auto knownGroup = [&](std::string_view g) { return groups.contains(qs(g)); };

    for (const auto field : object) {
        const std::string_view key = field.key;
        const dom::element value = field.value;
        bool flag = false;
        int64_t number = 0;
        double real = 0;
        if (key == "rate_limits" && value.get_bool().get(flag) == simdjson::SUCCESS) {
            limiter.setEnabled(flag);
            options.rateLimits = flag;
        } else if (key == "global_rate" && value.get_int64().get(number) == simdjson::SUCCESS &&
                   number >= 0) {
            limiter.setGlobalRate(static_cast<int>(number));
            options.globalRate = static_cast<int>(number);
        } else if (key == "bucket") {
            const auto bucket = bucketFromJson(value);
            if (!bucket)
                return badRequest(QStringLiteral("\"bucket\" must be \"LIMIT/SECONDS\""));
            limiter.setDefaultBucket(*bucket);
            options.bucket = *bucket;
        } else if (key == "route_buckets" && value.is_object()) {
            for (const auto entry : dom::object(value)) {
                if (!knownGroup(entry.key))
                    return badRequest(
                        QStringLiteral("unknown route group \"%1\"").arg(qs(entry.key)));
                const QByteArray group = json::bytes(entry.key);
                if (entry.value.is_null()) {
                    limiter.setRouteBucket(group, std::nullopt);
                    options.routeBuckets.remove(group);
                    continue;
                }
                const auto bucket = bucketFromJson(entry.value);
                if (!bucket)
                    return badRequest(
                        QStringLiteral("route_buckets values are \"LIMIT/SECONDS\" or null"));
                limiter.setRouteBucket(group, *bucket);
                options.routeBuckets.insert(group, *bucket);
            }
        } else if (key == "sub_limits" && value.is_object()) {
            for (const auto entry : dom::object(value)) {
                if (!knownGroup(entry.key))
                    return badRequest(
                        QStringLiteral("unknown route group \"%1\"").arg(qs(entry.key)));
                const QByteArray group = json::bytes(entry.key);
                if (entry.value.is_null()) {
                    limiter.setSubLimit(group, std::nullopt);
                    options.subLimits.remove(group);
                    continue;
                }
                SubLimit sub;
                int64_t limit = 0;
                double seconds = 0;
                std::string_view scope = "user";
                if (entry.value["limit"].get_int64().get(limit) != simdjson::SUCCESS || limit < 1 ||
                    entry.value["seconds"].get_double().get(seconds) != simdjson::SUCCESS ||
                    !(seconds > 0))
                    return badRequest(QStringLiteral("sub_limits values are {\"limit\": N >= 1, "
                                                     "\"seconds\": S > 0, \"scope\": "
                                                     "\"user\"|\"shared\"} or null"));
                readInto(entry.value["scope"].get_string(), scope);
                const auto parsedScope = parseScope(qs(scope));
                if (!parsedScope || *parsedScope == LimitScope::Global)
                    return badRequest(
                        QStringLiteral("a sub-limit's scope is \"user\" or \"shared\""));
                sub.limit = static_cast<int>(limit);
                sub.seconds = seconds;
                sub.scope = *parsedScope;
                limiter.setSubLimit(group, sub);
                options.subLimits.insert(group, sub);
            }
        } else if (key == "invalid_request_threshold" &&
                   value.get_int64().get(number) == simdjson::SUCCESS && number >= 0) {
            options.invalidRequestThreshold = static_cast<int>(number);
            limiter.setInvalidRequestLimit(options.invalidRequestThreshold,
                                           options.invalidWindowSeconds);
        } else if (key == "invalid_window_seconds" &&
                   value.get_int64().get(number) == simdjson::SUCCESS && number >= 1) {
            options.invalidWindowSeconds = static_cast<int>(number);
            limiter.setInvalidRequestLimit(options.invalidRequestThreshold,
                                           options.invalidWindowSeconds);
        } else if (key == "faults" && value.is_object()) {
            FaultConfig faults = options.faults;
            for (const auto entry : dom::object(value)) {
                if (entry.key == "rate" &&
                    entry.value.get_double().get(real) == simdjson::SUCCESS && real >= 0 &&
                    real <= 1) {
                    faults.rate = real;
                } else if (entry.key == "seed" &&
                           entry.value.get_int64().get(number) == simdjson::SUCCESS) {
                    faults.seed = static_cast<quint64>(number);
                } else if (entry.key == "slow_ms" &&
                           entry.value.get_int64().get(number) == simdjson::SUCCESS &&
                           number >= 0 && number <= 600000) {
                    faults.slowMs = static_cast<int>(number);
                } else if (entry.key == "kinds" && entry.value.is_array()) {
                    QStringList names;
                    for (dom::element k : dom::array(entry.value)) {
                        std::string_view name;
                        if (k.get_string().get(name) != simdjson::SUCCESS)
                            return badRequest(QStringLiteral("faults.kinds is a list of names"));
                        names << qs(name);
                    }
                    QString error;
                    const auto kinds = FaultConfig::parseKinds(names.join(u','), &error);
                    if (!kinds)
                        return badRequest(error);
                    faults.kinds = *kinds;
                } else {
                    return badRequest(QStringLiteral("faults: bad or unknown setting \"%1\" (rate "
                                                     "0..1, seed, kinds, slow_ms)")
                                          .arg(qs(entry.key)));
                }
            }
            options.faults = faults;
        } else if (key == "members_intent" && value.get_bool().get(flag) == simdjson::SUCCESS) {
            options.membersIntent = flag;
        } else if (key == "message_content_intent" &&
                   value.get_bool().get(flag) == simdjson::SUCCESS) {
            options.messageContentIntent = flag;
        } else if (key == "verbose" && value.get_bool().get(flag) == simdjson::SUCCESS) {
            options.verbose = flag;
        } else if (key == "revoked_channels" && value.is_array()) {
            revoked.clear();
            for (dom::element e : dom::array(value)) {
                std::string_view text;
                const auto id =
                    e.get_string().get(text) == simdjson::SUCCESS
                        ? snowflake::parse(QByteArrayView(text.data(), qsizetype(text.size())))
                        : std::nullopt;
                if (!id)
                    return badRequest(QStringLiteral("revoked_channels is a list of channel ids"));
                revoked.insert(*id);
            }
        } else {
            return badRequest(QStringLiteral("bad value or unknown setting \"%1\"; see GET "
                                             "/_emulator/config for the settings")
                                  .arg(qs(key)));
        }
    }
    m_state.options = options;
    m_state.limiter = std::move(limiter);
    m_state.revokedChannels = revoked;
    return reply::json(200, configJson());
}

HttpResponse AdminApi::handle(const HttpRequest &request, QByteArrayView path)
{
    const QList<QByteArray> seg = path.toByteArray().split('/');
    const QByteArray &method = request.method;
    const Query query(request.query);
    Snapshot &s = m_state.snapshot;
    auto is = [&](std::initializer_list<const char *> pattern) {
        if (static_cast<size_t>(seg.size()) != pattern.size())
            return false;
        qsizetype i = 0;
        for (const char *p : pattern) {
            if (std::string_view(p) != "*" && seg[i] != p)
                return false;
            ++i;
        }
        return true;
    };
    auto result = [](const auto &r, int status = 200) {
        if (!r)
            return badRequest(r.error().message);
        return reply::json(status, *r);
    };
    auto done = [](const Result<void> &r) {
        return r ? reply::noContent() : badRequest(r.error().message);
    };
    auto wrongMethod = [] { return adminError(405, QStringLiteral("method not allowed here")); };

    if (is({"stats"}))
        return method == "GET" ? reply::json(200, statsJson()) : wrongMethod();
    if (is({"stats", "reset"})) {
        if (method != "POST")
            return wrongMethod();
        m_state.stats = Stats{};
        m_state.limiter.resetLimitedCounts();
        return reply::noContent();
    }
    if (is({"limits", "reset"})) {
        if (method != "POST")
            return wrongMethod();
        m_state.limiter.reset();
        return reply::noContent();
    }
    if (is({"snapshot"}))
        return method == "GET" ? reply::json(200, s.toJson()) : wrongMethod();
    if (is({"config"})) {
        if (method == "GET")
            return reply::json(200, configJson());
        if (method == "PATCH")
            return patchConfig(request.body);
        return wrongMethod();
    }
    if (is({"members"})) {
        if (method != "POST")
            return wrongMethod();
        return result(s.addMember(json::view(request.body)), 201);
    }
    if (is({"members", "*"})) {
        const auto user = segmentId(seg[1]);
        if (!user)
            return badRequest(QStringLiteral("not a user id"));
        if (method != "DELETE")
            return wrongMethod();
        return done(s.removeMember(*user));
    }
    if (is({"members", "*", "roles", "*"})) {
        const auto user = segmentId(seg[1]);
        const auto role = segmentId(seg[3]);
        if (!user || !role)
            return badRequest(QStringLiteral("not a user or role id"));
        if (method != "PUT" && method != "DELETE")
            return wrongMethod();
        const Member *member = s.member(*user);
        if (!member)
            return badRequest(QStringLiteral("user %1 is not a member").arg(*user));
        if (!s.role(*role) || *role == s.guildId())
            return badRequest(QStringLiteral("unknown role %1").arg(*role));
        // A human moderator: the audit entry names them, and no hierarchy check applies.
        const auto by = snowflake::parse(QByteArrayView(query.value("by").value_or(QByteArray())));
        const quint64 actor = by.value_or(s.ownerId());
        const QString reason = QString::fromUtf8(query.value("reason").value_or(QByteArray()));
        std::vector<quint64> roles = member->roles;
        const auto at = std::find(roles.begin(), roles.end(), *role);
        const bool add = method == "PUT";
        if ((at != roles.end()) == add)
            return reply::noContent();
        if (add)
            roles.push_back(*role);
        else
            roles.erase(at);
        s.setMemberRoles(*user, std::move(roles));
        s.addRoleAuditEntry(actor, *user,
                            add ? std::vector<quint64>{*role} : std::vector<quint64>{},
                            add ? std::vector<quint64>{} : std::vector<quint64>{*role}, reason);
        return reply::noContent();
    }
    if (seg.size() >= 3 && seg[0] == "channels") {
        const auto channel = segmentId(seg[1]);
        if (!channel)
            return badRequest(QStringLiteral("not a channel id"));
        if (is({"channels", "*", "messages"})) {
            if (method != "POST")
                return wrongMethod();
            return result(s.addMessage(*channel, json::view(request.body)), 201);
        }
        if (is({"channels", "*", "messages", "*"})) {
            const auto message = segmentId(seg[3]);
            if (!message)
                return badRequest(QStringLiteral("not a message id"));
            if (method == "PATCH")
                return result(s.editMessage(*channel, *message, json::view(request.body)));
            if (method == "DELETE")
                return done(s.deleteMessage(*channel, *message));
            return wrongMethod();
        }
        if (is({"channels", "*", "messages", "*", "reactions", "*", "*"})) {
            const auto message = segmentId(seg[3]);
            const auto user = segmentId(seg[6]);
            if (!message || !user)
                return badRequest(QStringLiteral("not a message or user id"));
            if (method != "PUT" && method != "DELETE")
                return wrongMethod();
            const QByteArray type = query.value("type").value_or("0");
            if (type != "0" && type != "1")
                return badRequest(QStringLiteral("type is 0 (normal) or 1 (burst)"));
            const QByteArray key = percentDecode(seg[5], false);
            const auto changed = s.setReaction(*channel, *message, json::view(key), *user,
                                               type == "1", method == "PUT");
            if (!changed)
                return badRequest(changed.error().message);
            return reply::noContent();
        }
        if (is({"channels", "*", "threads"})) {
            if (method != "POST")
                return wrongMethod();
            return result(s.createThread(*channel, json::view(request.body)), 201);
        }
        if (is({"channels", "*", "archive"}) || is({"channels", "*", "unarchive"})) {
            if (method != "POST")
                return wrongMethod();
            std::optional<qint64> stamp;
            std::optional<bool> locked;
            if (!request.body.trimmed().isEmpty()) {
                const auto body = json::Object::parse(json::view(request.body));
                if (!body)
                    return badRequest(QStringLiteral("the body must be a JSON object"));
                const std::string_view rawStamp = body->value("archive_timestamp");
                if (!rawStamp.empty()) {
                    stamp = rawStamp.size() >= 2
                                ? Snapshot::parseTimestamp(rawStamp.substr(1, rawStamp.size() - 2))
                                : std::nullopt;
                    if (!stamp)
                        return badRequest(QStringLiteral("archive_timestamp must be ISO 8601"));
                }
                if (!body->value("locked").empty())
                    locked = body->value("locked") == "true";
            }
            return result(s.setThreadArchived(*channel, seg[2] == "archive", stamp, locked));
        }
        if (is({"channels", "*", "revoke"}) || is({"channels", "*", "restore"})) {
            if (method != "POST")
                return wrongMethod();
            if (!s.channel(*channel))
                return badRequest(QStringLiteral("unknown channel %1").arg(*channel));
            if (seg[2] == "revoke")
                m_state.revokedChannels.insert(*channel);
            else
                m_state.revokedChannels.remove(*channel);
            return reply::noContent();
        }
    }
    return adminError(404, QStringLiteral("no such admin route; see docs/emulator.md"));
}

} // namespace gavel::emulator
