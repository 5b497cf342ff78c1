#include "OutputFile.h"

#include <QDir>
#include <QFileInfo>

#include <zlib.h>

using namespace Qt::StringLiterals;

namespace gavel::demoguild {

namespace {
// Level 3: about as fast as level 1 on JSON while noticeably smaller; 6 (the default)
// would double the time of a 1M-message snapshot for a few percent.
constexpr int gzipLevel = 3;
constexpr std::size_t deflateOutputSize = 1 << 18;
} // namespace

struct OutputFile::Deflater
{
    z_stream stream{};
    std::vector<unsigned char> out = std::vector<unsigned char>(deflateOutputSize);
    bool initialised = false;

    ~Deflater()
    {
        if (initialised)
            deflateEnd(&stream);
    }
};

OutputFile::OutputFile() = default;

OutputFile::~OutputFile()
{
    if (m_open)
        cancel();
}

bool OutputFile::isGzipPath(const QString &path)
{
    return path.endsWith(u".gz"_s, Qt::CaseInsensitive);
}

Result<void> OutputFile::open(const QString &path)
{
    m_path = path;
    m_gzip = isGzipPath(path);
    const QFileInfo info(path);
    if (info.isDir())
        return Error{u"cannot write %1: it is a directory"_s.arg(QDir::toNativeSeparators(path)),
                     u"Give a file name, e.g. %1/demo.json."_s.arg(path)};
    if (!info.absoluteDir().exists())
        return Error{
            u"cannot write %1: the directory %2 does not exist"_s.arg(
                QDir::toNativeSeparators(path), QDir::toNativeSeparators(info.absolutePath())),
            u"Create the directory first or choose another path."_s};
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly))
        return Error{
            u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), m_file.errorString()),
            u"Check that the directory is writable and the disk is not full."_s};
    if (m_gzip) {
        m_deflater = std::make_unique<Deflater>();
        // windowBits 15 + 16: a gzip wrapper (header with mtime 0, so output is reproducible).
        if (deflateInit2(&m_deflater->stream, gzipLevel, Z_DEFLATED, 15 + 16, 8,
                         Z_DEFAULT_STRATEGY) != Z_OK) {
            m_file.cancelWriting();
            return Error{u"cannot start gzip compression for %1"_s.arg(path),
                         u"zlib could not allocate its state; try again with more free memory."_s};
        }
        m_deflater->initialised = true;
    }
    m_open = true;
    m_fileBytes = 0;
    m_error.clear();
    return {};
}

bool OutputFile::deflateChunk(const char *data, qsizetype size, bool finish)
{
    z_stream &z = m_deflater->stream;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    z.avail_in = static_cast<uInt>(size);
    for (;;) {
        z.next_out = m_deflater->out.data();
        z.avail_out = static_cast<uInt>(m_deflater->out.size());
        const int rc = deflate(&z, finish ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_ERROR) {
            m_error = u"gzip compression failed"_s;
            return false;
        }
        const qsizetype produced = static_cast<qsizetype>(m_deflater->out.size() - z.avail_out);
        if (produced > 0) {
            if (m_file.write(reinterpret_cast<const char *>(m_deflater->out.data()), produced) !=
                produced) {
                m_error = m_file.errorString();
                return false;
            }
            m_fileBytes += produced;
        }
        if (finish ? rc == Z_STREAM_END : (z.avail_in == 0 && z.avail_out != 0))
            return true;
    }
}

bool OutputFile::write(const char *data, qsizetype size)
{
    if (!m_open)
        return false;
    if (m_gzip) {
        // zlib's avail_in is 32-bit: feed very large writes in pieces.
        constexpr qsizetype piece = qsizetype(1) << 30;
        for (qsizetype done = 0; done < size; done += piece) {
            if (!deflateChunk(data + done, qMin(piece, size - done), false))
                return false;
        }
        return true;
    }
    if (m_file.write(data, size) != size) {
        m_error = m_file.errorString();
        return false;
    }
    m_fileBytes += size;
    return true;
}

Result<void> OutputFile::commit()
{
    if (!m_open)
        return Error{u"cannot finish %1: the file is not open"_s.arg(m_path), {}};
    if (m_gzip && !deflateChunk(nullptr, 0, true)) {
        cancel();
        return Error{u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(m_path), m_error),
                     u"Check the free disk space."_s};
    }
    m_open = false;
    m_deflater.reset();
    if (!m_file.commit())
        return Error{
            u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(m_path), m_file.errorString()),
            u"Check the free disk space and that the directory is writable."_s};
    return {};
}

void OutputFile::cancel()
{
    if (!m_open)
        return;
    m_open = false;
    m_deflater.reset();
    m_file.cancelWriting();
    m_file.commit(); // with cancelWriting() this only discards the temporary file
}

} // namespace gavel::demoguild
