using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Vfip.Infrastructure.Persistence;

/// <summary>Stores DateTime as UTC and marks values read back as UTC, so JSON carries the trailing Z.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
