#include "AboutDialog.h"

#include "common/Version.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>
#include <QtGlobal>

namespace gavel::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Gavel"));
    auto *layout = new QVBoxLayout(this);

    auto *title = new QLabel(tr("<h2>Gavel %1</h2>").arg(versionString()), this);
    title->setAccessibleName(tr("Gavel version"));
    layout->addWidget(title);

    auto *text = new QLabel(this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setOpenExternalLinks(false);
    text->setText(
        tr("<p>Gavel keeps a Discord community's reputation system honest. It syncs a guild's "
           "history into a local database, computes reputation under written policies, shows who "
           "reacts to whom, finds reaction rings and alt-account families, and lets moderators "
           "propose role changes that other admins approve before anything reaches Discord.</p>"
           "<p>Gavel flags people for review and explains every flag. It never punishes by "
           "itself.</p>"
           "<p>Built with Qt %1 (running on Qt %2).</p>")
            .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    text->setMinimumWidth(420);
    layout->addWidget(text);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace gavel::ui
