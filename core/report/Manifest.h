#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

//! SHA-256 manifests in sha256sum's format, so anyone can check a package with `sha256sum -c`.
namespace gavel::report {

//! The lowercase hex SHA-256 of a file's bytes.
Result<QString> sha256OfFile(const QString &path);

/*!
 * Writes `MANIFEST.sha256` in `dir`: one line "<hex>  <relative path>" per file (sorted by
 * path, '/' separators), every regular file below `dir` except the manifest itself. Returns
 * the SHA-256 of the manifest, which identifies the whole package.
 */
Result<QString> writeManifest(const QString &dir);

//! Checks every line of `dir`/MANIFEST.sha256 against the files; the error names the first
//! file that is missing or differs.
Result<void> verifyManifest(const QString &dir);

inline constexpr QLatin1StringView manifestName{"MANIFEST.sha256"};

} // namespace gavel::report
