#pragma once

#include "report/Evidence.h"

#include <QObject>
#include <QString>

#include <optional>

class QAction;
class QWidget;

namespace gavel::ui {

/*!
 * Export… and Report… for a member, a cluster or a proposal, for the investigation and
 * moderation pages: asks where to write, gathers the evidence on a worker thread (the same
 * core/report code as `gavel export evidence` and `gavel report`, built-in Daimyo policy,
 * evaluated now), renders report images and PDF on the GUI thread, and says where it wrote.
 * Pages call setSubject() when the selection changes and put the two actions in their
 * toolbars or context menus.
 */
class ExportActions : public QObject
{
    Q_OBJECT

public:
    ExportActions(QString dbText, std::optional<quint64> guild, QWidget *parent);

    QAction *exportAction() const { return m_export; }
    QAction *reportAction() const { return m_report; }

    //! The member, cluster or proposal the actions are about; nullopt disables them.
    void setSubject(std::optional<report::Subject> subject);
    //! What the actions do after their file dialog: writes the package into `outPath`, or the
    //! report (.pdf or .html) to `outPath` with its package next to it; emits finished().
    void writeTo(const QString &outPath, bool report);

public Q_SLOTS:
    void exportEvidence();
    void writeReport();

Q_SIGNALS:
    //! After an export or report: whether it worked and a message for the status bar.
    void finished(bool ok, const QString &message);

private:
    QString m_db;
    std::optional<quint64> m_guild;
    std::optional<report::Subject> m_subject;
    QWidget *m_parent;
    QAction *m_export;
    QAction *m_report;
    bool m_busy = false;
};

} // namespace gavel::ui
