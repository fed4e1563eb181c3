using FluentValidation;
using Vfip.Application.Common.Behaviors;
using Vfip.Domain.Common;

namespace Vfip.Api.Tests.Problems;

/// <summary>
/// How validation failures become answers: plain rules as <c>validation_failed</c> with their <c>errors</c>, a rule that
/// names a catalogue code as that code, and plain failures first.
/// </summary>
public sealed class ValidationBehaviorTests
{
    [Fact]
    public async Task AValidRequest_ReachesTheHandler()
    {
        Assert.Equal("handled", await SendAsync(new Probe("title", ["a", "b"])));
    }

    [Fact]
    public async Task APlainFailure_IsValidationFailed_WithItsField()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => SendAsync(new Probe(null, ["a"])));

        Assert.Equal("validation_failed", refusal.Code);
        var errors = Assert.IsAssignableFrom<IDictionary<string, string[]>>(refusal.Extensions["errors"]);
        Assert.Equal(["title"], errors.Keys);
    }

    [Fact]
    public async Task ACodedFailure_IsAnsweredWithItsCode_KindAndMessage()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => SendAsync(new Probe("title", ["a", "a"])));

        Assert.Same(ErrorCodes.Derivatives.InvalidParents, refusal.Error);
        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        Assert.Equal("No parent twice.", refusal.Message);
        Assert.Empty(refusal.Extensions);
    }

    [Fact]
    public async Task PlainAndCodedFailures_AreValidationFailed_ListingOnlyThePlainOnes()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => SendAsync(new Probe(null, ["a", "a"])));

        Assert.Equal("validation_failed", refusal.Code);
        var errors = Assert.IsAssignableFrom<IDictionary<string, string[]>>(refusal.Extensions["errors"]);
        Assert.Equal(["title"], errors.Keys);
    }

    [Fact]
    public async Task TwoCodedFailures_AreAnsweredWithTheFirstDeclared()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => SendAsync(new Probe("title", ["", "", "", ""])));

        Assert.Equal("too_many_images", refusal.Code);
    }

    [Fact]
    public async Task FluentValidationsOwnStringCode_DoesNotChangeTheAnswer()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => SendAsync(new Probe("x", ["a"])));

        Assert.Equal("validation_failed", refusal.Code);
    }

    private static Task<string> SendAsync(Probe probe) =>
        new ValidationBehavior<Probe, string>([new ProbeValidator()]).Handle(probe, CancellationToken.None, () => Task.FromResult("handled"));

    public sealed record Probe(string? Title, IReadOnlyList<string> Parents);

    private sealed class ProbeValidator : AbstractValidator<Probe>
    {
        public ProbeValidator()
        {
            RuleFor(p => p.Title).NotEmpty();
            RuleFor(p => p.Title).MinimumLength(2).WithErrorCode("invalid_title").When(p => p.Title is not null);
            RuleFor(p => p.Parents).Must(p => p.Count <= 3).WithMessage("At most three.").WithErrorCode(ErrorCodes.Images.TooMany);
            RuleFor(p => p.Parents).Must(p => p.Distinct().Count() == p.Count).WithMessage("No parent twice.").WithErrorCode(ErrorCodes.Derivatives.InvalidParents);
        }
    }
}
