#pragma once

#include "JsonWriter.h"
#include "common/Result.h"

#include <QSaveFile>
#include <QString>

#include <memory>
#include <vector>

namespace gavel::demoguild {

/*!
 * A file that appears only when complete: bytes go to a temporary file (QSaveFile) that
 * replaces the target on commit(), so a failed or cancelled run never leaves half a
 * snapshot. Paths ending in ".gz" are gzip-compressed on the way (zlib, fast level:
 * a 1M-message snapshot is about a gigabyte of JSON).
 */
class OutputFile : public ByteSink
{
public:
    OutputFile();
    ~OutputFile() override;

    OutputFile(const OutputFile &) = delete;
    OutputFile &operator=(const OutputFile &) = delete;

    Result<void> open(const QString &path);
    bool write(const char *data, qsizetype size) override;
    //! Finishes the gzip stream and atomically replaces the target file.
    Result<void> commit();
    //! Drops everything written; the target is left as it was.
    void cancel();

    bool compressed() const { return m_gzip; }
    //! Bytes stored on disk so far (compressed size for .gz).
    qint64 fileBytes() const { return m_fileBytes; }
    //! A one-line reason after write() returned false.
    QString errorString() const { return m_error; }

    static bool isGzipPath(const QString &path);

private:
    bool deflateChunk(const char *data, qsizetype size, bool finish);

    QSaveFile m_file;
    QString m_path;
    QString m_error;
    bool m_gzip = false;
    bool m_open = false;
    qint64 m_fileBytes = 0;
    struct Deflater;
    std::unique_ptr<Deflater> m_deflater;
};

} // namespace gavel::demoguild
