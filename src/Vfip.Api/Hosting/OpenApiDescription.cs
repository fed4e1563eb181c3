using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Vfip.Api.Hosting;

/// <summary>
/// What a platform engineer needs before the first call, on the document itself: how to authenticate, how
/// errors look, and how registration becomes an on-chain proof.
/// </summary>
internal sealed class OpenApiDescription : IOpenApiDocumentTransformer
{
    private const string Bearer = "bearer";
    private const string ApiKey = "apiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "VFIP — virtual fashion IP registry",
            Version = "v1",
            Description = """
                Register virtual garments, prove ownership on an Ethereum chain, and check uploads against registered designs.

                **Authentication.** `POST /api/v1/auth/register` then `POST /api/v1/auth/login` (JSON `{email, password}`) answers
                `{accessToken, refreshToken, expiresIn}`; send `Authorization: Bearer <accessToken>` and renew with `POST /api/v1/auth/refresh`.
                Tokens work on every replica.

                **Roles.** Sign-up gives `designer` and `licensee`; `arbiter` and `admin` are granted by admins (`/api/v1/admin/...`).
                Platforms send `X-Api-Key` (issued by an admin, with scopes `verify`, `identify`, `reports`). Only a design's owner may
                change it: `403` for others who can see it, `404` for what they cannot see. Requests are rate-limited per key, per user,
                or per IP for anonymous callers: `429` with `Retry-After` and `code: "rate_limited"`.

                **Registering.** `POST /api/v1/designs` (multipart: `images` files and a `metadata` JSON part) answers `202` with
                `status: "pending"`; poll `GET /api/v1/designs/{id}` until `status` is `anchored` (then `chain` carries chain id,
                contract, token id, transaction, block and log index) or `rejected`. The same content again by the same owner answers
                `200` with the existing design; by anyone else `409` with `code: "design_already_registered"` and `existingDesignId`.

                **Errors** are RFC 9457 problem details (`application/problem+json`) with a stable snake_case `code` and a `traceId`.
                JSON is camelCase; enum values are snake_case strings; times are ISO-8601 UTC; uint256 values are decimal strings.
                Lists are paged with `page` and `pageSize` (at most 200) and answer `{items, page, pageSize, total}`.
                """,
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = Bearer,
            Description = "The accessToken from POST /api/v1/auth/login.",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "A platform key issued by an admin (POST /api/v1/admin/platform-keys); its scopes decide what it may call.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] });
        return Task.CompletedTask;
    }
}
