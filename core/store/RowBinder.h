#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace gavel::store {

//! Binds the values of one statement execution, in placeholder order, to either SQLite's C API
//! or a QSqlQuery. Bulk writes bind millions of values; Qt's QSqlResult::bindValue() formats a
//! placeholder name and hashes it for every one of them, which costs more than SQLite's insert.
class RowBinder
{
public:
    virtual ~RowBinder() = default;

    virtual void integer(qint64 value) = 0;
    virtual void null() = 0;
    //! Binds the text; a null QString binds SQL NULL, an empty one ''.
    virtual void text(const QString &value) = 0;

    void integer(std::optional<qint64> value) { value ? integer(*value) : null(); }
    void id(quint64 value) { integer(static_cast<qint64>(value)); }
    void id(std::optional<quint64> value) { value ? id(*value) : null(); }
    void flag(bool value) { integer(value ? 1 : 0); }
    void flag(std::optional<bool> value) { value ? flag(*value) : null(); }
    //! Binds the text, or '' for a null QString (for NOT NULL text columns).
    void textOrEmpty(const QString &value) { text(value.isNull() ? QStringLiteral("") : value); }
};

} // namespace gavel::store
