#include "SyncDialog.h"

#include "discord/Token.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QMutex>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QThread>
#include <QVBoxLayout>

namespace gavel::ui {

//! What the GUI thread and the worker share: the engine, for cancel(), while it exists.
struct SyncDialog::Shared
{
    QMutex mutex;
    sync::Engine *engine = nullptr;
    bool cancelRequested = false;
};

namespace {

QString phaseText(const QString &phase)
{
    if (phase == u"guild")
        return SyncDialog::tr("Reading the guild, its roles and emojis…");
    if (phase == u"channels")
        return SyncDialog::tr("Listing channels and threads…");
    if (phase == u"members")
        return SyncDialog::tr("Reading members…");
    if (phase == u"messages")
        return SyncDialog::tr("Reading messages and reactions…");
    if (phase == u"done")
        return SyncDialog::tr("Finishing…");
    return phase;
}

QString etaText(qint64 ms)
{
    if (ms < 0)
        return SyncDialog::tr("working it out");
    const qint64 seconds = (ms + 999) / 1000;
    if (seconds < 60)
        return SyncDialog::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return SyncDialog::tr("about %1 min").arg((seconds + 30) / 60);
    return SyncDialog::tr("about %1 h %2 min").arg(seconds / 3600).arg((seconds / 60) % 60);
}

QLabel *valueLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(QStringLiteral("0"), parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

SyncDialog::SyncDialog(Request request, QWidget *parent)
    : QDialog(parent)
    , m_request(std::move(request))
    , m_shared(std::make_shared<Shared>())
    , m_title(new QLabel(this))
    , m_phase(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_messages(valueLabel(this, QStringLiteral("messages")))
    , m_reactions(valueLabel(this, QStringLiteral("reactions")))
    , m_members(valueLabel(this, QStringLiteral("members")))
    , m_requests(valueLabel(this, QStringLiteral("requests")))
    , m_rateLimited(valueLabel(this, QStringLiteral("rateLimited")))
    , m_eta(valueLabel(this, QStringLiteral("eta")))
    , m_status(new QLabel(this))
    , m_errorPanel(new QTextBrowser(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("SyncDialog"));
    const QString guild = m_request.guildName.isEmpty() ? QString::number(m_request.options.guildId)
                                                        : m_request.guildName;
    setWindowTitle(tr("Sync — %1").arg(guild));

    m_title->setText(tr("Syncing %1 from %2").arg(guild, m_request.apiBase.toDisplayString()));
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_phase->setObjectName(QStringLiteral("phase"));
    m_phase->setText(tr("Starting…"));
    m_bar->setObjectName(QStringLiteral("channelProgress"));
    m_bar->setRange(0, 0);
    m_bar->setFormat(tr("%v of %m channels and threads"));
    m_bar->setAccessibleName(tr("Channels synced"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);

    auto *numbers = new QFormLayout;
    numbers->addRow(tr("Messages:"), m_messages);
    numbers->addRow(tr("Reactions:"), m_reactions);
    numbers->addRow(tr("Members:"), m_members);
    numbers->addRow(tr("Requests:"), m_requests);
    numbers->addRow(tr("Rate limited (429):"), m_rateLimited);
    numbers->addRow(tr("Time left:"), m_eta);

    // A failure must be readable and copyable: people paste it into a ticket or a search.
    m_errorPanel->setObjectName(QStringLiteral("errorPanel"));
    m_errorPanel->setOpenExternalLinks(false);
    m_errorPanel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_errorPanel->setAccessibleName(tr("Why the sync failed"));
    m_errorPanel->setMinimumHeight(110);
    m_errorPanel->hide();

    m_cancelButton = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_closeButton = m_buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &SyncDialog::cancel);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_phase);
    layout->addWidget(m_bar);
    layout->addLayout(numbers);
    layout->addWidget(m_status);
    layout->addWidget(m_errorPanel, 1);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);
}

SyncDialog::~SyncDialog()
{
    if (m_thread) {
        {
            const QMutexLocker lock(&m_shared->mutex);
            m_shared->cancelRequested = true;
            if (m_shared->engine)
                m_shared->engine->cancel();
        }
        // The engine promises finished() after cancel(); the worker quits right after it.
        m_thread->wait();
    }
}

void SyncDialog::start()
{
    if (m_outcome != Outcome::NotStarted)
        return;
    m_outcome = Outcome::Running;
    if (!isVisible())
        show();

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("sync"));
    // Runs on the worker: the engine is created there, so it and its client and database
    // connection live on that thread; its signals reach this dialog queued.
    connect(
        m_thread, &QThread::started, m_thread,
        [shared = m_shared, request = m_request, dialog = this] {
            auto *engine =
                new sync::Engine(request.location, request.apiBase, request.token, request.options);
            connect(engine, &sync::Engine::progress, dialog, &SyncDialog::showProgress);
            connect(engine, &sync::Engine::finished, dialog, &SyncDialog::finish);
            connect(engine, &sync::Engine::finished, engine, [shared, engine] {
                {
                    const QMutexLocker lock(&shared->mutex);
                    shared->engine = nullptr;
                }
                engine->deleteLater();
                QThread::currentThread()->quit();
            });
            {
                const QMutexLocker lock(&shared->mutex);
                shared->engine = engine;
                if (shared->cancelRequested)
                    engine->cancel();
            }
            engine->start();
        },
        Qt::DirectConnection);
    m_thread->start();
}

void SyncDialog::cancel()
{
    if (m_outcome != Outcome::Running || m_cancelling)
        return;
    m_cancelling = true;
    m_cancelButton->setEnabled(false);
    m_status->setText(tr("Stopping after the current page…"));
    const QMutexLocker lock(&m_shared->mutex);
    m_shared->cancelRequested = true;
    if (m_shared->engine)
        m_shared->engine->cancel();
}

void SyncDialog::reject()
{
    // Escape or the window's close button while syncing means "stop", not "hide and go on".
    if (m_outcome == Outcome::Running) {
        cancel();
        return;
    }
    QDialog::reject();
}

void SyncDialog::showProgress(const sync::Progress &progress)
{
    if (m_outcome != Outcome::Running)
        return;
    const QLocale locale;
    m_phase->setText(phaseText(progress.phase));
    if (progress.channelsTotal > 0) {
        m_bar->setRange(0, progress.channelsTotal);
        m_bar->setValue(progress.channelsDone);
    }
    m_messages->setText(locale.toString(progress.messages));
    m_reactions->setText(locale.toString(progress.reactions));
    m_members->setText(locale.toString(progress.members));
    m_requests->setText(tr("%1 (%2 per second)")
                            .arg(locale.toString(progress.requests),
                                 locale.toString(progress.requestsPerSecond, 'f', 1)));
    m_rateLimited->setText(locale.toString(progress.rateLimited));
    m_eta->setText(etaText(progress.etaMs));
}

void SyncDialog::finish(const Result<sync::Summary> &result)
{
    if (m_outcome != Outcome::Running)
        return;
    if (result) {
        m_summary = *result;
        m_outcome = result->cancelled ? Outcome::Cancelled : Outcome::Succeeded;
        if (m_outcome == Outcome::Succeeded && m_bar->maximum() > 0)
            m_bar->setValue(m_bar->maximum());
        Q_EMIT syncFinished(m_outcome);
        if (m_outcome == Outcome::Succeeded)
            accept();
        else
            QDialog::reject();
        return;
    }
    m_error = result.error();
    m_outcome = Outcome::Failed;
    m_phase->setText(tr("The sync stopped with an error."));
    m_status->setText(tr("What was stored before the error is kept; the next sync resumes "
                         "from there."));
    m_bar->setRange(0, std::max(1, m_bar->maximum()));
    m_errorPanel->setHtml(
        QStringLiteral("<p><b>%1</b></p><p>%2</p>")
            .arg(m_error->message.toHtmlEscaped(), m_error->hint.toHtmlEscaped()));
    m_errorPanel->show();
    m_cancelButton->hide();
    m_closeButton->show();
    m_closeButton->setFocus();
    Q_EMIT syncFinished(m_outcome);
}

QString SyncDialog::outcomeText() const
{
    switch (m_outcome) {
    case Outcome::NotStarted:
        return tr("Sync not started.");
    case Outcome::Running:
        return tr("Syncing…");
    case Outcome::Succeeded:
        return m_summary ? tr("Sync finished: %1").arg(m_summary->line()) : tr("Sync finished.");
    case Outcome::Cancelled:
        return tr("Sync cancelled; run it again to resume.");
    case Outcome::Failed:
        return tr("Sync failed: %1").arg(m_error ? m_error->text() : QString());
    }
    return {};
}

} // namespace gavel::ui
