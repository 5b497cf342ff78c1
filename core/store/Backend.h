#pragma once

#include <QString>

namespace gavel::store {

//! The database engines Gavel stores guild history in.
enum class Backend {
    Sqlite,
    Postgres,
};

//! "SQLite" or "PostgreSQL", for messages.
inline QString backendName(Backend backend)
{
    return backend == Backend::Sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
}

} // namespace gavel::store
