#include "ConnectWizard.h"

#include "SyncDialog.h"
#include "discord/KeychainTokenSource.h"
#include "store/Location.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace gavel::ui {

namespace {

QLabel *plainLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

//! The pasted token, for the checks and the first sync, whatever the storage.
class PastedTokenSource final : public discord::TokenSource
{
public:
    explicit PastedTokenSource(QString token)
        : m_token(std::move(token))
    {}
    Result<discord::Token> token() const override { return discord::Token(m_token.toUtf8()); }
    QString describe() const override { return QStringLiteral("the token pasted in the wizard"); }

private:
    QString m_token;
};

} // namespace

//! Page 1: a real guild or the demo.
class ConnectStartPage : public QWizardPage
{
public:
    explicit ConnectStartPage(bool demoAvailable)
    {
        setTitle(ConnectWizard::tr("Connect a guild"));
        setSubTitle(ConnectWizard::tr(
            "Gavel reads a guild's history through a Discord bot that you invite."));
        m_connect =
            new QRadioButton(ConnectWizard::tr("&Connect a guild with its bot token"), this);
        m_connect->setObjectName(QStringLiteral("chooseConnect"));
        m_demo = new QRadioButton(
            ConnectWizard::tr("Open the &demo guild (a made-up community served by "
                              "Gavel's built-in Discord emulator)"),
            this);
        m_demo->setObjectName(QStringLiteral("chooseDemo"));
        m_demo->setEnabled(demoAvailable);
        m_connect->setChecked(true);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_connect);
        layout->addWidget(m_demo);
        layout->addStretch();
        connect(m_demo, &QRadioButton::toggled, this, [this] { Q_EMIT completeChanged(); });
    }
    int nextId() const override { return m_demo->isChecked() ? -1 : ConnectWizard::TokenPageId; }
    bool demoChosen() const { return m_demo->isChecked(); }

private:
    QRadioButton *m_connect;
    QRadioButton *m_demo;
};

//! Page 2: the token, where it will be kept, and the API address.
class ConnectTokenPage : public QWizardPage
{
public:
    explicit ConnectTokenPage(const QUrl &apiBase)
    {
        setTitle(ConnectWizard::tr("Paste the bot token"));
        setSubTitle(ConnectWizard::tr(
            "Discord Developer Portal → your application → Bot → Reset Token, then "
            "copy the token and paste it here."));
        m_token = new QLineEdit(this);
        m_token->setObjectName(QStringLiteral("token"));
        m_token->setEchoMode(QLineEdit::Password);
        m_token->setAccessibleName(ConnectWizard::tr("Bot token"));
        auto *show = new QPushButton(ConnectWizard::tr("S&how"), this);
        show->setObjectName(QStringLiteral("showToken"));
        show->setCheckable(true);
        connect(show, &QPushButton::toggled, this, [this, show](bool on) {
            m_token->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
            show->setText(on ? ConnectWizard::tr("H&ide") : ConnectWizard::tr("S&how"));
        });
        m_keychain = plainLabel(QStringLiteral("keychainStatus"), this);
        m_keychain->setText(ConnectWizard::tr("Looking for the system keychain…"));
        m_warning = plainLabel(QStringLiteral("plainFileWarning"), this);
        m_warning->setText(ConnectWizard::tr(
            "Warning: a plain file is not encrypted. Anyone who can read your home "
            "directory (other administrators, backups, malware running as you) can read the "
            "token and act as your bot. Without this box the token is used for this session "
            "only and not stored."));
        m_warning->hide();
        m_plainFile = new QCheckBox(
            ConnectWizard::tr("Store the token in a &plain file (readable by anyone who "
                              "can read your home directory)"),
            this);
        m_plainFile->setObjectName(QStringLiteral("plainFile"));
        m_plainFile->hide();
        m_api = new QLineEdit(apiBase.toString(), this);
        m_api->setObjectName(QStringLiteral("apiBase"));
        auto *advanced = new QCheckBox(ConnectWizard::tr("Show &advanced settings"), this);
        auto *apiRow = new QWidget(this);
        auto *apiForm = new QFormLayout(apiRow);
        apiForm->setContentsMargins(0, 0, 0, 0);
        apiForm->addRow(ConnectWizard::tr("API &base URL:"), m_api);
        apiRow->setVisible(false);
        connect(advanced, &QCheckBox::toggled, apiRow, &QWidget::setVisible);

        auto *tokenRow = new QHBoxLayout;
        tokenRow->addWidget(m_token, 1);
        tokenRow->addWidget(show);
        auto *layout = new QVBoxLayout(this);
        auto *tokenLabel = new QLabel(ConnectWizard::tr("Bot &token:"), this);
        tokenLabel->setBuddy(m_token);
        layout->addWidget(tokenLabel);
        layout->addLayout(tokenRow);
        layout->addSpacing(8);
        layout->addWidget(m_keychain);
        layout->addWidget(m_warning);
        layout->addWidget(m_plainFile);
        layout->addStretch();
        layout->addWidget(advanced);
        layout->addWidget(apiRow);
        connect(m_token, &QLineEdit::textChanged, this, [this] { Q_EMIT completeChanged(); });
        connect(m_api, &QLineEdit::textChanged, this, [this] { Q_EMIT completeChanged(); });
        probeKeychain();
    }

    bool isComplete() const override
    {
        const QUrl api(m_api->text().trimmed());
        return m_probed && discord::Token(m_token->text().toUtf8()).validate({}).ok() &&
               api.isValid() && (api.scheme() == u"https" || api.scheme() == u"http");
    }
    QString token() const { return m_token->text().trimmed(); }
    QUrl apiBase() const { return QUrl(m_api->text().trimmed()); }
    bool keychainAvailable() const { return m_keychainAvailable; }
    Settings::TokenStorage storage() const
    {
        if (m_keychainAvailable)
            return Settings::TokenStorage::Keychain;
        return m_plainFile->isChecked() ? Settings::TokenStorage::PlainFile
                                        : Settings::TokenStorage::Session;
    }

private:
    void probeKeychain()
    {
        // A lookup of an entry nobody stores tells a working keychain (not found) from none;
        // off the GUI thread, since a keychain may take seconds to answer.
        using Lookup = discord::KeychainTokenSource::Lookup;
        auto *watcher = new QFutureWatcher<Lookup>(this);
        connect(watcher, &QFutureWatcher<Lookup>::finished, this, [this, watcher] {
            const Lookup found = watcher->result();
            watcher->deleteLater();
            m_probed = true;
            using Status = discord::KeychainTokenSource::Status;
            m_keychainAvailable = found.status == Status::Found || found.status == Status::NotFound;
            if (m_keychainAvailable) {
                m_keychain->setText(
                    ConnectWizard::tr("The token will be stored in the system keychain "
                                      "(service “Gavel”), never in a file."));
            } else {
                m_keychain->setText(
                    ConnectWizard::tr(
                        "No system keychain is available (%1). Gavel stores tokens in a Secret "
                        "Service keychain: install and start one, such as gnome-keyring (package "
                        "gnome-keyring) or KeePassXC with Secret Service integration, then run "
                        "this wizard again.")
                        .arg(found.detail.isEmpty() ? found.error.message : found.detail));
                m_warning->show();
                m_plainFile->show();
            }
            Q_EMIT completeChanged();
        });
        watcher->setFuture(
            QtConcurrent::run([] { return discord::KeychainTokenSource(0, 10'000).lookup(); }));
    }

    QLineEdit *m_token;
    QLabel *m_keychain;
    QLabel *m_warning;
    QCheckBox *m_plainFile;
    QLineEdit *m_api;
    bool m_probed = false;
    bool m_keychainAvailable = false;
};

//! Page 3: the checks, on a worker thread, with what to fix.
class ConnectCheckPage : public QWizardPage
{
public:
    explicit ConnectCheckPage(ConnectWizard *wizard, ConnectTokenPage *tokenPage)
        : m_wizard(wizard)
        , m_tokenPage(tokenPage)
    {
        setTitle(ConnectWizard::tr("Check the bot"));
        setSubTitle(ConnectWizard::tr(
            "Gavel asks Discord who the token belongs to, which guilds the bot is in, "
            "its permissions there and its privileged intents."));
        setCommitPage(true);
        setButtonText(QWizard::CommitButton, ConnectWizard::tr("Store the token and &sync"));
        m_step = plainLabel(QStringLiteral("checkStep"), this);
        m_progress = new QProgressBar(this);
        m_progress->setObjectName(QStringLiteral("checkProgress"));
        m_progress->setRange(0, 0);
        m_error = plainLabel(QStringLiteral("checkError"), this);
        m_guilds = new QComboBox(this);
        m_guilds->setObjectName(QStringLiteral("guildCombo"));
        m_guilds->setAccessibleName(ConnectWizard::tr("Guild"));
        m_findings = plainLabel(QStringLiteral("findings"), this);
        m_integer = plainLabel(QStringLiteral("permissionInteger"), this);
        m_invite = new QLineEdit(this);
        m_invite->setObjectName(QStringLiteral("inviteUrl"));
        m_invite->setReadOnly(true);
        auto *copy = new QPushButton(ConnectWizard::tr("&Copy"), this);
        copy->setObjectName(QStringLiteral("copyInvite"));
        connect(copy, &QPushButton::clicked, this,
                [this] { QGuiApplication::clipboard()->setText(m_invite->text()); });
        auto *recheck = new QPushButton(ConnectWizard::tr("Check &again"), this);
        recheck->setObjectName(QStringLiteral("recheck"));
        connect(recheck, &QPushButton::clicked, this, [this] { startCheck(); });
        connect(m_guilds, &QComboBox::activated, this, [this] { checkSelectedGuild(); });

        m_inviteBox = new QWidget(this);
        auto *inviteLayout = new QVBoxLayout(m_inviteBox);
        inviteLayout->setContentsMargins(0, 0, 0, 0);
        inviteLayout->addWidget(m_integer);
        auto *inviteRow = new QHBoxLayout;
        inviteRow->addWidget(m_invite, 1);
        inviteRow->addWidget(copy);
        inviteLayout->addLayout(inviteRow);
        m_inviteBox->hide();

        auto *form = new QFormLayout;
        form->addRow(ConnectWizard::tr("&Guild:"), m_guilds);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_step);
        layout->addWidget(m_progress);
        layout->addWidget(m_error);
        layout->addLayout(form);
        layout->addWidget(m_findings, 1);
        layout->addWidget(m_inviteBox);
        layout->addWidget(recheck, 0, Qt::AlignLeft);
    }
    ~ConnectCheckPage() override { stopWorker(); }

    void initializePage() override { startCheck(); }
    void cleanupPage() override { stopWorker(); }
    bool isComplete() const override { return m_report && m_report->canSync(); }

    bool validatePage() override
    {
        // The token is stored only now, after Discord accepted it and the user went on.
        const Settings::TokenStorage storage = m_tokenPage->storage();
        Result<void> stored;
        if (storage == Settings::TokenStorage::Keychain)
            stored = discord::KeychainTokenSource::store(m_report->guildId, m_tokenPage->token());
        else if (storage == Settings::TokenStorage::PlainFile)
            stored = discord::TokenFile::store(m_report->guildId, m_tokenPage->token());
        if (!stored) {
            m_error->setText(stored.error().text());
            return false;
        }
        Settings::GuildConnection connection{m_report->guildId, m_report->guildName,
                                             m_tokenPage->apiBase(), storage,
                                             m_wizard->m_options.database};
        Settings().setConnection(connection);
        m_wizard->m_connection = connection;
        stopWorker();
        return true;
    }

    const std::optional<discord::ConnectionReport> &report() const { return m_report; }

private:
    void stopWorker()
    {
        if (!m_thread)
            return;
        discord::ConnectionCheck *check = m_check;
        QMetaObject::invokeMethod(check, [check] {
            delete check;
            QThread::currentThread()->quit();
        });
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        m_check = nullptr;
    }

    void busy(bool on)
    {
        m_progress->setVisible(on);
        if (!on)
            m_step->clear();
    }

    void startCheck()
    {
        stopWorker();
        m_report.reset();
        m_error->clear();
        m_findings->clear();
        m_inviteBox->hide();
        m_guilds->clear();
        m_guilds->setEnabled(false);
        busy(true);
        Q_EMIT completeChanged();
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("connection-check"));
        m_check = new discord::ConnectionCheck(m_tokenPage->apiBase(),
                                               discord::Token(m_tokenPage->token().toUtf8()));
        m_check->moveToThread(m_thread);
        connect(m_check, &discord::ConnectionCheck::step, m_step, &QLabel::setText);
        connect(m_check, &discord::ConnectionCheck::identified, this,
                [this](const Result<discord::BotIdentity> &result) { identified(result); });
        connect(m_check, &discord::ConnectionCheck::guildChecked, this,
                [this](const Result<discord::ConnectionReport> &result) { checked(result); });
        m_thread->start();
        discord::ConnectionCheck *check = m_check;
        QMetaObject::invokeMethod(check, [check] { check->identify(); });
    }

    void identified(const Result<discord::BotIdentity> &result)
    {
        if (!result) {
            busy(false);
            m_error->setText(result.error().text());
            return;
        }
        m_bot = *result;
        if (m_bot.guilds.isEmpty()) {
            busy(false);
            m_error->setText(discord::noGuildsError(m_bot).text());
            showInvite();
            return;
        }
        for (const discord::GuildChoice &guild : std::as_const(m_bot.guilds))
            m_guilds->addItem(guild.name, QString::number(guild.id));
        m_guilds->setEnabled(m_bot.guilds.size() > 1);
        checkSelectedGuild();
    }

    void checkSelectedGuild()
    {
        if (!m_check || m_guilds->currentIndex() < 0)
            return;
        m_report.reset();
        m_findings->clear();
        m_error->clear();
        busy(true);
        Q_EMIT completeChanged();
        const quint64 guildId = m_guilds->currentData().toString().toULongLong();
        discord::ConnectionCheck *check = m_check;
        QMetaObject::invokeMethod(check, [check, guildId] { check->checkGuild(guildId); });
    }

    void checked(const Result<discord::ConnectionReport> &result)
    {
        busy(false);
        if (!result) {
            m_error->setText(result.error().text());
            return;
        }
        m_report = *result;
        QStringList lines;
        bool anyMissing = false;
        for (const discord::CheckItem &item : std::as_const(m_report->items)) {
            QString mark;
            switch (item.state) {
            case discord::CheckItem::State::Ok:
                mark = ConnectWizard::tr("✔ OK");
                break;
            case discord::CheckItem::State::Missing:
                mark = ConnectWizard::tr("✘ Missing");
                anyMissing = true;
                break;
            case discord::CheckItem::State::Warning:
                mark = ConnectWizard::tr("⚠ Recommended");
                anyMissing = true;
                break;
            }
            QString line = mark + u"  " + item.title + u" — " + item.detail;
            if (!item.fix.isEmpty())
                line += u"\n    " + ConnectWizard::tr("Fix: %1").arg(item.fix);
            lines << line;
        }
        m_findings->setText(lines.join(u'\n'));
        if (m_report->missingPermissions != 0 || anyMissing)
            showInvite();
        m_error->setText(
            m_report->canSync()
                ? QString()
                : ConnectWizard::tr("The bot cannot sync this guild yet: fix what is marked "
                                    "missing, then press Check again."));
        Q_EMIT completeChanged();
    }

    void showInvite()
    {
        const quint64 bits = discord::neededPermissionBits();
        m_integer->setText(ConnectWizard::tr("Invite URL with the permissions integer %1 = %2:")
                               .arg(bits)
                               .arg(discord::describePermissionBits(bits)));
        m_invite->setText(discord::inviteUrl(m_bot.applicationId).toString());
        m_inviteBox->show();
    }

    ConnectWizard *m_wizard;
    ConnectTokenPage *m_tokenPage;
    QThread *m_thread = nullptr;
    discord::ConnectionCheck *m_check = nullptr;
    discord::BotIdentity m_bot;
    std::optional<discord::ConnectionReport> m_report;
    QLabel *m_step;
    QProgressBar *m_progress;
    QLabel *m_error;
    QComboBox *m_guilds;
    QLabel *m_findings;
    QWidget *m_inviteBox;
    QLabel *m_integer;
    QLineEdit *m_invite;
};

//! Page 4: the first sync, with the sync dialog's progress embedded.
class ConnectSyncPage : public QWizardPage
{
public:
    ConnectSyncPage(ConnectWizard *wizard, ConnectTokenPage *tokenPage)
        : m_wizard(wizard)
        , m_tokenPage(tokenPage)
    {
        setTitle(ConnectWizard::tr("First sync"));
        setSubTitle(
            ConnectWizard::tr("Gavel reads the guild's channels, members, messages and reactions. "
                              "Later syncs read only what is new."));
        m_outcome = plainLabel(QStringLiteral("syncOutcome"), this);
        m_layout = new QVBoxLayout(this);
        m_layout->addWidget(m_outcome);
    }

    void initializePage() override
    {
        const auto connection = m_wizard->connection();
        const auto location = store::Location::parse(m_wizard->m_options.database);
        if (!connection || !location) {
            m_outcome->setText(location ? ConnectWizard::tr("No guild was checked.")
                                        : location.error().text());
            return;
        }
        sync::Options options;
        options.guildId = connection->guildId;
        m_sync = new SyncDialog(
            SyncDialog::Request{*location, connection->apiBase,
                                std::make_shared<PastedTokenSource>(m_tokenPage->token()), options,
                                connection->guildName},
            this);
        // The dialog's widgets, embedded: the same progress as "Sync now", inside the page.
        m_sync->setWindowFlags(Qt::Widget);
        m_layout->insertWidget(0, m_sync, 1);
        connect(m_sync, &SyncDialog::syncFinished, this, [this] {
            m_finished = true;
            m_outcome->setText(m_sync->outcomeText());
            Q_EMIT completeChanged();
        });
        m_sync->start();
    }
    bool isComplete() const override { return m_finished; }
    SyncDialog *syncView() const { return m_sync; }

private:
    ConnectWizard *m_wizard;
    ConnectTokenPage *m_tokenPage;
    QVBoxLayout *m_layout;
    QLabel *m_outcome;
    SyncDialog *m_sync = nullptr;
    bool m_finished = false;
};

ConnectWizard::ConnectWizard(Options options, QWidget *parent)
    : QWizard(parent)
    , m_options(std::move(options))
{
    setObjectName(QStringLiteral("ConnectWizard"));
    setWindowTitle(ConnectWizard::tr("Connect a Guild"));
    if (m_options.database.isEmpty())
        m_options.database = defaultDatabase();
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    auto *tokenPage = new ConnectTokenPage(m_options.apiBase);
    setPage(StartPageId, new ConnectStartPage(m_options.demoAvailable));
    setPage(TokenPageId, tokenPage);
    setPage(CheckPageId, new ConnectCheckPage(this, tokenPage));
    setPage(SyncPageId, new ConnectSyncPage(this, tokenPage));
    setStartId(StartPageId);
    resize(720, 560);
}

ConnectWizard::~ConnectWizard() = default;

QString ConnectWizard::defaultDatabase()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return QDir(folder).filePath(QStringLiteral("gavel.sqlite"));
}

void ConnectWizard::done(int result)
{
    if (result == QDialog::Accepted) {
        if (static_cast<ConnectStartPage *>(page(StartPageId))->demoChosen())
            Q_EMIT demoRequested();
        else if (m_connection)
            Q_EMIT guildConnected(m_options.database, m_connection->guildId);
    }
    QWizard::done(result);
}

} // namespace gavel::ui
