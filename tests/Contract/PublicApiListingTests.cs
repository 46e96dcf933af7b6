namespace Agora.Signaling.Tests.Contract;

/// <summary>
/// The public surface of Agora.Signaling is kept in src/api/Agora.Signaling.txt, so that any change to it shows
/// in review. When this fails, the new listing is written next to the test assembly; copy it over if the change is meant.
/// </summary>
public sealed class PublicApiListingTests
{
    [Fact]
    public void The_public_api_matches_the_approved_listing() =>
        PublicApiListing.ShouldMatchApproved(typeof(SignalingClient).Assembly, Path.Combine("src", "api", "Agora.Signaling.txt"));
}
