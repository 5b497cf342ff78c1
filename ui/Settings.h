#pragma once

#include <QByteArray>
#include <QSettings>
#include <QStringList>

class QMenu;
class QWidget;

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

    //! The interface language: empty follows the system locale, else one of languages().
    //! The environment variable GAVEL_LANGUAGE, when set, wins over the stored choice.
    QString language() const;
    void setLanguage(const QString &language);
    //! The languages Gavel is translated into, as codes ("en" is the source language).
    static QStringList languages();
    //! The language to load: GAVEL_LANGUAGE, else the stored choice, else the system's.
    QString effectiveLanguage() const;
    //! Loads Gavel's and Qt's translations for effectiveLanguage() into the running
    //! application, replacing earlier ones; false when Gavel has none for it (English stays).
    static bool installTranslators();
    //! A "Language" menu: the system default and each language by its own name, checked
    //! as stored; choosing one stores it and says it applies from the next start.
    static QMenu *createLanguageMenu(QWidget *parent);

private:
    QSettings m_settings;
};

} // namespace gavel::ui
