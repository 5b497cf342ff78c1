#pragma once

#include "InvestigationSession.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace gavel::ui {

//! The guild's users (bots excluded) with their counted reactions under the current filter, for
//! the member search: name, id, given, received, how many flagged clusters hold them, and the
//! score and level under the chosen policy (empty without one).
class MemberListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Id, Given, Received, Flags, Score, Level, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        SearchRole, //!< names and id in one string, for the search box
        UserRole,   //!< the user's index in the History
    };

    explicit MemberListModel(QObject *parent = nullptr);

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    //! Row of a user, or -1.
    int rowOf(Index user) const;
    Index userAt(int row) const { return m_users[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const Analysis> m_analysis;
    std::vector<Index> m_users;
    std::vector<int> m_rowOf;
    std::vector<int> m_flags;
};

} // namespace gavel::ui
