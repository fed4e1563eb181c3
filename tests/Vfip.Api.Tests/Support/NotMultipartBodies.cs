using System.Net;
using System.Text;

namespace Vfip.Api.Tests.Support;

/// <summary>
/// Bodies that are not multipart/form-data, for the endpoints that take uploads: each answers them 415
/// <c>unsupported_media_type</c> (ADR 0021). Each names the upload's field, so only the media type is wrong.
/// </summary>
internal static class NotMultipartBodies
{
    public static TheoryData<string> Kinds() => ["no body", "text/plain", "urlencoded form", "multipart/mixed"];

    /// <summary>Posts a body of <paramref name="kind"/> to <paramref name="path"/> and expects 415 <c>unsupported_media_type</c>.</summary>
    public static async Task PostExpecting415Async(HttpClient client, string path, string kind, string field)
    {
        var response = await client.PostAsync(path, Create(kind, field));

        Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("unsupported_media_type", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    private static HttpContent? Create(string kind, string field) => kind switch
    {
        "no body" => null,
        "text/plain" => new StringContent($"{field}=x", Encoding.UTF8, "text/plain"),
        "urlencoded form" => new FormUrlEncodedContent(new Dictionary<string, string> { [field] = "x" }),
        "multipart/mixed" => new MultipartContent("mixed") { new StringContent("x") },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a known kind of body"),
    };
}
