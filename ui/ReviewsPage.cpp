#include "ReviewsPage.h"

namespace gavel::ui {

ReviewsPage::ReviewsPage(QWidget *parent)
    : QWidget(parent)
{}

ReviewsPage::~ReviewsPage() = default;

void ReviewsPage::openGuild(const store::Location &location, quint64 guildId)
{
    m_location = location;
    m_guildId = guildId;
}

void ReviewsPage::closeGuild()
{
    m_guildId = 0;
}

} // namespace gavel::ui
