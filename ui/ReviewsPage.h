#pragma once

#include "store/Location.h"

#include <QWidget>

namespace gavel::ui {

//! The moderation workflow of one guild: proposals with their state, the role changes of the
//! chosen one with reasons and decisions, approve/reject with a note, and a push to Discord
//! with live per-change results. Database work runs on worker threads.
class ReviewsPage : public QWidget
{
    Q_OBJECT

public:
    explicit ReviewsPage(QWidget *parent = nullptr);
    ~ReviewsPage() override;

    void openGuild(const store::Location &location, quint64 guildId);
    void closeGuild();

Q_SIGNALS:
    void openAuditRequested(quint64 userId);

private:
    store::Location m_location;
    quint64 m_guildId = 0;
};

} // namespace gavel::ui
