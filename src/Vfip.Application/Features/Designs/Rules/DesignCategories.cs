using System.Text.Json;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs.Rules;

/// <summary>The wire names of <see cref="DesignCategory"/> (snake_case, as the contract spells them).</summary>
public static class DesignCategories
{
    private static readonly Dictionary<string, DesignCategory> ByName =
        Enum.GetValues<DesignCategory>().ToDictionary(c => JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString()), StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names { get; } = ByName.Keys.Order(StringComparer.Ordinal).ToArray();

    public static bool TryParse(string name, out DesignCategory category) => ByName.TryGetValue(name, out category);

    public static DesignCategory Parse(string name) =>
        TryParse(name, out var category) ? category : throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown category.");
}
