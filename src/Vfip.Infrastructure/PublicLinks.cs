using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;

namespace Vfip.Infrastructure;

internal sealed class PublicLinks(IOptions<VfipOptions> options) : IPublicLinks
{
    private readonly string _base = options.Value.PublicBaseUrl.TrimEnd('/');

    public string DesignMetadata(string designId) => $"{_base}/api/v1/designs/{designId}/metadata.json";

    public string DesignImage(string designId, int index) => $"{_base}/api/v1/designs/{designId}/images/{index}";
}
