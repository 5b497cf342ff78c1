#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>

namespace gavel::ui {

//! One guild as the guild list shows it.
struct GuildItem
{
    quint64 id = 0;
    QString name;
    QString source; //!< "discord", or the import it came from
    qint64 lastSyncedMs = 0;
    qint64 members = 0;
    qint64 channels = 0;
    qint64 messages = 0;
    qint64 reactions = 0;
};

//! The guilds of the open database, for the guild switcher.
class GuildListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1, //!< quint64 guild id
        SourceRole,
        LastSyncedRole, //!< QDateTime (UTC) or invalid when never synced
        MessagesRole,
    };

    explicit GuildListModel(QObject *parent = nullptr);

    void setGuilds(QList<GuildItem> guilds);
    const QList<GuildItem> &guilds() const { return m_guilds; }
    //! Row of the guild with that id, or -1.
    int rowOf(quint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<GuildItem> m_guilds;
};

} // namespace gavel::ui
