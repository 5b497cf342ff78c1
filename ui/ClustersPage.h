#pragma once

#include "InvestigationSession.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;
class QTextBrowser;

namespace gavel::ui {

class ClusterGraphView;
class ClusterListModel;

//! Flagged rings and alt families: the list with scores, the chosen cluster's evidence, its
//! members (each with "Open audit") and a graph of the cluster with its outside links.
class ClustersPage : public QWidget
{
    Q_OBJECT

public:
    explicit ClustersPage(QWidget *parent = nullptr);

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    //! The database the reviewers' verdicts on clusters are read from and written to; reads
    //! them (on a worker thread).
    void setDatabase(const store::Location &location, quint64 guildId);
    //! Reads the verdicts again (other reviewers may have marked clusters).
    void reloadReviews();
    //! Records a verdict ("reviewed" or "dismissed") on the selected cluster as `reviewer`
    //! (what Mark reviewed…/Dismiss… do once answered).
    void markCluster(const QString &state, const QString &reviewer, const QString &note);
    //! The evidence panel's text (tests).
    QString evidenceText() const;
    //! Selects a cluster by id; returns whether it exists.
    bool showCluster(int clusterId);
    int currentCluster() const { return m_current; }

    ClusterListModel *model() const { return m_model; }
    QTableView *list() const { return m_list; }
    QTableWidget *members() const { return m_members; }
    ClusterGraphView *graph() const { return m_graph; }

Q_SIGNALS:
    void auditRequested(gavel::ui::Index user);
    void clusterChosen(int clusterId);
    //! The verdicts were read (after setDatabase(), reloadReviews() or a mark).
    void reviewsLoaded();
    //! A mark was recorded or refused; `message` says which and why.
    void markFinished(bool ok, const QString &message);

private:
    void showRow(int row);
    void openSelectedAudit();
    void askMark(const QString &state);
    void updateMarkButtons();

    std::shared_ptr<const Analysis> m_analysis;
    ClusterListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_list;
    QLabel *m_emptyNote;
    QTextBrowser *m_evidence;
    QTableWidget *m_members;
    QPushButton *m_openAudit;
    QPushButton *m_markReviewed;
    QPushButton *m_dismiss;
    QLabel *m_markMessage;
    int m_reviewGeneration = 0;
    ClusterGraphView *m_graph;
    int m_current = 0;
    store::Location m_location;
    quint64 m_guildId = 0;
};

} // namespace gavel::ui
