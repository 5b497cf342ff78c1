#pragma once

#include <QByteArray>
#include <QSettings>
#include <QStringList>

namespace gavel::ui {

//! Typed access to the GUI's persisted settings (QSettings, native format).
class Settings
{
public:
    Settings();

    QString lastDatabase() const;
    void setLastDatabase(const QString &database);

    //! Most recent first, at most maxRecent entries, no duplicates.
    QStringList recentDatabases() const;
    void addRecentDatabase(const QString &database);
    void removeRecentDatabase(const QString &database);
    static constexpr int maxRecent = 8;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);

private:
    QSettings m_settings;
};

} // namespace gavel::ui
