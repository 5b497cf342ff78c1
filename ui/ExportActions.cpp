#include "ExportActions.h"

#include "analysis/Inputs.h"
#include "policy/GuildLoader.h"
#include "report/DefaultPolicy.h"
#include "report/HtmlReport.h"
#include "report/ReportRenderer.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QWidget>
#include <QtConcurrent>

#include <memory>

using namespace Qt::StringLiterals;

namespace gavel::ui {

namespace {

struct Collected
{
    std::shared_ptr<analysis::LoadedGuild> loaded;
    std::shared_ptr<report::Evidence> evidence;
    std::shared_ptr<report::PackageInfo> package;
    QString error;
};

} // namespace

ExportActions::ExportActions(QString dbText, std::optional<quint64> guild, QWidget *parent)
    : QObject(parent)
    , m_db(std::move(dbText))
    , m_guild(guild)
    , m_parent(parent)
    , m_export(new QAction(tr("Export evidence…"), this))
    , m_report(new QAction(tr("Case report…"), this))
{
    m_export->setToolTip(tr("Write an evidence package: CSV files, the policy, a README and a "
                            "SHA-256 manifest anyone can check"));
    m_report->setToolTip(tr("Write a case report (HTML or PDF) with its evidence package"));
    connect(m_export, &QAction::triggered, this, &ExportActions::exportEvidence);
    connect(m_report, &QAction::triggered, this, &ExportActions::writeReport);
    setSubject(std::nullopt);
}

void ExportActions::setSubject(std::optional<report::Subject> subject)
{
    m_subject = subject;
    m_export->setEnabled(subject.has_value() && !m_busy);
    m_report->setEnabled(subject.has_value() && !m_busy);
}

void ExportActions::exportEvidence()
{
    if (!m_subject)
        return;
    const QString dir = QFileDialog::getExistingDirectory(
        m_parent, tr("Export the evidence package into (an empty folder)"), QDir::homePath());
    if (!dir.isEmpty())
        writeTo(dir, false);
}

void ExportActions::writeReport()
{
    if (!m_subject)
        return;
    const QString path = QFileDialog::getSaveFileName(
        m_parent, tr("Write the case report"),
        QDir::home().filePath(
            u"%1-%2.pdf"_s.arg(report::subjectKindName(m_subject->kind)).arg(m_subject->id)),
        tr("PDF (*.pdf);;HTML (*.html)"));
    if (!path.isEmpty())
        writeTo(path, true);
}

void ExportActions::writeTo(const QString &outPath, bool asReport)
{
    if (!m_subject || m_busy)
        return;
    m_busy = true;
    setSubject(m_subject);
    const report::Subject subject = *m_subject;
    const QString db = m_db;
    const std::optional<quint64> guild = m_guild;
    const QFileInfo info(outPath);
    const QString packageDir =
        asReport ? info.dir().filePath(info.completeBaseName() + u"-evidence"_s) : outPath;

    auto *watcher = new QFutureWatcher<Collected>(this);
    connect(watcher, &QFutureWatcher<Collected>::finished, this, [=, this] {
        watcher->deleteLater();
        Collected c = watcher->result();
        QString message;
        bool ok = c.error.isEmpty();
        if (ok && asReport) {
            // Images and the PDF need the GUI thread (fonts, QTextDocument).
            report::HtmlReportOptions options;
            options.packageHash = c.package->manifestHash;
            options.packageName = QFileInfo(packageDir).fileName();
            options.generatedAt = QDateTime::currentMSecsSinceEpoch();
            const bool pdf = info.suffix().compare(u"pdf"_s, Qt::CaseInsensitive) == 0;
            options.inlineImages = !pdf;
            const auto images =
                report::renderImages(c.loaded->history, *c.evidence, options.pseudonyms);
            const QString html =
                report::buildHtmlReport(c.loaded->history, *c.evidence, images, options);
            const Result<void> written =
                pdf ? report::writePdf(html, images, outPath, c.evidence->title)
                    : analysis::writeTextFile(outPath, html);
            if (!written) {
                ok = false;
                c.error = written.error().text();
            }
        }
        if (ok)
            message = asReport ? tr("Wrote %1 and its evidence package %2 (SHA-256 %3)")
                                     .arg(outPath, packageDir, c.package->manifestHash)
                               : tr("Wrote the evidence package %1 (SHA-256 %2)")
                                     .arg(packageDir, c.package->manifestHash);
        else
            QMessageBox::warning(m_parent, tr("Export failed"), c.error);
        m_busy = false;
        setSubject(m_subject);
        Q_EMIT finished(ok, ok ? message : c.error);
    });
    watcher->setFuture(QtConcurrent::run([=]() -> Collected {
        Collected c;
        report::EvidenceOptions options;
        options.policyBytes = report::defaultPolicyJson();
        options.policySource = report::defaultPolicySource();
        options.at = QDateTime::currentMSecsSinceEpoch();
        auto pol = policy::Policy::parse(options.policyBytes, options.policySource);
        if (!pol) {
            c.error = pol.error().text();
            return c;
        }
        auto loaded = analysis::loadGuild(db, guild, policy::loadOptionsFor(*pol));
        if (!loaded) {
            c.error = loaded.error().text();
            return c;
        }
        c.loaded = std::make_shared<analysis::LoadedGuild>(std::move(*loaded));
        auto evidence = report::collectEvidence(*c.loaded->db, c.loaded->history, subject, options);
        if (!evidence) {
            c.error = evidence.error().text();
            return c;
        }
        c.evidence = std::make_shared<report::Evidence>(std::move(*evidence));
        auto package = report::writeEvidencePackage(c.loaded->history, *c.evidence, packageDir);
        if (!package) {
            c.error = package.error().text();
            return c;
        }
        c.package = std::make_shared<report::PackageInfo>(std::move(*package));
        return c;
    }));
}

} // namespace gavel::ui
