#include "discord/RateLimitHeaders.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <climits>
#include <cmath>

namespace gavel::discord {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// Proxies join repeated headers with ", "; the first value is the one Discord sent.
QByteArrayView firstValue(QByteArrayView value)
{
    const qsizetype comma = value.indexOf(',');
    if (comma >= 0)
        value = value.first(comma);
    while (!value.isEmpty() && isSpace(value.front()))
        value = value.sliced(1);
    while (!value.isEmpty() && isSpace(value.back()))
        value.chop(1);
    return value;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

bool isBucketChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':' || c == '+' || c == '/' || c == '=';
}

RateLimitScope parseScope(QByteArrayView value)
{
    if (value.isEmpty())
        return RateLimitScope::None;
    if (equalsIgnoringCase(value, "user"))
        return RateLimitScope::User;
    if (equalsIgnoringCase(value, "global"))
        return RateLimitScope::Global;
    if (equalsIgnoringCase(value, "shared"))
        return RateLimitScope::Shared;
    return RateLimitScope::Unknown;
}

} // namespace

QByteArrayView findHeader(const RawHeaders &headers, QByteArrayView name)
{
    for (const auto &header : headers) {
        if (equalsIgnoringCase(header.first, name))
            return header.second;
    }
    return {};
}

std::optional<qint64> parseSecondsToMs(QByteArrayView text)
{
    text = firstValue(text);
    if (text.isEmpty())
        return std::nullopt;
    constexpr qint64 maxSeconds = RateLimitHeaders::maxWaitMs / 1000;
    qint64 seconds = 0;
    qsizetype i = 0;
    bool digits = false;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        digits = true;
        if (seconds <= maxSeconds)
            seconds = seconds * 10 + (text[i] - '0');
    }
    // Thousandths are what Discord sends; finer digits only decide the rounding up.
    qint64 millis = 0;
    bool finer = false;
    if (i < text.size() && text[i] == '.') {
        ++i;
        int place = 0;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++place) {
            digits = true;
            if (place < 3)
                millis = millis * 10 + (text[i] - '0');
            else if (text[i] != '0')
                finer = true;
        }
        for (; place < 3; ++place)
            millis *= 10;
    }
    if (!digits || i != text.size())
        return std::nullopt;
    if (seconds > maxSeconds)
        return RateLimitHeaders::maxWaitMs;
    return qMin(seconds * 1000 + millis + (finer ? 1 : 0), RateLimitHeaders::maxWaitMs);
}

std::optional<int> parseCount(QByteArrayView text)
{
    text = firstValue(text);
    if (text.isEmpty())
        return std::nullopt;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        if (value <= INT_MAX)
            value = value * 10 + (c - '0');
    }
    return int(qMin<qint64>(value, INT_MAX));
}

std::optional<qint64> parseEpochSecondsToMs(QByteArrayView text)
{
    text = firstValue(text);
    const qsizetype dot = text.indexOf('.');
    const QByteArrayView whole = dot < 0 ? text : text.first(dot);
    // Up to year 33658 in seconds: more digits are garbage, not a time.
    if (whole.isEmpty() || whole.size() > 12)
        return std::nullopt;
    qint64 seconds = 0;
    for (const char c : whole) {
        if (c < '0' || c > '9')
            return std::nullopt;
        seconds = seconds * 10 + (c - '0');
    }
    QByteArray fractionText("0");
    if (dot >= 0)
        fractionText.append(text.sliced(dot));
    const std::optional<qint64> fraction = parseSecondsToMs(fractionText);
    if (!fraction)
        return std::nullopt;
    return seconds * 1000 + *fraction;
}

RateLimitHeaders parseRateLimitHeaders(const RawHeaders &headers)
{
    RateLimitHeaders result;
    for (const auto &[name, value] : headers) {
        if (equalsIgnoringCase(name, "Retry-After")) {
            result.retryAfterMs = parseSecondsToMs(value);
            continue;
        }
        if (name.size() < 12 || !equalsIgnoringCase(QByteArrayView(name).first(12), "X-RateLimit-"))
            continue;
        const QByteArrayView field = QByteArrayView(name).sliced(12);
        if (equalsIgnoringCase(field, "Limit")) {
            result.limit = parseCount(value);
        } else if (equalsIgnoringCase(field, "Remaining")) {
            result.remaining = parseCount(value);
        } else if (equalsIgnoringCase(field, "Reset-After")) {
            result.resetAfterMs = parseSecondsToMs(value);
        } else if (equalsIgnoringCase(field, "Reset")) {
            result.resetEpochMs = parseEpochSecondsToMs(value);
        } else if (equalsIgnoringCase(field, "Bucket")) {
            const QByteArrayView text = firstValue(value);
            bool plain = !text.isEmpty() && text.size() <= 128;
            for (qsizetype i = 0; plain && i < text.size(); ++i)
                plain = isBucketChar(text[i]);
            result.bucket = plain ? text.toByteArray() : QByteArray();
        } else if (equalsIgnoringCase(field, "Global")) {
            result.global = equalsIgnoringCase(firstValue(value), "true");
        } else if (equalsIgnoringCase(field, "Scope")) {
            result.scope = parseScope(firstValue(value));
        }
    }
    return result;
}

RateLimitBody parseRateLimitBody(QByteArrayView body)
{
    RateLimitBody result;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return result;
    const QJsonObject object = document.object();
    const QJsonValue retryAfter = object.value(QLatin1StringView("retry_after"));
    if (retryAfter.isDouble()) {
        const double seconds = retryAfter.toDouble();
        if (std::isfinite(seconds) && seconds >= 0) {
            const double ms = std::ceil(seconds * 1000.0);
            result.retryAfterMs = ms >= double(RateLimitHeaders::maxWaitMs)
                                      ? RateLimitHeaders::maxWaitMs
                                      : qint64(ms);
        }
    }
    result.global = object.value(QLatin1StringView("global")).toBool(false);
    return result;
}

} // namespace gavel::discord
