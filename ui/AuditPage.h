#pragma once

#include "ExportActions.h"
#include "InvestigationSession.h"
#include "analysis/Audit.h"
#include "store/Location.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QChartView;
class QLabel;
class QTabWidget;
class QTextBrowser;
class QToolButton;
class QTreeWidget;

namespace gavel::ui {

class ReactionListWidget;

//! Everything about one member under the current filter, as `gavel audit` reports it: identity
//! (names, account age from the snowflake, join date), roles and their history, counted
//! reactions given and received (filterable table with message links), top pairs, the clusters
//! that flag the member with their evidence, a weekly timeline, and the scores under the chosen
//! policy with the rule-by-rule breakdown. "Export evidence…" and "Case report…" for the member.
class AuditPage : public QWidget
{
    Q_OBJECT

public:
    explicit AuditPage(QWidget *parent = nullptr);

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    //! The database the export actions read (their own connection).
    void setDatabase(const store::Location &location, quint64 guildId);
    //! Shows `user` (NoIndex: nothing).
    void setMember(Index user);
    Index member() const { return m_user; }

    ReactionListWidget *reactions() const { return m_reactions; }
    QTabWidget *tabs() const { return m_tabs; }
    //! Counted reactions given / received shown in the summary (for tests).
    quint32 givenCount() const { return m_given; }
    quint32 receivedCount() const { return m_received; }
    QString identityText() const;
    //! The member's lines under the chosen policy as the audit computed them (empty: none).
    const std::vector<analysis::AuditScoreLine> &scoreLines() const { return m_scoreLines; }
    QTreeWidget *scoresTree() const { return m_scores; }
    ExportActions *exportActions() const { return m_exports; }

Q_SIGNALS:
    void pairRequested(gavel::ui::Index reactor, gavel::ui::Index author);
    void clusterRequested(int clusterId);

private:
    void refresh();
    void fillTimeline();
    void fillScores();

    std::shared_ptr<const Analysis> m_analysis;
    Index m_user = NoIndex;
    quint32 m_given = 0;
    quint32 m_received = 0;
    QLabel *m_title;
    QLabel *m_identity;
    QLabel *m_figures;
    QTabWidget *m_tabs;
    ReactionListWidget *m_reactions;
    QTreeWidget *m_topPairs;
    QTextBrowser *m_flags;
    QTextBrowser *m_roles;
    QChartView *m_timeline;
    QLabel *m_scoreSummary;
    QTreeWidget *m_scores;
    QToolButton *m_exportButton;
    QToolButton *m_reportButton;
    QPointer<ExportActions> m_exports;
    std::vector<analysis::AuditScoreLine> m_scoreLines;
};

} // namespace gavel::ui
