#pragma once

#include <QMainWindow>

#include <functional>
#include <memory>

class QLabel;
class QListView;
class QMenu;
class QSplitter;
class QStackedWidget;

namespace gavel::store {
class Database;
}

namespace gavel::ui {

class EmptyStatePage;
class GuildListModel;
class GuildOverviewPage;
class Settings;

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
    //! Re-reads the guild list of the open database (after a sync, say).
    void reload();
    QString databaseLocation() const { return m_location; }

    //! Called by "Open the demo guild"; the action is hidden while none is set.
    void setDemoLauncher(std::function<void()> launcher);

    //! Shows a message in the status bar's permanent area (e.g. the emulator's address).
    void setServiceStatus(const QString &text);

    GuildListModel *guildModel() const { return m_guildModel; }
    quint64 currentGuildId() const;
    bool selectGuild(quint64 id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void chooseDatabase();
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
    QMenu *m_recentMenu = nullptr;
    QAction *m_demoAction = nullptr;
    QAction *m_reloadAction = nullptr;
    QLabel *m_databaseLabel;
    QLabel *m_serviceLabel;
};

} // namespace gavel::ui
