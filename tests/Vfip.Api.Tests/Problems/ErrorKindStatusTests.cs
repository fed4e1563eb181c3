using Vfip.Api.Problems;
using Vfip.Domain.Common;

namespace Vfip.Api.Tests.Problems;

/// <summary>The one place an error's kind becomes an HTTP status: every kind has one, and it is the one clients rely on.</summary>
public sealed class ErrorKindStatusTests
{
    [Theory]
    [InlineData(ErrorKind.Invalid, 400)]
    [InlineData(ErrorKind.Forbidden, 403)]
    [InlineData(ErrorKind.NotFound, 404)]
    [InlineData(ErrorKind.Conflict, 409)]
    [InlineData(ErrorKind.TooLarge, 413)]
    [InlineData(ErrorKind.UnsupportedMediaType, 415)]
    public void EachKind_IsAnsweredWithItsStatus(ErrorKind kind, int status) =>
        Assert.Equal(status, ProblemExceptionHandler.Answer(kind).Status);

    [Fact]
    public void EveryKind_HasAStatusAndATitle() =>
        Assert.All(Enum.GetValues<ErrorKind>(), kind => Assert.False(string.IsNullOrEmpty(ProblemExceptionHandler.Answer(kind).Title)));
}
