#pragma once

#include "InvestigationSession.h"
#include "policy/Compare.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace gavel::ui {

//! The members whose role differs between two policies (the policy lab's table): member, level
//! under A and under B, score under A and under B. Sort through a proxy with SortRole.
class PolicyChangeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Member, LevelA, LevelB, ScoreA, ScoreB, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        UserRole, //!< the member's index in the History
    };

    //! What the model shows; the evaluations are kept alive with it.
    struct Data
    {
        std::shared_ptr<const history::History> history;
        std::shared_ptr<const policy::Evaluation> a, b;
        std::vector<policy::RoleDifference> changes;
    };

    explicit PolicyChangeModel(QObject *parent = nullptr);

    void setComparison(Data data);
    void clear();
    Index userAt(int row) const { return m_data.changes[size_t(row)].user; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Data m_data;
};

} // namespace gavel::ui
