# VFIP API image. The embedded default runs anvil inside the container; with Chain__RpcUrl set it uses
# that chain instead and never starts anvil.

FROM node:20-bookworm-slim AS contracts
WORKDIR /src/contracts
COPY contracts/package.json contracts/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Vfip.Api -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY --from=contracts /src/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil /app/anvil
RUN mkdir -p /data && chown app:app /data
ENV Vfip__DataDir=/data \
    Chain__AnvilPath=/app/anvil \
    ASPNETCORE_URLS=http://0.0.0.0:8080
VOLUME /data
EXPOSE 8080
# The aspnet base image ships the unprivileged user "app".
USER app
ENTRYPOINT ["dotnet", "Vfip.Api.dll"]
