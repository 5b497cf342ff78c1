#include "report/Manifest.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gavel::report {

Result<QString> sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{u"cannot read %1: %2"_s.arg(path, file.errorString()),
                     u"check that the file exists and is readable"_s};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return Error{u"cannot read %1: %2"_s.arg(path, file.errorString()), {}};
    return QString::fromLatin1(hash.result().toHex());
}

Result<QString> writeManifest(const QString &dir)
{
    // Absolute, so that relativeFilePath() works for a relative `dir` too.
    const QDir root(QFileInfo(dir).absoluteFilePath());
    QStringList files;
    QDirIterator it(root.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString rel = root.relativeFilePath(it.next());
        if (rel != manifestName)
            files.append(rel);
    }
    std::sort(files.begin(), files.end());
    QByteArray text;
    for (const QString &rel : files) {
        auto hash = sha256OfFile(root.filePath(rel));
        if (!hash)
            return hash.error();
        text += hash->toLatin1() + "  " + rel.toUtf8() + '\n';
    }
    QSaveFile out(root.filePath(manifestName));
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size() || !out.commit())
        return Error{u"cannot write %1: %2"_s.arg(root.filePath(manifestName), out.errorString()),
                     u"check free space and permissions of the output directory"_s};
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

Result<void> verifyManifest(const QString &dir)
{
    const QDir root(dir);
    QFile file(root.filePath(manifestName));
    if (!file.open(QIODevice::ReadOnly))
        return Error{u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()), {}};
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        const qsizetype sep = line.indexOf("  ");
        if (sep != 64)
            return Error{u"malformed manifest line: %1"_s.arg(QString::fromUtf8(line)), {}};
        const QString rel = QString::fromUtf8(line.mid(66));
        auto hash = sha256OfFile(root.filePath(rel));
        if (!hash)
            return hash.error();
        if (hash->toLatin1() != line.left(64))
            return Error{u"%1 differs from the manifest"_s.arg(rel),
                         u"the package was changed after it was exported"_s};
    }
    return {};
}

} // namespace gavel::report
