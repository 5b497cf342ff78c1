#pragma once

#include "history/History.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <memory>
#include <vector>

namespace gavel::ui {

//! Reactions as table rows (direction, time, reactor, author, channel, emoji, whether it
//! counts and why not, message link),
//! for a pair's evidence and a member's audit. Sorting goes through a QSortFilterProxyModel on
//! SortRole (times as numbers, not as text).
class ReactionTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Direction, Time, Reactor, Author, Channel, Emoji, Counts, Link, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        LinkRole,     //!< QUrl of the message
        ReactionRole, //!< index into History::reactions
    };

    //! One row: a reaction and which of the caller's directions it belongs to.
    struct Row
    {
        history::Index reaction = history::NoIndex;
        int direction = 0;  //!< index into the direction labels
        QString notCounted; //!< why the reaction does not count (empty: it counts)
    };

    explicit ReactionTableModel(QObject *parent = nullptr);

    //! `directions` names each Row::direction value (e.g. "given", "received").
    void setRows(std::shared_ptr<const history::History> history, std::vector<Row> rows,
                 QStringList directions);
    void clear();
    const std::vector<Row> &rows() const { return m_rows; }
    //! Rows per direction value (`countedOnly`: only those that count).
    int count(int direction, bool countedOnly = false) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const history::History> m_history;
    std::vector<Row> m_rows;
    QStringList m_directions;
};

} // namespace gavel::ui
