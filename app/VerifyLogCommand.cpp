// gavel verify-log: checks the hash chain of the moderation audit log.

#include "Cli.h"
#include "Commands.h"
#include "moderation/AuditLog.h"
#include "store/Database.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace gavel::cli {

Result<std::unique_ptr<store::Database>> openModerationDb(const QString &dbText);

int runVerifyLog(const QStringList &args)
{
    const QString command = u"verify-log"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Verifies the audit log: every row's hash covers its content and the previous row's "
        u"hash, and rows are numbered without gaps. Names the first bad row. Record the head "
        u"it prints elsewhere and pass it to --head later to detect rows added at the end."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"head"_s, u"A head recorded earlier, as SEQ:HASH, that must still be in the log."_s,
         u"SEQ:HASH"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s}))
        return *exit;
    std::optional<std::pair<qint64, QString>> head;
    if (parser.isSet(u"head"_s)) {
        const QStringList parts = parser.value(u"head"_s).split(u':');
        bool ok = false;
        const qint64 seq = parts.value(0).toLongLong(&ok);
        if (parts.size() != 2 || !ok || parts[1].size() != 64) {
            printError(command, u"--head wants SEQ:HASH as verify-log printed it, not '%1'"_s.arg(
                                    parser.value(u"head"_s)));
            return ExitUsage;
        }
        head = std::pair{seq, parts[1].toLower()};
    }
    auto db = openModerationDb(parser.value(u"db"_s));
    if (!db) {
        printError(command, db.error().text());
        return ExitFailure;
    }
    auto report = moderation::verifyAuditLog(**db, head);
    if (!report) {
        printError(command, report.error().text());
        return ExitFailure;
    }
    if (!report->ok()) {
        out() << "bad row " << *report->firstBadSeq << ": " << report->problem << Qt::endl;
        printError(command, u"the audit log of %1 has been tampered with: first bad row %2 (%3)"_s
                                .arg((*db)->location().display())
                                .arg(*report->firstBadSeq)
                                .arg(report->problem));
        return ExitFailure;
    }
    out() << "ok " << report->rows << " rows; head " << report->headSeq << ':'
          << (report->headHash.isEmpty() ? moderation::genesisHash() : report->headHash)
          << Qt::endl;
    return ExitOk;
}

} // namespace gavel::cli
