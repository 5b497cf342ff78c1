#pragma once

#include <QStringList>

//! Entry points of the subcommands; each gets its arguments with args[0] = its name,
//! runs with a QCoreApplication (or QApplication where noted) already created, and
//! returns the process exit code (see Cli.h).
namespace gavel::cli {

int runEmulate(const QStringList &args);   // EmulateCommand.cpp
int runDemoGuild(const QStringList &args); // DemoGuildCommand.cpp
int runDemo(const QStringList &args);      // DemoCommand.cpp (GUI)
int runGui(const QStringList &args);       // GuiCommand.cpp (GUI)
int runSync(const QStringList &args);      // SyncCommand.cpp
int runStatus(const QStringList &args);    // StatusCommand.cpp
int runScores(const QStringList &args);    // ScoresCommand.cpp
int runPlan(const QStringList &args);      // PlanCommand.cpp
int runCompare(const QStringList &args);   // CompareCommand.cpp
int runPairs(const QStringList &args);     // PairsCommand.cpp
int runClusters(const QStringList &args);  // ClustersCommand.cpp
int runAudit(const QStringList &args);     // AuditCommand.cpp
int runPropose(const QStringList &args);   // ProposeCommand.cpp
int runApprove(const QStringList &args);   // ApproveCommand.cpp
int runReject(const QStringList &args);    // ApproveCommand.cpp
int runPush(const QStringList &args);      // PushCommand.cpp
int runVerifyLog(const QStringList &args); // VerifyLogCommand.cpp
int runReviewers(const QStringList &args); // ReviewersCommand.cpp
int runProposals(const QStringList &args); // ReviewersCommand.cpp
int runExport(const QStringList &args);    // ExportCommand.cpp
int runReport(const QStringList &args);    // ReportCommand.cpp
int runImport(const QStringList &args);    // ImportCommand.cpp

} // namespace gavel::cli
