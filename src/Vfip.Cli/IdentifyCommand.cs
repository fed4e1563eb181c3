using System.Net.Http.Headers;

namespace Vfip.Cli;

/// <summary><c>vfip identify FILE --api URL [--token BEARER]</c>: posts the image to <c>/api/v1/identify</c> and prints the answer.</summary>
internal static class IdentifyCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string? file = null, api = null, token = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--api" when i + 1 < args.Length:
                    api = args[++i];
                    break;
                case "--token" when i + 1 < args.Length:
                    token = args[++i];
                    break;
                default:
                    file ??= args[i];
                    break;
            }
        }

        if (file is null || api is null || !Uri.TryCreate(api, UriKind.Absolute, out var baseUri))
        {
            await stderr.WriteLineAsync(VfipCommand.Usage);
            return 2;
        }

        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var content = new MultipartFormDataContent();
        var image = new ByteArrayContent(await File.ReadAllBytesAsync(file, cancellationToken));
        image.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(image, "image", Path.GetFileName(file));
        try
        {
            using var response = await http.PostAsync("api/v1/identify", content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            await (response.IsSuccessStatusCode ? stdout : stderr).WriteLineAsync(body);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException exception)
        {
            await stderr.WriteLineAsync($"{api}: {exception.Message}");
            return 1;
        }
    }
}
