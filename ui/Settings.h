#pragma once

#include <QByteArray>
#include <QSettings>
#include <QStringList>
#include <QUrl>

#include <optional>

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

    //! Where a guild's bot token is kept (never the token itself).
    enum class TokenStorage {
        Keychain,  //!< the system keychain (Secret Service)
        PlainFile, //!< the explicit plaintext fallback (discord::TokenFile)
        Session    //!< nowhere: only for the run that connected it (else GAVEL_TOKEN)
    };
    //! A guild connected with the wizard: where to sync it from and where its token is.
    struct GuildConnection
    {
        quint64 guildId = 0;
        QString guildName;
        QUrl apiBase;
        TokenStorage storage = TokenStorage::Keychain;
        QString database; //!< the database it was synced into
    };
    QList<GuildConnection> connections() const;
    std::optional<GuildConnection> connection(quint64 guildId) const;
    void setConnection(const GuildConnection &connection);
    void removeConnection(quint64 guildId);

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
    mutable QSettings m_settings; // beginGroup() for listing is not const
};

} // namespace gavel::ui
