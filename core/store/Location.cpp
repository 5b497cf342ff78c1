#include "Location.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace gavel::store {

namespace {

const QString urlForm = u"postgresql://[user[:password]@]host[:port]/dbname[?sslmode=...]"_s;

// Malformed URLs are echoed back in errors, so the password must go before they are shown.
QString redactPassword(const QString &text)
{
    const qsizetype schemeEnd = text.indexOf(u"://");
    const qsizetype at = text.lastIndexOf(u'@');
    if (schemeEnd < 0 || at < schemeEnd)
        return text;
    const qsizetype colon = text.indexOf(u':', schemeEnd + 3);
    if (colon < 0 || colon > at)
        return text;
    return text.left(colon + 1) + u"***"_s + text.mid(at);
}

Error urlError(const QString &text, const QString &why)
{
    return Error{u"Invalid database URL \"%1\": %2."_s.arg(redactPassword(text), why),
                 u"Use %1, or a SQLite file path."_s.arg(urlForm)};
}

bool isSslMode(const QString &mode)
{
    static const QStringList modes = {u"disable"_s, u"allow"_s,     u"prefer"_s,
                                      u"require"_s, u"verify-ca"_s, u"verify-full"_s};
    return modes.contains(mode);
}

} // namespace

Result<Location> Location::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return Error{u"No database given."_s,
                     u"Pass --db with a SQLite file path or a %1 URL."_s.arg(urlForm)};
    }

    const qsizetype schemeEnd = trimmed.indexOf(u"://");
    if (schemeEnd < 0)
        return sqliteFile(trimmed);

    const QString scheme = trimmed.left(schemeEnd).toLower();
    if (scheme != u"postgresql" && scheme != u"postgres") {
        return Error{
            u"Unsupported database URL scheme \"%1\" in \"%2\"."_s.arg(trimmed.left(schemeEnd),
                                                                       redactPassword(trimmed)),
            u"Gavel stores data in SQLite (give a file path) or PostgreSQL (%1)."_s.arg(urlForm)};
    }

    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return urlError(trimmed, url.errorString().section(u';', 0, 0));
    if (url.hasFragment())
        return urlError(trimmed, u"a '#' fragment is not allowed"_s);

    Location location;
    location.m_backend = Backend::Postgres;
    location.m_host = url.host(QUrl::FullyDecoded);
    location.m_user = url.userName(QUrl::FullyDecoded);
    location.m_password = url.password(QUrl::FullyDecoded);
    if (location.m_user.isEmpty() && !location.m_password.isEmpty())
        return urlError(trimmed, u"a password is given without a user name"_s);

    const int port = url.port();
    if (port == 0 || port > 65535)
        return urlError(trimmed, u"the port must be between 1 and 65535"_s);
    location.m_port = port < 0 ? 0 : port;

    const QString path = url.path(QUrl::FullyDecoded);
    if (path.size() <= 1)
        return urlError(trimmed, u"it names no database (add /dbname after the host)"_s);
    const QString name = path.mid(1);
    if (name.contains(u'/'))
        return urlError(trimmed, u"the database name \"%1\" contains '/'"_s.arg(name));
    location.m_databaseName = name;

    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key != u"sslmode") {
            return urlError(trimmed,
                            u"unknown parameter \"%1\" (only sslmode is supported)"_s.arg(key));
        }
        if (!isSslMode(value)) {
            return urlError(trimmed, u"sslmode \"%1\" is not one of disable, allow, prefer, "
                                     u"require, verify-ca, verify-full"_s.arg(value));
        }
        location.m_sslMode = value;
    }
    return location;
}

Location Location::sqliteFile(const QString &path)
{
    Location location;
    location.m_backend = Backend::Sqlite;
    location.m_path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return location;
}

Location Location::withDatabaseName(const QString &name) const
{
    Location copy = *this;
    copy.m_databaseName = name;
    return copy;
}

QString Location::display() const
{
    if (m_backend == Backend::Sqlite)
        return QDir::toNativeSeparators(m_path);
    QUrl url;
    url.setScheme(u"postgresql"_s);
    if (!m_user.isEmpty())
        url.setUserName(m_user);
    url.setHost(m_host);
    if (m_port > 0)
        url.setPort(m_port);
    url.setPath(u'/' + m_databaseName);
    if (!m_sslMode.isEmpty())
        url.setQuery(u"sslmode="_s + m_sslMode);
    // An empty host (Unix socket) still needs the "//" so the result parses as a URL again.
    QString shown = url.toString(QUrl::RemovePassword);
    if (m_host.isEmpty() && !shown.startsWith(u"postgresql://"))
        shown.replace(0, u"postgresql:"_s.size(), u"postgresql://"_s);
    return shown;
}

} // namespace gavel::store
