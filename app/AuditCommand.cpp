// gavel audit: one member's full audit (../shared/docs/cli.md, docs/detection.md).

#include "Cli.h"
#include "Commands.h"
#include "analysis/Audit.h"
#include "analysis/Inputs.h"
#include "common/Snowflake.h"
#include "policy/AuditScoring.h"
#include "policy/GuildLoader.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFile>

using namespace Qt::StringLiterals;

namespace {

const QString command = u"audit"_s;

} // namespace

namespace gavel::cli {
std::optional<int> readCommon(const QCommandLineParser &parser, const QString &name,
                              std::optional<quint64> &guild, qint64 &at);
}

int gavel::cli::runAudit(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Prints one member's audit: identity, every reaction given and received with message "
        u"links and whether it counts, the pairs they are part of, role history and any "
        u"ring or alt-family flag with its evidence, and with --policy the member's score, level "
        u"and its rule-by-rule breakdown under each policy. CSV lists the reactions; text is "
        u"the summary with the breakdowns; JSON has everything."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {{u"user"_s, u"member"_s}, u"The member's user id."_s, u"ID"_s},
        {u"guild"_s, u"The guild (needed when the database holds several)."_s, u"ID"_s},
        {u"format"_s, u"json (default), text or csv."_s, u"FORMAT"_s, u"json"_s},
        {u"policy"_s,
         u"Also score the member under this policy file (docs/policies.md); repeat for several."_s,
         u"FILE"_s},
        {u"at"_s, u"Score at this time (ISO 8601, UTC by default; default: now)."_s, u"T"_s},
        {u"since"_s, u"Count only messages from this time on (ISO 8601)."_s, u"T"_s},
        {u"until"_s, u"Count only messages before this time."_s, u"T"_s},
        {u"only"_s, u"List only the reactions 'given' or 'received'."_s, u"WHICH"_s},
        {u"counted-only"_s, u"List only the reactions that count."_s},
        {u"with"_s, u"List only the reactions to or from this user id."_s, u"ID"_s},
        {u"out"_s, u"Write to FILE instead of stdout."_s, u"FILE"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s, u"user"_s}))
        return *exit;
    auto window = analysis::readWindowArgs(parser);
    if (!window) {
        printError(command, window.error().text());
        return ExitUsage;
    }
    const auto userId = snowflake::parse(QStringView(parser.value(u"user"_s)));
    if (!userId) {
        printError(command, u"--user expects a user id (a decimal number), got '%1'"_s.arg(
                                parser.value(u"user"_s)));
        return ExitUsage;
    }
    const QString format = parser.value(u"format"_s);
    if (format != u"json" && format != u"csv" && format != u"text") {
        printError(command, u"--format expects json, text or csv, got '%1'"_s.arg(format));
        return ExitUsage;
    }
    // --at as the policy commands read it (--guild was read with the window).
    std::optional<quint64> guild;
    qint64 at = 0;
    if (const auto exit = readCommon(parser, command, guild, at))
        return *exit;
    std::vector<policy::Policy> policies;
    history::LoadOptions loadOptions;
    for (const QString &path : parser.values(u"policy"_s)) {
        auto p = policy::Policy::load(path);
        if (!p) {
            printError(command, p.error().text());
            return ExitFailure;
        }
        // Karma and conversation read message text; the audit lists removed reactions anyway.
        loadOptions.content = loadOptions.content || policy::loadOptionsFor(*p).content;
        policies.push_back(std::move(*p));
    }

    const QString only = parser.value(u"only"_s);
    if (parser.isSet(u"only"_s) && only != u"given" && only != u"received") {
        printError(command, u"--only expects given or received, got '%1'"_s.arg(only));
        return ExitUsage;
    }
    std::optional<quint64> withId;
    if (parser.isSet(u"with"_s)) {
        withId = snowflake::parse(QStringView(parser.value(u"with"_s)));
        if (!withId) {
            printError(command, u"--with expects a user id (a decimal number), got '%1'"_s.arg(
                                    parser.value(u"with"_s)));
            return ExitUsage;
        }
    }

    auto loaded = analysis::loadGuild(parser.value(u"db"_s), window->guild, loadOptions);
    if (!loaded) {
        printError(command, loaded.error().text());
        return ExitFailure;
    }
    const history::History &h = loaded->history;
    const history::Index user = h.userIndex(*userId);
    if (user == history::NoIndex) {
        printError(command,
                   u"user %1 never was a member of guild %2 and appears in none of its messages "
                   u"or reactions; check the id (Discord: Copy User ID)"_s.arg(
                       snowflake::toString(*userId), snowflake::toString(h.guildId)));
        return ExitFailure;
    }
    analysis::AuditOptions options;
    options.counting.since = window->since;
    options.counting.until = window->until;
    options.listGiven = only != u"received";
    options.listReceived = only != u"given";
    options.countedOnly = parser.isSet(u"counted-only"_s);
    if (withId) {
        options.counterpart = h.userIndex(*withId);
        if (options.counterpart == history::NoIndex) {
            printError(command, u"--with: user %1 is not in guild %2"_s.arg(
                                    snowflake::toString(*withId), snowflake::toString(h.guildId)));
            return ExitFailure;
        }
    }
    std::vector<std::shared_ptr<const policy::CompiledPolicy>> compiled;
    for (const policy::Policy &p : policies) {
        auto c = policy::compile(p, h, *loaded->db, h.guildId);
        if (!c) {
            printError(command, c.error().text());
            return ExitFailure;
        }
        compiled.push_back(std::make_shared<const policy::CompiledPolicy>(std::move(*c)));
    }
    if (!compiled.empty())
        options.scorer = policy::auditScorer(std::move(compiled), at);
    const auto matrix = analysis::PairMatrix::build(h, options.counting);
    // Flags come from detection over the whole window, exactly as `gavel clusters` reports them.
    const auto clusters = analysis::detectClusters(h, matrix);
    const analysis::Audit audit = analysis::buildAudit(h, matrix, clusters, user, options);

    // JSON is written as UTF-8 bytes (no round trip through QString: 50 MB for the busiest
    // members).
    QByteArray bytes;
    if (format == u"json") {
        bytes = analysis::auditJson(h, matrix, audit);
    } else if (format == u"text") {
        bytes = analysis::auditText(h, matrix, audit).toUtf8();
    } else {
        QString text = analysis::auditCsvHeader() + u'\n';
        for (const QString &row : analysis::auditCsvRows(h, audit))
            text += row + u'\n';
        bytes = text.toUtf8();
    }
    if (parser.isSet(u"out"_s)) {
        if (auto written = analysis::writeFile(parser.value(u"out"_s), bytes); !written) {
            printError(command, written.error().text());
            return ExitFailure;
        }
    } else {
        out().flush();
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly) ||
            stdoutFile.write(bytes) != bytes.size() || !stdoutFile.flush()) {
            printError(command, u"cannot write the audit to standard output: %1"_s.arg(
                                    stdoutFile.errorString()));
            return ExitFailure;
        }
    }
    return ExitOk;
}
