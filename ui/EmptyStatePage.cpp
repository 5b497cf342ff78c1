#include "EmptyStatePage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace gavel::ui {

EmptyStatePage::EmptyStatePage(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_body(new QLabel(this))
    , m_connectButton(new QPushButton(tr("&Connect a guild…"), this))
    , m_demoButton(new QPushButton(tr("Open the &demo guild"), this))
    , m_openButton(new QPushButton(tr("&Open a database…"), this))
{
    m_title->setAlignment(Qt::AlignCenter);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_body->setWordWrap(true);
    m_body->setTextFormat(Qt::RichText);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_body->setMinimumWidth(520);
    m_body->setMaximumWidth(640);
    m_body->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::MinimumExpanding);

    m_demoButton->setAccessibleName(tr("Open the demo guild"));
    m_demoButton->setDefault(true);
    m_openButton->setAccessibleName(tr("Open a database"));
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    connect(m_connectButton, &QPushButton::clicked, this, &EmptyStatePage::connectRequested);
    connect(m_demoButton, &QPushButton::clicked, this, &EmptyStatePage::openDemoRequested);
    connect(m_openButton, &QPushButton::clicked, this, &EmptyStatePage::openDatabaseRequested);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_connectButton);
    buttons->addWidget(m_demoButton);
    buttons->addWidget(m_openButton);
    buttons->addStretch();

    auto *column = new QVBoxLayout;
    column->addStretch(2);
    column->addWidget(m_title);
    column->addSpacing(12);
    auto *centred = new QHBoxLayout;
    centred->addStretch();
    centred->addWidget(m_body);
    centred->addStretch();
    column->addLayout(centred);
    column->addSpacing(18);
    column->addLayout(buttons);
    column->addStretch(3);
    setLayout(column);

    setReason(Reason::NoDatabase);
}

void EmptyStatePage::setReason(Reason reason, const QString &details)
{
    m_reason = reason;
    // How to connect a real guild is the same advice in every state: the bot, its
    // permissions and intents, then a sync into a database that Gavel opens.
    const QString connect = tr(
        "<p><b>To audit your own guild:</b></p>"
        "<ol>"
        "<li>Create a bot in the Discord developer portal and enable the <i>Server Members</i> and "
        "<i>Message Content</i> intents.</li>"
        "<li>Invite it to your guild with the <i>View Channels</i>, <i>Read Message History</i> "
        "and <i>Manage Roles</i> permissions.</li>"
        "<li>Sync the guild into a database:<br><code>GAVEL_TOKEN=… gavel sync --db guild.sqlite "
        "--guild &lt;guild id&gt;</code><br>then open <code>guild.sqlite</code> here.</li>"
        "</ol>"
        "<p>Or open the <b>demo guild</b>: a made-up community of 2,000 members with planted "
        "reaction rings and alt accounts, served by Gavel's built-in Discord emulator.</p>");
    switch (reason) {
    case Reason::NoDatabase:
        m_title->setText(tr("Welcome to Gavel"));
        m_body->setText(connect);
        break;
    case Reason::NoGuilds:
        m_title->setText(tr("This database holds no guild yet"));
        m_body->setText(connect);
        break;
    case Reason::DatabaseError:
        m_title->setText(tr("The database could not be opened"));
        m_body->setText(QStringLiteral("<p>") + details.toHtmlEscaped() + QStringLiteral("</p>") +
                        connect);
        break;
    }
}

void EmptyStatePage::setDemoAvailable(bool available)
{
    m_demoButton->setVisible(available);
}

} // namespace gavel::ui
