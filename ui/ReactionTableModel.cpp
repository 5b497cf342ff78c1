#include "ReactionTableModel.h"

#include <QDateTime>
#include <QLocale>
#include <QUrl>

namespace gavel::ui {

ReactionTableModel::ReactionTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ReactionTableModel::setRows(std::shared_ptr<const history::History> history,
                                 std::vector<Row> rows, QStringList directions)
{
    beginResetModel();
    m_history = std::move(history);
    m_rows = std::move(rows);
    m_directions = std::move(directions);
    endResetModel();
}

void ReactionTableModel::clear()
{
    setRows(nullptr, {}, {});
}

int ReactionTableModel::count(int direction, bool countedOnly) const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [=](const Row &r) {
        return r.direction == direction && (!countedOnly || r.notCounted.isEmpty());
    }));
}

int ReactionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReactionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReactionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        !m_history)
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const history::Reaction &r = m_history->reactions[row.reaction];
    const auto userName = [this](history::Index u) {
        return u < m_history->users.size() ? m_history->users[u].displayName() : QString();
    };
    if (role == ReactionRole)
        return row.reaction;
    if (role == LinkRole)
        return QUrl(m_history->messageLink(r.message));
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Direction:
        return row.direction < m_directions.size() ? m_directions[row.direction] : QString();
    case Time:
        if (role == SortRole)
            return r.at;
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.at, Qt::UTC),
                                  QStringLiteral("yyyy-MM-dd HH:mm"));
    case Reactor:
        return userName(r.reactor);
    case Author:
        return userName(r.author);
    case Channel:
        return r.channel < m_history->channels.size()
                   ? QString(u'#' + m_history->channels[r.channel].name)
                   : QString();
    case Emoji: {
        if (r.emoji >= m_history->emojis.size())
            return {};
        const history::Emoji &e = m_history->emojis[r.emoji];
        const QString name = e.name == e.key ? e.name : QString(u':' + e.name + u':');
        return r.burst ? tr("%1 (super)").arg(name) : name;
    }
    case Counts:
        if (role == Qt::ToolTipRole && !row.notCounted.isEmpty())
            return tr("Does not count: %1").arg(row.notCounted);
        return row.notCounted.isEmpty() ? tr("yes") : tr("no: %1").arg(row.notCounted);
    case Link:
        if (role == Qt::ToolTipRole)
            return tr("Double-click or press Enter to open the message in Discord");
        return m_history->messageLink(r.message);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ReactionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Direction:
        return tr("Direction");
    case Time:
        return tr("Time (UTC)");
    case Reactor:
        return tr("Reactor");
    case Author:
        return tr("Author");
    case Channel:
        return tr("Channel");
    case Emoji:
        return tr("Emoji");
    case Counts:
        return tr("Counts");
    case Link:
        return tr("Message");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace gavel::ui
