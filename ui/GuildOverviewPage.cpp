#include "GuildOverviewPage.h"

#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace gavel::ui {

namespace {
QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}
} // namespace

GuildOverviewPage::GuildOverviewPage(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_id(valueLabel(this))
    , m_source(valueLabel(this))
    , m_lastSynced(valueLabel(this))
    , m_members(valueLabel(this))
    , m_channels(valueLabel(this))
    , m_messages(valueLabel(this))
    , m_reactions(valueLabel(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    auto *form = new QFormLayout;
    form->addRow(tr("Guild id:"), m_id);
    form->addRow(tr("Source:"), m_source);
    form->addRow(tr("Last synced:"), m_lastSynced);
    form->addRow(tr("Members:"), m_members);
    form->addRow(tr("Channels and threads:"), m_channels);
    form->addRow(tr("Messages:"), m_messages);
    form->addRow(tr("Reactions:"), m_reactions);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addStretch();
}

void GuildOverviewPage::setGuild(const GuildItem &guild)
{
    const QLocale locale;
    m_title->setText(guild.name);
    m_id->setText(QString::number(guild.id));
    m_source->setText(guild.source == u"discord" ? tr("Discord (synced over the REST API)")
                                                 : guild.source);
    m_lastSynced->setText(guild.lastSyncedMs > 0
                              ? locale.toString(QDateTime::fromMSecsSinceEpoch(guild.lastSyncedMs),
                                                QLocale::LongFormat)
                              : tr("never"));
    m_members->setText(locale.toString(guild.members));
    m_channels->setText(locale.toString(guild.channels));
    m_messages->setText(locale.toString(guild.messages));
    m_reactions->setText(locale.toString(guild.reactions));
}

} // namespace gavel::ui
