#pragma once

// Internal to gavel_emulator: the state the API handlers share, and request/response helpers.

#include "HttpServer.h"
#include "RateLimiter.h"
#include "ServerOptions.h"
#include "Snapshot.h"

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QSet>

#include <optional>
#include <utility>
#include <vector>

namespace gavel::emulator {

//! The last few thousand server-side handling times of one route group.
struct Timing
{
    std::vector<qint64> samples; // nanoseconds, a ring
    size_t next = 0;
    qint64 count = 0;

    void add(qint64 ns);
};

//! What GET /_emulator/stats reports.
struct Stats
{
    QHash<QByteArray, qint64> requests; // by route group
    qint64 requestsTotal = 0;
    QMap<int, qint64> statuses;
    qint64 limitedUser = 0;
    qint64 limitedGlobal = 0;
    qint64 limitedShared = 0;
    qint64 banned = 0;
    QHash<QByteArray, qint64> faults;
    QHash<QByteArray, Timing> timings;
};

//! Everything the /api/v10 and /_emulator handlers work on; owned by Server.
struct ServerState
{
    Snapshot snapshot;
    ServerOptions options;
    RateLimiter limiter;
    QSet<quint64> revokedChannels;
    quint64 botUserId = 0;
    quint64 sequence = 0; // /api/v10 requests received: the fault draw's input
    Stats stats;
    quint16 port = 0;
};

QByteArray percentDecode(QByteArrayView text, bool plusIsSpace);

//! A query string, percent-decoded; the first occurrence of a name wins.
class Query
{
public:
    explicit Query(QByteArrayView raw);
    std::optional<QByteArray> value(QByteArrayView name) const;
    bool contains(QByteArrayView name) const { return value(name).has_value(); }
    const std::vector<std::pair<QByteArray, QByteArray>> &items() const { return m_items; }

private:
    std::vector<std::pair<QByteArray, QByteArray>> m_items;
};

/*!
 * Collects Discord "Invalid Form Body" (50035) field errors while parameters are read.
 * Each field error's code is the integer 50035: openapi.json's Error schema wants an integer
 * where Discord sends strings such as "NUMBER_TYPE_MAX" (see docs/emulator.md).
 */
class FormErrors
{
public:
    void add(const QByteArray &field, const QByteArray &message);
    bool empty() const { return m_fields.empty(); }
    QByteArray json() const;

    //! An integer query parameter in [min, max], `fallback` when absent.
    int integer(const Query &query, const QByteArray &name, int fallback, int min, int max);
    //! A snowflake query parameter; nullopt when absent or malformed (then recorded).
    std::optional<quint64> snowflake(const Query &query, const QByteArray &name);

private:
    std::vector<std::pair<QByteArray, QByteArray>> m_fields; // field -> error object
};

namespace reply {
HttpResponse json(int status, QByteArray body);
//! Discord's error body {"message": ..., "code": ...}.
HttpResponse error(int status, int code, QByteArrayView message);
HttpResponse noContent();
HttpResponse invalidForm(const FormErrors &errors);
} // namespace reply

} // namespace gavel::emulator
