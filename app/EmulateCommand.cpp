#include "Cli.h"
#include "Commands.h"

int gavel::cli::runEmulate(const QStringList &args)
{
    printError(args.value(0), QStringLiteral("not built yet"));
    return ExitFailure;
}
