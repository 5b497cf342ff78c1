#pragma once

#include "common/Result.h"
#include "store/Location.h"
#include "sync/Engine.h"

#include <QDialog>
#include <QUrl>

#include <memory>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QThread;

namespace gavel::discord {
class TokenSource;
}

namespace gavel::ui {

/*!
 * Runs one sync of a guild on a worker thread and shows how it goes: phase, a progress bar over
 * channels, counts, request rate, 429s and ETA; Cancel stops it after the page in flight; a
 * failure stays on screen with its message and hint as selectable text.
 */
class SyncDialog : public QDialog
{
    Q_OBJECT

public:
    struct Request
    {
        store::Location location;
        QUrl apiBase;
        std::shared_ptr<discord::TokenSource> token;
        sync::Options options;
        QString guildName; //!< for the title; the id when empty
    };

    enum class Outcome { NotStarted, Running, Succeeded, Cancelled, Failed };

    explicit SyncDialog(Request request, QWidget *parent = nullptr);
    //! Cancels a running sync and waits for its worker to end.
    ~SyncDialog() override;

    //! Starts the sync (once); the dialog shows itself if it is not visible yet.
    void start();
    //! Asks the engine to stop after the page in flight; the dialog closes when it has.
    void cancel();

    Outcome outcome() const { return m_outcome; }
    //! Set once the sync succeeded (also when it was cancelled: what it did so far).
    const std::optional<sync::Summary> &summary() const { return m_summary; }
    //! Set when it failed.
    const std::optional<Error> &error() const { return m_error; }
    //! One line for a status bar about how it ended.
    QString outcomeText() const;

Q_SIGNALS:
    //! Emitted once, when the worker has ended.
    void syncFinished(gavel::ui::SyncDialog::Outcome outcome);

protected:
    void reject() override;

private:
    struct Shared;
    void showProgress(const sync::Progress &progress);
    void finish(const Result<sync::Summary> &result);

    Request m_request;
    std::shared_ptr<Shared> m_shared;
    QThread *m_thread = nullptr;
    Outcome m_outcome = Outcome::NotStarted;
    bool m_cancelling = false;
    std::optional<sync::Summary> m_summary;
    std::optional<Error> m_error;

    QLabel *m_title;
    QLabel *m_phase;
    QProgressBar *m_bar;
    QLabel *m_messages;
    QLabel *m_reactions;
    QLabel *m_members;
    QLabel *m_requests;
    QLabel *m_rateLimited;
    QLabel *m_eta;
    QLabel *m_status;
    QTextBrowser *m_errorPanel;
    QDialogButtonBox *m_buttons;
    QPushButton *m_cancelButton;
    QPushButton *m_closeButton;
};

} // namespace gavel::ui

Q_DECLARE_METATYPE(gavel::ui::SyncDialog::Outcome)
