#pragma once

#include "InvestigationSession.h"
#include "NavigationHistory.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QAction;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace gavel::store {
class Location;
}

namespace gavel::ui {

class ClustersPage;
class DashboardPage;
class HeatmapPage;
class MembersPage;
class PairEvidenceDialog;
class PoliciesPage;
class ReviewsPage;

//! The investigation of one guild: navigation between Dashboard, Heatmap, Clusters, Members,
//! Policies and Reviews (Ctrl+1..6, back/forward with Alt+Left/Right), member search (Ctrl+F),
//! and the global time window, channel set and chosen policy every view honours. Loading and
//! filtering run on workers (InvestigationSession) with a busy bar and Cancel; views receive the
//! new Analysis when ready.
class InvestigationView : public QWidget
{
    Q_OBJECT

public:
    explicit InvestigationView(QWidget *parent = nullptr);
    ~InvestigationView() override;

    //! Opens a guild of the database at `location`; `lastSyncedMs` (0: never) feeds the status.
    void openGuild(const store::Location &location, quint64 guildId, qint64 lastSyncedMs);
    void closeGuild();

    //! Navigates to a state and records it in the history.
    void navigate(const NavigationState &state);
    void showView(InvestigationViewKind view);
    void openAudit(Index user);
    void openCluster(int clusterId);
    void openPairEvidence(Index reactor, Index author);
    void goBack();
    void goForward();
    //! Applies a filter (as the filter controls do).
    void applyFilter(const InvestigationFilter &filter);

    InvestigationViewKind currentView() const { return m_history.current().view; }
    const NavigationHistory &navigationHistory() const { return m_history; }
    InvestigationSession *session() const { return m_session; }
    DashboardPage *dashboardPage() const { return m_dashboard; }
    HeatmapPage *heatmapPage() const { return m_heatmap; }
    ClustersPage *clustersPage() const { return m_clusters; }
    MembersPage *membersPage() const { return m_members; }
    PoliciesPage *policiesPage() const { return m_policies; }
    ReviewsPage *reviewsPage() const { return m_reviews; }
    //! The policy selector ("Raw counts", the shipped policies, opened files, "Open policy
    //! file…") and the channel list of the channel filter (checkable, "All channels" first).
    QComboBox *policyBox() const { return m_policy; }
    QListWidget *channelList() const { return m_channelList; }
    //! Chooses the policy from `source` (a file path or ":/policies/…"; empty: raw counts) and
    //! applies it; false with a message box when it cannot be read.
    bool choosePolicy(const QString &source);
    //! The open pair evidence dialog, if any.
    PairEvidenceDialog *pairEvidence() const;
    //! The analysis a page was last given (pages are refreshed when shown).
    std::shared_ptr<const Analysis> pageAnalysis(InvestigationViewKind view) const;
    QString statusText() const { return m_status; }
    QList<QAction *> navigationActions() const;

Q_SIGNALS:
    //! Last sync, data window and filter, for the main window's status bar.
    void statusChanged(const QString &text);

private:
    void createActions();
    void onAnalysisChanged();
    void onBusyChanged(bool busy, const QString &text);
    void refreshPage(InvestigationViewKind view);
    void fillFilterControls();
    void filterControlsChanged();
    void policyChosen(int index);
    void updateChannelButton();
    InvestigationFilter filterFromControls() const;
    void updateNavigationButtons();
    void updateStatus();
    void search();
    QWidget *page(InvestigationViewKind view) const;

    InvestigationSession *m_session;
    NavigationHistory m_history;
    bool m_restoring = false;
    bool m_fillingFilter = false;
    qint64 m_lastSyncedMs = 0;
    qint64 m_dataFirst = 0; //!< first and last message time of the guild
    qint64 m_dataLast = 0;
    QString m_status;
    std::shared_ptr<const Analysis> m_pageAnalysis[investigationViewCount];
    std::shared_ptr<const policy::Policy> m_chosenPolicy;
    QString m_chosenSource;
    int m_policyIndex = 0; //!< the selector's last good choice

    QToolButton *m_back;
    QToolButton *m_forward;
    QLineEdit *m_search;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QToolButton *m_channel;
    QListWidget *m_channelList;
    QComboBox *m_policy;
    QPushButton *m_wholeHistory;
    QProgressBar *m_progress;
    QLabel *m_busyLabel;
    QPushButton *m_cancel;
    QLabel *m_message;
    QStackedWidget *m_stack;
    DashboardPage *m_dashboard;
    HeatmapPage *m_heatmap;
    ClustersPage *m_clusters;
    MembersPage *m_members;
    PoliciesPage *m_policies;
    ReviewsPage *m_reviews;
    QPointer<PairEvidenceDialog> m_evidence;
    QTimer *m_filterTimer;
    QAction *m_backAction;
    QAction *m_forwardAction;
    QAction *m_searchAction;
    QList<QAction *> m_viewActions;
};

} // namespace gavel::ui
