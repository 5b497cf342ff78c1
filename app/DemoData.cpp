#include "DemoData.h"

#include "common/Version.h"
#include "demoguild/DemoGuild.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace gavel::cli {

namespace {
QString demoDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .absoluteFilePath(QStringLiteral("demo"));
}
} // namespace

QString demoSnapshotPath()
{
    return QDir(demoDirectory())
        .absoluteFilePath(QStringLiteral("demo-guild-") + versionString() +
                          QStringLiteral(".json.gz"));
}

QString demoDatabasePath()
{
    return QDir(demoDirectory()).absoluteFilePath(QStringLiteral("demo.sqlite"));
}

Result<QString> ensureDemoSnapshot(const std::function<bool(int percent)> &progress)
{
    const QString path = demoSnapshotPath();
    if (QFileInfo::exists(path))
        return path;
    if (!QDir().mkpath(demoDirectory())) {
        return Error{
            QStringLiteral("Cannot create the folder %1 for the demo guild.").arg(demoDirectory()),
            QStringLiteral("Check its permissions and free space.")};
    }
    // generate() writes nothing at the path on failure or cancel, so a half-written demo is
    // never mistaken for a finished one.
    const auto summary = demoguild::generate(demoguild::defaultDemoOptions(), path, progress);
    if (!summary)
        return summary.error();
    return path;
}

} // namespace gavel::cli
