#include "Cli.h"
#include "Commands.h"

int gavel::cli::runGui(const QStringList &args)
{
    printError(args.value(0), QStringLiteral("not built yet"));
    return ExitFailure;
}
