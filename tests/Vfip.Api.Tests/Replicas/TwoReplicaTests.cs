using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Nethereum.Web3;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Replicas;

/// <summary>
/// Two API replicas against one PostgreSQL database and one chain, sharing what a deployment shares (the
/// database, the blob volume, the custody key) and nothing else: separate data folders, separate processes'
/// worth of state. PostgreSQL only: replicas are what it is for.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoReplicaTests(PostgresApiFixture fixture) : IntegrationTest(fixture)
{
    private const int PerReplica = 3;

    [SkippableFact]
    public async Task TwoReplicas_SendEachRegistrationOnce_AcceptEachOthersTokens_AndServeEachOthersDesigns()
    {
        // Arrange
        var (store, replicaA, replicaB) = await StartTwoReplicasAsync();
        await using var disposeA = replicaA;
        await using var disposeB = replicaB;
        var registrar = LocalChainFixture.SecondRegistrar;
        var web3 = new Web3(Fixture.Chain.RpcUrl);
        var noncesBefore = (long)(await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(registrar.Address)).Value;

        var aliceOnA = await replicaA.SignedInClientAsync();
        var bobOnB = await replicaB.SignedInClientAsync();
        var aliceOnB = WithTokenOf(aliceOnA, replicaB);
        var bobOnA = WithTokenOf(bobOnB, replicaA);

        // Act: both replicas accept registrations at the same time.
        var registrations = await Task.WhenAll(
            Enumerable.Range(0, PerReplica).Select(i => aliceOnA.RegisterAsync(new { title = $"Alice {i}" }, TestImages.UniquePng()))
                .Concat(Enumerable.Range(0, PerReplica).Select(i => bobOnB.RegisterAsync(new { title = $"Bob {i}" }, TestImages.UniquePng()))));

        // Assert: every registration is anchored, and each replica reads what the other accepted.
        Assert.All(registrations, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = new List<string>();
        foreach (var response in registrations)
        {
            ids.Add((await response.ReadJsonAsync())["id"]!.GetValue<string>());
        }

        var anchored = new List<System.Text.Json.Nodes.JsonNode>();
        for (var i = 0; i < ids.Count; i++)
        {
            // Alice's designs came in through A and are read through B with A's token; Bob's the other way round.
            anchored.Add(await (i < PerReplica ? aliceOnB : bobOnA).WaitUntilAnchoredAsync(ids[i]));
        }

        // One token per registration, each minted by one transaction, and not one transaction more: the
        // registrar's nonce moved by exactly the number of registrations (no duplicate, failed or clashing send).
        var probe = new ChainProbe(Fixture.Chain.RpcUrl, Fixture.Chain.Registry.Address);
        foreach (var design in anchored)
        {
            Assert.Single(await probe.RegistrationsOfAsync(design["chain"]!["tokenId"]!.GetValue<string>()));
        }

        Assert.Equal(ids.Count, anchored.Select(d => d["chain"]!["txHash"]!.GetValue<string>()).Distinct().Count());
        var noncesAfter = (long)(await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(registrar.Address)).Value;
        Assert.Equal(ids.Count, noncesAfter - noncesBefore);

        // Lists and content are the same whichever replica answers.
        Assert.Equal(PerReplica, (await (await aliceOnB.GetAsync("/api/v1/designs?owner=me")).ReadJsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(PerReplica, (await (await bobOnA.GetAsync("/api/v1/designs?owner=me")).ReadJsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await replicaB.CreateClient().GetAsync($"/api/v1/designs/{ids[0]}/images/0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await replicaA.CreateClient().GetAsync($"/api/v1/designs/{ids[^1]}/metadata.json")).StatusCode);
        store.Delete();
    }

    [SkippableFact]
    public async Task TwoReplicas_SameContentAtOnce_OneDesignOneToken()
    {
        var (store, replicaA, replicaB) = await StartTwoReplicasAsync();
        await using var disposeA = replicaA;
        await using var disposeB = replicaB;
        var aliceOnA = await replicaA.SignedInClientAsync();
        var bobOnB = await replicaB.SignedInClientAsync();
        var image = TestImages.UniquePng();

        // Act: two owners upload the same bytes through different replicas at the same moment.
        var answers = await Task.WhenAll(
            aliceOnA.RegisterAsync(new { title = "Mine" }, image),
            bobOnB.RegisterAsync(new { title = "No, mine" }, image));

        // Assert: the database's unique content hash lets exactly one in; the other hears 409 naming it.
        var statuses = answers.Select(a => a.StatusCode).OrderBy(s => s).ToArray();
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], statuses);
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.Accepted);
        var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        var winnerId = (await winner.ReadJsonAsync())["id"]!.GetValue<string>();
        Assert.Equal(winnerId, (await loser.ReadJsonAsync())["existingDesignId"]!.GetValue<string>());
        var design = await (winner == answers[0] ? aliceOnA : bobOnB).WaitUntilAnchoredAsync(winnerId);
        var probe = new ChainProbe(Fixture.Chain.RpcUrl, Fixture.Chain.Registry.Address);
        Assert.Single(await probe.RegistrationsOfAsync(design["chain"]!["tokenId"]!.GetValue<string>()));
        store.Delete();
    }

    [SkippableFact]
    public async Task TwoReplicas_EachIndexLearnsTheOthersRegistrationsWithinSeconds()
    {
        var (store, replicaA, replicaB) = await StartTwoReplicasAsync(syncInterval: "00:00:00.200");
        await using var disposeA = replicaA;
        await using var disposeB = replicaB;
        var aliceOnA = await replicaA.SignedInClientAsync();
        var bobOnB = await replicaB.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var registered = await aliceOnA.RegisterAsync(new { title = "Registered on A" }, image);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var id = (await registered.ReadJsonAsync())["id"]!.GetValue<string>();

        // Act: ask B to identify the image, until its index has caught up (bounded: 20 s).
        System.Text.Json.Nodes.JsonNode? found = null;
        for (var attempt = 0; attempt < 100 && found is null; attempt++)
        {
            var file = new ByteArrayContent(image);
            var answer = await (await bobOnB.PostAsync("/api/v1/identify", new MultipartFormDataContent { { file, "image", "q.png" } })).ReadJsonAsync();
            found = answer["matches"]!.AsArray().FirstOrDefault(m => m!["designId"]!.GetValue<string>() == id);
            if (found is null)
            {
                await Task.Delay(200);
            }
        }

        // Assert: B found it, and B refuses a look-alike of it by another owner as prior art.
        Assert.NotNull(found);
        var lookalike = await bobOnB.RegisterAsync(new { title = "Copy on B" }, TestImages.AsJpeg(image));
        Assert.Equal(HttpStatusCode.Conflict, lookalike.StatusCode);
        Assert.Equal("similar_design_registered", (await lookalike.ReadJsonAsync())["code"]!.GetValue<string>());
        store.Delete();
    }

    [SkippableFact]
    public async Task TwoReplicas_LookalikesAcceptedAtOnce_TheLaterInChainOrderIsFlaggedForReview()
    {
        // Arrange: replicas whose indexes never sync by themselves, so each accepts one of two look-alikes,
        // as two replicas racing within one sync interval would.
        var (store, replicaA, replicaB) = await StartTwoReplicasAsync(syncInterval: "01:00:00");
        await using var disposeA = replicaA;
        await using var disposeB = replicaB;
        var aliceOnA = await replicaA.SignedInClientAsync();
        var bobOnB = await replicaB.SignedInClientAsync();
        var image = TestImages.UniquePng();

        var alices = await aliceOnA.RegisterAsync(new { title = "Alice's print" }, image);
        var bobs = await bobOnB.RegisterAsync(new { title = "Bob's print" }, TestImages.AsJpeg(image));
        Assert.Equal(HttpStatusCode.Accepted, alices.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, bobs.StatusCode);

        // Act: both are anchored; the chain orders them.
        var alice = await aliceOnA.WaitUntilAnchoredAsync((await alices.ReadJsonAsync())["id"]!.GetValue<string>());
        var bob = await bobOnB.WaitUntilAnchoredAsync((await bobs.ReadJsonAsync())["id"]!.GetValue<string>());
        static (long, int) Order(System.Text.Json.Nodes.JsonNode d) =>
            (d["chain"]!["blockNumber"]!.GetValue<long>(), d["chain"]!["logIndex"]!.GetValue<int>());
        var (first, later, laterClient) = Order(alice).CompareTo(Order(bob)) < 0 ? (alice, bob, bobOnB) : (bob, alice, aliceOnA);

        // Assert: the later one is flagged, naming the first; the first is not.
        System.Text.Json.Nodes.JsonNode? review = null;
        for (var attempt = 0; attempt < 50 && review is null; attempt++)
        {
            review = (await (await laterClient.GetAsync($"/api/v1/designs/{later["id"]}")).ReadJsonAsync())["review"];
            if (review is null)
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(review);
        Assert.Equal(first["id"]!.GetValue<string>(), review["conflictingDesignId"]!.GetValue<string>());
        var firstNow = await (await (first == alice ? aliceOnA : bobOnB).GetAsync($"/api/v1/designs/{first["id"]}")).ReadJsonAsync();
        Assert.Null(firstNow["review"]);
        store.Delete();
    }

    [SkippableFact]
    public async Task TwoReplicas_ARevocationOnOne_IsRefusedByTheOthersVerificationWithinTheBound()
    {
        var (store, replicaA, replicaB) = await StartTwoReplicasAsync();
        await using var disposeA = replicaA;
        await using var disposeB = replicaB;
        var ownerOnA = await replicaA.SignedInClientAsync();
        var licenseeOnA = await replicaA.SignedInClientAsync();
        var platformOnB = replicaB.CreateClient();
        var designId = (await ownerOnA.RegisterAnchoredAsync())["id"]!.GetValue<string>();
        var license = await licenseeOnA.AcceptUntilActiveAsync(await ownerOnA.OfferAsync(designId, new { preset = "personal" }));
        var query = $"/api/v1/verify?designId={designId}&holder={await licenseeOnA.UserIdAsync()}";
        var before = await (await platformOnB.GetAsync(query)).ReadJsonAsync();
        Assert.True(before["allowed"]!.GetValue<bool>(), before.ToJsonString()); // B now holds the design's rights in memory

        // Act: the owner revokes through A.
        var revoked = await ownerOnA.PostAsJsonAsync($"/api/v1/licenses/{license["id"]}/revoke", new { reason = "ended" });
        Assert.Equal(HttpStatusCode.Accepted, revoked.StatusCode);

        // Assert: B refuses it once its change-feed poll ran (bounded: 100 tries, 100 ms apart).
        System.Text.Json.Nodes.JsonNode? answer = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            answer = await (await platformOnB.GetAsync(query)).ReadJsonAsync();
            if (!answer["allowed"]!.GetValue<bool>())
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.False(answer!["allowed"]!.GetValue<bool>(), answer.ToJsonString());
        Assert.Equal("license_revoked", answer["reasons"]![0]!.GetValue<string>());
        store.Delete();
    }

    [SkippableFact]
    public async Task TwoReplicas_OverlappingExclusiveAcceptancesAtOnce_ExactlyOneIsGranted()
    {
        var (store, replicaA, replicaB) = await StartTwoReplicasAsync();
        await using var disposeA = replicaA;
        await using var disposeB = replicaB;
        var ownerOnA = await replicaA.SignedInClientAsync();
        var firstOnA = await replicaA.SignedInClientAsync();
        var secondOnB = await replicaB.SignedInClientAsync();
        var exclusiveGamesFr = new { preset = "commercial", terms = new { channels = new[] { "games" }, territories = new[] { "FR" }, exclusivity = "channel" } };

        // Several rounds, so that without the design lock both checks would very likely pass in at least one.
        for (var round = 0; round < 4; round++)
        {
            var designId = (await ownerOnA.RegisterAnchoredAsync(title: $"Exclusive {round}"))["id"]!.GetValue<string>();
            var offerA = await ownerOnA.OfferAsync(designId, exclusiveGamesFr);
            var offerB = await ownerOnA.OfferAsync(designId, exclusiveGamesFr);

            // Act: two licensees accept overlapping exclusive offers through different replicas at the same moment.
            var answers = await Task.WhenAll(
                firstOnA.PostAsync($"/api/v1/offers/{offerA}/accept", null),
                secondOnB.PostAsync($"/api/v1/offers/{offerB}/accept", null));

            // Assert: one licence, one 409 naming it.
            var statuses = answers.Select(a => a.StatusCode).OrderBy(s => s).ToArray();
            Assert.True(statuses.SequenceEqual([HttpStatusCode.Accepted, HttpStatusCode.Conflict]), $"round {round}: {string.Join(", ", statuses)}");
            var loser = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).ReadJsonAsync();
            Assert.Equal("exclusive_conflict", loser["code"]!.GetValue<string>());
            var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.Accepted).ReadJsonAsync();
            Assert.Equal(winner["id"]!.GetValue<string>(), loser["conflictingLicenseId"]!.GetValue<string>());
            var listed = await (await ownerOnA.GetAsync($"/api/v1/designs/{designId}/licenses")).ReadJsonAsync();
            Assert.Single(listed["items"]!.AsArray());
        }

        store.Delete();
    }

    // One database, and what else a deployment shares (blob volume, custody key); separate data folders. The
    // registrar key is one of their own, so the only senders on it are these two replicas.
    private async Task<(TestStore Store, VfipFactory A, VfipFactory B)> StartTwoReplicasAsync(string? syncInterval = null)
    {
        var store = await Fixture.NewStoreAsync();
        var shared = new Dictionary<string, string?>
        {
            ["Vfip:BlobDir"] = Path.Combine(store.DataDir, "shared-blobs"),
            ["Custody:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Chain:SignerKey"] = LocalChainFixture.SecondRegistrar.PrivateKey,
        };
        if (syncInterval is not null)
        {
            shared["Identification:SyncInterval"] = syncInterval;
        }

        var replicaA = Fixture.CreateFactory(store with { DataDir = Path.Combine(store.DataDir, "a") }, shared);
        var replicaB = Fixture.CreateFactory(store with { DataDir = Path.Combine(store.DataDir, "b") }, shared);
        _ = replicaA.Server;
        _ = replicaB.Server;
        return (store, replicaA, replicaB);
    }

    private static HttpClient WithTokenOf(HttpClient signedIn, VfipFactory otherReplica)
    {
        var client = otherReplica.CreateClient();
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }
}
