#include "GuildListModel.h"

#include <QLocale>

namespace gavel::ui {

GuildListModel::GuildListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void GuildListModel::setGuilds(QList<GuildItem> guilds)
{
    beginResetModel();
    m_guilds = std::move(guilds);
    endResetModel();
}

int GuildListModel::rowOf(quint64 id) const
{
    for (qsizetype i = 0; i < m_guilds.size(); ++i) {
        if (m_guilds.at(i).id == id)
            return static_cast<int>(i);
    }
    return -1;
}

int GuildListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_guilds.size());
}

QVariant GuildListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GuildItem &guild = m_guilds.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return guild.name.isEmpty() ? tr("Guild %1").arg(guild.id) : guild.name;
    case Qt::ToolTipRole: {
        const QLocale locale;
        QString tip = tr("%1 messages, %2 reactions, %3 members")
                          .arg(locale.toString(guild.messages), locale.toString(guild.reactions),
                               locale.toString(guild.members));
        if (guild.lastSyncedMs > 0) {
            const QDateTime synced = QDateTime::fromMSecsSinceEpoch(guild.lastSyncedMs);
            tip += u'\n' + tr("Last synced %1").arg(locale.toString(synced, QLocale::ShortFormat));
        }
        return tip;
    }
    case IdRole:
        return QVariant::fromValue(guild.id);
    case SourceRole:
        return guild.source;
    case LastSyncedRole:
        return guild.lastSyncedMs > 0 ? QDateTime::fromMSecsSinceEpoch(guild.lastSyncedMs, Qt::UTC)
                                      : QDateTime();
    case MessagesRole:
        return guild.messages;
    default:
        return {};
    }
}

QHash<int, QByteArray> GuildListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "guildId");
    names.insert(SourceRole, "source");
    names.insert(LastSyncedRole, "lastSynced");
    names.insert(MessagesRole, "messages");
    return names;
}

} // namespace gavel::ui
