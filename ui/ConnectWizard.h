#pragma once

#include "Settings.h"
#include "discord/Connection.h"

#include <QUrl>
#include <QWizard>

#include <optional>

namespace gavel::ui {

class SyncDialog;

/*!
 * The first-run connection wizard: the demo guild or a real one; the bot token (system
 * keychain, or a plain file only when the user ticks it after a warning); the checks of
 * discord::ConnectionCheck on a worker thread with the fix and invite URL for what is missing;
 * then the first sync, after which the guild opens in the main window.
 */
class ConnectWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { StartPageId, TokenPageId, CheckPageId, SyncPageId };

    struct Options
    {
        QString database; //!< where the first sync writes; empty = defaultDatabase()
        bool demoAvailable = false;
        QUrl apiBase = QUrl(QStringLiteral("https://discord.com/api/v10"));
    };

    explicit ConnectWizard(Options options, QWidget *parent = nullptr);
    ~ConnectWizard() override;

    //! <app data>/gavel.sqlite: where a first guild goes when no database is open.
    static QString defaultDatabase();

    const Options &options() const { return m_options; }
    //! The connection remembered once the token was stored (the check page was committed).
    std::optional<Settings::GuildConnection> connection() const { return m_connection; }

Q_SIGNALS:
    void demoRequested();
    //! The first sync ended; the main window opens the database and selects the guild.
    void guildConnected(const QString &database, quint64 guildId);

protected:
    void done(int result) override;

private:
    friend class ConnectCheckPage;
    friend class ConnectSyncPage;
    Options m_options;
    std::optional<Settings::GuildConnection> m_connection;
};

} // namespace gavel::ui
