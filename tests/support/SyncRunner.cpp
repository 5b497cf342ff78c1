#include "SyncRunner.h"

#include "discord/Token.h"

#include <QEventLoop>
#include <QTimer>

namespace gavel::test {

namespace {

//! A fixed token, as the test emulator expects it.
class FixedTokenSource final : public discord::TokenSource
{
public:
    explicit FixedTokenSource(QString token)
        : m_token(std::move(token))
    {}
    Result<discord::Token> token() const override
    {
        discord::Token t(m_token.toUtf8());
        if (auto valid = t.validate(describe()); !valid)
            return valid.error();
        return t;
    }
    QString describe() const override { return QStringLiteral("the test's token"); }

private:
    QString m_token;
};

} // namespace

SyncRun runSync(const store::Location &location, const QUrl &apiBase, const QString &token,
                sync::Options options, int timeoutMs,
                const std::function<void(sync::Engine &, const sync::Progress &)> &onProgress)
{
    SyncRun run;
    sync::Engine engine(location, apiBase, std::make_shared<FixedTokenSource>(token), options);
    QEventLoop loop;
    QObject::connect(&engine, &sync::Engine::progress, &engine, [&](const sync::Progress &p) {
        ++run.progressSignals;
        run.lastProgress = p;
        if (onProgress)
            onProgress(engine, p);
    });
    QObject::connect(&engine, &sync::Engine::finished, &engine,
                     [&](const Result<sync::Summary> &result) {
                         ++run.finishedSignals;
                         run.result = result;
                         loop.quit();
                     });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    engine.start();
    if (run.finishedSignals == 0)
        loop.exec();
    // A second finished() would arrive from the event loop: give it the chance to show up.
    QEventLoop settle;
    QTimer::singleShot(20, &settle, &QEventLoop::quit);
    settle.exec();
    return run;
}

sync::Options fastSyncOptions(quint64 guildId)
{
    sync::Options o;
    o.guildId = guildId;
    o.globalPerSecond = 0;
    return o;
}

} // namespace gavel::test
