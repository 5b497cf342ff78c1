#pragma once

#include <QMainWindow>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QListView;
class QMenu;
class QSplitter;
class QStackedWidget;

namespace gavel::store {
class Database;
}
namespace gavel::discord {
class TokenSource;
}

namespace gavel::ui {

class ConnectWizard;
class EmptyStatePage;
class GuildListModel;
class GuildOverviewPage;
class InvestigationView;
class Settings;
class SyncDialog;

//! Gavel's main window: the guild list of the open database beside the selected guild.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /*!
     * Opens a database (SQLite path or postgresql:// URL) and lists its guilds.
     * On failure the window shows why and keeps nothing open; returns whether it worked.
     * createIfMissing = false refuses a SQLite file that is gone (a stale recent entry)
     * instead of silently starting an empty database there.
     */
    bool openDatabase(const QString &location, bool createIfMissing = true);
    //! The location a team database is opened with: `postgresql://user@host:port/database`,
    //! each part percent-encoded. Never holds the password (locations are remembered).
    static QString teamDatabaseUrl(const QString &host, int port, const QString &database,
                                   const QString &user);
    //! Re-reads the guild list of the open database (after a sync, say).
    void reload();
    QString databaseLocation() const { return m_location; }

    //! Called by "Open the demo guild"; the action is hidden while none is set.
    void setDemoLauncher(std::function<void()> launcher);

    //! Shows a message in the status bar's permanent area (e.g. the emulator's address).
    void setServiceStatus(const QString &text);

    //! Where "Sync now" reads a guild from. Empty parts take the defaults: Discord's API, the
    //! guild's keychain token else GAVEL_TOKEN, the selected guild and its listed name.
    struct SyncConnection
    {
        QUrl apiBase;
        std::shared_ptr<discord::TokenSource> token;
        quint64 guildId = 0;
        QString guildName;
        int globalPerSecond = 50; //!< the server's global limit; 0 when it has none (the demo)
    };
    void setSyncConnection(SyncConnection connection);
    /*!
     * "Sync now": opens the sync dialog (window-modal) on the open database and starts it;
     * when it ends the guild list is reloaded, the guild selected and the outcome shown in the
     * status bar. Returns the dialog (deleted when closed), or nullptr with a message when
     * there is no database or no guild to sync.
     */
    SyncDialog *syncNow();

    /*!
     * "Guild → Connect a Guild…": opens the connection wizard (window-modal, deleted when
     * closed) on the open database, or on ConnectWizard::defaultDatabase() when none is open.
     */
    ConnectWizard *showConnectWizard();
    //! True on a first run: no guild in the open database and no guild connected before.
    bool isFirstRun() const;

    GuildListModel *guildModel() const { return m_guildModel; }
    //! The dashboard, heatmap, clusters and audits of the selected guild (shown once it has
    //! messages; a guild without history shows its overview).
    InvestigationView *investigation() const { return m_investigation; }
    quint64 currentGuildId() const;
    bool selectGuild(quint64 id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void chooseDatabase();
    void connectTeamDatabase();
    void rebuildRecentMenu();
    void showCurrentGuild();

    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<store::Database> m_database;
    QString m_location;
    std::function<void()> m_demoLauncher;

    GuildListModel *m_guildModel;
    QSplitter *m_splitter;
    QListView *m_guildList;
    QStackedWidget *m_pages;
    EmptyStatePage *m_emptyPage;
    GuildOverviewPage *m_overviewPage;
    InvestigationView *m_investigation;
    QLabel *m_investigationStatus;
    QMenu *m_recentMenu = nullptr;
    QAction *m_demoAction = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_syncAction = nullptr;
    std::optional<SyncConnection> m_syncConnection;
    QLabel *m_databaseLabel;
    QLabel *m_serviceLabel;
};

} // namespace gavel::ui
