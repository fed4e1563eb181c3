using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Vfip.Api.Hosting;

namespace Vfip.Api.Tests.Support;

/// <summary>The API's one-shot commands (<c>dotnet Vfip.Api.dll promote-admin …</c>), run in this process as an operator runs them.</summary>
internal static class VfipCommandLine
{
    /// <summary>
    /// Runs the command over the same data folder, database and chain settings as <paramref name="instance"/> (as the
    /// operator runs it beside the service, with its configuration) and returns its exit code.
    /// </summary>
    public static async Task<int> RunCommandAsync(this VfipFactory instance, params string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>(instance.Settings) { ["Vfip:DataDir"] = instance.DataDir });
        builder.Services.AddVfip(builder.Configuration);
        await using var app = builder.Build();
        return await VfipCommands.TryRunAsync(app, args) ?? throw new ArgumentException($"{args[0]} is not a command.", nameof(args));
    }
}
