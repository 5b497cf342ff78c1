#include "DemoSession.h"

#include "DemoData.h"
#include "MainWindow.h"
#include "SyncDialog.h"
#include "discord/Token.h"
#include "emulator/Server.h"
#include "emulator/Snapshot.h"
#include "store/Location.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QStatusBar>
#include <QtConcurrent>

#include <atomic>

namespace gavel::cli {

namespace {
//! The emulator's token: not a secret, so it needs neither keychain nor environment.
class EmulatorTokenSource final : public discord::TokenSource
{
public:
    explicit EmulatorTokenSource(QString token)
        : m_token(std::move(token))
    {}
    Result<discord::Token> token() const override { return discord::Token(m_token.toUtf8()); }
    QString describe() const override { return QStringLiteral("the demo emulator's token"); }

private:
    QString m_token;
};
} // namespace

DemoSession::DemoSession(ui::MainWindow &window)
    : QObject(&window)
    , m_window(window)
{}

DemoSession::~DemoSession() = default;

bool DemoSession::isServing() const
{
    return m_server != nullptr;
}

void DemoSession::start()
{
    if (m_starting || m_syncing)
        return;
    if (m_server) {
        m_window.openDatabase(demoDatabasePath());
        return;
    }
    m_starting = true;

    auto *dialog =
        new QProgressDialog(tr("Preparing the demo guild…"), tr("Cancel"), 0, 100, &m_window);
    dialog->setWindowTitle(tr("Demo guild"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);

    auto cancelled = std::make_shared<std::atomic_bool>(false);
    connect(dialog, &QProgressDialog::canceled, this, [cancelled] { *cancelled = true; });
    QPointer<QProgressDialog> progressTarget(dialog);
    // Generating (first run only) and loading the snapshot both run on the worker: loading the
    // default demo alone takes about half a second, too long to freeze the window for.
    using Loaded = Result<std::shared_ptr<emulator::Snapshot>>;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, dialog] {
        const Loaded result = watcher->result();
        watcher->deleteLater();
        dialog->deleteLater();
        m_starting = false;
        if (!result) {
            if (!dialog->wasCanceled()) {
                QMessageBox::warning(
                    &m_window, tr("Demo guild"),
                    tr("The demo guild could not be prepared: %1").arg(result.error().text()));
            }
            return;
        }
        serve(std::move(**result));
    });
    watcher->setFuture(QtConcurrent::run([cancelled, progressTarget]() -> Loaded {
        const Result<QString> path = ensureDemoSnapshot([cancelled, progressTarget](int percent) {
            QMetaObject::invokeMethod(
                qApp,
                [progressTarget, percent] {
                    if (progressTarget)
                        progressTarget->setValue(percent);
                },
                Qt::QueuedConnection);
            return !cancelled->load();
        });
        if (!path)
            return path.error();
        auto snapshot = emulator::Snapshot::load(*path);
        if (!snapshot)
            return snapshot.error();
        return std::make_shared<emulator::Snapshot>(std::move(*snapshot));
    }));
}

void DemoSession::serve(emulator::Snapshot snapshot)
{
    const quint64 guildId = snapshot.guildId();
    const QString guildName =
        QJsonDocument::fromJson(snapshot.guildJson()).object().value(u"name").toString();
    auto server = std::make_unique<emulator::ServerThread>();
    emulator::ServerOptions options;
    // Discord's limits would make the first demo sync take more than an hour (one channel's
    // reaction bucket alone: docs/benchmarks.md, Sync); the demo shows the data, the
    // benchmarks show the rate limiting.
    options.rateLimits = false;
    const auto port = server->start(std::move(snapshot), options);
    if (!port) {
        QMessageBox::warning(
            &m_window, tr("Demo guild"),
            tr("The Discord emulator could not start: %1").arg(port.error().text()));
        return;
    }
    m_server = std::move(server);
    m_window.setServiceStatus(tr("Demo guild served at http://127.0.0.1:%1/api/v10").arg(*port));
    m_window.setSyncConnection({QUrl(m_server->server()->apiBase()),
                                std::make_shared<EmulatorTokenSource>(options.token), guildId,
                                guildName, 0});
    syncThenShow(guildId, guildName);
}

void DemoSession::syncThenShow(quint64 guildId, const QString &guildName)
{
    // Synced before it is shown, over HTTP like a real guild: the first run reads everything,
    // later runs (the database is kept) only what is new.
    m_syncing = true;
    sync::Options options;
    options.guildId = guildId;
    options.globalPerSecond =
        0; // the emulator runs without limits, so the client need not keep any
    auto *dialog = new ui::SyncDialog(
        ui::SyncDialog::Request{
            store::Location::sqliteFile(demoDatabasePath()), QUrl(m_server->server()->apiBase()),
            std::make_shared<EmulatorTokenSource>(m_server->server()->options().token), options,
            guildName},
        &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &ui::SyncDialog::syncFinished, this, [this, dialog, guildId] {
        m_syncing = false;
        // Also after a failure or cancel: what was stored is worth showing, and the dialog
        // (left open on failure) says what went wrong.
        m_window.openDatabase(demoDatabasePath());
        m_window.selectGuild(guildId);
        m_window.statusBar()->showMessage(dialog->outcomeText(), 30'000);
    });
    dialog->start();
}

} // namespace gavel::cli
