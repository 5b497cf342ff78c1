#include "ClusterListModel.h"

#include <QApplication>
#include <QDateTime>
#include <QIcon>
#include <QLocale>
#include <QStyle>

namespace gavel::ui {

ClusterListModel::ClusterListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ClusterListModel::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    endResetModel();
}

int ClusterListModel::rowOf(int clusterId) const
{
    if (!m_analysis)
        return -1;
    for (size_t i = 0; i < m_analysis->clusters.size(); ++i) {
        if (m_analysis->clusters[i].id == clusterId)
            return int(i);
    }
    return -1;
}

const analysis::Cluster *ClusterListModel::clusterAt(int row) const
{
    if (!m_analysis || row < 0 || size_t(row) >= m_analysis->clusters.size())
        return nullptr;
    return &m_analysis->clusters[size_t(row)];
}

void ClusterListModel::setReviews(const QList<moderation::ClusterReview> &reviews)
{
    m_reviews.clear();
    for (const moderation::ClusterReview &r : reviews)
        m_reviews.insert(r.fingerprint, r);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Verdict), index(rowCount() - 1, Verdict));
}

QString ClusterListModel::fingerprintAt(int row) const
{
    const analysis::Cluster *c = clusterAt(row);
    if (!c)
        return {};
    QList<quint64> ids;
    for (const Index u : c->members)
        ids.append(m_analysis->history->users[u].id);
    return moderation::clusterFingerprint(ids);
}

std::optional<moderation::ClusterReview> ClusterListModel::reviewAt(int row) const
{
    const auto it = m_reviews.constFind(fingerprintAt(row));
    if (it == m_reviews.constEnd())
        return std::nullopt;
    return *it;
}

QString ClusterListModel::verdictText(const moderation::ClusterReview &review)
{
    const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(review.at).toLocalTime(),
                                            QLocale::ShortFormat);
    const QString head = review.state == QLatin1StringView("dismissed")
                             ? tr("Dismissed by %1 on %2").arg(review.reviewer, when)
                             : tr("Reviewed by %1 on %2").arg(review.reviewer, when);
    return review.note.isEmpty() ? head : tr("%1: %2").arg(head, review.note);
}

int ClusterListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_analysis ? 0 : int(m_analysis->clusters.size());
}

int ClusterListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClusterListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const analysis::Cluster &c = m_analysis->clusters[size_t(index.row())];
    if (role == ClusterIdRole)
        return c.id;
    if (role == Qt::TextAlignmentRole && (index.column() == Size || index.column() == Score))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (index.column() == Verdict && role != SortRole) {
        const auto review = reviewAt(index.row());
        if (!review)
            return role == Qt::DisplayRole ? QVariant(tr("not reviewed")) : QVariant();
        const bool dismissed = review->state == QLatin1StringView("dismissed");
        if (role == Qt::DecorationRole)
            return QApplication::style()->standardIcon(dismissed ? QStyle::SP_DialogCancelButton
                                                                 : QStyle::SP_DialogApplyButton);
        if (role == Qt::ToolTipRole)
            return verdictText(*review);
        if (role == Qt::DisplayRole)
            return dismissed ? tr("dismissed (%1)").arg(review->reviewer)
                             : tr("reviewed (%1)").arg(review->reviewer);
        return {};
    }
    if (role == Qt::ToolTipRole)
        return c.evidence;
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    const history::History &h = *m_analysis->history;
    switch (Column(index.column())) {
    case Id:
        return c.id;
    case Kind:
        return c.kind == analysis::ClusterKind::Ring ? tr("Ring") : tr("Alt family");
    case Size:
        return int(c.members.size());
    case Score:
        return sort ? QVariant(c.score) : QVariant(QLocale().toString(c.score, 'f', 2));
    case Verdict: {
        const auto review = reviewAt(index.row());
        return review ? review->state : QString();
    }
    case Members: {
        QStringList names;
        if (c.master != NoIndex)
            names << tr("%1 (master)").arg(h.users[c.master].displayName());
        for (Index u : c.members) {
            if (u != c.master)
                names << h.users[u].displayName();
            if (names.size() >= 4) {
                names << QStringLiteral("…");
                break;
            }
        }
        return names.join(QStringLiteral(", "));
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ClusterListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("#");
    case Kind:
        return tr("Kind");
    case Size:
        return tr("Size");
    case Score:
        return tr("Score");
    case Verdict:
        return tr("Verdict");
    case Members:
        return tr("Members");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace gavel::ui
