#pragma once

#include <QMetaType>
#include <QString>
#include <QVariant>

#include <optional>

//! The one place where C++ values become SQL parameters and SQL results become C++ values.
//!
//! Both drivers disagree on result types (QPSQL returns BIGINT and count(*) as qulonglong or
//! qlonglong, INTEGER as int and comparisons as bool; QSQLITE returns qlonglong for every
//! integer and a QString-typed null for NULL), so reads go through these functions, never
//! through QVariant::toXxx() directly. Snowflakes are stored as signed BIGINT: Discord ids stay
//! below 2^63 until about the year 2084, and the bit pattern round-trips either way.
namespace gavel::store::sql {

inline QVariant nullInteger()
{
    return QVariant(QMetaType::fromType<qlonglong>());
}

inline QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

inline QVariant integer(qint64 value)
{
    return QVariant(static_cast<qlonglong>(value));
}

inline QVariant integer(std::optional<qint64> value)
{
    return value ? integer(*value) : nullInteger();
}

inline QVariant id(quint64 value)
{
    return QVariant(static_cast<qlonglong>(value));
}

inline QVariant id(std::optional<quint64> value)
{
    return value ? id(*value) : nullInteger();
}

//! Flags are INTEGER 0/1 on both backends (PostgreSQL will not coerce a bool to an integer).
inline QVariant flag(bool value)
{
    return QVariant(value ? 1 : 0);
}

inline QVariant flag(std::optional<bool> value)
{
    return value ? flag(*value) : nullInteger();
}

//! A null QString becomes SQL NULL; an empty one stays ''.
inline QVariant text(const QString &value)
{
    return value.isNull() ? nullText() : QVariant(value);
}

inline qint64 toInteger(const QVariant &value)
{
    return value.isNull() ? 0 : static_cast<qint64>(value.toLongLong());
}

inline std::optional<qint64> toOptionalInteger(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return static_cast<qint64>(value.toLongLong());
}

inline quint64 toId(const QVariant &value)
{
    return static_cast<quint64>(toInteger(value));
}

inline std::optional<quint64> toOptionalId(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return static_cast<quint64>(value.toLongLong());
}

inline bool toFlag(const QVariant &value)
{
    return toInteger(value) != 0;
}

inline std::optional<bool> toOptionalFlag(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong() != 0;
}

//! SQL NULL becomes a null QString.
inline QString toText(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

} // namespace gavel::store::sql
