// gavel export evidence: a member's, cluster's or proposal's evidence package (docs/evidence.md).

#include "Cli.h"
#include "Commands.h"
#include "ReportInputs.h"
#include "common/Snowflake.h"
#include "report/Evidence.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace {

const QString command = u"export"_s;

} // namespace

int gavel::cli::runExport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"export evidence: writes an evidence package for a member, a cluster or a proposal: "
        u"CSV files of the reactions involved (with the policy's weight and why), pair "
        u"summaries, identities and role history, scores with their breakdown, the policy file, "
        u"a README explaining every column and MANIFEST.sha256 (check with sha256sum -c)."_s);
    addCaseOptions(parser);
    parser.addOption({u"out"_s, u"The directory to write the package into."_s, u"DIR"_s});
    // `evidence` is the only kind of export so far; it comes right after `export`.
    QStringList rest = args;
    const bool help = args.contains(u"--help"_s) || args.contains(u"-h"_s);
    if (rest.value(1) == u"evidence")
        rest.removeAt(1);
    else if (!help) {
        printError(command, u"expected 'gavel export evidence --db DB (--user ID | --cluster ID "
                            u"| --proposal ID) --out DIR', got 'gavel export %1'"_s.arg(
                                args.mid(1).join(u' ')));
        return ExitUsage;
    }
    if (const auto exit = parse(parser, rest, {u"db"_s, u"out"_s}))
        return *exit;
    auto input = readCase(parser, command);
    if (!input)
        return input.error();
    auto info = report::writeEvidencePackage(input->loaded.history, input->evidence,
                                             parser.value(u"out"_s));
    if (!info) {
        printError(command, info.error().text());
        return ExitFailure;
    }
    out() << "wrote " << info->dir << ": " << info->reactionRows << " reactions, " << info->pairRows
          << " pairs, " << info->files.size() << " files; package sha256 " << info->manifestHash
          << '\n';
    out().flush();
    return ExitOk;
}
