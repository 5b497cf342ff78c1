#pragma once

#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <optional>

namespace gavel {

//! Discord snowflake ids: 64-bit integers in memory, decimal strings at the JSON edge.
namespace snowflake {

//! Milliseconds since the Unix epoch at which Discord's epoch starts (2015-01-01).
inline constexpr qint64 discordEpochMs = 1420070400000;

//! Creation time of an id, in UTC milliseconds since the Unix epoch.
constexpr qint64 toMsecs(quint64 id)
{
    return static_cast<qint64>(id >> 22) + discordEpochMs;
}

//! The smallest id created at the given UTC millisecond (for before/after paging).
constexpr quint64 fromMsecs(qint64 msecs)
{
    return msecs <= discordEpochMs ? 0 : static_cast<quint64>(msecs - discordEpochMs) << 22;
}

//! Parses a decimal id; nullopt for anything that is not a plain unsigned 64-bit number.
std::optional<quint64> parse(QStringView text);
std::optional<quint64> parse(QByteArrayView text);

//! Decimal text of an id.
QString toString(quint64 id);

} // namespace snowflake
} // namespace gavel
