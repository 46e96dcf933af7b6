using System.Globalization;
using System.Text;

namespace Agora.Signaling.Benchmarks.Loopback;

/// <summary>
/// The documented answers with more items: a batch of user events or a history page of any size, each item shaped
/// like the one-item answers of <see cref="FixedResponseServer"/>, so the cost that grows with the payload shows.
/// </summary>
public static class ScaledPayloads
{
    /// <summary>A pull of user events with <paramref name="count"/> events, logins and logouts in turn.</summary>
    public static string UserEvents(int count)
    {
        var json = new StringBuilder("""{"result":"success","request_id":"10116762670167749259","events":[""");
        for (int i = 0; i < count; i++)
        {
            json.Append(CultureInfo.InvariantCulture, $$"""{{(i == 0 ? "" : ",")}}{"user_id":"user{{i}}","type":"{{(i % 2 == 0 ? "Login" : "Logout")}}","ms":{{1578027420761 + i}}}""");
        }

        return json.Append("]}").ToString();
    }

    /// <summary>A message history page with <paramref name="count"/> short text messages.</summary>
    public static string History(int count)
    {
        var json = new StringBuilder("""{"errorCode":200,"error":false,"requestId":"1121_1234231","operation":"getMessage","reason":"","timestamp":1234567,"data":{"messageList":[""");
        for (int i = 0; i < count; i++)
        {
            json.Append(CultureInfo.InvariantCulture, $$"""{{(i == 0 ? "" : ",")}}{"messageType":"STRING","message":"Hello, how are you? {{i}}","customType":"text","publisher":"Tony","timestamp":{{1234567890 + i}}}""");
        }

        return json.Append(CultureInfo.InvariantCulture, $$$"""],"count":{{{count}}},"newStart":0}}""").ToString();
    }
}
