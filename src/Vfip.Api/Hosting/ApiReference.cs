using Scalar.AspNetCore;

namespace Vfip.Api.Hosting;

/// <summary>
/// The browsable API reference at <c>/docs</c>, rendered by Scalar from <c>/openapi/v1.json</c>. Its script is
/// served by this service (embedded in the package), and the web fonts are off, so the page needs no CDN.
/// </summary>
internal static class ApiReference
{
    public static void MapApiReference(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapScalarApiReference("/docs", options => options
            .WithTitle("VFIP API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts());
}
