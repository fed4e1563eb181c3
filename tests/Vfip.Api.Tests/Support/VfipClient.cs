using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Vfip.Api.Tests.Support;

/// <summary>What an outside client does: sign up, upload, poll. JSON is read as JSON, field by field, as the contract names it.</summary>
internal static class VfipClient
{
    public const string Password = "Test-passw0rd!";

    /// <summary>Signs a new user up and returns a client that carries their bearer token.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this WebApplicationFactory<Program> factory, string? email = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        var client = factory.CreateClient();
        var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password });
        Assert.True(registered.IsSuccessStatusCode, $"sign-up failed: {await registered.Content.ReadAsStringAsync()}");
        var token = await LoginAsync(client, email);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> LoginAsync(HttpClient client, string email)
    {
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.ReadJsonAsync())["accessToken"]!.GetValue<string>();
    }

    /// <summary>A registration body: each image as an <c>images</c> file, the metadata as a JSON part.</summary>
    public static MultipartFormDataContent Upload(object? metadata, params byte[][] images)
    {
        var content = new MultipartFormDataContent();
        for (var i = 0; i < images.Length; i++)
        {
            var file = new ByteArrayContent(images[i]);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "images", $"image-{i}.png");
        }

        if (metadata is not null)
        {
            var json = metadata as string ?? JsonSerializer.Serialize(metadata);
            content.Add(new StringContent(json, Encoding.UTF8, "application/json"), "metadata");
        }

        return content;
    }

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, object? metadata, params byte[][] images) =>
        client.PostAsync("/api/v1/designs", Upload(metadata, images));

    /// <summary>Posts one image to <c>/api/v1/identify</c> as a multipart upload.</summary>
    public static Task<HttpResponseMessage> IdentifyAsync(this HttpClient client, byte[] image)
    {
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return client.PostAsync("/api/v1/identify", new MultipartFormDataContent { { file, "image", "query.png" } });
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"Empty body with {(int)response.StatusCode}.");
    }

    /// <summary>Polls the design until the outbox sender has anchored it; fails after <paramref name="timeout"/>.</summary>
    public static async Task<JsonNode> WaitUntilAnchoredAsync(this HttpClient client, string designId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var design = await (await client.GetAsync($"/api/v1/designs/{designId}")).ReadJsonAsync();
            var status = design["status"]?.GetValue<string>();
            if (status == "anchored")
            {
                return design;
            }

            Assert.True(status == "pending", $"design {designId} left pending for '{status}': {design}");
            Assert.True(DateTime.UtcNow < deadline, $"design {designId} still pending after the timeout");
            await Task.Delay(100);
        }
    }
}
