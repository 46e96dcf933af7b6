using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Emulator;

/// <summary>The credentials object, as GET /_emulator/credentials and <c>emulator --json</c> both give it.</summary>
internal static class CredentialsJson
{
    public static string Of(Uri url, SignalingEmulatorOptions settings) => JObject.FromObject(new
    {
        url = url.AbsoluteUri,
        appId = settings.AppId,
        customerId = settings.CustomerId,
        customerSecret = settings.CustomerSecret,
        appCertificate = settings.AppCertificate,
    }).ToString();
}
