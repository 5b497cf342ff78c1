#pragma once

#include <QString>

namespace gavel {

//! The version string shown by `gavel --version`, the About box and the User-Agent.
inline QString versionString()
{
    return QStringLiteral(GAVEL_VERSION);
}

} // namespace gavel
