using Vfip.Cli;

return await VfipCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
