#pragma once

#include "store/Backend.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace gavel::store {

//! One step of the schema: from version `version - 1` to `version`, applied in one transaction.
struct Migration
{
    int version = 0;      //!< the schema version once this step is applied
    QString summary;      //!< what the step does, for logs and docs/store.md
    QStringList sqlite;   //!< DDL for SQLite, in order
    QStringList postgres; //!< DDL for PostgreSQL, in order

    const QStringList &statements(Backend backend) const
    {
        return backend == Backend::Sqlite ? sqlite : postgres;
    }
};

//! Every step from an empty database to the latest schema, oldest first. Append-only: a
//! released step is never edited, because databases in the field already ran it.
const QList<Migration> &migrations();

//! An index that only serves reads (by author, by reactor, by channel and time). Writing it
//! row by row costs most of a bulk insert, so a bulk sync may drop and rebuild these.
struct LookupIndex
{
    QString name;
    QString create; //!< CREATE INDEX IF NOT EXISTS ... (same text on both backends)
};

//! The lookup indexes of the latest schema.
const QList<LookupIndex> &lookupIndexes();

} // namespace gavel::store
