#pragma once

#include "InvestigationSession.h"
#include "moderation/ClusterReviews.h"

#include <QAbstractTableModel>
#include <QHash>

#include <memory>
#include <optional>

namespace gavel::ui {

//! The flagged rings and alt families of an Analysis: id, kind, size, score, the reviewers'
//! current verdict, first members.
class ClusterListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Kind, Size, Score, Verdict, Members, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, ClusterIdRole };

    explicit ClusterListModel(QObject *parent = nullptr);

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    //! Row of the cluster with that id, or -1.
    int rowOf(int clusterId) const;
    const analysis::Cluster *clusterAt(int row) const;
    //! The reviewers' current verdicts, keyed by cluster fingerprint (moderation/ClusterReviews).
    void setReviews(const QList<moderation::ClusterReview> &reviews);
    //! The verdict on the cluster of that row, if any.
    std::optional<moderation::ClusterReview> reviewAt(int row) const;
    //! The cluster's key for review marks: its members' user ids (clusterFingerprint()).
    QString fingerprintAt(int row) const;
    //! "Dismissed by Ana on 22/11/2026 08:10: note".
    static QString verdictText(const moderation::ClusterReview &review);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const Analysis> m_analysis;
    QHash<QString, moderation::ClusterReview> m_reviews;
};

} // namespace gavel::ui
