using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vfip.Domain.Licensing;

namespace Vfip.Infrastructure.Persistence.Configurations;

/// <summary>The conversions of the columns that hold a typed value as JSON; the column itself stays a string.</summary>
/// <remarks>
/// On the untyped builder so one method serves nullable and non-nullable properties alike; EF checks at model
/// building that the converter's type is the property's.
/// </remarks>
internal static class JsonColumns
{
    /// <summary>Licence terms as their canonical JSON (<see cref="CanonicalTermsConverter"/>).</summary>
    public static PropertyBuilder HasCanonicalJsonConversion(this PropertyBuilder property) =>
        property.HasConversion(new CanonicalTermsConverter(), new CanonicalTermsComparer());

    /// <summary>A list of <typeparamref name="T"/> kept whole as a JSON array (<see cref="JsonListConverter{T}"/>).</summary>
    public static PropertyBuilder HasJsonListConversion<T>(this PropertyBuilder property) =>
        property.HasConversion(new JsonListConverter<T>(), new JsonListComparer<T>());
}

/// <summary>
/// Licence terms stored as their canonical JSON (<see cref="LicenseTerms.CanonicalJson"/>): the very bytes whose SHA-256
/// is the anchored <c>TermsHash</c>, so anyone reading the column can re-hash it (ADR 0023). Read back through the
/// canonical reader, once per distinct document: terms are immutable (the hash names them), so every row holding the
/// same JSON can share one parsed value.
/// </summary>
internal sealed class CanonicalTermsConverter() : ValueConverter<LicenseTerms, string>(
    terms => Encoding.UTF8.GetString(terms.CanonicalJson()),
    json => Read(json))
{
    private const int Capacity = 4096;
    private static readonly ConcurrentDictionary<string, LicenseTerms> Parsed = new(StringComparer.Ordinal);

    private static LicenseTerms Read(string json)
    {
        if (Parsed.TryGetValue(json, out var terms))
        {
            return terms;
        }

        terms = LicenseTerms.FromCanonicalJson(json);
        if (Parsed.Count >= Capacity)
        {
            Parsed.Clear(); // crude but bounded; distinct terms are few in practice
        }

        Parsed[json] = terms;
        return terms;
    }
}

/// <summary>
/// Terms are equal when their canonical JSON is (record equality would compare the lists by reference). The snapshot is
/// the value itself: terms are replaced, never changed in place.
/// </summary>
internal sealed class CanonicalTermsComparer() : ValueComparer<LicenseTerms>(
    (a, b) => Same(a, b),
    terms => terms.Hash().GetHashCode(StringComparison.Ordinal),
    terms => terms)
{
    private static bool Same(LicenseTerms? a, LicenseTerms? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.CanonicalJson().AsSpan().SequenceEqual(b.CanonicalJson()));
}

/// <summary>
/// A list of records kept whole in one JSON column (a design's parents, its royalty splits): read and written with the
/// web defaults (camelCase) the column has always held, so existing rows read back and new ones look the same.
/// </summary>
internal sealed class JsonListConverter<T>() : ValueConverter<IReadOnlyList<T>, string>(
    list => JsonSerializer.Serialize(list, JsonListOptions.Web),
    json => JsonSerializer.Deserialize<T[]>(json, JsonListOptions.Web)!);

/// <summary>Element-wise equality (the elements are records); the snapshot is a copy.</summary>
internal sealed class JsonListComparer<T>() : ValueComparer<IReadOnlyList<T>>(
    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
    list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
    list => list.ToArray());

internal static class JsonListOptions
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
