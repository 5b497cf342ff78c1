#include "Settings.h"

namespace gavel::ui {

namespace {
const QString lastDatabaseKey = QStringLiteral("database/last");
const QString recentKey = QStringLiteral("database/recent");
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString splitterKey = QStringLiteral("window/splitter");
} // namespace

Settings::Settings() = default;

QString Settings::lastDatabase() const
{
    return m_settings.value(lastDatabaseKey).toString();
}

void Settings::setLastDatabase(const QString &database)
{
    m_settings.setValue(lastDatabaseKey, database);
}

QStringList Settings::recentDatabases() const
{
    return m_settings.value(recentKey).toStringList();
}

void Settings::addRecentDatabase(const QString &database)
{
    QStringList recent = recentDatabases();
    recent.removeAll(database);
    recent.prepend(database);
    while (recent.size() > maxRecent)
        recent.removeLast();
    m_settings.setValue(recentKey, recent);
}

void Settings::removeRecentDatabase(const QString &database)
{
    QStringList recent = recentDatabases();
    recent.removeAll(database);
    m_settings.setValue(recentKey, recent);
}

QByteArray Settings::windowGeometry() const
{
    return m_settings.value(geometryKey).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(geometryKey, geometry);
}

QByteArray Settings::windowState() const
{
    return m_settings.value(stateKey).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(stateKey, state);
}

QByteArray Settings::splitterState() const
{
    return m_settings.value(splitterKey).toByteArray();
}

void Settings::setSplitterState(const QByteArray &state)
{
    m_settings.setValue(splitterKey, state);
}

} // namespace gavel::ui
