namespace Agora.Signaling.Redis.Tests;

/// <summary>
/// The public surface of Agora.Signaling.Redis is kept in redis/api/Agora.Signaling.Redis.txt, as the core's is in
/// src/api. When this fails, the new listing is written next to the test assembly; copy it over if the change is meant.
/// </summary>
public sealed class PublicApiListingTests
{
    [Fact]
    public void The_public_api_matches_the_approved_listing() =>
        PublicApiListing.ShouldMatchApproved(typeof(RedisCoordinationOptions).Assembly, Path.Combine("redis", "api", "Agora.Signaling.Redis.txt"));
}
