#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <optional>

namespace gavel::discord {

//! Response headers as received: (name, value) pairs in wire order.
using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

//! Value of a header, compared case-insensitively; a null QByteArrayView when absent.
QByteArrayView findHeader(const RawHeaders &headers, QByteArrayView name);

//! Whom a 429 applies to (X-RateLimit-Scope).
enum class RateLimitScope : quint8 {
    None,    //!< header absent
    User,    //!< this bot's per-route or global limit
    Global,  //!< the bot's global limit
    Shared,  //!< a resource shared by many bots (does not count as an invalid request)
    Unknown, //!< some other value
};

/*!
 * Discord's rate-limit headers of one response, validated.
 *
 * Every field is optional: a value that is missing, negative, not a plain decimal number or
 * otherwise malformed is left out rather than guessed, and times are saturated so that no
 * header can make a caller wait forever or overflow.
 */
struct RateLimitHeaders
{
    //! Largest wait any header can express (one day), in ms.
    static constexpr qint64 maxWaitMs = 24LL * 3600 * 1000;

    std::optional<int> limit;     //!< X-RateLimit-Limit
    std::optional<int> remaining; //!< X-RateLimit-Remaining
    std::optional<qint64>
        resetAfterMs; //!< X-RateLimit-Reset-After (s, fractional) in ms, rounded up
    std::optional<qint64>
        resetEpochMs; //!< X-RateLimit-Reset (epoch s, fractional) in ms, rounded up
    std::optional<qint64> retryAfterMs; //!< Retry-After (s) in ms, rounded up
    QByteArray bucket;   //!< X-RateLimit-Bucket; empty when absent or not a plain token
    bool global = false; //!< X-RateLimit-Global: true
    RateLimitScope scope = RateLimitScope::None;

    //! True when the response says anything about a per-route bucket.
    bool hasBucketInfo() const
    {
        return limit.has_value() || remaining.has_value() || resetAfterMs.has_value() ||
               resetEpochMs.has_value() || !bucket.isEmpty();
    }
};

//! Parses the rate-limit headers; a pure function over bytes, safe on any input.
RateLimitHeaders parseRateLimitHeaders(const RawHeaders &headers);

//! The JSON body of a 429: {"message", "retry_after": seconds (float), "global": bool}.
struct RateLimitBody
{
    std::optional<qint64> retryAfterMs; //!< rounded up, saturated at RateLimitHeaders::maxWaitMs
    bool global = false;
};

//! Parses a 429 body; anything that is not such a JSON object yields an empty result.
RateLimitBody parseRateLimitBody(QByteArrayView body);

//! Seconds with an optional fraction ("1", "0.25", " 3.000 ") to ms rounded up; nullopt for
//! anything else (signs, exponents, NaN, garbage). Saturates at RateLimitHeaders::maxWaitMs.
std::optional<qint64> parseSecondsToMs(QByteArrayView text);

//! Epoch seconds with an optional fraction to epoch ms; nullopt for anything else.
std::optional<qint64> parseEpochSecondsToMs(QByteArrayView text);

//! A non-negative decimal count; saturates at INT_MAX; nullopt for anything else.
std::optional<int> parseCount(QByteArrayView text);

} // namespace gavel::discord
