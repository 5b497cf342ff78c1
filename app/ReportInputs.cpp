#include "ReportInputs.h"

#include "Cli.h"
#include "common/Snowflake.h"
#include "policy/GuildLoader.h"
#include "report/DefaultPolicy.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>

using namespace Qt::StringLiterals;

namespace gavel::cli {

void addCaseOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"guild"_s, u"The guild (needed when the database holds several)."_s, u"ID"_s},
        {u"user"_s, u"A member's user id."_s, u"ID"_s},
        {u"cluster"_s, u"A cluster id as gavel clusters numbers them."_s, u"ID"_s},
        {u"proposal"_s, u"A proposal id (gavel proposals)."_s, u"ID"_s},
        {u"policy"_s,
         u"The policy file for weights and scores (default: the built-in "
         u"resources/policies/daimyo.json)."_s,
         u"FILE"_s},
        {u"at"_s, u"Evaluate scores at this time (ISO 8601; default: now)."_s, u"T"_s},
        {u"since"_s, u"Count only messages from this time on (ISO 8601)."_s, u"T"_s},
        {u"until"_s, u"Count only messages before this time."_s, u"T"_s},
    });
}

ExitOr<CaseInput> readCase(const QCommandLineParser &parser, const QString &command)
{
    auto window = analysis::readWindowArgs(parser);
    if (!window) {
        printError(command, window.error().text());
        return ExitUsage;
    }
    report::Subject subject;
    int given = 0;
    for (const auto &[option, kind] : {std::pair{u"user"_s, report::SubjectKind::Member},
                                       std::pair{u"cluster"_s, report::SubjectKind::Cluster},
                                       std::pair{u"proposal"_s, report::SubjectKind::Proposal}}) {
        if (!parser.isSet(option))
            continue;
        ++given;
        const auto id = snowflake::parse(QStringView(parser.value(option)));
        if (!id) {
            printError(command,
                       u"--%1 expects a decimal id, got '%2'"_s.arg(option, parser.value(option)));
            return ExitUsage;
        }
        subject = {kind, *id};
    }
    if (given != 1) {
        printError(command, u"give exactly one of --user, --cluster or --proposal"_s);
        return ExitUsage;
    }

    report::EvidenceOptions options;
    options.since = window->since;
    options.until = window->until;
    options.at = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(u"at"_s)) {
        auto t = analysis::parseTime(parser.value(u"at"_s));
        if (!t) {
            printError(command, u"--at: "_s + t.error().text());
            return ExitUsage;
        }
        options.at = *t;
    }
    if (parser.isSet(u"policy"_s)) {
        QFile f(parser.value(u"policy"_s));
        if (!f.open(QIODevice::ReadOnly)) {
            printError(command, u"cannot read the policy file %1: %2; check the path"_s.arg(
                                    f.fileName(), f.errorString()));
            return ExitFailure;
        }
        options.policyBytes = f.readAll();
        options.policySource = f.fileName();
    } else {
        options.policyBytes = report::defaultPolicyJson();
        options.policySource = report::defaultPolicySource();
    }
    auto pol = policy::Policy::parse(options.policyBytes, options.policySource);
    if (!pol) {
        printError(command, pol.error().text());
        return ExitFailure;
    }
    // What `gavel scores` loads for this policy; for policies that ignore removed reactions
    // (all shipped ones) that is also what `gavel clusters` loads, so the same users and
    // indexes give the same detection and cluster ids.
    const history::LoadOptions load = policy::loadOptionsFor(*pol);
    auto loaded = analysis::loadGuild(parser.value(u"db"_s), window->guild, load);
    if (!loaded) {
        printError(command, loaded.error().text());
        return ExitFailure;
    }
    CaseInput input;
    input.loaded = std::move(*loaded);
    auto evidence =
        report::collectEvidence(*input.loaded.db, input.loaded.history, subject, options);
    if (!evidence) {
        printError(command, evidence.error().text());
        return ExitFailure;
    }
    input.evidence = std::move(*evidence);
    return input;
}

} // namespace gavel::cli
