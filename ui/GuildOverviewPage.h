#pragma once

#include "GuildListModel.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace gavel::ui {

//! What is stored for one guild: identity, source, last sync and the size of its history.
class GuildOverviewPage : public QWidget
{
    Q_OBJECT

public:
    explicit GuildOverviewPage(QWidget *parent = nullptr);

    void setGuild(const GuildItem &guild);

private:
    QLabel *m_title;
    QLabel *m_id;
    QLabel *m_source;
    QLabel *m_lastSynced;
    QLabel *m_members;
    QLabel *m_channels;
    QLabel *m_messages;
    QLabel *m_reactions;
};

} // namespace gavel::ui
