using System.Reflection;
using System.Text.RegularExpressions;
using Vfip.Domain.Common;

namespace Vfip.Domain.Tests.Common;

/// <summary>The catalogue of error codes: each code defined once, each a stable snake_case name clients can match on.</summary>
public sealed partial class ErrorCodesTests
{
    [Fact]
    public void EveryCode_IsSnakeCase_AndDefinedOnce()
    {
        var codes = Catalogue().Select(entry => entry.Error.Code).ToList();

        Assert.True(codes.Count > 90, $"only {codes.Count} codes found: is the reflection missing a group?");
        Assert.All(codes, code => Assert.Matches(SnakeCase(), code));
        Assert.Empty(codes.GroupBy(code => code, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void EveryCode_HasADefinedKind()
    {
        Assert.All(Catalogue(), entry => Assert.True(Enum.IsDefined(entry.Error.Kind), $"{entry.Name} has kind {entry.Error.Kind}"));
    }

    [Fact]
    public void DomainException_CarriesTheCodeItsKindAndItsExtensions()
    {
        var error = new DomainException(ErrorCodes.Designs.AlreadyRegistered, "taken").With("existingDesignId", "d1");

        Assert.Equal("design_already_registered", error.Code);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Same(ErrorCodes.Designs.AlreadyRegistered, error.Error);
        Assert.Equal("taken", error.Message);
        Assert.Equal("d1", error.Extensions["existingDesignId"]);
    }

    // Every public static ErrorCode of every group nested in ErrorCodes, with its field's name for messages.
    private static IEnumerable<(string Name, ErrorCode Error)> Catalogue() =>
        typeof(ErrorCodes).GetNestedTypes(BindingFlags.Public)
            .SelectMany(group => group.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(field => field.FieldType == typeof(ErrorCode))
                .Select(field => ($"{group.Name}.{field.Name}", (ErrorCode)field.GetValue(null)!)));

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
