#include "DemoSession.h"

#include "DemoData.h"
#include "MainWindow.h"
#include "emulator/Server.h"
#include "emulator/Snapshot.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QtConcurrent>

#include <atomic>

namespace gavel::cli {

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
    if (m_starting)
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
    auto server = std::make_unique<emulator::ServerThread>();
    emulator::ServerOptions options;
    const auto port = server->start(std::move(snapshot), options);
    if (!port) {
        QMessageBox::warning(
            &m_window, tr("Demo guild"),
            tr("The Discord emulator could not start: %1").arg(port.error().text()));
        return;
    }
    m_server = std::move(server);
    m_window.setServiceStatus(tr("Demo guild served at http://127.0.0.1:%1/api/v10").arg(*port));
    m_window.openDatabase(demoDatabasePath());
}

} // namespace gavel::cli
