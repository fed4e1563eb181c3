using System.Runtime.CompilerServices;

// The benchmarks time the index's one-core and two-core SearchMany paths separately and profile
// the PDQ stages one by one; both need internals that are not part of the public surface.
[assembly: InternalsVisibleTo("Vfip.Benchmarks")]
