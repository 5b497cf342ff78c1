#include "TestPaths.h"

#include <QDir>

namespace gavel::test {

QString sourceDir()
{
    return qEnvironmentVariable("GAVEL_SOURCE_DIR");
}

QString gavelBinary()
{
    return qEnvironmentVariable("GAVEL_BINARY");
}

QString sharedDir()
{
    return QDir(sourceDir()).absoluteFilePath(QStringLiteral("../shared"));
}

} // namespace gavel::test
