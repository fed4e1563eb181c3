#!/usr/bin/env bash
# Adds the EF Core migration NAME for every database provider, one migrations assembly each
# (src/Vfip.Migrations.Sqlite, src/Vfip.Migrations.Postgres): a model change needs both. Generating a
# migration never starts the service nor connects to a database (each project has a design-time factory).
#   scripts/add-migration.sh InitialSchema
# Until the first release each provider keeps one migration, InitialSchema (docs/decisions/0020): delete
# Migrations/ in both projects and run this with InitialSchema, rather than adding a second migration.
# Review both generated files: hand-written SQL the model cannot express goes there (SQLite's
# Designs_AssignSequence trigger, in Up and Down); Persistence/InitialSchemaTests fails without it.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project="src/Vfip.Migrations.$provider"
  echo "== $provider"
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
