using Vfip.Domain.Common;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing.Responses;

/// <summary>
/// Licence terms as clients send and read them (camelCase JSON; enum values by their wire names). On input
/// every field is optional: an omitted field keeps the value of the preset named beside it, or of
/// <see cref="LicenseTerms.Default"/> (the most restrictive terms) without a preset.
/// </summary>
public sealed record LicenseTermsDocument(
    int? Version = null,
    bool? Commercial = null,
    bool? Attribution = null,
    DerivativeTermsDocument? Derivatives = null,
    int? RevenueShareBps = null,
    UpfrontFeeDocument? UpfrontFee = null,
    IReadOnlyList<string>? Territories = null,
    IReadOnlyList<string>? Channels = null,
    IReadOnlyList<string>? Platforms = null,
    bool? PhysicalProduction = null,
    bool? AiTraining = null,
    string? Exclusivity = null,
    bool? Sublicensable = null,
    bool? Transferable = null,
    DateTime? StartsAt = null,
    DateTime? EndsAt = null)
{
    /// <summary>The terms as stored and answered: every field present, in canonical form.</summary>
    public static LicenseTermsDocument From(LicenseTerms terms) => new(
        terms.Version,
        terms.Commercial,
        terms.Attribution,
        new DerivativeTermsDocument(terms.Derivatives.Allowed, terms.Derivatives.Attribution, terms.Derivatives.ApprovalRequired, terms.Derivatives.Reciprocal),
        terms.RevenueShareBps,
        terms.UpfrontFee is { } fee ? new UpfrontFeeDocument(fee.Amount, fee.Currency) : null,
        terms.Territories,
        terms.Channels.Select(LicenseVocabulary.Name).ToArray(),
        terms.Platforms,
        terms.PhysicalProduction,
        terms.AiTraining,
        LicenseVocabulary.Name(terms.Exclusivity),
        terms.Sublicensable,
        terms.Transferable,
        terms.StartsAt,
        terms.EndsAt);

    /// <summary>
    /// Resolves <paramref name="preset"/> and/or <paramref name="terms"/> into checked, canonical terms. Unknown
    /// names and broken consistency rules are 400s with a stable code naming the rule.
    /// </summary>
    public static LicenseTerms Resolve(string? preset, LicenseTermsDocument? terms)
    {
        if (preset is null && terms is null)
        {
            throw new DomainException(ErrorCodes.Terms.Required, $"Send 'terms', a 'preset' ({string.Join(", ", LicensePresets.Names)}), or both.");
        }

        var basis = preset is null
            ? LicenseTerms.Default
            : LicensePresets.Get(preset)
                ?? throw new DomainException(
                    ErrorCodes.Terms.UnknownPreset, $"There is no preset '{preset}'; use one of {string.Join(", ", LicensePresets.Names)}.");
        var merged = terms is null ? basis : terms.Over(basis);
        return merged.Normalise();
    }

    private LicenseTerms Over(LicenseTerms basis)
    {
        var channels = Channels?.Select(name => LicenseVocabulary.TryParseChannel(name, out var channel)
            ? channel
            : throw new DomainException(
                ErrorCodes.Terms.UnknownChannel, $"'{name}' is not a channel; use one of {string.Join(", ", LicenseVocabulary.ChannelNames)}.")).ToArray();
        var exclusivity = LicenseExclusivity.None;
        if (Exclusivity is not null && !LicenseVocabulary.TryParseExclusivity(Exclusivity, out exclusivity))
        {
            throw new DomainException(
                ErrorCodes.Terms.UnknownExclusivity, $"'{Exclusivity}' is not an exclusivity; use one of {string.Join(", ", LicenseVocabulary.ExclusivityNames)}.");
        }

        if (UpfrontFee is { Currency: null })
        {
            throw new DomainException(ErrorCodes.Terms.InvalidFee, "An upfront fee needs a currency.");
        }

        return basis with
        {
            Version = Version ?? basis.Version,
            Commercial = Commercial ?? basis.Commercial,
            Attribution = Attribution ?? basis.Attribution,
            Derivatives = Derivatives is { } d
                ? new DerivativeTerms(
                    d.Allowed ?? basis.Derivatives.Allowed,
                    d.Attribution ?? basis.Derivatives.Attribution,
                    d.ApprovalRequired ?? basis.Derivatives.ApprovalRequired,
                    d.Reciprocal ?? basis.Derivatives.Reciprocal)
                : basis.Derivatives,
            RevenueShareBps = RevenueShareBps ?? basis.RevenueShareBps,
            UpfrontFee = UpfrontFee is { } fee ? new UpfrontFee(fee.Amount, fee.Currency!) : basis.UpfrontFee,
            Territories = Territories ?? basis.Territories,
            Channels = channels ?? basis.Channels,
            Platforms = Platforms ?? basis.Platforms,
            PhysicalProduction = PhysicalProduction ?? basis.PhysicalProduction,
            AiTraining = AiTraining ?? basis.AiTraining,
            Exclusivity = Exclusivity is null ? basis.Exclusivity : exclusivity,
            Sublicensable = Sublicensable ?? basis.Sublicensable,
            Transferable = Transferable ?? basis.Transferable,
            StartsAt = StartsAt ?? basis.StartsAt,
            EndsAt = EndsAt ?? basis.EndsAt,
        };
    }
}

public sealed record DerivativeTermsDocument(bool? Allowed = null, bool? Attribution = null, bool? ApprovalRequired = null, bool? Reciprocal = null);

public sealed record UpfrontFeeDocument(decimal Amount, string? Currency);
