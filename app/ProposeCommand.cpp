// gavel propose: saves a plan as a proposal for review (../shared/docs/cli.md), and the
// helpers the moderation commands share.

#include "Cli.h"
#include "Commands.h"
#include "common/Snowflake.h"
#include "moderation/Proposal.h"
#include "moderation/Reviewers.h"
#include "policy/Policy.h"
#include "store/Database.h"
#include "store/Queries.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace gavel::cli {

//! Opens `--db` for the moderation commands (migrating it to the current schema).
Result<std::unique_ptr<store::Database>> openModerationDb(const QString &dbText)
{
    const auto location = store::Location::parse(dbText);
    if (!location)
        return location.error();
    store::OpenOptions options;
    options.createIfMissing = false;
    return store::Database::open(*location, options);
}

//! `--guild` when given, else the database's only guild.
Result<quint64> chooseModerationGuild(store::Database &db, const QString &guildText)
{
    if (!guildText.isEmpty()) {
        const auto id = snowflake::parse(QStringView(guildText));
        if (!id)
            return Error{u"--guild wants a numeric id, not '%1'"_s.arg(guildText), {}};
        return *id;
    }
    auto guilds = store::listGuilds(db);
    if (!guilds)
        return guilds.error();
    if (guilds->size() == 1)
        return guilds->first().id;
    if (guilds->isEmpty())
        return Error{u"%1 holds no guild"_s.arg(db.location().display()),
                     u"Sync one first: gavel sync --db DB --guild ID"_s};
    QStringList names;
    for (const auto &g : *guilds)
        names.append(u"%1 (%2)"_s.arg(g.id).arg(g.name));
    return Error{u"%1 holds several guilds"_s.arg(db.location().display()),
                 u"Choose one with --guild: %1."_s.arg(names.join(u", "_s))};
}

//! A CSV text cell of the moderation commands' output: quoted, and neutralised against
//! spreadsheet formulas (names and reasons are user text; docs/security.md).
QString moderationCsv(const QString &text)
{
    return csvText(text);
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

namespace {

// RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
            any = true;
        } else if (c == u',') {
            row.append(field);
            field.clear();
            any = true;
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n')
                ++i;
            if (any || !field.isEmpty()) {
                row.append(field);
                rows.append(row);
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

Result<QList<moderation::HandPick>> readChanges(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{u"cannot read %1: %2"_s.arg(path, file.errorString()), {}};
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll()));
    const QStringList expected{u"user_id"_s, u"action"_s, u"role_id"_s, u"reason"_s};
    if (rows.isEmpty() || rows.first() != expected)
        return Error{u"%1 must start with the header user_id,action,role_id,reason"_s.arg(path),
                     u"role_id is empty for deactivate and reactivate."_s};
    QList<moderation::HandPick> picks;
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const QStringList &r = rows[i];
        if (r.size() != 4)
            return Error{
                u"%1 line %2: expected 4 fields, got %3"_s.arg(path).arg(i + 1).arg(r.size()), {}};
        moderation::HandPick pick;
        const auto user = snowflake::parse(QStringView(r[0]));
        if (!user)
            return Error{u"%1 line %2: user_id '%3' is not an id"_s.arg(path).arg(i + 1).arg(r[0]),
                         {}};
        pick.userId = *user;
        pick.action = r[1].trimmed();
        if (!r[2].trimmed().isEmpty()) {
            const auto role = snowflake::parse(QStringView(r[2]).trimmed());
            if (!role)
                return Error{
                    u"%1 line %2: role_id '%3' is not an id"_s.arg(path).arg(i + 1).arg(r[2]), {}};
            pick.roleId = *role;
        }
        pick.reason = r[3];
        picks.append(pick);
    }
    return picks;
}

Result<qint64> parseTimeOption(const QCommandLineParser &parser, const QString &name)
{
    const QString text = parser.value(name);
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return Error{
            u"--%1 wants an ISO 8601 time such as 2026-11-01T00:00:00Z, not '%2'"_s.arg(name, text),
            {}};
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC);
    return t.toMSecsSinceEpoch();
}

} // namespace

int runPropose(const QStringList &args)
{
    const QString command = u"propose"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Saves a plan as a proposal for review: the policy's plan (--policy), or hand-picked "
        u"changes (--changes FILE.csv with user_id,action,role_id,reason; the policy then only "
        u"says which roles are managed). Prints the proposal id."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"policy"_s, u"The policy file."_s, u"FILE"_s},
        {u"changes"_s, u"Hand-picked changes (CSV: user_id,action,role_id,reason)."_s, u"FILE"_s},
        {u"by"_s, u"The proposer: a reviewer (moderator or admin)."_s, u"NAME"_s},
        {u"guild"_s, u"The guild (needed when the database holds several)."_s, u"ID"_s},
        {u"at"_s, u"Plan as of this time (ISO 8601; default now)."_s, u"T"_s},
        {u"since"_s, u"Start of the data window the evidence covers (ISO 8601)."_s, u"T"_s},
        {u"title"_s, u"A title for reviewers."_s, u"TEXT"_s},
        {u"evidence"_s, u"Reference to the evidence package (path, URL or hash)."_s, u"REF"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s, u"by"_s, u"policy"_s}))
        return *exit;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 at = now;
    if (parser.isSet(u"at"_s)) {
        auto t = parseTimeOption(parser, u"at"_s);
        if (!t) {
            printError(command, t.error().text());
            return ExitUsage;
        }
        at = *t;
    }
    std::optional<qint64> since;
    if (parser.isSet(u"since"_s)) {
        auto t = parseTimeOption(parser, u"since"_s);
        if (!t) {
            printError(command, t.error().text());
            return ExitUsage;
        }
        since = *t;
    }
    auto pol = policy::Policy::load(parser.value(u"policy"_s));
    if (!pol) {
        printError(command, pol.error().text());
        return ExitFailure;
    }
    auto db = openModerationDb(parser.value(u"db"_s));
    if (!db) {
        printError(command, db.error().text());
        return ExitFailure;
    }
    auto guild = chooseModerationGuild(**db, parser.value(u"guild"_s));
    if (!guild) {
        printError(command, guild.error().text());
        return ExitFailure;
    }
    moderation::ProposalDraft draft;
    draft.guildId = *guild;
    auto changes = moderation::planFromPolicy(**db, *guild, *pol, at, &draft.roles);
    if (!changes) {
        printError(command, changes.error().text());
        return ExitFailure;
    }
    if (parser.isSet(u"changes"_s)) {
        auto picks = readChanges(parser.value(u"changes"_s));
        if (!picks) {
            printError(command, picks.error().text());
            return ExitFailure;
        }
        changes = moderation::expandHandPicked(**db, *guild, draft.roles, *picks);
        if (!changes) {
            printError(command, changes.error().text());
            return ExitFailure;
        }
    }
    draft.changes = std::move(*changes);
    draft.title = parser.isSet(u"title"_s)
                      ? parser.value(u"title"_s)
                      : (parser.isSet(u"changes"_s)
                             ? u"Hand-picked changes (%1)"_s.arg(pol->name)
                             : u"%1 %2 plan at %3"_s.arg(pol->name, pol->version, isoUtc(at)));
    draft.policyName = pol->name;
    draft.policyJson = QString::fromUtf8(pol->canonicalJson);
    draft.policyHash = pol->hash;
    draft.windowFrom = since;
    draft.windowUntil = at;
    draft.evidence = parser.value(u"evidence"_s);
    draft.proposer = parser.value(u"by"_s);
    auto proposal = moderation::createProposal(**db, draft, now);
    if (!proposal) {
        printError(command, proposal.error().text());
        return ExitFailure;
    }
    out() << proposal->id << Qt::endl;
    err() << "gavel propose: proposal " << proposal->id << " with " << proposal->changes.size()
          << " changes; approvals needed: "
          << (proposal->approvalsRule.startsWith(u"all:"_s)
                  ? u"all of "_s + proposal->approvalsRule.mid(4)
                  : proposal->approvalsRule)
          << "; expires " << isoUtc(proposal->expiresAt) << Qt::endl;
    return ExitOk;
}

} // namespace gavel::cli
