#pragma once

#include "analysis/Inputs.h"
#include "report/Evidence.h"

#include <QString>

class QCommandLineParser;

//! What `gavel export evidence` and `gavel report` share: the subject, window, policy and time.
namespace gavel::cli {

//! Declares --db, --guild, --user/--cluster/--proposal, --policy, --at, --since, --until.
void addCaseOptions(QCommandLineParser &parser);

struct CaseInput
{
    analysis::LoadedGuild loaded;
    report::Evidence evidence;
};

//! Reads the options, loads the guild and collects the evidence; on failure prints the error
//! and carries the exit code.
template<typename T>
class ExitOr
{
public:
    ExitOr(T value)
        : m_value(std::move(value))
    {}
    ExitOr(int exit)
        : m_exit(exit)
    {}
    explicit operator bool() const { return m_exit < 0; }
    T *operator->() { return &m_value; }
    T &operator*() { return m_value; }
    int error() const { return m_exit; }

private:
    T m_value{};
    int m_exit = -1;
};

ExitOr<CaseInput> readCase(const QCommandLineParser &parser, const QString &command);

} // namespace gavel::cli
