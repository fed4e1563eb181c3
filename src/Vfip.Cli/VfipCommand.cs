namespace Vfip.Cli;

/// <summary>Dispatches <c>vfip COMMAND ...</c>; exit codes: 0 ok, 1 some input failed, 2 usage.</summary>
public static class VfipCommand
{
    public const string Usage = """
        usage:
          vfip fingerprint [--json] FILE...     one line per file: PDQHEX,QUALITY,FILE (--json: every signal)
          vfip identify FILE --api URL [--token BEARER]
                                                ask a VFIP service which registered designs FILE is
          vfip load-verify --api URL --design ID --holder H [--key APIKEY] [--seconds 10] [--concurrency 32]
                                                bounded loopback load test: /health/live, then verify-by-id
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        switch (args.FirstOrDefault())
        {
            case "fingerprint":
                return FingerprintCommand.Run(args[1..], stdout, stderr, cancellationToken);
            case "identify":
                return await IdentifyCommand.RunAsync(args[1..], stdout, stderr, cancellationToken);
            case "load-verify":
                return await LoadVerifyCommand.RunAsync(args[1..], stdout, stderr, cancellationToken);
            case "-h" or "--help" or "help":
                await stdout.WriteLineAsync(Usage);
                return 0;
            default:
                await stderr.WriteLineAsync(Usage);
                return 2;
        }
    }
}
