// gavel report: a case report for a cluster, a proposal or a member, as HTML or PDF
// (docs/evidence.md).

#include "Cli.h"
#include "Commands.h"
#include "ReportInputs.h"
#include "report/HtmlReport.h"
#include "report/ReportRenderer.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {

const QString command = u"report"_s;

} // namespace

int gavel::cli::runReport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Writes a case report for a cluster or a proposal (or a member): a plain-language "
        u"summary, the heatmap of the members and their neighbourhood, a weekly timeline, the "
        u"evidence tables, who proposed and approved what and when, the policy and parameters, "
        u"and the hash of the evidence package, which is written next to the report. HTML is "
        u"self-contained; PDF uses Qt's PDF writer."_s);
    addCaseOptions(parser);
    parser.addOptions({
        {u"out"_s, u"FILE.html or FILE.pdf."_s, u"FILE"_s},
        {u"evidence"_s,
         u"Where to write the evidence package (default: FILE without its "
         u"extension + '-evidence')."_s,
         u"DIR"_s},
        {u"pseudonymise"_s, u"Replace names and ids by stable pseudonyms (for public posting)."_s},
        {u"salt"_s,
         u"The secret the pseudonyms are derived from (default: the guild id); the "
         u"same salt gives the same pseudonyms in every report."_s,
         u"TEXT"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s, u"out"_s}))
        return *exit;
    const QString outPath = parser.value(u"out"_s);
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (suffix != u"html" && suffix != u"htm" && suffix != u"pdf") {
        printError(command, u"--out must end in .html or .pdf, got '%1'"_s.arg(outPath));
        return ExitUsage;
    }
    auto input = readCase(parser, command);
    if (!input)
        return input.error();
    const history::History &h = input->loaded.history;
    const report::Evidence &e = input->evidence;

    const QFileInfo outInfo(outPath);
    const QString evidenceDir =
        parser.isSet(u"evidence"_s)
            ? parser.value(u"evidence"_s)
            : outInfo.dir().filePath(outInfo.completeBaseName() + u"-evidence"_s);
    auto package = report::writeEvidencePackage(h, e, evidenceDir);
    if (!package) {
        printError(command, package.error().text());
        return ExitFailure;
    }

    report::HtmlReportOptions options;
    if (parser.isSet(u"pseudonymise"_s))
        options.pseudonyms =
            report::Pseudonyms(parser.isSet(u"salt"_s) ? parser.value(u"salt"_s).toUtf8()
                                                       : QByteArray::number(h.guildId));
    options.packageHash = package->manifestHash;
    options.packageName = QFileInfo(evidenceDir).fileName();
    options.generatedAt = QDateTime::currentMSecsSinceEpoch();
    options.inlineImages = suffix != u"pdf";
    const report::ReportImages images = report::renderImages(h, e, options.pseudonyms);
    const QString html = report::buildHtmlReport(h, e, images, options);
    if (suffix == u"pdf") {
        if (auto w = report::writePdf(html, images, outPath, e.title); !w) {
            printError(command, w.error().text());
            return ExitFailure;
        }
    } else if (auto w = analysis::writeTextFile(outPath, html); !w) {
        printError(command, w.error().text());
        return ExitFailure;
    }
    out() << "wrote " << outPath << " and the evidence package " << evidenceDir << " (sha256 "
          << package->manifestHash << ")\n";
    out().flush();
    return ExitOk;
}
