#pragma once

#include "InvestigationSession.h"

#include <QAbstractTableModel>

#include <memory>

namespace gavel::ui {

//! The flagged rings and alt families of an Analysis: id, kind, size, score, first member.
class ClusterListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Kind, Size, Score, Members, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, ClusterIdRole };

    explicit ClusterListModel(QObject *parent = nullptr);

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    //! Row of the cluster with that id, or -1.
    int rowOf(int clusterId) const;
    const analysis::Cluster *clusterAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const Analysis> m_analysis;
};

} // namespace gavel::ui
