#pragma once

#include "common/Result.h"
#include "store/Backend.h"

#include <QString>

namespace gavel::store {

//! Where a Gavel database lives: a SQLite file or a PostgreSQL database (the `--db` argument).
class Location
{
public:
    //! Parses a `--db` argument: a SQLite file path, or
    //! `postgresql://[user[:password]@][host][:port]/dbname[?sslmode=...]` (also `postgres://`).
    //! User and password may be percent-encoded; an empty host means the local Unix socket.
    static Result<Location> parse(const QString &text);

    //! A SQLite database at this file path (no parsing; the path is taken as is).
    static Location sqliteFile(const QString &path);

    Backend backend() const { return m_backend; }

    //! SQLite: the absolute file path.
    QString path() const { return m_path; }

    // PostgreSQL connection parts; empty/0 when not given.
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString user() const { return m_user; }
    QString password() const { return m_password; }
    QString databaseName() const { return m_databaseName; }
    QString sslMode() const { return m_sslMode; }

    //! The same server and credentials with another database name (PostgreSQL only).
    Location withDatabaseName(const QString &name) const;

    //! What to show users and logs: the file path, or the URL without the password.
    QString display() const;

private:
    Backend m_backend = Backend::Sqlite;
    QString m_path;
    QString m_host;
    int m_port = 0;
    QString m_user;
    QString m_password;
    QString m_databaseName;
    QString m_sslMode;
};

} // namespace gavel::store
