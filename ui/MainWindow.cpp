#include "MainWindow.h"

#include "AboutDialog.h"
#include "ConnectWizard.h"
#include "EmptyStatePage.h"
#include "GuildListModel.h"
#include "GuildOverviewPage.h"
#include "InvestigationView.h"
#include "Settings.h"
#include "SyncDialog.h"
#include "discord/KeychainTokenSource.h"
#include "store/Database.h"
#include "store/Queries.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace gavel::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_settings(std::make_unique<Settings>())
    , m_guildModel(new GuildListModel(this))
    , m_splitter(new QSplitter(this))
    , m_guildList(new QListView(this))
    , m_pages(new QStackedWidget(m_splitter))
    , m_emptyPage(new EmptyStatePage(m_pages))
    , m_overviewPage(new GuildOverviewPage(m_pages))
    , m_investigation(new InvestigationView(m_pages))
    , m_investigationStatus(new QLabel(this))
    , m_databaseLabel(new QLabel(this))
    , m_serviceLabel(new QLabel(this))
{
    setWindowTitle(tr("Gavel"));
    setObjectName(QStringLiteral("MainWindow"));

    m_guildList->setModel(m_guildModel);
    m_guildList->setObjectName(QStringLiteral("guildList"));
    m_guildList->setAccessibleName(tr("Guilds"));
    m_guildList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_guildList->setMinimumWidth(180);
    connect(m_guildList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::showCurrentGuild);

    m_pages->addWidget(m_emptyPage);
    m_pages->addWidget(m_overviewPage);
    m_pages->addWidget(m_investigation);
    connect(m_investigation, &InvestigationView::statusChanged, m_investigationStatus,
            &QLabel::setText);
    // The list gets a heading with a mnemonic, so Alt+G moves the focus to it.
    auto *guildPane = new QWidget(m_splitter);
    auto *guildHeading = new QLabel(tr("&Guilds"), guildPane);
    guildHeading->setBuddy(m_guildList);
    QFont headingFont = guildHeading->font();
    headingFont.setBold(true);
    guildHeading->setFont(headingFont);
    auto *guildLayout = new QVBoxLayout(guildPane);
    guildLayout->setContentsMargins(6, 6, 0, 0);
    guildLayout->addWidget(guildHeading);
    guildLayout->addWidget(m_guildList);
    m_splitter->addWidget(guildPane);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({220, 800});
    setCentralWidget(m_splitter);

    connect(m_emptyPage, &EmptyStatePage::openDatabaseRequested, this, &MainWindow::chooseDatabase);
    connect(m_emptyPage, &EmptyStatePage::connectRequested, this, [this] { showConnectWizard(); });
    connect(m_emptyPage, &EmptyStatePage::openDemoRequested, this, [this] {
        if (m_demoLauncher)
            m_demoLauncher();
    });

    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_investigationStatus);
    statusBar()->addPermanentWidget(m_serviceLabel);

    createActions();
    setDemoLauncher({});

    resize(1100, 720);
    restoreGeometry(m_settings->windowGeometry());
    restoreState(m_settings->windowState());
    m_splitter->restoreState(m_settings->splitterState());
    m_databaseLabel->setText(tr("No database open"));
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Database…"), this, &MainWindow::chooseDatabase);
    open->setShortcut(QKeySequence::Open);
    QAction *team =
        file->addAction(tr("Connect to a &Team Database…"), this, &MainWindow::connectTeamDatabase);
    team->setStatusTip(tr("Open a PostgreSQL database that several moderators share"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_demoAction = file->addAction(tr("Open the &Demo Guild"), this, [this] {
        if (m_demoLauncher)
            m_demoLauncher();
    });
    m_demoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    file->addSeparator();
    m_reloadAction = file->addAction(tr("Re&load"), this, &MainWindow::reload);
    // F5 only: QKeySequence::Refresh also means Ctrl+R on some desktops, which is Sync now.
    m_reloadAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_reloadAction->setEnabled(false);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *guild = menuBar()->addMenu(tr("&Guild"));
    QAction *connectGuild =
        guild->addAction(tr("&Connect a Guild…"), this, [this] { showConnectWizard(); });
    connectGuild->setObjectName(QStringLiteral("connectAction"));
    connectGuild->setStatusTip(tr("Paste a bot token, check its permissions and sync a guild"));
    m_syncAction = guild->addAction(tr("&Sync Now"), this, [this] { syncNow(); });
    m_syncAction->setObjectName(QStringLiteral("syncAction"));
    m_syncAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_syncAction->setStatusTip(tr("Read what is new in the guild into the open database"));

    // The investigation's navigation, listed with its shortcuts (Ctrl+1..4, Alt+Left/Right).
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_investigation->navigationActions());
    view->addSeparator();
    view->addMenu(Settings::createLanguageMenu(this));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Gavel"), this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    rebuildRecentMenu();
}

void MainWindow::setDemoLauncher(std::function<void()> launcher)
{
    m_demoLauncher = std::move(launcher);
    const bool available = static_cast<bool>(m_demoLauncher);
    m_demoAction->setVisible(available);
    m_emptyPage->setDemoAvailable(available);
}

void MainWindow::setServiceStatus(const QString &text)
{
    m_serviceLabel->setText(text);
}

void MainWindow::setSyncConnection(SyncConnection connection)
{
    m_syncConnection = std::move(connection);
}

ConnectWizard *MainWindow::showConnectWizard()
{
    ConnectWizard::Options options;
    options.database = m_location;
    options.demoAvailable = static_cast<bool>(m_demoLauncher);
    auto *wizard = new ConnectWizard(options, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    connect(wizard, &ConnectWizard::demoRequested, this, [this] {
        if (m_demoLauncher)
            m_demoLauncher();
    });
    connect(wizard, &ConnectWizard::guildConnected, this,
            [this](const QString &database, quint64 guildId) {
                // A demo connection would send "Sync now" for this guild to the emulator.
                if (m_syncConnection && m_syncConnection->guildId != guildId)
                    m_syncConnection.reset();
                if (database != m_location)
                    openDatabase(database);
                else
                    reload();
                selectGuild(guildId);
            });
    wizard->show();
    return wizard;
}

bool MainWindow::isFirstRun() const
{
    return m_guildModel->rowCount() == 0 && m_settings->connections().isEmpty();
}

SyncDialog *MainWindow::syncNow()
{
    const auto location = store::Location::parse(m_location);
    if (m_location.isEmpty() || !location) {
        QMessageBox::information(this, tr("Sync"),
                                 tr("Open a database first: the sync writes into it."));
        return nullptr;
    }
    SyncConnection connection = m_syncConnection.value_or(SyncConnection{});
    const quint64 selected = currentGuildId();
    // A guild connected with the wizard syncs from where it was connected (its API base).
    if (selected != 0 && selected != connection.guildId) {
        if (const auto remembered = m_settings->connection(selected)) {
            connection = SyncConnection{};
            connection.apiBase = remembered->apiBase;
            connection.guildName = remembered->guildName;
        }
    }
    const quint64 guildId = connection.guildId ? connection.guildId : selected;
    if (guildId == 0) {
        QMessageBox::information(this, tr("Sync"), tr("Select the guild to sync in the list."));
        return nullptr;
    }
    if (connection.apiBase.isEmpty())
        connection.apiBase = QUrl(QStringLiteral("https://discord.com/api/v10"));
    if (!connection.token)
        connection.token = std::make_shared<discord::GuildTokenSource>(guildId);
    if (connection.guildName.isEmpty()) {
        const int row = m_guildModel->rowOf(guildId);
        connection.guildName = row >= 0 ? m_guildModel->guilds().at(row).name : QString();
    }
    sync::Options options;
    options.guildId = guildId;
    options.globalPerSecond = connection.globalPerSecond;
    auto *dialog =
        new SyncDialog(SyncDialog::Request{*location, connection.apiBase, connection.token, options,
                                           connection.guildName},
                       this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &SyncDialog::syncFinished, this, [this, dialog, guildId] {
        reload();
        selectGuild(guildId);
        statusBar()->showMessage(dialog->outcomeText(), 30'000);
    });
    dialog->start();
    return dialog;
}

bool MainWindow::openDatabase(const QString &location, bool createIfMissing)
{
    m_database.reset();
    m_location.clear();
    m_guildModel->setGuilds({});
    m_reloadAction->setEnabled(false);

    const auto parsed = store::Location::parse(location);
    store::OpenOptions options;
    options.createIfMissing = createIfMissing;
    auto database = parsed ? store::Database::open(*parsed, options)
                           : Result<std::unique_ptr<store::Database>>(parsed.error());
    if (!database) {
        m_databaseLabel->setText(tr("No database open"));
        m_emptyPage->setReason(EmptyStatePage::Reason::DatabaseError, database.error().text());
        m_pages->setCurrentWidget(m_emptyPage);
        return false;
    }
    m_database = std::move(*database);
    m_location = location;
    m_databaseLabel->setText(tr("Database: %1").arg(parsed->display()));
    m_reloadAction->setEnabled(true);
    m_settings->setLastDatabase(location);
    m_settings->addRecentDatabase(location);
    rebuildRecentMenu();
    reload();
    return true;
}

void MainWindow::reload()
{
    if (!m_database)
        return;
    const quint64 previous = currentGuildId();
    const auto guilds = store::listGuilds(*m_database);
    if (!guilds) {
        m_emptyPage->setReason(EmptyStatePage::Reason::DatabaseError, guilds.error().text());
        m_pages->setCurrentWidget(m_emptyPage);
        return;
    }
    QList<GuildItem> items;
    items.reserve(guilds->size());
    for (const store::GuildSummary &g : *guilds) {
        items.append({g.id, g.name, g.source, g.lastSyncedAt.value_or(0), g.members, g.channels,
                      g.messages, g.reactions});
    }
    m_guildModel->setGuilds(std::move(items));
    if (m_guildModel->rowCount() == 0) {
        m_emptyPage->setReason(EmptyStatePage::Reason::NoGuilds);
        m_pages->setCurrentWidget(m_emptyPage);
        return;
    }
    if (!selectGuild(previous))
        m_guildList->setCurrentIndex(m_guildModel->index(0));
}

quint64 MainWindow::currentGuildId() const
{
    const QModelIndex current = m_guildList->currentIndex();
    return current.isValid() ? current.data(GuildListModel::IdRole).value<quint64>() : 0;
}

bool MainWindow::selectGuild(quint64 id)
{
    const int row = m_guildModel->rowOf(id);
    if (row < 0)
        return false;
    m_guildList->setCurrentIndex(m_guildModel->index(row));
    return true;
}

void MainWindow::showCurrentGuild()
{
    const int row = m_guildList->currentIndex().row();
    if (row < 0 || row >= m_guildModel->rowCount()) {
        m_investigation->closeGuild();
        m_investigationStatus->clear();
        m_pages->setCurrentWidget(m_emptyPage);
        return;
    }
    const GuildItem &guild = m_guildModel->guilds().at(row);
    setWindowTitle(tr("%1 — Gavel").arg(guild.name));
    const auto location = store::Location::parse(m_location);
    // A guild without history has nothing to investigate yet: its overview says what is stored.
    if (guild.messages > 0 && location) {
        m_investigation->openGuild(*location, guild.id, guild.lastSyncedMs);
        m_pages->setCurrentWidget(m_investigation);
        return;
    }
    m_investigation->closeGuild();
    m_investigationStatus->clear();
    m_overviewPage->setGuild(guild);
    m_pages->setCurrentWidget(m_overviewPage);
}

void MainWindow::chooseDatabase()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a Gavel database"), QString(),
                                     tr("Gavel databases (*.sqlite *.db *.gavel);;All files (*)"));
    if (!path.isEmpty())
        openDatabase(path);
}

QString MainWindow::teamDatabaseUrl(const QString &host, int port, const QString &database,
                                    const QString &user)
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(host.trimmed());
    url.setPort(port);
    url.setUserName(user.trimmed());
    url.setPath(u"/"_s + database.trimmed());
    return url.toString(QUrl::FullyEncoded);
}

void MainWindow::connectTeamDatabase()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Connect to a Team Database"));
    auto *host = new QLineEdit(u"localhost"_s, &dialog);
    auto *port = new QSpinBox(&dialog);
    port->setRange(1, 65535);
    port->setValue(5432);
    auto *database = new QLineEdit(u"gavel"_s, &dialog);
    auto *user = new QLineEdit(qEnvironmentVariable("USER"), &dialog);
    auto *password = new QLineEdit(&dialog);
    password->setEchoMode(QLineEdit::Password);
    password->setPlaceholderText(tr("empty: from ~/.pgpass or the server's trust rules"));
    auto *explanation = new QLabel(
        tr("Moderators and admins who share one PostgreSQL database see each other's "
           "proposals, decisions and cluster reviews. Your administrator gives you a login "
           "with the grants in docs/moderation.md. The password is used for this session "
           "only and never saved."),
        &dialog);
    explanation->setWordWrap(true);
    explanation->setTextFormat(Qt::PlainText);
    auto *form = new QFormLayout;
    form->addRow(tr("&Host:"), host);
    form->addRow(tr("&Port:"), port);
    form->addRow(tr("&Database:"), database);
    form->addRow(tr("&User:"), user);
    form->addRow(tr("Pass&word:"), password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // libpq reads PGPASSWORD for every connection of this process (the views' workers open
    // their own), and the remembered location stays free of it.
    if (!password->text().isEmpty())
        qputenv("PGPASSWORD", password->text().toUtf8());
    openDatabase(teamDatabaseUrl(host->text(), port->value(), database->text(), user->text()),
                 false);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings->recentDatabases();
    for (const QString &location : recent) {
        m_recentMenu->addAction(location, this,
                                [this, location] { openDatabase(location, false); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setSplitterState(m_splitter->saveState());
    event->accept();
}

} // namespace gavel::ui
