#pragma once

#include "moderation/Push.h"
#include "moderation/Reviewers.h"
#include "store/Location.h"

#include <QHash>
#include <QThreadPool>
#include <QUrl>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QThread;

namespace gavel::discord {
class TokenSource;
}
namespace gavel::store {
class Database;
}

namespace gavel::ui {

class ExportActions;
class ProposalChangeModel;
class ProposalListModel;

//! The moderation workflow of one guild: proposals with their state, the role changes of the
//! chosen one with reasons and decisions, approve/reject with a note, and a push to Discord
//! with live per-change results. Database work runs on worker threads.
class ReviewsPage : public QWidget
{
    Q_OBJECT

public:
    explicit ReviewsPage(QWidget *parent = nullptr);
    ~ReviewsPage() override;

    void openGuild(const store::Location &location, quint64 guildId);
    void closeGuild();

    //! Reads the proposals again (after another reviewer decided, say).
    void reload();
    //! Selects a proposal by id; returns whether it is listed.
    bool selectProposal(qint64 proposalId);
    qint64 currentProposal() const { return m_current; }

    //! Approves or rejects the selected proposal as `reviewer` (what the Approve…/Reject…
    //! dialogs do once answered). The proposer's own rejection withdraws it.
    void decide(bool approve, const QString &reviewer, const QString &note);
    //! Pushes the selected proposal as admin `admin` (what Push… does once confirmed).
    void push(const QString &admin);
    //! Stops a running push after the change in flight; the journal lets it resume later.
    void cancelPush();
    bool isPushing() const { return m_pushThread != nullptr; }
    //! Where pushes go and where the token comes from (default: Discord and the guild's
    //! keychain entry, else GAVEL_TOKEN, as `gavel push`).
    void setPushTarget(const QUrl &api, std::shared_ptr<const discord::TokenSource> token);

    ProposalListModel *proposals() const { return m_model; }
    ProposalChangeModel *changes() const { return m_changes; }
    QTableView *list() const { return m_list; }
    QTableView *changeTable() const { return m_changeView; }
    //! The last result or error shown under the buttons.
    QString message() const;
    //! The selected proposal's summary, decisions and notices as shown.
    QString detailsText() const;

Q_SIGNALS:
    void openAuditRequested(quint64 userId);
    //! A reload finished (the list and the selection are up to date).
    void reloaded();
    //! An approval, rejection or withdrawal finished; `message` is what the page shows.
    void decisionFinished(bool ok, const QString &message);
    //! A push run ended (complete, stopped or failed); `summary` is what the page shows.
    void pushFinished(bool ok, const QString &summary);

private:
    struct Loaded;
    template<typename T>
    void runDb(std::function<Result<T>(store::Database &)> work,
               std::function<void(const Result<T> &)> done);
    void applyLoaded(const Loaded &loaded);
    void showCurrent();
    void updateButtons();
    void showMessage(const QString &text, bool error);
    void askDecision(bool approve);
    void askPush();
    void openSelectedAudit();
    void pushOutcome(const moderation::ChangeOutcome &outcome);
    void pushEnded(const Result<moderation::PushReport> &report);

    store::Location m_location;
    quint64 m_guildId = 0;
    int m_generation = 0;
    qint64 m_current = 0;
    QThreadPool m_pool;
    QHash<quint64, QString> m_roleNames;
    QHash<quint64, QList<quint64>> m_memberRoles;
    QList<moderation::Reviewer> m_team;

    ProposalListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_list;
    QLabel *m_emptyNote;
    QLabel *m_summary;
    QLabel *m_notice;
    ProposalChangeModel *m_changes;
    QSortFilterProxyModel *m_changeProxy;
    QTableView *m_changeView;
    QLabel *m_decisions;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_push;
    QPushButton *m_cancel;
    QPushButton *m_openAudit;
    QPushButton *m_export;
    QPushButton *m_refresh;
    ExportActions *m_exportActions = nullptr;
    QProgressBar *m_progress;
    QLabel *m_message;

    QUrl m_api = QUrl(QStringLiteral("https://discord.com/api/v10"));
    std::shared_ptr<const discord::TokenSource> m_token;
    QThread *m_pushThread = nullptr;
    std::shared_ptr<std::atomic_bool> m_stop;
    qint64 m_pushing = 0;
    int m_pushDone = 0;
    //! The outcomes of the last push run, kept on screen across reloads.
    qint64 m_outcomesOf = 0;
    QList<moderation::ChangeOutcome> m_outcomes;
};

} // namespace gavel::ui
